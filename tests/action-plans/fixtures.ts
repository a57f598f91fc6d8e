import type { Db } from '../../src/db/connection.ts';
import type { Clock } from '../../src/shared/clock.ts';
import { newId } from '../../src/shared/ids.ts';

export function movableClock(iso: string): Clock & { set(iso: string): void } {
  let now = new Date(iso);
  return { now: () => new Date(now), set: (v: string) => (now = new Date(v)) };
}

export const unitId = async (db: Db, code: string) =>
  (await db.selectFrom('org_unit').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;

export async function serviceOf(db: Db, unit: string, nameLike: string) {
  return db
    .selectFrom('unit_service as us')
    .innerJoin('service_type as st', 'st.id', 'us.service_type_id')
    .select(['us.id', 'st.name'])
    .where('us.unit_id', '=', unit)
    .where('st.name', 'like', `%${nameLike}%`)
    .executeTakeFirstOrThrow();
}

/** A closed SKM campaign of `year` over `units`, made directly (its lifecycle is issue 4's). */
export async function closedCampaign(db: Db, year: number, units: string[]) {
  const id = newId();
  const now = `${year}-12-20T00:00:00.000Z`;
  await db
    .insertInto('skm_campaign')
    .values({
      id,
      kind: 'skm',
      year,
      name: `SKM ${year}`,
      profile_code: 'bpom-2024',
      profile_version: 1,
      circular_ref: null,
      circular_date: null,
      prep_service_data_window: null,
      prep_target_window: null,
      processing_window: null,
      collection_start: `${year}-04-01`,
      collection_end: `${year}-09-30`,
      effective_end: `${year}-09-30`,
      validity_matrix_due: null,
      report_due: null,
      periodicity_label: 'tahun',
      status: 'closed',
      allow_embedding: 0,
      embed_origins_json: '[]',
      is_demo: 0,
      retention_days: null,
      personal_data_purged_at: null,
      created_by: null,
      created_at: now,
      updated_at: now,
      closed_at: now,
      closed_by: null,
    })
    .execute();
  for (const u of units)
    await db.insertInto('campaign_unit').values({ campaign_id: id, unit_id: u, last_seq_no: 0, added_at: now }).execute();
  return id;
}

const values = (prefix: string, published: string[]) =>
  JSON.stringify(published.map((p, i) => ({ key: `${prefix}U${i + 1}`, fullPrecision: p, exact: p, published: p })));

/**
 * Snapshot rows in the shape frozen at close (W3: kinds skm_unit / skm_service, keys `V.U1`…, period
 * `campaign:<id>`) and imported history (W2: kind skm_unit_published, keys `U1`…, period = the year).
 */
export async function insertSnapshot(
  db: Db,
  s: {
    kind: 'skm_unit' | 'skm_service' | 'skm_unit_published';
    unitId: string;
    unitServiceId?: string;
    campaignId?: string;
    year?: number;
    published: string[];
    version?: number;
    supersedesId?: string;
  },
) {
  const id = newId();
  const scope = s.unitServiceId ? `service:${s.unitServiceId}` : `unit:${s.unitId}`;
  await db
    .insertInto('result_snapshot')
    .values({
      id,
      kind: s.kind,
      scope_key: scope,
      scope_json: JSON.stringify({ unitId: s.unitId, unitServiceId: s.unitServiceId ?? null }),
      unit_id: s.unitId,
      unit_service_id: s.unitServiceId ?? null,
      campaign_id: s.campaignId ?? null,
      period_ref: s.campaignId ? `campaign:${s.campaignId}` : String(s.year),
      source: s.kind === 'skm_unit_published' ? 'imported' : 'computed',
      inputs_hash: null,
      algorithm_version: 'test',
      profile_code: null,
      profile_version: null,
      values_json: values(s.kind === 'skm_unit_published' ? '' : 'V.', s.published),
      version: s.version ?? 1,
      supersedes_id: s.supersedesId ?? null,
      restatement_reason: s.supersedesId ? 'koreksi' : null,
      frozen_at: new Date().toISOString(),
      frozen_by: null,
    })
    .execute();
  return id;
}

/** A multipart/form-data body with one file part and optional text fields. */
export function multipart(file: { name: string; data: Buffer; type?: string }, fields: Record<string, string> = {}) {
  const boundary = `----mutu${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
    ),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
