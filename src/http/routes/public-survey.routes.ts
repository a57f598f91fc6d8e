import { brotliCompressSync, gzipSync, constants as zlibConstants } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { SkmCampaignTable } from '../../db/schema.ts';
import type { InstrumentProfile } from '../../domain/profiles/profile.ts';
import { shippedProfile } from '../../domain/profiles/shipped-profiles.ts';
import * as responseRepo from '../../modules/responses/response.repository.ts';
import {
  ApiKeyDto,
  ApiKeyIdParams,
  ApiKeyListDto,
  CreateApiKeyBody,
  CreatedApiKeyDto,
  PublicResponseBody,
  type SubmitInput,
  SubmitResultDto,
} from '../../modules/responses/response.schema.ts';
import * as campaignRepo from '../../modules/surveys/campaign.repository.ts';
import { localDate } from '../../modules/surveys/local-date.ts';
import { type Locale, t } from '../../shared/i18n/index.ts';
import { newToken } from '../../shared/ids.ts';
import { AppError, AppErrorCode } from '../app-error.ts';
import type { AppDeps } from '../deps.ts';
import { type Challenge, createChallenge } from '../public/challenge.ts';
import { contentSecurityPolicy, esc, type FormView, renderForm, renderMessage } from '../public/form-page.ts';
import { DbRateLimitStore } from '../rate-limit-store.ts';
import { type AnyRoute, defineRoute, type RouteContext } from '../route.ts';

/**
 * The public survey form `/s/:token` (server-rendered, works without JavaScript) and the
 * server-to-server submission API. Not behind the admin session or its Origin check: protected by
 * the unguessable token, the idempotency key, a signed render-time challenge with a honeypot, and
 * rate limits per client address and per token (counters in the database, shared by all servers).
 */

const envInt = (name: string, fallback: number): number => {
  const v = Number.parseInt(process.env[name] ?? '', 10);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};

/** Per minute. Raised by the benchmark through the environment; tests may lower the per-token one. */
export const publicLimits = {
  getsPerIp: envInt('MUTU_PUBLIC_GETS_PER_IP', 120),
  postsPerIp: envInt('MUTU_PUBLIC_POSTS_PER_IP', 30),
  postsPerToken: envInt('MUTU_PUBLIC_POSTS_PER_TOKEN', 600),
  apiPostsPerKey: envInt('MUTU_PUBLIC_API_POSTS_PER_KEY', 600),
};

const WINDOW = 60_000;
const TOKEN = /^[A-Za-z0-9_-]{20,64}$/;

const ipKey = (req: FastifyRequest) => `ip:${req.ip}`;

/** A client that asks for JSON only (an API client) keeps the JSON refusal; browsers get the HTML page. */
const wantsJsonOnly = (req: FastifyRequest) => {
  const accept = String(req.headers.accept ?? '');
  return /application\/json/.test(accept) && !/text\/html|\*\/\*/.test(accept);
};

/**
 * The per-address limit of the form pages: a polite page in the form's language with 429 and `Retry-After`
 * (set by the limiter), never a JSON body in front of a respondent.
 */
function politeRefusal(req: FastifyRequest, ctx: { ttl: number }): object {
  const seconds = Math.max(1, Math.ceil(ctx.ttl / 1000));
  const locale = formLocale((req.query ?? {}) as FormQuery);
  const error = Object.assign(new Error(t(locale, 'public.rateLimited.body', { seconds })), { statusCode: 429 });
  if (wantsJsonOnly(req)) return error;
  const paragraphs = [t(locale, 'public.rateLimited.body', { seconds })];
  if (req.method === 'POST') paragraphs.push(t(locale, 'public.rateLimited.post'));
  const retry = req.method === 'GET' ? `<p><a href="${esc(req.url)}">${esc(t(locale, 'public.rateLimited.retry'))}</a></p>` : '';
  const html = renderMessage(locale, t(locale, 'public.rateLimited.title'), paragraphs, retry);
  return Object.assign(error, {
    respond: (reply: FastifyReply) => {
      reply.header('retry-after', String(seconds));
      return sendHtml(reply, 429, html);
    },
  });
}

