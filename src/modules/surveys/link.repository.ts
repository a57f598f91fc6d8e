import type { Insertable } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { SurveyLinkTable } from '../../db/schema.ts';

/** Survey link SQL (Kysely only). */

const withNames = (db: Db) =>
  db
    .selectFrom('survey_link')
    .innerJoin('org_unit', 'org_unit.id', 'survey_link.unit_id')
    .leftJoin('unit_service', 'unit_service.id', 'survey_link.unit_service_id')
    .leftJoin('service_type', 'service_type.id', 'unit_service.service_type_id')
    .selectAll('survey_link')
    .select(['org_unit.name as unit_name', 'org_unit.code as unit_code', 'service_type.name as service_name']);

export type LinkRow = Awaited<ReturnType<typeof findLink>> & {};

export const findLink = (db: Db, id: string) => withNames(db).where('survey_link.id', '=', id).executeTakeFirst();

export const findLinkByToken = (db: Db, token: string) => withNames(db).where('survey_link.token', '=', token).executeTakeFirst();

export const linksOfCampaign = (db: Db, campaignId: string, unitIds?: readonly string[]) => {
  let q = withNames(db).where('survey_link.campaign_id', '=', campaignId);
  if (unitIds) {
    if (unitIds.length === 0) return Promise.resolve([]);
    q = q.where('survey_link.unit_id', 'in', [...unitIds]);
  }
  return q
    .orderBy('org_unit.name')
    .orderBy('service_type.name')
    .orderBy('survey_link.active', 'desc')
    .orderBy('survey_link.created_at', 'desc')
    .execute();
};

export const activeLinks = (db: Db, campaignId: string) =>
  db
    .selectFrom('survey_link')
    .select(['id', 'unit_id', 'unit_service_id', 'kind'])
    .where('campaign_id', '=', campaignId)
    .where('active', '=', 1)
    .execute();

export const insertLinks = (db: Db, rows: Insertable<SurveyLinkTable>[]) =>
  rows.length ? db.insertInto('survey_link').values(rows).execute() : Promise.resolve([]);

/** Deactivates only a still-active link; false when someone else already replaced it. */
export async function deactivateLink(db: Db, id: string, replacedBy: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('survey_link')
    .set({ active: 0, replaced_by: replacedBy, deactivated_at: at })
    .where('id', '=', id)
    .where('active', '=', 1)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
