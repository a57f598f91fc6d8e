import type { Kysely } from 'kysely';

/**
 * Live results (issue 4, W3): the respondent profile of a unit groups its counted responses by sex,
 * education, occupation and age. This covering index turns that group-by into an index-only scan
 * (a unit with 100,000 responses no longer reads the rows with their encrypted fields and answers).
 */
// Frozen in time: never edit a released migration, add a new one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('survey_response_counted_profile_idx')
    .on('survey_response')
    .columns(['campaign_id', 'unit_id', 'counted', 'sex', 'education', 'occupation', 'age'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Down migrations are not supported; restore from backup instead.');
}
