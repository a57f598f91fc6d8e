import type { AuditService } from '../audit/audit.service.ts';
import type { ServiceContext } from '../service-context.ts';

// Placeholder until the organisation module lands.
export function createOrganisationService(_ctx: ServiceContext, _deps: { audit: AuditService }) {
  return {
    /** Seeds the BPOM demo organisation when the database has no units; returns true if it seeded. */
    async seedDemoOrganisation(): Promise<boolean> {
      return false;
    },
  };
}

export type OrganisationService = ReturnType<typeof createOrganisationService>;
