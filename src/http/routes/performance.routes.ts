import { z } from 'zod';
import type { Quarter } from '../../domain/performance/targets.ts';
import { NarrativeBody, NarrativeParams } from '../../modules/performance/narrative.schema.ts';
import {
  AchievementQuery,
  BudgetImportBody,
  BulkVerifyBody,
  IdParams,
  IndicatorBody,
  IndicatorPatchBody,
  NkaBody,
  PerspectiveBody,
  PlanImportBody,
  PlanReviewBody,
  RealisationBody,
  RealisationImportBody,
  RealisationParams,
  RevisionDecisionBody,
  RevisionRequestBody,
  SasaranBody,
  SettingsBody,
  TargetVersionBody,
  UnitParams,
  UnitPeriodParams,
  UnitYearMonthParams,
  UnitYearParams,
  VerifyBody,
  YearQuery,
} from '../../modules/performance/performance.schema.ts';
import { t } from '../../shared/i18n/index.ts';
import { AppError, AppErrorCode } from '../app-error.ts';
import { type AnyRoute, defineRoute } from '../route.ts';

const tags = ['performance'];
const base = '/api/v1/performance';

const settings = defineRoute({
  method: 'PUT',
  url: `${base}/entities/:unitId/settings`,
  summary: 'SAKIP entity settings: overall method (mean_of_perspectives | mean_of_sasaran), aggregation cap, efficiency rows',
  tags,
  params: UnitParams,
  body: SettingsBody,
  handler: ({ actor, params, body, deps }) => deps.services.performance.putSettings(actor, params.unitId, body),
});

const plan = defineRoute({
  method: 'GET',
  url: `${base}/entities/:unitId/plan`,
  summary: 'The plan of one entity-year: perspectives, sasaran, indicators with every target version (in force marked)',
  tags,
  params: UnitParams,
  query: YearQuery,
  handler: ({ actor, params, query, deps }) => deps.services.performance.getPlan(actor, params.unitId, query.year),
});

const importPlan = defineRoute({
  method: 'POST',
  url: `${base}/entities/:unitId/plan/import`,
  summary: 'Import a whole plan (sakip_manager): all or nothing, every problem named by its path',
  tags,
  params: UnitParams,
  body: PlanImportBody,
  successStatus: 201,
  handler: ({ actor, params, body, locale, deps }) => deps.services.performance.importPlan(actor, params.unitId, body, locale),
});

const submitPlan = defineRoute({
  method: 'POST',
  url: `${base}/entities/:unitId/plan/:year/submit`,
  summary: 'Submit the plan of a year for review by the planning bureau (sakip_manager)',
  tags,
  params: UnitYearParams,
  handler: ({ actor, params, deps }) => deps.services.performance.submitPlan(actor, params.unitId, params.year),
});

const reviewPlan = defineRoute({
  method: 'POST',
  url: `${base}/entities/:unitId/plan/:year/review`,
  summary: 'Planning bureau review of the plan: approved | needs_revision (four-eyes)',
  tags,
  params: UnitYearParams,
  body: PlanReviewBody,
  handler: ({ actor, params, body, deps }) => deps.services.performance.reviewPlan(actor, params.unitId, params.year, body),
});

const perspective = defineRoute({
  method: 'POST',
  url: `${base}/entities/:unitId/perspectives`,
  summary: 'Add a perspective',
  tags,
  params: UnitParams,
  body: PerspectiveBody,
  successStatus: 201,
  handler: ({ actor, params, body, locale, deps }) =>
    deps.services.performance.createPerspective(actor, params.unitId, body, locale),
});

const sasaran = defineRoute({
  method: 'POST',
  url: `${base}/entities/:unitId/sasaran`,
  summary: 'Add a sasaran under a perspective',
  tags,
  params: UnitParams,
  body: SasaranBody,
  successStatus: 201,
  handler: ({ actor, params, body, locale, deps }) => deps.services.performance.createSasaran(actor, params.unitId, body, locale),
});

const indicator = defineRoute({
  method: 'POST',
  url: `${base}/entities/:unitId/indicators`,
  summary: 'Add an indicator (formula type, pattern, polarity, weight, cascade parent) with its target versions',
  tags,
  params: UnitParams,
  body: IndicatorBody,
  successStatus: 201,
  handler: ({ actor, params, body, locale, deps }) =>
    deps.services.performance.createIndicator(actor, params.unitId, body, locale),
});

const patchIndicator = defineRoute({
  method: 'PATCH',
  url: `${base}/indicators/:id`,
  summary: 'Change an indicator definition (audited)',
  tags,
  params: IdParams,
  body: IndicatorPatchBody,
  handler: ({ actor, params, body, locale, deps }) => deps.services.performance.patchIndicator(actor, params.id, body, locale),
});

