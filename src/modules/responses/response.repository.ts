import { type Insertable, sql } from 'kysely';
import type { Db } from '../../db/connection.ts';
import { preparedQuery } from '../../db/prepared-query.ts';
import type { SkmCampaignTable, SurveyLinkTable, SurveyResponseTable } from '../../db/schema.ts';

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

/** Every campaign column, so a missing one is a type error (the joined token read below returns whole rows). */
const CAMPAIGN_COLUMNS = Object.keys({
  id: 1,
  kind: 1,
  year: 1,
  name: 1,
  profile_code: 1,
  profile_version: 1,
  circular_ref: 1,
  circular_date: 1,
  prep_service_data_window: 1,
  prep_target_window: 1,
  processing_window: 1,
  collection_start: 1,
  collection_end: 1,
  effective_end: 1,
  validity_matrix_due: 1,
  report_due: 1,
  periodicity_label: 1,
  status: 1,
  allow_embedding: 1,
  embed_origins_json: 1,
  is_demo: 1,
  retention_days: 1,
  personal_data_purged_at: 1,
  created_by: 1,
  created_at: 1,
  updated_at: 1,
  closed_at: 1,
  closed_by: 1,
} satisfies Record<keyof SkmCampaignTable, 1>) as (keyof SkmCampaignTable)[];

export type TokenLink = SurveyLinkTable & { unit_name: string; unit_code: string; service_name: string | null };

const tokenQuery = preparedQuery<{ token: string }, Record<string, unknown>>(['token'], (db, p) =>
  db
    .selectFrom('survey_link as l')
    .innerJoin('org_unit as ou', 'ou.id', 'l.unit_id')
    .leftJoin('unit_service as us', 'us.id', 'l.unit_service_id')
    .leftJoin('service_type as st', 'st.id', 'us.service_type_id')
    .leftJoin('skm_campaign as c', 'c.id', 'l.campaign_id')
    .leftJoin('campaign_unit as cu', (j) => j.onRef('cu.campaign_id', '=', 'l.campaign_id').onRef('cu.unit_id', '=', 'l.unit_id'))
    .selectAll('l')
    .select([
      'ou.name as unit_name',
      'ou.code as unit_code',
      'st.name as service_name',
      'cu.unit_id as cu_unit_id',
      'ou.time_zone as tz',
    ])
    .select(CAMPAIGN_COLUMNS.map((k) => `c.${k} as c_${k}` as `c.id as c_id`))
    .where('l.token', '=', p.token),
);

/**
 * The public form's token in one read: the link (with unit and service names), its campaign and the
 * unit's time zone when the unit is in the campaign (D17; undefined otherwise).
 */
export async function resolveTokenRow(
  db: Db,
  token: string,
): Promise<{ link: TokenLink; campaign: SkmCampaignTable | undefined; timeZone: string | undefined } | undefined> {
  const row = (await tokenQuery(db, { token })).rows[0];
  if (!row) return undefined;
  const campaign: Record<string, unknown> = {};
  const link: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (k.startsWith('c_')) campaign[k.slice(2)] = v;
    else if (k !== 'cu_unit_id' && k !== 'tz') link[k] = v;
  }
  return {
    link: link as unknown as TokenLink,
    campaign: campaign.id == null ? undefined : (campaign as unknown as SkmCampaignTable),
    timeZone: row.cu_unit_id == null ? undefined : (row.tz as string),
  };
}

export const targetOfService = (db: Db, campaignId: string, unitServiceId: string) =>
  db
    .selectFrom('campaign_target')
    .select(['id', 'unit_id', 'unit_service_id', 'target', 'n_submitted', 'n_valid', 'n_counted'])
    .where('campaign_id', '=', campaignId)
    .where('unit_service_id', '=', unitServiceId)
    .executeTakeFirst();

/**
 * Everything a submission checks before it writes, in one read: the campaign, the unit in the
 * campaign (with its time zone), the service's target row and an earlier response with the same
 * idempotency key. Undefined when the campaign does not exist.
 */
const submitContextQuery = preparedQuery<
  { campaignId: string; unitId: string; unitServiceId: string; clientSubmissionId: string },
  {
    id: string;
    status: SkmCampaignTable['status'];
    is_demo: SkmCampaignTable['is_demo'];
    collection_start: string;
    effective_end: string;
    profile_code: string;
    profile_version: number;
    unit_id: string | null;
    time_zone: string | null;
    target_unit_id: string | null;
    existing_id: string | null;
    existing_seq_no: number | null;
    existing_duplicate_hint: string | null;
  }
