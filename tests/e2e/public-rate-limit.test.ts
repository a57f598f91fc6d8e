import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { describeEachEngine } from '../helpers/engines.ts';
import { type Env, setupCollecting } from '../responses/setup.ts';

// Low per-address limits for this file only (read when the routes module loads).
vi.hoisted(() => {
  process.env.MUTU_PUBLIC_GETS_PER_IP = '3';
  process.env.MUTU_PUBLIC_POSTS_PER_IP = '2';
});

/** Issue 4 item 4: the public form's per-address refusal is a polite HTML page with 429 and Retry-After. */
describeEachEngine('public form rate limit', (_engine, open) => {
  let env: Env;
  let token: string;
  let ip = 0;
  const nextIp = () => `198.18.0.${++ip}`;
  const get = (url: string, from: string, headers: Record<string, string> = {}) =>
    env.t.app.inject({ method: 'GET', url, headers: { 'x-forwarded-for': from, ...headers } });
  const post = (from: string) =>
    env.t.app.inject({
      method: 'POST',
      url: `/s/${token}/submit`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': from },
      payload: 'csid=abcdefgh12345678&consent=1',
    });

  beforeAll(async () => {
    env = await setupCollecting(open);
    token = env.links.find((l) => l.unitId === env.fx.tarakan)!.token;
  });
  afterAll(async () => env?.t.close());

  it('answers the form GET over the limit with an Indonesian HTML page, 429 and Retry-After', async () => {
    const from = nextIp();
    for (let i = 0; i < 3; i++) expect((await get(`/s/${token}`, from)).statusCode).toBe(200);
    const refused = await get(`/s/${token}`, from, { accept: 'text/html,application/xhtml+xml' });
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(refused.body).toMatch(/^<!doctype html><html lang="id">/);
    expect(refused.body).toContain('<h1>Mohon tunggu sebentar</h1>');
    expect(refused.body).toContain(`detik`);
    expect(refused.headers['content-security-policy']).toContain("default-src 'none'");
    // Another address is not affected.
    expect((await get(`/s/${token}`, nextIp())).statusCode).toBe(200);
  });

  it('speaks English on ?lang=en and keeps JSON for a client that asks for JSON only', async () => {
    const from = nextIp();
    for (let i = 0; i < 3; i++) await get(`/s/${token}?lang=en`, from);
    const en = await get(`/s/${token}?lang=en`, from);
    expect(en.statusCode).toBe(429);
    expect(en.body).toContain('<html lang="en">');
    expect(en.body).toContain('Please wait a moment');
    const json = await get(`/s/${token}`, from, { accept: 'application/json' });
    expect(json.statusCode).toBe(429);
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    expect(json.json().error.code).toBe('rate_limited');
    expect(json.headers['retry-after']).toBeDefined();
  });

  it('answers a no-JavaScript post over the limit with the page, saying nothing was saved', async () => {
    const from = nextIp();
    for (let i = 0; i < 2; i++) expect((await post(from)).statusCode).toBe(400); // the challenge is missing: re-rendered form
    const refused = await post(from);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(refused.headers['retry-after']).toBeDefined();
    expect(refused.body).toContain('Isian Anda belum tersimpan');
  });
});
