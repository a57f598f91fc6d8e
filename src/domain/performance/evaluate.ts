import type { Band, ClassificationTable } from '../core/classification.ts';
import type { Rational } from '../core/rational.ts';
import { capaian, type MinimizeFormula, type Polarity } from './capaian.ts';
import { classifyOrNull, SAKIP_ANNUAL_CRITERIA, SAKIP_CRITERIA } from './criteria.ts';
import { evaluateRealisation, type RealisationInput } from './formulas.ts';
import {
  countByCriterion,
  type OverallMethod,
  type OverallScore,
  overallScore,
  type PerspectiveScore,
  perspectiveScores,
  type SasaranScore,
  sasaranScores,
} from './scores.ts';
import {
  annualTargetAt,
  type IndicatorTargets,
  periodTarget,
  type Quarter,
  quarterEndMonth,
  type TargetPattern,
} from './targets.ts';

export interface PerformanceEntity {
  name: string;
  overallMethod: OverallMethod;
  aggregationCap?: Rational | null;
  criteria?: ClassificationTable;
  annualCriteria?: ClassificationTable;
}

export interface PerformanceIndicator {
  code: string;
  name: string;
  sasaran: string;
  polarity: Polarity;
  minimizeFormula?: MinimizeFormula;
  pattern: TargetPattern;
  monthlyTargets: readonly (Rational | null)[];
  annualTarget: Rational | null;
  weight?: Rational;
  /** Cumulative year-to-date realisations by month (1..12). */
  realisations: readonly { month: number; input: RealisationInput }[];
}

export interface PerformanceInput {
  entity: PerformanceEntity;
  perspectives: readonly { code: string; name: string }[];
  sasaran: readonly { code: string; name: string; perspective: string }[];
  indicators: readonly PerformanceIndicator[];
}

export interface IndicatorResult {
  code: string;
  name: string;
  sasaran: string;
  realisation: Rational | null;
  periodTarget: Rational | null;
  capaianPeriod: Rational | null;
  criterion: Band | null;
  /** The annual target the annual capaian uses (100 for `progress` before B12). */
  annualTarget: Rational | null;
  declaredAnnualTarget: Rational | null;
  capaianAnnual: Rational | null;
  annualCriterion: Band | null;
  warnings: string[];
}

export interface PerformanceResult {
  entity: string;
  quarter: Quarter;
  month: number;
  indicators: IndicatorResult[];
  sasaran: (SasaranScore & { name: string })[];
  perspectives: (PerspectiveScore & { name: string })[];
  overall: OverallScore;
  indicatorCounts: { counts: Record<string, number>; notDeterminable: number };
  sasaranCounts: { counts: Record<string, number>; notDeterminable: number };
}

/** Realisation at `month` (cumulative YTD); absent means "not measured". */
export function realisationAt(indicator: PerformanceIndicator, month: number): { value: Rational | null; warnings: string[] } {
  const entry = indicator.realisations.find((r) => r.month === month);
  if (!entry) return { value: null, warnings: [] };
  return evaluateRealisation(entry.input);
}

/** The latest quarter whose quarter-end month has a realisation for any indicator; null when none. */
export function defaultQuarter(indicators: readonly PerformanceIndicator[]): Quarter | null {
  for (const q of [4, 3, 2, 1] as Quarter[]) {
    const m = quarterEndMonth(q);
    if (indicators.some((i) => i.realisations.some((r) => r.month === m && r.input.kind !== 'not_measured'))) return q;
  }
  return null;
}

/** DOMAIN §8.5-8.8 for one quarter: capaian per indicator, scores, overall, counts. */
export function evaluatePerformance(input: PerformanceInput, quarter: Quarter): PerformanceResult {
  const month = quarterEndMonth(quarter);
  const criteria = input.entity.criteria ?? SAKIP_CRITERIA;
  const annualCriteria = input.entity.annualCriteria ?? SAKIP_ANNUAL_CRITERIA;
  const indicators = input.indicators.map((ind): IndicatorResult => {
    const targets: IndicatorTargets = {
      pattern: ind.pattern,
      monthlyTargets: ind.monthlyTargets,
      annualTarget: ind.annualTarget,
    };
    const r = realisationAt(ind, month);
    const tq = periodTarget(targets, quarter);
    const ty = annualTargetAt(targets, month);
    const opts = { polarity: ind.polarity, ...(ind.minimizeFormula ? { minimizeFormula: ind.minimizeFormula } : {}) };
    const cq = capaian(r.value, tq, opts);
    const cy = capaian(r.value, ty, opts);
    const warnings = [...r.warnings];
    for (const w of [cq.warning, cy.warning]) if (w && !warnings.includes(w)) warnings.push(w);
    return {
      code: ind.code,
      name: ind.name,
      sasaran: ind.sasaran,
      realisation: r.value,
      periodTarget: tq,
      capaianPeriod: cq.value,
      criterion: classifyOrNull(criteria, cq.value),
      annualTarget: ty,
      declaredAnnualTarget: ind.annualTarget,
      capaianAnnual: cy.value,
      annualCriterion: classifyOrNull(annualCriteria, cy.value),
      warnings,
    };
  });
  const scoreOptions = { aggregationCap: input.entity.aggregationCap ?? null, criteria };
  const weights = new Map(input.indicators.map((i) => [i.code, i.weight]));
  const sasaran = sasaranScores(
    input.sasaran,
    indicators.map((i) => {
      const w = weights.get(i.code);
      return { code: i.code, sasaran: i.sasaran, capaian: i.capaianPeriod, ...(w ? { weight: w } : {}) };
    }),
    scoreOptions,
  );
  const perspectives = perspectiveScores(input.perspectives, sasaran, scoreOptions);
  const overall = overallScore(input.entity.overallMethod, perspectives, sasaran, scoreOptions);
  const sasaranNames = new Map(input.sasaran.map((x) => [x.code, x.name]));
  const perspectiveNames = new Map(input.perspectives.map((x) => [x.code, x.name]));
  return {
    entity: input.entity.name,
    quarter,
    month,
    indicators,
    sasaran: sasaran.map((s) => ({ ...s, name: sasaranNames.get(s.code) ?? s.code })),
    perspectives: perspectives.map((p) => ({ ...p, name: perspectiveNames.get(p.code) ?? p.code })),
    overall,
    // Counts cover indicators with a period target only (§8.8: "indicators with a quarter capaian").
    indicatorCounts: countByCriterion(
      indicators.filter((i) => i.periodTarget !== null).map((i) => i.capaianPeriod),
      criteria,
    ),
    sasaranCounts: countByCriterion(
      sasaran.map((s) => s.score),
      criteria,
    ),
  };
}
