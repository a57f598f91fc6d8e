import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type {
  ActionPlanTable,
  CycleUnitSummaryTable,
  MonitoringCycleTable,
  RtlAssignmentTable,
  RtlRecommendationTable,
} from '../../db/schema.ts';

export type AssignmentRow = RtlAssignmentTable & {
  number: number;
  type: RtlRecommendationTable['type'];
  official_text: string;
  basis_campaign_id: string | null;
  basis_year: number;
  target_year: number;
  rec_corrected: 0 | 1;
};

const assignmentQuery = (db: Db) =>
  db
    .selectFrom('rtl_assignment as a')
    .innerJoin('rtl_recommendation as r', 'r.id', 'a.recommendation_id')
    .selectAll('a')
    .select([
      'r.number',
      'r.type',
      'r.official_text',
      'r.basis_campaign_id',
      'r.basis_year',
      'r.target_year',
      'r.corrected as rec_corrected',
    ]);

export const findAssignment = (db: Db, id: string) =>
  assignmentQuery(db).where('a.id', '=', id).executeTakeFirst() as Promise<AssignmentRow | undefined>;

export function listAssignments(
  db: Db,
  f: { unitIds?: string[] | undefined; basisCampaignId?: string | null | undefined; basisYear?: number | undefined },
): Promise<AssignmentRow[]> {
  let q = assignmentQuery(db);
  if (f.unitIds) q = q.where('a.unit_id', 'in', f.unitIds.length ? f.unitIds : ['-']);
  if (f.basisCampaignId) q = q.where('r.basis_campaign_id', '=', f.basisCampaignId);
  else if (f.basisCampaignId === null) q = q.where('r.basis_campaign_id', 'is', null);
  if (f.basisYear !== undefined) q = q.where('r.basis_year', '=', f.basisYear);
  return q.orderBy('a.unit_id').orderBy('r.number').execute() as Promise<AssignmentRow[]>;
}

export const findRecommendations = (db: Db, basisCampaignId: string) =>
  db.selectFrom('rtl_recommendation').selectAll().where('basis_campaign_id', '=', basisCampaignId).orderBy('number').execute();

export const insertRecommendation = (db: Db, row: Insertable<RtlRecommendationTable>) =>
  db.insertInto('rtl_recommendation').values(row).execute();
export const insertAssignment = (db: Db, row: Insertable<RtlAssignmentTable>) =>
  db.insertInto('rtl_assignment').values(row).execute();
export const updateAssignment = (db: Db, id: string, patch: Updateable<RtlAssignmentTable>) =>
  db.updateTable('rtl_assignment').set(patch).where('id', '=', id).execute();

export const findAction = (db: Db, id: string) =>
  db.selectFrom('action_plan').selectAll().where('id', '=', id).executeTakeFirst();

/** Live (not withdrawn) actions answering these assignments. */
export const actionsOfAssignments = (db: Db, assignmentIds: readonly string[]) =>
  assignmentIds.length
    ? db
        .selectFrom('action_plan')
        .selectAll()
        .where('assignment_id', 'in', [...assignmentIds])
        .where('withdrawn_at', 'is', null)
        .orderBy('seq')
        .orderBy('created_at')
        .execute()
    : Promise.resolve([]);

export const insertAction = (db: Db, row: Insertable<ActionPlanTable>) => db.insertInto('action_plan').values(row).execute();
export const updateAction = (db: Db, id: string, patch: Updateable<ActionPlanTable>) =>
  db.updateTable('action_plan').set(patch).where('id', '=', id).execute();

export const nextSeq = async (db: Db, unitId: string) => {
  const r = await db
    .selectFrom('action_plan')
    .select((eb) => eb.fn.max('seq').as('m'))
    .where('unit_id', '=', unitId)
    .executeTakeFirst();
  return Number(r?.m ?? 0) + 1;
};

export const findCycle = (db: Db, id: string) =>
  db.selectFrom('monitoring_cycle').selectAll().where('id', '=', id).executeTakeFirst();
export const listCycles = (db: Db) => db.selectFrom('monitoring_cycle').selectAll().orderBy('created_at', 'desc').execute();
export const insertCycle = (db: Db, row: Insertable<MonitoringCycleTable>) =>
  db.insertInto('monitoring_cycle').values(row).execute();
export const updateCycle = (db: Db, id: string, from: string, patch: Updateable<MonitoringCycleTable>) =>
  db
    .updateTable('monitoring_cycle')
    .set(patch)
    .where('id', '=', id)
    .where('status', '=', from as never)
    .executeTakeFirst();

/** Every evaluation of these actions in cycles created no later than `cycleCreatedAt` (carry-over). */
export const evaluationsUpTo = (db: Db, actionIds: readonly string[], cycleCreatedAt: string) =>
  actionIds.length
    ? db
        .selectFrom('action_evaluation as e')
        .innerJoin('monitoring_cycle as c', 'c.id', 'e.cycle_id')
        .selectAll('e')
        .select('c.created_at as cycle_created_at')
        .where('e.action_plan_id', 'in', [...actionIds])
        .where('c.created_at', '<=', cycleCreatedAt)
        .orderBy('e.evaluated_at')
        .orderBy('e.id')
        .execute()
    : Promise.resolve([]);

export const evaluationsOfActions = (db: Db, actionIds: readonly string[]) =>
  actionIds.length
    ? db
        .selectFrom('action_evaluation')
        .selectAll()
        .where('action_plan_id', 'in', [...actionIds])
        .orderBy('evaluated_at')
        .orderBy('id')
        .execute()
    : Promise.resolve([]);

export const updatesOfEvaluations = (db: Db, evaluationIds: readonly string[]) =>
  evaluationIds.length
    ? db
        .selectFrom('action_evaluation_update')
        .selectAll()
        .where('evaluation_id', 'in', [...evaluationIds])
        .orderBy('update_date')
        .orderBy('created_at')
        .execute()
    : Promise.resolve([]);

export const summaries = (db: Db, cycleId: string) =>
  db.selectFrom('cycle_unit_summary').selectAll().where('cycle_id', '=', cycleId).execute();
export const insertSummary = (db: Db, row: Insertable<CycleUnitSummaryTable>) =>
  db.insertInto('cycle_unit_summary').values(row).execute();

export const unitsByIds = (db: Db, ids: readonly string[]) =>
  ids.length
    ? db
        .selectFrom('org_unit')
        .select(['id', 'code', 'name', 'type', 'active'])
        .where('id', 'in', [...ids])
        .execute()
    : Promise.resolve([]);

export const unitServices = (db: Db, unitId: string) =>
  db
    .selectFrom('unit_service as us')
    .innerJoin('service_type as st', 'st.id', 'us.service_type_id')
    .select(['us.id', 'st.name'])
    .where('us.unit_id', '=', unitId)
    .execute();

export const serviceNames = (db: Db, ids: readonly string[]) =>
  ids.length
    ? db
        .selectFrom('unit_service as us')
        .innerJoin('service_type as st', 'st.id', 'us.service_type_id')
        .select(['us.id', 'us.unit_id', 'st.name'])
        .where('us.id', 'in', [...ids])
        .execute()
    : Promise.resolve([]);
