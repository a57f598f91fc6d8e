import type { Insertable, Updateable } from 'kysely';
import type { Db, Engine } from '../../db/connection.ts';
import type {
  Database,
  OrgUnitTable,
  PerfBudgetRowTable,
  PerfEntitySettingTable,
  PerfIndicatorTable,
  PerfLapkinWorkflowTable,
  PerfPerspectiveTable,
  PerfRealisationTable,
  PerfRevisionLineTable,
  PerfRevisionRequestTable,
  PerfSasaranTable,
  PerfTargetVersionTable,
} from '../../db/schema.ts';

/** SQL only: the SAKIP tables of migration 0050. */

export const findUnit = (db: Db, id: string): Promise<OrgUnitTable | undefined> =>
  db.selectFrom('org_unit').selectAll().where('id', '=', id).executeTakeFirst();

export const findSettings = (db: Db, unitId: string): Promise<PerfEntitySettingTable | undefined> =>
  db.selectFrom('perf_entity_setting').selectAll().where('unit_id', '=', unitId).executeTakeFirst();

export async function upsertSettings(db: Db, row: PerfEntitySettingTable): Promise<void> {
  const found = await findSettings(db, row.unit_id);
  if (found) await db.updateTable('perf_entity_setting').set(row).where('unit_id', '=', row.unit_id).execute();
  else await db.insertInto('perf_entity_setting').values(row).execute();
}

export const perspectives = (db: Db, unitId: string): Promise<PerfPerspectiveTable[]> =>
  db.selectFrom('perf_perspective').selectAll().where('unit_id', '=', unitId).orderBy('sort_order').orderBy('code').execute();

/** Sasaran valid in `year` (all when year is omitted). */
export function sasaranOf(db: Db, unitId: string, year?: number): Promise<PerfSasaranTable[]> {
  let q = db.selectFrom('perf_sasaran').selectAll().where('unit_id', '=', unitId);
  if (year !== undefined)
    q = q
      .where('valid_from_year', '<=', year)
      .where((eb) => eb.or([eb('valid_to_year', 'is', null), eb('valid_to_year', '>=', year)]));
  return q.orderBy('sort_order').orderBy('created_at').execute();
}

export function indicatorsOf(db: Db, unitId: string, year?: number): Promise<PerfIndicatorTable[]> {
  let q = db.selectFrom('perf_indicator').selectAll().where('unit_id', '=', unitId);
  if (year !== undefined)
    q = q
      .where('valid_from_year', '<=', year)
      .where((eb) => eb.or([eb('valid_to_year', 'is', null), eb('valid_to_year', '>=', year)]));
  return q.orderBy('sort_order').orderBy('created_at').execute();
}

export const findIndicator = (db: Db, id: string): Promise<PerfIndicatorTable | undefined> =>
  db.selectFrom('perf_indicator').selectAll().where('id', '=', id).executeTakeFirst();

export const insertPerspective = (db: Db, row: Insertable<PerfPerspectiveTable>) =>
  db.insertInto('perf_perspective').values(row).execute();
export const insertSasaran = (db: Db, row: Insertable<PerfSasaranTable>) => db.insertInto('perf_sasaran').values(row).execute();
export const insertIndicator = (db: Db, row: Insertable<PerfIndicatorTable>) =>
  db.insertInto('perf_indicator').values(row).execute();
export const updateIndicator = (db: Db, id: string, set: Updateable<PerfIndicatorTable>) =>
  db.updateTable('perf_indicator').set(set).where('id', '=', id).execute();

export const targetVersions = (db: Db, indicatorIds: readonly string[], year: number): Promise<PerfTargetVersionTable[]> =>
  indicatorIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('perf_target_version')
        .selectAll()
        .where('indicator_id', 'in', indicatorIds)
        .where('year', '=', year)
        .orderBy('created_at')
        .execute();

export const inForceVersion = (db: Db, indicatorId: string, year: number): Promise<PerfTargetVersionTable | undefined> =>
  db
    .selectFrom('perf_target_version')
    .selectAll()
    .where('indicator_id', '=', indicatorId)
    .where('year', '=', year)
    .where('in_force', '=', 1)
    .executeTakeFirst();

