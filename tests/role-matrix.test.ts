import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../src/db/connection.ts';
import { ROLES, type Role, UNIT_ROLES } from '../src/modules/auth/actor.ts';
import { newId } from '../src/shared/ids.ts';
import { insertUnit, insertUser, login, sessionCookie } from './auth/fixtures.ts';
import { createTestApp, describeEachEngine, SAME_ORIGIN, type TestApp } from './helpers/engines.ts';

/**
 * Every role of DOMAIN §3 (plus anonymous) against every endpoint of issue 2. Unit roles are
 * granted on unit A; unit B is "another unit". Refused unsafe requests must change nothing.
 */

type Who = Role | 'anonymous';
const WHO: Who[] = [...ROLES, 'anonymous'];
type Expect = 'ok' | 401 | 403 | 400;
type Method = 'GET' | 'POST' | 'PATCH' | 'PUT';

interface Fixture {
  unitA: string;
  unitB: string;
  unitC: string;
  svcA: string;
  svcB: string;
  svcToDeactivate: Record<Who, string>;
  target: string;
  passwords: Record<Who, string>;
}

interface Row {
  method: Method;
  path: string;
  url: (fx: Fixture, who: Who) => string;
  body?: (fx: Fixture, who: Who) => object;
  expect: (who: Who) => Expect;
  /** Sends no session cookie (public routes are exercised as their callers use them). */
  fresh?: 'login' | 'logout';
}

const isUnitRole = (who: Who) => who !== 'anonymous' && UNIT_ROLES.includes(who);
const everyone = (who: Who): Expect => (who === 'anonymous' ? 401 : 'ok');
const only =
  (...roles: Role[]) =>
  (who: Who): Expect =>
    who === 'anonymous' ? 401 : roles.includes(who) ? 'ok' : 403;
/** Data of unit B: agency-wide roles read it, the unit roles of unit A do not. */
const otherUnitRead = (who: Who): Expect => (who === 'anonymous' ? 401 : isUnitRole(who) ? 403 : 'ok');
const slug = (who: Who) => who.replace(/_/g, '-');