const formLimit = (max: number) => ({ max, timeWindow: WINDOW, keyGenerator: ipKey, errorResponseBuilder: politeRefusal });

const challenges = new Map<string, Challenge>();
function challengeOf(deps: AppDeps): Challenge {
  const secret = deps.config.secretKey as string;
  let c = challenges.get(secret);
  if (!c) {
    c = createChallenge(secret);
    challenges.set(secret, c);
  }
  return c;
}

const tokenStores = new WeakMap<object, DbRateLimitStore>();
function tokenStore(deps: AppDeps): DbRateLimitStore {
  let s = tokenStores.get(deps.dbh.db);
  if (!s) {
    s = new DbRateLimitStore(deps.dbh.db, 'public-token');
    tokenStores.set(deps.dbh.db, s);
  }
  return s;
}

const FormQuery = z.object({ lang: z.string().optional(), embed: z.string().optional() });
const TokenParams = z.object({ token: z.string() });
type FormQuery = z.infer<typeof FormQuery>;

/** The public form is Indonesian unless `?lang=en` asks otherwise (not the browser's language). */
const formLocale = (q: FormQuery): Locale => (q.lang === 'en' ? 'en' : 'id');
const isEmbed = (q: FormQuery) => q.embed === '1';

function suffix(locale: Locale, embed: boolean): string {
  const parts = [...(locale === 'en' ? ['lang=en'] : []), ...(embed ? ['embed=1'] : [])];
  return parts.length ? `?${parts.join('&')}` : '';
}

function frameAncestors(c: SkmCampaignTable | undefined): string[] | null {
  if (c?.allow_embedding !== 1) return null;
  try {
    const list = JSON.parse(c.embed_origins_json) as unknown;
    // Only plain origins reach the header: nothing can inject another directive.
    return Array.isArray(list)
      ? list.filter((o): o is string => typeof o === 'string' && /^https?:\/\/[\w.-]+(:\d+)?$/.test(o))
      : null;
  } catch {
    return null;
  }
}

/**
 * Compressed here rather than by the global plugin, so the response carries its transferred size in
 * `content-length` (the 60 KB first-load budget is checked against it).
 */
function encode(req: FastifyRequest, reply: FastifyReply, html: string): Buffer | string {
  const accept = String(req.headers['accept-encoding'] ?? '');
  reply.header('vary', 'accept-encoding');
  if (/\bbr\b/.test(accept)) {
    reply.header('content-encoding', 'br');
    return brotliCompressSync(html, {
      params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 6, [zlibConstants.BROTLI_PARAM_MODE]: zlibConstants.BROTLI_MODE_TEXT },
    });
  }
  if (/\bgzip\b/.test(accept)) {
    reply.header('content-encoding', 'gzip');
    return gzipSync(html);
  }
  return html;
}

function sendHtml(reply: FastifyReply, status: number, html: string, campaign?: SkmCampaignTable, cache = 'no-store') {
  const body = encode(reply.request, reply, html);
  if (typeof body !== 'string') reply.header('content-length', String(body.length));
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', contentSecurityPolicy(frameAncestors(campaign)))
    .header('referrer-policy', 'no-referrer')
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', cache)
    .send(body);
}

type LinkRow = responseRepo.TokenLink;

type Resolved =
  | { kind: 'unknown' }
  | { kind: 'replaced'; link: LinkRow; campaign: SkmCampaignTable | undefined }
  | { kind: 'notOpen' | 'closed'; link: LinkRow; campaign: SkmCampaignTable }
  | { kind: 'open'; link: LinkRow; campaign: SkmCampaignTable; profile: InstrumentProfile };

