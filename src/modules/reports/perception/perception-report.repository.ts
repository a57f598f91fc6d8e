import type { Db } from '../../../db/connection.ts';

/** SQL for the SPKP/SPAK monthly report: which campaign carries the month, its responses, the month's state. */

export const findUnit = (db: Db, unitId: string) =>
  db.selectFrom('org_unit').select(['id', 'name', 'time_zone']).where('id', '=', unitId).executeTakeFirst();

/** Campaigns of the unit whose collection window touches the month (`YYYY-MM-DD` bounds). */
export const campaignsCovering = (db: Db, unitId: string, monthStart: string, monthEnd: string) =>
  db
    .selectFrom('skm_campaign as c')
    .innerJoin('campaign_unit as cu', 'cu.campaign_id', 'c.id')
    .select(['c.id', 'c.kind', 'c.year', 'c.profile_code', 'c.profile_version', 'c.created_at'])
    .where('cu.unit_id', '=', unitId)
    .where('c.collection_start', '<=', monthEnd)
    .where('c.effective_end', '>=', monthStart)
    .orderBy('c.created_at', 'desc')
    .execute();

/** Every response of the unit in the local month, with what the profile and the annex need. */
export const monthResponses = (db: Db, campaignId: string, unitId: string, month: string) =>
  db
    .selectFrom('survey_response')
    .select([
      'id',
      'seq_no',
      'submitted_at',
      'completion_pct',
      'validity',
      'age',
      'sex',
      'education',
      'occupation',
      'suggestion',
      'full_name_enc',
      'institution_enc',
    ])
    .where('campaign_id', '=', campaignId)
    .where('unit_id', '=', unitId)
    .where('local_month', '=', month)
    .execute();

export const monthStatus = (db: Db, unitId: string, year: number, month: number) =>
  db
    .selectFrom('perception_month')
    .select(['status'])
    .where('unit_id', '=', unitId)
    .where('year', '=', year)
    .where('month', '=', month)
    .executeTakeFirst();

/** The responses a freeze selected for the month (DOMAIN 6.8), in their selection order. */
export const frozenSelection = (db: Db, unitId: string, year: number, month: number) =>
  db
    .selectFrom('perception_selection as s')
    .innerJoin('perception_month as m', 'm.id', 's.perception_month_id')
    .innerJoin('survey_response as r', 'r.id', 's.response_id')
    .select([
      'r.id',
      'r.seq_no',
      'r.submitted_at',
      'r.completion_pct',
      'r.validity',
      'r.age',
      'r.sex',
      'r.education',
      'r.occupation',
      'r.suggestion',
      'r.full_name_enc',
      'r.institution_enc',
    ])
    .where('m.unit_id', '=', unitId)
    .where('m.year', '=', year)
    .where('m.month', '=', month)
    .where('m.status', '=', 'frozen')
    .where('s.selected', '=', 1)
    .orderBy('s.rank')
    .execute();
