import { createHash } from 'node:crypto';

/** Chain for records that belong to no unit; every unit has its own chain named by its id. */
export const GLOBAL_CHAIN = 'global';
/** `prev_hash` of the first event of a chain. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * Deterministic JSON: object keys sorted at every depth, `undefined` members dropped.
 * Both engines return the stored text unchanged, so hashing this text verifies the same everywhere.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalise(value)) ?? 'null';
}

function normalise(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : normalise(v)));
  if (typeof value === 'object') {
    const src = value as Record<string, unknown>;
    const toJson = (src as { toJSON?: () => unknown }).toJSON;
    if (typeof toJson === 'function') return normalise(toJson.call(src));
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(src).sort()) {
      if (src[key] !== undefined) out[key] = normalise(src[key]);
    }
    return out;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  return value;
}

/** The hashed fields of one `audit_event` row, exactly as stored. */
export interface ChainedFields {
  id: string;
  chain: string;
  seq: number;
  unit_id: string | null;
  at: string;
  actor_id: string | null;
  actor_role: string | null;
  entity_type: string;
  entity_id: string;
  action: string;
  before_json: string | null;
  after_json: string | null;
  reason: string | null;
}

/** sha256(prev_hash || canonical JSON of the event), hex. */
export function eventHash(prevHash: string, e: ChainedFields): string {
  const body = canonicalJson({
    id: e.id,
    chain: e.chain,
    seq: Number(e.seq),
    unit_id: e.unit_id,
    at: e.at,
    actor_id: e.actor_id,
    actor_role: e.actor_role,
    entity_type: e.entity_type,
    entity_id: e.entity_id,
    action: e.action,
    before_json: e.before_json,
    after_json: e.after_json,
    reason: e.reason,
  });
  return createHash('sha256').update(prevHash).update(body).digest('hex');
}

export type ChainProblemCode = 'hash_mismatch' | 'prev_hash_mismatch' | 'seq_gap' | 'head_mismatch' | 'head_missing';

export interface ChainProblem {
  chain: string;
  seq: number;
  problem: ChainProblemCode;
}

export interface ChainHead {
  seq: number;
  hash: string;
}

/**
 * Incremental checker for one chain: feed rows in seq order, then `finish` with the head.
 * Kept pure so the walk can stream in batches from either engine.
 */
export function createChainWalker(chain: string) {
  const problems: ChainProblem[] = [];
  let lastSeq = 0;
  let lastHash = GENESIS_HASH;
  let count = 0;
  return {
    push(row: ChainedFields & { prev_hash: string; hash: string }): void {
      const seq = Number(row.seq);
      count++;
      const gap = seq !== lastSeq + 1;
      // A gap already explains the broken link of the row after it: report the removal only.
      if (gap) problems.push({ chain, seq: lastSeq + 1, problem: 'seq_gap' });
      else if (row.prev_hash !== lastHash) problems.push({ chain, seq, problem: 'prev_hash_mismatch' });
      if (eventHash(row.prev_hash, row) !== row.hash) problems.push({ chain, seq, problem: 'hash_mismatch' });
      lastSeq = seq;
      lastHash = row.hash;
    },
    finish(head: ChainHead | undefined): { events: number; problems: ChainProblem[] } {
      if (!head) {
        if (count > 0) problems.push({ chain, seq: lastSeq, problem: 'head_missing' });
      } else {
        const headSeq = Number(head.seq);
        // Rows removed from the end of the chain, or the head rewritten.
        if (headSeq > lastSeq) problems.push({ chain, seq: lastSeq + 1, problem: 'head_mismatch' });
        else if (headSeq < lastSeq) problems.push({ chain, seq: headSeq + 1, problem: 'head_mismatch' });
        else if (head.hash !== lastHash) problems.push({ chain, seq: headSeq, problem: 'head_mismatch' });
      }
      return { events: count, problems };
    },
  };
}
