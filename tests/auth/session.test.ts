import { createHash } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boot } from '../../src/bootstrap.ts';
import { testConfig } from '../../src/config.ts';
import { buildApp } from '../../src/http/app.ts';
import { LOGIN_FAILURES_PER_IP, LOGIN_FAILURES_PER_USERNAME } from '../../src/modules/auth/auth.service.ts';
import { createTestApp, describeEachEngine, SAME_ORIGIN, type TestApp } from '../helpers/engines.ts';
import { insertUser, login, MINUTE, manualClock, sessionCookie } from './fixtures.ts';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describeEachEngine('auth sessions', (_engine, open) => {
  let t: TestApp;
  const clock = manualClock();
  const PW = 'Operator-Passw0rd';

  beforeAll(async () => {
    t = await createTestApp(open, { sessionIdleMinutes: 30, sessionAbsoluteHours: 8, loginMaxFailures: 3 }, clock);
  });
  afterAll(async () => t?.close());

  const get = (url: string, cookie?: string) => t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
  const post = (url: string, payload?: unknown, cookie?: string, ip = '127.0.0.1') =>
    t.app.inject({
      method: 'POST',
      url,
      remoteAddress: ip,
      headers: { ...SAME_ORIGIN, ...(cookie ? { cookie } : {}) },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  it('logs in with an HttpOnly SameSite=Lax cookie and stores only the token hash', async () => {
    await insertUser(t.deps.dbh.db, { username: 'op1', password: PW, roles: [{ role: 'executive_viewer' }] });
    const res = await post('/api/v1/auth/login', { username: 'OP1', password: PW });
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ username: 'op1', mustChangePassword: false, locale: 'id' });
    expect(res.json().user.roles).toEqual([{ role: 'executive_viewer', unitId: null, unitName: null }]);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).not.toMatch(/Secure/);
    const token = sessionCookie(res) as string;
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    const rows = await t.deps.dbh.db.selectFrom('session').selectAll().execute();
    expect(rows.map((r) => r.id)).toContain(sha256(token));
    expect(rows.map((r) => r.id)).not.toContain(token);

    const me = await get('/api/v1/auth/me', `mutu_session=${token}`);
    expect(me.statusCode).toBe(200);
    expect(me.json().username).toBe('op1');
  });

  it('marks the cookie Secure behind an https proxy', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { ...SAME_ORIGIN, 'x-forwarded-proto': 'https' },
      payload: { username: 'op1', password: PW },
    });
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['set-cookie'])).toMatch(/Secure/);
  });

  it('answers 401 without a session or with an unknown token', async () => {
    expect((await get('/api/v1/auth/me')).statusCode).toBe(401);
    const bogus = await get('/api/v1/auth/me', 'mutu_session=not-a-real-token');
    expect(bogus.statusCode).toBe(401);
    expect(bogus.json().error.code).toBe('unauthenticated');
  });

  it('logout deletes the session row and clears the cookie', async () => {
    const { cookie, token } = await login(t.app, 'op1', PW);
    const res = await post('/api/v1/auth/logout', undefined, cookie);
    expect(res.statusCode).toBe(204);
    expect(String(res.headers['set-cookie'])).toMatch(/mutu_session=;/);
    expect(
      await t.deps.dbh.db.selectFrom('session').select('id').where('id', '=', sha256(token)).executeTakeFirst(),
    ).toBeUndefined();
    expect((await get('/api/v1/auth/me', cookie)).statusCode).toBe(401);
  });

  it('slides the idle expiry, writing last_seen_at at most once a minute', async () => {
    const { cookie, token } = await login(t.app, 'op1', PW);
    const row = () => t.deps.dbh.db.selectFrom('session').selectAll().where('id', '=', sha256(token)).executeTakeFirstOrThrow();
    const first = await row();
    clock.advance(30_000);
    expect((await get('/api/v1/auth/me', cookie)).statusCode).toBe(200);
    expect((await row()).last_seen_at).toBe(first.last_seen_at); // < 1 min: no write
    clock.advance(31_000);
    expect((await get('/api/v1/auth/me', cookie)).statusCode).toBe(200);
    const touched = await row();
    expect(touched.last_seen_at > first.last_seen_at).toBe(true);
    expect(touched.idle_expires_at > first.idle_expires_at).toBe(true);
    // Active every 20 minutes: alive past the first 30-minute idle deadline.
    for (let i = 0; i < 3; i++) {
      clock.advance(20 * MINUTE);
      expect((await get('/api/v1/auth/me', cookie)).statusCode).toBe(200);
    }
    clock.advance(31 * MINUTE);
    expect((await get('/api/v1/auth/me', cookie)).statusCode).toBe(401);
    expect(
      await t.deps.dbh.db.selectFrom('session').select('id').where('id', '=', sha256(token)).executeTakeFirst(),
    ).toBeUndefined();
  });

  it('expires a session at the absolute limit even when active', async () => {
    const { cookie } = await login(t.app, 'op1', PW);
    for (let i = 0; i < 23; i++) {
      clock.advance(20 * MINUTE); // 7 h 40 min in total
      expect((await get('/api/v1/auth/me', cookie)).statusCode).toBe(200);
    }
    clock.advance(20 * MINUTE); // 8 h
    expect((await get('/api/v1/auth/me', cookie)).statusCode).toBe(401);
  });

  it('gives the same answer for an unknown username and a wrong password', async () => {
    const unknown = await post('/api/v1/auth/login', { username: 'nobody', password: 'whatever-123' }, undefined, '10.0.0.1');
    const wrong = await post('/api/v1/auth/login', { username: 'op1', password: 'whatever-123' }, undefined, '10.0.0.1');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
    expect(unknown.json().error.message).toBe('Nama pengguna atau kata sandi salah');
    expect(sessionCookie(unknown)).toBeUndefined();
  });

  it('locks the account after the configured consecutive failures until an administrator unlocks it', async () => {
    const db = t.deps.dbh.db;
    await insertUser(db, { username: 'admin2', password: 'Admin2-Passw0rd', roles: [{ role: 'system_admin' }] });
    const victimId = await insertUser(db, { username: 'victim', password: PW, roles: [{ role: 'inspectorate' }] });
    // A success in between resets the count: failures must be consecutive.
    expect(
      (await post('/api/v1/auth/login', { username: 'victim', password: 'bad-password-1' }, undefined, '10.0.1.1')).statusCode,
    ).toBe(401);
    await login(t.app, 'victim', PW, '10.0.1.1');
    expect(
      (await db.selectFrom('app_user').select('failed_logins').where('id', '=', victimId).executeTakeFirstOrThrow())
        .failed_logins,
    ).toBe(0);

    const codes: number[] = [];
    for (let i = 0; i < 3; i++) {
      codes.push(
        (await post('/api/v1/auth/login', { username: 'victim', password: `bad-password-${i}` }, undefined, '10.0.1.1'))
          .statusCode,
      );
    }
    expect(codes).toEqual([401, 401, 423]);
    const locked = await post('/api/v1/auth/login', { username: 'victim', password: PW }, undefined, '10.0.1.1');
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.code).toBe('account_locked');
    expect(
      (await db.selectFrom('app_user').select('locked_at').where('id', '=', victimId).executeTakeFirstOrThrow()).locked_at,
    ).not.toBeNull();

    // Unknown usernames "lock" the same way, so 423 does not reveal that an account exists.
    const ghost: number[] = [];
    for (let i = 0; i < 3; i++) {
      ghost.push(
        (await post('/api/v1/auth/login', { username: 'ghost', password: `bad-password-${i}` }, undefined, '10.0.1.2'))
          .statusCode,
      );
    }
    expect(ghost).toEqual([401, 401, 423]);

    const admin = await login(t.app, 'admin2', 'Admin2-Passw0rd', '10.0.1.3');
    const unlock = await post(`/api/v1/users/${victimId}/unlock`, undefined, admin.cookie);
    expect(unlock.statusCode).toBe(200);
    expect(unlock.json()).toMatchObject({ username: 'victim', locked: false });
    await login(t.app, 'victim', PW, '10.0.1.1');
  });

  it('rate-limits failed logins per username across addresses', async () => {
    await insertUser(t.deps.dbh.db, { username: 'target', password: PW, roles: [{ role: 'inspectorate' }] });
    // Unknown usernames never lock for real, so the per-username counter is what stops a sweep.
    const codes: number[] = [];
    for (let i = 0; i <= LOGIN_FAILURES_PER_USERNAME; i++) {
      const ip = `10.1.0.${i + 1}`; // a different address each time: only the username links them
      codes.push(
        (await post('/api/v1/auth/login', { username: 'sprayed', password: `bad-${i}-password` }, undefined, ip)).statusCode,
      );
    }
    expect(codes.at(-1)).toBe(429);
    expect(codes.slice(0, LOGIN_FAILURES_PER_USERNAME)).not.toContain(429);
    // Another username is not affected.
    await login(t.app, 'target', PW, '10.2.0.2');
  });

  it('rate-limits failed logins per address across usernames', async () => {
    // One address trying many usernames (two tries each, below the lock threshold of 3). Called on the
    // service: over HTTP the per-route request limit (30/min) would answer first.
    const perIp: string[] = [];
    let n = 0;
    while (perIp.length <= LOGIN_FAILURES_PER_IP) {
      const username = `user${Math.floor(n++ / 2)}`;
      const err = await t.deps.services.auth.login(username, 'bad-password', '10.2.0.1').catch((e: { code: string }) => e);
      perIp.push((err as { code: string }).code);
    }
    expect(perIp.at(-1)).toBe('rate_limited');
    expect(perIp.slice(0, LOGIN_FAILURES_PER_IP)).not.toContain('rate_limited');
    // Another address is not affected.
    await login(t.app, 'target', PW, '10.2.0.2');
  });

  it('limits raw login requests per address through the shared rate-limit store', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 31; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: '10.3.0.1',
        headers: SAME_ORIGIN,
        payload: { username: '', password: '' }, // 400 without touching argon2, still counted
      });
      codes.push(res.statusCode);
    }
    expect(codes.slice(0, 30).every((c) => c === 400)).toBe(true);
    expect(codes[30]).toBe(429);
    expect(
      await t.deps.dbh.db.selectFrom('rate_limit').select('key').where('key', 'like', '%/api/v1/auth/login%').execute(),
    ).not.toHaveLength(0);
  });

  it('refuses cross-site unsafe requests, but not the public routes', async () => {
    const cross = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
      payload: { username: 'op1', password: PW },
    });
    expect(cross.statusCode).toBe(403);
    expect(sessionCookie(cross)).toBeUndefined();
    const { cookie } = await login(t.app, 'op1', PW, '10.4.0.1');
    const crossWithSession = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/auth/me',
      headers: { cookie, origin: 'https://evil.example' },
      payload: { locale: 'en' },
    });
    expect(crossWithSession.statusCode).toBe(403);
    expect((await get('/api/v1/auth/me', cookie)).json().locale).toBe('id');
    // Public survey routes carry their own token: the check does not apply (404 here, not 403).
    const pub = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/surveys/x/responses',
      headers: { 'sec-fetch-site': 'cross-site', origin: 'https://elsewhere.example' },
      payload: {},
    });
    expect(pub.statusCode).toBe(404);
    // Safe methods are never refused for being cross-site.
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie, 'sec-fetch-site': 'cross-site' } }))
        .statusCode,
    ).toBe(200);
  });

  it('changes the locale', async () => {
    const { cookie } = await login(t.app, 'op1', PW, '10.5.0.1');
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/auth/me',
      headers: { ...SAME_ORIGIN, cookie },
      payload: { locale: 'en' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().locale).toBe('en');
    // The preferred language now drives error messages.
    const bad = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/auth/me',
      headers: { ...SAME_ORIGIN, cookie },
      payload: { locale: 'fr' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toBe('body.locale');
    expect(bad.json().error.message).toBe('The submitted data is not valid');
  });
});

