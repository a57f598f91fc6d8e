import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/connection.ts';
import type { SubmitInput } from '../../src/modules/responses/response.schema.ts';
import { mutu } from '../cli/run.ts';
import { createTestApp, describeEachEngine, SAME_ORIGIN, type TestApp } from '../helpers/engines.ts';
import { loginAs } from '../helpers/login.ts';
import { TestClock } from '../responses/setup.ts';
import { type Fixture, seedFixture } from '../surveys/fixtures.ts';

/**
 * Retention purge (issue 4 item 5, DOMAIN 4.8): after the retention period following a campaign's close, the
 * personal fields and their blind indexes become null; answers, counts and every index stay; one audit event
 * per campaign; a `job` row per pass; `mutu retention purge [--dry-run]` runs the same pass.
 */

const DAY = 86_400_000;
let serial = 0;

function input(campaignId: string, unitId: string, unitServiceId: string, score: number): SubmitInput {
  serial++;
  const answers: Record<string, number> = {};
  for (let i = 1; i <= 14; i++) answers[`A${i}`] = Math.max(1, Math.min(6, score - (i % 3)));
  for (let i = 1; i <= 5; i++) answers[`B${i}`] = score;
  return {
    campaignId,
    unitId,
    unitServiceId,
    channel: 'link',
    clientSubmissionId: `retention-${serial}-${Math.random().toString(36).slice(2, 10)}`,
    respondent: {
      fullName: `Responden Retensi ${serial}`,
      age: 25 + serial,
      sex: serial % 2 ? 'perempuan' : 'laki_laki',
      phone: ['0813', String(55_000_000 + serial)].join(''),
      education: 'd4_s1',
      occupation: 'wiraswasta',
      institution: `CV Retensi ${serial}`,
    },
    completionPct: 100,
    answers,
    suggestion: 'Saran tetap disimpan',
  };
}

