import { type Kysely, sql } from 'kysely';

/**
 * Issue 7 data model (DOMAIN 8.1-8.3, 8.9, 8.11, 8.12): the SAKIP plan per entity (perspectives → sasaran →
 * indicators), target versions side by side, monthly realisations with their workflow, finalised quarters,
 * target-revision requests, budget imports and NKA inputs. Decimals are exact decimal strings; money is
 * whole rupiah stored as decimal-digit text (bigint-safe on both engines).
 */
// Frozen in time: never edit a released migration, add a new one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('perf_entity_setting')
    .addColumn('unit_id', 'text', (c) => c.primaryKey().references('org_unit.id'))
    .addColumn('overall_method', 'text', (c) => c.notNull().defaultTo('mean_of_perspectives'))
    .addColumn('aggregation_cap', 'text')
    // Efficiency rows per sasaran (default) or per indicator (D27).
    .addColumn('efficiency_rows', 'text', (c) => c.notNull().defaultTo('sasaran'))
    .addColumn('efficiency_total_method', 'text', (c) => c.notNull().defaultTo('pooled'))
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('perf_perspective')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('perf_perspective_code_uq', ['unit_id', 'code'])
    .execute();

  await db.schema
    .createTable('perf_sasaran')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('perspective_id', 'text', (c) => c.notNull().references('perf_perspective.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull().defaultTo('program'))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('valid_from_year', 'integer', (c) => c.notNull())
    .addColumn('valid_to_year', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('perf_sasaran_code_uq', ['unit_id', 'code', 'valid_from_year'])
    .execute();

  await db.schema
    .createTable('perf_indicator')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('sasaran_id', 'text', (c) => c.notNull().references('perf_sasaran.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit_of_measure', 'text', (c) => c.notNull().defaultTo('%'))
    .addColumn('polarity', 'text', (c) => c.notNull().defaultTo('maximize'))
    .addColumn('minimize_formula', 'text')
    .addColumn('formula_type', 'text', (c) => c.notNull())
    // {componentMode, ordinalScale, stageNames...}
    .addColumn('formula_params_json', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('frequency', 'text', (c) => c.notNull().defaultTo('monthly'))
    .addColumn('target_pattern', 'text', (c) => c.notNull())
    .addColumn('data_source_text', 'text')
    .addColumn('responsible_team', 'text')
    .addColumn('weight', 'text', (c) => c.notNull().defaultTo('1'))
    .addColumn('parent_indicator_id', 'text', (c) => c.references('perf_indicator.id'))
    // skm_pooled: the SKM campaign whose closed unit snapshot gives the realisation (DOMAIN §9), from `linked_from_month`.
    .addColumn('linked_campaign_id', 'text', (c) => c.references('skm_campaign.id'))
    .addColumn('linked_from_month', 'integer')
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('valid_from_year', 'integer', (c) => c.notNull())
    .addColumn('valid_to_year', 'integer')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('perf_indicator_code_uq', ['unit_id', 'code', 'valid_from_year'])
    .execute();
  await db.schema.createIndex('perf_indicator_sasaran_idx').on('perf_indicator').column('sasaran_id').execute();

  await db.schema
    .createTable('perf_target_version')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('indicator_id', 'text', (c) => c.notNull().references('perf_indicator.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    // renstra | renstra_revision | rkt | pk | pk_revision
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('label', 'text')
    .addColumn('annual_target', 'text')
    // 12 decimal strings or nulls (B01..B12, cumulative)
    .addColumn('monthly_json', 'text', (c) => c.notNull())
    .addColumn('budget', 'text')
    .addColumn('in_force', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('document_ref', 'text')
    .addColumn('revision_request_id', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('perf_target_version_uq', ['indicator_id', 'year', 'source', 'version'])
    .execute();
  // Exactly one version in force per indicator-year (the service switches within one transaction).
  await db.schema
    .createIndex('perf_target_in_force_uq')
    .on('perf_target_version')
    .columns(['indicator_id', 'year'])
    .unique()
    .where(sql.ref('in_force'), '=', 1)
    .execute();

  await db.schema
    .createTable('perf_realisation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('indicator_id', 'text', (c) => c.notNull().references('perf_indicator.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('month', 'integer', (c) => c.notNull())
    .addColumn('input_json', 'text', (c) => c.notNull())
    // R at full precision (decimal string, 12 places) for listing; reports re-evaluate input_json exactly.
    .addColumn('value', 'text')
    .addColumn('as_of_date', 'text')
    .addColumn('evidence_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('obstacles', 'text')
    .addColumn('note', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('review_note', 'text')
    .addColumn('entered_by', 'text')
    .addColumn('submitted_by', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('verified_by', 'text')
    .addColumn('verified_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('perf_realisation_uq', ['indicator_id', 'year', 'month'])
    .execute();
  await db.schema.createIndex('perf_realisation_unit_idx').on('perf_realisation').columns(['unit_id', 'year']).execute();

  await db.schema
    .createTable('perf_period_lock')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('quarter', 'integer', (c) => c.notNull())
    .addColumn('finalised_by', 'text')
    .addColumn('finalised_at', 'text', (c) => c.notNull())
    // The achievement as reported at finalisation ("frozen months stay as reported").
    .addColumn('result_json', 'text', (c) => c.notNull())
    .addUniqueConstraint('perf_period_lock_uq', ['unit_id', 'year', 'quarter'])
    .execute();

  await db.schema
    .createTable('perf_plan_review')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    // submitted | approved | needs_revision
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('submitted_by', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('reviewed_by', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('note', 'text')
    .addUniqueConstraint('perf_plan_review_uq', ['unit_id', 'year'])
    .execute();

  await db.schema
    .createTable('perf_revision_request')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    // submitted | reviewed | applied
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('letter_no', 'text')
    .addColumn('letter_date', 'text')
    // official_replaced | strategy_change | priority_change: the only grounds to lower an annual target (PK revision)
    .addColumn('pk_revision_ground', 'text')
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('review_letter_no', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('applied_by', 'text')
    .addColumn('applied_at', 'text')
    .execute();
  await db.schema
    .createIndex('perf_revision_request_unit_idx')
    .on('perf_revision_request')
    .columns(['unit_id', 'year'])
    .execute();

  await db.schema
    .createTable('perf_revision_line')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('perf_revision_request.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('indicator_id', 'text', (c) => c.notNull().references('perf_indicator.id'))
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('current_version_id', 'text', (c) => c.notNull())
    .addColumn('current_annual', 'text')
    .addColumn('proposed_annual', 'text')
    .addColumn('current_monthly_json', 'text', (c) => c.notNull())
    .addColumn('proposed_monthly_json', 'text', (c) => c.notNull())
    .addColumn('justification', 'text', (c) => c.notNull())
    // The D29 checks at request time: {verdict, issues}
    .addColumn('check_json', 'text', (c) => c.notNull())
    .addColumn('verdict', 'text')
    .addColumn('reviewer_note', 'text')
    .addColumn('applied_version_id', 'text')
    .execute();
  await db.schema.createIndex('perf_revision_line_request_idx').on('perf_revision_line').column('request_id').execute();

  await db.schema
    .createTable('perf_budget_import')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text')
    .addColumn('row_count', 'integer', (c) => c.notNull())
    .addColumn('imported_by', 'text')
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('perf_budget_import_unit_idx')
    .on('perf_budget_import')
    .columns(['unit_id', 'year', 'imported_at'])
    .execute();

  await db.schema
    .createTable('perf_budget_row')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('import_id', 'text', (c) => c.notNull().references('perf_budget_import.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('row_no', 'integer', (c) => c.notNull())
    // pagu | blocked | allocation | plan | realisation
    .addColumn('kind', 'text', (c) => c.notNull())
    // plan/realisation: cumulative to the end of this month ("s.d. bulan")
    .addColumn('month', 'integer')
    .addColumn('spending_type', 'text')
    .addColumn('sasaran_id', 'text')
    .addColumn('indicator_id', 'text')
    .addColumn('shared_key', 'text')
    .addColumn('amount', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('perf_budget_row_import_idx').on('perf_budget_row').column('import_id').execute();

  await db.schema
    .createTable('perf_nka')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('month', 'integer', (c) => c.notNull())
    .addColumn('eka', 'text', (c) => c.notNull())
    .addColumn('ikpa', 'text')
    .addColumn('ikpa_scores_json', 'text')
    .addColumn('source_note', 'text')
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('perf_nka_uq', ['unit_id', 'year', 'month'])
    .execute();
}
