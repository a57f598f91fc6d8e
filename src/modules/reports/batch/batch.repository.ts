import type { Insertable, Updateable } from 'kysely';
import type { Db, Engine } from '../../../db/connection.ts';
import type { JobTable } from '../../../db/schema.ts';

/** The `job` table for report batches: progress and outcome live in the database, never in memory. */

export const insertJob = (db: Db, row: Insertable<JobTable>) => db.insertInto('job').values(row).execute();

export const updateJob = (db: Db, id: string, patch: Updateable<JobTable>) =>
  db.updateTable('job').set(patch).where('id', '=', id).execute();

export const findJob = (db: Db, id: string, kind: string) =>
  db.selectFrom('job').selectAll().where('id', '=', id).where('kind', '=', kind).executeTakeFirst();

/** `campaignId` is an id we generated (no LIKE wildcards); the payload starts with it. */
export const latestJobOfCampaign = (db: Db, kind: string, campaignId: string) =>
  db
    .selectFrom('job')
    .selectAll()
    .where('kind', '=', kind)
    .where('payload_json', 'like', `{"campaignId":"${campaignId.replace(/[^\w-]/g, '')}"%`)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();

/**
 * Claims the oldest runnable job of `kind`: queued and due, or running with an expired lease (its
 * server died). PostgreSQL locks the row with FOR UPDATE SKIP LOCKED so several app servers share
 * the queue without taking the same job; SQLite has one writer, and the guarded update makes a
 * second claimer find nothing.
 */
export async function claimNext(db: Db, engine: Engine, kind: string, now: string, leaseUntil: string) {
  return db.transaction().execute(async (trx) => {
    let q = trx
      .selectFrom('job')
      .selectAll()
      .where('kind', '=', kind)
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'queued'), eb('run_at', '<=', now)]),
          eb.and([eb('status', '=', 'running'), eb('locked_until', '<', now)]),
        ]),
      )
      .orderBy('created_at')
      .limit(1);
    if (engine === 'postgres') q = q.forUpdate().skipLocked();
    const job = await q.executeTakeFirst();
    if (!job) return null;
    const res = await trx
      .updateTable('job')
      .set({ status: 'running', locked_until: leaseUntil, attempts: job.attempts + 1, updated_at: now })
      .where('id', '=', job.id)
      .where('status', '=', job.status)
      .where('updated_at', '=', job.updated_at)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1 ? { ...job, attempts: job.attempts + 1 } : null;
  });
}
