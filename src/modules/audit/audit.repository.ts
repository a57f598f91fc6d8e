import type { Insertable, Selectable } from 'kysely';
import type { Db, Engine } from '../../db/connection.ts';
import type { AuditChainHeadTable, AuditEventTable } from '../../db/schema.ts';

export type AuditEventRow = Selectable<AuditEventTable>;

/**
 * Locks the head of `chain` for this transaction, creating it at seq 0 first.
 * On PostgreSQL the row lock queues writers of the same chain only; SQLite has one writer anyway.
 */
export async function lockChainHead(
  trx: Db,
  engine: Engine,
  chain: string,
  genesis: string,
): Promise<Selectable<AuditChainHeadTable>> {
  await trx
    .insertInto('audit_chain_head')
    .values({ chain, seq: 0, hash: genesis })
    .onConflict((oc) => oc.column('chain').doNothing())
    .execute();
  const q = trx.selectFrom('audit_chain_head').select(['chain', 'seq', 'hash']).where('chain', '=', chain);
  return (engine === 'postgres' ? q.forUpdate() : q).executeTakeFirstOrThrow();
}

export async function appendEvent(trx: Db, row: Insertable<AuditEventTable>): Promise<void> {
  await trx.insertInto('audit_event').values(row).execute();
  await trx.updateTable('audit_chain_head').set({ seq: row.seq, hash: row.hash }).where('chain', '=', row.chain).execute();
}

export interface AuditFilter {
  unitId?: string | undefined;
  userId?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  /** Inclusive lower bound (ISO instant). */
  fromAt?: string | undefined;
  /** Exclusive upper bound (ISO instant). */
  toAt?: string | undefined;
}

function filtered(db: Db, f: AuditFilter) {
  let q = db.selectFrom('audit_event as e');
  if (f.unitId) q = q.where('e.unit_id', '=', f.unitId);
  if (f.userId) q = q.where('e.actor_id', '=', f.userId);
  if (f.entityType) q = q.where('e.entity_type', '=', f.entityType);
  if (f.entityId) q = q.where('e.entity_id', '=', f.entityId);
  if (f.fromAt) q = q.where('e.at', '>=', f.fromAt);
  if (f.toAt) q = q.where('e.at', '<', f.toAt);
  return q;
}

export async function countEvents(db: Db, f: AuditFilter): Promise<number> {
  const row = await filtered(db, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Newest first, with the unit's and the actor's names. */
export async function listEvents(db: Db, f: AuditFilter, offset: number, limit: number) {
  return filtered(db, f)
    .leftJoin('org_unit as u', 'u.id', 'e.unit_id')
    .leftJoin('app_user as a', 'a.id', 'e.actor_id')
    .select([
      'e.id',
      'e.at',
      'e.chain',
      'e.seq',
      'e.unit_id',
      'u.name as unit_name',
      'e.actor_id',
      'a.full_name as actor_name',
      'e.actor_role',
      'e.entity_type',
      'e.entity_id',
      'e.action',
      'e.before_json',
      'e.after_json',
      'e.reason',
    ])
    .orderBy('e.at', 'desc')
    .orderBy('e.seq', 'desc')
    .orderBy('e.id', 'desc')
    .offset(offset)
    .limit(limit)
    .execute();
}

/** Every chain known from its head or its events (a chain whose head was deleted still shows up). */
export async function listChains(db: Db): Promise<string[]> {
  const [heads, events] = await Promise.all([
    db.selectFrom('audit_chain_head').select('chain').execute(),
    db.selectFrom('audit_event').select('chain').distinct().execute(),
  ]);
  return [...new Set([...heads.map((h) => h.chain), ...events.map((e) => e.chain)])].sort();
}

export async function readHead(db: Db, chain: string) {
  return db.selectFrom('audit_chain_head').select(['seq', 'hash']).where('chain', '=', chain).executeTakeFirst();
}

export async function readChainBatch(db: Db, chain: string, afterSeq: number, uptoSeq: number | null, limit: number) {
  let q = db.selectFrom('audit_event').selectAll().where('chain', '=', chain).where('seq', '>', afterSeq);
  if (uptoSeq !== null) q = q.where('seq', '<=', uptoSeq);
  return q.orderBy('seq', 'asc').limit(limit).execute();
}

export async function maxSeq(db: Db, chain: string): Promise<number> {
  const row = await db
    .selectFrom('audit_event')
    .select((eb) => eb.fn.max('seq').as('m'))
    .where('chain', '=', chain)
    .executeTakeFirst();
  return Number(row?.m ?? 0);
}

export async function findUnitIdByCode(db: Db, code: string): Promise<string | undefined> {
  const row = await db.selectFrom('org_unit').select('id').where('code', '=', code).executeTakeFirst();
  return row?.id;
}

export async function unitsByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('org_unit').select(['id', 'code', 'name']).where('id', 'in', ids).execute();
}
