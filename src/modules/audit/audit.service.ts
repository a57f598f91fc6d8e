import type { Db } from '../../db/connection.ts';
import { isoNow } from '../../shared/clock.ts';
import { newId } from '../../shared/ids.ts';
import type { Actor } from '../auth/actor.ts';
import type { ServiceContext } from '../service-context.ts';
import {
  type ChainedFields,
  type ChainProblem,
  canonicalJson,
  createChainWalker,
  eventHash,
  GENESIS_HASH,
  GLOBAL_CHAIN,
} from './audit.chain.ts';
import { assertCanReadAudit } from './audit.policy.ts';
import * as repo from './audit.repository.ts';
import type { AuditEventView, AuditList, AuditListQuery, VerifyReport } from './audit.schema.ts';

export interface AuditEntry {
  /** Unit that owns the record (its chain), or null for global data. */
  unitId: string | null;
  actor: Actor | null;
  entityType: string;
  entityId: string;
  action: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

const VERIFY_BATCH = 2000;
const WIB_OFFSET = '+07:00';

/** The role the actor acted in: its grant on the record's unit, else an agency-wide grant. */
export function actingRole(actor: Actor | null, unitId: string | null): string | null {
  if (!actor || actor.grants.length === 0) return null;
  const grant =
    (unitId && actor.grants.find((g) => g.unitId === unitId)) || actor.grants.find((g) => g.unitId === null) || actor.grants[0];
  return grant?.role ?? null;
}

const parseJson = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

/** Start of a WIB calendar day as an ISO UTC instant. */
const wibDayStart = (day: string): string => new Date(`${day}T00:00:00.000${WIB_OFFSET}`).toISOString();
const nextDay = (day: string): string => {
  const d = new Date(`${day}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

export function createAuditService(ctx: ServiceContext) {
  async function append(trx: Db, entry: AuditEntry): Promise<void> {
    const chain = entry.unitId ?? GLOBAL_CHAIN;
    const head = await repo.lockChainHead(trx, ctx.engine, chain, GENESIS_HASH);
    const fields: ChainedFields = {
      id: newId(),
      chain,
      seq: Number(head.seq) + 1,
      unit_id: entry.unitId,
      at: isoNow(ctx.clock),
      actor_id: entry.actor?.userId ?? null,
      actor_role: actingRole(entry.actor, entry.unitId),
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      action: entry.action,
      before_json: entry.before === undefined ? null : canonicalJson(entry.before),
      after_json: entry.after === undefined ? null : canonicalJson(entry.after),
      reason: entry.reason ?? null,
    };
    await repo.appendEvent(trx, { ...fields, prev_hash: head.hash, hash: eventHash(head.hash, fields) });
  }

  async function search(query: AuditListQuery): Promise<AuditList> {
    const filter: repo.AuditFilter = {
      unitId: query.unitId,
      userId: query.userId,
      entityType: query.entityType,
      entityId: query.entityId,
      fromAt: query.from ? wibDayStart(query.from) : undefined,
      toAt: query.to ? wibDayStart(nextDay(query.to)) : undefined,
    };
    const [total, rows] = await Promise.all([
      repo.countEvents(ctx.db, filter),
      repo.listEvents(ctx.db, filter, (query.page - 1) * query.pageSize, query.pageSize),
    ]);
    const items: AuditEventView[] = rows.map((r) => ({
      id: r.id,
      at: r.at,
      chain: r.chain,
      seq: Number(r.seq),
      unitId: r.unit_id,
      unitName: r.unit_name ?? null,
      actorId: r.actor_id,
      actorName: r.actor_name ?? null,
      actorRole: r.actor_role,
      entityType: r.entity_type,
      entityId: r.entity_id,
      action: r.action,
      before: parseJson(r.before_json),
      after: parseJson(r.after_json),
      reason: r.reason,
    }));
    return { items, total };
  }

  async function verifyChain(chain: string): Promise<{ events: number; problems: ChainProblem[] }> {
    // Head first: an event and its head update commit together, so every row up to this head is
    // already visible and later writers cannot make the walk look broken.
    const head = await repo.readHead(ctx.db, chain);
    const upto = head ? Number(head.seq) : null;
    const walker = createChainWalker(chain);
    let after = 0;
    for (;;) {
      const rows = await repo.readChainBatch(ctx.db, chain, after, upto, VERIFY_BATCH);
      for (const r of rows) walker.push(r);
      if (rows.length < VERIFY_BATCH) break;
      after = Number(rows[rows.length - 1]?.seq);
    }
    const result = walker.finish(head);
    if (head) {
      // Rows beyond the head: max first, then the head, so concurrent appends never count.
      const max = await repo.maxSeq(ctx.db, chain);
      const latest = await repo.readHead(ctx.db, chain);
      if (latest && max > Number(latest.seq))
        result.problems.push({ chain, seq: Number(latest.seq) + 1, problem: 'head_mismatch' });
    }
    return result;
  }

  async function verify(): Promise<VerifyReport> {
    const chains = await repo.listChains(ctx.db);
    let events = 0;
    const problems: ChainProblem[] = [];
    for (const chain of chains) {
      const r = await verifyChain(chain);
      events += r.events;
      problems.push(...r.problems);
    }
    return { ok: problems.length === 0, chains: chains.length, events, problems };
  }

  return {
    /**
     * Append inside the caller's transaction (`trx`), so the change and its record commit together.
     * Called outside a transaction, it opens its own so the chain head stays locked while appending.
     */
    async record(trx: Db, entry: AuditEntry): Promise<void> {
      if (trx.isTransaction) return append(trx, entry);
      await trx.transaction().execute((t) => append(t, entry));
    },

    /** Audit viewer: newest first, filtered, paginated. */
    async list(actor: Actor, query: AuditListQuery): Promise<AuditList> {
      assertCanReadAudit(actor);
      return search(query);
    },

    /** `list` without an actor (system use: the CLI). */
    search,

    /** Display labels of chains: `global`, or the unit's code and name. */
    async chainLabels(chains: string[]): Promise<Map<string, string>> {
      const units = await repo.unitsByIds(
        ctx.db,
        chains.filter((c) => c !== GLOBAL_CHAIN),
      );
      const labels = new Map<string, string>();
      for (const c of chains) {
        const u = units.find((x) => x.id === c);
        labels.set(c, u ? `${u.code} ${u.name}` : c);
      }
      return labels;
    },

    /** Walks every chain (system use: the CLI). */
    verify,

    /** `verify` for a logged-in reader of the audit trail. */
    async verifyAs(actor: Actor): Promise<VerifyReport> {
      assertCanReadAudit(actor);
      return verify();
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
