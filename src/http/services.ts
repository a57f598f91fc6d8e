import { createActionPlanService } from '../modules/action-plans/action-plan.service.ts';
import { createHistoricalImportService } from '../modules/action-plans/historical-import.service.ts';
import { createMonitoringService } from '../modules/action-plans/monitoring.service.ts';
import { createPerceptionFollowupService } from '../modules/action-plans/perception-followup.service.ts';
import { createRecommendationService } from '../modules/action-plans/recommendation.service.ts';
import { createAuditService } from '../modules/audit/audit.service.ts';
import { createAuthService } from '../modules/auth/auth.service.ts';
import { createEvidenceService } from '../modules/evidence/evidence.service.ts';
import { createHistoryService } from '../modules/history/history.service.ts';
import { createNotificationService } from '../modules/notifications/notification.service.ts';
import { createOrganisationService } from '../modules/organisation/organisation.service.ts';
import { createPerformanceService } from '../modules/performance/performance.service.ts';
import { createApiKeyService } from '../modules/responses/api-key.service.ts';
import { createCleansingService } from '../modules/responses/cleansing.service.ts';
import { createImportService } from '../modules/responses/import.service.ts';
import { createPaperEntryService } from '../modules/responses/paper-entry.service.ts';
import { createResponseService } from '../modules/responses/submit-response.service.ts';
import { createValidityMatrixService } from '../modules/responses/validity-matrix.service.ts';
import { createResultsService } from '../modules/results/results.service.ts';
import type { ServiceContext } from '../modules/service-context.ts';
import { createCampaignService } from '../modules/surveys/campaign.service.ts';
import { createLinkService } from '../modules/surveys/link.service.ts';

/** The service container: one instance per app, built from the shared context. */
export function createServices(ctx: ServiceContext) {
  const audit = createAuditService(ctx);
  const notifications = createNotificationService(ctx);
  const organisation = createOrganisationService(ctx, { audit });
  const auth = createAuthService(ctx, { audit, organisation });
  const surveyLinks = createLinkService(ctx, { audit });
  const results = createResultsService(ctx, { audit });
  const recommendations = createRecommendationService(ctx, { audit });
  const campaigns = createCampaignService(ctx, { audit, links: surveyLinks, results, recommendations });
  const responses = createResponseService(ctx, { audit });
  const apiKeys = createApiKeyService(ctx, { audit });
  // Issue 4 (W2): cleansing, validity matrix, paper entry, spreadsheet import, historical results.
  const cleansing = createCleansingService(ctx, { audit });
  const validityMatrix = createValidityMatrixService(ctx, { crypto: responses.crypto, signatoryOn: organisation.signatoryOn });
  const paperEntry = createPaperEntryService(ctx, { responses });
  const responseImport = createImportService(ctx, { audit, responses });
  const history = createHistoryService(ctx, { audit });
  const performance = createPerformanceService(ctx, { audit });
  // Issue 6: RTL, evidence and the Inspectorate's monitoring.
  const evidence = createEvidenceService(ctx, { audit });
  const actionPlans = createActionPlanService(ctx, { audit, evidence });
  const monitoring = createMonitoringService(ctx, { audit });
  const rtlImport = createHistoricalImportService(ctx, { audit });
  const perceptionFollowups = createPerceptionFollowupService(ctx, { audit, actionPlans });
  return {
    audit,
    notifications,
    organisation,
    auth,
    campaigns,
    surveyLinks,
    responses,
    apiKeys,
    cleansing,
    validityMatrix,
    paperEntry,
    responseImport,
    history,
    results,
    performance,
    evidence,
    actionPlans,
    recommendations,
    monitoring,
    rtlImport,
    perceptionFollowups,
  };
}

export type Services = ReturnType<typeof createServices>;
