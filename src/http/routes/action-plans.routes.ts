import type { MultipartFile } from '@fastify/multipart';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  ActionBody,
  AssignmentsQuery,
  CustomRecommendationBody,
  CycleBody,
  CycleTransitionBody,
  DashboardQuery,
  EffectivenessQuery,
  EvaluationBody,
  EvaluationUpdateBody,
  EvidenceUrlBody,
  FollowUpDocumentQuery,
  FollowUpReportQuery,
  HistoricalImportBody,
  IdParams,
  MeReportQuery,
  PerceptionFollowupBody,
  PerceptionFollowupParams,
  RealisationBody,
  StrategyBody,
  UnitParams,
} from '../../modules/action-plans/action-plans.schema.ts';
import type { RenderedReport } from '../../modules/action-plans/report.service.ts';
import { tooLarge } from '../../modules/evidence/evidence.service.ts';
import { t } from '../../shared/i18n/index.ts';
import { AppError, AppErrorCode } from '../app-error.ts';
import { sendDownload } from '../download.ts';
import { type AnyRoute, defineRoute } from '../route.ts';

const tags = ['action-plans'];

const generate = defineRoute({
  method: 'POST',
  url: '/api/v1/campaigns/:id/recommendations/generate',
  summary:
    'Generate recommendations 1–3 per unit from the frozen SKM snapshots of a closed campaign (inspectorate; idempotent, restatements mark corrected)',
  tags,
  params: IdParams,
  handler: ({ actor, params, deps }) => deps.services.recommendations.generate(actor, params.id),
});

const listRecommendations = defineRoute({
  method: 'GET',
  url: '/api/v1/campaigns/:id/recommendations',
  summary: 'Recommendations of a campaign with their unit assignments and required items',
  tags,
  params: IdParams,
  handler: ({ actor, params, deps }) => deps.services.recommendations.listForCampaign(actor, params.id),
});

const customRecommendation = defineRoute({
  method: 'POST',
  url: '/api/v1/recommendations',
  summary: 'Add a recommendation by hand (inspectorate), assigned to units',
  tags,
  body: CustomRecommendationBody,
  successStatus: 201,
  handler: ({ actor, body, deps }) => deps.services.recommendations.createCustom(actor, body),
});

const listAssignments = defineRoute({
  method: 'GET',
  url: '/api/v1/rtl/assignments',
  summary: 'Recommendation assignments visible to the user, with plan status, coverage and actions',
  tags,
  query: AssignmentsQuery,
  handler: ({ actor, query, deps }) => deps.services.actionPlans.listAssignments(actor, query),
});

const getAssignment = defineRoute({
  method: 'GET',
  url: '/api/v1/rtl/assignments/:id',
  summary: 'One assignment with its actions, evidence versions, evaluation history and uncovered items',
  tags,
  params: IdParams,
  handler: ({ actor, params, deps }) => deps.services.actionPlans.getAssignment(actor, params.id),
});

const submitPlan = defineRoute({
  method: 'POST',
  url: '/api/v1/rtl/assignments/:id/submit',
  summary: 'Submit the plan (unit_operator): refused naming every required element without an action',
  tags,
  params: IdParams,
  handler: ({ actor, params, deps }) => deps.services.actionPlans.submitPlan(actor, params.id),
});

const approvePlan = defineRoute({
  method: 'POST',
  url: '/api/v1/rtl/assignments/:id/approve',
  summary: 'Approve a submitted plan (unit_head, not the submitter)',
  tags,
  params: IdParams,
  handler: ({ actor, params, deps }) => deps.services.actionPlans.approvePlan(actor, params.id),
});

const revisePlan = defineRoute({
  method: 'POST',
  url: '/api/v1/rtl/assignments/:id/revise',
  summary: 'Back to draft for a revision, with a reason (audited)',
  tags,
  params: IdParams,
  body: z.object({ reason: z.string().trim().min(1).max(2000) }),
  handler: ({ actor, params, body, deps }) => deps.services.actionPlans.revisePlan(actor, params.id, body.reason),
});

const createAction = defineRoute({
  method: 'POST',
  url: '/api/v1/rtl/actions',
  summary: 'Create an action (unit_operator); drafts may be partial, the timeline must be a valid date or quarter',
  tags,
  body: ActionBody,
  successStatus: 201,
  handler: ({ actor, body, deps }) => deps.services.actionPlans.createAction(actor, body),
});

