import type SqliteDatabase from 'better-sqlite3';
import type { Compilable, CompiledQuery, QueryResult } from 'kysely';
import type { Db } from './connection.ts';

const MARK = '\u0000mutu-param:';

/** The better-sqlite3 handle behind a Kysely instance (by its adapter), registered by `createDb`. */
const sqliteHandles = new WeakMap<object, SqliteDatabase.Database>();
export function registerSqliteHandle(db: Db, handle: SqliteDatabase.Database): void {
  sqliteHandles.set(db.getExecutor().adapter, handle);
}

interface Compiled<R> {
  query: CompiledQuery<R>;
  /** Per bound parameter: the name it takes its value from, or null for a constant of the query. */
  slots: (string | null)[];
}

/**
 * A query built and compiled once per database dialect, then run with new values. Kysely builds and
 * compiles every query anew, which on the submission path costs more than SQLite takes to run the
 * small indexed statements themselves; the SQL text being the same string also makes the prepared
 * statement cache a cheap lookup. `build` receives a placeholder per name: use them only as values
 * (never in `sql.lit`, identifiers or JavaScript conditions), so the query's shape cannot depend on them.
 */
export function preparedQuery<P extends Record<string, unknown>, R>(
  names: readonly (keyof P & string)[],
  build: (db: Db, p: P) => Compilable<R>,
): (db: Db, params: P) => Promise<QueryResult<R>> {
  const placeholders = Object.fromEntries(names.map((n) => [n, `${MARK}${n}`])) as unknown as P;
  // Keyed by the adapter: one per Kysely instance, shared by its transactions.
  const byAdapter = new WeakMap<object, Compiled<R>>();
  const compile = (db: Db): Compiled<R> => {
    const query = build(db, placeholders).compile();
    const slots = query.parameters.map((v) => (typeof v === 'string' && v.startsWith(MARK) ? v.slice(MARK.length) : null));
    const missing = names.filter((n) => !slots.includes(n));
    if (missing.length) throw new Error(`preparedQuery: ${missing.join(', ')} not bound as parameters in ${query.sql}`);
    return { query, slots };
  };
  return (db, params) => {
    const adapter = db.getExecutor().adapter;
    let c = byAdapter.get(adapter);
    if (!c) {
      try {
        c = compile(db);
      } catch (e) {
        return Promise.reject(e);
      }
      byAdapter.set(adapter, c);
    }
    const constants = c.query.parameters;
    const parameters = c.slots.map((s, i) => (s === null ? constants[i] : params[s]));
    // Inside a transaction on SQLite the one connection belongs to that transaction until it ends
    // (Kysely holds its lock), so the statement runs on it directly, without Kysely's per-query
    // executor chain. Outside a transaction Kysely must serialise it with other transactions.
    const handle = db.isTransaction ? sqliteHandles.get(adapter) : undefined;
    if (handle) {
      const stmt = handle.prepare(c.query.sql);
      if (stmt.reader) return Promise.resolve({ rows: stmt.all(parameters) as R[] });
      stmt.run(parameters);
      return Promise.resolve({ rows: [] });
    }
    return db.executeQuery<R>({ ...c.query, parameters });
  };
}
