import type { Db } from '../../db/connection.ts';
import type { Actor } from '../auth/actor.ts';
import type { ServiceContext } from '../service-context.ts';

export interface AuditEntry {
  /** Unit that owns the record (its chain), or null for global data. */
  unitId: string | null;
  actor: Actor | null;
  entityType: string;
  entityId: string;
  action: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

// Placeholder until the audit trail lands: same signature, no chain yet.
export function createAuditService(_ctx: ServiceContext) {
  return {
    /** Append inside the caller's transaction (`trx`), so the change and its record commit together. */
    async record(_trx: Db, _entry: AuditEntry): Promise<void> {},
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
