import type { Updateable } from 'kysely';
import type { Db, Engine } from '../../db/connection.ts';
import type { SkmReportStatus, SkmReportTable } from '../../db/schema.ts';

/** SQL of the unit SKM report workflow (Kysely only; no rules here). */

export const findCampaign = (db: Db, id: string) =>
  db.selectFrom('skm_campaign').selectAll().where('id', '=', id).executeTakeFirst();

export const campaignUnits = (db: Db, campaignId: string) =>
  db
    .selectFrom('campaign_unit')
    .innerJoin('org_unit', 'org_unit.id', 'campaign_unit.unit_id')
    .select(['org_unit.id', 'org_unit.code', 'org_unit.name', 'org_unit.time_zone'])
    .where('campaign_unit.campaign_id', '=', campaignId)
    .orderBy('org_unit.name')
    .orderBy('org_unit.id')
    .execute();

export const findReport = (db: Db, campaignId: string, unitId: string) =>
  db.selectFrom('skm_report').selectAll().where('campaign_id', '=', campaignId).where('unit_id', '=', unitId).executeTakeFirst();

/** Row lock inside a transaction on PostgreSQL; SQLite serialises writers already. */
export const findReportForUpdate = (db: Db, engine: Engine, campaignId: string, unitId: string) => {
  const q = db.selectFrom('skm_report').selectAll().where('campaign_id', '=', campaignId).where('unit_id', '=', unitId);
  return (engine === 'postgres' ? q.forUpdate() : q).executeTakeFirst();
};

export const reportsOfCampaign = (db: Db, campaignId: string) =>
  db.selectFrom('skm_report').selectAll().where('campaign_id', '=', campaignId).execute();

/** Creates the empty draft unless another request just did (unique campaign × unit). */
export const insertDraftIfMissing = (db: Db, row: SkmReportTable) =>
  db
    .insertInto('skm_report')
    .values(row)
    .onConflict((oc) => oc.columns(['campaign_id', 'unit_id']).doNothing())
    .execute();

/** Compare-and-set on the status: false when someone else moved the report first. */
export async function updateReport(
  db: Db,
  id: string,
  expect: { status?: SkmReportStatus; version?: number },
  patch: Updateable<SkmReportTable>,
): Promise<boolean> {
  let q = db.updateTable('skm_report').set(patch).where('id', '=', id);
  if (expect.status) q = q.where('status', '=', expect.status);
  if (expect.version !== undefined) q = q.where('version', '=', expect.version);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows ?? 0) === 1;
}

export const findEvidence = (db: Db, id: string) => db.selectFrom('evidence').selectAll().where('id', '=', id).executeTakeFirst();

/** The unit's services in the campaign with target and counters (D5), in service order. */
export const unitTargets = (db: Db, campaignId: string, unitIds?: readonly string[]) => {
  let q = db
    .selectFrom('campaign_target')
    .innerJoin('unit_service', 'unit_service.id', 'campaign_target.unit_service_id')
    .innerJoin('service_type', 'service_type.id', 'unit_service.service_type_id')
    .select([
      'campaign_target.unit_id',
      'campaign_target.unit_service_id',
      'campaign_target.target',
      'campaign_target.n_valid',
      'campaign_target.n_counted',
      'service_type.name as service_name',
    ])
    .where('campaign_target.campaign_id', '=', campaignId);
  if (unitIds) {
    if (!unitIds.length) return Promise.resolve([]);
    q = q.where('campaign_target.unit_id', 'in', [...unitIds]);
  }
  return q.orderBy('unit_service.created_at').orderBy('unit_service.id').execute();
};

export const justifications = (db: Db, campaignId: string, unitIds?: readonly string[]) => {
  let q = db.selectFrom('shortfall_justification').selectAll().where('campaign_id', '=', campaignId);
  if (unitIds) {
    if (!unitIds.length) return Promise.resolve([]);
    q = q.where('unit_id', 'in', [...unitIds]);
  }
  return q.execute();
};

export const insertJustification = (
  db: Db,
  row: {
    id: string;
    campaign_id: string;
    unit_id: string;
    unit_service_id: string;
    text: string;
    entered_by: string;
    entered_at: string;
  },
) => db.insertInto('shortfall_justification').values(row).execute();

export const updateJustification = (db: Db, id: string, patch: { text: string; entered_by: string; entered_at: string }) =>
  db.updateTable('shortfall_justification').set(patch).where('id', '=', id).execute();

/** Invalid responses per unit of the campaign (the validity matrix has a body unless it is 0: NIHIL). */
export async function invalidCounts(db: Db, campaignId: string, unitIds?: readonly string[]): Promise<Map<string, number>> {
  let q = db
    .selectFrom('survey_response')
    .select((eb) => ['unit_id', eb.fn.countAll<number | string>().as('n')])
    .where('campaign_id', '=', campaignId)
    .where('validity', '=', 'invalid');
  if (unitIds) {
    if (!unitIds.length) return new Map();
    q = q.where('unit_id', 'in', [...unitIds]);
  }
  const rows = await q.groupBy('unit_id').execute();
  return new Map(rows.map((r) => [r.unit_id, Number(r.n)]));
}

export const userNames = async (db: Db, ids: readonly string[]): Promise<Map<string, string>> => {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('app_user')
    .select(['id', 'full_name'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.full_name]));
};
