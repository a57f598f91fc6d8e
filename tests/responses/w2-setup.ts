import type { LightMyRequestResponse } from 'fastify';
import type { DbHandle } from '../../src/db/connection.ts';
import type { SubmitInput } from '../../src/modules/responses/response.schema.ts';
import type { Clock } from '../../src/shared/clock.ts';
import { createTestApp, SAME_ORIGIN, type TestApp } from '../helpers/engines.ts';
import { loginAs, type TestLogin } from '../helpers/login.ts';

/** W2 tests: the demo organisation (Balai POM di Tarakan and a Loka), one bpom-2024 campaign collecting. */

export class FixedClock implements Clock {
  constructor(public ms: number) {}
  now(): Date {
    return new Date(this.ms);
  }
}

export interface W2Env {
  t: TestApp;
  clock: FixedClock;
  tarakan: string;
  other: string;
  /** Tarakan's services in the campaign, in service order. */
  services: { id: string; name: string }[];
  otherServices: { id: string; name: string }[];
  coordinator: TestLogin;
  campaignId: string;
  call(
    login: TestLogin | null,
    method: 'GET' | 'POST',
    url: string,
    payload?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
}

export async function unitIdByCode(t: TestApp, code: string): Promise<string> {
  const row = await t.deps.dbh.db.selectFrom('org_unit').select('id').where('code', '=', code).executeTakeFirstOrThrow();
  return row.id;
}

export async function setupW2(open: () => Promise<DbHandle>): Promise<W2Env> {
  const clock = new FixedClock(Date.parse('2024-05-15T02:00:00.000Z'));
  const t = await createTestApp(open, { seedDemo: true }, clock);
  const tarakan = await unitIdByCode(t, 'BPOM-TRK');
  const other = await unitIdByCode(t, 'LOKA-ACEH-SELATAN');
  const coordinator = await loginAs(t, 'skm_coordinator');
  const call: W2Env['call'] = (login, method, url, payload, headers = {}) =>
    t.app.inject({
      method,
      url,
      headers: { ...(login ? { cookie: login.cookie } : {}), ...(method === 'GET' ? {} : SAME_ORIGIN), ...headers },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  const created = await call(coordinator, 'POST', '/api/v1/campaigns', {
    year: 2024,
    name: 'SKM BPOM Tahun 2024',
    profileCode: 'bpom-2024',
    collectionStart: '2024-04-01',
    collectionEnd: '2024-06-30',
    units: [{ unitId: tarakan }, { unitId: other }],
  });
  if (created.statusCode !== 201) throw new Error(`campaign: ${created.body}`);
  const campaignId = created.json().id as string;
  for (const to of ['targets_set', 'collecting']) {
    const r = await call(coordinator, 'POST', `/api/v1/campaigns/${campaignId}/transition`, { to });
    if (r.statusCode !== 200) throw new Error(`transition ${to}: ${r.body}`);
  }
  const targets = (await call(coordinator, 'GET', `/api/v1/campaigns/${campaignId}/targets`)).json().rows as {
    unitId: string;
    unitServiceId: string;
    serviceName: string;
  }[];
  const of = (u: string) => targets.filter((r) => r.unitId === u).map((r) => ({ id: r.unitServiceId, name: r.serviceName }));
  return { t, clock, tarakan, other, services: of(tarakan), otherServices: of(other), coordinator, campaignId, call };
}

let serial = 0;

/** A complete bpom-2024 response (generated respondent), every answer `score`. */
export function response(env: W2Env, unitServiceId: string, over: Partial<SubmitInput> = {}, score = 5): SubmitInput {
  serial++;
  const answers: Record<string, number> = {};
  for (let i = 1; i <= 14; i++) answers[`A${i}`] = score;
  for (let i = 1; i <= 5; i++) answers[`B${i}`] = score;
  return {
    campaignId: env.campaignId,
    unitId: env.tarakan,
    unitServiceId,
    channel: 'link',
    clientSubmissionId: `w2test-${serial}-${Math.random().toString(36).slice(2, 10)}`,
    respondent: {
      fullName: `Responden Uji ${serial}`,
      age: 20 + (serial % 40),
      sex: serial % 2 ? 'perempuan' : 'laki_laki',
      phone: `0813${String(20_000_000 + serial)}`,
      education: 'd4_s1',
      occupation: 'wiraswasta',
      institution: `CV Uji ${serial}`,
    },
    completionPct: 100,
    answers,
    suggestion: null,
    ...over,
  };
}

/** Counters of one service as the response writer keeps them. */
export async function counters(env: W2Env, unitServiceId: string) {
  const r = await env.t.deps.dbh.db
    .selectFrom('campaign_target')
    .select(['n_submitted', 'n_valid', 'n_counted'])
    .where('campaign_id', '=', env.campaignId)
    .where('unit_service_id', '=', unitServiceId)
    .executeTakeFirstOrThrow();
  return { submitted: Number(r.n_submitted), valid: Number(r.n_valid), counted: Number(r.n_counted) };
}
