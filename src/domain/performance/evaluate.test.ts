import { describe, expect, it } from 'vitest';
import { mean, Rational } from '../core/rational.ts';
import { roundHalfUp, toFixedHalfUp } from '../core/rounding.ts';
import { defaultQuarter, evaluatePerformance, type PerformanceResult } from './evaluate.ts';
import { countByCriterion, overallScore, perspectiveScores, sasaranScores } from './scores.ts';
import { d, serangInput, settamaInput } from './test-fixtures.ts';

const fx = (x: Rational | null, places = 2) => (x === null ? null : toFixedHalfUp(x, places));
const byCode = <T extends { code: string }>(list: readonly T[], code: string): T => {
  const found = list.find((x) => x.code === code);
  if (!found) throw new Error(`no ${code}`);
  return found;
};

describe('EX-SK-02 Sekretariat Utama TW II 2023: scores and NPSS (mean_of_perspectives)', () => {
  const r: PerformanceResult = evaluatePerformance(settamaInput(), 2);

  it.each([
    ['SP1', '101.8345', 'memenuhi'],
    ['SP3', '89.2487', 'belum'],
    ['SP6', '96.9938', 'belum'],
    ['SP7', '108.3961', 'memenuhi'],
    ['SP8', '99.7549', 'belum'],
    ['SP11', '114.0000', 'memenuhi'],
    ['SP12', '120.1920', 'tdd'],
  ])('%s = %s (%s)', (code, full, criterion) => {
    const s = byCode(r.sasaran, code);
    expect(fx(s.score, 4)).toBe(full);
    expect(s.criterion?.code).toBe(criterion);
  });

  it('sasaran without a measured indicator have no score (year-end indicators excluded, D25)', () => {
    for (const code of ['SP2', 'SP4', 'SP5', 'SP9', 'SP10']) {
      expect(byCode(r.sasaran, code).score).toBeNull();
      expect(byCode(r.sasaran, code).measured).toBe(0);
    }
    expect(r.sasaranCounts.notDeterminable).toBe(5);
  });

  it('perspectives 101,83 / 98,60 / 117,10 and NPSS 105,84', () => {
    expect(fx(byCode(r.perspectives, 'stakeholder').score, 4)).toBe('101.8345');
    expect(fx(byCode(r.perspectives, 'internal_process').score, 4)).toBe('98.5984');
    expect(fx(byCode(r.perspectives, 'learning_growth').score, 4)).toBe('117.0960');
    expect(fx(r.overall.score, 4)).toBe('105.8430');
    expect(fx(r.overall.score)).toBe('105.84');
    expect(r.overall.method).toBe('mean_of_perspectives');
    expect(r.overall.criterion?.code).toBe('memenuhi');
  });

  it('counts at TW II: Memenuhi 5, Belum 5, Tidak 0, TDD 1', () => {
    expect(r.indicatorCounts.counts).toEqual({ memenuhi: 5, belum: 5, tidak: 0, tdd: 1 });
  });

  it('must NOT produce 97,00 for SP6 (mean of rounded capaian)', () => {
    const roundedMean = mean(['15', '16'].map((c) => roundHalfUp(byCode(r.indicators, c).capaianPeriod as Rational)));
    expect(fx(roundedMean)).toBe('97.00');
    expect(fx(byCode(r.sasaran, 'SP6').score)).toBe('96.99');
  });

  it('must NOT produce 104,35 (mean of the 7 sasaran) or 104,00 (mean of the 11 indicators) as NPSS', () => {
    const ofSasaran = evaluatePerformance({ ...settamaInput(), entity: { name: 'x', overallMethod: 'mean_of_sasaran' } }, 2);
    expect(fx(ofSasaran.overall.score)).toBe('104.35');
    const ofIndicators = mean(r.indicators.map((i) => i.capaianPeriod as Rational));
    expect(fx(ofIndicators)).toBe('104.00');
    expect(fx(r.overall.score)).not.toBe('104.35');
    expect(fx(r.overall.score)).not.toBe('104.00');
  });

  it('SP8: #20 entered as 14.875/15.016 gives 99,76; entered as 99,06 gives 99,75 (D31)', () => {
    const fromCounts = evaluatePerformance(
      settamaInput({ realisation20: { kind: 'ratio', numerator: d(14875), denominator: d(15016) } }),
      2,
    );
    expect(fx(byCode(fromCounts.sasaran, 'SP8').score, 4)).toBe('99.7554');
    expect(fx(byCode(fromCounts.sasaran, 'SP8').score)).toBe('99.76');
    expect(fx(byCode(r.sasaran, 'SP8').score)).toBe('99.75');
  });

  it('TW I (derived): sasaran 54,65 / 100,00 / 102,08 / 96,25 / 98,79 / 114,00 / 135,68 and NPSS 92,92', () => {
    const q1 = evaluatePerformance(settamaInput(), 1);
    const scores = ['SP1', 'SP3', 'SP6', 'SP7', 'SP8', 'SP11', 'SP12'].map((c) => fx(byCode(q1.sasaran, c).score));
    expect(scores).toEqual(['54.65', '100.00', '102.08', '96.25', '98.79', '114.00', '135.68']);
    expect(q1.perspectives.map((p) => fx(p.score))).toEqual(['54.65', '99.28', '124.84']);
    expect(fx(q1.overall.score)).toBe('92.92');
  });

  it('the default quarter is the latest quarter-end month with a realisation', () => {
    expect(defaultQuarter(settamaInput().indicators)).toBe(2);
    expect(defaultQuarter(serangInput().indicators)).toBe(3);
    expect(defaultQuarter([])).toBeNull();
  });
});

