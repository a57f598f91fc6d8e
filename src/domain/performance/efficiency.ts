import type { Band, ClassificationTable } from '../core/classification.ts';
import { classify } from '../core/classification.ts';
import { mean, Rational } from '../core/rational.ts';
import { percentOf, type Rupiah } from './budget.ts';

/**
 * DOMAIN §8.10 (D27): EFFICIENCY_TE (seed 004, lines 1915-1926) on the rounded TE. TE < 0 is 75% Tidak Efisien
 * (seed 003); the category comes from this table, never from "IE ≥ SE".
 */
export const EFFICIENCY_TE: ClassificationTable = {
  code: 'EFFICIENCY_TE',
  version: 1,
  scaleLabel: 'TE',
  comparison: 'lower_bound_inclusive',
  bands: [
    {
      code: 'te_1_81',
      label: 'Tidak Efisien',
      labelEn: 'Not efficient',
      lower: '1.81',
      extra: { capaianTe: '75', category: 'tidak_efisien' },
    },
    {
      code: 'te_1_61',
      label: 'Tidak Efisien',
      labelEn: 'Not efficient',
      lower: '1.61',
      extra: { capaianTe: '78', category: 'tidak_efisien' },
    },
    {
      code: 'te_1_41',
      label: 'Tidak Efisien',
      labelEn: 'Not efficient',
      lower: '1.41',
      extra: { capaianTe: '80', category: 'tidak_efisien' },
    },
    {
      code: 'te_1_21',
      label: 'Tidak Efisien',
      labelEn: 'Not efficient',
      lower: '1.21',
      extra: { capaianTe: '84', category: 'tidak_efisien' },
    },
    {
      code: 'te_1_01',
      label: 'Tidak Efisien',
      labelEn: 'Not efficient',
      lower: '1.01',
      extra: { capaianTe: '86', category: 'tidak_efisien' },
    },
    { code: 'te_0_81', label: 'Efisien', labelEn: 'Efficient', lower: '0.81', extra: { capaianTe: '88', category: 'efisien' } },
    { code: 'te_0_61', label: 'Efisien', labelEn: 'Efficient', lower: '0.61', extra: { capaianTe: '90', category: 'efisien' } },
    { code: 'te_0_41', label: 'Efisien', labelEn: 'Efficient', lower: '0.41', extra: { capaianTe: '92', category: 'efisien' } },
    { code: 'te_0_21', label: 'Efisien', labelEn: 'Efficient', lower: '0.21', extra: { capaianTe: '95', category: 'efisien' } },
    { code: 'te_0_00', label: 'Efisien', labelEn: 'Efficient', lower: '0.00', extra: { capaianTe: '100', category: 'efisien' } },
    {
      code: 'te_negative',
      label: 'Tidak Efisien',
      labelEn: 'Not efficient',
      extra: { capaianTe: '75', category: 'tidak_efisien' },
    },
  ],
};

export interface EfficiencyLookup {
  band: Band;
  /** Capaian TE in % (75..100). */
  capaianTe: number;
  category: 'efisien' | 'tidak_efisien';
}

export function lookupEfficiency(te: Rational, table: ClassificationTable = EFFICIENCY_TE): EfficiencyLookup {
  // classify() rounds half-up to 2 decimals first (D27: TE looked up after rounding).
  const band = classify(table, te);
  return {
    band,
    capaianTe: Number(band.extra?.capaianTe ?? 'NaN'),
    category: band.extra?.category === 'efisien' ? 'efisien' : 'tidak_efisien',
  };
}

export interface EfficiencyRowInput {
  code: string;
  /** Sasaran score (sasaran rows) or capaianYear (indicator rows); `null` when not measured. */
  output: Rational | null;
  allocation: Rupiah;
  realisation: Rupiah;
  justification?: string;
}

export interface EfficiencyRow {
  code: string;
  output: Rational | null;
  input: Rational | null;
  ie: Rational | null;
  se: Rational;
  te: Rational | null;
  lookup: EfficiencyLookup | null;
  justification?: string;
}

const SE = Rational.ONE;

function row(code: string, output: Rational | null, input: Rational | null, justification?: string): EfficiencyRow {
  // D27: zero input or unmeasured output -> n/a.
  const ie = output === null || input === null || input.isZero() ? null : output.div(input);
  const te = ie === null ? null : ie.sub(SE).div(SE);
  return {
    code,
    output,
    input,
    ie,
    se: SE,
    te,
    lookup: te === null ? null : lookupEfficiency(te),
    ...(justification !== undefined ? { justification } : {}),
  };
}

export function efficiencyRow(r: EfficiencyRowInput): EfficiencyRow {
  return row(r.code, r.output, percentOf(r.realisation, r.allocation), r.justification);
}

export type EfficiencyTotalMethod = 'pooled' | 'mean_of_all_rows';

export interface EfficiencyTable {
  rows: EfficiencyRow[];
  total: EfficiencyRow;
}

/**
 * Total row: output = the overall score; input = Σ realisation / Σ allocation over rows that have an IE (pooled,
 * never the mean of row percentages). The legacy `mean_of_all_rows` (seed 003, TW III 2022 sheet) takes the simple
 * mean of every row's output with unmeasured rows as 0 and pools the input over every row; off by default.
 */
export function efficiencyTable(
  rows: readonly EfficiencyRowInput[],
  options: { totalOutput: Rational | null; totalMethod?: EfficiencyTotalMethod },
): EfficiencyTable {
  const computed = rows.map(efficiencyRow);
  if ((options.totalMethod ?? 'pooled') === 'mean_of_all_rows') {
    const output = mean(rows.map((r) => r.output ?? Rational.ZERO));
    const input = percentOf(
      rows.reduce((a, r) => a + r.realisation, 0n),
      rows.reduce((a, r) => a + r.allocation, 0n),
    );
    return { rows: computed, total: row('total', output, input) };
  }
  const withIe = rows.filter((_, i) => computed[i]?.ie !== null);
  const input = percentOf(
    withIe.reduce((a, r) => a + r.realisation, 0n),
    withIe.reduce((a, r) => a + r.allocation, 0n),
  );
  return { rows: computed, total: row('total', options.totalOutput, input) };
}
