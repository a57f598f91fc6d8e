import type { Kysely } from 'kysely';

/**
 * Issue 6 item 9: RTL deadline reminders. One row per action and WIB day, so an item is never notified twice
 * on the same day, whichever server runs the daily job; e-mail delivery is tracked per row (retried later).
 */
// Frozen in time: never edit a released migration, add a new one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rtl_reminder')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('action_plan_id', 'text', (c) => c.notNull().references('action_plan.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    // WIB calendar day of the reminder (YYYY-MM-DD) and the action's due date.
    .addColumn('reminder_date', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('notified', 'integer', (c) => c.notNull().defaultTo(0))
    // JSON list of the addresses mailed; null while not (yet) mailed.
    .addColumn('email_to_json', 'text')
    .addColumn('emailed_at', 'text')
    .addColumn('email_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('email_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('rtl_reminder_uq', ['action_plan_id', 'reminder_date'])
    .execute();
  await db.schema.createIndex('rtl_reminder_date_idx').on('rtl_reminder').columns(['reminder_date', 'emailed_at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Down migrations are not supported; restore from backup instead.');
}
