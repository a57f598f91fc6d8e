import type { Db } from '../../db/connection.ts';

/** SQL of the retention purge (DOMAIN 4.8): closed campaigns whose personal fields are still kept. */

export const closedUnpurgedCampaigns = (db: Db) =>
  db
    .selectFrom('skm_campaign')
    .select(['id', 'name', 'year', 'closed_at', 'retention_days'])
    .where('status', '=', 'closed')
    .where('closed_at', 'is not', null)
    .where('personal_data_purged_at', 'is', null)
    .orderBy('closed_at')
    .execute();

/** Responses of the campaign that still hold a personal field or a blind index of one. */
export async function countWithPersonalData(db: Db, campaignId: string): Promise<number> {
  const r = await db
    .selectFrom('survey_response')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('campaign_id', '=', campaignId)
    .where((eb) =>
      eb.or([
        eb('full_name_enc', 'is not', null),
        eb('phone_enc', 'is not', null),
        eb('institution_enc', 'is not', null),
        eb('phone_bidx', 'is not', null),
        eb('name_bidx', 'is not', null),
      ]),
    )
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Nulls the personal fields and their blind indexes; answers, respondent profile fields and counts stay. */
export async function purgeResponses(db: Db, campaignId: string, now: string): Promise<number> {
  const r = await db
    .updateTable('survey_response')
    .set({
      full_name_enc: null,
      phone_enc: null,
      institution_enc: null,
      phone_bidx: null,
      name_bidx: null,
      personal_purged_at: now,
    })
    .where('campaign_id', '=', campaignId)
    .where('personal_purged_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Marks the campaign purged unless another server already did (true when this call made it). */
export async function markCampaignPurged(db: Db, campaignId: string, now: string): Promise<boolean> {
  const r = await db
    .updateTable('skm_campaign')
    .set({ personal_data_purged_at: now, updated_at: now })
    .where('id', '=', campaignId)
    .where('personal_data_purged_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function recordJob(
  db: Db,
  row: { id: string; kind: string; payload: object; result: object; status: string; now: string },
): Promise<void> {
  await db
    .insertInto('job')
    .values({
      id: row.id,
      kind: row.kind,
      payload_json: JSON.stringify(row.payload),
      status: row.status,
      run_at: row.now,
      locked_until: null,
      attempts: 1,
      last_error: null,
      progress: 100,
      created_at: row.now,
      updated_at: row.now,
      result_json: JSON.stringify(row.result),
    })
    // One row per day: later passes of the day update it (and count themselves in `attempts`).
    .onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => ({
        status: row.status,
        attempts: eb('job.attempts', '+', 1),
        result_json: JSON.stringify(row.result),
        updated_at: row.now,
      })),
    )
    .execute();
}
