import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/shared/clock.ts';
import { createTestApp, describeEachEngine, SAME_ORIGIN, type TestApp } from '../helpers/engines.ts';
import { loginAs, type TestLogin } from '../helpers/login.ts';
import { CENTRAL_SERVICES, type Fixture, seedFixture, TARAKAN_SERVICES } from './fixtures.ts';

/** A clock the test moves by hand (D17 guards depend on "now" in each unit's zone). */
const movableClock = (iso: string) => {
  let now = new Date(iso).getTime();
  const clock: Clock & { set(iso: string): void } = {
    now: () => new Date(now),
    set: (v: string) => {
      now = new Date(v).getTime();
    },
  };
  return clock;
};

const campaignBody = (fx: Fixture, overrides: Record<string, unknown> = {}) => ({
  year: 2024,
  name: 'SKM BPOM Tahun 2024',
  profileCode: 'bpom-2024',
  profileVersion: 1,
  circularRef: 'B-OT.03.04.2.22.03.24.244',
  circularDate: '2024-03-22',
  collectionStart: '2024-04-01',
  collectionEnd: '2024-06-30',
  validityMatrixDue: '2024-07-19',
  reportDue: '2024-08-09',
  periodicityLabel: 'tahun',
  units: [{ unitId: fx.tarakan }, { unitId: fx.central }],
  ...overrides,
});

