import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Locale } from '../../shared/i18n/index.ts';
import { RESULTS_PAGE_CSP, renderBpomResults, renderNoResults, renderUnitResults } from '../public/results-page.ts';
import { type AnyRoute, defineRoute } from '../route.ts';

/**
 * Public results pages (issue 5 item 6): no login, no JavaScript, Indonesian unless `?lang=en`.
 * Cacheable by browsers and proxies (the content is public and frozen): an ETag over what the page
 * depends on answers 304 without rendering, and Cache-Control allows five minutes of reuse.
 */

// Lenient on purpose: an odd `lang` or `tahun` shows the default page rather than an error.
const PageQuery = z.object({ lang: z.string().max(10).optional(), tahun: z.string().max(10).optional() });
const UnitParams = z.object({ unitCode: z.string().max(64) });
const CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

const localeOf = (q: { lang?: string | undefined }): Locale => (q.lang === 'en' ? 'en' : 'id');
const MAX_AGE = 'public, max-age=300, stale-while-revalidate=600';

function send(reply: FastifyReply, status: number, html: string, etag: string | null) {
  reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', RESULTS_PAGE_CSP)
    .header('referrer-policy', 'no-referrer')
    .header('x-content-type-options', 'nosniff')
    .header('vary', 'accept-encoding')
    .header('cache-control', status === 200 ? MAX_AGE : 'public, max-age=60');
  if (etag) reply.header('etag', etag);
  if (/\bgzip\b/.test(String(reply.request.headers['accept-encoding'] ?? ''))) {
    const gz = gzipSync(html);
    return reply.header('content-encoding', 'gzip').header('content-length', String(gz.length)).send(gz);
  }
  return reply.send(html);
}

/** The ETag (from the data fingerprint) and whether the client already holds this version. */
async function conditional(
  reply: FastifyReply,
  fingerprint: () => Promise<string>,
  key: string,
): Promise<{ etag: string; fresh: boolean }> {
  const etag = `W/"${createHash('sha256')
    .update(`${await fingerprint()}|${key}`)
    .digest('base64url')
    .slice(0, 27)}"`;
  const inm = reply.request.headers['if-none-match'];
  return { etag, fresh: typeof inm === 'string' && inm.split(/\s*,\s*/).includes(etag) };
}

const notModified = (reply: FastifyReply, etag: string) =>
  reply.code(304).header('etag', etag).header('cache-control', MAX_AGE).send();

const bpomPage = defineRoute({
  method: 'GET',
  url: '/hasil',
  summary:
    'Public SKM results of BPOM (HTML, no login): pooled IKM, grade, element values and every unit, from the newest closed campaign (?tahun=YYYY for another year, ?lang=en)',
  tags: ['public'],
  auth: 'none',
  query: PageQuery,
  produces: 'text/html',
  rateLimit: { max: 240, timeWindow: 60_000 },
  handler: async ({ query, reply, deps }) => {
    const locale = localeOf(query);
    const year = query.tahun && /^\d{4}$/.test(query.tahun) ? Number(query.tahun) : undefined;
    const svc = deps.services.publicResults;
    const { etag, fresh } = await conditional(reply, svc.fingerprint, `bpom|${year ?? ''}|${locale}`);
    if (fresh) return notModified(reply, etag);
    const view = await svc.bpom(locale, year);
    return view ? send(reply, 200, renderBpomResults(locale, view), etag) : send(reply, 404, renderNoResults(locale), null);
  },
});

const unitPage = defineRoute({
  method: 'GET',
  url: '/hasil/:unitCode',
  summary:
    'Public SKM results of one service unit by its code (HTML, no login): IKM, grade, element values, trend over the years, respondent count, actions under way on the weakest elements',
  tags: ['public'],
  auth: 'none',
  params: UnitParams,
  query: PageQuery,
  produces: 'text/html',
  rateLimit: { max: 240, timeWindow: 60_000 },
  handler: async ({ params, query, reply, deps }) => {
    const locale = localeOf(query);
    const svc = deps.services.publicResults;
    if (!CODE.test(params.unitCode)) return send(reply, 404, renderNoResults(locale, 'x'), null);
    const { etag, fresh } = await conditional(reply, svc.fingerprint, `unit|${params.unitCode.toUpperCase()}|${locale}`);
    if (fresh) return notModified(reply, etag);
    const view = await svc.unit(params.unitCode, locale);
    return view
      ? send(reply, 200, renderUnitResults(locale, view), etag)
      : send(reply, 404, renderNoResults(locale, params.unitCode), null);
  },
});

export const publicResultsRoutes: AnyRoute[] = [bpomPage, unitPage];