>(['campaignId', 'unitId', 'unitServiceId', 'clientSubmissionId'], (db, p) =>
  db
    .selectFrom('skm_campaign as c')
    .leftJoin('campaign_unit as cu', (j) => j.onRef('cu.campaign_id', '=', 'c.id').on('cu.unit_id', '=', p.unitId))
    .leftJoin('org_unit as ou', 'ou.id', 'cu.unit_id')
    .leftJoin('campaign_target as ct', (j) =>
      j.onRef('ct.campaign_id', '=', 'c.id').on('ct.unit_service_id', '=', p.unitServiceId),
    )
    .leftJoin('survey_response as r', (j) =>
      j.onRef('r.campaign_id', '=', 'c.id').on('r.client_submission_id', '=', p.clientSubmissionId),
    )
    .select([
      'c.id',
      'c.status',
      'c.is_demo',
      'c.collection_start',
      'c.effective_end',
      'c.profile_code',
      'c.profile_version',
      'cu.unit_id as unit_id',
      'ou.time_zone as time_zone',
      'ct.unit_id as target_unit_id',
      'r.id as existing_id',
      'r.seq_no as existing_seq_no',
      'r.duplicate_hint as existing_duplicate_hint',
    ])
    .where('c.id', '=', p.campaignId),
);

/**
 * Everything a submission checks before it writes, in one read: the campaign, the unit in the
 * campaign (with its time zone), the service's target row and an earlier response with the same
 * idempotency key. Undefined when the campaign does not exist.
 */
export const submitContext = async (
  db: Db,
  campaignId: string,
  unitId: string,
  unitServiceId: string,
  clientSubmissionId: string,
) => (await submitContextQuery(db, { campaignId, unitId, unitServiceId, clientSubmissionId })).rows[0];

type SubmissionStateParams = {
  campaignId: string;
  unitId: string;
  unitServiceId: string;
  phoneBidx: string | null;
  nameBidx: string | null;
  nameFrom: string;
  nameTo: string;
};

const submissionStateQuery = preparedQuery<
  SubmissionStateParams,
  {
    target: number;
    n_valid: number;
    phone_of: string | null;
    name_of: string | null;
    last_counted_at: string | null;
    last_counted_seq_no: number | null;
  }
>(['campaignId', 'unitId', 'unitServiceId', 'phoneBidx', 'nameBidx', 'nameFrom', 'nameTo'], (db, p) => {
  // `counted = 1` as a literal lets SQLite use the partial index (a bound parameter would not).
  const lastCounted = db
    .selectFrom('survey_response')
    .where('campaign_id', '=', p.campaignId)
    .where('unit_service_id', '=', p.unitServiceId)
    .where(sql<boolean>`counted = 1`)
    .orderBy('submitted_at', 'desc')
    .orderBy('seq_no', 'desc')
    .limit(1);
  return db
    .selectFrom('campaign_target as ct')
    .select((eb) => [
      'ct.target',
      'ct.n_valid',
      // A null blind index ("not given") compares as unknown: it never matches.
      eb
        .selectFrom('survey_response')
        .select('id')
        .where('campaign_id', '=', p.campaignId)
        .where('phone_bidx', '=', p.phoneBidx)
        .where('unit_id', '=', p.unitId)
        .orderBy('submitted_at')
        .orderBy('seq_no')
        .limit(1)
        .as('phone_of'),
      eb
        .selectFrom('survey_response')
        .select('id')
        .where('campaign_id', '=', p.campaignId)
        .where('unit_service_id', '=', p.unitServiceId)
        .where('name_bidx', '=', p.nameBidx)
        .where('submitted_at', '>=', p.nameFrom)
        .where('submitted_at', '<=', p.nameTo)
        .orderBy('submitted_at')
        .orderBy('seq_no')
        .limit(1)
        .as('name_of'),
      lastCounted.select('submitted_at').as('last_counted_at'),
      lastCounted.select('seq_no').as('last_counted_seq_no'),
    ])
    .where('ct.campaign_id', '=', p.campaignId)
    .where('ct.unit_service_id', '=', p.unitServiceId);
});

