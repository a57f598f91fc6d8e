import type { Insertable, Updateable } from 'kysely';
import type { Db, Engine } from '../../db/connection.ts';
import type {
  CampaignExtensionTable,
  CampaignStatus,
  CampaignTargetTable,
  CampaignUnitTable,
  SkmCampaignTable,
} from '../../db/schema.ts';

/** Campaign, scope, extension and target SQL (Kysely only; no rules here). */

export const insertCampaign = (db: Db, row: Insertable<SkmCampaignTable>) => db.insertInto('skm_campaign').values(row).execute();

export const findCampaign = (db: Db, id: string) =>
  db.selectFrom('skm_campaign').selectAll().where('id', '=', id).executeTakeFirst();

/** Row lock inside a transaction on PostgreSQL; SQLite serialises writers already and has no FOR UPDATE. */
export const findCampaignForUpdate = (db: Db, engine: Engine, id: string) => {
  const q = db.selectFrom('skm_campaign').selectAll().where('id', '=', id);
  return (engine === 'postgres' ? q.forUpdate() : q).executeTakeFirst();
};

export interface CampaignFilter {
  year?: number | undefined;
  status?: CampaignStatus | undefined;
  /** Only campaigns that include one of these units; undefined = all. */
  unitIds?: readonly string[] | undefined;
}

export async function listCampaigns(db: Db, f: CampaignFilter) {
  if (f.unitIds && f.unitIds.length === 0) return [];
  let q = db.selectFrom('skm_campaign').selectAll();
  if (f.year !== undefined) q = q.where('year', '=', f.year);
  if (f.status !== undefined) q = q.where('status', '=', f.status);
  if (f.unitIds) {
    const ids = [...f.unitIds];
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('campaign_unit')
          .select('campaign_unit.unit_id')
          .whereRef('campaign_unit.campaign_id', '=', 'skm_campaign.id')
          .where('campaign_unit.unit_id', 'in', ids),
      ),
    );
  }
  return q.orderBy('year', 'desc').orderBy('created_at', 'desc').execute();
}

/** Moves the status only if it is still `from` (a concurrent move loses and gets 0 rows). */
export async function updateCampaignStatus(
  db: Db,
  id: string,
  from: CampaignStatus,
  patch: Updateable<SkmCampaignTable> & { status: CampaignStatus },
): Promise<boolean> {
  const r = await db.updateTable('skm_campaign').set(patch).where('id', '=', id).where('status', '=', from).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export const updateCampaign = (db: Db, id: string, patch: Updateable<SkmCampaignTable>) =>
  db.updateTable('skm_campaign').set(patch).where('id', '=', id).execute();

// ---- Units and services in scope ----

export const findUnits = (db: Db, ids: readonly string[]) =>
  ids.length
    ? db
        .selectFrom('org_unit')
        .select(['id', 'code', 'name', 'short_name', 'type', 'time_zone', 'active', 'is_public_service_unit'])
        .where('id', 'in', [...ids])
        .execute()
    : Promise.resolve([]);

export const activeServicesOfUnits = (db: Db, unitIds: readonly string[]) =>
  unitIds.length
    ? db
        .selectFrom('unit_service')
        .innerJoin('service_type', 'service_type.id', 'unit_service.service_type_id')
        .select([
          'unit_service.id',
          'unit_service.unit_id',
          'unit_service.population_divisor',
          'unit_service.active',
          'service_type.name as service_name',
        ])
        .where('unit_service.unit_id', 'in', [...unitIds])
        .orderBy('unit_service.unit_id')
        .orderBy('unit_service.created_at')
        .orderBy('unit_service.id')
        .execute()
    : Promise.resolve([]);

export const populations = (db: Db, unitServiceIds: readonly string[], year: number) =>
  unitServiceIds.length
    ? db
        .selectFrom('unit_service_population')
        .select(['unit_service_id', 'population'])
        .where('year', '=', year)
        .where('unit_service_id', 'in', [...unitServiceIds])
        .execute()
    : Promise.resolve([]);

export const insertCampaignUnits = (db: Db, rows: Insertable<CampaignUnitTable>[]) =>
  rows.length ? db.insertInto('campaign_unit').values(rows).execute() : Promise.resolve([]);

export const campaignUnits = (db: Db, campaignId: string) =>
  db
    .selectFrom('campaign_unit')
    .innerJoin('org_unit', 'org_unit.id', 'campaign_unit.unit_id')
    .select(['org_unit.id', 'org_unit.code', 'org_unit.name', 'org_unit.type', 'org_unit.time_zone'])
    .where('campaign_unit.campaign_id', '=', campaignId)
    .orderBy('org_unit.name')
    .execute();

// ---- Extensions ----

export const insertExtension = (db: Db, row: Insertable<CampaignExtensionTable>) =>
  db.insertInto('campaign_extension').values(row).execute();

export const extensions = (db: Db, campaignId: string) =>
  db
    .selectFrom('campaign_extension')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .orderBy('decided_at')
    .orderBy('id')
    .execute();

// ---- Targets ----

export const insertTargets = async (db: Db, rows: Insertable<CampaignTargetTable>[]) => {
  // Chunked: SQLite caps bound parameters per statement.
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('campaign_target')
      .values(rows.slice(i, i + 200))
      .execute();
};

export const targets = (db: Db, campaignId: string, unitIds?: readonly string[]) => {
  let q = db
    .selectFrom('campaign_target')
    .innerJoin('org_unit', 'org_unit.id', 'campaign_target.unit_id')
    .innerJoin('unit_service', 'unit_service.id', 'campaign_target.unit_service_id')
    .innerJoin('service_type', 'service_type.id', 'unit_service.service_type_id')
    .selectAll('campaign_target')
    .select([
      'org_unit.name as unit_name',
      'service_type.name as service_name',
      'unit_service.population_divisor as current_divisor',
    ])
    .where('campaign_target.campaign_id', '=', campaignId);
  if (unitIds) {
    if (unitIds.length === 0) return Promise.resolve([]);
    q = q.where('campaign_target.unit_id', 'in', [...unitIds]);
  }
  return q.orderBy('org_unit.name').orderBy('unit_service.created_at').orderBy('unit_service.id').execute();
};

export const findTarget = (db: Db, campaignId: string, unitServiceId: string) =>
  db
    .selectFrom('campaign_target')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .where('unit_service_id', '=', unitServiceId)
    .executeTakeFirst();

export const updateTarget = (db: Db, id: string, patch: Updateable<CampaignTargetTable>) =>
  db.updateTable('campaign_target').set(patch).where('id', '=', id).execute();

/** Σ target and number of services per unit of a campaign. */
export const unitTargetTotals = (db: Db, campaignId: string) =>
  db
    .selectFrom('campaign_target')
    .select((eb) => [
      'unit_id',
      eb.fn.sum<number | string>('target').as('target'),
      eb.fn.countAll<number | string>().as('services'),
    ])
    .where('campaign_id', '=', campaignId)
    .groupBy('unit_id')
    .execute();
