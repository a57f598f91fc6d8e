import type { Kysely } from 'kysely';

/**
 * Issue 6 data model (DOMAIN 4.7, 6.7, 7.1–7.5): recommendations and their unit assignments, action plans
 * (RTL/RATL), evidence with versions, semester monitoring cycles, evaluations with dated updates, frozen unit
 * summaries and the SPKP/SPAK monthly follow-up. Every unit-owned table carries `unit_id`.
 */
// Frozen in time: never edit a released migration, add a new one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rtl_recommendation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // The SKM campaign whose frozen results the recommendation is based on; null for imported history.
    .addColumn('basis_campaign_id', 'text', (c) => c.references('skm_campaign.id'))
    .addColumn('basis_year', 'integer', (c) => c.notNull())
    // 1/2/3 for the official recommendations; any positive number for a custom one.
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('official_text', 'text', (c) => c.notNull())
    .addColumn('target_year', 'integer', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('corrected', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('rtl_recommendation_basis_idx')
    .on('rtl_recommendation')
    .columns(['basis_campaign_id', 'basis_year', 'number'])
    .execute();

  await db.schema
    .createTable('rtl_assignment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('recommendation_id', 'text', (c) => c.notNull().references('rtl_recommendation.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    // `[{instrument, elementCode, unitServiceId?, serviceName?, value?, grade?, declineAmount?}]`
    .addColumn('required_items_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('applicable', 'integer', (c) => c.notNull().defaultTo(1))
    // Snapshot ids the required items were computed from (restatement detection).
    .addColumn('basis_snapshots_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('corrected', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('corrected_at', 'text')
    .addColumn('correction_note', 'text')
    // Plan workflow of the unit: draft → submitted → approved (revise → draft).
    .addColumn('plan_status', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('submitted_by', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('approved_by', 'text')
    .addColumn('approved_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('rtl_assignment_uq', ['recommendation_id', 'unit_id'])
    .execute();
  await db.schema.createIndex('rtl_assignment_unit_idx').on('rtl_assignment').column('unit_id').execute();

  await db.schema
    .createTable('action_plan')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('assignment_id', 'text', (c) => c.references('rtl_assignment.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_ref', 'text')
    .addColumn('all_services', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('unit_service_ids_json', 'text', (c) => c.notNull().defaultTo('[]'))
    // `[{instrument, code}]` from the controlled list.
    .addColumn('element_codes_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('priority_rank', 'integer')
    .addColumn('cause_analysis', 'text')
    .addColumn('action_text', 'text', (c) => c.notNull())
    .addColumn('sub_actions_json', 'text', (c) => c.notNull().defaultTo('[]'))
    // As entered/imported; the parsed date (a quarter's last day) drives overdue checks.
    .addColumn('timeline_raw', 'text')
    .addColumn('timeline_date', 'text')
    .addColumn('pic', 'text')
    .addColumn('suggestion_response_ids_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('implementation_status', 'text', (c) => c.notNull().defaultTo('planned'))
    .addColumn('realisation_text', 'text')
    .addColumn('realised_at', 'text')
    .addColumn('obstacles', 'text')
    .addColumn('strategy_json', 'text')
    // Current evaluator status (latest evaluation), denormalised for dashboards: unevaluated | open | close.
    .addColumn('evaluation_status', 'text', (c) => c.notNull().defaultTo('unevaluated'))
    .addColumn('seq', 'integer', (c) => c.notNull().defaultTo(0))
    // Imported history: kept as recorded, problems as warnings; `counted` = part of the recorded Lampiran 1 count.
    .addColumn('historical', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('counted', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('element_codes_raw', 'text')
    .addColumn('source_line', 'integer')
    .addColumn('warnings_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('withdrawn_at', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('action_plan_unit_idx').on('action_plan').columns(['unit_id', 'source']).execute();
  await db.schema.createIndex('action_plan_assignment_idx').on('action_plan').column('assignment_id').execute();

  await db.schema
    .createTable('evidence')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('owner_type', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('blob_key', 'text')
    .addColumn('file_name', 'text')
    .addColumn('media_type', 'text')
    .addColumn('size_bytes', 'integer')
    .addColumn('sha256', 'text')
    .addColumn('url', 'text')
    .addColumn('description', 'text')
    .addColumn('supersedes_id', 'text', (c) => c.references('evidence.id'))
    .addColumn('uploaded_by', 'text')
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('evidence_owner_idx').on('evidence').columns(['owner_type', 'owner_id']).execute();
  await db.schema.createIndex('evidence_unit_idx').on('evidence').column('unit_id').execute();

  await db.schema
    .createTable('monitoring_cycle')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('semester', 'integer', (c) => c.notNull())
    .addColumn('basis_campaign_id', 'text', (c) => c.references('skm_campaign.id'))
    .addColumn('basis_year', 'integer', (c) => c.notNull())
    .addColumn('assignment_letter_no', 'text')
    .addColumn('assignment_letter_date', 'text')
    .addColumn('cutoff_date', 'text', (c) => c.notNull())
    .addColumn('report_date', 'text')
    // `[{name, role, personId?}]`, roles penanggung_jawab | pengendali_teknis | ketua_tim | anggota.
    .addColumn('team_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('historical', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('previous_cycle_id', 'text', (c) => c.references('monitoring_cycle.id'))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('cut_off_at', 'text')
    .addColumn('reported_at', 'text')
    .addColumn('closed_at', 'text')
    .execute();

  await db.schema
    .createTable('action_evaluation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('cycle_id', 'text', (c) => c.notNull().references('monitoring_cycle.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('action_plan_id', 'text', (c) => c.notNull().references('action_plan.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason_code', 'text')
    .addColumn('note', 'text')
    .addColumn('evaluation_date', 'text', (c) => c.notNull())
    .addColumn('evaluated_by', 'text')
    .addColumn('evaluated_at', 'text', (c) => c.notNull())
    .addColumn('warnings_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema
    .createIndex('action_evaluation_action_idx')
    .on('action_evaluation')
    .columns(['action_plan_id', 'cycle_id', 'evaluated_at'])
    .execute();
  await db.schema.createIndex('action_evaluation_cycle_idx').on('action_evaluation').columns(['cycle_id', 'unit_id']).execute();

  await db.schema
    .createTable('action_evaluation_update')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('evaluation_id', 'text', (c) => c.notNull().references('action_evaluation.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('update_date', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('action_evaluation_update_eval_idx')
    .on('action_evaluation_update')
    .column('evaluation_id')
    .execute();

  await db.schema
    .createTable('cycle_unit_summary')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('cycle_id', 'text', (c) => c.notNull().references('monitoring_cycle.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    // `cut_off` or `reported`: the Lampiran read the latest stage.
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('unit_type_label', 'text', (c) => c.notNull())
    .addColumn('jr', 'integer', (c) => c.notNull())
    .addColumn('jru', 'integer', (c) => c.notNull())
    .addColumn('jra', 'integer', (c) => c.notNull())
    .addColumn('closed_count', 'integer', (c) => c.notNull())
    // Printed 2-dp percentage; the exact value is closed_count / jra × 100.
    .addColumn('pct', 'text')
    .addColumn('missing_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('open_elements_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('open_without_element', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('overdue_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('keterangan', 'text', (c) => c.notNull())
    .addColumn('frozen_at', 'text', (c) => c.notNull())
    .addColumn('frozen_by', 'text')
    .addUniqueConstraint('cycle_unit_summary_uq', ['cycle_id', 'unit_id', 'stage'])
    .execute();

  await db.schema
    .createTable('perception_followup')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('instrument', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('month', 'integer', (c) => c.notNull())
    // `actions` (ActionPlan rows with source spkp_month/spak_month) or `no_action_needed` with a justification.
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('justification', 'text')
    .addColumn('recorded_by', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('perception_followup_uq', ['unit_id', 'instrument', 'year', 'month'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Down migrations are not supported; restore from backup instead.');
}