const getAction = defineRoute({
  method: 'GET',
  url: '/api/v1/rtl/actions/:id',
  summary: 'One action with evidence versions and every dated evaluation',
  tags,
  params: IdParams,
  handler: ({ actor, params, deps }) => deps.services.actionPlans.getAction(actor, params.id),
});

const updateAction = defineRoute({
  method: 'PUT',
  url: '/api/v1/rtl/actions/:id',
  summary: 'Edit an action of a draft plan (unit_operator, audited)',
  tags,
  params: IdParams,
  body: ActionBody,
  handler: ({ actor, params, body, deps }) => deps.services.actionPlans.updateAction(actor, params.id, body),
});

const withdrawAction = defineRoute({
  method: 'DELETE',
  url: '/api/v1/rtl/actions/:id',
  summary: 'Withdraw an action of a draft plan (kept, never deleted)',
  tags,
  params: IdParams,
  handler: async ({ actor, params, deps }) => {
    await deps.services.actionPlans.withdrawAction(actor, params.id);
    return undefined;
  },
});

const realisation = defineRoute({
  method: 'PUT',
  url: '/api/v1/rtl/actions/:id/realisation',
  summary: 'Record the realisation: status, what was done, when, obstacles; strategy when not done',
  tags,
  params: IdParams,
  body: RealisationBody,
  handler: ({ actor, params, body, deps }) => deps.services.actionPlans.recordRealisation(actor, params.id, body),
});

/** Multipart upload: one `file` part (+ optional `description`, `supersedesId` fields); type by content. */
const uploadEvidence = defineRoute({
  method: 'POST',
  url: '/api/v1/rtl/actions/:id/evidence',
  summary: 'Upload evidence (multipart `file`): PDF, PNG, JPEG, DOCX, XLSX, PPTX, DOC, XLS checked by content; size limit',
  tags,
  params: IdParams,
  successStatus: 201,
  handler: async ({ req, actor, params, deps, locale }) => {
    const service = deps.services.actionPlans;
    if (!req.isMultipart()) {
      const message = t(locale, 'actionPlans.evidence.multipartRequired');
      throw new AppError(AppErrorCode.VALIDATION, message, { fields: [{ field: 'file', message }] });
    }
    let file: MultipartFile | undefined;
    let data: Buffer | undefined;
    const fields: Record<string, string> = {};
    for await (const part of req.parts({ limits: { fileSize: service.maxEvidenceBytes, files: 1 } })) {
      if (part.type === 'file') {
        file = part;
        try {
          data = await part.toBuffer();
        } catch (err) {
          if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
            throw tooLarge(part.filename, service.maxEvidenceBytes);
          throw err;
        }
      } else fields[part.fieldname] = String(part.value);
    }
    if (!file || !data) {
      const message = t(locale, 'actionPlans.evidence.fileRequired');
      throw new AppError(AppErrorCode.VALIDATION, message, { fields: [{ field: 'file', message }] });
    }
    return service.addEvidenceFile(actor, params.id, {
      fileName: file.filename,
      data,
      description: fields.description || undefined,
      supersedesId: fields.supersedesId || undefined,
    });
  },
});

const linkEvidence = defineRoute({
  method: 'POST',
  url: '/api/v1/rtl/actions/:id/evidence-links',
  summary: 'Add evidence as a link (http/https only)',
  tags,
  params: IdParams,
  body: EvidenceUrlBody,
  successStatus: 201,
  handler: ({ actor, params, body, deps }) => deps.services.actionPlans.addEvidenceUrl(actor, params.id, body),
});

const downloadEvidence = defineRoute({
  method: 'GET',
  url: '/api/v1/rtl/evidence/:id/content',
  summary: 'Download an evidence file (any version) within the user’s units',
  tags,
  params: IdParams,
  produces: 'application/octet-stream',
  handler: async ({ actor, params, deps, reply }) => {
    const { row, stream } = await deps.services.actionPlans.openEvidence(actor, params.id);
    return sendDownload(reply, {
      body: stream,
      filename: row.file_name ?? 'berkas',
      mediaType: row.media_type ?? 'application/octet-stream',
    });
  },
});

