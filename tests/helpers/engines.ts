import { randomBytes } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import { describe, inject, it } from 'vitest';
import { boot } from '../../src/bootstrap.ts';
import { type Config, testConfig } from '../../src/config.ts';
import { createDb, type DbHandle, type Engine } from '../../src/db/connection.ts';
import { buildApp } from '../../src/http/app.ts';
import type { AppDeps } from '../../src/http/deps.ts';
import type { Clock } from '../../src/shared/clock.ts';

export const ENGINES: Engine[] = ['sqlite', 'postgres'];

/**
 * Runs `body` once per storage engine. PostgreSQL gets a fresh schema per call, so parallel
 * test files never collide. Without PostgreSQL the block is skipped, except under CI=true
 * where the absence is a failure (CI must not go green without running it).
 */
export function describeEachEngine(name: string, body: (engine: Engine, open: () => Promise<DbHandle>) => void): void {
  for (const engine of ENGINES) {
    if (engine === 'postgres' && !inject('hasPostgres')) {
      if (process.env.CI === 'true') {
        describe(`${name} [postgres]`, () => {
          it('needs PostgreSQL (CI=true forbids skipping)', () => {
            throw new Error('PostgreSQL is not reachable at 127.0.0.1:5432 but CI=true: refusing to skip');
          });
        });
      } else describe.skip(`${name} [postgres] (skipped: PostgreSQL not available)`, () => body(engine, openEngine(engine)));
      continue;
    }
    describe(`${name} [${engine}]`, () => body(engine, openEngine(engine)));
  }
}

export function openEngine(engine: Engine): () => Promise<DbHandle> {
  return async () => {
    if (engine === 'sqlite') return createDb({ sqliteFile: ':memory:' });
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const url = inject('postgresUrl');
    const handle = await createDb({ databaseUrl: url, pgSchema: schema, poolSize: 4 });
    const close = handle.close;
    return {
      ...handle,
      close: async () => {
        await close();
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query(`drop schema if exists "${schema}" cascade`);
        await c.end();
      },
    };
  };
}

export interface TestApp {
  app: Awaited<ReturnType<typeof buildApp>>;
  deps: AppDeps;
  config: Config;
  close(): Promise<void>;
}

/** A booted app (migrated, services wired) on the given engine; `inject()` needs no socket. */
export async function createTestApp(
  open: () => Promise<DbHandle>,
  overrides: Partial<Config> = {},
  clock?: Clock,
): Promise<TestApp> {
  const config = testConfig(overrides);
  const dbh = await open();
  const log = pino({ level: 'silent' });
  const { deps } = await boot(config, log, clock, dbh);
  const app = await buildApp(deps, { webDir: '/nonexistent' });
  await app.ready();
  return {
    app,
    deps,
    config: deps.config,
    close: async () => {
      await app.close();
      await dbh.close();
    },
  };
}

/** Same-origin headers for unsafe admin requests in tests. */
export const SAME_ORIGIN = { origin: 'http://localhost:3000', 'sec-fetch-site': 'same-origin' } as const;
