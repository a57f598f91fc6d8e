import { describe, expect, it } from 'vitest';
import { mean, Rational } from '../core/rational.ts';
import { toFixedHalfUp } from '../core/rounding.ts';
import { reconcile } from './budget.ts';
import { EFFICIENCY_TE, efficiencyRow, efficiencyTable, lookupEfficiency } from './efficiency.ts';
import { evaluatePerformance } from './evaluate.ts';
import { d, serangInput, settamaInput } from './test-fixtures.ts';

const fx = (x: Rational | null) => (x === null ? null : toFixedHalfUp(x));

describe('EFFICIENCY_TE lookup on the rounded TE (D27)', () => {
  it.each([
    ['-1.00', 75, 'tidak_efisien'],
    ['-0.01', 75, 'tidak_efisien'],
    ['0.00', 100, 'efisien'],
    ['0.20', 100, 'efisien'],
    ['0.21', 95, 'efisien'],
    ['0.40', 95, 'efisien'],
    ['0.41', 92, 'efisien'],
    ['0.60', 92, 'efisien'],
    ['0.80', 90, 'efisien'],
    ['1.00', 88, 'efisien'],
    ['1.01', 86, 'tidak_efisien'],
    ['1.40', 84, 'tidak_efisien'],
    ['1.60', 80, 'tidak_efisien'],
    ['1.80', 78, 'tidak_efisien'],
    ['1.81', 75, 'tidak_efisien'],
    ['6.57', 75, 'tidak_efisien'],
  ])('TE %s -> %i%% %s', (te, capaianTe, category) => {
    const l = lookupEfficiency(d(te));
    expect(l.capaianTe).toBe(capaianTe);
    expect(l.category).toBe(category);
  });

  it('rounds before the lookup: 0.205 -> 0.21 -> 95; 0.2049 -> 0.20 -> 100; -0.004 -> 0.00 -> 100', () => {
    expect(lookupEfficiency(d('0.205')).capaianTe).toBe(95);
    expect(lookupEfficiency(d('0.2049')).capaianTe).toBe(100);
    expect(lookupEfficiency(d('-0.004')).capaianTe).toBe(100);
  });

  it('the category comes from the table, not from "IE ≥ SE": TE 1,05 (IE > SE) is Tidak Efisien', () => {
    expect(lookupEfficiency(d('1.05')).category).toBe('tidak_efisien');
    expect(EFFICIENCY_TE.bands).toHaveLength(11);
  });
});

