import { mean, Rational, sum } from '../core/rational.ts';

/**
 * DOMAIN §8.3-8.4: how a realisation R is obtained. Every input is evaluated exactly (D31); a `value`
 * (or `external`) input is used as entered, never recomputed from rounded parts.
 */
export type FormulaType =
  | 'value'
  | 'ratio'
  | 'mean_of_component_ratios'
  | 'stage_progress'
  | 'weighted_sum'
  | 'mean_of_parts'
  | 'mean_of_subunits'
  | 'skm_pooled'
  | 'external'
  | 'ordinal';

/** D26: a component without data is left out (default) or counts as 0. */
export type ComponentMode = 'exclude' | 'zero';

export type Component =
  | { name?: string; numerator: Rational | null; denominator: Rational | null }
  | { name?: string; value: Rational | null };

export interface Stage {
  name?: string;
  /** Stage weights of one group sum to 100. */
  weight: Rational;
  /** 0..1 */
  fractionDone: Rational;
}

export type PartNode = Rational | { mean: PartNode[] } | { sum: PartNode[] };

export type RealisationInput =
  | { kind: 'not_measured'; reason?: string }
  | { kind: 'value'; value: Rational }
  | { kind: 'external'; value: Rational; source?: string; asOf?: string }
  | { kind: 'ratio'; numerator: Rational; denominator: Rational }
  | { kind: 'mean_of_component_ratios'; components: Component[]; mode?: ComponentMode }
  | { kind: 'stage_progress'; groups: { name?: string; stages: Stage[] }[] }
  | { kind: 'weighted_sum'; terms: { name?: string; weight: Rational; value: Rational }[] }
  | { kind: 'mean_of_parts'; parts: PartNode }
  | { kind: 'mean_of_subunits'; subunits: { name?: string; value: Rational | null }[] }
  | { kind: 'skm_pooled'; services: { name?: string; index: Rational; counted: number }[] }
  | { kind: 'ordinal'; label: string; scale: Readonly<Record<string, Rational>> };

export interface RealisationResult {
  value: Rational | null;
  warnings: string[];
}

const HUNDRED = Rational.of(100);

/** `num / den × 100`; n/a when the denominator is 0. */
export function ratio(numerator: Rational, denominator: Rational): Rational | null {
  return denominator.isZero() ? null : numerator.div(denominator).mul(HUNDRED);
}

function componentPercent(c: Component): Rational | null {
  if ('value' in c) return c.value;
  if (c.numerator === null || c.denominator === null || c.denominator.isZero()) return null;
  return c.numerator.div(c.denominator).mul(HUNDRED);
}

/** `(1/k) Σ num_j/den_j × 100`, never the pooled Σnum/Σden (seed 003 IKU 11: 38,44, not 53,33). */
export function meanOfComponentRatios(components: readonly Component[], mode: ComponentMode = 'exclude'): Rational | null {
  const values: Rational[] = [];
  for (const c of components) {
    const v = componentPercent(c);
    if (v !== null) values.push(v);
    else if (mode === 'zero') values.push(Rational.ZERO);
  }
  return mean(values);
}

/** One group: Σ weight · fractionDone; several groups (commodities): the mean of their totals. */
export function stageProgress(groups: readonly { stages: readonly Stage[] }[]): Rational | null {
  return mean(groups.map((g) => sum(g.stages.map((s) => s.weight.mul(s.fractionDone)))));
}

export function weightedSum(terms: readonly { weight: Rational; value: Rational }[]): Rational {
  return sum(terms.map((t) => t.weight.mul(t.value)));
}

/** Nested means and sums, e.g. `mean(mean(email, bocUse), bocUpdate)`. */
export function evaluateParts(node: PartNode): Rational | null {
  if (node instanceof Rational) return node;
  if ('mean' in node) {
    const values = node.mean.map(evaluateParts);
    return values.some((v) => v === null) ? null : mean(values as Rational[]);
  }
  const values = node.sum.map(evaluateParts);
  return values.some((v) => v === null) ? null : sum(values as Rational[]);
}

/** Mean of the same indicator over the listed sub-units that have a value. */
export function meanOfSubunits(values: readonly (Rational | null)[]): Rational | null {
  return mean(values.filter((v): v is Rational => v !== null));
}

/** D4: the unit IKM is pooled over respondents; with no blanks that is the respondent-weighted mean of service indices. */
export function skmPooled(services: readonly { index: Rational; counted: number }[]): Rational | null {
  const n = services.reduce((a, s) => a + s.counted, 0);
  if (n === 0) return null;
  return sum(services.map((s) => s.index.mul(s.counted))).div(n);
}

export function evaluateRealisation(input: RealisationInput): RealisationResult {
  const warnings: string[] = [];
  switch (input.kind) {
    case 'not_measured':
      return { value: null, warnings };
    case 'value':
    case 'external':
      return { value: input.value, warnings };
    case 'ratio': {
      const value = ratio(input.numerator, input.denominator);
      if (value === null) warnings.push('Penyebut 0: realisasi tidak dapat dihitung');
      return { value, warnings };
    }
    case 'mean_of_component_ratios':
      return { value: meanOfComponentRatios(input.components, input.mode), warnings };
    case 'stage_progress':
      return { value: stageProgress(input.groups), warnings };
    case 'weighted_sum':
      return { value: weightedSum(input.terms), warnings };
    case 'mean_of_parts':
      return { value: evaluateParts(input.parts), warnings };
    case 'mean_of_subunits':
      return { value: meanOfSubunits(input.subunits.map((s) => s.value)), warnings };
    case 'skm_pooled':
      return { value: skmPooled(input.services), warnings };
    case 'ordinal': {
      const value = Object.hasOwn(input.scale, input.label) ? (input.scale[input.label] ?? null) : null;
      if (value === null) warnings.push(`Label ordinal tidak dikenal: ${input.label}`);
      return { value, warnings };
    }
  }
}
