import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { z } from 'zod';

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().optional(),
  PUBLIC_URL: z.string().url().optional(),
  MUTU_ADMIN_USER: z.string().min(1).default('admin'),
  MUTU_ADMIN_PASSWORD: z.string().min(8).optional(),
  /** 32-byte key (hex or base64) for personal-data encryption and HMACs; generated into DATA_DIR if absent. */
  MUTU_SECRET_KEY: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(60),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().positive().default(12),
  LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  MUTU_SEED_DEMO: z.enum(['true', 'false']).default('true'),
  NODE_ENV: z.string().default('production'),
  /** RTL reminder mail (issue 6): `smtp://[user:pass@]host:port` or `smtps://…`; unset = in-app only. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//)
    .optional(),
  SMTP_FROM: z.string().min(3).default('Mutu <mutu@localhost>'),
  /** Days after a campaign closes before respondents' personal fields are purged (a campaign may set its own). */
  RETENTION_DAYS: z.coerce.number().int().min(1).max(36500).default(365),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  sqliteFile: string;
  publicUrl: string | undefined;
  adminUser: string;
  adminPassword: string | undefined;
  secretKey: string | undefined;
  logLevel: string;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  loginMaxFailures: number;
  seedDemo: boolean;
  /** Trusted origins for unsafe admin requests; empty = same host as the request. */
  allowedOrigins: string[];
  /** Outgoing mail for reminders; unset = in-app notifications only. */
  smtpUrl?: string | undefined;
  smtpFrom?: string;
  /** Default retention of personal fields after a campaign closes, in days (DOMAIN 4.8, issue 4 item 5). */
  retentionDays?: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Konfigurasi tidak valid (invalid configuration):\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    sqliteFile: resolve(dataDir, 'mutu.sqlite'),
    publicUrl: e.PUBLIC_URL?.replace(/\/$/, ''),
    adminUser: e.MUTU_ADMIN_USER,
    adminPassword: e.MUTU_ADMIN_PASSWORD,
    secretKey: e.MUTU_SECRET_KEY,
    logLevel: e.LOG_LEVEL,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: e.SESSION_ABSOLUTE_HOURS,
    loginMaxFailures: e.LOGIN_MAX_FAILURES,
    seedDemo: e.MUTU_SEED_DEMO === 'true',
    allowedOrigins: e.PUBLIC_URL ? [new URL(e.PUBLIC_URL).origin] : [],
    smtpUrl: e.SMTP_URL,
    smtpFrom: e.SMTP_FROM,
    retentionDays: e.RETENTION_DAYS,
  };
}

/** Config for tests: in-memory SQLite unless a database URL is given. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    dataDir: ':memory:',
    databaseUrl: undefined,
    sqliteFile: ':memory:',
    publicUrl: 'http://localhost:3000',
    adminUser: 'admin',
    adminPassword: 'Admin-Passw0rd!',
    secretKey: randomBytes(32).toString('hex'),
    logLevel: 'silent',
    sessionIdleMinutes: 60,
    sessionAbsoluteHours: 12,
    loginMaxFailures: 5,
    seedDemo: false,
    allowedOrigins: ['http://localhost:3000'],
    ...overrides,
  };
}