describe('EX-SK-06 Sekretariat Utama TW II 2023, per sasaran', () => {
  const perf = evaluatePerformance(settamaInput(), 2);
  const score = (code: string) => perf.sasaran.find((s) => s.code === code)?.score ?? null;
  const rows = [
    { code: 'SP1', realisation: 9_858_819_845n, allocation: 19_880_532_750n },
    { code: 'SP3', realisation: 3_929_689_096n, allocation: 10_251_808_950n },
    { code: 'SP6', realisation: 2_584_961_244n, allocation: 3_948_199_000n },
    { code: 'SP7', realisation: 2_851_230_289n, allocation: 8_217_171_000n },
    { code: 'SP8', realisation: 1_950_332_130n, allocation: 4_182_350_000n },
    { code: 'SP11', realisation: 1_247_805_248n, allocation: 1_795_110_350n },
    { code: 'SP12', realisation: 549_500_198n, allocation: 1_419_025_150n },
  ].map((r) => ({ ...r, output: score(r.code) }));
  const table = efficiencyTable(rows, { totalOutput: perf.overall.score });

  it.each([
    ['SP1', '101.83', '49.59', '2.05', '1.05', 86, 'tidak_efisien'],
    ['SP3', '89.25', '38.33', '2.33', '1.33', 84, 'tidak_efisien'],
    ['SP6', '96.99', '65.47', '1.48', '0.48', 92, 'efisien'],
    ['SP7', '108.40', '34.70', '3.12', '2.12', 75, 'tidak_efisien'],
    ['SP8', '99.75', '46.63', '2.14', '1.14', 86, 'tidak_efisien'],
    ['SP11', '114.00', '69.51', '1.64', '0.64', 90, 'efisien'],
    ['SP12', '120.19', '38.72', '3.10', '2.10', 75, 'tidak_efisien'],
  ])('%s: output %s, input %s, IE %s, TE %s, %i%% %s', (code, output, input, ie, te, capaianTe, category) => {
    const row = table.rows.find((r) => r.code === code);
    expect(fx(row?.output ?? null)).toBe(output);
    expect(fx(row?.input ?? null)).toBe(input);
    expect(fx(row?.ie ?? null)).toBe(ie);
    expect(fx(row?.te ?? null)).toBe(te);
    expect(row?.se.eq(1)).toBe(true);
    expect(row?.lookup?.capaianTe).toBe(capaianTe);
    expect(row?.lookup?.category).toBe(category);
  });

  it('SP12 output is 120,19 (the score), not the 86,93 printed in Tabel 21', () => {
    expect(fx(table.rows.find((r) => r.code === 'SP12')?.output ?? null)).not.toBe('86.93');
  });

  it('total: NPSS 105,84 over pooled input 22.972.338.050 / 49.694.197.200 = 46,23; IE 2,29; TE 1,29; 84% Tidak Efisien', () => {
    expect(fx(table.total.output)).toBe('105.84');
    expect(fx(table.total.input)).toBe('46.23');
    expect(fx(table.total.ie)).toBe('2.29');
    expect(fx(table.total.te)).toBe('1.29');
    expect(table.total.lookup?.capaianTe).toBe(84);
    expect(table.total.lookup?.category).toBe('tidak_efisien');
  });

  it('must NOT produce input 48,99 for the total (mean of the 7 row percentages)', () => {
    const meanOfRows = mean(table.rows.map((r) => r.input as Rational));
    expect(fx(meanOfRows)).toBe('48.99');
    expect(fx(table.total.input)).not.toBe('48.99');
  });
});