// biome-ignore format: one row per endpoint reads best as a table
const MATRIX: Row[] = [
  // Auth
  { method: 'POST', path: '/api/v1/auth/login', url: () => '/api/v1/auth/login', fresh: 'login',
    body: (fx, who) => ({ username: who === 'anonymous' ? 'nobody' : `m-${slug(who)}`, password: fx.passwords[who] }),
    expect: (who) => (who === 'anonymous' ? 401 : 'ok') },
  { method: 'GET', path: '/api/v1/auth/me', url: () => '/api/v1/auth/me', expect: everyone },
  { method: 'PATCH', path: '/api/v1/auth/me', url: () => '/api/v1/auth/me', body: () => ({ locale: 'id' }), expect: everyone },
  { method: 'POST', path: '/api/v1/auth/reset-password', url: () => '/api/v1/auth/reset-password',
    body: () => ({ token: 'x'.repeat(43), newPassword: 'Whatever-Passw0rd' }), expect: () => 400 },
  { method: 'POST', path: '/api/v1/auth/logout', url: () => '/api/v1/auth/logout', fresh: 'logout', expect: () => 'ok' },
  // Users (system_admin)
  { method: 'GET', path: '/api/v1/users', url: () => '/api/v1/users', expect: only('system_admin') },
  { method: 'POST', path: '/api/v1/users', url: () => '/api/v1/users',
    body: (fx, who) => ({ username: `new.${slug(who)}`, fullName: 'Baru', roles: [{ role: 'unit_operator', unitId: fx.unitA }] }),
    expect: only('system_admin') },
  { method: 'PATCH', path: '/api/v1/users/:id', url: (fx) => `/api/v1/users/${fx.target}`, body: () => ({ fullName: 'Diubah' }), expect: only('system_admin') },
  { method: 'POST', path: '/api/v1/users/:id/unlock', url: (fx) => `/api/v1/users/${fx.target}/unlock`, expect: only('system_admin') },
  { method: 'POST', path: '/api/v1/users/:id/reset-link', url: (fx) => `/api/v1/users/${fx.target}/reset-link`, expect: only('system_admin') },
  { method: 'POST', path: '/api/v1/users/import', url: () => '/api/v1/users/import',
    body: (_fx, who) => ({ csv: `nip,name,email,unit,role\n,Impor,imp.${slug(who)}@pom.go.id,BBPOM-A,unit_operator` }),
    expect: only('system_admin') },
  // Units
  { method: 'GET', path: '/api/v1/units', url: () => '/api/v1/units', expect: everyone },
  { method: 'GET', path: '/api/v1/units/:id (own unit A)', url: (fx) => `/api/v1/units/${fx.unitA}`, expect: everyone },
  { method: 'GET', path: '/api/v1/units/:id (other unit B)', url: (fx) => `/api/v1/units/${fx.unitB}`, expect: otherUnitRead },
  { method: 'POST', path: '/api/v1/units', url: () => '/api/v1/units',
    body: (_fx, who) => ({ code: `NEW-${slug(who)}`, name: `Unit Baru ${who}`, type: 'other' }), expect: only('system_admin') },
  { method: 'PATCH', path: '/api/v1/units/:id (A)', url: (fx) => `/api/v1/units/${fx.unitA}`, body: () => ({ headTitle: 'Kepala Balai A' }), expect: only('system_admin') },
  { method: 'PATCH', path: '/api/v1/units/:id (B)', url: (fx) => `/api/v1/units/${fx.unitB}`, body: () => ({ headTitle: 'Kepala Balai B' }), expect: only('system_admin') },
  { method: 'POST', path: '/api/v1/units/:id/deactivate', url: (fx) => `/api/v1/units/${fx.unitC}/deactivate`, body: () => ({ reason: 'Uji matriks' }), expect: only('system_admin') },
  // Services
  { method: 'GET', path: '/api/v1/service-types', url: () => '/api/v1/service-types', expect: everyone },
  { method: 'GET', path: '/api/v1/units/:id/services (A)', url: (fx) => `/api/v1/units/${fx.unitA}/services`, expect: everyone },
  { method: 'GET', path: '/api/v1/units/:id/services (B)', url: (fx) => `/api/v1/units/${fx.unitB}/services`, expect: otherUnitRead },
  { method: 'POST', path: '/api/v1/units/:id/services (A)', url: (fx) => `/api/v1/units/${fx.unitA}/services`,
    body: (_fx, who) => ({ name: `Layanan Uji A ${who}`, deliveryMode: 'online', populationDivisor: 4 }), expect: only('system_admin', 'skm_coordinator') },
  { method: 'POST', path: '/api/v1/units/:id/services (B)', url: (fx) => `/api/v1/units/${fx.unitB}/services`,
    body: (_fx, who) => ({ name: `Layanan Uji B ${who}`, deliveryMode: 'offline', populationDivisor: 4 }), expect: only('system_admin', 'skm_coordinator') },
  { method: 'PATCH', path: '/api/v1/services/:id', url: (fx) => `/api/v1/services/${fx.svcA}`, body: () => ({ applicationName: 'Aplikasi Uji' }), expect: only('system_admin', 'skm_coordinator') },
  // A fresh service per caller, or the second allowed caller would find it already inactive.
  { method: 'POST', path: '/api/v1/services/:id/deactivate', url: (fx, who) => `/api/v1/services/${fx.svcToDeactivate[who]}/deactivate`,
    body: () => ({ reason: 'Uji matriks' }), expect: only('system_admin', 'skm_coordinator') },
  { method: 'PUT', path: '/api/v1/services/:id/populations/:year (A)', url: (fx) => `/api/v1/services/${fx.svcA}/populations/2024`,
    body: () => ({ population: 1234 }), expect: only('system_admin', 'skm_coordinator', 'unit_operator') },
  { method: 'PUT', path: '/api/v1/services/:id/populations/:year (B)', url: (fx) => `/api/v1/services/${fx.svcB}/populations/2024`,
    body: () => ({ population: 999 }), expect: only('system_admin', 'skm_coordinator') },
  // People and assignments
  { method: 'GET', path: '/api/v1/units/:id/assignments (A)', url: (fx) => `/api/v1/units/${fx.unitA}/assignments`, expect: everyone },
  { method: 'GET', path: '/api/v1/units/:id/assignments (B)', url: (fx) => `/api/v1/units/${fx.unitB}/assignments`, expect: otherUnitRead },
  { method: 'POST', path: '/api/v1/units/:id/assignments', url: (fx) => `/api/v1/units/${fx.unitA}/assignments`,
    body: () => ({ fullName: 'Pelaksana Tugas', roleCode: 'unit_head', title: 'Plt. Kepala Balai A', validFrom: '2025-01-01' }), expect: only('system_admin') },
  { method: 'GET', path: '/api/v1/units/:id/signatory (A)', url: (fx) => `/api/v1/units/${fx.unitA}/signatory?date=2024-06-30`, expect: everyone },
  { method: 'GET', path: '/api/v1/units/:id/signatory (B)', url: (fx) => `/api/v1/units/${fx.unitB}/signatory?date=2024-06-30`, expect: otherUnitRead },
  // Audit
  { method: 'GET', path: '/api/v1/audit', url: () => '/api/v1/audit', expect: only('system_admin', 'inspectorate') },
  { method: 'GET', path: '/api/v1/audit/verify', url: () => '/api/v1/audit/verify', expect: only('system_admin', 'inspectorate') },
  // Last: changes every password (sessions of the caller survive).
  { method: 'POST', path: '/api/v1/auth/change-password', url: () => '/api/v1/auth/change-password',
    body: (fx, who) => ({ currentPassword: fx.passwords[who], newPassword: `Changed-${fx.passwords[who]}` }), expect: everyone },
];