const lockTargetQuery = preparedQuery<{ campaignId: string; unitServiceId: string }, { id: string }>(
  ['campaignId', 'unitServiceId'],
  (db, p) =>
    db
      .selectFrom('campaign_target')
      .select('id')
      .where('campaign_id', '=', p.campaignId)
      .where('unit_service_id', '=', p.unitServiceId)
      .forUpdate(),
);

/**
 * Read right after `nextSeqNo` has locked campaign × unit, in one statement: the service's counted
 * window (target, valid so far, its last member) and the first earlier response with the same phone
 * (campaign × unit) or the same name for the same service in [nameFrom, nameTo] (DOMAIN 5.6).
 * `lock` (PostgreSQL; SQLite has one writer anyway) first locks the target row against a concurrent
 * recount or target change.
 */
export async function submissionState(db: Db, q: SubmissionStateParams, lock: boolean) {
  // A statement of its own: in READ COMMITTED the read below then sees whatever a recount committed
  // while this one waited for the lock (subqueries of a locking read would not).
  if (lock) await lockTargetQuery(db, q);
  const { rows } = await submissionStateQuery(db, q);
  const row = rows[0];
  if (!row) throw new Error(`No target for service ${q.unitServiceId} in campaign ${q.campaignId}`);
  return row;
}

export const findBySubmissionId = (db: Db, campaignId: string, clientSubmissionId: string) =>
  db
    .selectFrom('survey_response')
    .select(['id', 'seq_no', 'duplicate_hint'])
    .where('campaign_id', '=', campaignId)
    .where('client_submission_id', '=', clientSubmissionId)
    .executeTakeFirst();

const nextSeqNoQuery = preparedQuery<{ campaignId: string; unitId: string }, { last_seq_no: number }>(
  ['campaignId', 'unitId'],
  (db, p) =>
    db
      .updateTable('campaign_unit')
      .set({ last_seq_no: sql<number>`last_seq_no + 1` })
      .where('campaign_id', '=', p.campaignId)
      .where('unit_id', '=', p.unitId)
      .returning('last_seq_no'),
);

