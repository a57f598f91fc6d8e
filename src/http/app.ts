import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
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
    disableRequestLogging: deps.config.logLevel === 'silent',
    bodyLimit: 20 * 1024 * 1024,
    trustProxy: true,
    return503OnClosing: true,
    forceCloseConnections: false,
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
  await app.register(compress, { global: true, threshold: 1024, encodings: ['br', 'gzip', 'deflate'] });
  // Counters live in the database so that several app servers share one limit.
  await app.register(rateLimit, {
    global: true,
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
    await app.register(fastifyStatic, { root: webDir, prefix: '/', wildcard: false, index: false });
    // The admin SPA owns every other GET under / (client-side routes).
    app.get('/', { config: { auth: 'none' } }, (_req, reply) => reply.sendFile('index.html'));
    app.get('/app/*', { config: { auth: 'none' } }, (_req, reply) => reply.sendFile('index.html'));
  }
  return app;
}