/** Tables a refused request must leave untouched (sessions, counters and audit excluded). */
const GUARDED = [
  'org_unit',
  'service_type',
  'unit_service',
  'unit_service_population',
  'person',
  'assignment',
  'app_user',
  'user_role',
  'password_reset',
] as const;
async function snapshot(db: Db): Promise<string> {
  const parts: unknown[] = [];
  for (const table of GUARDED) {
    const rows = await db.selectFrom(table).selectAll().execute();
    parts.push(rows.map((r) => JSON.stringify(r)).sort());
  }
  return JSON.stringify(parts);
}

async function insertService(db: Db, unitId: string, name: string): Promise<string> {
  const now = new Date().toISOString();
  const typeId = newId();
  await db
    .insertInto('service_type')
    .values({ id: typeId, name, regulation_ref: null, standard_for_upt: 0, active: 1, created_at: now })
    .execute();
  const id = newId();
  await db
    .insertInto('unit_service')
    .values({
      id,
      unit_id: unitId,
      service_type_id: typeId,
      application_name: null,
      application_url: null,
      delivery_mode: 'mixed',
      population_divisor: 4,
      active: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

async function insertHead(db: Db, unitId: string, title: string): Promise<void> {
  const now = new Date().toISOString();
  const personId = newId();
  await db
    .insertInto('person')
    .values({ id: personId, full_name: `Kepala ${title}`, nip: null, email: null, phone: null, created_at: now })
    .execute();
  await db
    .insertInto('assignment')
    .values({
      id: newId(),
      person_id: personId,
      unit_id: unitId,
      role_code: 'unit_head',
      title,
      valid_from: '2020-01-01',
      valid_to: null,
      created_at: now,
    })
    .execute();
}

describeEachEngine('role matrix', (_engine, open) => {
  let t: TestApp;
  let fx: Fixture;
  const cookies = {} as Record<Who, string | undefined>;
  const ip = (who: Who) => `10.77.0.${WHO.indexOf(who) + 1}`;

  beforeAll(async () => {
    t = await createTestApp(open);
    const db = t.deps.dbh.db;
    const unitA = await insertUnit(db, { code: 'BBPOM-A', name: 'Balai Besar POM A' });
    const unitB = await insertUnit(db, { code: 'BBPOM-B', name: 'Balai Besar POM B' });
    const unitC = await insertUnit(db, { code: 'LOKA-C', name: 'Loka POM C', type: 'loka' });
    const svcA = await insertService(db, unitA, 'Layanan Matriks A');
    const svcB = await insertService(db, unitB, 'Layanan Matriks B');
    await db
      .insertInto('unit_service_population')
      .values({ unit_id: unitB, unit_service_id: svcB, year: 2024, population: 500, source: null })
      .execute();
    await insertHead(db, unitA, 'Kepala Balai Besar POM A');
    await insertHead(db, unitB, 'Kepala Balai Besar POM B');
    const passwords = {} as Record<Who, string>;
    for (const who of WHO) {
      passwords[who] = `Matrix-${slug(who)}-Pw1`;
      if (who === 'anonymous') continue;
      await insertUser(db, {
        username: `m-${slug(who)}`,
        password: passwords[who],
        roles: [{ role: who, unitId: UNIT_ROLES.includes(who) ? unitA : null }],
      });
      cookies[who] = (await login(t.app, `m-${slug(who)}`, passwords[who], ip(who))).cookie;
    }
    const target = await insertUser(db, { username: 'm-target', password: 'Target-Passw0rd', roles: [{ role: 'inspectorate' }] });
    const svcToDeactivate = {} as Record<Who, string>;
    for (const who of WHO) svcToDeactivate[who] = await insertService(db, unitA, `Layanan Nonaktif ${who}`);
    fx = { unitA, unitB, unitC, svcA, svcB, svcToDeactivate, target, passwords };
  });
  afterAll(async () => t?.close());

  async function call(row: Row, who: Who): Promise<{ status: number; body: string }> {
    let cookie = cookies[who];
    if (row.fresh === 'login') cookie = undefined;
    if (row.fresh === 'logout' && who !== 'anonymous') {
      cookie = (await login(t.app, `m-${slug(who)}`, fx.passwords[who], ip(who))).cookie;
    }
    const body = row.body?.(fx, who);
    const url = row.url(fx, who);
    const res = await t.app.inject({
      method: row.method,
      url,
      remoteAddress: ip(who),
      headers: { ...(row.method === 'GET' ? {} : SAME_ORIGIN), ...(cookie ? { cookie } : {}) },
      ...(body ? { payload: body } : {}),
    });
    if (row.fresh === 'login' && res.statusCode === 200) expect(sessionCookie(res)).toBeTruthy();
    return { status: res.statusCode, body: res.body };
  }

  const classOf = (status: number): Expect | number =>
    status >= 200 && status < 300 ? 'ok' : status === 401 || status === 403 || status === 400 ? (status as Expect) : status;

  for (const row of MATRIX) {
    it(`${row.method} ${row.path}`, async () => {
      const mismatches: string[] = [];
      for (const who of WHO) {
        const expected = row.expect(who);
        const guard = row.method !== 'GET' && expected !== 'ok';
        const before = guard ? await snapshot(t.deps.dbh.db) : '';
        const { status, body } = await call(row, who);
        if (classOf(status) !== expected) mismatches.push(`${who}: expected ${expected}, got ${status} ${body.slice(0, 160)}`);
        if (guard && (await snapshot(t.deps.dbh.db)) !== before) mismatches.push(`${who}: refused request changed the database`);
      }
      expect(mismatches).toEqual([]);
    });
  }

  it('a unit_operator of unit A cannot read or change unit B, and nothing changes', async () => {
    const db = t.deps.dbh.db;
    const cookie = cookies.unit_operator as string;
    const send = (method: Method, url: string, payload?: object) =>
      t.app.inject({
        method,
        url,
        remoteAddress: ip('unit_operator'),
        headers: { ...SAME_ORIGIN, cookie },
        ...(payload ? { payload } : {}),
      });
    const unitB = () => db.selectFrom('org_unit').selectAll().where('id', '=', fx.unitB).executeTakeFirstOrThrow();
    const populationB = () =>
      db
        .selectFrom('unit_service_population')
        .select('population')
        .where('unit_service_id', '=', fx.svcB)
        .where('year', '=', 2023)
        .executeTakeFirst();
    const servicesB = () => db.selectFrom('unit_service').select('id').where('unit_id', '=', fx.unitB).execute();
    const before = { unit: await unitB(), population: await populationB(), services: await servicesB() };

    expect((await send('GET', `/api/v1/units/${fx.unitB}`)).statusCode).toBe(403);
    expect((await send('PATCH', `/api/v1/units/${fx.unitB}`, { name: 'Diambil alih' })).statusCode).toBe(403);
    expect((await send('POST', `/api/v1/units/${fx.unitB}/deactivate`, { reason: 'x' })).statusCode).toBe(403);
    expect((await send('PUT', `/api/v1/services/${fx.svcB}/populations/2023`, { population: 1 })).statusCode).toBe(403);
    expect(
      (await send('POST', `/api/v1/units/${fx.unitB}/services`, { name: 'Layanan Liar', deliveryMode: 'online' })).statusCode,
    ).toBe(403);
    expect((await send('PATCH', `/api/v1/services/${fx.svcB}`, { applicationName: 'x' })).statusCode).toBe(403);

    expect(await unitB()).toEqual(before.unit);
    expect(await populationB()).toEqual(before.population);
    expect(await servicesB()).toEqual(before.services);
    // Its own unit, by contrast, is writable where the role allows it.
    expect((await send('PUT', `/api/v1/services/${fx.svcA}/populations/2023`, { population: 77 })).statusCode).toBe(200);
  });

  it('a unit role lists only its own unit', async () => {
    const res = await t.app.inject({
      url: '/api/v1/units',
      remoteAddress: ip('unit_head'),
      headers: { cookie: cookies.unit_head as string },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((u: { id: string }) => u.id)).toEqual([fx.unitA]);
    const all = await t.app.inject({
      url: '/api/v1/units',
      remoteAddress: ip('executive_viewer'),
      headers: { cookie: cookies.executive_viewer as string },
    });
    expect(all.json().total).toBeGreaterThanOrEqual(3);
  });
});
