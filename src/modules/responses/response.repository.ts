import { type Insertable, sql } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { SurveyResponseTable } from '../../db/schema.ts';

/** Survey response, counted-window and tally SQL (Kysely only; no rules here). */

/** The campaign unit with its time zone (D17); undefined when the unit is not in the campaign. */
export const campaignUnit = (db: Db, campaignId: string, unitId: string) =>
  db
    .selectFrom('campaign_unit')
    .innerJoin('org_unit', 'org_unit.id', 'campaign_unit.unit_id')
    .select(['campaign_unit.unit_id', 'org_unit.time_zone', 'org_unit.name as unit_name'])
    .where('campaign_unit.campaign_id', '=', campaignId)
    .where('campaign_unit.unit_id', '=', unitId)
    .executeTakeFirst();

export const targetOfService = (db: Db, campaignId: string, unitServiceId: string) =>
  db
    .selectFrom('campaign_target')
    .select(['id', 'unit_id', 'unit_service_id', 'target', 'n_submitted', 'n_valid', 'n_counted'])
    .where('campaign_id', '=', campaignId)
    .where('unit_service_id', '=', unitServiceId)
    .executeTakeFirst();

export const findBySubmissionId = (db: Db, campaignId: string, clientSubmissionId: string) =>
  db
    .selectFrom('survey_response')
    .select(['id', 'seq_no', 'duplicate_hint'])
    .where('campaign_id', '=', campaignId)
    .where('client_submission_id', '=', clientSubmissionId)
    .executeTakeFirst();

/** Hands out the next `seqNo` of the campaign × unit; the update also locks the row until commit. */
export async function nextSeqNo(db: Db, campaignId: string, unitId: string): Promise<number> {
  const row = await db
    .updateTable('campaign_unit')
    .set({ last_seq_no: sql<number>`last_seq_no + 1` })
    .where('campaign_id', '=', campaignId)
    .where('unit_id', '=', unitId)
    .returning('last_seq_no')
    .executeTakeFirstOrThrow();
  return Number(row.last_seq_no);
}

/** Reserves `count` consecutive numbers at once (bulk import); returns the first. */
export async function reserveSeqNos(db: Db, campaignId: string, unitId: string, count: number): Promise<number> {
  const row = await db
    .updateTable('campaign_unit')
    .set({ last_seq_no: sql<number>`last_seq_no + ${count}` })
    .where('campaign_id', '=', campaignId)
    .where('unit_id', '=', unitId)
    .returning('last_seq_no')
    .executeTakeFirstOrThrow();
  return Number(row.last_seq_no) - count + 1;
}

export const firstWithPhone = (db: Db, campaignId: string, unitId: string, phoneBidx: string) =>
  db
    .selectFrom('survey_response')
    .select('id')
    .where('campaign_id', '=', campaignId)
    .where('phone_bidx', '=', phoneBidx)
    .where('unit_id', '=', unitId)
    .orderBy('submitted_at')
    .orderBy('seq_no')
    .limit(1)
    .executeTakeFirst();

export const firstWithNameNear = (
  db: Db,
  campaignId: string,
  unitServiceId: string,
  nameBidx: string,
  fromIso: string,
  toIso: string,
) =>
  db
    .selectFrom('survey_response')
    .select('id')
    .where('campaign_id', '=', campaignId)
    .where('unit_service_id', '=', unitServiceId)
    .where('name_bidx', '=', nameBidx)
    .where('submitted_at', '>=', fromIso)
    .where('submitted_at', '<=', toIso)
    .orderBy('submitted_at')
    .orderBy('seq_no')
    .limit(1)
    .executeTakeFirst();

export const insertResponse = (db: Db, row: Insertable<SurveyResponseTable>) =>
  db.insertInto('survey_response').values(row).execute();

export async function insertResponses(db: Db, rows: Insertable<SurveyResponseTable>[]): Promise<void> {
  // Chunked: SQLite caps bound parameters per statement (~36 columns per row).
  for (let i = 0; i < rows.length; i += 25)
    await db
      .insertInto('survey_response')
      .values(rows.slice(i, i + 25))
      .execute();
}

// ---- Counted window ----

/** Adds to the live counters and returns them as they are now. */
export const bumpTargetCounters = (
  db: Db,
  campaignId: string,
  unitServiceId: string,
  d: { submitted: number; valid: number; counted: number },
  at: string,
) =>
  db
    .updateTable('campaign_target')
    .set({
      n_submitted: sql<number>`n_submitted + ${d.submitted}`,
      n_valid: sql<number>`n_valid + ${d.valid}`,
      n_counted: sql<number>`n_counted + ${d.counted}`,
      updated_at: at,
    })
    .where('campaign_id', '=', campaignId)
    .where('unit_service_id', '=', unitServiceId)
    .returning(['target', 'n_submitted', 'n_valid', 'n_counted'])
    .executeTakeFirstOrThrow();

export const setTargetCounters = (
  db: Db,
  campaignId: string,
  unitServiceId: string,
  c: { n_submitted: number; n_valid: number; n_counted: number },
  at: string,
) =>
  db
    .updateTable('campaign_target')
    .set({ ...c, updated_at: at })
    .where('campaign_id', '=', campaignId)
    .where('unit_service_id', '=', unitServiceId)
    .execute();

