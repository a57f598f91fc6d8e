import type { Kysely } from 'kysely';

/**
 * DOMAIN 8.13: the LAPKIN Interim workflow draft → reviewed (SAKIP team) → finalised (the head; the snapshot and
 * its months freeze in `perf_period_lock`) → submitted (to the planning bureau / superior). One row per entity and
 * quarter once it leaves draft; the yearly LAPKIN follows quarter 4.
 */
// Frozen in time: never edit a released migration, add a new one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('perf_lapkin_workflow')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('quarter', 'integer', (c) => c.notNull())
    // draft | reviewed | finalised | submitted
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reviewed_by', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('review_note', 'text')
    .addColumn('submitted_by', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('submitted_to', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('perf_lapkin_workflow_uq', ['unit_id', 'year', 'quarter'])
    .execute();
}
