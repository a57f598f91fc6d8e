import type { Insertable } from 'kysely';
import type { Db } from '../../../db/connection.ts';
import type { IssuedDocumentTable } from '../../../db/schema.ts';

/** SQL of the Laporan SKM (Kysely only, same code on SQLite and PostgreSQL; no rules here). */

export const findUnit = (db: Db, id: string) =>
  db
    .selectFrom('org_unit')
    .select(['id', 'code', 'name', 'short_name', 'city', 'time_zone', 'head_title', 'type'])
    .where('id', '=', id)
    .executeTakeFirst();

export const findReport = (db: Db, campaignId: string, unitId: string) =>
  db.selectFrom('skm_report').selectAll().where('campaign_id', '=', campaignId).where('unit_id', '=', unitId).executeTakeFirst();

export const extensions = (db: Db, campaignId: string) =>
  db
    .selectFrom('campaign_extension')
    .select(['previous_end', 'new_end', 'letter_ref', 'decided_at'])
    .where('campaign_id', '=', campaignId)
    .orderBy('decided_at')
    .execute();

export const justifications = (db: Db, campaignId: string, unitId: string) =>
  db
    .selectFrom('shortfall_justification')
    .select(['unit_service_id', 'text', 'entered_at'])
    .where('campaign_id', '=', campaignId)
    .where('unit_id', '=', unitId)
    .orderBy('entered_at')
    .execute();

export const setting = (db: Db, key: string) =>
  db.selectFrom('app_setting').select('value').where('key', '=', key).executeTakeFirst();

/** Counted responses of the unit in seqNo order (the respondent recap of Lampiran 2). */
export const countedResponses = (db: Db, campaignId: string, unitId: string) =>
  db
    .selectFrom('survey_response as r')
    .innerJoin('unit_service as us', 'us.id', 'r.unit_service_id')
    .innerJoin('service_type as st', 'st.id', 'us.service_type_id')
    .select([
      'r.id',
      'r.seq_no',
      'r.unit_service_id',
      'st.name as service_name',
      'r.submitted_at',
      'r.full_name_enc',
      'r.phone_enc',
      'r.institution_enc',
      'r.age',
      'r.sex',
      'r.education',
      'r.occupation',
      'r.completion_pct',
      'r.suggestion',
      'r.answers_json',
    ])
    .where('r.campaign_id', '=', campaignId)
    .where('r.unit_id', '=', unitId)
    .where('r.counted', '=', 1)
    .orderBy('r.seq_no')
    .execute();

/** Suggestion texts of given responses (RTL items made from a suggestion cite them). */
export const suggestionsOf = (db: Db, ids: readonly string[]) =>
  ids.length
    ? db
        .selectFrom('survey_response')
        .select(['id', 'suggestion', 'unit_service_id'])
        .where('id', 'in', [...ids])
        .execute()
    : Promise.resolve([]);

/** The unit's RTL items made from this campaign's results or suggestions (DOMAIN 5.11), not withdrawn. */
export const campaignActions = (db: Db, campaignId: string, unitId: string) =>
  db
    .selectFrom('action_plan')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('source', 'in', ['skm_result', 'suggestion'])
    .where('source_ref', '=', campaignId)
    .where('withdrawn_at', 'is', null)
    .orderBy('priority_rank')
    .orderBy('seq')
    .execute();

/** RTL items answering the Inspectorate's recommendations based on this campaign. */
export const recommendationActions = (db: Db, campaignId: string, unitId: string) =>
  db
    .selectFrom('action_plan as a')
    .innerJoin('rtl_assignment as g', 'g.id', 'a.assignment_id')
    .innerJoin('rtl_recommendation as rec', 'rec.id', 'g.recommendation_id')
    .selectAll('a')
    .where('a.unit_id', '=', unitId)
    .where('rec.basis_campaign_id', '=', campaignId)
    .where('a.withdrawn_at', 'is', null)
    .orderBy('a.priority_rank')
    .orderBy('a.seq')
    .execute();

/** Closed SKM campaigns of earlier years that included the unit (their snapshots feed the trend). */
export const earlierClosedCampaigns = (db: Db, unitId: string, beforeYear: number) =>
  db
    .selectFrom('skm_campaign as c')
    .innerJoin('campaign_unit as cu', 'cu.campaign_id', 'c.id')
    .select(['c.id', 'c.year'])
    .where('cu.unit_id', '=', unitId)
    .where('c.kind', '=', 'skm')
    .where('c.status', '=', 'closed')
    .where('c.year', '<', beforeYear)
    .orderBy('c.year')
    .execute();

export const insertIssued = (db: Db, row: Insertable<IssuedDocumentTable>) =>
  db.insertInto('issued_document').values(row).execute();
