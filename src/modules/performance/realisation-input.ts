import { Rational } from '../../domain/core/rational.ts';
import type { Component, ComponentMode, PartNode, RealisationInput, Stage } from '../../domain/performance/formulas.ts';
import type { FieldIssue } from '../../http/app-error.ts';
import { type Locale, t } from '../../shared/i18n/index.ts';
import type { FormulaTypeCode, RealisationEntry } from './performance.schema.ts';

/** Entry forms each formula type accepts; a `value` entered as printed is always allowed (D31). */
const ALLOWED: Record<FormulaTypeCode, readonly RealisationEntry['kind'][]> = {
  value: ['value'],
  ratio: ['ratio', 'value'],
  mean_of_component_ratios: ['components', 'value'],
  stage_progress: ['stages', 'value'],
  weighted_sum: ['weighted', 'value'],
  mean_of_parts: ['parts', 'value'],
  mean_of_subunits: ['subunits', 'value'],
  // The SKM indicator follows the closed campaign snapshot: nobody types it.
  skm_pooled: [],
  external: ['external'],
  ordinal: ['ordinal'],
};

export interface IndicatorFormula {
  formulaType: FormulaTypeCode;
  componentMode?: ComponentMode;
  ordinalScale?: Record<string, string>;
}

const dec = (s: string): Rational => Rational.parse(s);

/**
 * Business checks of one entry: the entry form fits the formula, no zero denominator, no negative count, stage
 * fractions within 0..1, a known ordinal label. Field paths are relative to `prefix` (e.g. `body.input`).
 */
export function checkEntry(entry: RealisationEntry, f: IndicatorFormula, prefix: string, locale: Locale): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const add = (field: string, key: string, params?: Record<string, string | number>) =>
    issues.push({ field: `${prefix}${field ? `.${field}` : ''}`, message: t(locale, key, params) });
  if (entry.kind !== 'not_measured' && !ALLOWED[f.formulaType].includes(entry.kind)) {
    add('kind', f.formulaType === 'skm_pooled' ? 'performance.realisation.skmLinked' : 'performance.realisation.kindNotAllowed', {
      kind: entry.kind,
      formula: f.formulaType,
      allowed: [...ALLOWED[f.formulaType], 'not_measured'].join(', '),
    });
    return issues;
  }
  const count = (field: string, v: string | null | undefined) => {
    if (v != null && dec(v).lt(0)) add(field, 'performance.realisation.negativeCount');
  };
  switch (entry.kind) {
    case 'ratio':
      count('numerator', entry.numerator);
      count('denominator', entry.denominator);
      if (dec(entry.denominator).isZero()) add('denominator', 'performance.realisation.zeroDenominator');
      break;
    case 'components':
      entry.components.forEach((c, i) => {
        const hasValue = c.value !== undefined;
        const hasRatio = c.numerator !== undefined || c.denominator !== undefined;
        if (hasValue === hasRatio) add(`components.${i}`, 'performance.realisation.componentShape');
        count(`components.${i}.numerator`, c.numerator);
        count(`components.${i}.denominator`, c.denominator);
      });
      break;
    case 'stages':
      entry.groups.forEach((g, gi) => {
        g.stages.forEach((s, si) => {
          const at = `groups.${gi}.stages.${si}`;
          const hasFraction = s.fractionDone !== undefined;
          const hasCount = s.done !== undefined && s.of !== undefined;
          if (hasFraction === hasCount) add(at, 'performance.realisation.stageShape');
          if (s.fractionDone !== undefined && (dec(s.fractionDone).lt(0) || dec(s.fractionDone).gt(1)))
            add(`${at}.fractionDone`, 'performance.realisation.fractionRange');
          count(`${at}.done`, s.done);
          count(`${at}.of`, s.of);
          if (s.of !== undefined && dec(s.of).isZero()) add(`${at}.of`, 'performance.realisation.zeroDenominator');
          if (s.done !== undefined && s.of !== undefined && !dec(s.of).isZero() && dec(s.done).gt(dec(s.of)))
            add(`${at}.done`, 'performance.realisation.fractionRange');
        });
      });
      break;
    case 'ordinal':
      if (!f.ordinalScale || !Object.hasOwn(f.ordinalScale, entry.label))
        add('label', 'performance.realisation.ordinalUnknown', {
          label: entry.label,
          allowed: Object.keys(f.ordinalScale ?? {}).join(', ') || '–',
        });
      break;
    default:
      break;
  }
  return issues;
}

function toPart(p: unknown): PartNode {
  if (typeof p === 'string') return dec(p);
  const node = p as { mean?: unknown[]; sum?: unknown[] };
  if (node.mean) return { mean: node.mean.map(toPart) };
  return { sum: (node.sum ?? []).map(toPart) };
}

function toStage(s: {
  name?: string | undefined;
  weight: string;
  fractionDone?: string | undefined;
  done?: string | undefined;
  of?: string | undefined;
}): Stage {
  const fractionDone = s.fractionDone !== undefined ? dec(s.fractionDone) : dec(s.done ?? '0').div(dec(s.of ?? '1'));
  return { ...(s.name ? { name: s.name } : {}), weight: dec(s.weight), fractionDone };
}

/** The exact domain input of a checked entry. */
export function toDomainInput(entry: RealisationEntry, f: IndicatorFormula): RealisationInput {
  switch (entry.kind) {
    case 'value':
      return { kind: 'value', value: dec(entry.value) };
    case 'external':
      return { kind: 'external', value: dec(entry.value), asOf: entry.asOf, ...(entry.source ? { source: entry.source } : {}) };
    case 'ratio':
      return { kind: 'ratio', numerator: dec(entry.numerator), denominator: dec(entry.denominator) };
    case 'components':
      return {
        kind: 'mean_of_component_ratios',
        mode: f.componentMode ?? 'exclude',
        components: entry.components.map(
          (c): Component =>
            c.value !== undefined
              ? { value: c.value === null ? null : dec(c.value) }
              : {
                  numerator: c.numerator == null ? null : dec(c.numerator),
                  denominator: c.denominator == null ? null : dec(c.denominator),
                },
        ),
      };
    case 'stages':
      return {
        kind: 'stage_progress',
        groups: entry.groups.map((g) => ({ ...(g.name ? { name: g.name } : {}), stages: g.stages.map(toStage) })),
      };
    case 'weighted':
      return { kind: 'weighted_sum', terms: entry.terms.map((x) => ({ weight: dec(x.weight), value: dec(x.value) })) };
    case 'parts':
      return { kind: 'mean_of_parts', parts: toPart(entry.parts) };
    case 'subunits':
      return {
        kind: 'mean_of_subunits',
        subunits: entry.subunits.map((s) => ({ value: s.value === null ? null : dec(s.value) })),
      };
    case 'ordinal':
      return {
        kind: 'ordinal',
        label: entry.label,
        scale: Object.fromEntries(Object.entries(f.ordinalScale ?? {}).map(([k, v]) => [k, dec(v)])),
      };
    case 'not_measured':
      return { kind: 'not_measured', reason: entry.reason };
  }
}
