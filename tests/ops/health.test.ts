import { Writable } from 'node:stream';
import { sql } from 'kysely';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { boot, loggerOptions } from '../../src/bootstrap.ts';
import { testConfig } from '../../src/config.ts';
import { createDb } from '../../src/db/connection.ts';
import { buildApp } from '../../src/http/app.ts';
import { createTestApp, describeEachEngine, type TestApp } from '../helpers/engines.ts';

describeEachEngine('readiness', (engine, open) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('is ready when migrations are current and answers 503 while one is pending', async () => {
    t = await createTestApp(open);
    expect((await t.app.inject({ url: '/readyz' })).statusCode).toBe(200);
    // Forget the newest migration: the code now knows one the database has not run.
    const last = await t.deps.dbh.db
      .selectFrom('kysely_migration' as never)
      .select(sql<string>`name`.as('name'))
      .orderBy(sql`name`, 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    await sql`delete from kysely_migration where name = ${last.name}`.execute(t.deps.dbh.db);
    const res = await t.app.inject({ url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'not_ready', reason: 'migrations pending' });
    // Liveness does not depend on the database.
    expect((await t.app.inject({ url: '/healthz' })).statusCode).toBe(200);
    expect(engine).toBeTruthy();
  });
});

describe('readiness without a database', () => {
  it('answers 503 when the database is unreachable', async () => {
    const dbh = await createDb({ sqliteFile: ':memory:' });
    const { deps } = await boot(testConfig(), pino({ level: 'silent' }), undefined, dbh);
    const app = await buildApp(deps, { webDir: '/nonexistent' });
    await app.ready();
    await dbh.close();
    const res = await app.inject({ url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.json().reason).toMatch(/^database unreachable/);
    // Liveness must not depend on the database (or an orchestrator would restart healthy processes).
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
    await app.close();
  });
});

describe('structured logs', () => {
  async function appWithLogs() {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, cb) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        cb();
      },
    });
    const config = testConfig({ logLevel: 'info' });
    const log = pino(loggerOptions(config), sink);
    const dbh = await createDb({ sqliteFile: ':memory:' });
    const { deps } = await boot(config, log, undefined, dbh);
    const app = await buildApp(deps, { webDir: '/nonexistent' });
    await app.ready();
    const close = async () => {
      await app.close();
      await dbh.close();
    };
    return { app, lines, log, close };
  }

  it('writes one JSON object per line with a request id, echoed to the client', async () => {
    const { app, lines, close } = await appWithLogs();
    const res = await app.inject({ url: '/healthz', headers: { 'x-request-id': 'proxy-abc.123' } });
    expect(res.headers['x-request-id']).toBe('proxy-abc.123');
    const odd = await app.inject({ url: '/healthz', headers: { 'x-request-id': 'bad id\nwith newline' } });
    expect(odd.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const requestLines = parsed.filter((p) => p.reqId === 'proxy-abc.123');
    expect(requestLines.map((p) => p.msg)).toEqual(['incoming request', 'request completed']);
    expect(requestLines[0]).toMatchObject({ level: 30, service: 'mutu', req: { method: 'GET', url: '/healthz' } });
    expect(typeof requestLines[0]?.time).toBe('string');
    await close();
  });

  it('never writes cookies, authorization headers or passwords', async () => {
    const { app, lines, log, close } = await appWithLogs();
    await app.inject({
      url: '/api/v1/audit',
      headers: { cookie: 'mutu_session=SESSION-SECRET-1', authorization: 'Bearer AUTH-SECRET-2' },
    });
    log.info(
      {
        req: { headers: { cookie: 'mutu_session=SESSION-SECRET-3', authorization: 'Basic AUTH-SECRET-4' } },
        body: { password: 'PW-SECRET-5' },
      },
      'explicit',
    );
    const all = lines.join('\n');
    for (const secret of ['SESSION-SECRET', 'AUTH-SECRET', 'PW-SECRET']) expect(all).not.toContain(secret);
    const explicit = lines.map((l) => JSON.parse(l)).find((p) => p.msg === 'explicit');
    expect(explicit.req.headers).toEqual({ cookie: '[Redacted]', authorization: '[Redacted]' });
    expect(explicit.body.password).toBe('[Redacted]');
    await close();
  });
});