async function resolveToken(deps: AppDeps, token: string): Promise<Resolved> {
  if (!TOKEN.test(token)) return { kind: 'unknown' };
  // Link, campaign and the unit's time zone in one read.
  const found = await responseRepo.resolveTokenRow(deps.dbh.db, token);
  if (!found) return { kind: 'unknown' };
  const { link, campaign } = found;
  if (link.active !== 1) return { kind: 'replaced', link, campaign };
  if (!campaign) return { kind: 'unknown' };
  const today = localDate(deps.clock.now(), found.timeZone ?? 'Asia/Jakarta');
  if (campaign.status === 'draft' || campaign.status === 'targets_set') return { kind: 'notOpen', link, campaign };
  if (campaign.status !== 'collecting' || today > campaign.effective_end) return { kind: 'closed', link, campaign };
  if (today < campaign.collection_start) return { kind: 'notOpen', link, campaign };
  const profile = shippedProfile(campaign.profile_code);
  if (!profile) return { kind: 'closed', link, campaign };
  return { kind: 'open', link, campaign, profile };
}

function politePage(reply: FastifyReply, locale: Locale, r: Exclude<Resolved, { kind: 'open' }>) {
  const back = `<p><a href="?lang=${locale === 'en' ? 'id' : 'en'}" lang="${locale === 'en' ? 'id' : 'en'}">${locale === 'en' ? 'Bahasa Indonesia' : 'English'}</a></p>`;
  if (r.kind === 'unknown') {
    const html = renderMessage(
      locale,
      t(locale, 'responses.page.unknown.title'),
      [t(locale, 'responses.page.unknown.body')],
      back,
    );
    return sendHtml(reply, 404, html);
  }
  const params = {
    campaign: r.campaign?.name ?? '',
    unit: r.link.unit_name,
    start: r.campaign?.collection_start ?? '',
  };
  const key = `responses.page.${r.kind}`;
  // A closed survey points to its published results (issue 5 item 6).
  const results =
    r.kind === 'closed'
      ? `<p><a href="/hasil/${encodeURIComponent(r.link.unit_code)}${locale === 'en' ? '?lang=en' : ''}">${t(locale, 'reports.public.closedLink')}</a></p>`
      : '';
  const html = renderMessage(locale, t(locale, `${key}.title`), [t(locale, `${key}.body`, params)], results + back);
  return sendHtml(reply, 200, html, r.campaign);
}

async function formView(
  deps: AppDeps,
  r: Extract<Resolved, { kind: 'open' }>,
  token: string,
  locale: Locale,
  embed: boolean,
  state: Pick<FormView, 'values' | 'errors' | 'clientSubmissionId'> & { captcha: boolean },
): Promise<string> {
  const { link, campaign, profile } = r;
  const services = link.unit_service_id
    ? []
    : (await campaignRepo.targets(deps.dbh.db, campaign.id, [link.unit_id])).map((s) => ({
        id: s.unit_service_id,
        name: s.service_name,
      }));
  const issued = challengeOf(deps).issue(token, deps.clock.now().getTime(), state.captcha);
  const otherLang: Locale = locale === 'en' ? 'id' : 'en';
  return renderForm({
    locale,
    profile,
    campaignName: campaign.name,
    unitName: link.unit_name,
    services,
    fixedService: link.unit_service_id ? { id: link.unit_service_id, name: link.service_name ?? '' } : null,
    action: `/s/${token}/submit${suffix(locale, embed)}`,
    langSwitchHref: `/s/${token}${suffix(otherLang, embed) || '?lang=id'}`,
    // The privacy notice states the period the purge applies: the campaign's own or RETENTION_DAYS.
    retentionDays: deps.services.retention.retentionDaysOf(campaign),
    values: state.values,
    errors: state.errors,
    clientSubmissionId: state.clientSubmissionId,
    challenge: issued.value,
    captcha: issued.captcha,
  });
}

const first = (v: unknown): string => (Array.isArray(v) ? String(v[0] ?? '') : typeof v === 'string' ? v : '');
const toInt = (s: string | undefined): number | string | null => {
  const x = (s ?? '').trim();
  if (x === '') return null;
  return /^-?\d{1,6}$/.test(x) ? Number(x) : x;
};

/** A service field path (`respondent.age`, `answers.A1`) as the form's field name. */
function formName(path: string): string {
  if (path.startsWith('respondent.')) return path.slice('respondent.'.length);
  if (path.startsWith('answers.')) return `q_${path.slice('answers.'.length)}`;
  if (path === 'clientSubmissionId') return 'csid';
  return path;
}

