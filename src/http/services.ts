import { createActionPlanService } from '../modules/action-plans/action-plan.service.ts';
import { createEffectivenessService } from '../modules/action-plans/effectiveness.service.ts';
import { createHistoricalImportService } from '../modules/action-plans/historical-import.service.ts';
import { createMonitoringService } from '../modules/action-plans/monitoring.service.ts';
import { createPerceptionFollowupService } from '../modules/action-plans/perception-followup.service.ts';
import { createRecommendationService } from '../modules/action-plans/recommendation.service.ts';
import { createReminderService } from '../modules/action-plans/reminder.service.ts';
import { createActionPlanReportService } from '../modules/action-plans/report.service.ts';
import { createAuditService } from '../modules/audit/audit.service.ts';
import { createAuthService } from '../modules/auth/auth.service.ts';
import { createEvidenceService } from '../modules/evidence/evidence.service.ts';
import { createHistoryService } from '../modules/history/history.service.ts';
import { createNotificationService } from '../modules/notifications/notification.service.ts';
import { createOrganisationService } from '../modules/organisation/organisation.service.ts';
import { createPerceptionService } from '../modules/perception/perception.service.ts';
import { createPerformanceService } from '../modules/performance/performance.service.ts';
import { createReportBatchService, type UnitReportGenerator } from '../modules/reports/batch/batch.service.ts';
import { createBpomReportService } from '../modules/reports/bpom/bpom.service.ts';
import { createHasilOlahDataService } from '../modules/reports/hasil-olah-data.service.ts';
import { createHolidayService } from '../modules/reports/holidays.service.ts';
import { createPerceptionReportService } from '../modules/reports/perception/perception-report.service.ts';
import { createPublicResultsService } from '../modules/reports/public-results/public-results.service.ts';
import { createSkmReportService } from '../modules/reports/skm-report.service.ts';
import { createSkmUnitReportService } from '../modules/reports/skm-unit/skm-unit.service.ts';
import { createApiKeyService } from '../modules/responses/api-key.service.ts';
import { createCleansingService } from '../modules/responses/cleansing.service.ts';
import { createImportService } from '../modules/responses/import.service.ts';
import { createPaperEntryService } from '../modules/responses/paper-entry.service.ts';
import { createRetentionService } from '../modules/responses/retention.service.ts';
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
  const performance = createPerformanceService(ctx, { audit, signatoryOn: organisation.signatoryOn });
  // Issue 6: RTL, evidence and the Inspectorate's monitoring.
  const evidence = createEvidenceService(ctx, { audit });
  const actionPlans = createActionPlanService(ctx, { audit, evidence });
  const monitoring = createMonitoringService(ctx, { audit });
  const rtlImport = createHistoricalImportService(ctx, { audit });
  const perceptionFollowups = createPerceptionFollowupService(ctx, { audit, actionPlans });
  // Issue 5 items 3, 5, 7: the BPOM compilation, the SPKP/SPAK monthly report, the report batch.
  const reportsBpom = createBpomReportService(ctx, { results, actionPlans, history });
  const reportsPerception = createPerceptionReportService(ctx, { results, perceptionFollowups, organisation });
  const unitReportGenerator: { current?: UnitReportGenerator } = {};
  const reportBatch = createReportBatchService(ctx, { generator: () => unitReportGenerator.current });
  const publicResults = createPublicResultsService(ctx, { results, history });
  const rtlReports = createActionPlanReportService(ctx, { monitoring, actionPlans, organisation });
  const rtlEffectiveness = createEffectivenessService(ctx);
  const rtlReminders = createReminderService(ctx, { notifications });
  // Issue 4: SPKP/SPAK months owned by the inspectorate (close, freeze, restate).
  const perceptionMonths = createPerceptionService(ctx, { audit });
  // Issue 4: purge of personal fields after the retention period (job + timer + `mutu retention purge`).
  const retention = createRetentionService(ctx, { audit });
  // Issue 5: the unit SKM report workflow and the coordinator's board.
  const skmReports = createSkmReportService(ctx, { audit, evidence, notifications });
  // Issue 5 item 1: the Laporan Pelaksanaan SKM content and the holiday calendar behind its working days.
  const holidays = createHolidayService(ctx, { audit });
  const skmUnitReport = createSkmUnitReportService(ctx, {
    audit,
    results,
    history,
    holidays,
    signatoryOn: organisation.signatoryOn,
    crypto: responses.crypto,
  });
  unitReportGenerator.current = skmUnitReport.generate;
  // Issue 5 item 4: Hasil Olah Data SKM (XLSX with live formulas).
  const hasilOlahData = createHasilOlahDataService(ctx, { results });
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
    reportsBpom,
    reportsPerception,
    reportBatch,
    publicResults,
    rtlReports,
    rtlEffectiveness,
    rtlReminders,
    perceptionMonths,
    retention,
    skmReports,
    holidays,
    skmUnitReport,
    hasilOlahData,
  };
}

export type Services = ReturnType<typeof createServices>;