/** The last response inside the counted window, in submission order. */
export const lastCounted = (db: Db, campaignId: string, unitServiceId: string) =>
  db
    .selectFrom('survey_response')
    .select(['submitted_at', 'seq_no'])
    .where('campaign_id', '=', campaignId)
    .where('unit_service_id', '=', unitServiceId)
    .where('counted', '=', 1)
    .orderBy('submitted_at', 'desc')
    .orderBy('seq_no', 'desc')
    .limit(1)
    .executeTakeFirst();

export const markCounted = (db: Db, ids: readonly string[], counted: 0 | 1) =>
  ids.length
    ? db
        .updateTable('survey_response')
        .set({ counted })
        .where('id', 'in', [...ids])
        .execute()
    : Promise.resolve([]);

/** Every response of a service (the counting rule needs the invalid ones for `submitted`). */
export const responsesOfService = (db: Db, campaignId: string, unitServiceId: string) =>
  db
    .selectFrom('survey_response')
    .select(['id', 'unit_id', 'submitted_at', 'seq_no', 'validity', 'answers_json', 'counted'])
    .where('campaign_id', '=', campaignId)
    .where('unit_service_id', '=', unitServiceId)
    .execute();

export interface TallyDelta {
  campaignId: string;
  unitId: string;
  unitServiceId: string;
  questionCodes: readonly string[];
  sums: readonly number[];
  answered: readonly number[];
  respondents: number;
  complete: number;
  sumZ: number;
  sumZ2: number;
}

/** Adds a tally to the stored per-service aggregates (upsert; one statement per table). */
export async function addTally(db: Db, d: TallyDelta, at: string): Promise<void> {
  const rows = d.questionCodes.map((q, i) => ({
    campaign_id: d.campaignId,
    unit_id: d.unitId,
    unit_service_id: d.unitServiceId,
    question_code: q,
    sum: d.sums[i] as number,
    answered: d.answered[i] as number,
    updated_at: at,
  }));
  if (rows.length)
    await db
      .insertInto('service_tally')
      .values(rows)
      .onConflict((oc) =>
        oc.columns(['campaign_id', 'unit_id', 'unit_service_id', 'question_code']).doUpdateSet({
          sum: sql<number>`service_tally.sum + excluded.sum`,
          answered: sql<number>`service_tally.answered + excluded.answered`,
          updated_at: sql<string>`excluded.updated_at`,
        }),
      )
      .execute();
  await db
    .insertInto('service_tally_summary')
    .values({
      campaign_id: d.campaignId,
      unit_id: d.unitId,
      unit_service_id: d.unitServiceId,
      respondents: d.respondents,
      complete: d.complete,
      sum_z: d.sumZ,
      sum_z2: d.sumZ2,
      updated_at: at,
    })
    .onConflict((oc) =>
      oc.columns(['campaign_id', 'unit_id', 'unit_service_id']).doUpdateSet({
        respondents: sql<number>`service_tally_summary.respondents + excluded.respondents`,
        complete: sql<number>`service_tally_summary.complete + excluded.complete`,
        sum_z: sql<number>`service_tally_summary.sum_z + excluded.sum_z`,
        sum_z2: sql<number>`service_tally_summary.sum_z2 + excluded.sum_z2`,
        updated_at: sql<string>`excluded.updated_at`,
      }),
    )
    .execute();
}

export async function clearTally(db: Db, campaignId: string, unitServiceId: string): Promise<void> {
  await db
    .deleteFrom('service_tally')
    .where('campaign_id', '=', campaignId)
    .where('unit_service_id', '=', unitServiceId)
    .execute();
  await db
    .deleteFrom('service_tally_summary')
    .where('campaign_id', '=', campaignId)
    .where('unit_service_id', '=', unitServiceId)
    .execute();
}

export interface TallyScope {
  unitId?: string | undefined;
  unitServiceIds?: readonly string[] | undefined;
}

export async function tallyRows(db: Db, campaignId: string, scope: TallyScope) {
  if (scope.unitServiceIds && scope.unitServiceIds.length === 0) return { questions: [], summaries: [] };
  let q = db
    .selectFrom('service_tally')
    .select((eb) => [
      'question_code',
      eb.fn.sum<number | string>('sum').as('sum'),
      eb.fn.sum<number | string>('answered').as('answered'),
    ])
    .where('campaign_id', '=', campaignId);
  let s = db
    .selectFrom('service_tally_summary')
    .select((eb) => [
      eb.fn.sum<number | string>('respondents').as('respondents'),
      eb.fn.sum<number | string>('complete').as('complete'),
      // Text so PostgreSQL's numeric sum of bigints arrives exact (BigInt below).
      eb.cast<string>(eb.fn.sum('sum_z'), 'text').as('sum_z'),
      eb.cast<string>(eb.fn.sum('sum_z2'), 'text').as('sum_z2'),
    ])
    .where('campaign_id', '=', campaignId);
  if (scope.unitId) {
    q = q.where('unit_id', '=', scope.unitId);
    s = s.where('unit_id', '=', scope.unitId);
  }
  if (scope.unitServiceIds) {
    q = q.where('unit_service_id', 'in', [...scope.unitServiceIds]);
    s = s.where('unit_service_id', 'in', [...scope.unitServiceIds]);
  }
  const [questions, summaries] = await Promise.all([q.groupBy('question_code').execute(), s.execute()]);
  return { questions, summaries };
}
