import { describe, expect, it } from 'vitest';
import { classify } from '../core/classification.ts';
import {
  AKIP,
  DATA_INDEX_0_3,
  IP_ASN,
  IPA_1_4,
  IPP_UPP_0_5,
  ITKP,
  KIE_EFFECTIVENESS,
  REFERENCE_TABLES,
} from './reference-tables.ts';
import { d } from './test-fixtures.ts';

const label = (t: Parameters<typeof classify>[0], v: string) => classify(t, d(v)).label;

describe('§8.14 reference classification tables (D13: on the 2-decimal value)', () => {
  it('IPP_UPP_0_5 upper-inclusive', () => {
    expect(label(IPP_UPP_0_5, '1.00')).toBe('Gagal');
    expect(label(IPP_UPP_0_5, '1.004')).toBe('Gagal');
    expect(label(IPP_UPP_0_5, '1.005')).toBe('Sangat Buruk');
    expect(label(IPP_UPP_0_5, '4.89')).toBe('Pelayanan Prima');
    expect(classify(IPP_UPP_0_5, d('4.45')).code).toBe('A-');
    expect(classify(IPP_UPP_0_5, d('3.20')).code).toBe('B-');
  });

  it('KIE_EFFECTIVENESS: 65,00 -> Kurang Efektif; 96,31 -> Sangat Efektif Sekali', () => {
    expect(label(KIE_EFFECTIVENESS, '65.00')).toBe('Kurang Efektif');
    expect(label(KIE_EFFECTIVENESS, '65.01')).toBe('Cukup Efektif');
    expect(label(KIE_EFFECTIVENESS, '92.74')).toBe('Sangat Efektif');
    expect(label(KIE_EFFECTIVENESS, '96.31')).toBe('Sangat Efektif Sekali');
  });

  it('AKIP: > 90 AA ... 30 -> D', () => {
    expect(classify(AKIP, d('90.01')).code).toBe('AA');
    expect(classify(AKIP, d('90.00')).code).toBe('A');
    expect(classify(AKIP, d('74.22')).code).toBe('BB');
    expect(classify(AKIP, d('30')).code).toBe('D');
    expect(classify(AKIP, d('30.01')).code).toBe('C');
  });

  it('IP_ASN: a decimal such as 90,50 is > 90 -> Sangat Tinggi; 60 -> Sangat Rendah', () => {
    expect(label(IP_ASN, '90.50')).toBe('Sangat Tinggi');
    expect(label(IP_ASN, '90')).toBe('Tinggi');
    expect(label(IP_ASN, '81.6')).toBe('Tinggi');
    expect(label(IP_ASN, '60')).toBe('Sangat Rendah');
  });

  it('DATA_INDEX_0_3: 2,85 Sangat Optimal; 2,25 Optimal; 0,75 Kurang optimal', () => {
    expect(label(DATA_INDEX_0_3, '2.85')).toBe('Sangat Optimal');
    expect(label(DATA_INDEX_0_3, '2.25')).toBe('Optimal');
    expect(label(DATA_INDEX_0_3, '2.26')).toBe('Sangat Optimal');
    expect(label(DATA_INDEX_0_3, '0.75')).toBe('Kurang optimal');
  });

  it('ITKP: > 90 Sangat Baik; > 70 Baik; ≥ 50 Cukup; < 50 Kurang', () => {
    expect(label(ITKP, '90')).toBe('Baik');
    expect(label(ITKP, '90.01')).toBe('Sangat Baik');
    expect(label(ITKP, '70')).toBe('Cukup');
    expect(label(ITKP, '50')).toBe('Cukup');
    expect(label(ITKP, '49.99')).toBe('Kurang');
  });

  it('IPA_1_4 ordinal', () => {
    expect([1, 2, 3, 4].map((v) => classify(IPA_1_4, d(v)).label)).toEqual(['buruk', 'cukup', 'baik', 'sangat baik']);
  });

  it('every table has unique band codes', () => {
    for (const t of REFERENCE_TABLES) expect(new Set(t.bands.map((b) => b.code)).size).toBe(t.bands.length);
  });
});
