import type { Insertable } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { PerceptionMonthTable, PerceptionSelectionTable, ResultSnapshotTable } from '../../db/schema.ts';

/** SQL of the SPKP/SPAK months (DOMAIN 6.1, 6.8). */

export const SNAPSHOT_KIND = 'perception_month';
export const GRACE_SETTING = 'perception.cleansing_grace_days';

export const findUnit = (db: Db, unitId: string) =>
  db.selectFrom('org_unit').select(['id', 'code', 'name', 'time_zone']).where('id', '=', unitId).executeTakeFirst();

export const monthsOfUnit = (db: Db, unitId: string, year: number) =>
  db.selectFrom('perception_month').selectAll().where('unit_id', '=', unitId).where('year', '=', year).execute();

export const findMonth = (db: Db, unitId: string, year: number, month: number) =>
  db
    .selectFrom('perception_month')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('year', '=', year)
    .where('month', '=', month)
    .executeTakeFirst();

/** Inserts the month row unless another request already did (unique unit × year × month). */
export async function ensureMonth(db: Db, row: Insertable<PerceptionMonthTable>): Promise<void> {
  await db
    .insertInto('perception_month')
    .values(row)
    .onConflict((oc) => oc.columns(['unit_id', 'year', 'month']).doNothing())
    .execute();
}

/** Guarded status move: true when this call made it (a concurrent one finds the new status and loses). */
export async function moveMonth(
  db: Db,
  id: string,
  from: PerceptionMonthTable['status'],
  patch: Partial<PerceptionMonthTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('perception_month')
    .set(patch)
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Responses of the unit in the given local months (`local_month` is fixed at submission in the unit's time
 * zone, D17), from every campaign the unit takes part in: the integrated SKM form and standalone SPKP/SPAK
 * campaigns alike.
 */
export const responsesOfMonths = (db: Db, unitId: string, months: readonly string[]) =>
  db
    .selectFrom('survey_response as r')
    .innerJoin('skm_campaign as c', 'c.id', 'r.campaign_id')
    .select([
      'r.id',
      'r.local_month',
      'r.submitted_at',
      'r.seq_no',
      'r.completion_pct',
      'r.validity',
      'r.answers_json',
      'r.profile_code',
      'r.profile_version',
    ])
    .where('r.unit_id', '=', unitId)
    .where('r.local_month', 'in', months.length ? [...months] : ['-'])
    .where('c.status', '!=', 'draft')
    .execute();

export type ResponseCandidateRow = Awaited<ReturnType<typeof responsesOfMonths>>[number];

export async function insertSelections(db: Db, rows: Insertable<PerceptionSelectionTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('perception_selection')
      .values(rows.slice(i, i + 200))
      .execute();
}

export async function insertSnapshots(db: Db, rows: Insertable<ResultSnapshotTable>[]): Promise<void> {
  if (rows.length) await db.insertInto('result_snapshot').values(rows).execute();
}

/** Every version of the unit's monthly snapshots for the given `YYYY-MM` months. */
export const snapshotsOfUnit = (db: Db, unitId: string, months: readonly string[]) =>
  months.length
    ? db
        .selectFrom('result_snapshot')
        .selectAll()
        .where('kind', '=', SNAPSHOT_KIND)
        .where('unit_id', '=', unitId)
        .where('period_ref', 'in', [...months])
        .orderBy('period_ref')
        .orderBy('version')
        .execute()
    : Promise.resolve([] as ResultSnapshotTable[]);

export async function readSetting(db: Db, key: string): Promise<string | undefined> {
  const r = await db.selectFrom('app_setting').select('value').where('key', '=', key).executeTakeFirst();
  return r?.value;
}

export async function writeSetting(db: Db, key: string, value: string, now: string): Promise<void> {
  await db
    .insertInto('app_setting')
    .values({ key, value, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
    .execute();
}

/** What a cleansing decision on one response needs to know about its SPKP/SPAK month. */
export const responseMonthFacts = (db: Db, responseId: string) =>
  db
    .selectFrom('survey_response as r')
    .innerJoin('org_unit as u', 'u.id', 'r.unit_id')
    .select(['r.unit_id', 'r.submitted_at', 'r.completion_pct', 'r.profile_code', 'u.time_zone'])
    .where('r.id', '=', responseId)
    .executeTakeFirst();
