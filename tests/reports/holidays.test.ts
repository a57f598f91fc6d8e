import { afterAll, beforeAll, expect, it } from 'vitest';
import { workingDays } from '../../src/domain/calendar/working-days.ts';
import { createHolidayService, vendoredHolidays } from '../../src/modules/reports/holidays.service.ts';
import { createTestApp, describeEachEngine, SAME_ORIGIN, type TestApp } from '../helpers/engines.ts';
import { loginAs, type TestLogin } from '../helpers/login.ts';
import { type Fixture, seedFixture } from '../surveys/fixtures.ts';

describeEachEngine('holiday calendar', (_engine, open) => {
  let t: TestApp;
  let fx: Fixture;
  let coord: TestLogin;
  const call = (login: TestLogin, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: { cookie: login.cookie, ...(method === 'GET' ? {} : SAME_ORIGIN) },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  beforeAll(async () => {
    t = await createTestApp(open);
    fx = await seedFixture(t.deps.dbh.db);
    coord = await loginAs(t, 'skm_coordinator');
  });
  afterAll(async () => t?.close());

  it('loads the vendored national holidays and cuti bersama once', async () => {
    const op = await loginAs(t, 'unit_operator', fx.tarakan);
    const r = await call(op, 'GET', '/api/v1/holidays?year=2024');
    expect(r.statusCode).toBe(200);
    const body = r.json();
    const expected = vendoredHolidays().filter((h) => h.date.startsWith('2024-'));
    expect(body.total).toBe(expected.length);
    expect(body.items.find((h: { date: string }) => h.date === '2024-04-10')).toMatchObject({
      name: 'Hari Raya Idul Fitri 1445 H',
      national: true,
      unitId: null,
    });
    // A second service on the same database (another app server) does not load the file again.
    const other = createHolidayService(
      { db: t.deps.dbh.db, engine: t.deps.dbh.engine, clock: t.deps.clock, config: t.deps.config },
      { audit: t.deps.services.audit },
    );
    await other.ensureSeeded();
    const all = await t.deps.dbh.db
      .selectFrom('holiday')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(all.n)).toBe(vendoredHolidays().length);
    const seeds = await t.deps.dbh.db
      .selectFrom('audit_event')
      .select('id')
      .where('entity_type', '=', 'holiday')
      .where('action', '=', 'seed')
      .execute();
    expect(seeds).toHaveLength(1);
  });

  it('lets the coordinator add a regional holiday that counts only for that unit, and remove it with a reason (audited)', async () => {
    const before = await t.deps.services.holidays.datesBetween('2024-04-01', '2024-07-12', fx.tarakan);
    expect(workingDays('2024-04-01', '2024-07-12', before)).toBe(62);

    const added = await call(coord, 'POST', '/api/v1/holidays', {
      date: '2024-07-10',
      name: 'Libur daerah (uji)',
      unitId: fx.tarakan,
    });
    expect(added.statusCode, added.body).toBe(201);
    const id = added.json().id as string;
    expect(added.json()).toMatchObject({ date: '2024-07-10', national: false, unitId: fx.tarakan });
    expect(
      workingDays(
        '2024-04-01',
        '2024-07-12',
        await t.deps.services.holidays.datesBetween('2024-04-01', '2024-07-12', fx.tarakan),
      ),
    ).toBe(61);
    expect(
      workingDays('2024-04-01', '2024-07-12', await t.deps.services.holidays.datesBetween('2024-04-01', '2024-07-12', fx.loka)),
    ).toBe(62);
    const unitList = (await call(coord, 'GET', `/api/v1/holidays?year=2024&unitId=${fx.tarakan}`)).json();
    expect(unitList.items.some((h: { id: string }) => h.id === id)).toBe(true);
    const national = (await call(coord, 'GET', '/api/v1/holidays?year=2024')).json();
    expect(national.items.some((h: { id: string }) => h.id === id)).toBe(false);

    const dup = await call(coord, 'POST', '/api/v1/holidays', { date: '2024-07-10', name: 'Lagi', unitId: fx.tarakan });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.fields[0].field).toBe('body.date');

    expect((await call(coord, 'POST', `/api/v1/holidays/${id}/removal`, {})).statusCode).toBe(400);
    const removed = await call(coord, 'POST', `/api/v1/holidays/${id}/removal`, { reason: 'Salah tanggal, diganti' });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(
      workingDays(
        '2024-04-01',
        '2024-07-12',
        await t.deps.services.holidays.datesBetween('2024-04-01', '2024-07-12', fx.tarakan),
      ),
    ).toBe(62);
    const audit = await t.deps.dbh.db
      .selectFrom('audit_event')
      .selectAll()
      .where('entity_type', '=', 'holiday')
      .where('entity_id', '=', id)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'remove']);
    expect(audit[1]?.reason).toBe('Salah tanggal, diganti');
    expect(JSON.parse(audit[1]?.before_json as string)).toMatchObject({ date: '2024-07-10', name: 'Libur daerah (uji)' });
    expect((await call(coord, 'POST', `/api/v1/holidays/${id}/removal`, { reason: 'sekali lagi' })).statusCode).toBe(404);
  });

  it('refuses other roles and names bad fields; bad ids never reach SQL', async () => {
    const op = await loginAs(t, 'unit_operator', fx.tarakan);
    expect((await call(op, 'POST', '/api/v1/holidays', { date: '2024-12-31', name: 'Libur' })).statusCode).toBe(403);
    const bad = await call(coord, 'POST', '/api/v1/holidays?lang=en', {
      date: '2024-02-30',
      name: 'Libur',
      unitId: 'no-such-unit',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.map((f: { field: string }) => f.field)).toEqual(['body.date']);
    const unknown = await call(coord, 'POST', '/api/v1/holidays?lang=en', {
      date: '2024-12-31',
      name: 'Libur',
      unitId: 'no-such-unit',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields).toEqual([{ field: 'body.unitId', message: 'Unknown unit' }]);
    expect((await call(coord, 'GET', '/api/v1/holidays?unitId=%00')).statusCode).toBe(400);
    expect((await call(coord, 'GET', '/api/v1/holidays?year=dua')).statusCode).toBe(400);
    const other = await loginAs(t, 'unit_operator', fx.loka);
    expect((await call(other, 'GET', `/api/v1/holidays?unitId=${fx.tarakan}`)).statusCode).toBe(403);
  });
});
