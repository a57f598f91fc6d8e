import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type DbHandle } from '../../src/db/connection.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { preparedQuery } from '../../src/db/prepared-query.ts';
import { placeInWindow } from '../../src/modules/responses/counted-window.ts';
import * as repo from '../../src/modules/responses/response.repository.ts';

/** Issue 4 §12: the submission path's window placement and its lookups stay index seeks. */

describe('placeInWindow (D5 for one new response)', () => {
  const at = '2026-03-10T02:00:00.000Z';
  const state = (target: number, nValid: number, last: [string, number] | null = null) => ({
    target,
    n_valid: nValid,
    last_counted_at: last?.[0] ?? null,
    last_counted_seq_no: last?.[1] ?? null,
  });

  it('counts while the window is not truncated, and always below a target of 10', () => {
    expect(placeInWindow(state(18, 17), { submittedAt: at, seqNo: 18, validity: 'valid' })).toBe('counted');
    expect(placeInWindow(state(2, 40), { submittedAt: at, seqNo: 41, validity: 'valid' })).toBe('counted');
  });

  it('leaves a response after a full window outside, and recounts for a back-dated one', () => {
    const full = state(18, 18, ['2026-03-09T00:00:00.000Z', 18]);
    expect(placeInWindow(full, { submittedAt: at, seqNo: 19, validity: 'valid' })).toBe('outside');
    expect(placeInWindow(full, { submittedAt: '2026-03-08T00:00:00.000Z', seqNo: 19, validity: 'valid' })).toBe('recount');
    // Same instant: the seqNo decides.
    expect(placeInWindow(full, { submittedAt: '2026-03-09T00:00:00.000Z', seqNo: 19, validity: 'valid' })).toBe('outside');
  });

  it('never counts a response that is not valid', () => {
    expect(placeInWindow(state(18, 0), { submittedAt: at, seqNo: 1, validity: 'invalid' })).toBe('outside');
  });
});

describe('submission lookups on SQLite', () => {
  let dbh: DbHandle;
  beforeAll(async () => {
    dbh = await createDb({ sqliteFile: ':memory:' });
    await migrateToLatest(dbh.db);
  });
  afterAll(async () => dbh?.close());

  /** The SQL a call sends, captured at the driver, with its query plan. */
  async function plansOf(call: () => Promise<unknown>): Promise<string[]> {
    const sqlite = dbh.sqlite as NonNullable<DbHandle['sqlite']>;
    const seen: string[] = [];
    const prepare = sqlite.prepare;
    sqlite.prepare = ((source: string) => {
      seen.push(source);
      return prepare.call(sqlite, source);
    }) as typeof sqlite.prepare;
    try {
      await call().catch(() => undefined);
    } finally {
      sqlite.prepare = prepare;
    }
    return seen.flatMap((source) =>
      (
        sqlite.prepare(`explain query plan ${source}`).all(...Array((source.match(/\?/g) ?? []).length).fill('x')) as {
          detail: string;
        }[]
      ).map((r) => r.detail),
    );
  }

  it('finds duplicate candidates, the window and the context with index seeks only', async () => {
    const state = await plansOf(() =>
      repo.submissionState(
        dbh.db,
        {
          campaignId: 'c',
          unitId: 'u',
          unitServiceId: 's',
          phoneBidx: 'p',
          nameBidx: 'n',
          nameFrom: '2026-01-01T00:00:00.000Z',
          nameTo: '2026-01-01T02:00:00.000Z',
        },
        false,
      ),
    );
    const context = await plansOf(() => repo.submitContext(dbh.db, 'c', 'u', 's', 'csid-12345'));
    for (const plan of [state, context]) {
      expect(plan.length).toBeGreaterThan(0);
      for (const step of plan.filter((d) => !d.startsWith('SCALAR SUBQUERY'))) {
        expect(step).toMatch(/^SEARCH /);
        expect(step).not.toMatch(/TEMP B-TREE/);
      }
    }
    expect(state.join('\n')).toContain('survey_response_phone_unit_idx');
    expect(state.join('\n')).toContain('survey_response_name_time_idx');
    expect(state.join('\n')).toContain('survey_response_counted_last_idx');
  });

  it('prepared queries bind every named value, in and out of a transaction, and refuse one that is not a parameter', async () => {
    const byKey = preparedQuery<{ key: string }, { count: number }>(['key'], (db, p) =>
      db.selectFrom('rate_limit').select('count').where('key', '=', p.key),
    );
    await dbh.db.insertInto('rate_limit').values({ key: 'k1', window_start: 0, count: 7 }).execute();
    expect((await byKey(dbh.db, { key: 'k1' })).rows).toEqual([{ count: 7 }]);
    const inTrx = await dbh.db.transaction().execute((trx) => byKey(trx, { key: 'k1' }));
    expect(inTrx.rows).toEqual([{ count: 7 }]);
    expect((await byKey(dbh.db, { key: 'none' })).rows).toEqual([]);

    const broken = preparedQuery<{ key: string }, { count: number }>(['key'], (db, p) =>
      db.selectFrom('rate_limit').select('count').where('key', '=', sql.lit(p.key)),
    );
    await expect(broken(dbh.db, { key: 'k1' })).rejects.toThrow(/not bound as parameters/);
  });
});
