import { type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import type { Db } from './connection.ts';
import * as m0001 from './migrations/0001-foundation.ts';
import * as m0010 from './migrations/0010-surveys.ts';
import * as m0011 from './migrations/0011-audit-indexes.ts';
import * as m0020 from './migrations/0020-responses.ts';
import * as m0030 from './migrations/0030-response-import.ts';
import * as m0040 from './migrations/0040-results.ts';
import * as m0050 from './migrations/0050-performance.ts';
import * as m0060 from './migrations/0060-action-plans.ts';
import * as m0070 from './migrations/0070-reports.ts';
import * as m0072 from './migrations/0072-submit-speed.ts';
import * as m0080 from './migrations/0080-action-plans-2.ts';
import * as m0090 from './migrations/0090-performance-2.ts';
import * as m0091 from './migrations/0091-lapkin-workflow.ts';

/** Static list: works under tsx, bundlers and tests alike (no directory scanning). */
export const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0010-surveys': m0010,
  '0011-audit-indexes': m0011,
  '0020-responses': m0020,
  '0030-response-import': m0030,
  '0040-results': m0040,
  '0050-performance': m0050,
  '0060-action-plans': m0060,
  '0070-reports': m0070,
  '0072-submit-speed': m0072,
  '0080-action-plans-2': m0080,
  '0090-performance-2': m0090,
  '0091-lapkin-workflow': m0091,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export function createMigrator(db: Db, migrationTableSchema?: string): Migrator {
  return new Migrator({ db, provider, ...(migrationTableSchema ? { migrationTableSchema } : {}) });
}

/**
 * PostgreSQL: the schema on the search path. Without it Kysely finds its migration tables in any
 * schema of the database (e.g. another test file's) and never creates them in this one.
 */
async function searchPathSchema(db: Db): Promise<string | undefined> {
  try {
    const { rows } = await sql<{ s: string | null }>`select current_schema() as s`.execute(db);
    return rows[0]?.s ?? undefined;
  } catch {
    return undefined; // SQLite has no schemas
  }
}

export async function migrateToLatest(db: Db): Promise<string[]> {
  const { error, results } = await createMigrator(db, await searchPathSchema(db)).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** True when every known migration has been applied (used by /readyz). */
export async function migrationsCurrent(db: Db): Promise<boolean> {
  const all = await createMigrator(db, await searchPathSchema(db)).getMigrations();
  return all.every((m) => m.executedAt !== undefined);
}