const targets = defineRoute({
  method: 'POST',
  url: `${base}/indicators/:id/targets`,
  summary: 'Add a target version (renstra, renstra_revision, rkt, pk, pk_revision); PK versions go in force',
  tags,
  params: IdParams,
  body: TargetVersionBody,
  successStatus: 201,
  handler: ({ actor, params, body, locale, deps }) => deps.services.performance.addTargetVersion(actor, params.id, body, locale),
});

const putRealisation = defineRoute({
  method: 'PUT',
  url: `${base}/indicators/:id/realisations/:year/:month`,
  summary: 'Enter or correct a monthly (cumulative) realisation as a draft, with evidence and obstacles',
  tags,
  params: RealisationParams,
  body: RealisationBody,
  handler: ({ actor, params, body, locale, deps }) =>
    deps.services.performance.putRealisation(actor, params.id, params.year, params.month, body, locale),
});

const submitRealisation = defineRoute({
  method: 'POST',
  url: `${base}/indicators/:id/realisations/:year/:month/submit`,
  summary: 'Submit a draft realisation for verification',
  tags,
  params: RealisationParams,
  handler: ({ actor, params, deps }) => deps.services.performance.submitRealisation(actor, params.id, params.year, params.month),
});

const verifyRealisation = defineRoute({
  method: 'POST',
  url: `${base}/indicators/:id/realisations/:year/:month/verify`,
  summary: 'Verify (or send back) a submitted realisation: unit_head or planning_bureau, not the submitter',
  tags,
  params: RealisationParams,
  body: VerifyBody,
  handler: ({ actor, params, body, deps }) =>
    deps.services.performance.verifyRealisation(actor, params.id, params.year, params.month, body),
});

const listRealisations = defineRoute({
  method: 'GET',
  url: `${base}/entities/:unitId/realisations`,
  summary: 'Realisations of an entity-year with their status',
  tags,
  params: UnitParams,
  query: YearQuery,
  handler: ({ actor, params, query, deps }) => deps.services.performance.listRealisations(actor, params.unitId, query.year),
});

const importRealisations = defineRoute({
  method: 'POST',
  url: `${base}/entities/:unitId/realisations/import`,
  summary: 'Enter many realisations at once (sakip_manager): all or none',
  tags,
  params: UnitParams,
  body: RealisationImportBody,
  successStatus: 201,
  handler: ({ actor, params, body, locale, deps }) =>
    deps.services.performance.importRealisations(actor, params.unitId, body, locale),
});

const bulkVerify = defineRoute({
  method: 'POST',
  url: `${base}/entities/:unitId/realisations/verify`,
  summary: 'Monthly evaluation meeting: verify every submitted realisation of the listed months',
  tags,
  params: UnitParams,
  body: BulkVerifyBody,
  handler: ({ actor, params, body, deps }) => deps.services.performance.bulkVerify(actor, params.unitId, body),
});

const achievement = defineRoute({
  method: 'GET',
  url: `${base}/entities/:unitId/achievement`,
  summary:
    'Achievement per quarter: indicator rows, sasaran/perspective/overall scores, counts, previous quarter, at-risk, series, budget, efficiency, NKA',
  tags,
  params: UnitParams,
  query: AchievementQuery,
  handler: ({ actor, params, query, locale, deps }) =>
    deps.services.performance.achievement(actor, params.unitId, query.year, query.quarter as Quarter, locale),
});

const finalise = defineRoute({
  method: 'POST',
  url: `${base}/entities/:unitId/periods/:year/:quarter/finalise`,
  summary: 'Finalise (tetapkan) the interim report of a quarter (unit_head): its months freeze',
  tags,
  params: UnitPeriodParams,
  successStatus: 201,
  handler: ({ actor, params, locale, deps }) =>
    deps.services.performance.finalise(actor, params.unitId, params.year, params.quarter as Quarter, locale),
});

const finalised = defineRoute({
  method: 'GET',
  url: `${base}/entities/:unitId/periods/:year/:quarter`,
  summary: 'The achievement as it was when the quarter was finalised',
  tags,
  params: UnitPeriodParams,
  handler: ({ actor, params, deps }) =>
    deps.services.performance.finalisedReport(actor, params.unitId, params.year, params.quarter),
});

