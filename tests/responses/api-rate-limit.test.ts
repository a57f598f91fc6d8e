import { afterAll, beforeAll, expect, it } from 'vitest';
import { publicLimits } from '../../src/http/routes/public-survey.routes.ts';
import { describeEachEngine } from '../helpers/engines.ts';
import { loginAs } from '../helpers/login.ts';
import { type Env, setupCollecting } from './setup.ts';

/**
 * Issue 4 items 3 and 12: the server-to-server submission books its per-key counter in the
 * submission's own transaction (one commit per request), and still refuses over the limit before
 * anything is stored, with 429 and Retry-After; the counter lives in the database.
 */
describeEachEngine('API submission rate limit (counter in the submission transaction)', (_engine, open) => {
  let env: Env;
  let keyA: string;
  let keyB: string;
  const db = () => env.t.deps.dbh.db;
  const stored = async () =>
    Number(
      (
        await db()
          .selectFrom('survey_response')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('channel', '=', 'api')
          .executeTakeFirstOrThrow()
      ).n,
    );
  const answers: Record<string, number> = {};
  for (let i = 1; i <= 14; i++) answers[`A${i}`] = 4;
  for (let i = 1; i <= 5; i++) answers[`B${i}`] = 5;
  let serial = 0;
  const body = (clientSubmissionId = `rl-${++serial}-abcdef`) => ({
    unitServiceId: env.fx.tarakanServices[2],
    clientSubmissionId,
    respondent: {
      fullName: `Penguji ${serial}`,
      age: 30,
      sex: 'perempuan',
      // "0": the respondent gave no number (the form accepts it), no phone-like literal here.
      phone: '0',
      education: 'd4_s1',
      occupation: 'pegawai_swasta',
      institution: 'PT Uji',
    },
    completionPct: 100,
    answers,
  });
  const send = (key: string, payload: unknown, headers: Record<string, string> = {}) =>
    env.t.app.inject({
      method: 'POST',
      url: '/api/v1/public/responses',
      headers: { authorization: `Bearer ${key}`, ...headers },
      payload: payload as Record<string, unknown>,
    });

  beforeAll(async () => {
    env = await setupCollecting(open);
    const coordinator = await loginAs(env.t, 'skm_coordinator');
    const url = `/api/v1/campaigns/${env.campaignId}/api-keys`;
    keyA = (await env.call(coordinator, 'POST', url, { unitId: env.fx.tarakan, label: 'A' })).json().key;
    keyB = (await env.call(coordinator, 'POST', url, { unitId: env.fx.tarakan, label: 'B' })).json().key;
  });
  afterAll(async () => env?.t.close());

  it('refuses the request over the per-key limit with 429 and Retry-After, storing nothing, per key', async () => {
    const saved = publicLimits.apiPostsPerKey;
    publicLimits.apiPostsPerKey = 3;
    try {
      const first = body();
      const codes: number[] = [];
      codes.push((await send(keyA, first)).statusCode);
      // A replay books the counter too (it is a request of the key).
      codes.push((await send(keyA, first)).statusCode);
      codes.push((await send(keyA, body())).statusCode);
      expect(codes).toEqual([201, 200, 201]);
      expect(await stored()).toBe(2);

      const refused = await send(keyA, body(), { 'accept-language': 'en' });
      expect(refused.statusCode).toBe(429);
      expect(refused.json().error.code).toBe('rate_limited');
      const seconds = Number(refused.headers['retry-after']);
      expect(seconds).toBeGreaterThanOrEqual(1);
      expect(seconds).toBeLessThanOrEqual(60);
      expect(refused.json().error.message).toContain(`${seconds}`);
      // Refused before anything was checked or stored: an invalid body is refused alike.
      expect((await send(keyA, { ...body(), answers: { A1: 0 } })).statusCode).toBe(429);
      expect(await stored()).toBe(2);

      // The counter is a row of the database (shared by every app server), left at the limit by the refusals.
      const counter = await db()
        .selectFrom('rate_limit')
        .select(['key', 'count'])
        .where('key', 'like', 'POST:/api/v1/public/responses|key:%')
        .execute();
      expect(counter.map((c) => Number(c.count))).toEqual([3]);

      // Another key of the same unit has its own counter.
      expect((await send(keyB, body())).statusCode).toBe(201);
      // The next window starts afresh.
      env.clock.advance(61_000);
      expect((await send(keyA, body())).statusCode).toBe(201);
      expect(await stored()).toBe(4);
    } finally {
      publicLimits.apiPostsPerKey = saved;
    }
  });

  it('does not compress the small JSON reply', async () => {
    const res = await send(keyB, body(), { 'accept-encoding': 'br, gzip' });
    expect(res.statusCode).toBe(201);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.json()).toMatchObject({ replayed: false });
  });
});