describe('EX-SK-03 BBPOM di Serang TW III 2022 (mean_of_sasaran)', () => {
  const r = evaluatePerformance(serangInput(), 3);
  const table: [string, string, string, string, string, string | null][] = [
    // code, R, T TW, capaian TW, criterion, capaian year
    ['1', '94.23', '85.00', '110.86', 'memenuhi', '110.86'],
    ['2', '68.75', '82.00', '83.84', 'belum', '83.84'],
    ['3', '85.43', '85.00', '100.51', 'memenuhi', '100.51'],
    ['4', '92.86', '78.00', '119.05', 'memenuhi', '119.05'],
    ['5', '61.11', '81.00', '75.45', 'tidak', '75.45'],
    ['10', '81.95', '95.00', '86.26', 'belum', '86.26'],
    ['11', '38.44', '60.00', '64.06', 'tidak', '64.06'],
    ['12', '86.67', '84.00', '103.17', 'memenuhi', '89.35'],
    ['13', '43.87', '60.00', '73.12', 'tidak', '73.12'],
    ['14', '68.21', '63.00', '108.27', 'memenuhi', '108.27'],
    ['16', '78.02', '74.66', '104.50', 'memenuhi', '78.02'],
    ['17', '92.74', '92.15', '100.64', 'memenuhi', '100.48'],
    ['18', '86.17', '78.30', '110.05', 'memenuhi', '86.17'],
    ['19', '82.50', '85.00', '97.06', 'belum', '82.50'],
    ['20', '97.00', '90.00', '107.78', 'memenuhi', '97.00'],
    ['21', '84.16', '72.00', '116.89', 'memenuhi', '84.16'],
    ['22', '57.63', '64.00', '90.04', 'belum', '57.63'],
    ['23', '69.46', '53.00', '131.06', 'tdd', null],
    ['28', '2.20', '2.25', '97.78', 'belum', '97.78'],
    ['29', '88.64', '87.00', '101.88', 'memenuhi', '95.62'],
  ];
  it.each(table)('IKU %s: R %s, T %s, capaian %s (%s), year %s', (code, rr, t, c, crit, cy) => {
    const i = byCode(r.indicators, code);
    expect(fx(i.realisation)).toBe(rr);
    expect(fx(i.periodTarget)).toBe(t);
    expect(fx(i.capaianPeriod)).toBe(c);
    expect(i.criterion?.code).toBe(crit);
    if (cy !== null) expect(fx(i.capaianAnnual)).toBe(cy);
  });

  it('progress indicators are against 100 before B12 (annual target shown as 100)', () => {
    for (const code of ['16', '18', '19', '20']) expect(fx(byCode(r.indicators, code).annualTarget)).toBe('100.00');
    expect(fx(byCode(r.indicators, '16').declaredAnnualTarget)).toBe('77.00');
  });

  it('IKU 5 from the counts gives 75,45 (entering the rounded 61,11 would give 75,44)', () => {
    expect(fx(byCode(r.indicators, '5').capaianPeriod)).toBe('75.45');
    expect(toFixedHalfUp(d('61.11').div(81).mul(100))).toBe('75.44');
  });

  it('IKU 11 must NOT produce 53,33 (pooled 64/120)', () => {
    expect(fx(byCode(r.indicators, '11').realisation)).not.toBe('53.33');
    expect(toFixedHalfUp(Rational.of(64, 120).mul(100))).toBe('53.33');
  });

  it('indicators without a TW III target are excluded from counts and means', () => {
    for (const code of ['9', '15', '24']) {
      const i = byCode(r.indicators, code);
      expect(i.capaianPeriod).toBeNull();
      expect(i.criterion).toBeNull();
    }
    expect(fx(byCode(r.indicators, '9').capaianAnnual)).toBe('106.15');
    expect(fx(byCode(r.indicators, '15').capaianAnnual)).toBe('109.89');
  });

  it('counts: Memenuhi 11, Belum 5, Tidak 3, TDD 1', () => {
    expect(r.indicatorCounts.counts).toEqual({ memenuhi: 11, belum: 5, tidak: 3, tdd: 1 });
  });

  it.each([
    ['SK1', '97.9402', 'belum'],
    ['SK4', '89.8981', 'belum'],
    ['SK5', '103.8820', 'memenuhi'],
    ['SK6', '103.4678', 'memenuhi'],
    ['SK7', '131.0566', 'tdd'],
    ['SK10', '97.7778', 'belum'],
    ['SK11', '101.8805', 'memenuhi'],
  ])('sasaran %s = %s', (code, full, crit) => {
    const s = byCode(r.sasaran, code);
    expect(fx(s.score, 4)).toBe(full);
    expect(s.criterion?.code).toBe(crit);
  });

  it('SK1 is 97,94, not the printed 97,96 (erratum)', () => {
    expect(fx(byCode(r.sasaran, 'SK1').score)).toBe('97.94');
  });

  it('overall 103,70 Memenuhi Ekspektasi; perspectives 97,94 / 107,08 / 99,83', () => {
    expect(fx(r.overall.score, 4)).toBe('103.7004');
    expect(fx(r.overall.score)).toBe('103.70');
    expect(r.overall.criterion?.label).toBe('Memenuhi Ekspektasi');
    expect(r.perspectives.map((p) => fx(p.score))).toEqual(['97.94', '107.08', '99.83']);
    expect(fx(byCode(r.perspectives, 'internal_process').score, 4)).toBe('107.0761');
  });

  it('IKU 23 with the unrounded external value ≈ 69.464 gives 103,7015 -> still 103,70', () => {
    const input = serangInput();
    const withRaw = {
      ...input,
      indicators: input.indicators.map((i) =>
        i.code === '23' ? { ...i, realisations: [{ month: 9, input: { kind: 'external' as const, value: d('69.464') } }] } : i,
      ),
    };
    const raw = evaluatePerformance(withRaw, 3);
    expect(fx(raw.overall.score, 4)).toBe('103.7015');
    expect(fx(raw.overall.score)).toBe('103.70');
    expect(fx(raw.perspectives.find((p) => p.code === 'internal_process')?.score ?? null, 4)).toBe('107.0780');
  });

  it('must NOT produce mean_of_perspectives 101,62 as the entity result; it is what that method would give', () => {
    const other = evaluatePerformance({ ...serangInput(), entity: { name: 'x', overallMethod: 'mean_of_perspectives' } }, 3);
    expect(fx(other.overall.score)).toBe('101.62');
    expect(fx(r.overall.score)).not.toBe('101.62');
  });

  it('aggregation cap 120 (off by default) would give 102,12; displayed capaian stay uncapped', () => {
    const capped = evaluatePerformance(
      { ...serangInput(), entity: { name: 'x', overallMethod: 'mean_of_sasaran', aggregationCap: d(120) } },
      3,
    );
    expect(fx(capped.overall.score)).toBe('102.12');
    expect(fx(byCode(capped.indicators, '23').capaianPeriod)).toBe('131.06');
    expect(fx(byCode(capped.sasaran, 'SK7').score)).toBe('120.00');
    expect(fx(r.overall.score)).not.toBe('102.12');
  });
});

