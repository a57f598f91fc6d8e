import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Role } from '../../src/modules/auth/actor.ts';
import type { SubmitInput } from '../../src/modules/responses/response.schema.ts';
import { createTestApp, describeEachEngine, SAME_ORIGIN, type TestApp } from '../helpers/engines.ts';
import { loginAs } from '../helpers/login.ts';
import { TestClock } from '../responses/setup.ts';
import { type Fixture, seedFixture } from '../surveys/fixtures.ts';

/**
 * SPKP/SPAK months (DOMAIN 6.1, 6.4, 6.6, 6.8) on both engines: months close when they end in the unit's
 * time zone (WIB Jakarta UTC+7, WITA Makassar UTC+8, WIT Jayapura UTC+9), the inspectorate freezes them
 * after the grace period into full-precision snapshots, frozen months refuse cleansing, and the worksheet
 * value reads frozen months only.
 */

let serial = 0;
function input(campaignId: string, unitId: string, unitServiceId: string, score: number, completionPct = 100): SubmitInput {
  serial++;
  const answers: Record<string, number> = {};
  for (let i = 1; i <= 14; i++) answers[`A${i}`] = Math.min(6, score + (i % 2));
  for (let i = 1; i <= 5; i++) answers[`B${i}`] = score;
  return {
    campaignId,
    unitId,
    unitServiceId,
    channel: 'link',
    clientSubmissionId: `months-${serial}-${Math.random().toString(36).slice(2, 10)}`,
    respondent: {
      fullName: `Responden Bulanan ${serial}`,
      age: 30 + (serial % 20),
      sex: serial % 2 ? 'perempuan' : 'laki_laki',
      phone: '0',
      education: 'd4_s1',
      occupation: 'wiraswasta',
      institution: `CV Bulanan ${serial}`,
    },
    completionPct,
    answers,
    suggestion: null,
  };
}

