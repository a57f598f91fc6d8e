import type { Rational, RationalLike } from '../core/rational.ts';
import { roundHalfUp } from '../core/rounding.ts';
import { compareCodes } from '../skm/analysis.ts';

/**
 * Issue 6 item 7: did the actions work? Each element a unit planned actions for in period Y is compared
 * with its value in the next campaign (Y+1). Changes are taken between published 2-decimal values (D19),
 * so the verdict matches what the two reports print.
 */

export type EffectVerdict = 'improved' | 'unchanged' | 'declined' | 'not_measured';

export interface EffectAction {
  id: string;
  unitId: string;
  elementCodes: readonly string[];
}

/** Element values of one unit in one period, keyed by element code; full precision is allowed (rounded here). */
export type UnitElementValues = ReadonlyMap<string, ReadonlyMap<string, RationalLike>>;

export interface ElementEffect {
  unitId: string;
  elementCode: string;
  /** Published value in the period the actions were planned for (Y). */
  before: Rational | null;
  /** Published value in the next campaign (Y+1). */
  after: Rational | null;
  /** after − before; null when either value is missing. */
  delta: Rational | null;
  verdict: EffectVerdict;
  actionIds: string[];
}

export function verdictOf(delta: Rational | null): EffectVerdict {
  if (delta === null) return 'not_measured';
  return delta.gt(0) ? 'improved' : delta.lt(0) ? 'declined' : 'unchanged';
}

/** One row per (unit, element) that had at least one action, ordered by unit then element code. */
export function elementEffects(
  actions: readonly EffectAction[],
  before: UnitElementValues,
  after: UnitElementValues,
): ElementEffect[] {
  const rows = new Map<string, ElementEffect>();
  for (const a of actions) {
    for (const code of new Set(a.elementCodes)) {
      const key = `${a.unitId}\u0000${code}`;
      let row = rows.get(key);
      if (!row) {
        const b = before.get(a.unitId)?.get(code);
        const f = after.get(a.unitId)?.get(code);
        const bv = b === undefined ? null : roundHalfUp(b, 2);
        const av = f === undefined ? null : roundHalfUp(f, 2);
        const delta = bv && av ? av.sub(bv) : null;
        row = { unitId: a.unitId, elementCode: code, before: bv, after: av, delta, verdict: verdictOf(delta), actionIds: [] };
        rows.set(key, row);
      }
      row.actionIds.push(a.id);
    }
  }
  return [...rows.values()].sort((x, y) =>
    x.unitId < y.unitId ? -1 : x.unitId > y.unitId ? 1 : compareCodes(x.elementCode, y.elementCode),
  );
}

export interface IneffectiveAction {
  actionId: string;
  unitId: string;
  /** The elements of this action that did not improve (unchanged or declined), with their values. */
  elements: { elementCode: string; before: Rational; after: Rational; delta: Rational; verdict: 'unchanged' | 'declined' }[];
}

/**
 * The Inspectorate's list: actions with at least one element measured in both periods that did not rise.
 * Elements not measured in the next campaign are left out (nothing can be concluded), never counted as failures.
 */
export function actionsNotImproved(actions: readonly EffectAction[], effects: readonly ElementEffect[]): IneffectiveAction[] {
  const byKey = new Map(effects.map((e) => [`${e.unitId}\u0000${e.elementCode}`, e]));
  const out: IneffectiveAction[] = [];
  for (const a of actions) {
    const elements: IneffectiveAction['elements'] = [];
    for (const code of [...new Set(a.elementCodes)].sort(compareCodes)) {
      const e = byKey.get(`${a.unitId}\u0000${code}`);
      if (!e?.before || !e.after || !e.delta) continue;
      if (e.verdict === 'unchanged' || e.verdict === 'declined')
        elements.push({ elementCode: code, before: e.before, after: e.after, delta: e.delta, verdict: e.verdict });
    }
    if (elements.length) out.push({ actionId: a.id, unitId: a.unitId, elements });
  }
  return out;
}

/** Counts per verdict, for the dashboard header. */
export function effectCounts(effects: readonly ElementEffect[]): Record<EffectVerdict, number> {
  const c: Record<EffectVerdict, number> = { improved: 0, unchanged: 0, declined: 0, not_measured: 0 };
  for (const e of effects) c[e.verdict]++;
  return c;
}
