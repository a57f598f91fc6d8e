import type { InjectOptions, LightMyRequestResponse as LightResponse } from 'fastify';
import type { DbHandle } from '../../src/db/connection.ts';
import type { SubmitInput } from '../../src/modules/responses/response.schema.ts';
import type { Clock } from '../../src/shared/clock.ts';
import { createTestApp, SAME_ORIGIN, type TestApp } from '../helpers/engines.ts';
import { loginAs, type TestLogin } from '../helpers/login.ts';
import { type Fixture, seedFixture } from '../surveys/fixtures.ts';

/** A movable clock: the challenge and the collection window follow it. */
export class TestClock implements Clock {
  constructor(public ms: number) {}
  now(): Date {
    return new Date(this.ms);
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

export interface Env {
  t: TestApp;
  fx: Fixture;
  clock: TestClock;
  coordinator: TestLogin;
  campaignId: string;
  links: { id: string; unitId: string; unitServiceId: string | null; token: string }[];
  call(login: TestLogin | null, method: 'GET' | 'POST', url: string, payload?: unknown): Promise<LightResponse>;
}

/** Tarakan (UPT: one unit link) and the central directorate (service links), bpom-2024, collecting on 2 May 2024. */
export async function setupCollecting(
  open: () => Promise<DbHandle>,
  opts: { profileCode?: string; allowEmbedding?: boolean; embedOrigins?: string[]; retentionDays?: number } = {},
): Promise<Env> {
  const clock = new TestClock(Date.parse('2024-05-02T02:00:00.000Z'));
  const t = await createTestApp(open, { publicUrl: 'https://mutu.example.go.id' }, clock);
  const fx = await seedFixture(t.deps.dbh.db);
  const coordinator = await loginAs(t, 'skm_coordinator');
  const call: Env['call'] = (login, method, url, payload) => {
    const opts: InjectOptions = {
      method,
      url,
      headers: { ...(login ? { cookie: login.cookie } : {}), ...(method === 'GET' ? {} : SAME_ORIGIN) },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    };
    return t.app.inject(opts);
  };
  const created = await call(coordinator, 'POST', '/api/v1/campaigns', {
    year: 2024,
    name: 'SKM BPOM Tahun 2024',
    profileCode: opts.profileCode ?? 'bpom-2024',
    collectionStart: '2024-04-01',
    collectionEnd: '2024-06-30',
    units: [{ unitId: fx.tarakan }, { unitId: fx.central }],
    allowEmbedding: opts.allowEmbedding ?? false,
    embedOrigins: opts.embedOrigins ?? [],
    ...(opts.retentionDays ? { retentionDays: opts.retentionDays } : {}),
  });
  if (created.statusCode !== 201) throw new Error(`campaign: ${created.body}`);
  const campaignId = created.json().id as string;
  for (const to of ['targets_set', 'collecting']) {
    const r = await call(coordinator, 'POST', `/api/v1/campaigns/${campaignId}/transition`, { to });
    if (r.statusCode !== 200) throw new Error(`transition ${to}: ${r.body}`);
  }
  const links = (await call(coordinator, 'GET', `/api/v1/campaigns/${campaignId}/links`)).json().links;
  return { t, fx, clock, coordinator, campaignId, links, call };
}

let serial = 0;
/** A complete valid bpom-2024 submission; every answer `score` unless overridden. */
export function bpomInput(env: Env, unitServiceId: string, over: Partial<SubmitInput> = {}, score = 5): SubmitInput {
  const answers: Record<string, number> = {};
  for (let i = 1; i <= 14; i++) answers[`A${i}`] = score;
  for (let i = 1; i <= 5; i++) answers[`B${i}`] = score;
  serial++;
  return {
    campaignId: env.campaignId,
    unitId: env.fx.tarakan,
    unitServiceId,
    channel: 'link',
    clientSubmissionId: `test-${serial}-${Math.random().toString(36).slice(2, 10)}`,
    respondent: {
      fullName: `Responden ${serial}`,
      age: 30,
      sex: 'perempuan',
      phone: `0812${String(10_000_000 + serial)}`,
      education: 'd4_s1',
      occupation: 'wiraswasta',
      institution: 'CV Contoh',
    },
    completionPct: 100,
    answers,
    suggestion: null,
    ipAddress: '10.1.2.3',
    ...over,
  };
}
