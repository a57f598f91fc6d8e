import type { MessageBundle } from '../index.ts';

export const resultsMessages: MessageBundle = {
  id: {
    'results.restate.notClosed':
      'Restatement hanya untuk kampanye yang sudah ditutup; sebelum itu hasil masih dihitung langsung.',
    'results.noSkm': 'Kampanye ini tidak memakai instrumen SKM, sehingga tidak ada IKM; lihat hasil SPKP/SPAK per bulan.',
    'results.restated': 'dikoreksi pada laporan berikutnya',
  },
  en: {
    'results.restate.notClosed': 'A restatement applies to closed campaigns only; before closing, results are computed live.',
    'results.noSkm': 'This campaign has no SKM instrument, so there is no IKM; see the monthly SPKP/SPAK results.',
    'results.restated': 'corrected in a later report',
  },
};
