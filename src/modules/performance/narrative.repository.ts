import type { Db } from '../../db/connection.ts';
import type { PerfNarrativeTable } from '../../db/schema.ts';

/** SQL only: LAPKIN narratives (migration 0090). */

/** Every narrative of the entity up to and including the period (earlier periods feed carry-over sections). */
export const narrativesThrough = (db: Db, unitId: string, year: number, quarter: number): Promise<PerfNarrativeTable[]> =>
  db
    .selectFrom('perf_narrative')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where((eb) => eb.or([eb('year', '<', year), eb.and([eb('year', '=', year), eb('quarter', '<=', quarter)])]))
    .orderBy('year')
    .orderBy('quarter')
    .execute();

export const findNarrative = (
  db: Db,
  key: Pick<PerfNarrativeTable, 'unit_id' | 'year' | 'quarter' | 'scope' | 'scope_id' | 'section'>,
): Promise<PerfNarrativeTable | undefined> =>
  db
    .selectFrom('perf_narrative')
    .selectAll()
    .where('unit_id', '=', key.unit_id)
    .where('year', '=', key.year)
    .where('quarter', '=', key.quarter)
    .where('scope', '=', key.scope)
    .where('scope_id', '=', key.scope_id)
    .where('section', '=', key.section)
    .executeTakeFirst();

export const insertNarrative = (db: Db, row: PerfNarrativeTable) => db.insertInto('perf_narrative').values(row).execute();

/** Compare-and-set on the version: 0 rows updated means someone saved in between. */
export async function updateNarrative(
  db: Db,
  id: string,
  expectedVersion: number,
  set: Pick<PerfNarrativeTable, 'body' | 'version' | 'updated_by' | 'updated_at'>,
): Promise<boolean> {
  const res = await db
    .updateTable('perf_narrative')
    .set(set)
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
