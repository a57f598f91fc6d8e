import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  CampaignDto,
  CampaignIdParams,
  CampaignSummaryDto,
  CreateCampaignBody,
  ExtensionBody,
  LinkIdParams,
  LinksDto,
  ListCampaignsQuery,
  RegenerateLinkDto,
  TargetDto,
  TargetOverrideBody,
  TargetParams,
  TargetsDto,
  TargetsQuery,
  TransitionBody,
} from '../../modules/surveys/campaign.schema.ts';
import type { QrFormat } from '../../modules/surveys/link.service.ts';
import { downloadHeaders } from '../download.ts';
import { type AnyRoute, defineRoute } from '../route.ts';

const tags = ['surveys'];

const create = defineRoute({
  method: 'POST',
  url: '/api/v1/campaigns',
  summary:
    'Create an SKM campaign (skm_coordinator): profile, dates, units and services in scope, deadlines; targets are computed',
  tags,
  body: CreateCampaignBody,
  response: CampaignDto,
  successStatus: 201,
  handler: ({ actor, body, deps }) => deps.services.campaigns.create(actor, body),
});

const list = defineRoute({
  method: 'GET',
  url: '/api/v1/campaigns',
  summary: 'Campaigns visible to the user (unit roles: those including their units)',
  tags,
  query: ListCampaignsQuery,
  response: z.object({ campaigns: z.array(CampaignSummaryDto) }),
  handler: ({ actor, query, deps }) => deps.services.campaigns.list(actor, query),
});

const get = defineRoute({
  method: 'GET',
  url: '/api/v1/campaigns/:id',
  summary: 'One campaign with its units, unit targets, extensions and allowed next statuses',
  tags,
  params: CampaignIdParams,
  response: CampaignDto,
  handler: ({ actor, params, deps }) => deps.services.campaigns.get(actor, params.id),
});

const transition = defineRoute({
  method: 'POST',
  url: '/api/v1/campaigns/:id/transition',
  summary: 'Move the campaign draft → targets_set → collecting → validating → reporting → closed (409 invalid_state otherwise)',
  tags,
  params: CampaignIdParams,
  body: TransitionBody,
  response: CampaignDto,
  handler: ({ actor, params, body, deps }) => deps.services.campaigns.transition(actor, params.id, body.to),
});

const extend = defineRoute({
  method: 'POST',
  url: '/api/v1/campaigns/:id/extensions',
  summary: 'Record an extension of the collection period (new end after the current one, reason, letter reference)',
  tags,
  params: CampaignIdParams,
  body: ExtensionBody,
  response: CampaignDto,
  successStatus: 201,
  handler: ({ actor, params, body, deps }) => deps.services.campaigns.extend(actor, params.id, body),
});

const targets = defineRoute({
  method: 'GET',
  url: '/api/v1/campaigns/:id/targets',
  summary: 'Targets per service (previous-year population, divisor, period population, Krejcie–Morgan target) and per unit',
  tags,
  params: CampaignIdParams,
  query: TargetsQuery,
  response: TargetsDto,
  handler: ({ actor, params, query, deps }) => deps.services.campaigns.getTargets(actor, params.id, query.unitId),
});

const overrideTarget = defineRoute({
  method: 'PUT',
  url: '/api/v1/campaigns/:id/targets/:unitServiceId',
  summary: 'Set a service target by hand, with a reason (audited)',
  tags,
  params: TargetParams,
  body: TargetOverrideBody,
  response: TargetDto,
  handler: ({ actor, params, body, deps }) =>
    deps.services.campaigns.overrideTarget(actor, params.id, params.unitServiceId, body),
});

const recompute = defineRoute({
  method: 'POST',
  url: '/api/v1/campaigns/:id/targets/recompute',
  summary: 'Recompute targets from corrected populations (draft or targets_set; hand-set targets are kept)',
  tags,
  params: CampaignIdParams,
  response: TargetsDto,
  handler: ({ actor, params, deps }) => deps.services.campaigns.recomputeTargets(actor, params.id),
});

const links = defineRoute({
  method: 'GET',
  url: '/api/v1/campaigns/:id/links',
  summary: 'Survey links of the campaign (unit roles: their units only); replaced links are listed as inactive',
  tags,
  params: CampaignIdParams,
  response: LinksDto,
  handler: ({ actor, params, deps }) => deps.services.surveyLinks.list(actor, params.id),
});

const generateLinks = defineRoute({
  method: 'POST',
  url: '/api/v1/campaigns/:id/links',
  summary: 'Create the links the campaign still lacks (one per UPT, one per service for central units)',
  tags,
  params: CampaignIdParams,
  response: LinksDto.extend({ created: z.number() }),
  handler: ({ actor, params, deps }) => deps.services.surveyLinks.generate(actor, params.id),
});

const regenerate = defineRoute({
  method: 'POST',
  url: '/api/v1/links/:id/regenerate',
  summary: 'Replace a link with a new token; the old one stops working (printed posters must be replaced)',
  tags,
  params: LinkIdParams,
  response: RegenerateLinkDto,
  handler: ({ actor, params, locale, deps }) => deps.services.surveyLinks.regenerate(actor, params.id, locale),
});

// The QR carries the link token: never cached in shared caches.
const sendFile = (reply: FastifyReply, type: string, filename: string) => downloadHeaders(reply, type, filename, 'inline');

const qrRoute = (file: string, format: QrFormat, produces: string, summary: string) =>
  defineRoute({
    method: 'GET',
    url: `/api/v1/links/:id/${file}`,
    summary,
    tags,
    params: LinkIdParams,
    produces,
    handler: async ({ actor, params, locale, reply, deps }) => {
      const body = await deps.services.surveyLinks.render(actor, params.id, format, locale);
      sendFile(reply, produces, `skm-${params.id}-${file}`);
      return body;
    },
  });

export const surveysRoutes: AnyRoute[] = [
  create,
  list,
  get,
  transition,
  extend,
  targets,
  overrideTarget,
  recompute,
  links,
  generateLinks,
  regenerate,
  qrRoute('qr.svg', 'svg', 'image/svg+xml', 'QR code of an active link as SVG'),
  qrRoute('qr.png', 'png', 'image/png', 'QR code of an active link as PNG'),
  qrRoute('poster.pdf', 'pdf', 'application/pdf', 'Printable A4 poster (unit, service, QR code, short URL, call to action)'),
];