export async function nextVersionNo(
  db: Db,
  indicatorId: string,
  year: number,
  source: PerfTargetVersionTable['source'],
): Promise<number> {
  const r = await db
    .selectFrom('perf_target_version')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('indicator_id', '=', indicatorId)
    .where('year', '=', year)
    .where('source', '=', source)
    .executeTakeFirst();
  return Number(r?.v ?? 0) + 1;
}

export async function insertTargetVersion(db: Db, row: PerfTargetVersionTable): Promise<void> {
  // Take the old version out of force first: the partial unique index allows one in force.
  if (row.in_force === 1)
    await db
      .updateTable('perf_target_version')
      .set({ in_force: 0 })
      .where('indicator_id', '=', row.indicator_id)
      .where('year', '=', row.year)
      .where('in_force', '=', 1)
      .execute();
  await db.insertInto('perf_target_version').values(row).execute();
}

export const realisationsOf = (db: Db, unitId: string, year: number): Promise<PerfRealisationTable[]> =>
  db.selectFrom('perf_realisation').selectAll().where('unit_id', '=', unitId).where('year', '=', year).orderBy('month').execute();

export function findRealisation(
  db: Db,
  engine: Engine,
  indicatorId: string,
  year: number,
  month: number,
): Promise<PerfRealisationTable | undefined> {
  const q = db
    .selectFrom('perf_realisation')
    .selectAll()
    .where('indicator_id', '=', indicatorId)
    .where('year', '=', year)
    .where('month', '=', month);
  return (engine === 'postgres' ? q.forUpdate() : q).executeTakeFirst();
}

export const insertRealisation = (db: Db, row: PerfRealisationTable) => db.insertInto('perf_realisation').values(row).execute();
export const updateRealisation = (db: Db, id: string, set: Updateable<PerfRealisationTable>) =>
  db.updateTable('perf_realisation').set(set).where('id', '=', id).execute();

export const locksOf = (db: Db, unitId: string, year: number) =>
  db
    .selectFrom('perf_period_lock')
    .select(['id', 'quarter', 'finalised_at', 'finalised_by'])
    .where('unit_id', '=', unitId)
    .where('year', '=', year)
    .orderBy('quarter')
    .execute();

export const insertLock = (db: Db, row: Insertable<Database['perf_period_lock']>) =>
  db.insertInto('perf_period_lock').values(row).execute();

export const findPlanReview = (db: Db, unitId: string, year: number) =>
  db.selectFrom('perf_plan_review').selectAll().where('unit_id', '=', unitId).where('year', '=', year).executeTakeFirst();

export const findRevision = (db: Db, id: string): Promise<PerfRevisionRequestTable | undefined> =>
  db.selectFrom('perf_revision_request').selectAll().where('id', '=', id).executeTakeFirst();
export const revisionLines = (db: Db, requestId: string): Promise<PerfRevisionLineTable[]> =>
  db.selectFrom('perf_revision_line').selectAll().where('request_id', '=', requestId).orderBy('line_no').execute();

