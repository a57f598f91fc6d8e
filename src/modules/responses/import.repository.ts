import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { JobTable } from '../../db/schema.ts';

/** The `job` table (migrations 0001 + 0030): progress and outcome live here, never in memory. */

export const insertJob = (db: Db, row: Insertable<JobTable>) => db.insertInto('job').values(row).execute();

export const updateJob = (db: Db, id: string, patch: Updateable<JobTable>) =>
  db.updateTable('job').set(patch).where('id', '=', id).execute();

export const findJob = (db: Db, id: string) => db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirst();