describeEachEngine('survey campaigns', (_engine, open) => {
  let t: TestApp;
  let fx: Fixture;
  let coordinator: TestLogin;
  let admin: TestLogin;
  let tarakanOperator: TestLogin;
  let lokaOperator: TestLogin;
  let campaignId: string;
  const clock = movableClock('2024-03-25T03:00:00.000Z');

  const call = (login: TestLogin | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: { ...(login ? { cookie: login.cookie } : {}), ...(method === 'GET' ? {} : SAME_ORIGIN) },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });

  const loginAll = async () => {
    coordinator = await loginAs(t, 'skm_coordinator');
    admin = await loginAs(t, 'system_admin');
    tarakanOperator = await loginAs(t, 'unit_operator', fx.tarakan);
    lokaOperator = await loginAs(t, 'unit_operator', fx.loka);
  };
  /** Moves the clock; sessions expire with real time, so everyone logs in again. */
  const setClock = async (iso: string) => {
    clock.set(iso);
    await loginAll();
  };

  beforeAll(async () => {
    t = await createTestApp(open, {}, clock);
    fx = await seedFixture(t.deps.dbh.db);
    await loginAll();
  });
  afterAll(async () => t?.close());

  describe('creation', () => {
    it('lets only the SKM coordinator create a campaign', async () => {
      expect((await call(null, 'POST', '/api/v1/campaigns', campaignBody(fx))).statusCode).toBe(401);
      expect((await call(tarakanOperator, 'POST', '/api/v1/campaigns', campaignBody(fx))).statusCode).toBe(403);
      // system_admin runs the system but makes no business decision.
      expect((await call(admin, 'POST', '/api/v1/campaigns', campaignBody(fx))).statusCode).toBe(403);
    });

    it('names the offending field of invalid input', async () => {
      const fields = async (body: unknown) => {
        const res = await call(coordinator, 'POST', '/api/v1/campaigns', body);
        expect(res.statusCode).toBe(400);
        return (res.json().error.fields as { field: string }[]).map((f) => f.field);
      };
      expect(await fields(campaignBody(fx, { collectionEnd: '2024-03-01' }))).toContain('body.collectionEnd');
      expect(await fields(campaignBody(fx, { collectionStart: '2024-02-30' }))).toContain('body.collectionStart');
      expect(await fields(campaignBody(fx, { units: [] }))).toContain('body.units');
      expect(await fields(campaignBody(fx, { units: [{ unitId: 'nope' }] }))).toEqual(['body.units.0.unitId']);
      expect(await fields(campaignBody(fx, { units: [{ unitId: fx.tarakan }, { unitId: fx.office }] }))).toEqual([
        'body.units.1.unitId',
      ]);
      expect(
        await fields(
          campaignBody(fx, { units: [{ unitId: fx.tarakan, unitServiceIds: [fx.tarakanServices[0], fx.centralServices[0]] }] }),
        ),
      ).toEqual(['body.units.0.unitServiceIds.1']);
      expect(await fields(campaignBody(fx, { profileVersion: 99 }))).toEqual(['body.profileVersion']);
      expect(await fields(campaignBody(fx, { embedOrigins: ['javascript:alert(1)'] }))).toContain('body.embedOrigins.0');
      expect(await fields({ ...campaignBody(fx), year: undefined })).toContain('body.year');
    });

    it('creates a draft with units, services and Krejcie–Morgan targets from the 2023 populations (EX-KM-02)', async () => {
      const res = await call(
        coordinator,
        'POST',
        '/api/v1/campaigns',
        campaignBody(fx, { allowEmbedding: true, embedOrigins: ['https://e-reg.pom.go.id/path?x=1'] }),
      );
      expect(res.statusCode).toBe(201);
      const c = res.json();
      campaignId = c.id;
      expect(c).toMatchObject({
        status: 'draft',
        year: 2024,
        profileCode: 'bpom-2024',
        circularRef: 'B-OT.03.04.2.22.03.24.244',
        collectionEnd: '2024-06-30',
        effectiveEnd: '2024-06-30',
        allowEmbedding: true,
        embedOrigins: ['https://e-reg.pom.go.id'],
        nextStatuses: ['targets_set'],
        isDemo: false,
      });
      const tarakan = c.units.find((u: { unitId: string }) => u.unitId === fx.tarakan);
      expect(tarakan).toMatchObject({ name: 'Balai POM di Tarakan', target: 22, services: 9 });

      const targets = (await call(coordinator, 'GET', `/api/v1/campaigns/${campaignId}/targets`)).json();
      expect(targets.populationYear).toBe(2023);
      const tarakanRows = targets.rows.filter((r: { unitId: string }) => r.unitId === fx.tarakan);
      expect(tarakanRows.map((r: { target: number }) => r.target)).toEqual(TARAKAN_SERVICES.map((s) => s.expectedTarget));
      expect(tarakanRows.map((r: { prevYearPopulation: number | null }) => r.prevYearPopulation)).toEqual(
        TARAKAN_SERVICES.map((s) => s.population2023),
      );
      expect(tarakanRows.find((r: { serviceName: string }) => r.serviceName.startsWith('Pengaduan'))).toMatchObject({
        prevYearPopulation: 75,
        divisor: 4,
        populationPeriod: 19,
        computedTarget: 18,
        target: 18,
        overridden: false,
      });
      const central = targets.rows.filter((r: { unitId: string }) => r.unitId === fx.central);
      expect(
        central.map((r: { divisor: number; populationPeriod: number; target: number }) => [
          r.divisor,
          r.populationPeriod,
          r.target,
        ]),
      ).toEqual(CENTRAL_SERVICES.map((s) => [2, s.populationPeriod, s.expectedTarget]));
      expect(targets.units.find((u: { unitId: string }) => u.unitId === fx.tarakan).target).toBe(22);
      expect(targets.total).toBe(22 + 10 + 152);
    });

    it('records the creation and every computed target in the audit trail', async () => {
      const db = t.deps.dbh.db;
      const created = await db.selectFrom('audit_event').selectAll().where('entity_id', '=', campaignId).execute();
      expect(created.map((e) => `${e.action}:${e.unit_id}`).sort()).toEqual(
        ['create:null', `targets_computed:${fx.tarakan}`, `targets_computed:${fx.central}`].sort(),
      );
      const event = created.find((e) => e.unit_id === fx.tarakan);
      const tarakan = JSON.parse(event?.after_json ?? '{}').targets;
      expect(tarakan.map((r: { target: number }) => r.target)).toEqual(TARAKAN_SERVICES.map((s) => s.expectedTarget));
    });

    it('limits the scope to the chosen services when given', async () => {
      const res = await call(
        coordinator,
        'POST',
        '/api/v1/campaigns',
        campaignBody(fx, {
          name: 'Scoped',
          units: [{ unitId: fx.tarakan, unitServiceIds: [fx.tarakanServices[8], fx.tarakanServices[6]] }],
        }),
      );
      expect(res.statusCode).toBe(201);
      expect(res.json().units).toEqual([expect.objectContaining({ unitId: fx.tarakan, services: 2, target: 20 })]);
    });
  });

  describe('lifecycle', () => {
    const transition = (to: string, lang = '') =>
      call(coordinator, 'POST', `/api/v1/campaigns/${campaignId}/transition${lang}`, { to });

    it('refuses a skipped or backward step with 409 invalid_state and a clear Indonesian message', async () => {
      const res = await transition('collecting');
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('invalid_state');
      expect(res.json().error.message).toBe(
        'Status kampanye tidak dapat diubah dari "Draf" ke "Pengumpulan data". Langkah berikutnya yang diizinkan: "Target ditetapkan".',
      );
      const en = await transition('closed', '?lang=en');
      expect(en.json().error.message).toBe('The campaign cannot move from "draft" to "closed". Allowed next step: targets_set.');
      expect((await transition('bogus')).statusCode).toBe(400);
      expect(
        (await call(tarakanOperator, 'POST', `/api/v1/campaigns/${campaignId}/transition`, { to: 'targets_set' })).statusCode,
      ).toBe(403);
    });

    it('publishes targets and issues the links: one for the UPT, one per service for the central unit', async () => {
      const res = await transition('targets_set');
      expect(res.statusCode).toBe(200);
      expect(res.json().status).toBe('targets_set');
      const { links } = (await call(coordinator, 'GET', `/api/v1/campaigns/${campaignId}/links`)).json();
      expect(links).toHaveLength(3);
      const upt = links.filter((l: { unitId: string }) => l.unitId === fx.tarakan);
      expect(upt).toEqual([expect.objectContaining({ kind: 'unit', unitServiceId: null, active: true })]);
      const central = links.filter((l: { unitId: string }) => l.unitId === fx.central);
      expect(central.map((l: { unitServiceId: string }) => l.unitServiceId).sort()).toEqual([...fx.centralServices].sort());
      expect(central.every((l: { kind: string }) => l.kind === 'service')).toBe(true);
      for (const l of links) {
        // ≥160 bits: 24 random bytes as 32 base64url characters.
        expect(l.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
        expect(l.url).toBe(`http://localhost:3000/s/${l.token}`);
      }
      expect(new Set(links.map((l: { token: string }) => l.token)).size).toBe(3);
      // Generating again on demand adds nothing: existing links (and printed posters) stay.
      const again = await call(coordinator, 'POST', `/api/v1/campaigns/${campaignId}/links`);
      expect(again.json().created).toBe(0);
    });

    it('starts collecting only once the start date has arrived in a unit time zone (D17)', async () => {
      await setClock('2024-03-31T15:30:00.000Z'); // 23:30 WITA on 31 March: not yet anywhere in scope
      const early = await transition('collecting');
      expect(early.statusCode).toBe(409);
      expect(early.json().error.message).toBe('Pengumpulan data baru dapat dimulai pada 2024-04-01.');
      await setClock('2024-03-31T16:30:00.000Z'); // 00:30 WITA on 1 April in Tarakan
      expect((await transition('collecting')).json().status).toBe('collecting');
    });

    it('records extensions: later end, reason and letter required, the latest wins', async () => {
      const url = `/api/v1/campaigns/${campaignId}/extensions`;
      const notLater = await call(coordinator, 'POST', url, { newEnd: '2024-06-30', reason: 'Perpanjangan', letterRef: 'B-1' });
      expect(notLater.statusCode).toBe(400);
      expect(notLater.json().error.fields).toEqual([expect.objectContaining({ field: 'body.newEnd' })]);
      expect(notLater.json().error.message).toContain('2024-06-30');
      const missing = await call(coordinator, 'POST', url, { newEnd: '2024-07-12', reason: 'Perpanjangan' });
      expect(missing.json().error.fields.map((f: { field: string }) => f.field)).toEqual(['body.letterRef']);
      expect((await call(tarakanOperator, 'POST', url, { newEnd: '2024-07-12', reason: 'x', letterRef: 'y' })).statusCode).toBe(
        403,
      );

      const first = await call(coordinator, 'POST', url, {
        newEnd: '2024-07-12',
        reason: 'Capaian responden belum memenuhi target',
        letterRef: 'B-HK.01.01.2.22.07.24.01',
      });
      expect(first.statusCode).toBe(201);
      expect(first.json()).toMatchObject({ collectionEnd: '2024-06-30', effectiveEnd: '2024-07-12' });
      const second = await call(coordinator, 'POST', url, {
        newEnd: '2024-07-15',
        reason: 'Perpanjangan kedua',
        letterRef: 'B-2',
      });
      const c = second.json();
      expect(c.effectiveEnd).toBe('2024-07-15');
      expect(c.extensions.map((e: { previousEnd: string; newEnd: string }) => [e.previousEnd, e.newEnd])).toEqual([
        ['2024-06-30', '2024-07-12'],
        ['2024-07-12', '2024-07-15'],
      ]);
      const audited = await t.deps.dbh.db
        .selectFrom('audit_event')
        .select(['reason'])
        .where('entity_id', '=', campaignId)
        .where('action', '=', 'extend')
        .execute();
      expect(audited.map((a) => a.reason)).toEqual(['Capaian responden belum memenuhi target', 'Perpanjangan kedua']);
    });

    it('lets the coordinator override a target with a reason; unit roles cannot', async () => {
      const url = `/api/v1/campaigns/${campaignId}/targets/${fx.tarakanServices[8]}`;
      expect((await call(coordinator, 'PUT', url, { target: 20 })).json().error.fields[0].field).toBe('body.reason');
      expect((await call(coordinator, 'PUT', url, { target: -1, reason: 'x' })).statusCode).toBe(400);
      expect((await call(tarakanOperator, 'PUT', url, { target: 20, reason: 'x' })).statusCode).toBe(403);
      expect(
        (await call(coordinator, 'PUT', `/api/v1/campaigns/${campaignId}/targets/nope`, { target: 1, reason: 'x' })).statusCode,
      ).toBe(404);
      const res = await call(coordinator, 'PUT', url, { target: 20, reason: 'Layanan pengaduan meningkat tajam' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        computedTarget: 18,
        target: 20,
        overridden: true,
        overrideReason: 'Layanan pengaduan meningkat tajam',
      });
      const c = (await call(coordinator, 'GET', `/api/v1/campaigns/${campaignId}`)).json();
      expect(c.units.find((u: { unitId: string }) => u.unitId === fx.tarakan).target).toBe(24);
      const ev = await t.deps.dbh.db
        .selectFrom('audit_event')
        .selectAll()
        .where('entity_type', '=', 'campaign_target')
        .where('action', '=', 'override')
        .executeTakeFirstOrThrow();
      expect(ev.unit_id).toBe(fx.tarakan);
      expect(ev.reason).toBe('Layanan pengaduan meningkat tajam');
      expect(JSON.parse(ev.before_json ?? '{}').target).toBe(18);
      expect(JSON.parse(ev.after_json ?? '{}').target).toBe(20);
    });

    it('moves to validating only after the (extended) end has passed in every unit', async () => {
      await setClock('2024-07-15T16:30:00.000Z'); // 00:30 WITA on 16 July, still 23:30 WIB on 15 July
      const early = await transition('validating');
      expect(early.statusCode).toBe(409);
      expect(early.json().error.message).toContain('2024-07-15');
      await setClock('2024-07-15T17:30:00.000Z');
      expect((await transition('validating')).json().status).toBe('validating');
      const ext = await call(coordinator, 'POST', `/api/v1/campaigns/${campaignId}/extensions`, {
        newEnd: '2024-07-30',
        reason: 'x',
        letterRef: 'y',
      });
      expect(ext.statusCode).toBe(409);
      expect(ext.json().error.message).toContain('Validasi data');
    });

    it('moves to reporting after the validity-matrix deadline, then closes', async () => {
      await setClock('2024-07-19T10:00:00.000Z');
      expect((await transition('reporting')).json().error.message).toBe(
        'Batas penyampaian matriks validitas data (2024-07-19) belum lewat.',
      );
      await setClock('2024-07-20T01:00:00.000Z');
      expect((await transition('reporting')).json().status).toBe('reporting');
      await setClock('2024-08-30T01:00:00.000Z');
      const closed = (await transition('closed')).json();
      expect(closed).toMatchObject({ status: 'closed', closedAt: '2024-08-30T01:00:00.000Z', nextStatuses: [] });
      const again = await transition('reporting');
      expect(again.statusCode).toBe(409);
      expect(again.json().error.message).toContain('tidak ada (kampanye sudah ditutup)');
      const override = await call(coordinator, 'PUT', `/api/v1/campaigns/${campaignId}/targets/${fx.tarakanServices[8]}`, {
        target: 5,
        reason: 'x',
      });
      expect(override.statusCode).toBe(409);
      const actions = await t.deps.dbh.db
        .selectFrom('audit_event')
        .select(['after_json'])
        .where('entity_id', '=', campaignId)
        .where('action', '=', 'transition')
        .orderBy('seq')
        .execute();
      expect(actions.map((a) => JSON.parse(a.after_json ?? '{}').status)).toEqual([
        'targets_set',
        'collecting',
        'validating',
        'reporting',
        'closed',
      ]);
    });
  });

  describe('unit scope', () => {
    it('shows a unit operator only campaigns, targets and links of its own unit', async () => {
      const list = (await call(tarakanOperator, 'GET', '/api/v1/campaigns')).json().campaigns;
      expect(list.map((c: { id: string }) => c.id)).toContain(campaignId);
      const targets = (await call(tarakanOperator, 'GET', `/api/v1/campaigns/${campaignId}/targets`)).json();
      expect(new Set(targets.rows.map((r: { unitId: string }) => r.unitId))).toEqual(new Set([fx.tarakan]));
      expect(targets.total).toBe(24);
      const other = (await call(tarakanOperator, 'GET', `/api/v1/campaigns/${campaignId}/targets?unitId=${fx.central}`)).json();
      expect(other.rows).toEqual([]);
      const { links } = (await call(tarakanOperator, 'GET', `/api/v1/campaigns/${campaignId}/links`)).json();
      expect(links.map((l: { unitId: string }) => l.unitId)).toEqual([fx.tarakan]);
    });

    it('answers 404 to a unit outside the campaign', async () => {
      expect(
        (await call(lokaOperator, 'GET', '/api/v1/campaigns')).json().campaigns.map((c: { id: string }) => c.id),
      ).not.toContain(campaignId);
      expect((await call(lokaOperator, 'GET', `/api/v1/campaigns/${campaignId}`)).statusCode).toBe(404);
      expect((await call(lokaOperator, 'GET', `/api/v1/campaigns/${campaignId}/targets`)).statusCode).toBe(404);
      expect((await call(lokaOperator, 'GET', `/api/v1/campaigns/${campaignId}/links`)).statusCode).toBe(404);
    });
  });

  describe('target recomputation', () => {
    it('re-reads corrected populations, keeps hand-set targets and audits each change', async () => {
      const created = (
        await call(
          coordinator,
          'POST',
          '/api/v1/campaigns',
          campaignBody(fx, { name: 'Recompute', units: [{ unitId: fx.loka }] }),
        )
      ).json();
      const before = (await call(coordinator, 'GET', `/api/v1/campaigns/${created.id}/targets`)).json();
      // 40 → N = 10 → 10; the service without a population row counts as 0.
      expect(
        before.rows.map((r: { prevYearPopulation: number | null; target: number }) => [r.prevYearPopulation, r.target]),
      ).toEqual([
        [40, 10],
        [null, 0],
      ]);
      await call(coordinator, 'PUT', `/api/v1/campaigns/${created.id}/targets/${fx.lokaServices[0]}`, {
        target: 12,
        reason: 'manual',
      });
      const db = t.deps.dbh.db;
      await db
        .insertInto('unit_service_population')
        .values({ unit_id: fx.loka, unit_service_id: fx.lokaServices[1]!, year: 2023, population: 2, source: 'koreksi' })
        .execute();
      await db
        .updateTable('unit_service_population')
        .set({ population: 400 })
        .where('unit_service_id', '=', fx.lokaServices[0]!)
        .execute();
      const after = (await call(coordinator, 'POST', `/api/v1/campaigns/${created.id}/targets/recompute`)).json();
      expect(
        after.rows.map((r: { prevYearPopulation: number; computedTarget: number; target: number }) => [
          r.prevYearPopulation,
          r.computedTarget,
          r.target,
        ]),
      ).toEqual([
        [400, 80, 12],
        [2, 1, 1],
      ]);
      const events = await db
        .selectFrom('audit_event')
        .select('action')
        .where('entity_type', '=', 'campaign_target')
        .where('action', '=', 'recompute')
        .where('unit_id', '=', fx.loka)
        .execute();
      expect(events).toHaveLength(2);
      await call(coordinator, 'POST', `/api/v1/campaigns/${created.id}/transition`, { to: 'targets_set' });
      await setClock('2024-04-02T00:00:00.000Z');
      await call(coordinator, 'POST', `/api/v1/campaigns/${created.id}/transition`, { to: 'collecting' });
      expect((await call(coordinator, 'POST', `/api/v1/campaigns/${created.id}/targets/recompute`)).statusCode).toBe(409);
    });
  });

  it('documents the campaign and link routes in OpenAPI, QR media types included', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    for (const p of [
      '/api/v1/campaigns',
      '/api/v1/campaigns/{id}',
      '/api/v1/campaigns/{id}/transition',
      '/api/v1/campaigns/{id}/extensions',
      '/api/v1/campaigns/{id}/targets',
      '/api/v1/campaigns/{id}/targets/{unitServiceId}',
      '/api/v1/campaigns/{id}/links',
      '/api/v1/links/{id}/regenerate',
    ]) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
    expect(doc.paths['/api/v1/links/{id}/qr.svg'].get.responses['200'].content).toHaveProperty('image/svg+xml');
    expect(doc.paths['/api/v1/links/{id}/qr.png'].get.responses['200'].content).toHaveProperty('image/png');
    expect(doc.paths['/api/v1/links/{id}/poster.pdf'].get.responses['200'].content).toHaveProperty('application/pdf');
    expect(doc.paths['/api/v1/campaigns'].post.requestBody.content['application/json'].schema.properties).toHaveProperty('units');
  });
});