interface Round {
  t: TestApp;
  clock: TestClock;
  fx: Fixture;
  call(method: 'GET' | 'POST', url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  /** Creates, fills (`n` responses) and closes a campaign; returns its id and the public link token. */
  closedCampaign(name: string, n: number, retentionDays?: number): Promise<{ id: string; token: string; notice: string }>;
}

async function round(open: Parameters<typeof createTestApp>[0], retentionDays: number): Promise<Round> {
  const clock = new TestClock(Date.parse('2024-05-02T02:00:00.000Z'));
  const t = await createTestApp(open, { retentionDays }, clock);
  const fx = await seedFixture(t.deps.dbh.db);
  const call: Round['call'] = async (method, url, payload) =>
    t.app.inject({
      method,
      url,
      // A fresh coordinator session per call: the test clock jumps by months.
      headers: { cookie: (await loginAs(t, 'skm_coordinator')).cookie, ...(method === 'GET' ? {} : SAME_ORIGIN) },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  const closedCampaign: Round['closedCampaign'] = async (name, n, days) => {
    clock.ms = Date.parse('2024-05-02T02:00:00.000Z');
    const created = await call('POST', '/api/v1/campaigns', {
      year: 2024,
      name,
      profileCode: 'bpom-2024',
      collectionStart: '2024-04-01',
      collectionEnd: '2024-05-31',
      units: [{ unitId: fx.tarakan }],
      ...(days ? { retentionDays: days } : {}),
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    for (const to of ['targets_set', 'collecting'])
      expect((await call('POST', `/api/v1/campaigns/${id}/transition`, { to })).statusCode).toBe(200);
    const token = (await call('GET', `/api/v1/campaigns/${id}/links`)).json().links[0].token as string;
    const notice = (await t.app.inject({ method: 'GET', url: `/s/${token}`, headers: { 'x-forwarded-for': '192.0.2.7' } })).body;
    for (let i = 0; i < n; i++)
      await t.deps.services.responses.submit(input(id, fx.tarakan, fx.tarakanServices[8]!, 3 + (i % 4)));
    clock.ms = Date.parse('2024-06-03T02:00:00.000Z');
    for (const to of ['validating', 'reporting', 'closed'])
      expect((await call('POST', `/api/v1/campaigns/${id}/transition`, { to })).statusCode).toBe(200);
    return { id, token, notice };
  };
  return { t, clock, fx, call, closedCampaign };
}

describeEachEngine('retention purge of personal fields', (_engine, open) => {
  let r: Round;
  let defaultCampaign: { id: string; notice: string };
  let shortCampaign: { id: string; notice: string };
  const db = () => r.t.deps.dbh.db;
  const rows = (campaignId: string) =>
    db().selectFrom('survey_response').selectAll().where('campaign_id', '=', campaignId).orderBy('seq_no').execute();
  const ikmOf = async (campaignId: string) =>
    (await r.call('GET', `/api/v1/campaigns/${campaignId}/units/${r.fx.tarakan}/results`)).json().total;

  beforeAll(async () => {
    r = await round(open, 100);
    defaultCampaign = await r.closedCampaign('SKM retensi bawaan', 4);
    shortCampaign = await r.closedCampaign('SKM retensi 30 hari', 3, 30);
  });
  afterAll(async () => r?.t.close());

  it('states the retention period in the privacy notice of step 1 (campaign value, else RETENTION_DAYS)', () => {
    expect(defaultCampaign.notice).toContain('100 hari setelah survei ditutup');
    expect(shortCampaign.notice).toContain('30 hari setelah survei ditutup');
  });

  it('purges nothing before the period ends; a dry run lists what is due and changes nothing', async () => {
    r.clock.ms = Date.parse('2024-06-03T02:00:00.000Z') + 29 * DAY;
    expect((await r.t.deps.services.retention.purge()).campaigns).toEqual([]);
    r.clock.ms = Date.parse('2024-06-03T02:00:00.000Z') + 31 * DAY;
    const before = await rows(shortCampaign.id);
    const dry = await r.t.deps.services.retention.purge({ dryRun: true });
    expect(dry.campaigns.map((c) => [c.campaignId, c.responses, c.retentionDays])).toEqual([[shortCampaign.id, 3, 30]]);
    expect(await rows(shortCampaign.id)).toEqual(before);
  });

  it('purges the due campaign only: personal fields and blind indexes null, answers and counts unchanged, audited once', async () => {
    r.clock.ms = Date.parse('2024-06-03T02:00:00.000Z') + 31 * DAY;
    const before = await rows(shortCampaign.id);
    const otherBefore = await rows(defaultCampaign.id);
    const ikmBefore = await ikmOf(shortCampaign.id);
    expect(before.every((x) => x.full_name_enc && x.phone_enc && x.institution_enc && x.phone_bidx)).toBe(true);

    const run = await r.t.deps.services.retention.purge();
    expect(run).toMatchObject({ dryRun: false, skipped: null, purgedResponses: 3 });
    const after = await rows(shortCampaign.id);
    for (const [i, a] of after.entries()) {
      const b = before[i]!;
      expect(a).toMatchObject({ full_name_enc: null, phone_enc: null, institution_enc: null, phone_bidx: null, name_bidx: null });
      expect(a.personal_purged_at).not.toBeNull();
      const keep = (x: typeof a) => ({
        ...x,
        full_name_enc: 0,
        phone_enc: 0,
        institution_enc: 0,
        phone_bidx: 0,
        name_bidx: 0,
        personal_purged_at: 0,
      });
      expect(keep(a)).toEqual(keep(b)); // answers, profile fields, validity, counted flag, seqNo, times: identical
    }
    expect(await rows(defaultCampaign.id)).toEqual(otherBefore);
    const campaign = await db()
      .selectFrom('skm_campaign')
      .selectAll()
      .where('id', '=', shortCampaign.id)
      .executeTakeFirstOrThrow();
    expect(campaign.personal_data_purged_at).toBe(run.at);

    const events = await db()
      .selectFrom('audit_event')
      .select(['after_json', 'entity_id'])
      .where('action', '=', 'personal_data_purged')
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]!.entity_id).toBe(shortCampaign.id);
    expect(JSON.parse(events[0]!.after_json as string)).toMatchObject({ responses: 3, retentionDays: 30 });
    // One job row per day with passes (the earlier empty pass has its own day).
    const jobs = await db().selectFrom('job').selectAll().where('kind', '=', 'retention_purge').orderBy('id').execute();
    expect(jobs.map((j) => j.id)).toEqual(['retention_purge:2024-07-02', `retention_purge:${run.at.slice(0, 10)}`]);
    expect(jobs[1]!.status).toBe('succeeded');
    expect(JSON.parse(jobs[1]!.result_json as string)).toMatchObject({ purgedResponses: 3 });

    // The IKM is identical, shown from the snapshot and recomputed from the purged data by a restatement.
    expect(await ikmOf(shortCampaign.id)).toEqual(ikmBefore);
    const restated = await r.call('POST', `/api/v1/campaigns/${shortCampaign.id}/restatements`, {
      reason: 'Pemeriksaan setelah penghapusan data pribadi',
    });
    expect(restated.statusCode, restated.body).toBe(201);
    expect(restated.json().changedScopes).toBe(0);
    expect((await ikmOf(shortCampaign.id)).ikm).toEqual(ikmBefore.ikm);

    // A masked list stays usable: the names are gone, not garbled.
    const list = (await r.call('GET', `/api/v1/campaigns/${shortCampaign.id}/units/${r.fx.tarakan}/responses`)).json();
    expect(list.items.map((x: { fullName: string | null }) => x.fullName)).toEqual([null, null, null]);
  });

  it('later passes purge the default-period campaign once and nothing twice', async () => {
    r.clock.ms = Date.parse('2024-06-03T02:00:00.000Z') + 101 * DAY;
    const run = await r.t.deps.services.retention.purge();
    expect(run.campaigns.map((c) => [c.campaignId, c.responses, c.retentionDays])).toEqual([[defaultCampaign.id, 4, 100]]);
    expect((await r.t.deps.services.retention.purge()).campaigns).toEqual([]);
    const events = await db()
      .selectFrom('audit_event')
      .select('entity_id')
      .where('action', '=', 'personal_data_purged')
      .execute();
    expect(events).toHaveLength(2);
  });
});

describe('mutu retention purge (CLI on the server database)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mutu-retention-'));
  const saved = {
    DATA_DIR: process.env.DATA_DIR,
    DATABASE_URL: process.env.DATABASE_URL,
    RETENTION_DAYS: process.env.RETENTION_DAYS,
  };
  let campaignId: string;
  afterAll(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  beforeAll(async () => {
    const r = await round(() => createDb({ sqliteFile: join(dir, 'mutu.sqlite') }), 365);
    campaignId = (await r.closedCampaign('SKM untuk CLI', 2, 30)).id;
    await r.t.close();
    process.env.DATA_DIR = dir;
    delete process.env.DATABASE_URL;
    process.env.RETENTION_DAYS = '365';
  });

  it('lists with --dry-run, then purges (closed in 2024 with 30 days: due today)', async () => {
    const dry = await mutu(['retention', 'purge', '--dry-run', '--json']);
    expect(dry.err).toBe('');
    expect(dry.code).toBe(0);
    expect(dry.json().campaigns.map((c: { campaignId: string; responses: number }) => [c.campaignId, c.responses])).toEqual([
      [campaignId, 2],
    ]);
    const run = await mutu(['retention', 'purge']);
    expect(run.code).toBe(0);
    expect(run.out).toContain('data pribadi 2 respons dihapus');
    const again = await mutu(['retention', 'purge', '--dry-run']);
    expect(again.out).toContain('Tidak ada kampanye');
    const dbh = await createDb({ sqliteFile: join(dir, 'mutu.sqlite') });
    const left = await dbh.db
      .selectFrom('survey_response')
      .select('full_name_enc')
      .where('full_name_enc', 'is not', null)
      .execute();
    await dbh.close();
    expect(left).toEqual([]);
  });
});
