import type { Db } from '../../db/connection.ts';

/** SQL of the validity matrix (DOMAIN 5.6): the unit's invalid responses and why. */

export const campaignAndUnit = (db: Db, campaignId: string, unitId: string) =>
  db
    .selectFrom('campaign_unit as cu')
    .innerJoin('skm_campaign as c', 'c.id', 'cu.campaign_id')
    .innerJoin('org_unit as u', 'u.id', 'cu.unit_id')
    .select([
      'c.id as campaign_id',
      'c.name as campaign_name',
      'c.year',
      'c.status',
      'c.profile_code',
      'c.profile_version',
      'c.collection_start',
      'c.effective_end',
      'u.id as unit_id',
      'u.name as unit_name',
      'u.city',
      'u.time_zone',
    ])
    .where('cu.campaign_id', '=', campaignId)
    .where('cu.unit_id', '=', unitId)
    .executeTakeFirst();

export const invalidResponses = (db: Db, campaignId: string, unitId: string) =>
  db
    .selectFrom('survey_response as r')
    .innerJoin('unit_service as us', 'us.id', 'r.unit_service_id')
    .innerJoin('service_type as st', 'st.id', 'us.service_type_id')
    .select([
      'r.id',
      'r.seq_no',
      'r.submitted_at',
      'r.full_name_enc',
      'r.phone_enc',
      'r.institution_enc',
      'r.age',
      'r.sex',
      'r.education',
      'r.occupation',
      'r.completion_pct',
      'r.answers_json',
      'r.suggestion',
      'st.name as service_name',
    ])
    .where('r.campaign_id', '=', campaignId)
    .where('r.unit_id', '=', unitId)
    .where('r.validity', '=', 'invalid')
    .orderBy('r.seq_no')
    .execute();

/** The approved, not reinstated invalidation of each response (its reason is "Hasil Evaluasi"). */
export const activeReasons = (db: Db, campaignId: string, unitId: string) =>
  db
    .selectFrom('response_invalidation')
    .select(['response_id', 'reason', 'note', 'decided_at'])
    .where('campaign_id', '=', campaignId)
    .where('unit_id', '=', unitId)
    .where('decision', '=', 'approved')
    .where('reinstated_at', 'is', null)
    .orderBy('decided_at', 'asc')
    .execute();

/** Services of the unit in the campaign (the import's `service` column names one of them). */
export const campaignServicesOfUnit = (db: Db, campaignId: string, unitId: string) =>
  db
    .selectFrom('campaign_target as ct')
    .innerJoin('unit_service as us', 'us.id', 'ct.unit_service_id')
    .innerJoin('service_type as st', 'st.id', 'us.service_type_id')
    .select(['ct.unit_service_id', 'st.name', 'us.application_name', 'us.created_at'])
    .where('ct.campaign_id', '=', campaignId)
    .where('ct.unit_id', '=', unitId)
    .orderBy('us.created_at')
    .orderBy('ct.unit_service_id')
    .execute();