const evaluate = defineRoute({
  method: 'POST',
  url: '/api/v1/rtl/actions/:id/evaluations',
  summary: 'Evaluate an action Open or Close in a cycle (inspectorate); Open needs a reason code and a note',
  tags,
  params: IdParams,
  body: EvaluationBody,
  successStatus: 201,
  handler: ({ actor, params, body, deps }) => deps.services.monitoring.evaluate(actor, params.id, body),
});

const evaluationUpdate = defineRoute({
  method: 'POST',
  url: '/api/v1/rtl/evaluations/:id/updates',
  summary: 'A dated update to an evaluation note (inspectorate); history kept',
  tags,
  params: IdParams,
  body: EvaluationUpdateBody,
  successStatus: 201,
  handler: ({ actor, params, body, deps }) => deps.services.monitoring.addEvaluationUpdate(actor, params.id, body),
});

const createCycle = defineRoute({
  method: 'POST',
  url: '/api/v1/monitoring-cycles',
  summary: 'Create a semester monitoring cycle (inspectorate); with previousCycleId a reported cycle is closed and carries over',
  tags,
  body: CycleBody,
  successStatus: 201,
  handler: ({ actor, body, deps }) => deps.services.monitoring.createCycle(actor, body),
});

const listCycles = defineRoute({
  method: 'GET',
  url: '/api/v1/monitoring-cycles',
  summary: 'Monitoring cycles',
  tags,
  handler: ({ actor, deps }) => deps.services.monitoring.listCycles(actor),
});

const getCycle = defineRoute({
  method: 'GET',
  url: '/api/v1/monitoring-cycles/:id',
  summary: 'One monitoring cycle',
  tags,
  params: IdParams,
  handler: ({ actor, params, deps }) => deps.services.monitoring.getCycle(actor, params.id),
});

const transitionCycle = defineRoute({
  method: 'POST',
  url: '/api/v1/monitoring-cycles/:id/transition',
  summary: 'draft → open → cut_off (after the cutoff date; summaries frozen) → reported (frozen again) → closed',
  tags,
  params: IdParams,
  body: CycleTransitionBody,
  handler: ({ actor, params, body, deps }) => deps.services.monitoring.transition(actor, params.id, body.to),
});

const lampiran1 = defineRoute({
  method: 'GET',
  url: '/api/v1/monitoring-cycles/:id/lampiran-1',
  summary:
    'Lampiran 1 data: per unit jr, jru, jra, closed, %, keterangan, pooled total; appreciation/follow-up lists by unit type',
  tags,
  params: IdParams,
  handler: ({ actor, params, deps }) => deps.services.monitoring.lampiran1(actor, params.id),
});

const lampiran2 = defineRoute({
  method: 'GET',
  url: '/api/v1/monitoring-cycles/:id/lampiran-2',
  summary: 'Lampiran 2 data: unit → recommendation → action with timeline, status, note, overdue at the cutoff',
  tags,
  params: IdParams,
  handler: ({ actor, params, deps }) => deps.services.monitoring.lampiran2(actor, params.id),
});

const importHistorical = defineRoute({
  method: 'POST',
  url: '/api/v1/monitoring-cycles/import-historical',
  summary: 'Import a recorded M&E semester (Lampiran 1 + 2 as TSV) in historical mode: kept as recorded, problems as warnings',
  tags,
  body: HistoricalImportBody,
  successStatus: 201,
  handler: ({ actor, body, deps }) => deps.services.rtlImport.importMeRtl(actor, body),
});

const dashboard = defineRoute({
  method: 'GET',
  url: '/api/v1/rtl/dashboard',
  summary: 'Inspectorate dashboard: completion by unit type, element, recommendation; open reasons; overdue today',
  tags,
  query: DashboardQuery,
  handler: ({ actor, query, deps }) => deps.services.monitoring.dashboard(actor, query.cycleId),
});

const unitDashboard = defineRoute({
  method: 'GET',
  url: '/api/v1/units/:unitId/rtl/dashboard',
  summary: "A unit's own items: overdue and due within 14 days",
  tags,
  params: UnitParams,
  handler: ({ actor, params, deps }) => deps.services.actionPlans.unitDashboard(actor, params.unitId),
});

const followUpReport = defineRoute({
  method: 'GET',
  url: '/api/v1/units/:unitId/rtl/follow-up-report',
  summary: 'Laporan Hasil Tindak Lanjut SKM data for period `year`: RTL with Sudah/Belum, completion %, strategy',
  tags,
  params: UnitParams,
  query: FollowUpReportQuery,
  handler: ({ actor, params, query, deps }) => deps.services.actionPlans.followUpReport(actor, params.unitId, query.year),
});

