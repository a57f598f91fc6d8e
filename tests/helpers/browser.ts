import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { type Browser, chromium } from 'playwright-core';
import { describe, inject, it } from 'vitest';
import { boot } from '../../src/bootstrap.ts';
import { type Config, testConfig } from '../../src/config.ts';
import { buildApp } from '../../src/http/app.ts';
import type { AppDeps } from '../../src/http/deps.ts';
import type { Role } from '../../src/modules/auth/actor.ts';
import { hashPassword } from '../../src/modules/auth/passwords.ts';
import { newId } from '../../src/shared/ids.ts';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const WEB_DIR = join(REPO_ROOT, 'dist/web');

/**
 * Runs `body` when Debian Chromium is installed. Without it the block is skipped, except under
 * CI=true where the absence is a failure (CI must not go green without the browser tests).
 */
export function describeBrowser(name: string, body: () => void): void {
  if (inject('hasChromium')) {
    describe(name, body);
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs Chromium (CI=true forbids skipping)', () => {
        throw new Error(`Chromium is not installed at ${inject('chromiumPath')} but CI=true: refusing to skip`);
      });
    });
    return;
  }
  describe.skip(`${name} (skipped: Chromium not available at ${inject('chromiumPath')})`, body);
}

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** True when dist/web is missing or older than any source the bundle is built from. */
export function webBuildIsStale(): boolean {
  const index = join(WEB_DIR, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  const sources = [join(REPO_ROOT, 'src/web'), join(REPO_ROOT, 'src/shared'), join(REPO_ROOT, 'vite.config.ts')];
  return sources.some((s) => existsSync(s) && newestMtime(s) > built);
}

/** A fresh clone runs `npm test` without `npm run build:web`: build the admin UI here when needed. */
export async function ensureWebBuilt(): Promise<void> {
  if (!webBuildIsStale()) return;
  const { build } = await import('vite');
  // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: join(REPO_ROOT, 'vite.config.ts'),
      root: join(REPO_ROOT, 'src/web'),
      mode: 'production',
      build: { outDir: WEB_DIR, emptyOutDir: true },
      logLevel: 'warn',
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => ok(port));
    });
  });
}

export interface RunningServer {
  origin: string;
  app: FastifyInstance;
  deps: AppDeps;
  config: Config;
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1 with in-memory SQLite, the demo organisation and the built UI. */
export async function startServer(overrides: Partial<Config> = {}): Promise<RunningServer> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const config = testConfig({
    port,
    dataDir: ':memory:',
    sqliteFile: ':memory:',
    seedDemo: true,
    publicUrl: origin,
    allowedOrigins: [origin],
    ...overrides,
  });
  const { deps } = await boot(config, pino({ level: 'silent' }));
  const app = await buildApp(deps, { webDir: WEB_DIR });
  await app.listen({ port, host: '127.0.0.1' });
  return {
    origin,
    app,
    deps,
    config: deps.config,
    close: async () => {
      await app.close();
      await deps.dbh.close();
    },
  };
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: inject('chromiumPath'),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A user who can log in through the real login page (password hashed like production), with one role. */
export async function createUser(
  server: RunningServer,
  u: { username: string; password: string; fullName: string; role: Role; unitId: string | null },
): Promise<string> {
  const db = server.deps.dbh.db;
  const now = new Date().toISOString();
  const id = newId();
  await db
    .insertInto('app_user')
    .values({
      id,
      username: u.username,
      full_name: u.fullName,
      nip: null,
      email: null,
      person_id: null,
      password_hash: await hashPassword(u.password),
      must_change_password: 0,
      failed_logins: 0,
      locked_at: null,
      active: 1,
      locale: 'id',
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db
    .insertInto('user_role')
    .values({ id: newId(), user_id: id, role: u.role, unit_id: u.unitId, created_at: now })
    .execute();
  return id;
}
