import type { ClassificationTable } from '../core/classification.ts';

/*
 * DOMAIN §8.14: reference classification tables for indicator values, as data (D13: read on the 2-decimal
 * value). A printed "> 90" is `≥ 90.01` on that value, which closes every printed gap.
 */

export const IPP_UPP_0_5: ClassificationTable = {
  code: 'IPP_UPP_0_5',
  version: 1,
  scaleLabel: '0-5',
  comparison: 'upper_bound_inclusive',
  bands: [
    { code: 'F', label: 'Gagal', labelEn: 'Failed', upper: '1.00' },
    { code: 'E', label: 'Sangat Buruk', labelEn: 'Very poor', upper: '1.50' },
    { code: 'D', label: 'Buruk', labelEn: 'Poor', upper: '2.00' },
    { code: 'C-', label: 'Cukup (Dengan Catatan)', labelEn: 'Fair (with notes)', upper: '2.50' },
    { code: 'C', label: 'Cukup', labelEn: 'Fair', upper: '3.00' },
    { code: 'B-', label: 'Baik (Dengan Catatan)', labelEn: 'Good (with notes)', upper: '3.50' },
    { code: 'B', label: 'Baik', labelEn: 'Good', upper: '4.00' },
    { code: 'A-', label: 'Sangat Baik', labelEn: 'Very good', upper: '4.50' },
    { code: 'A', label: 'Pelayanan Prima', labelEn: 'Excellent service', upper: '5.00' },
  ],
};

export const KIE_EFFECTIVENESS: ClassificationTable = {
  code: 'KIE_EFFECTIVENESS',
  version: 1,
  scaleLabel: '0-100',
  comparison: 'upper_bound_inclusive',
  bands: [
    { code: 'kurang_efektif', label: 'Kurang Efektif', labelEn: 'Less effective', upper: '65.00' },
    { code: 'cukup_efektif', label: 'Cukup Efektif', labelEn: 'Fairly effective', upper: '75.00' },
    { code: 'efektif', label: 'Efektif', labelEn: 'Effective', upper: '85.00' },
    { code: 'sangat_efektif', label: 'Sangat Efektif', labelEn: 'Very effective', upper: '95.00' },
    { code: 'sangat_efektif_sekali', label: 'Sangat Efektif Sekali', labelEn: 'Extremely effective', upper: '100.00' },
  ],
};

export const AKIP: ClassificationTable = {
  code: 'AKIP',
  version: 1,
  scaleLabel: '0-100',
  comparison: 'lower_bound_inclusive',
  bands: [
    { code: 'AA', label: 'Sangat Memuaskan', labelEn: 'Very satisfactory', lower: '90.01' },
    { code: 'A', label: 'Memuaskan', labelEn: 'Satisfactory', lower: '80.01' },
    { code: 'BB', label: 'Sangat Baik', labelEn: 'Very good', lower: '70.01' },
    { code: 'B', label: 'Baik', labelEn: 'Good', lower: '60.01' },
    { code: 'CC', label: 'Cukup Baik', labelEn: 'Fairly good', lower: '50.01' },
    { code: 'C', label: 'Agak Kurang', labelEn: 'Somewhat poor', lower: '30.01' },
    { code: 'D', label: 'Kurang', labelEn: 'Poor' },
  ],
};

/** Printed as integer ranges (91–100, 81–90, …); a decimal such as 90,50 is > 90. */
export const IP_ASN: ClassificationTable = {
  code: 'IP_ASN',
  version: 1,
  scaleLabel: '0-100',
  comparison: 'lower_bound_inclusive',
  bands: [
    { code: 'sangat_tinggi', label: 'Sangat Tinggi', labelEn: 'Very high', lower: '90.01' },
    { code: 'tinggi', label: 'Tinggi', labelEn: 'High', lower: '80.01' },
    { code: 'sedang', label: 'Sedang', labelEn: 'Medium', lower: '70.01' },
    { code: 'rendah', label: 'Rendah', labelEn: 'Low', lower: '60.01' },
    { code: 'sangat_rendah', label: 'Sangat Rendah', labelEn: 'Very low' },
  ],
};

export const DATA_INDEX_0_3: ClassificationTable = {
  code: 'DATA_INDEX_0_3',
  version: 1,
  scaleLabel: '0-3',
  comparison: 'upper_bound_inclusive',
  bands: [
    { code: 'kurang_optimal', label: 'Kurang optimal', labelEn: 'Less than optimal', upper: '0.75' },
    { code: 'cukup_optimal', label: 'Cukup Optimal', labelEn: 'Fairly optimal', upper: '1.50' },
    { code: 'optimal', label: 'Optimal', labelEn: 'Optimal', upper: '2.25' },
    { code: 'sangat_optimal', label: 'Sangat Optimal', labelEn: 'Very optimal', upper: '3.00' },
  ],
};

export const ITKP: ClassificationTable = {
  code: 'ITKP',
  version: 1,
  scaleLabel: '0-100',
  comparison: 'lower_bound_inclusive',
  bands: [
    { code: 'sangat_baik', label: 'Sangat Baik', labelEn: 'Very good', lower: '90.01' },
    { code: 'baik', label: 'Baik', labelEn: 'Good', lower: '70.01' },
    { code: 'cukup', label: 'Cukup', labelEn: 'Fair', lower: '50.00' },
    { code: 'kurang', label: 'Kurang', labelEn: 'Poor' },
  ],
};

/** Ordinal 1-4 scale. */
export const IPA_1_4: ClassificationTable = {
  code: 'IPA_1_4',
  version: 1,
  scaleLabel: '1-4',
  comparison: 'upper_bound_inclusive',
  bands: [
    { code: '1', label: 'buruk', labelEn: 'poor', upper: '1' },
    { code: '2', label: 'cukup', labelEn: 'fair', upper: '2' },
    { code: '3', label: 'baik', labelEn: 'good', upper: '3' },
    { code: '4', label: 'sangat baik', labelEn: 'very good', upper: '4' },
  ],
};

export const REFERENCE_TABLES: readonly ClassificationTable[] = [
  IPP_UPP_0_5,
  KIE_EFFECTIVENESS,
  AKIP,
  IP_ASN,
  DATA_INDEX_0_3,
  ITKP,
  IPA_1_4,
];