const putPerceptionFollowup = defineRoute({
  method: 'PUT',
  url: '/api/v1/units/:unitId/perception-followups/:instrument/:year/:month',
  summary: 'SPKP/SPAK monthly follow-up: actions, or "Tidak perlu tindak lanjut" with a justification',
  tags,
  params: PerceptionFollowupParams,
  body: PerceptionFollowupBody,
  handler: ({ actor, params, body, deps }) => deps.services.perceptionFollowups.record(actor, params, body),
});

const getPerceptionFollowup = defineRoute({
  method: 'GET',
  url: '/api/v1/units/:unitId/perception-followups/:instrument/:year/:month',
  summary: 'SPKP/SPAK monthly follow-up of a unit',
  tags,
  params: PerceptionFollowupParams,
  handler: ({ actor, params, deps }) => deps.services.perceptionFollowups.get(actor, params),
});

const sendFile = (reply: FastifyReply, file: RenderedReport) =>
  sendDownload(reply, { body: file.data, filename: file.fileName, mediaType: file.mediaType });

const meReport = defineRoute({
  method: 'GET',
  url: '/api/v1/monitoring-cycles/:id/report',
  summary:
    'Laporan Monitoring dan Evaluasi (DOMAIN 7.7) as PDF or DOCX with Lampiran 1 and 2; `part=lampiran1|lampiran2` gives one Lampiran',
  tags,
  params: IdParams,
  query: MeReportQuery,
  produces: 'application/pdf',
  handler: async ({ actor, params, query, deps, reply }) =>
    sendFile(reply, await deps.services.rtlReports.meReport(actor, params.id, query.format, query.part)),
});

const followUpDocument = defineRoute({
  method: 'GET',
  url: '/api/v1/units/:unitId/rtl/follow-up-report/document',
  summary: 'Laporan Hasil Tindak Lanjut SKM of period `year` (DOMAIN 5.13.2) as PDF or DOCX',
  tags,
  params: UnitParams,
  query: FollowUpDocumentQuery,
  produces: 'application/pdf',
  handler: async ({ actor, params, query, deps, reply }) =>
    sendFile(reply, await deps.services.rtlReports.followUpReport(actor, params.unitId, query.year, query.format)),
});

const strategy = defineRoute({
  method: 'PUT',
  url: '/api/v1/rtl/actions/:id/strategy',
  summary:
    'Strategy for an RTL not done (Strategi Penyelesaian, target date, PIC, stakeholders), printed in the follow-up report',
  tags,
  params: IdParams,
  body: StrategyBody,
  handler: ({ actor, params, body, deps }) => deps.services.actionPlans.recordStrategy(actor, params.id, body),
});

const effectiveness = defineRoute({
  method: 'GET',
  url: '/api/v1/rtl/effectiveness',
  summary:
    'Effectiveness: every element with actions planned on `basisYear`, its published value then and in the next campaign; actions whose element did not improve',
  tags,
  query: EffectivenessQuery,
  handler: ({ actor, query, deps }) => deps.services.rtlEffectiveness.effectiveness(actor, query),
});

const runReminders = defineRoute({
  method: 'POST',
  url: '/api/v1/rtl/reminders/run',
  summary: 'Run the daily reminder pass now (inspectorate, administrator): items due within 14 days, once per item and day',
  tags,
  handler: ({ actor, deps }) => deps.services.rtlReminders.runNow(actor),
});

export const actionPlansRoutes: AnyRoute[] = [
  generate,
  listRecommendations,
  customRecommendation,
  listAssignments,
  getAssignment,
  submitPlan,
  approvePlan,
  revisePlan,
  createAction,
  getAction,
  updateAction,
  withdrawAction,
  realisation,
  uploadEvidence,
  linkEvidence,
  downloadEvidence,
  evaluate,
  evaluationUpdate,
  importHistorical,
  createCycle,
  listCycles,
  getCycle,
  transitionCycle,
  lampiran1,
  lampiran2,
  dashboard,
  unitDashboard,
  followUpReport,
  putPerceptionFollowup,
  getPerceptionFollowup,
  meReport,
  followUpDocument,
  strategy,
  effectiveness,
  runReminders,
];