describeEachEngine('first administrator and password change', (_engine, open) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(open, { adminUser: 'Administrator', adminPassword: 'Initial-Passw0rd' });
  });
  afterAll(async () => t?.close());

  it('creates the first system_admin once, who must change the password before anything else', async () => {
    const db = t.deps.dbh.db;
    const admins = await db.selectFrom('app_user').selectAll().execute();
    expect(admins).toHaveLength(1);
    expect(admins[0]).toMatchObject({ username: 'administrator', must_change_password: 1 });
    expect(admins[0]?.password_hash.startsWith('$argon2id$')).toBe(true);
    // Idempotent: a second start creates nothing.
    expect(await t.deps.services.auth.ensureAdmin('administrator', 'Other-Passw0rd')).toEqual({ created: false });
    expect(await t.deps.services.auth.ensureAdmin('someone-else', undefined)).toEqual({ created: false });
    expect(await db.selectFrom('app_user').select('id').execute()).toHaveLength(1);

    const { cookie } = await login(t.app, 'administrator', 'Initial-Passw0rd');
    const me = await t.app.inject({ url: '/api/v1/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ mustChangePassword: true, roles: [{ role: 'system_admin', unitId: null }] });
    const users = await t.app.inject({ url: '/api/v1/users', headers: { cookie } });
    expect(users.statusCode).toBe(403);
    expect(users.json().error.code).toBe('password_change_required');

    const change = (payload: object, c = cookie) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/change-password', headers: { ...SAME_ORIGIN, cookie: c }, payload });
    const short = await change({ currentPassword: 'Initial-Passw0rd', newPassword: 'short' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.fields[0].field).toBe('body.newPassword');
    const asUsername = await change({ currentPassword: 'Initial-Passw0rd', newPassword: 'ADMINISTRATOR' });
    expect(asUsername.statusCode).toBe(400);
    expect(asUsername.json().error.fields).toEqual([
      { field: 'body.newPassword', message: 'Kata sandi tidak boleh sama dengan nama pengguna' },
    ]);
    const wrongCurrent = await change({ currentPassword: 'nope-nope-nope', newPassword: 'Brand-New-Passw0rd' });
    expect(wrongCurrent.statusCode).toBe(400);
    expect(wrongCurrent.json().error.fields[0].field).toBe('body.currentPassword');

    const other = await login(t.app, 'administrator', 'Initial-Passw0rd');
    expect((await change({ currentPassword: 'Initial-Passw0rd', newPassword: 'Brand-New-Passw0rd' })).statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/v1/users', headers: { cookie } })).statusCode).toBe(200);
    // The other session is revoked, the current one kept.
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: { cookie: other.cookie } })).statusCode).toBe(401);
    expect((await db.selectFrom('app_user').select('must_change_password').executeTakeFirstOrThrow()).must_change_password).toBe(
      0,
    );
    const relogin = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: SAME_ORIGIN,
      payload: { username: 'administrator', password: 'Initial-Passw0rd' },
    });
    expect(relogin.statusCode).toBe(401);
    await login(t.app, 'administrator', 'Brand-New-Passw0rd');
  });
});

describe('first administrator with a generated password', () => {
  it('generates, returns and stores a password once', async () => {
    const config = testConfig({ adminPassword: undefined });
    const { deps, adminCreated, generatedPassword } = await boot(config, pino({ level: 'silent' }));
    try {
      expect(adminCreated).toBe(true);
      expect(generatedPassword).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
      const again = await deps.services.auth.ensureAdmin('admin', undefined);
      expect(again).toEqual({ created: false });
      const server = await buildApp(deps, { webDir: '/nonexistent' });
      await login(server, 'admin', generatedPassword as string);
      await server.close();
    } finally {
      await deps.dbh.close();
    }
  });
});
