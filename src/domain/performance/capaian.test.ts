import { describe, expect, it } from 'vitest';
import { classify } from '../core/classification.ts';
import { Rational } from '../core/rational.ts';
import { toFixedHalfUp } from '../core/rounding.ts';
import { capaian } from './capaian.ts';
import { SAKIP_ANNUAL_CRITERIA, SAKIP_CRITERIA } from './criteria.ts';
import { d, SETTAMA_ROWS } from './test-fixtures.ts';

const fixed = (x: Rational | null) => (x === null ? null : toFixedHalfUp(x));

describe('capaian (DOMAIN §8.5, D9/D24/D25)', () => {
  it('maximize: R/T × 100, uncapped', () => {
    expect(capaian(d('81.37'), d('67.7')).value?.eq(Rational.parse('81.37').div(Rational.parse('67.7')).mul(100))).toBe(true);
    expect(fixed(capaian(d('71.23'), d('52.5')).value)).toBe('135.68');
  });

  it('minimize: default (2 − R/T) × 100 (D24)', () => {
    expect(fixed(capaian(d('5'), d('4'), { polarity: 'minimize' }).value)).toBe('75.00');
    expect(fixed(capaian(d('3'), d('4'), { polarity: 'minimize' }).value)).toBe('125.00');
  });

  it('minimize with T/R × 100; R = 0 is n/a with a warning', () => {
    expect(fixed(capaian(d('5'), d('4'), { polarity: 'minimize', minimizeFormula: 'target_over_realisation' }).value)).toBe(
      '80.00',
    );
    const zero = capaian(d('0'), d('4'), { polarity: 'minimize', minimizeFormula: 'target_over_realisation' });
    expect(zero.value).toBeNull();
    expect(zero.reason).toBe('zero_realisation');
    expect(zero.warning).toMatch(/Realisasi 0/);
  });

  it('no target -> n/a; target 0 -> n/a; not measured -> not_measured (D25)', () => {
    expect(capaian(d('2'), null)).toEqual({ value: null, reason: 'no_target' });
    expect(capaian(d('2'), d('0'))).toEqual({ value: null, reason: 'no_target' });
    expect(capaian(null, d('2'))).toEqual({ value: null, reason: 'not_measured' });
  });
});

describe('EX-SK-01 Sekretariat Utama TW II 2023: indicator capaian', () => {
  const expected: Record<string, [string, string, string, string, string]> = {
    // capaian B03, capaian B06, criterion B06, capaian vs B12, annual criterion
    '4': ['54.65', '101.83', 'memenuhi', '89.87', 'akan_tercapai'],
    '9': ['100.00', '89.25', 'belum', '47.40', 'perlu_upaya_keras'],
    '15': ['119.53', '99.05', 'belum', '59.43', 'perlu_upaya_keras'],
    '16': ['84.64', '94.94', 'belum', '94.94', 'akan_tercapai'],
    '17': ['102.75', '108.40', 'memenuhi', '49.27', 'perlu_upaya_keras'],
    '18': ['97.85', '98.84', 'belum', '98.84', 'akan_tercapai'],
    '19': ['88.15', '117.95', 'memenuhi', '89.58', 'akan_tercapai'],
    '20': ['98.73', '99.46', 'belum', '99.46', 'akan_tercapai'],
    '21': ['98.85', '100.05', 'memenuhi', '100.05', 'tercapai'],
    '26': ['114.00', '114.00', 'memenuhi', '114.00', 'tercapai'],
    '27': ['135.68', '120.19', 'tdd', '86.93', 'akan_tercapai'],
  };
  for (const row of SETTAMA_ROWS) {
    it(`#${row.code}`, () => {
      const [c3, c6, crit, cy, annualCrit] = expected[row.code] as [string, string, string, string, string];
      const q1 = capaian(d(row.r3), d(row.t3)).value;
      const q2 = capaian(d(row.r6), d(row.t6)).value;
      const year = capaian(d(row.r6), d(row.t12)).value;
      expect(fixed(q1)).toBe(c3);
      expect(fixed(q2)).toBe(c6);
      expect(classify(SAKIP_CRITERIA, q2 as Rational).code).toBe(crit);
      expect(fixed(year)).toBe(cy);
      expect(classify(SAKIP_ANNUAL_CRITERIA, year as Rational).code).toBe(annualCrit);
    });
  }

  it('#15 and #20 use the corrected TW I targets (30 and 99,4), not the Tabel 6 misprints', () => {
    expect(fixed(capaian(d('35.86'), d('60')).value)).not.toBe('119.53');
    expect(fixed(capaian(d('98.14'), d('99.6')).value)).not.toBe('98.73');
  });

  it('#27 against the PK target 94,2 would give 86,38 (the report uses 93,6)', () => {
    expect(fixed(capaian(d('81.37'), d('94.2')).value)).toBe('86.38');
  });
});

describe('EX-SK-04 criteria boundaries (D10, D13)', () => {
  const cases: [string, string, string][] = [
    ['120.19', 'tdd', 'tercapai'],
    ['120.005', 'tdd', 'tercapai'],
    ['120.004', 'memenuhi', 'tercapai'],
    ['100.00', 'memenuhi', 'tercapai'],
    ['99.995', 'memenuhi', 'tercapai'],
    ['99.99', 'belum', 'akan_tercapai'],
    ['80.00', 'belum', 'akan_tercapai'],
    ['79.99', 'tidak', 'akan_tercapai'],
    ['75.00', 'tidak', 'akan_tercapai'],
    ['74.99', 'tidak', 'perlu_upaya_keras'],
  ];
  for (const [value, criterion, annual] of cases) {
    it(`${value} -> ${criterion} / ${annual}`, () => {
      expect(classify(SAKIP_CRITERIA, d(value)).code).toBe(criterion);
      expect(classify(SAKIP_ANNUAL_CRITERIA, d(value)).code).toBe(annual);
    });
  }

  it('labels are the Indonesian criteria of Keputusan Kepala BPOM 128/2022', () => {
    expect(SAKIP_CRITERIA.bands.map((b) => b.label)).toEqual([
      'Tidak Dapat Disimpulkan',
      'Memenuhi Ekspektasi',
      'Belum Memenuhi Ekspektasi',
      'Tidak Memenuhi Ekspektasi',
    ]);
    expect(classify(SAKIP_CRITERIA, d('101.83')).extra?.effectiveness).toBe('Efektif');
    expect(SAKIP_ANNUAL_CRITERIA.bands.map((b) => b.label)).toEqual(['Tercapai/Melampaui', 'Akan Tercapai', 'Perlu Upaya Keras']);
  });

  it('the tables are configurable data: a stricter table changes the result', () => {
    const strict = {
      ...SAKIP_CRITERIA,
      code: 'STRICT',
      bands: SAKIP_CRITERIA.bands.map((b) => (b.code === 'belum' ? { ...b, lower: '90.00' } : b)),
    };
    expect(classify(strict, d('85')).code).toBe('tidak');
    expect(classify(SAKIP_CRITERIA, d('85')).code).toBe('belum');
  });
});