const LapkinNoteBody = z.object({ note: z.string().trim().max(2000).optional() }).default({});
const LapkinSubmitBody = z.object({ recipient: z.string().trim().max(200).optional() }).default({});
const LapkinAction = z.enum(['review', 'reopen', 'finalise', 'submit']);
const LapkinWorkflowResponse = z.object({
  year: z.number(),
  quarter: z.number(),
  status: z.enum(['draft', 'reviewed', 'finalised', 'submitted']),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewNote: z.string().nullable(),
  finalisedBy: z.string().nullable(),
  finalisedAt: z.string().nullable(),
  submittedBy: z.string().nullable(),
  submittedAt: z.string().nullable(),
  submittedTo: z.string().nullable(),
  actions: z.array(LapkinAction),
});

const lapkinWorkflow = defineRoute({
  method: 'GET',
  url: `${base}/entities/:unitId/periods/:year/:quarter/workflow`,
  summary: 'LAPKIN Interim workflow of a quarter: draft, reviewed, finalised or submitted, and what the caller may do next',
  tags,
  params: UnitPeriodParams,
  response: LapkinWorkflowResponse,
  handler: ({ actor, params, deps }) =>
    deps.services.performance.lapkinWorkflow(actor, params.unitId, params.year, params.quarter),
});

const reviewLapkin = defineRoute({
  method: 'POST',
  url: `${base}/entities/:unitId/periods/:year/:quarter/review`,
  summary: 'The SAKIP team (sakip_manager) marks the draft LAPKIN Interim reviewed; the head may then finalise it',
  tags,
  params: UnitPeriodParams,
  body: LapkinNoteBody,
  response: LapkinWorkflowResponse,
  handler: ({ actor, params, body, locale, deps }) =>
    deps.services.performance.reviewLapkin(actor, params.unitId, params.year, params.quarter, body.note, locale),
});

const reopenLapkin = defineRoute({
  method: 'POST',
  url: `${base}/entities/:unitId/periods/:year/:quarter/reopen`,
  summary: 'Return a reviewed LAPKIN Interim to draft for corrections (sakip_manager, unit_head)',
  tags,
  params: UnitPeriodParams,
  body: LapkinNoteBody,
  response: LapkinWorkflowResponse,
  handler: ({ actor, params, body, locale, deps }) =>
    deps.services.performance.reopenLapkin(actor, params.unitId, params.year, params.quarter, body.note, locale),
});

const submitLapkin = defineRoute({
  method: 'POST',
  url: `${base}/entities/:unitId/periods/:year/:quarter/submit`,
  summary: 'Submit the finalised LAPKIN Interim to the planning bureau or the superior unit (sakip_manager, unit_head)',
  tags,
  params: UnitPeriodParams,
  body: LapkinSubmitBody,
  response: LapkinWorkflowResponse,
  handler: ({ actor, params, body, locale, deps }) =>
    deps.services.performance.submitLapkin(actor, params.unitId, params.year, params.quarter, body.recipient, locale),
});

const requestRevision = defineRoute({
  method: 'POST',
  url: `${base}/entities/:unitId/revisions`,
  summary: 'Target revision request signed by the unit head; each line is checked against D29',
  tags,
  params: UnitParams,
  body: RevisionRequestBody,
  successStatus: 201,
  handler: ({ actor, params, body, locale, deps }) =>
    deps.services.performance.requestRevision(actor, params.unitId, body, locale),
});

const listRevisions = defineRoute({
  method: 'GET',
  url: `${base}/entities/:unitId/revisions`,
  summary: 'Target revision requests of an entity-year, newest first, with lines, checks and verdicts',
  tags,
  params: UnitParams,
  query: YearQuery,
  handler: ({ actor, params, query, deps }) => deps.services.performance.listRevisions(actor, params.unitId, query.year),
});

const getRevision = defineRoute({
  method: 'GET',
  url: `${base}/revisions/:id`,
  summary: 'One target revision request with its lines, checks and verdicts',
  tags,
  params: IdParams,
  handler: ({ actor, params, deps }) => deps.services.performance.getRevision(actor, params.id),
});

const decideRevision = defineRoute({
  method: 'POST',
  url: `${base}/revisions/:id/decision`,
  summary: 'Planning bureau verdicts per line: agreed | agreed_with_justification | rejected | flat_required',
  tags,
  params: IdParams,
  body: RevisionDecisionBody,
  handler: ({ actor, params, body, locale, deps }) => deps.services.performance.decideRevision(actor, params.id, body, locale),
});

const applyRevision = defineRoute({
  method: 'POST',
  url: `${base}/revisions/:id/apply`,
  summary: 'Apply the agreed lines: each becomes a new pk_revision target version in force',
  tags,
  params: IdParams,
  handler: ({ actor, params, deps }) => deps.services.performance.applyRevision(actor, params.id),
});

