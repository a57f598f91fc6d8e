import { createAuditService } from '../modules/audit/audit.service.ts';
import { createAuthService } from '../modules/auth/auth.service.ts';
import { createOrganisationService } from '../modules/organisation/organisation.service.ts';
import type { ServiceContext } from '../modules/service-context.ts';

/** The service container: one instance per app, built from the shared context. */
export function createServices(ctx: ServiceContext) {
  const audit = createAuditService(ctx);
  const organisation = createOrganisationService(ctx, { audit });
  const auth = createAuthService(ctx, { audit, organisation });
  return { audit, organisation, auth };
}

export type Services = ReturnType<typeof createServices>;
