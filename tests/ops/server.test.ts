import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/connection.ts';
import { type RunningServer, removeTempDirs, startServer, tempDir } from './processes.ts';

afterAll(removeTempDirs);

const running: RunningServer[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) {
    s.child.kill('SIGKILL');
    await s.exited;
  }
});

async function waitFor(cond: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function start(env: Record<string, string>) {
  const s = await startServer(env);
  running.push(s);
  return s;
}

describe('graceful shutdown', () => {
  it('finishes an in-flight request after SIGTERM, then exits 0', { timeout: 180_000 }, async () => {
    const dataDir = tempDir();
    const s = await start({
      DATA_DIR: dataDir,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      MUTU_ADMIN_PASSWORD: 'Rahasia-Ops-123',
      MUTU_SEED_DEMO: 'false',
    });
    expect((await fetch(`${s.baseUrl}/readyz`)).status).toBe(200);

    const startedAt = Date.now();
    const slow = fetch(`${s.baseUrl}/api/v1/_debug/slow?ms=1500`).then(async (r) => ({
      status: r.status,
      body: await r.json(),
      at: Date.now(),
    }));
    // SIGTERM only once the server logged that it is handling the request.
    await waitFor(() => s.output().includes('"url":"/api/v1/_debug/slow?ms=1500"'), 30_000);
    s.child.kill('SIGTERM');
    const exit = s.exited.then((code) => ({ code, at: Date.now() }));

    const res = await slow;
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ sleptMs: 1500 });
    expect(res.at - startedAt).toBeGreaterThanOrEqual(1500);
    const { code, at } = await exit;
    expect(code).toBe(0);
    expect(at).toBeGreaterThanOrEqual(res.at - 50);
    expect(at - res.at).toBeLessThan(10_000); // no idle keep-alive socket holds the shutdown open
    // After shutdown nothing listens any more.
    await expect(fetch(`${s.baseUrl}/healthz`)).rejects.toThrow();
  });

  it('does not expose the test-only route outside NODE_ENV=test', { timeout: 180_000 }, async () => {
    const s = await start({
      DATA_DIR: tempDir(),
      NODE_ENV: 'production',
      MUTU_ADMIN_PASSWORD: 'Rahasia-Ops-123',
      MUTU_SEED_DEMO: 'false',
    });
    expect((await fetch(`${s.baseUrl}/api/v1/_debug/slow?ms=1`)).status).toBe(404);
    expect(await s.stop()).toBe(0);
  });
});

describe('first and second start on the same DATA_DIR', () => {
  it('seeds and prints the generated admin password once, then keeps the data', { timeout: 300_000 }, async () => {
    const dataDir = tempDir();
    const first = await start({ DATA_DIR: dataDir });
    const banner1 = first.output();
    expect(banner1).toContain('Pengguna admin: admin');
    const pw = /Kata sandi awal \(hanya ditampilkan sekali\): (\S+)/.exec(banner1)?.[1];
    expect(pw, banner1).toBeTruthy();
    expect(banner1).toContain('Organisasi demo BPOM dibuat.');

    const login = await fetch(`${first.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: first.baseUrl },
      body: JSON.stringify({ username: 'admin', password: pw }),
    });
    expect(login.status).toBe(200);
    expect((await login.json()).user).toMatchObject({ username: 'admin', mustChangePassword: true });
    expect(await first.stop()).toBe(0);

    // Something written between the two starts must survive the second one.
    const file = join(dataDir, 'mutu.sqlite');
    let dbh = await createDb({ sqliteFile: file });
    const counts = async () => ({
      units: Number(
        (
          await dbh.db
            .selectFrom('org_unit')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
      users: Number(
        (
          await dbh.db
            .selectFrom('app_user')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    });
    const before = await counts();
    expect(before.units).toBeGreaterThan(97);
    expect(before.users).toBe(1);
    await dbh.db
      .insertInto('app_setting')
      .values({ key: 'ops-test.marker', value: 'masih ada', updated_at: new Date().toISOString() })
      .execute();
    await dbh.close();

    const second = await start({ DATA_DIR: dataDir });
    const banner2 = second.output();
    expect(banner2).not.toContain('Kata sandi awal');
    expect(banner2).not.toContain('Pengguna admin');
    expect(banner2).not.toContain('Organisasi demo BPOM dibuat.');
    const again = await fetch(`${second.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: second.baseUrl },
      body: JSON.stringify({ username: 'admin', password: pw }),
    });
    expect(again.status).toBe(200);
    expect(await second.stop()).toBe(0);

    dbh = await createDb({ sqliteFile: file });
    expect(await counts()).toEqual(before);
    const marker = await dbh.db.selectFrom('app_setting').select('value').where('key', '=', 'ops-test.marker').executeTakeFirst();
    expect(marker?.value).toBe('masih ada');
    await dbh.close();
  });
});
