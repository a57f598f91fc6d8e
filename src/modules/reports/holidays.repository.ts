import type { Insertable } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { HolidayTable } from '../../db/schema.ts';

/** Holiday SQL (Kysely only, same code on SQLite and PostgreSQL). */

export function listHolidays(db: Db, f: { from?: string; to?: string; unitId?: string | null }) {
  let q = db.selectFrom('holiday').selectAll();
  if (f.from) q = q.where('date', '>=', f.from);
  if (f.to) q = q.where('date', '<=', f.to);
  q =
    f.unitId === undefined || f.unitId === null
      ? q.where('unit_id', 'is', null)
      : q.where((eb) => eb.or([eb('unit_id', 'is', null), eb('unit_id', '=', f.unitId as string)]));
  return q.orderBy('date').orderBy('name').execute();
}

export const findHoliday = (db: Db, id: string) => db.selectFrom('holiday').selectAll().where('id', '=', id).executeTakeFirst();

export function findSame(db: Db, date: string, unitId: string | null) {
  const q = db.selectFrom('holiday').select('id').where('date', '=', date);
  return (unitId === null ? q.where('unit_id', 'is', null) : q.where('unit_id', '=', unitId)).executeTakeFirst();
}

export const insertHolidays = async (db: Db, rows: Insertable<HolidayTable>[]) => {
  for (let i = 0; i < rows.length; i += 100)
    await db
      .insertInto('holiday')
      .values(rows.slice(i, i + 100))
      .execute();
};

export const deleteHoliday = (db: Db, id: string) => db.deleteFrom('holiday').where('id', '=', id).executeTakeFirst();

export const unitExists = async (db: Db, id: string) =>
  (await db.selectFrom('org_unit').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;

/** Claims a one-time data step: true for exactly one caller, even across app servers. */
export async function claimSetting(db: Db, key: string, value: string, now: string): Promise<boolean> {
  const r = await db
    .insertInto('app_setting')
    .values({ key, value, updated_at: now })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}