describeEachEngine('SPKP/SPAK months owned by the inspectorate', (_engine, open) => {
  let t: TestApp;
  let clock: TestClock;
  let fx: Fixture;
  let campaignId: string;
  const ids: Record<string, string[]> = { jan: [], boundary: [] };

  /** A fresh login per call: the test clock jumps over days, and sessions idle out after an hour. */
  const as = async (role: Role, unitId?: string) => (await loginAs(t, role, unitId)).cookie;
  const call = async (cookie: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: { cookie, ...(method === 'GET' ? {} : SAME_ORIGIN) },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  const ok = (r: LightMyRequestResponse, status = 200) => {
    expect(r.statusCode, r.body).toBe(status);
    return r.json();
  };
  const months = async (unitId: string, year = 2024) =>
    ok(await call(await as('inspectorate'), 'GET', `/api/v1/units/${unitId}/perception-months/${year}`));
  const submitAt = async (iso: string, unitId: string, service: string, score: number, completion = 100) => {
    clock.ms = Date.parse(iso);
    return (await t.deps.services.responses.submit(input(campaignId, unitId, service, score, completion))).responseId;
  };

  beforeAll(async () => {
    clock = new TestClock(Date.parse('2024-01-05T02:00:00.000Z'));
    t = await createTestApp(open, {}, clock);
    fx = await seedFixture(t.deps.dbh.db);
    const coordinator = await as('skm_coordinator');
    campaignId = ok(
      await call(coordinator, 'POST', '/api/v1/campaigns', {
        year: 2024,
        name: 'SKM 2024 (SPKP/SPAK terpadu)',
        profileCode: 'bpom-2024',
        collectionStart: '2024-01-01',
        collectionEnd: '2024-12-31',
        units: [{ unitId: fx.tarakan }, { unitId: fx.central }, { unitId: fx.loka }],
      }),
      201,
    ).id;
    for (const to of ['targets_set', 'collecting'])
      ok(await call(coordinator, 'POST', `/api/v1/campaigns/${campaignId}/transition`, { to }));
    // Three January responses per unit, one not eligible (80% completion), and one at 16:30 UTC on 31 January:
    // still January in WIB (23:30), already February in WITA (00:30) and WIT (01:30).
    const units = [
      [fx.tarakan, fx.tarakanServices[8]!],
      [fx.central, fx.centralServices[0]!],
      [fx.loka, fx.lokaServices[0]!],
    ] as const;
    for (const [unit, service] of units) {
      ids.jan!.push(await submitAt('2024-01-10T03:00:00.000Z', unit, service, 6));
      ids.jan!.push(await submitAt('2024-01-11T03:00:00.000Z', unit, service, 5));
      ids.jan!.push(await submitAt('2024-01-12T03:00:00.000Z', unit, service, 4));
      await submitAt('2024-01-13T03:00:00.000Z', unit, service, 1, 80);
      ids.boundary!.push(await submitAt('2024-01-31T16:30:00.000Z', unit, service, 2));
    }
  });
  afterAll(async () => t?.close());

  it('assigns the boundary response to the month of the unit time zone and closes months lazily', async () => {
    clock.ms = Date.parse('2024-01-31T16:31:00.000Z');
    const central = await months(fx.central);
    const tarakan = await months(fx.tarakan);
    const loka = await months(fx.loka);
    expect(central.unit.timeZone).toBe('Asia/Jakarta');
    // WIB: still 31 January, 23:31 → January open, holding the boundary response.
    expect(central.months[0]).toMatchObject({ period: '2024-01', status: 'open', responses: 5, eligible: 4, selected: 4 });
    // WITA and WIT: February has begun → January closed; the boundary response is February's.
    expect(tarakan.months[0]).toMatchObject({ status: 'closed', responses: 4, eligible: 3, source: 'live' });
    expect(tarakan.months[1]).toMatchObject({ period: '2024-02', status: 'open', responses: 1 });
    expect(loka.months[0]).toMatchObject({ status: 'closed', responses: 4, eligible: 3 });
    // Live figures come from the domain: 6-point answers converted by x·4/6 (D8).
    expect(loka.months[0].spkp.index.value).toBeGreaterThan(2.5);
    expect(loka.months[0].spak.index.display).toMatch(/^\d,\d{2}$/);
    expect(loka.months[0].spkp.worksheet).toMatchObject({ value: { value: null }, monthsUsed: [], incomplete: true });
  });

  it('lets only the inspectorate close and freeze, and only after the month end plus the grace period', async () => {
    clock.ms = Date.parse('2024-01-31T16:31:00.000Z');
    const url = (unit: string, m: number, what: string) => `/api/v1/units/${unit}/perception-months/2024/${m}/${what}`;
    expect((await call(await as('unit_operator', fx.loka), 'POST', url(fx.loka, 1, 'freeze'))).statusCode).toBe(403);
    expect((await call(await as('skm_coordinator'), 'POST', url(fx.loka, 1, 'freeze'))).statusCode).toBe(403);
    const early = await call(await as('inspectorate'), 'POST', url(fx.central, 1, 'close'));
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('Asia/Jakarta');
    // The explicit close persists the month with its profile.
    const closed = ok(await call(await as('inspectorate'), 'POST', url(fx.tarakan, 1, 'close')));
    expect(closed).toMatchObject({ status: 'closed', profileCode: 'bpom-2024', canFreeze: false, freezableFrom: '2024-02-11' });

    // 10 February 15:30 UTC: 22:30 WIB, 23:30 WITA, 11 February 00:30 WIT. Default grace: 10 days.
    clock.ms = Date.parse('2024-02-10T15:30:00.000Z');
    const notYet = await call(await as('inspectorate'), 'POST', url(fx.tarakan, 1, 'freeze'));
    expect(notYet.statusCode).toBe(409);
    expect(notYet.json().error.message).toContain('2024-02-11');
    const notYetEn = await call(await as('inspectorate'), 'POST', `${url(fx.tarakan, 1, 'freeze')}?lang=en`);
    expect(notYetEn.json().error.message).toContain('grace period');
    expect((await months(fx.tarakan)).months[0].canFreeze).toBe(false);
    expect((await months(fx.loka)).months[0].canFreeze).toBe(true);
  });

  it('freezes a month into full-precision snapshots equal to the live figures, with the first-30 selection', async () => {
    clock.ms = Date.parse('2024-02-10T15:30:00.000Z');
    const live = (await months(fx.loka)).months[0];
    const frozen = ok(await call(await as('inspectorate'), 'POST', `/api/v1/units/${fx.loka}/perception-months/2024/1/freeze`));
    expect(frozen).toMatchObject({
      status: 'frozen',
      source: 'snapshot',
      snapshotVersion: 1,
      selected: 3,
      eligible: 3,
      responses: 4,
    });
    expect(frozen.spkp.index).toEqual(live.spkp.index);
    expect(frozen.spak.index).toEqual(live.spak.index);
    expect(frozen.spkp.elements).toEqual(live.spkp.elements);
    const again = await call(await as('inspectorate'), 'POST', `/api/v1/units/${fx.loka}/perception-months/2024/1/freeze`);
    expect(again.statusCode).toBe(409);

    const db = t.deps.dbh.db;
    const snaps = await db
      .selectFrom('result_snapshot')
      .selectAll()
      .where('kind', '=', 'perception_month')
      .where('unit_id', '=', fx.loka)
      .execute();
    expect(snaps.map((s) => s.scope_key.split(':').at(-1)).sort()).toEqual(['spak', 'spkp']);
    const spkp = JSON.parse(snaps.find((s) => s.scope_key.endsWith('spkp'))!.values_json) as {
      key: string;
      fullPrecision: string;
      published: string;
    }[];
    const index = spkp.find((v) => v.key === 'index')!;
    expect(index.fullPrecision).toMatch(/^\d\.\d{30}$/); // full precision, not the printed 2 decimals
    expect(index.published).toBe(live.spkp.index.display.replace(',', '.'));
    const selection = await db.selectFrom('perception_selection').selectAll().where('unit_id', '=', fx.loka).execute();
    expect(selection).toHaveLength(3);
    expect(selection.map((s) => Number(s.rank)).sort()).toEqual([1, 2, 3]);
    const audit = await db
      .selectFrom('audit_event')
      .select(['action', 'actor_role'])
      .where('entity_type', '=', 'perception_month')
      .where('action', '=', 'frozen')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('refuses cleansing that would change a frozen month (409) and allows it in the next month', async () => {
    clock.ms = Date.parse('2024-02-10T15:30:00.000Z');
    const coordinator = await as('skm_coordinator');
    const lokaJanuary = ids.jan![6]!; // units in order tarakan, central, loka: loka's first January response
    const refused = await call(coordinator, 'POST', `/api/v1/responses/${lokaJanuary}/invalidate`, { reason: 'duplicate' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('2024-01');
    expect(refused.json().error.message).toContain('dibekukan');
    const validity = await t.deps.dbh.db
      .selectFrom('survey_response')
      .select('validity')
      .where('id', '=', lokaJanuary)
      .executeTakeFirstOrThrow();
    expect(validity.validity).toBe('valid');
    // The boundary response is February's in WIT: February is not frozen.
    const lokaBoundary = ids.boundary![2]!;
    expect(
      (await call(coordinator, 'POST', `/api/v1/responses/${lokaBoundary}/invalidate`, { reason: 'duplicate' })).statusCode,
    ).toBe(201);
    // Tarakan's January is not frozen: its cleansing still works.
    expect(
      (await call(coordinator, 'POST', `/api/v1/responses/${ids.jan![0]!}/invalidate`, { reason: 'not_a_customer' })).statusCode,
    ).toBe(201);
  });

  it('computes the worksheet value from frozen months only, and restates with a reason as a new version', async () => {
    clock.ms = Date.parse('2024-02-10T15:30:00.000Z');
    const loka = await months(fx.loka);
    const jan = loka.months[0];
    expect(jan.spkp.worksheet).toMatchObject({ value: jan.spkp.index, monthsUsed: ['2024-01'], incomplete: true });
    expect(loka.months[2].spkp.worksheet).toMatchObject({ monthsUsed: ['2024-01'], value: jan.spkp.index });
    expect(loka.months[3].spkp.worksheet).toMatchObject({ monthsUsed: [], value: { value: null } });
    // Tarakan has no frozen month: no worksheet value yet, although its live January has an index.
    const tarakan = await months(fx.tarakan);
    expect(tarakan.months[0].spkp.index.value).not.toBeNull();
    expect(tarakan.months[0].spkp.worksheet.value.value).toBeNull();

    const url = `/api/v1/units/${fx.loka}/perception-months/2024/1/restatements`;
    expect((await call(await as('inspectorate'), 'POST', url, { reason: 'kurang' })).statusCode).toBe(400);
    expect(
      (
        await call(await as('inspectorate'), 'POST', `/api/v1/units/${fx.tarakan}/perception-months/2024/1/restatements`, {
          reason: 'Koreksi data bulan Januari',
        })
      ).statusCode,
    ).toBe(409);
    const restated = ok(await call(await as('inspectorate'), 'POST', url, { reason: 'Koreksi data bulan Januari' }), 201);
    expect(restated).toMatchObject({ status: 'frozen', snapshotVersion: 2, restated: true });
    expect(restated.spkp.index).toEqual(jan.spkp.index);
  });

  it('keeps the grace period as an audited programme setting and scopes reads by unit', async () => {
    clock.ms = Date.parse('2024-02-10T15:30:00.000Z');
    expect(ok(await call(await as('inspectorate'), 'GET', '/api/v1/perception/settings'))).toEqual({
      graceDays: 10,
      isDefault: true,
    });
    expect(
      (await call(await as('unit_operator', fx.tarakan), 'PUT', '/api/v1/perception/settings', { graceDays: 0 })).statusCode,
    ).toBe(403);
    expect(ok(await call(await as('inspectorate'), 'PUT', '/api/v1/perception/settings', { graceDays: 5 }))).toEqual({
      graceDays: 5,
      isDefault: false,
    });
    const tarakan = await months(fx.tarakan);
    expect(tarakan.graceDays).toBe(5);
    expect(tarakan.months[0]).toMatchObject({ canFreeze: true, freezableFrom: '2024-02-06' });
    // A unit operator reads its own unit and gets 404 for another.
    const op = await as('unit_operator', fx.tarakan);
    expect((await call(op, 'GET', `/api/v1/units/${fx.tarakan}/perception-months/2024`)).statusCode).toBe(200);
    expect((await call(op, 'GET', `/api/v1/units/${fx.loka}/perception-months/2024`)).statusCode).toBe(404);
  });
});
