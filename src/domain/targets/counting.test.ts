import { describe, expect, it } from 'vitest';
import { applyCountingRule, type CountableResponse } from './counting.ts';

const T0 = Date.parse('2024-04-01T08:00:00+08:00');
/** `n` responses one minute apart, seqNo 1..n; `invalid` lists seqNos that were invalidated. */
function responses(n: number, invalid: number[] = []): (CountableResponse & { id: number })[] {
  return Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    seqNo: i + 1,
    submittedAt: T0 + i * 60_000,
    valid: !invalid.includes(i + 1),
  }));
}

describe('EX-SKM-09 counting rule (D5)', () => {
  it.each([
    [18, 24, [], 18, false],
    [2, 5, [], 5, false],
    [0, 3, [], 3, false],
    [10, 11, [], 10, false],
    [18, 12, [], 12, true],
    [18, 24, [2, 5, 7], 18, false],
  ] as const)('target %i, %i submitted (invalid %j) → %i counted, justification %s', (target, n, invalid, counted, just) => {
    const r = applyCountingRule(responses(n, [...invalid]), target);
    expect(r.counted).toHaveLength(counted);
    expect(r.justificationRequired).toBe(just);
    expect(r.submitted).toBe(n);
    expect(r.valid).toBe(n - invalid.length);
  });

  it('keeps the first valid responses by submission time, then seqNo', () => {
    const r = applyCountingRule(responses(24, [2, 5, 7]), 18);
    expect(r.counted.map((x) => x.id)).toEqual([1, 3, 4, 6, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21]);
    const shuffled = [...responses(12)].reverse();
    shuffled[0]!.submittedAt = T0; // same instant as #1: seqNo decides
    const s = applyCountingRule(shuffled, 10);
    expect(s.counted.map((x) => x.id)).toEqual([1, 12, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('reports the shortfall', () => {
    expect(applyCountingRule(responses(12), 18).shortfall).toBe(6);
    expect(applyCountingRule(responses(24), 18).shortfall).toBe(0);
  });

  it('Tarakan: 1+1+2+18 counted of 28 submitted', () => {
    const services = [
      { target: 1, n: 1 },
      { target: 1, n: 1 },
      { target: 2, n: 2 },
      { target: 18, n: 24 },
    ].map((s) => applyCountingRule(responses(s.n), s.target));
    expect(services.reduce((a, s) => a + s.counted.length, 0)).toBe(22);
    expect(services.reduce((a, s) => a + s.submitted, 0)).toBe(28);
  });
});
