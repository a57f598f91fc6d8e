import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Rational } from '../core/rational.ts';
import { roundHalfUpScaled } from '../core/rounding.ts';
import { campaignTarget, krejcieMorganExact, krejcieMorganTarget, populationPeriod } from './krejcie-morgan.ts';

const PAIRS =
  '0→0, 1→1, 2→2, 3→3, 4→4, 5→5, 6→6, 7→7, 8→8, 9→9, 10→10, 11→11, 12→12, 13→13, 14→14, 15→14, 16→15, 17→16, 18→17, 19→18, 20→19, 21→20, 22→21, 24→23, 25→24, 27→25, 28→26, 29→27, 30→28, 31→29, 34→31, 35→32, 37→34, 39→35, 41→37, 45→40, 46→41, 47→42, 48→43, 51→45, 53→47, 54→47, 55→48, 57→50, 58→51, 60→52, 63→54, 65→56, 68→58, 69→59, 70→59, 78→65, 82→68, 83→68, 88→72, 102→81, 107→84, 108→84, 112→87, 122→93, 124→94, 127→96, 128→96, 143→104, 148→107, 152→109, 177→121, 186→126, 198→131, 209→136, 218→139, 251→152, 254→153, 268→158, 285→164, 288→165, 290→165, 309→171, 564→229, 594→234, 600→234, 709→249, 835→263, 1122→286, 3065→341';

describe('EX-KM-01 Krejcie-Morgan (D7)', () => {
  const pairs = PAIRS.split(', ').map((p) => p.split('→').map(Number) as [number, number]);
  it('has the 85 distinct pairs', () => expect(pairs).toHaveLength(85));
  it.each(pairs)('N=%i → %i', (n, target) => expect(krejcieMorganTarget(n)).toBe(target));

  it('matches the full-precision checks', () => {
    const checks: [number, number][] = [
      [2, 1.9948],
      [15, 14.4725],
      [19, 18.1495],
      [55, 48.2207],
      [594, 233.5026],
      [3065, 341.4247],
    ];
    for (const [n, v] of checks) expect(Math.abs(krejcieMorganExact(n).toNumber() - v)).toBeLessThan(0.00005);
  });

  it('negative controls: χ² = 3.84, floor and ceil give wrong targets', () => {
    const wrongChi = krejcieMorganExact(594, Rational.parse('3.84'));
    expect(Math.abs(wrongChi.toNumber() - 233.4657)).toBeLessThan(0.00005);
    expect(Number(roundHalfUpScaled(wrongChi, 0))).toBe(233);
    expect(krejcieMorganTarget(594)).toBe(234);
    expect(Math.floor(krejcieMorganExact(2).toNumber())).toBe(1);
    expect(krejcieMorganTarget(2)).toBe(2);
    expect(Math.ceil(krejcieMorganExact(55).toNumber())).toBe(49);
    expect(krejcieMorganTarget(55)).toBe(48);
  });
});

describe('EX-KM-02 divisor and unit target', () => {
  it.each([
    [1, 4, 1, 1],
    [2, 4, 1, 1],
    [7, 4, 2, 2],
    [null, 4, 0, 0],
    [75, 4, 19, 18],
    [0, 4, 0, 0],
    [19, 2, 10, 10],
    [502, 2, 251, 152],
    [286, 2, 143, 104],
    [1669, 2, 835, 263],
    [78, 2, 39, 35],
    [12257, 4, 3065, 341],
    [44, 1, 44, 40],
  ] as const)('population %s / %i → %i → %i', (prev, divisor, period, target) => {
    const t = campaignTarget(prev, divisor);
    expect(t.populationPeriod).toBe(period);
    expect(t.target).toBe(target);
  });

  it('Tarakan unit target = 22', () => {
    const tarakan = [1, 2, 7, null, 75, 0, 0, 0, 0].map((p) => campaignTarget(p).target);
    expect(tarakan.reduce((a, b) => a + b, 0)).toBe(22);
  });

  it('rejects negative or fractional populations and divisors', () => {
    expect(() => populationPeriod(-1)).toThrow(RangeError);
    expect(() => populationPeriod(2.5)).toThrow(RangeError);
    expect(() => populationPeriod(10, 0)).toThrow(RangeError);
  });
});

describe('EX-KM-03 the 758 rows of the 2024 target table', () => {
  const file = fileURLToPath(new URL('../../../resources/data/bpom-skm-targets-2024.tsv', import.meta.url));
  const [header, ...lines] = readFileSync(file, 'utf8').trim().split('\n');
  const cols = (header as string).split('\t');
  const col = (name: string) => cols.indexOf(name);
  const rows = lines.map((l) => l.split('\t'));

  it('recomputes every row (758/758) and the group totals', () => {
    expect(rows).toHaveLength(758);
    const totals = new Map<string, { rows: number; population: number; target: number }>();
    let mismatches = 0;
    for (const r of rows) {
      const pop = r[col('population_2023')] === 'N/A' ? null : Number(r[col('population_2023')]);
      const divisor = Number(/ceil\(N\/(\d+)\)/.exec(r[col('pop3m_rule')] as string)?.[1]);
      const t = campaignTarget(pop, divisor);
      if (t.populationPeriod !== Number(r[col('population_3_months')]) || t.target !== Number(r[col('target_min_respondents')]))
        mismatches++;
      for (const g of [r[col('group')] as string, 'All']) {
        const acc = totals.get(g) ?? { rows: 0, population: 0, target: 0 };
        acc.rows++;
        acc.population += pop ?? 0;
        acc.target += t.target;
        totals.set(g, acc);
      }
    }
    expect(mismatches).toBe(0);
    expect(Object.fromEntries(totals)).toEqual({
      'UPP Pusat': { rows: 74, population: 38606, target: 4044 },
      BBPOM: { rows: 189, population: 14586, target: 2793 },
      BPOM: { rows: 189, population: 7240, target: 1544 },
      'Loka POM': { rows: 306, population: 2268, target: 565 },
      All: { rows: 758, population: 62700, target: 8946 },
    });
  });
});
