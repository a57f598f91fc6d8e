import type { Insertable } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { ResultSnapshotTable } from '../../db/schema.ts';

/** Imported published SKM results (issue 4 item 7): frozen `result_snapshot` rows of one kind. */
export const PUBLISHED_KIND = 'skm_unit_published';

export const unitScopeKey = (unitId: string) => `unit:${unitId}`;

export const findUnit = (db: Db, id: string) =>
  db.selectFrom('org_unit').select(['id', 'code', 'name', 'time_zone']).where('id', '=', id).executeTakeFirst();

/** The newest version of a unit-year, if any. */
export const latestVersion = (db: Db, unitId: string, year: number) =>
  db
    .selectFrom('result_snapshot')
    .selectAll()
    .where('kind', '=', PUBLISHED_KIND)
    .where('scope_key', '=', unitScopeKey(unitId))
    .where('period_ref', '=', String(year))
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();

export const insertSnapshot = (db: Db, row: Insertable<ResultSnapshotTable>) =>
  db.insertInto('result_snapshot').values(row).execute();

/** Every version of every year of the unit, oldest year first, newest version first within a year. */
export const unitSnapshots = (db: Db, unitId: string) =>
  db
    .selectFrom('result_snapshot')
    .selectAll()
    .where('kind', '=', PUBLISHED_KIND)
    .where('scope_key', '=', unitScopeKey(unitId))
    .orderBy('period_ref', 'asc')
    .orderBy('version', 'desc')
    .execute();
