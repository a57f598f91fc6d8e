import type { Kysely } from 'kysely';

/**
 * Response submission (issue 4, W1): the counted-window flag and local month on each response, and
 * the per-service integer summary (respondents, complete, Σz, Σz²) that completes `service_tally`
 * so a live SkmTally (incl. the D37 interval) is read from stored integers without a scan.
 */
// Frozen in time: never edit a released migration, add a new one.
export async function up(db: Kysely<unknown>): Promise<void> {
  // 1 when the response is inside the D5 counted window of its service (maintained by counted-window.ts).
  await db.schema
    .alterTable('survey_response')
    .addColumn('counted', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // `YYYY-MM` of submitted_at in the unit's time zone (D17), for the SPKP/SPAK month queries.
  await db.schema.alterTable('survey_response').addColumn('local_month', 'text').execute();
  await db.schema
    .createIndex('survey_response_count_order_idx')
    .on('survey_response')
    .columns(['campaign_id', 'unit_service_id', 'submitted_at', 'seq_no'])
    .execute();
  await db.schema
    .createIndex('survey_response_unit_month_idx')
    .on('survey_response')
    .columns(['unit_id', 'local_month'])
    .execute();

  await db.schema
    .createTable('service_tally_summary')
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('skm_campaign.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('unit_service_id', 'text', (c) => c.notNull().references('unit_service.id'))
    .addColumn('respondents', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('complete', 'integer', (c) => c.notNull().defaultTo(0))
    // Σz ≤ 162·n and Σz² ≤ 26 244·n for bpom-2024: exact in bigint and in a JS number far beyond any campaign.
    .addColumn('sum_z', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('sum_z2', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('service_tally_summary_pk', ['campaign_id', 'unit_id', 'unit_service_id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Down migrations are not supported; restore from backup instead.');
}
