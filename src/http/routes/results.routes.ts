import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  CampaignParams,
  CampaignResultsDto,
  PerceptionDto,
  PerceptionQuery,
  ResponsesDto,
  ResponsesQuery,
  RestatementBody,
  RestatementDto,
  SnapshotsDto,
  UnitResultsDto,
  UnitResultsParams,
} from '../../modules/results/results.schema.ts';
import { sendDownload } from '../download.ts';
import { type AnyRoute, defineRoute } from '../route.ts';

const tags = ['results'];

/** Conditional GET: polling with If-None-Match costs one fingerprint query and answers 304. */
function withEtag<T>(reply: FastifyReply, r: { etag: string; body: T | null }): T | undefined {
  reply.header('etag', r.etag);
  reply.header('cache-control', 'private, no-cache');
  if (r.body === null) {
    reply.code(304).send();
    return undefined;
  }
  return r.body;
}

const ifNoneMatch = (req: FastifyRequest) => {
  const v = req.headers['if-none-match'];
  return typeof v === 'string' ? v : undefined;
};

const campaignResults = defineRoute({
  method: 'GET',
  url: '/api/v1/campaigns/:id/results',
  summary:
    'BPOM-level live results: pooled IKM, grade and 95% interval over all counted responses, and one row per unit (target, submitted, valid, counted, IKM, grade, CI, element values). Closed campaigns read their newest snapshot. ETag/If-None-Match.',
  tags,
  params: CampaignParams,
  response: CampaignResultsDto,
  handler: async ({ req, reply, actor, params, locale, deps }) =>
    withEtag(reply, await deps.services.results.campaignResults(actor, params.id, locale, ifNoneMatch(req))),
});

const unitResults = defineRoute({
  method: 'GET',
  url: '/api/v1/campaigns/:id/units/:unitId/results',
  summary:
    'Live results of one unit: per service target/submitted/valid/counted/progress, element values with grades, IKM + grade + 95% interval; the pooled unit index; the respondent profile. ETag/If-None-Match.',
  tags,
  params: UnitResultsParams,
  response: UnitResultsDto,
  handler: async ({ req, reply, actor, params, locale, deps }) =>
    withEtag(reply, await deps.services.results.unitResults(actor, params.id, params.unitId, locale, ifNoneMatch(req))),
});

const perception = defineRoute({
  method: 'GET',
  url: '/api/v1/campaigns/:id/units/:unitId/perception',
  summary:
    'SPKP and SPAK per month (first 30 eligible responses per month in the unit time zone): selected, index, ×25 value, band and the 3-month worksheet value',
  tags,
  params: UnitResultsParams,
  query: PerceptionQuery,
  response: PerceptionDto,
  handler: ({ actor, params, query, locale, deps }) =>
    deps.services.results.perception(actor, params.id, params.unitId, query, locale),
});

const responses = defineRoute({
  method: 'GET',
  url: '/api/v1/campaigns/:id/units/:unitId/responses',
  summary:
    'Paginated response list (q: seqNo, service name, or respondent name for roles that may read it); personal fields masked unless the role may see them',
  tags,
  params: UnitResultsParams,
  query: ResponsesQuery,
  response: ResponsesDto,
  handler: ({ actor, params, query, deps }) => deps.services.results.listResponses(actor, params.id, params.unitId, query),
});

const responsesXlsx = defineRoute({
  method: 'GET',
  url: '/api/v1/campaigns/:id/units/:unitId/responses.xlsx',
  summary: 'Raw data of the unit as XLSX (same filters as the list); personal fields masked unless the role may see them',
  tags,
  params: UnitResultsParams,
  query: ResponsesQuery,
  produces: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  handler: async ({ reply, actor, params, query, locale, deps }) => {
    const { buffer, filename } = await deps.services.results.exportResponses(actor, params.id, params.unitId, query, locale);
    return sendDownload(reply, {
      body: buffer,
      filename,
      mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
  },
});

const snapshots = defineRoute({
  method: 'GET',
  url: '/api/v1/campaigns/:id/snapshots',
  summary:
    'Frozen result snapshots of the campaign, every version (superseded ones carry the note "dikoreksi pada laporan berikutnya")',
  tags,
  params: CampaignParams,
  response: SnapshotsDto,
  handler: ({ actor, params, locale, deps }) => deps.services.results.listSnapshots(actor, params.id, locale),
});

const restate = defineRoute({
  method: 'POST',
  url: '/api/v1/campaigns/:id/restatements',
  summary:
    'Restatement of a closed campaign (skm_coordinator, D30): recompute into a new snapshot version with a reason; old versions stay',
  tags,
  params: CampaignParams,
  body: RestatementBody,
  response: RestatementDto,
  successStatus: 201,
  handler: ({ actor, params, body, locale, deps }) => deps.services.results.restate(actor, params.id, body.reason, locale),
});

export const resultsRoutes: AnyRoute[] = [campaignResults, unitResults, perception, responses, responsesXlsx, snapshots, restate];
