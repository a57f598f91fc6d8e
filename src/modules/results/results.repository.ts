import { type Insertable, sql } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { ResponseValidity, ResultSnapshotTable } from '../../db/schema.ts';

/** Results SQL (Kysely only, same code on SQLite and PostgreSQL; no rules here). */

export const SNAPSHOT_KINDS = { service: 'skm_service', unit: 'skm_unit', agency: 'skm_agency' } as const;
export const campaignPeriodRef = (campaignId: string) => `campaign:${campaignId}`;

/**
 * A cheap fingerprint of everything the live results of a scope depend on: the per-service counters
 * and the integer tallies (any submission, invalidation or recount changes a count, a sum or an
 * `updated_at`), plus the campaign row itself (status, targets).
 */
export async function liveFingerprint(db: Db, campaignId: string, unitId: string | null): Promise<string> {
  const targets = db
    .selectFrom('campaign_target')
    .select((eb) => [
      eb.fn.sum<string | number | null>('n_submitted').as('s'),
      eb.fn.sum<string | number | null>('n_valid').as('v'),
      eb.fn.sum<string | number | null>('n_counted').as('c'),
      eb.fn.sum<string | number | null>('target').as('t'),
      eb.fn.max('updated_at').as('u'),
    ])
    .where('campaign_id', '=', campaignId);
  const tallies = db
    .selectFrom('service_tally_summary')
    .select((eb) => [
      eb.fn.sum<string | number | null>('respondents').as('r'),
      eb.fn.sum<string | number | null>('sum_z').as('z'),
      eb.fn.sum<string | number | null>('sum_z2').as('z2'),
      eb.fn.max('updated_at').as('u'),
    ])
    .where('campaign_id', '=', campaignId);
  const [a, b, c] = await Promise.all([
    (unitId ? targets.where('unit_id', '=', unitId) : targets).executeTakeFirst(),
    (unitId ? tallies.where('unit_id', '=', unitId) : tallies).executeTakeFirst(),
    db.selectFrom('skm_campaign').select(['status', 'updated_at']).where('id', '=', campaignId).executeTakeFirst(),
  ]);
  return JSON.stringify([a, b, c]);
}

/** Counted responses grouped by the respondent-profile fields (DOMAIN 5.9 uses nCounted as denominator). */
export const countedProfileGroups = (db: Db, campaignId: string, unitId: string) =>
  db
    .selectFrom('survey_response')
    .select((eb) => ['sex', 'education', 'occupation', 'age', eb.fn.countAll<string | number>().as('n')])
    .where('campaign_id', '=', campaignId)
    .where('unit_id', '=', unitId)
    .where('counted', '=', 1)
    .groupBy(['sex', 'education', 'occupation', 'age'])
    .execute();

// ---- Snapshots ----

export const insertSnapshots = async (db: Db, rows: Insertable<ResultSnapshotTable>[]) => {
  // Chunked: SQLite caps bound parameters per statement.
  for (let i = 0; i < rows.length; i += 100)
    await db
      .insertInto('result_snapshot')
      .values(rows.slice(i, i + 100))
      .execute();
};

export const snapshotsOfCampaign = (db: Db, campaignId: string) =>
  db
    .selectFrom('result_snapshot')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .where('period_ref', '=', campaignPeriodRef(campaignId))
    .where('kind', 'in', Object.values(SNAPSHOT_KINDS))
    .orderBy('version')
    .orderBy('kind')
    .orderBy('scope_key')
    .execute();

/** The newest version of each scope of a campaign (optionally one unit and its services). */
export async function latestSnapshots(db: Db, campaignId: string, unitId?: string) {
  let q = db
    .selectFrom('result_snapshot')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .where('period_ref', '=', campaignPeriodRef(campaignId))
    .where('kind', 'in', Object.values(SNAPSHOT_KINDS))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('result_snapshot as newer').select('newer.id').whereRef('newer.supersedes_id', '=', 'result_snapshot.id'),
        ),
      ),
    );
  if (unitId) q = q.where((eb) => eb.or([eb('unit_id', '=', unitId), eb('kind', '=', SNAPSHOT_KINDS.agency)]));
  return q.execute();
}

