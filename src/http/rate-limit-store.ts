import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';

type Cb = (err: Error | null, res?: { current: number; ttl: number }) => void;

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

  async hit(fullKey: string, timeWindow: number, now = Date.now()): Promise<{ current: number; ttl: number }> {
    const windowStart = Math.floor(now / timeWindow) * timeWindow;
    const row = await this.db
      .insertInto('rate_limit')
      .values({ key: fullKey, window_start: windowStart, count: 1 })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          count: sql<number>`case when rate_limit.window_start = excluded.window_start then rate_limit.count + 1 else 1 end`,
          window_start: sql<number>`excluded.window_start`,
        }),
      )
      .returning(['count'])
      .executeTakeFirstOrThrow();
    return { current: Number(row.count), ttl: windowStart + timeWindow - now };
  }

  child(routeOptions: object): DbRateLimitStore {
    const info = (routeOptions as { routeInfo?: { method?: string | string[]; url?: string } }).routeInfo;
    const name = info?.url ? `${String(info.method)}:${info.url}` : 'custom';
    return new DbRateLimitStore(this.db, name);
  }
}
