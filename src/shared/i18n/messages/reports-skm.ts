import type { MessageBundle } from '../index.ts';

/** Laporan Pelaksanaan SKM and the holiday calendar (issue 5 item 1). */
export const reportsSkmMessages: MessageBundle = {
  id: {
    'holidays.unit.unknown': 'Unit tidak dikenal',
    'holidays.duplicate': 'Tanggal {date} sudah tercatat sebagai hari libur',
  },
  en: {
    'holidays.unit.unknown': 'Unknown unit',
    'holidays.duplicate': '{date} is already in the holiday calendar',
  },
};