export const maxSnapshotVersion = async (db: Db, campaignId: string): Promise<number> => {
  const r = await db
    .selectFrom('result_snapshot')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('campaign_id', '=', campaignId)
    .where('period_ref', '=', campaignPeriodRef(campaignId))
    .executeTakeFirst();
  return Number(r?.v ?? 0);
};

// ---- Perception (SPKP/SPAK months) ----

/** Responses of a unit in a campaign submitted in the local months `from`..`to` (D17, `local_month`). */
export const perceptionCandidates = (db: Db, campaignId: string, unitId: string, from: string, to: string) =>
  db
    .selectFrom('survey_response')
    .select(['id', 'seq_no', 'submitted_at', 'completion_pct', 'validity', 'answers_json', 'unit_service_id'])
    .where('campaign_id', '=', campaignId)
    .where('unit_id', '=', unitId)
    .where('local_month', '>=', from)
    .where('local_month', '<=', to)
    .execute();

// ---- Response list and export ----

export interface ResponseFilter {
  campaignId: string;
  unitId: string;
  unitServiceId?: string | undefined;
  validity?: ResponseValidity | undefined;
  seqNo?: number | undefined;
  /** Exact normalised-name match through the name blind index. */
  nameBidx?: string | undefined;
  /** Only these ids (a name substring matched after decryption). */
  ids?: readonly string[] | undefined;
  /** Text search on the service name. */
  serviceText?: string | undefined;
}

function filtered(db: Db, f: ResponseFilter) {
  let q = db
    .selectFrom('survey_response as r')
    .innerJoin('unit_service as us', 'us.id', 'r.unit_service_id')
    .innerJoin('service_type as st', 'st.id', 'us.service_type_id')
    .where('r.campaign_id', '=', f.campaignId)
    .where('r.unit_id', '=', f.unitId);
  if (f.unitServiceId) q = q.where('r.unit_service_id', '=', f.unitServiceId);
  if (f.validity) q = q.where('r.validity', '=', f.validity);
  const any: ReturnType<typeof sql<boolean>>[] = [];
  if (f.seqNo !== undefined) any.push(sql<boolean>`r.seq_no = ${f.seqNo}`);
  if (f.nameBidx) any.push(sql<boolean>`r.name_bidx = ${f.nameBidx}`);
  if (f.serviceText) any.push(sql<boolean>`lower(st.name) like ${`%${f.serviceText.toLowerCase().replace(/[%_\\]/g, '')}%`}`);
  if (f.ids?.length) any.push(sql<boolean>`r.id in (${sql.join(f.ids.slice(0, 5000))})`);
  if (any.length) q = q.where(sql<boolean>`(${sql.join(any, sql` or `)})`);
  return q;
}

export const responseColumns = [
  'r.id',
  'r.seq_no',
  'r.submitted_at',
  'r.channel',
  'r.unit_service_id',
  'st.name as service_name',
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
  'r.validity',
  'r.counted',
  'r.duplicate_hint',
  'r.is_demo',
  'r.personal_purged_at',
] as const;

export type ResponseRow = Awaited<ReturnType<typeof responseBatch>>[number];

export async function listResponses(db: Db, f: ResponseFilter, page: number, pageSize: number) {
  const [rows, total] = await Promise.all([
    filtered(db, f)
      .select(responseColumns)
      .orderBy('r.seq_no', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    filtered(db, f)
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirst(),
  ]);
  return { rows, total: Number(total?.n ?? 0) };
}

/** Keyset batches in seqNo order, for the export (a large unit never sits in memory at once). */
export const responseBatch = (db: Db, f: ResponseFilter, afterSeq: number, limit: number) =>
  filtered(db, f).select(responseColumns).where('r.seq_no', '>', afterSeq).orderBy('r.seq_no').limit(limit).execute();

/** id and encrypted name of every response in the filter, for a name-substring search after decryption. */
export const encryptedNames = (db: Db, f: ResponseFilter) =>
  filtered(db, f).select(['r.id', 'r.full_name_enc']).where('r.full_name_enc', 'is not', null).execute();
