import type { ClassificationTable } from './core/classification.ts';

/** DOMAIN §5.8 (D1): PermenPANRB 14/2017 grade on the rounded 0-100 value; D catches everything below 65. */
export const SKM_GRADE: ClassificationTable = {
  code: 'SKM_GRADE',
  version: 1,
  scaleLabel: '0-100',
  comparison: 'lower_bound_inclusive',
  bands: [
    { code: 'A', label: 'Sangat Baik', labelEn: 'Very good', lower: '88.31', extra: { printedRange: '88,31 – 100,00' } },
    { code: 'B', label: 'Baik', labelEn: 'Good', lower: '76.61', extra: { printedRange: '76,61 – 88,30' } },
    { code: 'C', label: 'Kurang Baik', labelEn: 'Poor', lower: '65.00', extra: { printedRange: '65,00 – 76,60' } },
    { code: 'D', label: 'Tidak Baik', labelEn: 'Very poor', extra: { printedRange: '25,00 – 64,99' } },
  ],
};

/**
 * DOMAIN §6.5 (D8): bands on the rounded 1-4 value, upper-inclusive. `label` is the SPKP wording;
 * the SPAK wording is in `extra` (one table, two surveys, as printed in seed 002).
 */
export const PERCEPTION_BANDS: ClassificationTable = {
  code: 'PERCEPTION_BANDS',
  version: 1,
  scaleLabel: '1-4',
  comparison: 'upper_bound_inclusive',
  bands: [
    {
      code: '1',
      label: 'Tidak memuaskan',
      labelEn: 'Unsatisfactory',
      upper: '1.75',
      extra: {
        spakLabel: 'Tidak bersih dari korupsi',
        spakLabelEn: 'Not free from corruption',
        interval: '1,00 – 1,75',
        converted: '25,00 – 43,75',
      },
    },
    {
      code: '2',
      label: 'Kurang memuaskan',
      labelEn: 'Less than satisfactory',
      upper: '2.50',
      extra: {
        spakLabel: 'Kurang bersih dari korupsi',
        spakLabelEn: 'Not quite free from corruption',
        interval: '1,76 – 2,50',
        converted: '43,76 – 62,50',
      },
    },
    {
      code: '3',
      label: 'Cukup memuaskan',
      labelEn: 'Fairly satisfactory',
      upper: '3.25',
      extra: {
        spakLabel: 'Cukup bersih dari korupsi',
        spakLabelEn: 'Fairly free from corruption',
        interval: '2,51 – 3,25',
        converted: '62,51 – 81,25',
      },
    },
    {
      code: '4',
      label: 'Memuaskan',
      labelEn: 'Satisfactory',
      upper: '4.00',
      extra: {
        spakLabel: 'Bersih dari korupsi',
        spakLabelEn: 'Free from corruption',
        interval: '3,26 – 4,00',
        converted: '81,26 – 100',
      },
    },
  ],
};
