import type { FastifyReply } from 'fastify';
import {
  ApproveBody,
  IdParams,
  InvalidateBody,
  InvalidationDto,
  InvalidationListDto,
  InvalidationsQuery,
  ProposeBody,
  ReinstateBody,
  RejectBody,
} from '../../modules/responses/cleansing.schema.ts';
import { CampaignUnitParams } from '../../modules/responses/paper-entry.schema.ts';
import { downloadHeaders } from '../download.ts';
import { type AnyRoute, defineRoute } from '../route.ts';

const tags = ['cleansing'];

const propose = defineRoute({
  method: 'POST',
  url: '/api/v1/responses/:id/invalidation-proposals',
  summary:
    "Propose invalidating a response of one's own unit (unit_operator): reason duplicate | not_a_customer | unclear_identity",
  tags,
  params: IdParams,
  body: ProposeBody,
  response: InvalidationDto,
  successStatus: 201,
  handler: ({ actor, params, body, deps }) => deps.services.cleansing.propose(actor, params.id, body),
});

const approve = defineRoute({
  method: 'POST',
  url: '/api/v1/invalidations/:id/approve',
  summary: 'Approve a pending invalidation (skm_coordinator, never the proposer): the response becomes invalid and is recounted',
  tags,
  params: IdParams,
  body: ApproveBody,
  response: InvalidationDto,
  handler: ({ actor, params, body, deps }) => deps.services.cleansing.approve(actor, params.id, body?.note),
});

const reject = defineRoute({
  method: 'POST',
  url: '/api/v1/invalidations/:id/reject',
  summary: 'Reject a pending invalidation with a note (skm_coordinator, never the proposer): the response is valid again',
  tags,
  params: IdParams,
  body: RejectBody,
  response: InvalidationDto,
  handler: ({ actor, params, body, deps }) => deps.services.cleansing.reject(actor, params.id, body.note),
});

const invalidate = defineRoute({
  method: 'POST',
  url: '/api/v1/responses/:id/invalidate',
  summary: 'Invalidate a response directly with a reason (skm_coordinator)',
  tags,
  params: IdParams,
  body: InvalidateBody,
  response: InvalidationDto,
  successStatus: 201,
  handler: ({ actor, params, body, deps }) => deps.services.cleansing.invalidate(actor, params.id, body),
});

const reinstate = defineRoute({
  method: 'POST',
  url: '/api/v1/responses/:id/reinstate',
  summary:
    'Reinstate an invalid response with a reason (skm_coordinator) until the campaign closes; afterwards 409 (restatement)',
  tags,
  params: IdParams,
  body: ReinstateBody,
  response: InvalidationDto,
  handler: ({ actor, params, body, deps }) => deps.services.cleansing.reinstate(actor, params.id, body.reason),
});

const list = defineRoute({
  method: 'GET',
  url: '/api/v1/campaigns/:id/invalidations',
  summary: 'Invalidations of a campaign (unit roles: their units), filtered by unit and status',
  tags,
  params: IdParams,
  query: InvalidationsQuery,
  response: InvalidationListDto,
  handler: ({ actor, params, query, deps }) => deps.services.cleansing.list(actor, params.id, query),
});

const attachment = (reply: FastifyReply, type: string, filename: string) => downloadHeaders(reply, type, filename);

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const matrixXlsx = defineRoute({
  method: 'GET',
  url: '/api/v1/campaigns/:id/units/:unitId/validity-matrix.xlsx',
  summary: 'Validity matrix (columns a–x, seqNo unchanged, NIHIL when empty) as XLSX; personal fields masked unless allowed',
  tags,
  params: CampaignUnitParams,
  produces: XLSX,
  handler: async ({ actor, params, locale, reply, deps }) => {
    const body = await deps.services.validityMatrix.xlsx(actor, params.id, params.unitId, locale);
    attachment(reply, XLSX, `matriks-validitas-${params.unitId}.xlsx`);
    return body;
  },
});

const matrixPdf = defineRoute({
  method: 'GET',
  url: '/api/v1/campaigns/:id/units/:unitId/validity-matrix.pdf',
  summary: 'Validity matrix as an A4 landscape PDF with the unit head signature block',
  tags,
  params: CampaignUnitParams,
  produces: 'application/pdf',
  handler: async ({ actor, params, locale, reply, deps }) => {
    const body = await deps.services.validityMatrix.pdf(actor, params.id, params.unitId, locale);
    attachment(reply, 'application/pdf', `matriks-validitas-${params.unitId}.pdf`);
    return body;
  },
});

export const cleansingRoutes: AnyRoute[] = [propose, approve, reject, invalidate, reinstate, list, matrixXlsx, matrixPdf];
