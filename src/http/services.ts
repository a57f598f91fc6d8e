import { createAuditService } from '../modules/audit/audit.service.ts';
import { createAuthService } from '../modules/auth/auth.service.ts';
import { createOrganisationService } from '../modules/organisation/organisation.service.ts';
import type { ServiceContext } from '../modules/service-context.ts';
import { createCampaignService } from '../modules/surveys/campaign.service.ts';
import { createLinkService } from '../modules/surveys/link.service.ts';

/** The service container: one instance per app, built from the shared context. */
export function createServices(ctx: ServiceContext) {
  const audit = createAuditService(ctx);
  const organisation = createOrganisationService(ctx, { audit });
  const auth = createAuthService(ctx, { audit, organisation });
  const surveyLinks = createLinkService(ctx, { audit });
  const campaigns = createCampaignService(ctx, { audit, links: surveyLinks });
  return { audit, organisation, auth, campaigns, surveyLinks };
}

export type Services = ReturnType<typeof createServices>;
