import type { Kysely } from 'kysely';

/**
 * Issue 7, second part (DOMAIN 8.2, 8.13): the written parts of the LAPKIN Interim (narratives per entity,
 * sasaran or indicator and period, kept between generations, with optimistic concurrency) and the indicator
 * predecessor link (a renamed or replaced indicator points to the one of the previous plan period).
 */
// Frozen in time: never edit a released migration, add a new one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('perf_narrative')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    // 1-4; the yearly LAPKIN reads quarter 4.
    .addColumn('quarter', 'integer', (c) => c.notNull())
    // entity | sasaran | indicator
    .addColumn('scope', 'text', (c) => c.notNull())
    // The sasaran or indicator id; '' for the entity (a NULL would escape the unique constraint).
    .addColumn('scope_id', 'text', (c) => c.notNull())
    .addColumn('section', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    // Optimistic concurrency: a save names the version it edited.
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('perf_narrative_uq', ['unit_id', 'year', 'quarter', 'scope', 'scope_id', 'section'])
    .execute();

  await db.schema
    .alterTable('perf_indicator')
    .addColumn('predecessor_indicator_id', 'text', (c) => c.references('perf_indicator.id'))
    .execute();
}