/** Hands out the next `seqNo` of the campaign × unit; the update also locks the row until commit. */
export async function nextSeqNo(db: Db, campaignId: string, unitId: string): Promise<number> {
  const row = (await nextSeqNoQuery(db, { campaignId, unitId })).rows[0];
  if (!row) throw new Error(`Unit ${unitId} is not in campaign ${campaignId}`);
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

type ResponseRow = Insertable<SurveyResponseTable>;
const insertByColumns = new Map<string, (db: Db, row: ResponseRow) => Promise<unknown>>();

/** One response; compiled once per set of columns (the submission path always sends the same set). */
export function insertResponse(db: Db, row: ResponseRow): Promise<unknown> {
  // As Kysely's `values`: a column given as undefined is left to its default.
  const columns = (Object.keys(row) as (keyof ResponseRow & string)[]).filter((k) => row[k] !== undefined);
  const key = columns.join(',');
  let insert = insertByColumns.get(key);
  if (!insert) {
    insert = preparedQuery<ResponseRow, never>(columns, (d, p) => d.insertInto('survey_response').values(p));
    insertByColumns.set(key, insert);
  }
  return insert(db, row);
}

export async function insertResponses(db: Db, rows: Insertable<SurveyResponseTable>[]): Promise<void> {
  // Chunked: SQLite caps bound parameters per statement (~36 columns per row).
  for (let i = 0; i < rows.length; i += 25)
    await db
      .insertInto('survey_response')
      .values(rows.slice(i, i + 25))
      .execute();
}

// ---- Counted window ----

const bumpQuery = preparedQuery<
  { campaignId: string; unitServiceId: string; submitted: number; valid: number; counted: number; at: string },
  never
>(['campaignId', 'unitServiceId', 'submitted', 'valid', 'counted', 'at'], (db, p) =>
  db
    .updateTable('campaign_target')
    .set({
      n_submitted: sql<number>`n_submitted + ${p.submitted}`,
      n_valid: sql<number>`n_valid + ${p.valid}`,
      n_counted: sql<number>`n_counted + ${p.counted}`,
      updated_at: p.at,
    })
    .where('campaign_id', '=', p.campaignId)
    .where('unit_service_id', '=', p.unitServiceId),
);

/** Adds to the live counters. */
export const bumpTargetCounters = (
  db: Db,
  campaignId: string,
  unitServiceId: string,
  d: { submitted: number; valid: number; counted: number },
  at: string,
) => bumpQuery(db, { campaignId, unitServiceId, ...d, at });

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

type TallyParams = Record<string, string | number>;
interface TallyUpsert {
  run: (db: Db, p: TallyParams) => Promise<unknown>;
  /** Parameter names per question: code, sum, answered. */
  names: [string, string, string][];
}
const tallyUpserts = new Map<number, TallyUpsert>();

/** The per-question upsert for `n` questions, compiled once per question count. */
function tallyUpsert(n: number): TallyUpsert {
  let q = tallyUpserts.get(n);
  if (!q) {
    const perQuestion = Array.from({ length: n }, (_, i): [string, string, string] => [`q${i}`, `s${i}`, `a${i}`]);
    const names = ['campaignId', 'unitId', 'unitServiceId', 'at', ...perQuestion.flat()];
    const run = preparedQuery<TallyParams, never>(names, (db, p) =>
      db
        .insertInto('service_tally')
        .values(
          Array.from({ length: n }, (_, i) => ({
            campaign_id: p.campaignId as string,
            unit_id: p.unitId as string,
            unit_service_id: p.unitServiceId as string,
            question_code: p[`q${i}`] as string,
            sum: p[`s${i}`] as number,
            answered: p[`a${i}`] as number,
            updated_at: p.at as string,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['campaign_id', 'unit_id', 'unit_service_id', 'question_code']).doUpdateSet({
            sum: sql<number>`service_tally.sum + excluded.sum`,
            answered: sql<number>`service_tally.answered + excluded.answered`,
            updated_at: sql<string>`excluded.updated_at`,
          }),
        ),
    );
    q = { run, names: perQuestion };
    tallyUpserts.set(n, q);
  }
  return q;
}

const summaryUpsert = preparedQuery<
  {
    campaignId: string;
    unitId: string;
    unitServiceId: string;
    respondents: number;
    complete: number;
    sumZ: number;
    sumZ2: number;
    at: string;
  },
  never
>(['campaignId', 'unitId', 'unitServiceId', 'respondents', 'complete', 'sumZ', 'sumZ2', 'at'], (db, p) =>
  db
    .insertInto('service_tally_summary')
    .values({
      campaign_id: p.campaignId,
      unit_id: p.unitId,
      unit_service_id: p.unitServiceId,
      respondents: p.respondents,
      complete: p.complete,
      sum_z: p.sumZ,
      sum_z2: p.sumZ2,
      updated_at: p.at,
    })
    .onConflict((oc) =>
      oc.columns(['campaign_id', 'unit_id', 'unit_service_id']).doUpdateSet({
        respondents: sql<number>`service_tally_summary.respondents + excluded.respondents`,
        complete: sql<number>`service_tally_summary.complete + excluded.complete`,
        sum_z: sql<number>`service_tally_summary.sum_z + excluded.sum_z`,
        sum_z2: sql<number>`service_tally_summary.sum_z2 + excluded.sum_z2`,
        updated_at: sql<string>`excluded.updated_at`,
      }),
    ),
);

/** Adds a tally to the stored per-service aggregates (upsert; one statement per table). */
export async function addTally(db: Db, d: TallyDelta, at: string): Promise<void> {
  const n = d.questionCodes.length;
  if (n) {
    const upsert = tallyUpsert(n);
    const p: TallyParams = { campaignId: d.campaignId, unitId: d.unitId, unitServiceId: d.unitServiceId, at };
    for (let i = 0; i < n; i++) {
      const [q, sum, answered] = upsert.names[i] as [string, string, string];
      p[q] = d.questionCodes[i] as string;
      p[sum] = d.sums[i] as number;
      p[answered] = d.answered[i] as number;
    }
    await upsert.run(db, p);
  }
  await summaryUpsert(db, {
    campaignId: d.campaignId,
    unitId: d.unitId,
    unitServiceId: d.unitServiceId,
    respondents: d.respondents,
    complete: d.complete,
    sumZ: d.sumZ,
    sumZ2: d.sumZ2,
    at,
  });
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
