import type { MessageBundle } from '../index.ts';

/** Response submission and the public survey form (issue 4, W1). */
export const responsesMessages: MessageBundle = {
  id: {
    'responses.required': '{label} wajib diisi.',
    'responses.integerRange': '{label} harus berupa bilangan bulat {min} sampai {max}.',
    'responses.choice': 'Pilih salah satu pilihan untuk {label}.',
    'responses.tooLong': '{label} terlalu panjang (paling banyak {max} karakter).',
    'responses.phoneFormat': '{label} hanya boleh berisi angka, spasi, +, - dan tanda kurung.',
    'responses.answerRequired': 'Pertanyaan {code} belum dijawab.',
    'responses.answerRange': 'Jawaban pertanyaan {code} harus berupa pilihan {min} sampai {max}.',
    'responses.unknownQuestion': 'Pertanyaan {code} tidak ada dalam kuesioner ini.',
    'responses.consent': 'Centang persetujuan pemrosesan data untuk melanjutkan.',
    'responses.serviceNotInCampaign': 'Jenis pelayanan yang dipilih tidak termasuk dalam survei unit ini.',
    'responses.serviceFixed': 'Tautan ini hanya untuk satu jenis pelayanan.',
    'responses.notCollecting': 'Survei ini sedang tidak menerima jawaban.',
    'responses.outsideWindow': 'Waktu pengisian ({date}) di luar periode pengumpulan data {start} s.d. {end}.',
    'responses.submittedAtNotAllowed': 'Waktu pengisian hanya boleh diisi untuk entri kuesioner kertas, impor atau data demo.',
    'responses.submittedAtInvalid':
      'Waktu pengisian harus berupa waktu ISO 8601 dengan zona waktu, mis. 2024-05-02T09:30:00+08:00.',
    'responses.demoInRealCampaign': 'Data demo tidak boleh dicampur ke kampanye survei sebenarnya.',
    'responses.unitNotInCampaign': 'Unit ini tidak termasuk dalam kampanye survei.',
    'responses.clientSubmissionId': 'Kunci pengiriman (clientSubmissionId) harus 8 sampai 100 karakter huruf, angka, - atau _.',
    'responses.apiKey.invalid': 'Kunci API tidak valid atau sudah dicabut.',
    'responses.apiKey.otherUnit': 'Kunci API ini hanya berlaku untuk unitnya sendiri.',
    'responses.apiKey.notFound': 'Kunci API',
    'responses.challenge.failed':
      'Pengiriman terlalu cepat atau halaman sudah terlalu lama dibuka. Jawab kode keamanan di bawah lalu kirim lagi.',
    'responses.challenge.wrong': 'Kode keamanan salah. Coba lagi.',
    'responses.rateLimited': 'Terlalu banyak pengiriman dari tautan ini. Coba lagi dalam {seconds} detik.',
    'responses.page.closed.title': 'Survei sudah ditutup',
    'responses.page.closed.body':
      'Terima kasih atas perhatian Anda. Pengumpulan data survei "{campaign}" untuk {unit} sudah berakhir, sehingga jawaban baru tidak dapat diterima lagi.',
    'responses.page.notOpen.title': 'Survei belum dibuka',
    'responses.page.notOpen.body': 'Survei "{campaign}" untuk {unit} baru dapat diisi mulai {start}. Silakan kembali lagi nanti.',
    'responses.page.replaced.title': 'Tautan survei sudah diganti',
    'responses.page.replaced.body':
      'Tautan atau kode QR ini sudah tidak berlaku karena telah diganti oleh {unit}. Silakan pindai kode QR terbaru di loket layanan atau minta tautan baru kepada petugas.',
    'responses.page.unknown.title': 'Survei tidak ditemukan',
    'responses.page.unknown.body':
      'Alamat survei ini tidak dikenal. Periksa kembali tautan atau pindai ulang kode QR di loket layanan.',
    'responses.page.thanks.title': 'Terima kasih',
    'responses.page.thanks.body':
      'Jawaban Anda sudah tersimpan. Terima kasih telah membantu kami meningkatkan kualitas pelayanan publik.',
    'responses.page.rateLimited.title': 'Terlalu banyak pengiriman',
  },
  en: {
    'responses.required': '{label} is required.',
    'responses.integerRange': '{label} must be a whole number from {min} to {max}.',
    'responses.choice': 'Choose one option for {label}.',
    'responses.tooLong': '{label} is too long (at most {max} characters).',
    'responses.phoneFormat': '{label} may contain only digits, spaces, +, - and brackets.',
    'responses.answerRequired': 'Question {code} has not been answered.',
    'responses.answerRange': 'The answer to question {code} must be an option from {min} to {max}.',
    'responses.unknownQuestion': 'Question {code} is not part of this questionnaire.',
    'responses.consent': 'Tick the data-processing consent to continue.',
    'responses.serviceNotInCampaign': 'The chosen service is not part of this unit’s survey.',
    'responses.serviceFixed': 'This link is for one service only.',
    'responses.notCollecting': 'This survey is not accepting answers at the moment.',
    'responses.outsideWindow': 'The submission time ({date}) is outside the collection period {start} to {end}.',
    'responses.submittedAtNotAllowed': 'A submission time may only be given for paper entries, imports or demo data.',
    'responses.submittedAtInvalid': 'The submission time must be an ISO 8601 time with a zone, e.g. 2024-05-02T09:30:00+08:00.',
    'responses.demoInRealCampaign': 'Demo data must not be mixed into a real survey campaign.',
    'responses.unitNotInCampaign': 'This unit is not part of the survey campaign.',
    'responses.clientSubmissionId': 'The submission key (clientSubmissionId) must be 8 to 100 letters, digits, - or _.',
    'responses.apiKey.invalid': 'The API key is invalid or has been revoked.',
    'responses.apiKey.otherUnit': 'This API key is valid for its own unit only.',
    'responses.apiKey.notFound': 'API key',
    'responses.challenge.failed':
      'The form was sent too quickly or has been open too long. Answer the security code below and send again.',
    'responses.challenge.wrong': 'The security code is wrong. Please try again.',
    'responses.rateLimited': 'Too many submissions through this link. Try again in {seconds} seconds.',
    'responses.page.closed.title': 'The survey is closed',
    'responses.page.closed.body':
      'Thank you for your interest. Data collection for the survey "{campaign}" of {unit} has ended, so new answers can no longer be accepted.',
    'responses.page.notOpen.title': 'The survey is not open yet',
    'responses.page.notOpen.body': 'The survey "{campaign}" of {unit} opens on {start}. Please come back later.',
    'responses.page.replaced.title': 'This survey link has been replaced',
    'responses.page.replaced.body':
      'This link or QR code is no longer valid because {unit} has replaced it. Please scan the latest QR code at the service counter or ask the staff for the new link.',
    'responses.page.unknown.title': 'Survey not found',
    'responses.page.unknown.body':
      'This survey address is not known. Check the link or scan the QR code at the service counter again.',
    'responses.page.thanks.title': 'Thank you',
    'responses.page.thanks.body': 'Your answers have been saved. Thank you for helping us improve public service.',
    'responses.page.rateLimited.title': 'Too many submissions',
  },
};
