import { type Band, type ClassificationTable, classify } from '../core/classification.ts';
import type { RationalLike } from '../core/rational.ts';

/**
 * DOMAIN §8.6 (D10, D13): Keputusan Kepala BPOM 128/2022 criteria for an indicator capaian and every score,
 * read on the half-up 2-decimal value. `x > 120` becomes `≥ 120.01` because no rounded value lies in between.
 */
export const SAKIP_CRITERIA: ClassificationTable = {
  code: 'SAKIP_CRITERIA',
  version: 1,
  scaleLabel: 'capaian (%)',
  comparison: 'lower_bound_inclusive',
  bands: [
    {
      code: 'tdd',
      label: 'Tidak Dapat Disimpulkan',
      labelEn: 'Cannot be concluded',
      lower: '120.01',
      colour: 'Abu Gelap',
      extra: {
        effectiveness: '',
        sentence: 'tidak dapat menggambarkan efektivitas penggunaan anggaran',
        printedRule: 'x > 120',
      },
    },
    {
      code: 'memenuhi',
      label: 'Memenuhi Ekspektasi',
      labelEn: 'Meets expectations',
      lower: '100.00',
      colour: 'Hijau',
      extra: { effectiveness: 'Efektif', sentence: 'anggaran telah digunakan secara efektif', printedRule: '100 ≤ x ≤ 120' },
    },
    {
      code: 'belum',
      label: 'Belum Memenuhi Ekspektasi',
      labelEn: 'Does not yet meet expectations',
      lower: '80.00',
      colour: 'Kuning',
      extra: {
        effectiveness: 'Kurang Efektif',
        sentence: 'anggaran belum digunakan secara efektif',
        printedRule: '80 ≤ x < 100',
      },
    },
    {
      code: 'tidak',
      label: 'Tidak Memenuhi Ekspektasi',
      labelEn: 'Does not meet expectations',
      colour: 'Merah',
      extra: { effectiveness: 'Tidak Efektif', sentence: 'penggunaan anggaran tidak efektif', printedRule: 'x < 80' },
    },
  ],
};

/** DOMAIN §8.6: capaian against the annual target. The printed "75% < x" leaves 75 unassigned; it belongs to akan_tercapai. */
export const SAKIP_ANNUAL_CRITERIA: ClassificationTable = {
  code: 'SAKIP_ANNUAL_CRITERIA',
  version: 1,
  scaleLabel: 'capaian thd target tahunan (%)',
  comparison: 'lower_bound_inclusive',
  bands: [
    { code: 'tercapai', label: 'Tercapai/Melampaui', labelEn: 'Reached/exceeded', lower: '100.00', colour: 'Hijau' },
    { code: 'akan_tercapai', label: 'Akan Tercapai', labelEn: 'Will be reached', lower: '75.00', colour: 'Kuning' },
    { code: 'perlu_upaya_keras', label: 'Perlu Upaya Keras', labelEn: 'Needs hard effort', colour: 'Merah' },
  ],
};

/** n/a stays n/a: a missing value is never classified (D25). */
export function classifyOrNull(table: ClassificationTable, value: RationalLike | null): Band | null {
  return value === null ? null : classify(table, value);
}
