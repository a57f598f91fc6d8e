import { existsSync } from 'node:fs';
import { type Config, loadConfig } from '../config.ts';
import { createDb, type DbHandle } from '../db/connection.ts';
import { CliError } from './command.ts';

export interface AppDb {
  config: Config;
  dbh: DbHandle;
}

/**
 * Opens the database the server uses (`DATA_DIR` / `DATABASE_URL`), the same way it does.
 * `mustExist` refuses to create an empty SQLite file for commands that only read.
 */
export async function openAppDb(opts: { mustExist?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<AppDb> {
  const config = loadAppConfig(opts.env);
  if (!config.databaseUrl && opts.mustExist && !existsSync(config.sqliteFile)) {
    throw new CliError(
      `Basis data tidak ditemukan: ${config.sqliteFile}. Periksa DATA_DIR atau jalankan Mutu sekali (database not found).`,
      1,
    );
  }
  const dbh = await createDb({ databaseUrl: config.databaseUrl, sqliteFile: config.sqliteFile });
  return { config, dbh };
}

export function loadAppConfig(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(env);
  } catch (e) {
    throw new CliError(e instanceof Error ? e.message : String(e));
  }
}

/** Runs `fn` with the app database and always closes it (an open pg pool would keep the CLI alive). */
export async function withAppDb<T>(opts: { mustExist?: boolean }, fn: (app: AppDb) => Promise<T>): Promise<T> {
  const app = await openAppDb(opts);
  try {
    return await fn(app);
  } finally {
    await app.dbh.close();
  }
}
