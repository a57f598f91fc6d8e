import type { Kysely } from 'kysely';

/**
 * Issue 4 data model (DOMAIN 4.6, 5.3–5.6, 5.10, 6.1), designed once: campaigns, targets, links,
 * responses with encrypted personal fields, cleansing, snapshots, API keys, live tallies and the
 * SPKP/SPAK months. Every unit-owned table carries `unit_id`; ids are app-generated UUIDv7.
 */
// Frozen in time: never edit a released migration, add a new one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('skm_campaign')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // `skm` (the annual survey) or `perception` (a standalone SPKP/SPAK programme with its own links).
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('skm'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('profile_code', 'text', (c) => c.notNull())
    .addColumn('profile_version', 'integer', (c) => c.notNull())
    .addColumn('circular_ref', 'text')
    .addColumn('circular_date', 'text')
    .addColumn('prep_service_data_window', 'text')
    .addColumn('prep_target_window', 'text')
    .addColumn('processing_window', 'text')
    .addColumn('collection_start', 'text', (c) => c.notNull())
    .addColumn('collection_end', 'text', (c) => c.notNull())
    // Original end plus the latest extension's new end, kept here so the public form reads one row.
    .addColumn('effective_end', 'text', (c) => c.notNull())
    .addColumn('validity_matrix_due', 'text')
    .addColumn('report_due', 'text')
    .addColumn('periodicity_label', 'text', (c) => c.notNull().defaultTo('tahun'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('allow_embedding', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('embed_origins_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('retention_days', 'integer')
    .addColumn('personal_data_purged_at', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', 'text')
    .execute();
  await db.schema.createIndex('skm_campaign_year_idx').on('skm_campaign').columns(['year', 'status']).execute();

  await db.schema
    .createTable('campaign_extension')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('skm_campaign.id'))
    .addColumn('previous_end', 'text', (c) => c.notNull())
    .addColumn('new_end', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('letter_ref', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('campaign_extension_campaign_idx').on('campaign_extension').column('campaign_id').execute();

  await db.schema
    .createTable('campaign_unit')
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('skm_campaign.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    // Last `seqNo` handed out in this campaign × unit (DOMAIN 5.3: assigned at submission, never renumbered).
    .addColumn('last_seq_no', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('campaign_unit_pk', ['campaign_id', 'unit_id'])
    .execute();
  await db.schema.createIndex('campaign_unit_unit_idx').on('campaign_unit').column('unit_id').execute();

  await db.schema
    .createTable('campaign_target')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('skm_campaign.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('unit_service_id', 'text', (c) => c.notNull().references('unit_service.id'))
    .addColumn('prev_year_population', 'integer')
    .addColumn('divisor', 'integer', (c) => c.notNull())
    .addColumn('population_period', 'integer', (c) => c.notNull())
    .addColumn('computed_target', 'integer', (c) => c.notNull())
    .addColumn('target', 'integer', (c) => c.notNull())
    .addColumn('overridden', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('override_reason', 'text')
    .addColumn('overridden_by', 'text')
    .addColumn('overridden_at', 'text')
    // Live counters for the results pages (maintained by the response writer, recounted on invalidation).
    .addColumn('n_submitted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('n_valid', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('n_counted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('campaign_target_service_uq', ['campaign_id', 'unit_service_id'])
    .execute();
  await db.schema.createIndex('campaign_target_unit_idx').on('campaign_target').columns(['campaign_id', 'unit_id']).execute();

  await db.schema
    .createTable('survey_link')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('skm_campaign.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('unit_service_id', 'text', (c) => c.references('unit_service.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('short_alias', 'text', (c) => c.unique())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('replaced_by', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('deactivated_at', 'text')
    .execute();
  await db.schema.createIndex('survey_link_campaign_unit_idx').on('survey_link').columns(['campaign_id', 'unit_id']).execute();

  await db.schema
    .createTable('survey_response')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('skm_campaign.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('unit_service_id', 'text', (c) => c.notNull().references('unit_service.id'))
    .addColumn('link_id', 'text')
    .addColumn('seq_no', 'integer', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('client_submission_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('entered_by', 'text')
    .addColumn('profile_code', 'text', (c) => c.notNull())
    .addColumn('profile_version', 'integer', (c) => c.notNull())
    // Personal fields: AES-256-GCM ciphertext (`v1.<iv>.<tag>.<data>`), null once purged or not given.
    .addColumn('full_name_enc', 'text')
    .addColumn('phone_enc', 'text')
    .addColumn('institution_enc', 'text')
    // Keyed blind index of the normalised phone; null when not given ("0" never matches).
    .addColumn('phone_bidx', 'text')
    // Keyed blind index of the normalised name, for the "same name + service within 60 minutes" hint.
    .addColumn('name_bidx', 'text')
    .addColumn('age', 'integer')
    .addColumn('sex', 'text')
    .addColumn('education', 'text')
    .addColumn('occupation', 'text')
    .addColumn('completion_pct', 'integer')
    .addColumn('suggestion', 'text')
    .addColumn('answers_json', 'text', (c) => c.notNull())
    .addColumn('validity', 'text', (c) => c.notNull().defaultTo('valid'))
    .addColumn('ip_hmac', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    // `phone` or `name_service`: flags for review, never discards (DOMAIN 5.6).
    .addColumn('duplicate_hint', 'text')
    .addColumn('duplicate_of_id', 'text')
    .addColumn('locale', 'text')
    .addColumn('personal_purged_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('survey_response_submission_uq', ['campaign_id', 'client_submission_id'])
    .addUniqueConstraint('survey_response_seq_uq', ['campaign_id', 'unit_id', 'seq_no'])
    .execute();
  await db.schema
    .createIndex('survey_response_service_time_idx')
    .on('survey_response')
    .columns(['campaign_id', 'unit_id', 'unit_service_id', 'submitted_at'])
    .execute();
  await db.schema.createIndex('survey_response_phone_idx').on('survey_response').columns(['campaign_id', 'phone_bidx']).execute();
  await db.schema
    .createIndex('survey_response_name_idx')
    .on('survey_response')
    .columns(['campaign_id', 'unit_service_id', 'name_bidx'])
    .execute();
  // SPKP/SPAK months select by unit and submission time (D17).
  await db.schema
    .createIndex('survey_response_unit_time_idx')
    .on('survey_response')
    .columns(['unit_id', 'submitted_at'])
    .execute();

  await db.schema
    .createTable('response_invalidation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('skm_campaign.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('response_id', 'text', (c) => c.notNull().references('survey_response.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('proposed_by', 'text', (c) => c.notNull())
    .addColumn('proposed_at', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decision_note', 'text')
    .addColumn('reinstated_by', 'text')
    .addColumn('reinstated_at', 'text')
    .addColumn('reinstate_reason', 'text')
    .execute();
  await db.schema.createIndex('response_invalidation_response_idx').on('response_invalidation').column('response_id').execute();
  await db.schema
    .createIndex('response_invalidation_campaign_idx')
    .on('response_invalidation')
    .columns(['campaign_id', 'unit_id', 'decision'])
    .execute();

  await db.schema
    .createTable('shortfall_justification')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('skm_campaign.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('unit_service_id', 'text', (c) => c.notNull().references('unit_service.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('entered_by', 'text', (c) => c.notNull())
    .addColumn('entered_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('shortfall_justification_uq', ['campaign_id', 'unit_service_id'])
    .execute();

  await db.schema
    .createTable('result_snapshot')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // e.g. `skm_service`, `skm_unit`, `skm_agency`, `perception_month`, `skm_unit_published` (imported history).
    .addColumn('kind', 'text', (c) => c.notNull())
    // Stable text key of the scope (`unit:<id>`, `service:<id>`, `agency`) so versions line up.
    .addColumn('scope_key', 'text', (c) => c.notNull())
    .addColumn('scope_json', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text')
    .addColumn('unit_service_id', 'text')
    .addColumn('campaign_id', 'text')
    .addColumn('period_ref', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('computed'))
    .addColumn('inputs_hash', 'text')
    .addColumn('algorithm_version', 'text', (c) => c.notNull())
    .addColumn('profile_code', 'text')
    .addColumn('profile_version', 'integer')
    // `[{key, fullPrecision, published, class?}]`: full precision as decimal strings plus the printed 2-dp value.
    .addColumn('values_json', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('supersedes_id', 'text', (c) => c.references('result_snapshot.id'))
    .addColumn('restatement_reason', 'text')
    .addColumn('frozen_at', 'text', (c) => c.notNull())
    .addColumn('frozen_by', 'text')
    .addUniqueConstraint('result_snapshot_version_uq', ['kind', 'scope_key', 'period_ref', 'version'])
    .execute();
  await db.schema
    .createIndex('result_snapshot_unit_idx')
    .on('result_snapshot')
    .columns(['unit_id', 'kind', 'period_ref'])
    .execute();
  await db.schema.createIndex('result_snapshot_campaign_idx').on('result_snapshot').columns(['campaign_id', 'kind']).execute();

  await db.schema
    .createTable('api_key')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('skm_campaign.id'))
    .addColumn('unit_service_id', 'text', (c) => c.references('unit_service.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    // sha256 of the key (keys are random, so a fast hash is enough); `prefix` helps people tell keys apart.
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('key_prefix', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('api_key_unit_idx').on('api_key').columns(['unit_id', 'campaign_id']).execute();

  // Incremental per-service sums over the counted responses, per question (S_q and n_q of DOMAIN 5.7).
  await db.schema
    .createTable('service_tally')
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('skm_campaign.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('unit_service_id', 'text', (c) => c.notNull().references('unit_service.id'))
    .addColumn('question_code', 'text', (c) => c.notNull())
    .addColumn('sum', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('answered', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('service_tally_pk', ['campaign_id', 'unit_id', 'unit_service_id', 'question_code'])
    .execute();

  await db.schema
    .createTable('perception_month')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('month', 'integer', (c) => c.notNull())
    .addColumn('profile_code', 'text', (c) => c.notNull())
    .addColumn('profile_version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    // Recipients with 100% completion in the month, entered by the unit (response rate, DOMAIN 6.4).
    .addColumn('recipients_full_completion', 'integer')
    .addColumn('closed_at', 'text')
    .addColumn('frozen_at', 'text')
    .addColumn('frozen_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('perception_month_uq', ['unit_id', 'year', 'month'])
    .execute();

  await db.schema
    .createTable('perception_selection')
    .addColumn('perception_month_id', 'text', (c) => c.notNull().references('perception_month.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('response_id', 'text', (c) => c.notNull().references('survey_response.id'))
    .addColumn('eligible', 'integer', (c) => c.notNull())
    .addColumn('selected', 'integer', (c) => c.notNull())
    .addColumn('rank', 'integer')
    .addPrimaryKeyConstraint('perception_selection_pk', ['perception_month_id', 'response_id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Down migrations are not supported; restore from backup instead.');
}
