import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ChainedFields,
  canonicalJson,
  createChainWalker,
  eventHash,
  GENESIS_HASH,
} from '../../src/modules/audit/audit.chain.ts';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: undefined, x: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,{"x":2,"z":1}]},"b":1}',
    );
  });

  it('does not depend on the insertion order of keys', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(obj));
        expect(canonicalJson(JSON.parse(canonicalJson(obj)))).toBe(canonicalJson(obj));
      }),
    );
  });

  it('writes bigints as strings and dates as ISO instants', () => {
    expect(canonicalJson({ n: 12345678901234567890n, d: new Date('2026-01-02T03:04:05.000Z') })).toBe(
      '{"d":"2026-01-02T03:04:05.000Z","n":"12345678901234567890"}',
    );
  });
});

function makeChain(n: number, chain = 'u1') {
  const rows: (ChainedFields & { prev_hash: string; hash: string })[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const f: ChainedFields = {
      id: `id-${seq}`,
      chain,
      seq,
      unit_id: chain,
      at: `2026-01-01T00:00:0${seq % 10}.000Z`,
      actor_id: 'a',
      actor_role: 'system_admin',
      entity_type: 'unit',
      entity_id: `e${seq}`,
      action: 'update',
      before_json: canonicalJson({ v: seq - 1 }),
      after_json: canonicalJson({ v: seq }),
      reason: null,
    };
    const hash = eventHash(prev, f);
    rows.push({ ...f, prev_hash: prev, hash });
    prev = hash;
  }
  return rows;
}

describe('chain walker', () => {
  it('accepts an intact chain', () => {
    const rows = makeChain(5);
    const w = createChainWalker('u1');
    for (const r of rows) w.push(r);
    expect(w.finish({ seq: 5, hash: rows[4]!.hash })).toEqual({ events: 5, problems: [] });
  });

  it('names an edited row', () => {
    const rows = makeChain(5);
    rows[2] = { ...rows[2]!, after_json: '{"v":999}' };
    const w = createChainWalker('u1');
    for (const r of rows) w.push(r);
    expect(w.finish({ seq: 5, hash: rows[4]!.hash }).problems).toEqual([{ chain: 'u1', seq: 3, problem: 'hash_mismatch' }]);
  });

  it('names a removed row in the middle and at the end', () => {
    const rows = makeChain(5);
    const w = createChainWalker('u1');
    for (const r of rows.filter((r) => r.seq !== 2)) w.push(r);
    expect(w.finish({ seq: 5, hash: rows[4]!.hash }).problems).toEqual([{ chain: 'u1', seq: 2, problem: 'seq_gap' }]);

    const tail = createChainWalker('u1');
    for (const r of rows.slice(0, 4)) tail.push(r);
    expect(tail.finish({ seq: 5, hash: rows[4]!.hash }).problems).toEqual([{ chain: 'u1', seq: 5, problem: 'head_mismatch' }]);
  });

  it('names a row whose link was rewritten even when its own hash was recomputed', () => {
    const rows = makeChain(4);
    const forged = { ...rows[2]!, prev_hash: 'f'.repeat(64) };
    forged.hash = eventHash(forged.prev_hash, forged);
    rows[2] = forged;
    const w = createChainWalker('u1');
    for (const r of rows) w.push(r);
    // Row 3 links to nothing real, and row 4 no longer links to row 3.
    expect(w.finish({ seq: 4, hash: rows[3]!.hash }).problems).toEqual([
      { chain: 'u1', seq: 3, problem: 'prev_hash_mismatch' },
      { chain: 'u1', seq: 4, problem: 'prev_hash_mismatch' },
    ]);
  });

  it('names a missing head', () => {
    const rows = makeChain(2);
    const w = createChainWalker('u1');
    for (const r of rows) w.push(r);
    expect(w.finish(undefined).problems).toEqual([{ chain: 'u1', seq: 2, problem: 'head_missing' }]);
  });
});