/** Rows of the latest budget import of the entity-year. */
export async function latestBudget(
  db: Db,
  unitId: string,
  year: number,
): Promise<{ importId: string; importedAt: string; rows: PerfBudgetRowTable[] } | null> {
  const imp = await db
    .selectFrom('perf_budget_import')
    .select(['id', 'imported_at'])
    .where('unit_id', '=', unitId)
    .where('year', '=', year)
    .orderBy('imported_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (!imp) return null;
  const rows = await db.selectFrom('perf_budget_row').selectAll().where('import_id', '=', imp.id).orderBy('row_no').execute();
  return { importId: imp.id, importedAt: imp.imported_at, rows };
}

export const nkaOf = (db: Db, unitId: string, year: number) =>
  db.selectFrom('perf_nka').selectAll().where('unit_id', '=', unitId).where('year', '=', year).orderBy('month').execute();

/* ---------- cascade and predecessor links (migration 0090) ---------- */

export type IndicatorRef = Pick<
  PerfIndicatorTable,
  'id' | 'unit_id' | 'code' | 'name' | 'valid_from_year' | 'valid_to_year' | 'parent_indicator_id' | 'predecessor_indicator_id'
> & { unit_code: string };

const refColumns = [
  'perf_indicator.id',
  'perf_indicator.unit_id',
  'perf_indicator.code',
  'perf_indicator.name',
  'perf_indicator.valid_from_year',
  'perf_indicator.valid_to_year',
  'perf_indicator.parent_indicator_id',
  'perf_indicator.predecessor_indicator_id',
  'org_unit.code as unit_code',
] as const;

/** Indicators (of any entity) that are the parent/predecessor of, or the child/successor of, the given ones. */
export async function linkedIndicators(db: Db, ids: readonly string[]): Promise<IndicatorRef[]> {
  if (ids.length === 0) return [];
  const own = await db
    .selectFrom('perf_indicator')
    .select(['parent_indicator_id', 'predecessor_indicator_id'])
    .where('id', 'in', ids)
    .execute();
  const up = [...new Set(own.flatMap((r) => [r.parent_indicator_id, r.predecessor_indicator_id]).filter((x) => x !== null))];
  return db
    .selectFrom('perf_indicator')
    .innerJoin('org_unit', 'org_unit.id', 'perf_indicator.unit_id')
    .select(refColumns)
    .where((eb) =>
      eb.or([
        ...(up.length ? [eb('perf_indicator.id', 'in', up)] : []),
        eb('perf_indicator.parent_indicator_id', 'in', ids),
        eb('perf_indicator.predecessor_indicator_id', 'in', ids),
      ]),
    )
    .orderBy('perf_indicator.valid_from_year')
    .orderBy('perf_indicator.code')
    .execute();
}

export const findLock = (db: Db, unitId: string, year: number, quarter: number) =>
  db
    .selectFrom('perf_period_lock')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('year', '=', year)
    .where('quarter', '=', quarter)
    .executeTakeFirst();

export const revisionsOf = (db: Db, unitId: string, year: number) =>
  db
    .selectFrom('perf_revision_request')
    .select('id')
    .where('unit_id', '=', unitId)
    .where('year', '=', year)
    .orderBy('requested_at', 'desc')
    .execute();

/* ---------------- LAPKIN workflow (DOMAIN 8.13) ---------------- */

export const findLapkinWorkflow = (db: Db, unitId: string, year: number, quarter: number) =>
  db
    .selectFrom('perf_lapkin_workflow')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('year', '=', year)
    .where('quarter', '=', quarter)
    .executeTakeFirst();

export const insertLapkinWorkflow = (db: Db, row: PerfLapkinWorkflowTable) =>
  db.insertInto('perf_lapkin_workflow').values(row).execute();

/** Moves the row only from the status it was read in (a concurrent move updates nothing). */
export async function moveLapkinWorkflow(
  db: Db,
  id: string,
  from: PerfLapkinWorkflowTable['status'],
  set: Updateable<PerfLapkinWorkflowTable>,
): Promise<boolean> {
  const res = await db
    .updateTable('perf_lapkin_workflow')
    .set(set)
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export const userNames = async (db: Db, ids: readonly string[]) =>
  ids.length
    ? new Map(
        (
          await db
            .selectFrom('app_user')
            .select(['id', 'full_name'])
            .where('id', 'in', [...ids])
            .execute()
        ).map((u) => [u.id, u.full_name]),
      )
    : new Map<string, string>();

/** Revision lines of a year with their request, oldest first (Lampiran worksheets of the LAPKIN). */
export const revisionLinesOf = (db: Db, unitId: string, year: number) =>
  db
    .selectFrom('perf_revision_line')
    .innerJoin('perf_revision_request', 'perf_revision_request.id', 'perf_revision_line.request_id')
    .select([
      'perf_revision_line.indicator_id',
      'perf_revision_line.current_annual',
      'perf_revision_line.proposed_annual',
      'perf_revision_line.current_monthly_json',
      'perf_revision_line.proposed_monthly_json',
      'perf_revision_line.verdict',
    ])
    .where('perf_revision_line.unit_id', '=', unitId)
    .where('perf_revision_request.year', '=', year)
    .orderBy('perf_revision_request.requested_at')
    .orderBy('perf_revision_line.line_no')
    .execute();
