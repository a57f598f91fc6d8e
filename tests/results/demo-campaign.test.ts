import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCampaign } from '../../src/modules/surveys/demo-campaign.ts';
import { createTestApp, describeEachEngine, type TestApp } from '../helpers/engines.ts';
import { loginAs } from '../helpers/login.ts';
import { removeTempDirs, startServer, tempDir } from '../ops/processes.ts';

describeEachEngine('demo campaign seed', (_engine, open) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(open, { seedDemo: true });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('creates one demo campaign in collecting with generated demo responses and live results', async () => {
    const db = t.deps.dbh.db;
    const campaigns = await db.selectFrom('skm_campaign').selectAll().execute();
    expect(campaigns).toHaveLength(1);
    const c = campaigns[0]!;
    expect(c).toMatchObject({ is_demo: 1, status: 'collecting', name: `SKM Demo ${c.year}` });
    const units = await db
      .selectFrom('campaign_unit')
      .innerJoin('org_unit', 'org_unit.id', 'campaign_unit.unit_id')
      .select(['org_unit.code', 'org_unit.type'])
      .where('campaign_id', '=', c.id)
      .execute();
    expect(units.map((u) => u.code)).toContain('BPOM-TRK');
    expect(units.some((u) => u.type === 'directorate')).toBe(true);
    const responses = await db
      .selectFrom('survey_response')
      .select(['is_demo', 'channel', 'phone_bidx'])
      .where('campaign_id', '=', c.id)
      .execute();
    expect(responses.length).toBeGreaterThan(100);
    expect(responses.every((r) => r.is_demo === 1 && r.channel === 'link' && r.phone_bidx === null)).toBe(true);

    const coord = await loginAs(t, 'skm_coordinator');
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/campaigns/${c.id}/results`,
      headers: { cookie: coord.cookie },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.campaign.isDemo).toBe(true);
    expect(body.bpom.counted).toBeGreaterThan(0);
    expect(body.bpom.ikm.value).toBeGreaterThan(50);
    expect(body.bpom.ci95.display).toMatch(/^\d+,\d\d – \d+,\d\d$/);
  });

  it('runs once: a second run keeps the campaign and points at the same form', async () => {
    const ctx = { db: t.deps.dbh.db, engine: t.deps.dbh.engine, clock: t.deps.clock, config: t.deps.config };
    const first = await t.deps.dbh.db
      .selectFrom('survey_response')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const again = await seedDemoCampaign(ctx, t.deps.services);
    expect(again.created).toBe(false);
    expect(again.formPath).toMatch(/^\/s\/[\w-]{32}$/);
    expect(await t.deps.dbh.db.selectFrom('skm_campaign').select('id').execute()).toHaveLength(1);
    const second = await t.deps.dbh.db
      .selectFrom('survey_response')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(second.n)).toBe(Number(first.n));
    const form = await t.app.inject({ method: 'GET', url: again.formPath as string });
    expect(form.statusCode).toBe(200);
    expect(form.headers['content-type']).toContain('text/html');
  });
});

describe('start banner', () => {
  afterAll(() => removeTempDirs());

  it('prints "Formulir survei: http://…" and that address opens the demo form', { timeout: 120_000 }, async () => {
    const server = await startServer({ DATA_DIR: tempDir('mutu-demo-'), MUTU_ADMIN_PASSWORD: 'Admin-Passw0rd!' });
    try {
      const m = /^Formulir survei: (http:\/\/\S+)/m.exec(server.output());
      expect(m, server.output()).not.toBeNull();
      const url = m![1] as string;
      expect(url.startsWith(server.baseUrl)).toBe(true);
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<form');
    } finally {
      await server.stop();
    }
  });
});
