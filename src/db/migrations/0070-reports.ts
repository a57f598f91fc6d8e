import type { Kysely } from 'kysely';

/**
 * Issue 5 (DOMAIN 5.12.3, 5.13, 6.9): the unit's SKM report with its human-written sections and its
 * workflow, issued documents (the figures a signed copy carried), the holiday calendar for working
 * days, and in-app notifications (reminders to late units).
 */
// Frozen in time: never edit a released migration, add a new one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('skm_report')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('skm_campaign.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    // draft → submitted (unit head approves) → accepted | returned to draft with notes (D 5.12.3).
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    // Free-text sections written by the unit, keyed by `ReportSectionKey`; kept across regenerations.
    .addColumn('sections_json', 'text', (c) => c.notNull().defaultTo('{}'))
    // BAB II 2.4 timeline rows `[{activity, start, end}]` (dates `YYYY-MM-DD`).
    .addColumn('timeline_json', 'text', (c) => c.notNull().defaultTo('[]'))
    // The uploaded wet-signed Surat Pernyataan (evidence row, owner_type 'skm_report').
    .addColumn('statement_evidence_id', 'text', (c) => c.references('evidence.id'))
    // pending | submitted | nihil: the validity matrix handed in (or declared empty).
    .addColumn('validity_matrix_status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('validity_matrix_at', 'text')
    .addColumn('submitted_by', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('reviewed_by', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('review_notes', 'text')
    // Optimistic concurrency for section edits (two editors never overwrite each other silently).
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('skm_report_uq', ['campaign_id', 'unit_id'])
    .execute();
  await db.schema.createIndex('skm_report_unit_idx').on('skm_report').column('unit_id').execute();

  await db.schema
    .createTable('issued_document')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // laporan_skm | laporan_skm_bpom | hasil_olah_data | spkp_spak_monthly | me_report | follow_up | lapkin | batch_zip …
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('campaign_id', 'text')
    .addColumn('unit_id', 'text')
    // Which frozen figures it carries: snapshot version (null = live figures, a draft).
    .addColumn('snapshot_version', 'integer')
    .addColumn('blob_key', 'text')
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text')
    .addColumn('size_bytes', 'integer')
    // Set when a restatement changed the figures it was built from (D30).
    .addColumn('corrected', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('issued_document_scope_idx')
    .on('issued_document')
    .columns(['campaign_id', 'unit_id', 'kind'])
    .execute();

  await db.schema
    .createTable('holiday')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    // Null: national (every unit); otherwise a regional holiday of one unit.
    .addColumn('unit_id', 'text', (c) => c.references('org_unit.id'))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('holiday_date_idx').on('holiday').columns(['date', 'unit_id']).execute();

  await db.schema
    .createTable('notification')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('unit_id', 'text')
    // report_reminder | report_returned | rtl_reminder | …
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    // In-app path, e.g. `/skm/campaigns/<id>/reports/<unitId>`.
    .addColumn('link', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema.createIndex('notification_user_idx').on('notification').columns(['user_id', 'read_at', 'created_at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Down migrations are not supported; restore from backup instead.');
}
