import type { Band, ClassificationTable } from '../core/classification.ts';
import { mean, Rational, sum } from '../core/rational.ts';
import { classifyOrNull, SAKIP_CRITERIA } from './criteria.ts';

export type OverallMethod = 'mean_of_perspectives' | 'mean_of_sasaran';

export interface ScoredIndicator {
  code: string;
  sasaran: string;
  /** capaianQuarter at full precision; `null` when not measured or without a target (D25). */
  capaian: Rational | null;
  /** D32: default 1. */
  weight?: Rational;
}

export interface SasaranDef {
  code: string;
  perspective: string;
}

export interface SasaranScore {
  code: string;
  perspective: string;
  score: Rational | null;
  criterion: Band | null;
  /** Indicators with a capaian in the period (M_s). */
  measured: number;
}

export interface PerspectiveScore {
  code: string;
  score: Rational | null;
  criterion: Band | null;
  sasaranWithScore: number;
}

export interface OverallScore {
  method: OverallMethod;
  score: Rational | null;
  criterion: Band | null;
}

export interface ScoreOptions {
  /** D9: a cap (e.g. 120) applied only inside means; displayed capaian stay uncapped. */
  aggregationCap?: Rational | null;
  criteria?: ClassificationTable;
}

/** NPI_i = capaian, or min(capaian, cap) when a cap is configured. */
export function npi(capaian: Rational, cap: Rational | null | undefined): Rational {
  return cap != null && capaian.gt(cap) ? cap : capaian;
}

/** DOMAIN §8.7 (D11, D32): weighted mean of the measured indicators' capaian, full precision (never the rounded values). */
export function sasaranScores(
  sasaran: readonly SasaranDef[],
  indicators: readonly ScoredIndicator[],
  options: ScoreOptions = {},
): SasaranScore[] {
  const table = options.criteria ?? SAKIP_CRITERIA;
  return sasaran.map((s) => {
    const measured = indicators.filter((i) => i.sasaran === s.code && i.capaian !== null);
    if (measured.length === 0) return { code: s.code, perspective: s.perspective, score: null, criterion: null, measured: 0 };
    const weights = measured.map((i) => i.weight ?? Rational.ONE);
    const totalWeight = sum(weights);
    const score = totalWeight.isZero()
      ? null
      : sum(measured.map((i, k) => (weights[k] as Rational).mul(npi(i.capaian as Rational, options.aggregationCap)))).div(
          totalWeight,
        );
    return {
      code: s.code,
      perspective: s.perspective,
      score,
      criterion: classifyOrNull(table, score),
      measured: measured.length,
    };
  });
}

export function perspectiveScores(
  perspectives: readonly { code: string }[],
  sasaran: readonly SasaranScore[],
  options: ScoreOptions = {},
): PerspectiveScore[] {
  const table = options.criteria ?? SAKIP_CRITERIA;
  return perspectives.map((p) => {
    const scores = sasaran.filter((s) => s.perspective === p.code && s.score !== null).map((s) => s.score as Rational);
    const score = mean(scores);
    return { code: p.code, score, criterion: classifyOrNull(table, score), sasaranWithScore: scores.length };
  });
}

/** D33: `mean_of_perspectives` by default; set per SAKIP entity. */
export function overallScore(
  method: OverallMethod,
  perspectives: readonly PerspectiveScore[],
  sasaran: readonly SasaranScore[],
  options: ScoreOptions = {},
): OverallScore {
  const table = options.criteria ?? SAKIP_CRITERIA;
  const source = method === 'mean_of_perspectives' ? perspectives : sasaran;
  const score = mean(source.filter((x) => x.score !== null).map((x) => x.score as Rational));
  return { method, score, criterion: classifyOrNull(table, score) };
}

/** §8.8: counts per criterion over values that have one (n/a is excluded, not counted as a criterion). */
export function countByCriterion(
  values: readonly (Rational | null)[],
  table: ClassificationTable = SAKIP_CRITERIA,
): { counts: Record<string, number>; notDeterminable: number } {
  const counts: Record<string, number> = Object.fromEntries(table.bands.map((b) => [b.code, 0]));
  let notDeterminable = 0;
  for (const v of values) {
    const band = classifyOrNull(table, v);
    if (band === null) notDeterminable++;
    else counts[band.code] = (counts[band.code] ?? 0) + 1;
  }
  return { counts, notDeterminable };
}