describe('scores (D11, D32)', () => {
  const sasaran = [
    { code: 'A', perspective: 'p1' },
    { code: 'B', perspective: 'p1' },
    { code: 'C', perspective: 'p2' },
  ];
  it('indicator weights default to 1 and are configurable', () => {
    const even = sasaranScores(sasaran, [
      { code: '1', sasaran: 'A', capaian: d(100) },
      { code: '2', sasaran: 'A', capaian: d(80) },
    ]);
    expect(fx(even[0]?.score ?? null)).toBe('90.00');
    const weighted = sasaranScores(sasaran, [
      { code: '1', sasaran: 'A', capaian: d(100), weight: d(3) },
      { code: '2', sasaran: 'A', capaian: d(80) },
    ]);
    expect(fx(weighted[0]?.score ?? null)).toBe('95.00');
  });

  it('unmeasured indicators are excluded, not counted as 0', () => {
    const s = sasaranScores(sasaran, [
      { code: '1', sasaran: 'A', capaian: d(100) },
      { code: '2', sasaran: 'A', capaian: null },
    ]);
    expect(fx(s[0]?.score ?? null)).toBe('100.00');
    expect(s[0]?.measured).toBe(1);
    const p = perspectiveScores([{ code: 'p1' }, { code: 'p2' }], s);
    expect(fx(p[0]?.score ?? null)).toBe('100.00');
    expect(p[1]?.score).toBeNull();
    expect(overallScore('mean_of_perspectives', p, s).score?.eq(100)).toBe(true);
  });

  it('countByCriterion skips n/a', () => {
    expect(countByCriterion([d(130), d(100), null, d(50)])).toEqual({
      counts: { tdd: 1, memenuhi: 1, belum: 0, tidak: 1 },
      notDeterminable: 1,
    });
  });
});
