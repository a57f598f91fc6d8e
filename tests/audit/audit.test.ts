import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, beforeEach, expect, inject, it } from 'vitest';
import { testConfig } from '../../src/config.ts';
import { createDb, type DbHandle, type Engine } from '../../src/db/connection.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { type AuditService, actingRole, createAuditService } from '../../src/modules/audit/audit.service.ts';
import type { Actor } from '../../src/modules/auth/actor.ts';
import { describeEachEngine } from '../helpers/engines.ts';

const admin: Actor = {
  userId: 'user-admin',
  username: 'admin',
  fullName: 'Admin',
  grants: [{ role: 'system_admin', unitId: null }],
  mustChangePassword: false,
  sessionId: 's',
  locale: 'id',
};
const operator = (unitId: string): Actor => ({
  ...admin,
  userId: `user-op-${unitId}`,
  username: `op-${unitId}`,
  grants: [
    { role: 'executive_viewer', unitId: null },
    { role: 'unit_operator', unitId },
  ],
});

/** A PostgreSQL handle with a pool big enough for 20 truly parallel transactions. */
async function openWide(engine: Engine, open: () => Promise<DbHandle>): Promise<DbHandle> {
  if (engine === 'sqlite') return open();
  const url = inject('postgresUrl');
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const handle = await createDb({ databaseUrl: url, pgSchema: schema, poolSize: 25 });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop schema if exists "${schema}" cascade`);
      await c.end();
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describeEachEngine('audit trail', (engine, open) => {
  let dbh: DbHandle;
  let audit: AuditService;

  beforeEach(async () => {
    dbh = await openWide(engine, open);
    await migrateToLatest(dbh.db);
    audit = createAuditService({ db: dbh.db, engine, clock: { now: () => new Date() }, config: testConfig() });
  });
  afterEach(async () => dbh?.close());

  const seqs = async (chain: string) =>
    (await dbh.db.selectFrom('audit_event').select('seq').where('chain', '=', chain).orderBy('seq').execute()).map((r) =>
      Number(r.seq),
    );

  async function recordSome(n: number, unitId: string | null) {
    for (let i = 1; i <= n; i++) {
      await dbh.db.transaction().execute((trx) =>
        audit.record(trx, {
          unitId,
          actor: unitId ? operator(unitId) : admin,
          entityType: 'unit_service',
          entityId: `svc-${i}`,
          action: 'update',
          before: { population: i - 1, name: 'Layanan' },
          after: { name: 'Layanan', population: i },
          reason: i === 2 ? 'koreksi data' : null,
        }),
      );
    }
  }

  it('chains events per unit and one global chain, with gapless seqs and before/after as JSON', async () => {
    await recordSome(3, 'unit-a');
    await recordSome(2, 'unit-b');
    await recordSome(2, null);
    expect(await seqs('unit-a')).toEqual([1, 2, 3]);
    expect(await seqs('unit-b')).toEqual([1, 2]);
    expect(await seqs('global')).toEqual([1, 2]);

    const row = await dbh.db
      .selectFrom('audit_event')
      .selectAll()
      .where('chain', '=', 'unit-a')
      .where('seq', '=', 2)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      unit_id: 'unit-a',
      actor_id: 'user-op-unit-a',
      actor_role: 'unit_operator',
      entity_type: 'unit_service',
      entity_id: 'svc-2',
      before_json: '{"name":"Layanan","population":1}',
      after_json: '{"name":"Layanan","population":2}',
      reason: 'koreksi data',
    });
    const first = await dbh.db
      .selectFrom('audit_event')
      .select(['prev_hash', 'hash'])
      .where('chain', '=', 'unit-a')
      .where('seq', '=', 1)
      .executeTakeFirstOrThrow();
    expect(row.prev_hash).toBe(first.hash);
    const head = await dbh.db.selectFrom('audit_chain_head').selectAll().where('chain', '=', 'unit-a').executeTakeFirstOrThrow();
    expect(Number(head.seq)).toBe(3);

    expect(await audit.verify()).toEqual({ ok: true, chains: 3, events: 7, problems: [] });
  });

  it('commits and rolls back with the caller transaction', async () => {
    await recordSome(1, 'unit-a');
    await expect(
      dbh.db.transaction().execute(async (trx) => {
        await audit.record(trx, { unitId: 'unit-a', actor: admin, entityType: 'org_unit', entityId: 'x', action: 'update' });
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    await audit.record(dbh.db, { unitId: 'unit-a', actor: null, entityType: 'org_unit', entityId: 'x', action: 'create' });
    expect(await seqs('unit-a')).toEqual([1, 2]);
    expect((await audit.verify()).ok).toBe(true);
  });

  it('detects a row edited with raw SQL, naming chain and seq', async () => {
    await recordSome(4, 'unit-a');
    await recordSome(2, null);
    await sql`update audit_event set after_json = ${'{"name":"Layanan","population":999}'} where chain = 'unit-a' and seq = 3`.execute(
      dbh.db,
    );
    const report = await audit.verify();
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([{ chain: 'unit-a', seq: 3, problem: 'hash_mismatch' }]);
  });

  it('detects a removed row in the middle and at the end of a chain', async () => {
    await recordSome(4, 'unit-a');
    await recordSome(3, null);
    await sql`delete from audit_event where chain = 'unit-a' and seq = 2`.execute(dbh.db);
    await sql`delete from audit_event where chain = 'global' and seq = 3`.execute(dbh.db);
    const report = await audit.verify();
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      { chain: 'global', seq: 3, problem: 'head_mismatch' },
      { chain: 'unit-a', seq: 2, problem: 'seq_gap' },
    ]);
  });

  it('detects a rewritten link, a forged extra row and a deleted head', async () => {
    await recordSome(3, 'unit-a');
    await recordSome(2, 'unit-b');
    await recordSome(1, 'unit-c');
    await sql`update audit_event set prev_hash = ${'a'.repeat(64)} where chain = 'unit-a' and seq = 2`.execute(dbh.db);
    await sql`insert into audit_event (id, chain, seq, unit_id, at, entity_type, entity_id, action, prev_hash, hash)
      select 'forged', chain, 3, unit_id, at, entity_type, entity_id, action, hash, hash from audit_event where chain = 'unit-b' and seq = 2`.execute(
      dbh.db,
    );
    await sql`delete from audit_chain_head where chain = 'unit-c'`.execute(dbh.db);
    const { problems } = await audit.verify();
    expect(problems).toEqual(
      expect.arrayContaining([
        { chain: 'unit-a', seq: 2, problem: 'prev_hash_mismatch' },
        { chain: 'unit-b', seq: 3, problem: 'head_mismatch' },
        { chain: 'unit-c', seq: 1, problem: 'head_missing' },
      ]),
    );
  });

  it('keeps seqs gapless under 20 parallel transactions on one chain and on different chains', async () => {
    const write = (unitId: string | null, i: number) =>
      dbh.db.transaction().execute(async (trx) => {
        await audit.record(trx, {
          unitId,
          actor: admin,
          entityType: 'thing',
          entityId: String(i),
          action: 'create',
          after: { i },
        });
        await sleep(5); // hold the chain head while others queue on it
      });
    await Promise.all(Array.from({ length: 20 }, (_, i) => write('unit-same', i)));
    expect(await seqs('unit-same')).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));

    await Promise.all(Array.from({ length: 20 }, (_, i) => write(`unit-${i}`, i)));
    for (let i = 0; i < 20; i++) expect(await seqs(`unit-${i}`)).toEqual([1]);

    const report = await audit.verify();
    expect(report).toEqual({ ok: true, chains: 21, events: 40, problems: [] });
  });

  // Row locks are PostgreSQL's; SQLite has a single writer by design.
  if (engine === 'postgres')
    it('lets other chains write while one chain is locked, and queues writers of that chain', async () => {
      // The head row exists already, so only its row lock (not a pending insert) can make writers queue.
      await audit.record(dbh.db, { unitId: 'unit-a', actor: admin, entityType: 't', entityId: '0', action: 'create' });
      let release!: () => void;
      const held = new Promise<void>((r) => {
        release = r;
      });
      let recorded!: () => void;
      const locked = new Promise<void>((r) => {
        recorded = r;
      });
      const a = dbh.db.transaction().execute(async (trx) => {
        await audit.record(trx, { unitId: 'unit-a', actor: admin, entityType: 't', entityId: '1', action: 'create' });
        recorded();
        await held;
      });
      await locked;
      // A different chain commits while unit-a's head is locked.
      await audit.record(dbh.db, { unitId: 'unit-b', actor: admin, entityType: 't', entityId: '2', action: 'create' });
      expect(await seqs('unit-b')).toEqual([1]);
      // The same chain waits for the lock.
      let sameDone = false;
      const same = audit
        .record(dbh.db, { unitId: 'unit-a', actor: admin, entityType: 't', entityId: '3', action: 'create' })
        .then(() => {
          sameDone = true;
        });
      await sleep(300);
      expect(sameDone).toBe(false);
      release();
      await Promise.all([a, same]);
      expect(await seqs('unit-a')).toEqual([1, 2, 3]);
      expect((await audit.verify()).ok).toBe(true);
    });

  it('lists newest first with filters and pagination, joined with unit and actor names', async () => {
    const now = new Date().toISOString();
    await dbh.db
      .insertInto('org_unit')
      .values({
        id: 'unit-a',
        code: 'BBPOM-X',
        name: 'BBPOM di Kota X',
        short_name: 'BBPOM X',
        type: 'bbpom',
        group_label: null,
        parent_id: null,
        location_qualifier: null,
        city: null,
        province: null,
        time_zone: 'Asia/Jakarta',
        is_public_service_unit: 1,
        is_sakip_entity: 1,
        satker_code: null,
        head_title: null,
        valid_from: '2024-01-01',
        valid_to: null,
        predecessor_id: null,
        version: 1,
        active: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await recordSome(3, 'unit-a');
    await recordSome(2, null);
    const all = await audit.list(admin, { page: 1, pageSize: 50 });
    expect(all.total).toBe(5);
    expect(all.items.map((e) => e.at)).toEqual([...all.items.map((e) => e.at)].sort().reverse());
    const unitA = await audit.list(admin, { unitId: 'unit-a', page: 1, pageSize: 2 });
    expect(unitA.total).toBe(3);
    expect(unitA.items.map((e) => e.seq)).toEqual([3, 2]);
    expect(unitA.items[0]).toMatchObject({
      chain: 'unit-a',
      unitName: 'BBPOM di Kota X',
      actorRole: 'unit_operator',
      entityType: 'unit_service',
      entityId: 'svc-3',
      before: { name: 'Layanan', population: 2 },
      after: { name: 'Layanan', population: 3 },
    });
    const page2 = await audit.list(admin, { unitId: 'unit-a', page: 2, pageSize: 2 });
    expect(page2.items.map((e) => e.seq)).toEqual([1]);
    expect((await audit.list(admin, { entityId: 'svc-2', page: 1, pageSize: 50 })).total).toBe(2);
    expect((await audit.list(admin, { userId: 'user-admin', page: 1, pageSize: 50 })).total).toBe(2);
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10); // WIB calendar day
    expect((await audit.list(admin, { from: today, to: today, page: 1, pageSize: 50 })).total).toBe(5);
    expect((await audit.list(admin, { to: '2020-01-01', page: 1, pageSize: 50 })).total).toBe(0);
    await expect(audit.list(operator('unit-a'), { page: 1, pageSize: 50 })).rejects.toMatchObject({ code: 'forbidden' });
  });
});

it('picks the role the actor acted in', () => {
  expect(actingRole(operator('u1'), 'u1')).toBe('unit_operator');
  expect(actingRole(operator('u1'), null)).toBe('executive_viewer');
  expect(actingRole(null, 'u1')).toBeNull();
});