const getForm = defineRoute({
  method: 'GET',
  url: '/s/:token',
  summary: 'Public survey form (HTML, works without JavaScript; ?lang=en for English, ?embed=1 inside an allowed iframe)',
  tags: ['public'],
  auth: 'none',
  params: TokenParams,
  query: FormQuery,
  produces: 'text/html',
  rateLimit: formLimit(publicLimits.getsPerIp),
  handler: async ({ params, query, reply, deps }) => {
    const locale = formLocale(query);
    const r = await resolveToken(deps, params.token);
    if (r.kind !== 'open') return politePage(reply, locale, r);
    const html = await formView(deps, r, params.token, locale, isEmbed(query), {
      values: {},
      errors: [],
      clientSubmissionId: newToken(16),
      captcha: false,
    });
    // Not no-store: "back" must show this very page again, with its idempotency key.
    return sendHtml(reply, 200, html, r.campaign, 'private, max-age=0');
  },
});

async function handlePost({ req, params, query, reply, deps }: RouteContext<unknown, FormQuery, { token: string }>) {
  const locale = formLocale(query);
  const embed = isEmbed(query);
  const token = params.token;
  const r = await resolveToken(deps, token);
  if (r.kind !== 'open') return politePage(reply, locale, r);

  const hit = await tokenStore(deps).hit(token, WINDOW);
  if (hit.current > publicLimits.postsPerToken) {
    const seconds = Math.max(1, Math.ceil(hit.ttl / 1000));
    const html = renderMessage(locale, t(locale, 'responses.page.rateLimited.title'), [
      t(locale, 'responses.rateLimited', { seconds }),
    ]);
    reply.header('retry-after', String(seconds));
    return sendHtml(reply, 429, html, r.campaign);
  }

  const raw = (req.body ?? {}) as Record<string, unknown>;
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw))
    if (k !== 'ch' && k !== 'kode' && k !== 'website') values[k] = first(v).slice(0, 4000);
  const csid = /^[A-Za-z0-9_-]{8,100}$/.test(values.csid ?? '') ? (values.csid as string) : newToken(16);
  const rerender = async (errors: { name: string; message: string }[], captcha: boolean) =>
    sendHtml(
      reply,
      400,
      await formView(deps, r, token, locale, embed, { values, errors, clientSubmissionId: csid, captcha }),
      r.campaign,
    );

  // Challenge first: nothing of a failed post is looked at, let alone stored.
  const verdict = first(raw.website)
    ? 'invalid'
    : challengeOf(deps).verify(token, first(raw.ch), deps.clock.now().getTime(), first(raw.kode));
  if (verdict !== 'ok') {
    const key = verdict === 'captcha_wrong' ? 'responses.challenge.wrong' : 'responses.challenge.failed';
    return rerender([{ name: 'kode', message: t(locale, key) }], true);
  }

  const { link, campaign, profile } = r;
  const answers: Record<string, number | null> = {};
  for (const q of profile.questions) answers[q.code] = toInt(values[`q_${q.code}`]) as number | null;
  const input: SubmitInput = {
    campaignId: campaign.id,
    unitId: link.unit_id,
    unitServiceId: link.unit_service_id ?? values.unitServiceId ?? '',
    linkId: link.id,
    channel: embed && campaign.allow_embedding === 1 ? 'embedded' : 'link',
    clientSubmissionId: csid,
    respondent: {
      fullName: values.fullName ?? null,
      age: toInt(values.age) as number | null,
      sex: values.sex || null,
      phone: values.phone ?? null,
      education: values.education || null,
      occupation: values.occupation || null,
      institution: values.institution ?? null,
    },
    completionPct: toInt(values.completionPct) as number | null,
    answers,
    suggestion: values.suggestion ?? null,
    ipAddress: req.ip,
    locale,
  };

  const errors: { name: string; message: string }[] = [];
  if (!values.consent) errors.push({ name: 'consent', message: t(locale, 'responses.consent') });
  if (!input.unitServiceId) {
    const label = profile.respondentFields.find((f) => f.code === 'unitServiceId')?.label[locale] ?? 'unitServiceId';
    errors.push({ name: 'unitServiceId', message: t(locale, 'responses.required', { label }) });
  }
  const collect = (e: unknown) => {
    if (!(e instanceof AppError) || e.code !== AppErrorCode.VALIDATION) return false;
    for (const f of e.fields) {
      const name = formName(f.field);
      if (!errors.some((x) => x.name === name)) errors.push({ name, message: f.message });
    }
    return true;
  };
  try {
    if (errors.length) await deps.services.responses.validate(input);
    else await deps.services.responses.submit(input);
  } catch (e) {
    if (e instanceof AppError && e.code === AppErrorCode.INVALID_STATE) {
      return politePage(reply, locale, { kind: 'closed', link, campaign });
    }
    if (!collect(e)) throw e;
  }
  // Errors in the order of the form, so the summary reads top to bottom.
  if (errors.length) {
    const order = ['consent', ...profile.respondentFields.map((f) => f.code), ...profile.questions.map((q) => `q_${q.code}`)];
    errors.sort((a, b) => {
      const ia = order.indexOf(a.name);
      const ib = order.indexOf(b.name);
      return (ia < 0 ? 999 : ia) - (ib < 0 ? 999 : ib);
    });
    const stepOne = new Set(['consent', ...profile.respondentFields.filter((f) => f.step === 1).map((f) => f.code)]);
    errors.sort((a, b) => Number(!stepOne.has(a.name)) - Number(!stepOne.has(b.name)));
    return rerender(errors, false);
  }
  return reply
    .code(303)
    .header('location', `/s/${token}/thanks${suffix(locale, embed)}`)
    .header('cache-control', 'no-store')
    .send();
}

