import type { MessageBundle } from '../index.ts';

export const surveysMessages: MessageBundle = {
  id: {
    'surveys.campaign': 'Kampanye survei',
    'surveys.target': 'Target layanan',
    'surveys.link': 'Tautan survei',
    'surveys.status.draft': 'Draf',
    'surveys.status.targets_set': 'Target ditetapkan',
    'surveys.status.collecting': 'Pengumpulan data',
    'surveys.status.validating': 'Validasi data',
    'surveys.status.reporting': 'Pelaporan',
    'surveys.status.closed': 'Ditutup',
    'surveys.invalidTransition':
      'Status kampanye tidak dapat diubah dari "{fromLabel}" ke "{toLabel}". Langkah berikutnya yang diizinkan: {allowedLabels}.',
    'surveys.noNextStatus': 'tidak ada (kampanye sudah ditutup)',
    'surveys.concurrentChange': 'Status kampanye baru saja diubah oleh pengguna lain. Muat ulang halaman lalu coba lagi.',
    'surveys.guard.startNotReached': 'Pengumpulan data baru dapat dimulai pada {date}.',
    'surveys.guard.endNotPassed':
      'Pengumpulan data berlangsung sampai {date} (inklusif). Validasi dapat dimulai setelah tanggal tersebut lewat di semua unit.',
    'surveys.guard.matrixDueNotPassed': 'Batas penyampaian matriks validitas data ({date}) belum lewat.',
    'surveys.extension.notAllowed':
      'Perpanjangan hanya dapat dicatat sebelum validasi data dimulai (status saat ini: "{statusLabel}").',
    'surveys.extension.notAfter': 'Tanggal akhir baru harus sesudah tanggal akhir saat ini ({date}).',
    'surveys.target.closed': 'Kampanye sudah ditutup: target tidak dapat diubah lagi; koreksi hanya melalui restatement.',
    'surveys.target.recomputeNotAllowed': 'Target hanya dapat dihitung ulang pada status "Draf" atau "Target ditetapkan".',
    'surveys.link.inactive': 'Tautan ini sudah tidak aktif karena telah diganti. Gunakan tautan yang baru.',
    'surveys.link.campaignClosed': 'Kampanye sudah ditutup: tautan tidak dapat dibuat atau diganti.',
    'surveys.link.regenerateWarning':
      'Tautan lama tidak berlaku lagi: poster dan kode QR yang sudah dicetak atau dibagikan tidak dapat dipakai dan harus diganti.',
    'surveys.unit.unknown': 'Unit tidak ditemukan atau tidak aktif',
    'surveys.unit.notPublicService': 'Unit ini bukan unit penyelenggara pelayanan publik (UPP)',
    'surveys.unit.noServices': 'Unit ini tidak memiliki jenis layanan aktif',
    'surveys.service.notOfUnit': 'Jenis layanan ini bukan layanan aktif dari unit tersebut',
    'surveys.profile.unknown': 'Profil instrumen {code} versi {version} tidak tersedia',
    'surveys.poster.title': 'Survei Kepuasan Masyarakat',
    'surveys.poster.callToAction':
      'Bantu kami meningkatkan pelayanan: pindai kode QR ini untuk mengisi Survei Kepuasan Masyarakat',
    'surveys.poster.orOpen': 'atau buka alamat ini di peramban ponsel Anda:',
    'surveys.poster.footer':
      'Pengisian survei hanya beberapa menit. Data pribadi Anda dilindungi dan hanya digunakan untuk peningkatan pelayanan.',
  },
  en: {
    'surveys.campaign': 'Survey campaign',
    'surveys.target': 'Service target',
    'surveys.link': 'Survey link',
    'surveys.status.draft': 'Draft',
    'surveys.status.targets_set': 'Targets set',
    'surveys.status.collecting': 'Collecting',
    'surveys.status.validating': 'Validating',
    'surveys.status.reporting': 'Reporting',
    'surveys.status.closed': 'Closed',
    'surveys.invalidTransition': 'The campaign cannot move from "{from}" to "{to}". Allowed next step: {allowed}.',
    'surveys.noNextStatus': 'none (the campaign is closed)',
    'surveys.concurrentChange': 'Someone else just changed the campaign status. Reload the page and try again.',
    'surveys.guard.startNotReached': 'Data collection can start on {date}.',
    'surveys.guard.endNotPassed':
      'Data collection runs until {date} (inclusive). Validation can start once that day has passed in every unit.',
    'surveys.guard.matrixDueNotPassed': 'The validity-matrix deadline ({date}) has not passed yet.',
    'surveys.extension.notAllowed': 'An extension can only be recorded before validation starts (current status: "{status}").',
    'surveys.extension.notAfter': 'The new end date must be after the current end date ({date}).',
    'surveys.target.closed': 'The campaign is closed: targets cannot change any more; corrections go through a restatement.',
    'surveys.target.recomputeNotAllowed': 'Targets can only be recomputed in "Draft" or "Targets set".',
    'surveys.link.inactive': 'This link is no longer active because it was replaced. Use the new link.',
    'surveys.link.campaignClosed': 'The campaign is closed: links cannot be created or replaced.',
    'surveys.link.regenerateWarning':
      'The old link no longer works: posters and QR codes already printed or shared cannot be used and must be replaced.',
    'surveys.unit.unknown': 'Unit not found or inactive',
    'surveys.unit.notPublicService': 'This unit is not a public-service unit (UPP)',
    'surveys.unit.noServices': 'This unit has no active service',
    'surveys.service.notOfUnit': 'This service is not an active service of that unit',
    'surveys.profile.unknown': 'Instrument profile {code} version {version} is not available',
    'surveys.poster.title': 'Community Satisfaction Survey',
    'surveys.poster.callToAction': 'Help us improve our service: scan this QR code to fill in the Community Satisfaction Survey',
    'surveys.poster.orOpen': 'or open this address in your phone browser:',
    'surveys.poster.footer':
      'The survey takes a few minutes. Your personal data are protected and used only to improve the service.',
  },
};
