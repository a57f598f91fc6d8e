import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connection.ts';
import { ROLES, type Role } from '../../src/modules/auth/actor.ts';
import { newId } from '../../src/shared/ids.ts';
import { createTestApp, describeEachEngine, type TestApp } from '../helpers/engines.ts';

/** A user with one role and a live session, written straight to the tables (no login round-trip). */
async function sessionFor(db: Db, role: Role, unitId: string | null): Promise<{ userId: string; cookie: string }> {
  const userId = newId();
  const now = new Date();
  const iso = now.toISOString();
  await db
    .insertInto('app_user')
    .values({
      id: userId,
      username: `u-${role}-${userId.slice(-6)}`,
      full_name: `Pengguna ${role}`,
      nip: null,
      email: null,
      person_id: null,
      password_hash: 'not-used',
      must_change_password: 0,
      failed_logins: 0,
      locked_at: null,
      active: 1,
      locale: 'id',
      created_at: iso,
      updated_at: iso,
    })
    .execute();
  await db.insertInto('user_role').values({ id: newId(), user_id: userId, role, unit_id: unitId, created_at: iso }).execute();
  const token = randomBytes(20).toString('base64url');
  const later = new Date(now.getTime() + 3600_000).toISOString();
  await db
    .insertInto('session')
    .values({
      id: createHash('sha256').update(token).digest('hex'),
      user_id: userId,
      created_at: iso,
      last_seen_at: iso,
      idle_expires_at: later,
      absolute_expires_at: later,
    })
    .execute();
  return { userId, cookie: `mutu_session=${token}` };
}

async function insertUnit(db: Db, id: string, code: string, name: string) {
  const now = new Date().toISOString();
  await db
    .insertInto('org_unit')
    .values({
      id,
      code,
      name,
      short_name: code,
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
}

describeEachEngine('audit API', (_engine, open) => {
  let t: TestApp;
  const unitA = newId();
  const cookies = {} as Record<Role, string>;
  let adminId = '';
  /** Events written by boot itself (e.g. the first admin), so counts below do not depend on it. */
  let baseline = 0;

  beforeAll(async () => {
    t = await createTestApp(open);
    const db = t.deps.dbh.db;
    baseline = (await t.deps.services.audit.verify()).events;
    await insertUnit(db, unitA, 'BBPOM-AUDIT', 'BBPOM di Kota Audit');
    for (const role of ROLES) {
      const s = await sessionFor(db, role, ['unit_operator', 'unit_head', 'sakip_manager'].includes(role) ? unitA : null);
      cookies[role] = s.cookie;
      if (role === 'system_admin') adminId = s.userId;
    }
    const admin = await t.deps.services.auth.authenticate(cookies.system_admin.split('=')[1] as string);
    expect(admin?.userId).toBe(adminId);
    for (let i = 1; i <= 3; i++) {
      await db.transaction().execute((trx) =>
        t.deps.services.audit.record(trx, {
          unitId: unitA,
          actor: admin,
          entityType: 'unit_service',
          entityId: `svc-${i}`,
          action: 'update',
          before: { population: i },
          after: { population: i + 1 },
          reason: 'uji',
        }),
      );
    }
    await t.deps.services.audit.record(db, {
      unitId: null,
      actor: admin,
      entityType: 'service_type',
      entityId: 'st',
      action: 'create',
    });
  });
  afterAll(async () => t?.close());

  const get = (url: string, role?: Role) => t.app.inject({ method: 'GET', url, headers: role ? { cookie: cookies[role] } : {} });

  it('lets only system_admin and inspectorate read the trail', async () => {
    for (const role of ROLES) {
      const list = await get('/api/v1/audit', role);
      const verify = await get('/api/v1/audit/verify', role);
      const expected = role === 'system_admin' || role === 'inspectorate' ? 200 : 403;
      expect([role, list.statusCode, verify.statusCode]).toEqual([role, expected, expected]);
    }
    expect((await get('/api/v1/audit')).statusCode).toBe(401);
  });

  it('lists newest first with unit and actor names, filtered and paginated', async () => {
    const all = (await get('/api/v1/audit', 'inspectorate')).json();
    expect(all.total).toBe(baseline + 4);
    const res = await get(`/api/v1/audit?unitId=${unitA}&pageSize=2&page=1`, 'system_admin');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(3);
    expect(body.items.map((e: { seq: number }) => e.seq)).toEqual([3, 2]);
    expect(body.items[0]).toMatchObject({
      chain: unitA,
      unitId: unitA,
      unitName: 'BBPOM di Kota Audit',
      actorId: adminId,
      actorName: 'Pengguna system_admin',
      actorRole: 'system_admin',
      entityType: 'unit_service',
      entityId: 'svc-3',
      action: 'update',
      before: { population: 3 },
      after: { population: 4 },
      reason: 'uji',
    });
    expect(Object.keys(body.items[0]).sort()).toEqual(
      [
        'id',
        'at',
        'chain',
        'seq',
        'unitId',
        'unitName',
        'actorId',
        'actorName',
        'actorRole',
        'entityType',
        'entityId',
        'action',
        'before',
        'after',
        'reason',
      ].sort(),
    );
    const p2 = (await get(`/api/v1/audit?unitId=${unitA}&pageSize=2&page=2`, 'system_admin')).json();
    expect(p2.items.map((e: { seq: number }) => e.seq)).toEqual([1]);
    const byEntity = (await get('/api/v1/audit?entityType=unit_service&entityId=svc-2', 'system_admin')).json();
    expect(byEntity.total).toBe(1);
    expect((await get(`/api/v1/audit?userId=${adminId}`, 'system_admin')).json().total).toBe(4);
    expect((await get('/api/v1/audit?userId=nobody', 'system_admin')).json().total).toBe(0);
    expect((await get('/api/v1/audit?from=2000-01-01&to=2000-12-31', 'system_admin')).json().total).toBe(0);
    expect((await get('/api/v1/audit?from=2000-01-01&to=2999-12-31&unitId=', 'system_admin')).json().total).toBe(baseline + 4);
  });

  it('answers bad filters with a 400 naming the field', async () => {
    for (const [qs, field] of [
      ['from=2026-13-01', 'query.from'],
      ['to=kemarin', 'query.to'],
      ['from=2026-02-01&to=2026-01-01', 'query.to'],
      ['pageSize=1000', 'query.pageSize'],
      ['page=0', 'query.page'],
    ] as const) {
      const res = await get(`/api/v1/audit?${qs}`, 'system_admin');
      expect([qs, res.statusCode]).toEqual([qs, 400]);
      expect(res.json().error.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
  });

  it('verifies the chains and reports an edited row', async () => {
    const ok = (await get('/api/v1/audit/verify', 'inspectorate')).json();
    expect(ok).toMatchObject({ ok: true, events: baseline + 4, problems: [] });
    expect(ok.chains).toBeGreaterThanOrEqual(2);
    await sql`update audit_event set reason = ${'diubah diam-diam'} where chain = ${unitA} and seq = 2`.execute(t.deps.dbh.db);
    const bad = (await get('/api/v1/audit/verify?lang=en', 'inspectorate')).json();
    expect(bad.ok).toBe(false);
    expect(bad.problems).toEqual([
      { chain: unitA, seq: 2, problem: 'hash_mismatch', message: 'Row 2 was edited (hash mismatch)' },
    ]);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/audit', '/api/v1/audit/verify']));
  });
});

describe('audit roles', () => {
  it('covers every role of DOMAIN §3', () => {
    expect(ROLES).toHaveLength(8);
  });
});