describe('EX-SK-06 BBPOM di Serang TW III 2022, per indicator (output = capaian vs annual target)', () => {
  const perf = evaluatePerformance(serangInput(), 3);
  const out = (code: string) => perf.indicators.find((i) => i.code === code)?.capaianAnnual ?? null;
  it.each([
    ['1', 410_121_000n, 391_080_723n, '110.86', '95.36', '1.16', '0.16', 100],
    ['2', 257_938_000n, 244_968_976n, '83.84', '94.97', '0.88', '-0.12', 75],
    ['3', 228_575_000n, 160_207_810n, '100.51', '70.09', '1.43', '0.43', 92],
    ['4', 67_589_000n, 37_164_056n, '119.05', '54.99', '2.17', '1.17', 86],
    ['12', 506_656_000n, 226_851_781n, '89.35', '44.77', '2.00', '1.00', 88],
    ['13', 326_454_000n, 170_362_231n, '73.12', '52.19', '1.40', '0.40', 95],
    ['15', 139_000_000n, 58_360_604n, '109.89', '41.99', '2.62', '1.62', 78],
    ['28', 258_416_000n, 255_304_750n, '97.78', '98.80', '0.99', '-0.01', 75],
    ['29', 15_319_406_000n, 11_423_935_602n, '95.62', '74.57', '1.28', '0.28', 95],
  ])('IKU %s', (code, allocation, realisation, output, input, ie, te, capaianTe) => {
    const row = efficiencyRow({ code, output: out(code), allocation, realisation });
    expect(fx(row.output)).toBe(output);
    expect(fx(row.input)).toBe(input);
    expect(fx(row.ie)).toBe(ie);
    expect(fx(row.te)).toBe(te);
    expect(row.lookup?.capaianTe).toBe(capaianTe);
  });

  it('IKU 4 and IKU 13 at full precision: IE 2,1651 and 1,4011', () => {
    const ie4 = efficiencyRow({ code: '4', output: out('4'), allocation: 67_589_000n, realisation: 37_164_056n }).ie;
    const ie13 = efficiencyRow({ code: '13', output: out('13'), allocation: 326_454_000n, realisation: 170_362_231n }).ie;
    expect(ie4 && toFixedHalfUp(ie4, 4)).toBe('2.1651');
    expect(ie13 && toFixedHalfUp(ie13, 4)).toBe('1.4011');
  });

  it('unmeasured output or zero input is n/a in the default method (IKU 7, 9, 16-type rows)', () => {
    expect(efficiencyRow({ code: '7', output: null, allocation: 29_084_000n, realisation: 0n }).ie).toBeNull();
    const zeroInput = efficiencyRow({ code: '9', output: d('106.15'), allocation: 69_411_000n, realisation: 0n });
    expect(zeroInput.ie).toBeNull();
    expect(zeroInput.lookup).toBeNull();
    const noAllocation = efficiencyRow({ code: 'x', output: d(100), allocation: 0n, realisation: 0n });
    expect(noAllocation.input).toBeNull();
    expect(noAllocation.te).toBeNull();
  });

  // The TW III 2022 sheet (seed 003, lines 2633-2676): 29 rows with their printed outputs.
  const sheet: [string | null, bigint, bigint][] = [
    ['110.86', 410121000n, 391080723n],
    ['83.84', 257938000n, 244968976n],
    ['100.51', 228575000n, 160207810n],
    ['119.05', 67589000n, 37164056n],
    ['75.45', 53677000n, 32622739n],
    [null, 60489000n, 42927247n],
    [null, 29084000n, 0n],
    [null, 51460000n, 10604408n],
    ['106.15', 69411000n, 0n],
    ['86.26', 47215000n, 22136280n],
    ['64.07', 765702000n, 191874601n],
    ['89.35', 506656000n, 226851781n],
    ['73.12', 326454000n, 170362231n],
    ['108.27', 264178000n, 122096834n],
    ['109.89', 139000000n, 58360604n],
    ['78.02', 123971000n, 71563175n],
    ['100.48', 289511000n, 38427497n],
    ['86.17', 746317000n, 573667177n],
    ['82.50', 940400000n, 654535843n],
    ['97.00', 115902000n, 101654354n],
    ['84.16', 1310716000n, 949838641n],
    ['57.63', 1310716000n, 949838641n],
    ['103.67', 969690000n, 550683362n],
    ['105.33', 499357000n, 337523898n],
    [null, 119040000n, 11684800n],
    [null, 163151000n, 109170030n],
    [null, 3352790000n, 2207362278n],
    ['97.78', 258416000n, 255304750n],
    ['95.62', 15319406000n, 11423935602n],
  ];
  const rows = sheet.map(([o, allocation, realisation], i) => ({
    code: String(i + 1),
    output: o === null ? null : d(o),
    allocation,
    realisation,
  }));

  it('legacy mean_of_all_rows reproduces the sheet total 72,94 / 69,27 / 1,05 / 0,05 / 100%', () => {
    const legacy = efficiencyTable(rows, { totalOutput: null, totalMethod: 'mean_of_all_rows' });
    expect(fx(legacy.total.output)).toBe('72.94');
    expect(fx(legacy.total.input)).toBe('69.27');
    expect(fx(legacy.total.ie)).toBe('1.05');
    expect(fx(legacy.total.te)).toBe('0.05');
    expect(legacy.total.lookup?.capaianTe).toBe(100);
  });

  it('the default (pooled) total uses the overall score and only rows with an IE, so it differs from the legacy total', () => {
    const pooled = efficiencyTable(rows, { totalOutput: perf.overall.score });
    expect(fx(pooled.total.output)).toBe('103.70');
    expect(fx(pooled.total.output)).not.toBe('72.94');
  });

  it('the sheet rows sum to 19.946.448.338 while the printed total says ...337: reported, not hidden', () => {
    const total = rows.reduce((a, r) => a + r.realisation, 0n);
    expect(reconcile(total, 19_946_448_337n)).toEqual({ difference: 1n, reconciled: false });
  });
});

describe('efficiency row without the justification is still valid', () => {
  it('keeps the justification text when given', () => {
    expect(
      efficiencyRow({ code: 'x', output: Rational.of(100), allocation: 10n, realisation: 5n, justification: 'ok' }).justification,
    ).toBe('ok');
  });
});
