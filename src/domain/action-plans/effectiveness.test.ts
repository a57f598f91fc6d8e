import { describe, expect, it } from 'vitest';
import { Rational } from '../core/rational.ts';
import { toFixedHalfUp } from '../core/rounding.ts';
import { actionsNotImproved, effectCounts, elementEffects, verdictOf } from './effectiveness.ts';

const values = (rows: Record<string, Record<string, string>>) =>
  new Map(
    Object.entries(rows).map(([unit, els]) => [unit, new Map(Object.entries(els).map(([c, v]) => [c, Rational.parse(v)]))]),
  );

// Tarakan: EX-SKM-06 (2023) → EX-SKM-01 (2024) published unit values; its 2023 RTL targeted U1, U2 and U9.
const before = values({ trk: { U1: '82.10', U2: '83.33', U9: '87.65', U4: '90.12' }, btm: { U3: '88.00', U5: '90.00' } });
const after = values({ trk: { U1: '89.39', U2: '86.36', U9: '90.15', U4: '90.91' }, btm: { U3: '87.995', U5: '90.004' } });

describe('effectiveness of actions (issue 6 item 7)', () => {
  const actions = [
    { id: 'a1', unitId: 'trk', elementCodes: ['U2', 'U1'] },
    { id: 'a2', unitId: 'trk', elementCodes: ['U9'] },
    { id: 'b1', unitId: 'btm', elementCodes: ['U3'] },
    { id: 'b2', unitId: 'btm', elementCodes: ['U5', 'U3'] },
    { id: 'b3', unitId: 'btm', elementCodes: ['U7'] },
  ];
  const effects = elementEffects(actions, before, after);

  it('shows every element that had actions with its value before and after, once per unit', () => {
    expect(
      effects.map((e) => [e.unitId, e.elementCode, e.before && toFixedHalfUp(e.before), e.after && toFixedHalfUp(e.after)]),
    ).toEqual([
      ['btm', 'U3', '88.00', '88.00'],
      ['btm', 'U5', '90.00', '90.00'],
      ['btm', 'U7', null, null],
      ['trk', 'U1', '82.10', '89.39'],
      ['trk', 'U2', '83.33', '86.36'],
      ['trk', 'U9', '87.65', '90.15'],
    ]);
    expect(effects.find((e) => e.unitId === 'btm' && e.elementCode === 'U3')?.actionIds).toEqual(['b1', 'b2']);
    // U4 had no action: not listed.
    expect(effects.some((e) => e.elementCode === 'U4')).toBe(false);
  });

  it('compares the published 2-decimal values (D19): 87,995 prints 88,00, so U3 is unchanged, not declined', () => {
    const u3 = effects.find((e) => e.unitId === 'btm' && e.elementCode === 'U3');
    expect(u3?.verdict).toBe('unchanged');
    expect(u3?.delta?.eq(0)).toBe(true);
    const u1 = effects.find((e) => e.unitId === 'trk' && e.elementCode === 'U1');
    expect(u1?.verdict).toBe('improved');
    expect(toFixedHalfUp(u1?.delta as Rational)).toBe('7.29');
  });

  it('lists actions whose element did not improve; unmeasured elements are not failures', () => {
    const list = actionsNotImproved(actions, effects);
    expect(list.map((a) => [a.actionId, a.elements.map((e) => `${e.elementCode}:${e.verdict}`)])).toEqual([
      ['b1', ['U3:unchanged']],
      ['b2', ['U3:unchanged', 'U5:unchanged']],
    ]);
    expect(effectCounts(effects)).toEqual({ improved: 3, unchanged: 2, declined: 0, not_measured: 1 });
  });

  it('a decline is listed with its negative change', () => {
    const e = elementEffects(
      [{ id: 'x', unitId: 'u', elementCodes: ['U2'] }],
      values({ u: { U2: '80.00' } }),
      values({ u: { U2: '79.50' } }),
    );
    expect(e[0]?.verdict).toBe('declined');
    const list = actionsNotImproved([{ id: 'x', unitId: 'u', elementCodes: ['U2'] }], e);
    expect(toFixedHalfUp(list[0]?.elements[0]?.delta as Rational)).toBe('-0.50');
    expect(verdictOf(null)).toBe('not_measured');
  });
});
