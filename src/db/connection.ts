import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { registerSqliteHandle } from './prepared-query.ts';
import type { Database } from './schema.ts';

export type Engine = 'sqlite' | 'postgres';

export type Db = Kysely<Database>;

export interface DbHandle {
  db: Db;
  engine: Engine;
  /** Raw SQLite handle, for online backup; undefined on PostgreSQL. */
  sqlite?: SqliteDatabase.Database;
  close(): Promise<void>;
}

export interface DbOptions {
  /** `postgres://…` selects PostgreSQL; otherwise `sqliteFile` is used. */
  databaseUrl?: string;
  sqliteFile?: string;
  /** PostgreSQL schema (search_path); tests use one schema per file. */
  pgSchema?: string;
  poolSize?: number;
}

/**
 * The one place that knows the SQLite driver. Swapping better-sqlite3 for libsql
 * (same API) is a change to this function only.
 */
export function openSqlite(file: string): SqliteDatabase.Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const handle = new SqliteDatabase(file);
  handle.pragma('journal_mode = WAL');
  handle.pragma('foreign_keys = ON');
  handle.pragma('busy_timeout = 5000');
  // WAL + NORMAL: a commit appends to the WAL without an fsync; the WAL is synced at checkpoints. A
  // crash of Mutu loses nothing (the OS holds the writes); a power cut can lose the last commits
  // since the last checkpoint but never corrupts the file (WAL frames are checksummed). Acceptable
  // for survey responses, and it spares every submission a disk flush. The benchmark's bare route
  // opens its file through here too, so both sides of the ratio run with the same pragmas.
  handle.pragma('synchronous = NORMAL');
  cachePreparedStatements(handle);
  return handle;
}

/**
 * Kysely prepares every query anew; re-preparing the same SQL costs more than running it. Statements
 * are reusable because Kysely serialises queries on the single connection.
 */
function cachePreparedStatements(handle: SqliteDatabase.Database, max = 500): void {
  const prepare = handle.prepare.bind(handle);
  const cache = new Map<string, SqliteDatabase.Statement>();
  handle.prepare = ((source: string) => {
    let stmt = cache.get(source);
    if (stmt) return stmt;
    stmt = prepare(source);
    if (cache.size >= max) cache.delete(cache.keys().next().value as string);
    cache.set(source, stmt);
    return stmt;
  }) as typeof handle.prepare;
}

// int8 (count(*)) and numeric come back as strings from pg; counts fit in a JS number.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

export async function createDb(opts: DbOptions): Promise<DbHandle> {
  if (opts.databaseUrl?.startsWith('postgres')) {
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.poolSize ?? 10,
      ...(opts.pgSchema ? { options: `-c search_path=${opts.pgSchema}` } : {}),
    });
    if (opts.pgSchema) {
      const c = await pool.connect();
      try {
        await c.query(`create schema if not exists "${opts.pgSchema}"`);
      } finally {
        c.release();
      }
    }
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine: 'postgres', close: () => db.destroy() };
  }
  const sqlite = openSqlite(opts.sqliteFile ?? ':memory:');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  registerSqliteHandle(db, sqlite);
  const close = async () => {
    await db.destroy();
    // Kysely only closes a connection it has used: a handle used raw (backup, pragmas) is closed here.
    if (sqlite.open) sqlite.close();
  };
  return { db, engine: 'sqlite', sqlite, close };
}

export async function pingDb(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}
