import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';
import { preparedQuery } from '../db/prepared-query.ts';

type Cb = (err: Error | null, res?: { current: number; ttl: number }) => void;

const hitQuery = preparedQuery<{ key: string; windowStart: number }, { count: number }>(['key', 'windowStart'], (db, p) =>
  db
    .insertInto('rate_limit')
    .values({ key: p.key, window_start: p.windowStart, count: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        count: sql<number>`case when rate_limit.window_start = excluded.window_start then rate_limit.count + 1 else 1 end`,
        window_start: sql<number>`excluded.window_start`,
      }),
    )
    .returning(['count']),
);

/**
 * Books one hit on a fixed-window counter with `db` (a transaction's, to commit it with the work it
 * guards). Over the limit is `current > max` for the caller to decide; `ttl` is what is left of the window.
 */
export async function hitCounter(
  db: Db,
  fullKey: string,
  timeWindow: number,
  now = Date.now(),
): Promise<{ current: number; ttl: number }> {
  const windowStart = Math.floor(now / timeWindow) * timeWindow;
  const row = (await hitQuery(db, { key: fullKey, windowStart })).rows[0];
  if (!row) throw new Error('rate_limit upsert returned no row');
  return { current: Number(row.count), ttl: windowStart + timeWindow - now };
}

/**
 * Fixed-window counters in the `rate_limit` table, shared by every app server on the same
 * database (Documenso's bucketed-counter pattern). One upsert per request.
 */
export class DbRateLimitStore {
  constructor(
    private readonly db: Db,
    private readonly prefix: string,
  ) {}

  static factory(db: Db) {
    // @fastify/rate-limit instantiates the store with `new store(options)`.
    return class extends DbRateLimitStore {
      constructor() {
        super(db, 'global');
      }
    };
  }

  incr(key: string, cb: Cb, timeWindow: number, _max?: number): void {
    this.hit(`${this.prefix}|${key}`, timeWindow).then(
      (r) => cb(null, r),
      (e: Error) => cb(e),
    );
  }

  hit(fullKey: string, timeWindow: number, now = Date.now()): Promise<{ current: number; ttl: number }> {
    return hitCounter(this.db, fullKey, timeWindow, now);
  }

  child(routeOptions: object): DbRateLimitStore {
    const info = (routeOptions as { routeInfo?: { method?: string | string[]; url?: string } }).routeInfo;
    const name = info?.url ? `${String(info.method)}:${info.url}` : 'custom';
    return new DbRateLimitStore(this.db, name);
  }
}
