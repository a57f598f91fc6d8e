import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { type LoggerOptions, stdTimeFunctions } from 'pino';
import type { Config } from './config.ts';
import { createDb, type DbHandle } from './db/connection.ts';
import { migrateToLatest } from './db/migrate.ts';
import type { AppDeps } from './http/deps.ts';
import { createServices } from './http/services.ts';
import { seedDemoCampaign } from './modules/surveys/demo-campaign.ts';
import { type Clock, systemClock } from './shared/clock.ts';

/** Secret for encryption and HMACs: env first, else a key file kept beside the SQLite data. */
export function resolveSecretKey(config: Config, log: FastifyBaseLogger): string {
  if (config.secretKey) return config.secretKey;
  if (config.dataDir === ':memory:') return randomBytes(32).toString('hex');
  mkdirSync(config.dataDir, { recursive: true });
  const file = join(config.dataDir, 'secret.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const key = randomBytes(32).toString('hex');
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  if (config.databaseUrl) log.warn('MUTU_SECRET_KEY is not set: generated %s. Every app server must share one key.', file);
  return key;
}

/** Paths pino masks wherever they appear in a log line: credentials never reach the logs. */
export const REDACTED_LOG_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'headers.cookie',
  'headers.authorization',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.temporaryPassword',
  '*.token',
];

/** Structured JSON logs on stdout (one object per line, request ids from Fastify). */
export function loggerOptions(config: Pick<Config, 'logLevel'>): LoggerOptions {
  return {
    level: config.logLevel,
    redact: { paths: REDACTED_LOG_PATHS, censor: '[Redacted]' },
    base: { service: 'mutu' },
    timestamp: stdTimeFunctions.isoTime,
  };
}

export async function openDatabase(config: Config): Promise<DbHandle> {
  return createDb({ databaseUrl: config.databaseUrl, sqliteFile: config.sqliteFile });
}

export interface BootResult {
  deps: AppDeps;
  adminCreated: boolean;
  generatedPassword: string | undefined;
  seededOrganisation: boolean;
  /** `/s/<token>` of a public form of the demo campaign (seeded once on a fresh database), or null. */
  demoFormPath: string | null;
}

/** Migrate, build services, seed the demo organisation and the first admin. Idempotent. */
export async function boot(
  config: Config,
  log: FastifyBaseLogger,
  clock: Clock = systemClock,
  dbh?: DbHandle,
): Promise<BootResult> {
  const secretKey = resolveSecretKey(config, log);
  const cfg = { ...config, secretKey };
  const handle = dbh ?? (await openDatabase(cfg));
  const applied = await migrateToLatest(handle.db);
  if (applied.length) log.info({ applied }, 'migrations applied');
  const services = createServices({ db: handle.db, engine: handle.engine, clock, config: cfg });
  const seededOrganisation = cfg.seedDemo ? await services.organisation.seedDemoOrganisation() : false;
  const ctx = { db: handle.db, engine: handle.engine, clock, config: cfg };
  const demo = cfg.seedDemo ? await seedDemoCampaign(ctx, services) : null;
  const admin = await services.auth.ensureAdmin(cfg.adminUser, cfg.adminPassword);
  return {
    deps: { config: cfg, dbh: handle, clock, log, services },
    adminCreated: admin.created,
    generatedPassword: admin.generatedPassword,
    seededOrganisation,
    demoFormPath: demo?.formPath ?? null,
  };
}