const postDef = {
  method: 'POST' as const,
  tags: ['public'],
  auth: 'none' as const,
  params: TokenParams,
  query: FormQuery,
  produces: 'text/html',
  rateLimit: formLimit(publicLimits.postsPerIp),
  handler: handlePost,
};

/**
 * The form posts here, not to `/s/:token`: a POST invalidates the browser's cached copy of its own
 * URL, and "back" must show the cached form with its idempotency key, so a resend stores nothing new.
 */
const postForm = defineRoute({
  ...postDef,
  url: '/s/:token/submit',
  summary: 'Submit the public survey form (application/x-www-form-urlencoded); redirects to the thank-you page (303)',
});

const postFormAlias = defineRoute({
  ...postDef,
  url: '/s/:token',
  summary: 'Same as POST /s/{token}/submit',
});

const thanks = defineRoute({
  method: 'GET',
  url: '/s/:token/thanks',
  summary: 'Thank-you page after a submission (HTML)',
  tags: ['public'],
  auth: 'none',
  params: TokenParams,
  query: FormQuery,
  produces: 'text/html',
  rateLimit: formLimit(publicLimits.getsPerIp),
  handler: async ({ params, query, reply, deps }) => {
    const locale = formLocale(query);
    const r = await resolveToken(deps, params.token);
    if (r.kind === 'unknown') return politePage(reply, locale, r);
    const html = renderMessage(locale, t(locale, 'responses.page.thanks.title'), [t(locale, 'responses.page.thanks.body')]);
    return sendHtml(reply, 200, html, r.kind === 'replaced' ? r.campaign : r.campaign);
  },
});

// ---- Server-to-server ----

const API_LIMIT_PREFIX = 'POST:/api/v1/public/responses|key:';

const bearerOf = (req: FastifyRequest): string | undefined => {
  const h = req.headers.authorization;
  return typeof h === 'string' && h.startsWith('Bearer ') ? h.slice(7).trim() : undefined;
};

