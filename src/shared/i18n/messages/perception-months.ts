import type { MessageBundle } from '../index.ts';

export const perceptionMonthsMessages: MessageBundle = {
  id: {
    'perception.notEnded': 'Bulan {period} belum berakhir menurut zona waktu unit ({timeZone}).',
    'perception.graceNotOver':
      'Bulan {period} baru dapat dibekukan mulai {date}: masa pembersihan data {days} hari setelah akhir bulan belum selesai.',
    'perception.alreadyFrozen': 'Bulan {period} sudah dibekukan. Koreksi dilakukan dengan restatement beserta alasannya.',
    'perception.restate.notFrozen': 'Restatement hanya untuk bulan yang sudah dibekukan; bulan {period} belum dibekukan.',
    'perception.restate.profile': 'Data bulan {period} kini memakai profil instrumen lain; restatement tidak dapat dihitung.',
    'perception.frozenCleansing':
      'Hasil SPKP/SPAK bulan {period} sudah dibekukan oleh Inspektorat Utama; keputusan pembersihan data yang mengubah bulan itu tidak dapat dilakukan. Koreksi hanya melalui restatement.',
    'web.perception.months.title': 'Bulan SPKP/SPAK',
    'web.perception.months.link': 'Bulan SPKP/SPAK (Inspektorat)',
    'web.perception.months.about':
      'Bulan ditutup otomatis saat berakhir menurut zona waktu unit ({zone}). Setelah masa pembersihan data, Inspektorat Utama membekukan bulan: IPP dan IPAK disimpan sebagai hasil resmi dan nilai LKE dihitung dari bulan yang dibekukan.',
    'web.perception.months.grace': 'Masa pembersihan data: {days} hari setelah akhir bulan.',
    'web.perception.months.graceLabel': 'Ubah masa pembersihan (hari)',
    'web.perception.months.graceSave': 'Simpan',
    'web.perception.months.caption': 'SPKP/SPAK per bulan, tahun {year}',
    'web.perception.months.status': 'Status',
    'web.perception.months.status.open': 'Berjalan',
    'web.perception.months.status.closed': 'Ditutup',
    'web.perception.months.status.frozen': 'Dibekukan',
    'web.perception.months.restated': 'dikoreksi',
    'web.perception.months.responses': 'Respons',
    'web.perception.months.spkp': 'IPP',
    'web.perception.months.spak': 'IPAK',
    'web.perception.months.worksheet': 'Nilai LKE {survey}',
    'web.perception.months.action': 'Tindakan',
    'web.perception.months.freeze': 'Bekukan',
    'web.perception.months.freezeConfirm':
      'Bekukan bulan {period}? Setelah dibekukan, pembersihan data bulan ini tidak dapat dilakukan lagi; koreksi hanya melalui restatement.',
    'web.perception.months.frozenDone': 'Bulan {period} telah dibekukan.',
    'web.perception.months.freezableFrom': 'dapat dibekukan mulai {date}',
    'web.perception.months.note':
      'Nilai LKE = rata-rata nilai bulan yang dibekukan dalam 3 bulan terakhir; * = kurang dari 3 bulan. Bulan yang belum dibekukan menampilkan nilai sementara.',
  },
  en: {
    'perception.notEnded': 'Month {period} has not ended yet in the unit time zone ({timeZone}).',
    'perception.graceNotOver':
      'Month {period} can be frozen from {date}: the {days}-day cleansing grace period after the month end is not over.',
    'perception.alreadyFrozen': 'Month {period} is already frozen. A correction is a restatement with a reason.',
    'perception.restate.notFrozen': 'A restatement applies to frozen months only; month {period} is not frozen.',
    'perception.restate.profile':
      'The data of month {period} now uses another instrument profile; no restatement can be computed.',
    'perception.frozenCleansing':
      'The SPKP/SPAK results of {period} have been frozen by the Inspectorate; a cleansing decision that changes that month is refused. A correction is a restatement.',
    'web.perception.months.title': 'SPKP/SPAK months',
    'web.perception.months.link': 'SPKP/SPAK months (Inspectorate)',
    'web.perception.months.about':
      'A month closes by itself when it ends in the unit time zone ({zone}). After the cleansing grace period the Inspectorate freezes it: IPP and IPAK are stored as official results and the worksheet value is computed from frozen months.',
    'web.perception.months.grace': 'Cleansing grace period: {days} days after the month end.',
    'web.perception.months.graceLabel': 'Change the grace period (days)',
    'web.perception.months.graceSave': 'Save',
    'web.perception.months.caption': 'SPKP/SPAK per month, {year}',
    'web.perception.months.status': 'Status',
    'web.perception.months.status.open': 'Running',
    'web.perception.months.status.closed': 'Closed',
    'web.perception.months.status.frozen': 'Frozen',
    'web.perception.months.restated': 'corrected',
    'web.perception.months.responses': 'Responses',
    'web.perception.months.spkp': 'IPP',
    'web.perception.months.spak': 'IPAK',
    'web.perception.months.worksheet': '{survey} worksheet value',
    'web.perception.months.action': 'Action',
    'web.perception.months.freeze': 'Freeze',
    'web.perception.months.freezeConfirm':
      'Freeze {period}? Afterwards no cleansing can change this month; a correction is a restatement.',
    'web.perception.months.frozenDone': '{period} has been frozen.',
    'web.perception.months.freezableFrom': 'can be frozen from {date}',
    'web.perception.months.note':
      'Worksheet value = mean of the frozen months among the last 3; * = fewer than 3 months. Months not yet frozen show provisional values.',
  },
};
