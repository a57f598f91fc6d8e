import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { BatchJobDto, BatchJobParams, BatchStartBody, BatchStartedDto } from '../../modules/reports/batch/batch.schema.ts';
import { MEDIA_TYPES, type ReportFormat } from '../../modules/reports/bpom/bpom.service.ts';
import { type AnyRoute, defineRoute } from '../route.ts';

const tags = ['reports'];
const id = z.string().min(1).max(64);
const CampaignParams = z.object({ id });
const PerceptionParams = z.object({
  unitId: id,
  year: z.coerce.number().int().min(2000).max(2100),
  month: z.coerce.number().int().min(1).max(12),
});

/** Generated documents are personal to the reader's role: never cached by shared caches. */
function attachment(reply: FastifyReply, file: { filename: string; mediaType: string }) {
  reply
    .type(file.mediaType)
    .header('cache-control', 'private, no-store')
    .header('content-disposition', `attachment; filename="${file.filename}"`);
}

const bpomReport = (format: ReportFormat) =>
  defineRoute({
    method: 'GET',
    url: `/api/v1/campaigns/:id/laporan-skm-bpom.${format}`,
    summary: `Laporan SKM BPOM (${format.toUpperCase()}): BPOM-wide pooled IKM with interval, element values and grade, every UPP with U1–U9/IKM/grade, per-UPP service tables, RTL per UPP, units below their IKM target (skm_coordinator, inspectorate, executive_viewer). Live campaigns are marked "Sementara".`,
    tags,
    params: CampaignParams,
    produces: MEDIA_TYPES[format],
    handler: async ({ actor, params, locale, reply, deps }) => {
      const file = await deps.services.reportsBpom.generate(actor, params.id, format, locale);
      attachment(reply, file);
      return file.buffer;
    },
  });

const perceptionReport = (format: ReportFormat) =>
  defineRoute({
    method: 'GET',
    url: `/api/v1/units/:unitId/perception-report/:year/:month.${format}`,
    summary: `Laporan Analisis SPKP dan SPAK of one unit and month (${format.toUpperCase()}): respondent profile, IPP and IPAK per element with bands, the worksheet value over the last three months, the follow-up, Lampiran 1 (pseudonymised unless the reader may see personal data). Unit roles and the inspectorate.`,
    tags,
    params: PerceptionParams,
    produces: MEDIA_TYPES[format],
    handler: async ({ actor, params, locale, reply, deps }) => {
      const file = await deps.services.reportsPerception.generate(
        actor,
        params.unitId,
        params.year,
        params.month,
        format,
        locale,
      );
      attachment(reply, file);
      return file.buffer;
    },
  });

const startBatch = defineRoute({
  method: 'POST',
  url: '/api/v1/campaigns/:id/reports/batch',
  summary:
    'Generate every unit’s Laporan SKM of the campaign (or the listed units) as PDF, DOCX or both, as a background job that writes one ZIP (skm_coordinator): 202 {jobId}',
  tags,
  params: CampaignParams,
  body: BatchStartBody,
  response: BatchStartedDto,
  successStatus: 202,
  handler: ({ actor, params, body, locale, deps }) => deps.services.reportBatch.start(actor, params.id, body, locale),
});

const batchStatus = defineRoute({
  method: 'GET',
  url: '/api/v1/report-batches/:jobId',
  summary:
    'Progress of a report batch: status queued|running|succeeded|failed, processed/total, and every unit that failed with its reason',
  tags,
  params: BatchJobParams,
  response: BatchJobDto,
  handler: ({ actor, params, locale, deps }) => deps.services.reportBatch.status(actor, params.jobId, locale),
});

const latestBatch = defineRoute({
  method: 'GET',
  url: '/api/v1/campaigns/:id/reports/batch',
  summary: 'The newest report batch of the campaign (for the progress bar after a reload), or 204 when there is none',
  tags,
  params: CampaignParams,
  response: BatchJobDto,
  handler: ({ actor, params, locale, deps }) => deps.services.reportBatch.latest(actor, params.id, locale),
});

const batchZip = defineRoute({
  method: 'GET',
  url: '/api/v1/report-batches/:jobId/download.zip',
  summary: 'The ZIP of a finished report batch (one file per unit and format)',
  tags,
  params: BatchJobParams,
  produces: 'application/zip',
  handler: async ({ actor, params, reply, deps }) => {
    const file = await deps.services.reportBatch.download(actor, params.jobId);
    attachment(reply, { filename: file.filename, mediaType: 'application/zip' });
    return reply.send(file.stream);
  },
});

export const reportsCompilationRoutes: AnyRoute[] = [
  bpomReport('pdf'),
  bpomReport('docx'),
  perceptionReport('pdf'),
  perceptionReport('docx'),
  startBatch,
  latestBatch,
  batchStatus,
  batchZip,
];
