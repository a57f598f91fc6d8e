import type { Locale } from '../../shared/i18n/index.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import type { ServiceContext } from '../service-context.ts';
import { createBudgetService } from './budget.service.ts';
import { createLapkinService, type Signatory } from './lapkin.service.ts';
import { createLapkinWorkflowService } from './lapkin-workflow.service.ts';
import { createNarrativeService } from './narrative.service.ts';
import type { BudgetImportBody } from './performance.schema.ts';
import { createSupport } from './performance.support.ts';
import { createPlanService } from './plan.service.ts';
import { createRealisationService } from './realisation.service.ts';
import { createRevisionService } from './revision.service.ts';

/**
 * SAKIP performance accountability (issue 7, DOMAIN 8): one facade over the workflow services (plan, realisation
 * and achievement, target revision, budget, narratives and the LAPKIN), so routes and the CLI see one service.
 */
export function createPerformanceService(
  ctx: ServiceContext,
  deps: { audit: AuditService; signatoryOn?: (unitId: string, date: string) => Promise<Signatory | null> },
) {
  const { audit } = deps;
  const support = createSupport(ctx, audit);
  const plan = createPlanService(support);
  const workflow = createLapkinWorkflowService(support);
  const realisation = createRealisationService(support, workflow);
  const revision = createRevisionService(support, plan);
  const budget = createBudgetService(support);
  const {
    putSettings,
    getPlan,
    createPerspective,
    createSasaran,
    createIndicator,
    patchIndicator,
    addTargetVersion,
    importPlan,
    submitPlan,
    reviewPlan,
  } = plan;
  const {
    putRealisation,
    importRealisations,
    transitionRealisation,
    bulkVerify,
    listRealisations,
    evaluate,
    achievement,
    finalise,
    finalisedReport,
  } = realisation;
  const { requestRevision, decideRevision, applyRevision, listRevisions, getRevision } = revision;
  const { importBudget, importBudgetXlsx, putNka } = budget;

  const narratives = createNarrativeService(ctx, { audit });
  const lapkin = createLapkinService(ctx, {
    evaluate,
    textsFor: narratives.textsFor,
    signatoryOn: deps.signatoryOn ?? (async () => null),
  });

  return {
    putSettings,
    getPlan,
    createPerspective,
    createSasaran,
    createIndicator,
    patchIndicator,
    addTargetVersion,
    importPlan,
    submitPlan,
    reviewPlan,
    putRealisation,
    importRealisations,
    submitRealisation: (actor: Actor, indicatorId: string, year: number, month: number) =>
      transitionRealisation(actor, indicatorId, year, month, 'submit'),
    verifyRealisation: (
      actor: Actor,
      indicatorId: string,
      year: number,
      month: number,
      decision: { decision: 'verified' | 'needs_revision'; note?: string | undefined },
    ) => transitionRealisation(actor, indicatorId, year, month, 'verify', decision),
    bulkVerify,
    listRealisations,
    achievement,
    finalise,
    finalisedReport,
    requestRevision,
    decideRevision,
    applyRevision,
    getRevision,
    listRevisions,
    importBudget: (actor: Actor, unitId: string, body: BudgetImportBody, locale: Locale) =>
      importBudget(actor, unitId, body, locale, { kind: 'json' }),
    importBudgetXlsx,
    putNka,
    listNarratives: narratives.list,
    saveNarrative: narratives.save,
    lapkinWorkflow: workflow.get,
    reviewLapkin: workflow.review,
    reopenLapkin: workflow.reopen,
    submitLapkin: workflow.submit,
    lapkinDocument: lapkin.document,
    lapkinFile: lapkin.file,
  };
}

export type PerformanceService = ReturnType<typeof createPerformanceService>;
