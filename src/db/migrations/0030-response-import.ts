import type { Kysely } from 'kysely';

/**
 * Issue 4 (W2): imports run as database jobs, so any app server can report their progress and errors;
 * imported historical results keep the text of their published source.
 */
// Frozen in time: never edit a released migration, add a new one.
export async function up(db: Kysely<unknown>): Promise<void> {
  // One statement per column: SQLite adds a single column per ALTER TABLE.
  await db.schema.alterTable('job').addColumn('created_by', 'text').execute();
  await db.schema.alterTable('job').addColumn('unit_id', 'text').execute();
  await db.schema.alterTable('job').addColumn('total', 'integer').execute();
  await db.schema.alterTable('job').addColumn('processed', 'integer').execute();
  // `[{row, column, key, params}]`: rendered in the reader's language when reported.
  await db.schema.alterTable('job').addColumn('errors_json', 'text').execute();
  await db.schema.alterTable('job').addColumn('result_json', 'text').execute();
  await db.schema.alterTable('result_snapshot').addColumn('source_note', 'text').execute();
}

export async function down(): Promise<void> {
  throw new Error('Down migrations are not supported; restore from backup instead.');
}
