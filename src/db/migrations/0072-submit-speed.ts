import { type Kysely, sql } from 'kysely';

/**
 * Issue 4 §12 (submission speed): every lookup a public submission makes stays an index seek,
 * however many responses a service already has.
 * - The duplicate hints (DOMAIN 5.6) seek the earliest earlier response with the same phone in the
 *   unit, or the same name for the service within 60 minutes. With only (campaign, phone) and
 *   (campaign, service, name) SQLite preferred the unit-time or service-time index to save a sort, and
 *   read every response of the unit or of the two-hour window. The wider indexes replace the old ones
 *   (same count of indexes) and answer both lookups with one seek, in order.
 * - The last member of a truncated counted window (D5): a partial index over counted responses only.
 *   The full order index walked back over every uncounted response once a target was reached.
 */
// Frozen in time: never edit a released migration, add a new one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('survey_response_phone_idx').execute();
  await db.schema
    .createIndex('survey_response_phone_unit_idx')
    .on('survey_response')
    .columns(['campaign_id', 'phone_bidx', 'unit_id', 'submitted_at', 'seq_no'])
    .execute();
  await db.schema.dropIndex('survey_response_name_idx').execute();
  await db.schema
    .createIndex('survey_response_name_time_idx')
    .on('survey_response')
    .columns(['campaign_id', 'unit_service_id', 'name_bidx', 'submitted_at', 'seq_no'])
    .execute();
  await db.schema
    .createIndex('survey_response_counted_last_idx')
    .on('survey_response')
    .columns(['campaign_id', 'unit_service_id', 'submitted_at', 'seq_no'])
    .where(sql.ref('counted'), '=', 1)
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Down migrations are not supported; restore from backup instead.');
}
