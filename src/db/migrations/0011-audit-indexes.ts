import type { Kysely } from 'kysely';

// Frozen in time: never edit a released migration, add a new one.
// The audit viewer filters by unit or by user and shows the newest first.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('audit_event_unit_at_idx').on('audit_event').columns(['unit_id', 'at']).execute();
  await db.schema.createIndex('audit_event_actor_at_idx').on('audit_event').columns(['actor_id', 'at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Down migrations are not supported; restore from backup instead.');
}
