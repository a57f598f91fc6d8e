import type { Insertable, Updateable } from 'kysely';
import type { Db, Engine } from '../../db/connection.ts';
import type { ResponseInvalidationTable, ResponseValidity } from '../../db/schema.ts';

/** SQL of cleansing (DOMAIN 5.6): invalidations and the validity column of responses. */

export const findResponseForUpdate = (db: Db, engine: Engine, id: string) => {
  const q = db
    .selectFrom('survey_response')
    .select(['id', 'campaign_id', 'unit_id', 'unit_service_id', 'seq_no', 'validity', 'submitted_at'])
    .where('id', '=', id);
  return (engine === 'postgres' ? q.forUpdate() : q).executeTakeFirst();
};

export const findCampaign = (db: Db, id: string) =>
  db.selectFrom('skm_campaign').select(['id', 'status', 'is_demo']).where('id', '=', id).executeTakeFirst();

/** Moves validity only from the expected state: a concurrent decision makes this return false. */
export async function setValidity(db: Db, id: string, from: ResponseValidity, to: ResponseValidity): Promise<boolean> {
  const r = await db
    .updateTable('survey_response')
    .set({ validity: to })
    .where('id', '=', id)
    .where('validity', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export const insertInvalidation = (db: Db, row: Insertable<ResponseInvalidationTable>) =>
  db.insertInto('response_invalidation').values(row).execute();

export const updateInvalidation = (db: Db, id: string, patch: Updateable<ResponseInvalidationTable>) =>
  db.updateTable('response_invalidation').set(patch).where('id', '=', id).execute();

export const findInvalidationForUpdate = (db: Db, engine: Engine, id: string) => {
  const q = db.selectFrom('response_invalidation').selectAll().where('id', '=', id);
  return (engine === 'postgres' ? q.forUpdate() : q).executeTakeFirst();
};

/** The approved, not yet reinstated invalidation that made the response invalid. */
export const activeApproval = (db: Db, responseId: string) =>
  db
    .selectFrom('response_invalidation')
    .selectAll()
    .where('response_id', '=', responseId)
    .where('decision', '=', 'approved')
    .where('reinstated_at', 'is', null)
    .orderBy('decided_at', 'desc')
    .limit(1)
    .executeTakeFirst();

export interface InvalidationFilter {
  ids?: readonly string[];
  campaignId?: string;
  unitIds?: readonly string[] | undefined;
  status?: 'pending' | 'approved' | 'rejected' | 'reinstated' | undefined;
}

export function listInvalidations(db: Db, f: InvalidationFilter) {
  let q = db
    .selectFrom('response_invalidation as i')
    .innerJoin('survey_response as r', 'r.id', 'i.response_id')
    .innerJoin('org_unit as u', 'u.id', 'i.unit_id')
    .innerJoin('unit_service as us', 'us.id', 'r.unit_service_id')
    .innerJoin('service_type as st', 'st.id', 'us.service_type_id')
    .leftJoin('app_user as p', 'p.id', 'i.proposed_by')
    .leftJoin('app_user as d', 'd.id', 'i.decided_by')
    .selectAll('i')
    .select([
      'r.seq_no',
      'r.submitted_at',
      'r.validity',
      'r.unit_service_id',
      'u.name as unit_name',
      'st.name as service_name',
      'p.full_name as proposed_by_name',
      'd.full_name as decided_by_name',
    ]);
  if (f.ids) q = q.where('i.id', 'in', f.ids.length ? [...f.ids] : ['']);
  if (f.campaignId) q = q.where('i.campaign_id', '=', f.campaignId);
  if (f.unitIds) q = q.where('i.unit_id', 'in', f.unitIds.length ? [...f.unitIds] : ['']);
  if (f.status === 'reinstated') q = q.where('i.reinstated_at', 'is not', null);
  else if (f.status === 'approved') q = q.where('i.decision', '=', 'approved').where('i.reinstated_at', 'is', null);
  else if (f.status) q = q.where('i.decision', '=', f.status);
  return q.orderBy('i.proposed_at', 'desc').orderBy('i.id', 'desc').execute();
}

export const campaignUnitIds = async (db: Db, campaignId: string): Promise<string[]> =>
  (await db.selectFrom('campaign_unit').select('unit_id').where('campaign_id', '=', campaignId).execute()).map((r) => r.unit_id);