const apiSubmit = defineRoute({
  method: 'POST',
  url: '/api/v1/public/responses',
  summary:
    'Submit one response server-to-server (Authorization: Bearer <API key> scoped to a unit and campaign). 201 when stored, 200 for a replay of the same clientSubmissionId',
  tags: ['public'],
  auth: 'none',
  body: PublicResponseBody,
  response: SubmitResultDto,
  // The per-key counter is booked in the submission's own transaction (one commit per request).
  rateLimit: false,
  compress: false,
  handler: async ({ req, reply, body, deps, locale }) => {
    // A key is checked first (a read; no key, no write), so only a known key books its counter.
    const key = await deps.services.apiKeys.authenticate(bearerOf(req), locale);
    const forbidden = () =>
      new AppError(AppErrorCode.FORBIDDEN, t(locale, 'responses.apiKey.otherUnit'), { messageKey: 'responses.apiKey.otherUnit' });
    if (body.unitId && body.unitId !== key.unit_id) throw forbidden();
    if (key.unit_service_id && body.unitServiceId && body.unitServiceId !== key.unit_service_id) throw forbidden();
    const unitServiceId = key.unit_service_id ?? body.unitServiceId;
    if (!unitServiceId) {
      throw new AppError(AppErrorCode.VALIDATION, 'Data yang dikirim tidak valid', {
        messageKey: 'error.validation',
        fields: [{ field: 'body.unitServiceId', message: t(locale, 'responses.required', { label: 'unitServiceId' }) }],
      });
    }
    try {
      const result = await deps.services.responses.submit(
        {
          campaignId: key.campaign_id,
          unitId: key.unit_id,
          unitServiceId,
          channel: 'api',
          clientSubmissionId: body.clientSubmissionId,
          respondent: body.respondent,
          completionPct: body.completionPct ?? null,
          answers: body.answers,
          suggestion: body.suggestion ?? null,
          ipAddress: req.ip,
          locale: body.locale ?? locale,
        },
        undefined,
        { limits: [{ key: `${API_LIMIT_PREFIX}${key.id}`, max: publicLimits.apiPostsPerKey, windowMs: WINDOW }] },
      );
      reply.code(result.replayed ? 200 : 201);
      return result;
    } catch (e) {
      if (e instanceof AppError && e.code === AppErrorCode.RATE_LIMITED)
        reply.header('retry-after', String(e.params?.seconds ?? Math.ceil(WINDOW / 1000)));
      // Service field paths are relative to the body.
      if (e instanceof AppError && e.code === AppErrorCode.VALIDATION)
        throw new AppError(e.code, e.message, {
          messageKey: e.messageKey ?? 'error.validation',
          fields: e.fields.map((f) => ({ field: `body.${f.field}`, message: f.message })),
        });
      throw e;
    }
  },
});

const CampaignParams = z.object({ id: z.string().min(1) });

const createKey = defineRoute({
  method: 'POST',
  url: '/api/v1/campaigns/:id/api-keys',
  summary: 'Create an API key for one unit (optionally one service) of the campaign (skm_coordinator); the key is shown once',
  tags: ['surveys'],
  params: CampaignParams,
  body: CreateApiKeyBody,
  response: CreatedApiKeyDto,
  successStatus: 201,
  handler: ({ actor, params, body, deps }) => deps.services.apiKeys.create(actor, params.id, body),
});

const listKeys = defineRoute({
  method: 'GET',
  url: '/api/v1/campaigns/:id/api-keys',
  summary: 'API keys of the campaign (prefix only, never the key)',
  tags: ['surveys'],
  params: CampaignParams,
  response: ApiKeyListDto,
  handler: ({ actor, params, deps }) => deps.services.apiKeys.list(actor, params.id),
});

const revokeKey = defineRoute({
  method: 'POST',
  url: '/api/v1/api-keys/:id/revoke',
  summary: 'Revoke an API key (skm_coordinator); audited',
  tags: ['surveys'],
  params: ApiKeyIdParams,
  response: ApiKeyDto,
  handler: ({ actor, params, deps }) => deps.services.apiKeys.revoke(actor, params.id),
});

export const publicSurveyRoutes: AnyRoute[] = [
  getForm,
  postForm,
  postFormAlias,
  thanks,
  apiSubmit,
  createKey,
  listKeys,
  revokeKey,
];