const importBudget = defineRoute({
  method: 'POST',
  url: `${base}/entities/:unitId/budget/import`,
  summary: 'Budget rows (pagu, blokir, alokasi, rencana, realisasi) as JSON: all rows or none; a new import supersedes',
  tags,
  params: UnitParams,
  body: BudgetImportBody,
  successStatus: 201,
  handler: ({ actor, params, body, locale, deps }) => deps.services.performance.importBudget(actor, params.unitId, body, locale),
});

const importBudgetXlsx = defineRoute({
  method: 'POST',
  url: `${base}/entities/:unitId/budget/import-xlsx`,
  summary: 'Budget import from an XLSX upload (multipart field "file"; columns in resources/fixtures/sakip/README.md)',
  tags,
  params: UnitParams,
  query: YearQuery,
  successStatus: 201,
  handler: async ({ req, actor, params, query, locale, deps }) => {
    const file = req.isMultipart() ? await req.file() : undefined;
    if (!file)
      throw new AppError(AppErrorCode.VALIDATION, t(locale, 'error.validation'), {
        messageKey: 'error.validation',
        fields: [{ field: 'file', message: t(locale, 'performance.budget.fileRequired') }],
      });
    const buf = await file.toBuffer();
    return deps.services.performance.importBudgetXlsx(actor, params.unitId, query.year, buf, file.filename, locale);
  },
});

const nka = defineRoute({
  method: 'PUT',
  url: `${base}/entities/:unitId/nka/:year/:month`,
  summary: 'EKA and IKPA (or the eight IKPA scores) of a month; NKA = 0,6·EKA + 0,4·IKPA',
  tags,
  params: UnitYearMonthParams,
  body: NkaBody,
  handler: ({ actor, params, body, deps }) =>
    deps.services.performance.putNka(actor, params.unitId, params.year, params.month, body),
});

const narratives = defineRoute({
  method: 'GET',
  url: `${base}/entities/:unitId/narratives/:year/:quarter`,
  summary: 'LAPKIN narratives of a period (entity, sasaran, indicator sections), carry-over sections marked as inherited',
  tags,
  params: NarrativeParams,
  handler: ({ actor, params, locale, deps }) =>
    deps.services.performance.listNarratives(actor, params.unitId, params.year, params.quarter, locale),
});

const saveNarrative = defineRoute({
  method: 'PUT',
  url: `${base}/entities/:unitId/narratives/:year/:quarter`,
  summary: 'Save one narrative section (sakip_manager, unit_head) naming the version edited; a stale version answers 409',
  tags,
  params: NarrativeParams,
  body: NarrativeBody,
  handler: ({ actor, params, body, locale, deps }) =>
    deps.services.performance.saveNarrative(actor, params.unitId, params.year, params.quarter, body, locale),
});

const LapkinParams = UnitParams.extend({
  year: z.coerce.number().int().min(2000).max(2100),
  period: z.enum(['1', '2', '3', '4', 'annual']),
});
const LapkinQuery = z.object({ format: z.enum(['pdf', 'docx']).default('pdf') });

const lapkin = defineRoute({
  method: 'GET',
  url: `${base}/entities/:unitId/lapkin/:year/:period`,
  summary: 'LAPKIN Interim of a quarter (period 1-4) or the yearly LAPKIN (annual) as PDF or DOCX (format=pdf|docx)',
  tags,
  params: LapkinParams,
  query: LapkinQuery,
  produces: 'application/pdf',
  handler: async ({ actor, params, query, locale, reply, deps }) => {
    const period = params.period === 'annual' ? 'annual' : (Number(params.period) as Quarter);
    const out = await deps.services.performance.lapkinFile(actor, params.unitId, params.year, period, query.format, locale);
    reply
      .type(
        query.format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      )
      .header('cache-control', 'private, no-store')
      .header('content-disposition', `attachment; filename="${out.fileName}"`);
    return out.body;
  },
});

export const performanceRoutes: AnyRoute[] = [
  narratives,
  saveNarrative,
  lapkin,
  settings,
  plan,
  importPlan,
  submitPlan,
  reviewPlan,
  perspective,
  sasaran,
  indicator,
  patchIndicator,
  targets,
  putRealisation,
  submitRealisation,
  verifyRealisation,
  listRealisations,
  importRealisations,
  bulkVerify,
  achievement,
  finalise,
  finalised,
  lapkinWorkflow,
  reviewLapkin,
  reopenLapkin,
  submitLapkin,
  requestRevision,
  listRevisions,
  getRevision,
  decideRevision,
  applyRevision,
  importBudget,
  importBudgetXlsx,
  nka,
];
