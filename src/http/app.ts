import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import type { Actor } from '../modules/auth/actor.ts';
import { type Locale, pickLocale } from '../shared/i18n/index.ts';
import type { AppDeps } from './deps.ts';
import { installErrorHandlers } from './error-handler.ts';
import { buildOpenApi } from './openapi.ts';
import { DbRateLimitStore } from './rate-limit-store.ts';
import { registerRoutes } from './route.ts';
import { allRoutes } from './routes/index.ts';
import { installSessionAuth } from './session-auth.ts';

declare module 'fastify' {
  interface FastifyRequest {
    locale: Locale;
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    auth?: 'session' | 'none';
    allowDuringPasswordChange?: boolean;
  }
}

export interface BuildAppOptions {
  /** Serve the built admin UI from this folder (defaults to dist/web when it exists). */
  webDir?: string;
}

export async function buildApp(deps: AppDeps, opts: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.log,
    bodyLimit: 20 * 1024 * 1024,
    trustProxy: true,
    return503OnClosing: true,
    forceCloseConnections: false,
    // Request ids in every log line; a proxy's X-Request-Id is kept when it looks sane.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
    },
  });
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  app.decorateRequest('locale', 'id');
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (req) => {
    const q = (req.query as Record<string, unknown> | undefined)?.lang;
    req.locale = pickLocale({
      query: typeof q === 'string' ? q : undefined,
      cookie: req.cookies?.lang,
      acceptLanguage: req.headers['accept-language'],
    });
  });

  await app.register(cookie);
  await app.register(formbody);
  // Streams are read only by routes that ask for them (evidence, imports); routes may set a lower file size.
  await app.register(multipart, { limits: { files: 1, fields: 20, fileSize: 20 * 1024 * 1024 } });
  await app.register(compress, { global: true, threshold: 1024, encodings: ['br', 'gzip', 'deflate'] });
  // Counters live in the database so that several app servers share one limit.
  await app.register(rateLimit, {
    global: true,
    // Probes never touch the database through the limiter: /healthz must answer while the database is down.
    allowList: (req) => req.url === '/healthz' || req.url === '/readyz',
    max: 600,
    timeWindow: 60_000,
    store: DbRateLimitStore.factory(deps.dbh.db),
    errorResponseBuilder: (req, ctx) => ({
      statusCode: 429,
      error: {
        code: 'rate_limited',
        message:
          req.locale === 'en'
            ? `Too many requests, try again in ${Math.ceil(ctx.ttl / 1000)} seconds`
            : `Terlalu banyak permintaan, coba lagi dalam ${Math.ceil(ctx.ttl / 1000)} detik`,
        fields: [],
      },
    }),
  });

  installErrorHandlers(app);
  installSessionAuth(app, deps);

  registerRoutes(app, deps, allRoutes);
  app.get('/api/openapi.json', { config: { auth: 'none' } }, async () => buildOpenApi());

  const webDir = opts.webDir ?? resolve('dist/web');
  if (existsSync(resolve(webDir, 'index.html'))) {
    // The built UI is public (the API behind it is not): every route of this plugin is `auth: 'none'`.
    await app.register(async (web) => {
      web.addHook('onRoute', (route) => {
        route.config = { ...(route.config ?? {}), auth: 'none' };
      });
      await web.register(fastifyStatic, {
        root: webDir,
        prefix: '/',
        wildcard: false,
        index: false,
        // Vite fingerprints everything under assets/; index.html must be revalidated to pick up a new build.
        setHeaders: (reply, path) => {
          reply.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
        },
      });
      // The admin SPA owns `/` and every GET under /app (client-side routes).
      const spa = (_req: unknown, reply: FastifyReply) => reply.sendFile('index.html');
      web.get('/', spa);
      web.get('/app', spa);
      web.get('/app/*', spa);
    });
  }
  return app;
}
