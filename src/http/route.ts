import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type ZodType, z } from 'zod';
import type { Actor } from '../modules/auth/actor.ts';
import type { Locale } from '../shared/i18n/index.ts';
import { AppError, AppErrorCode, type FieldIssue } from './app-error.ts';
import type { AppDeps } from './deps.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteContext<B, Q, P> {
  req: FastifyRequest;
  reply: FastifyReply;
  body: B;
  query: Q;
  params: P;
  /** Present when `auth !== 'none'`. */
  actor: Actor;
  locale: Locale;
  deps: AppDeps;
}

export interface RouteDef<B = unknown, Q = unknown, P = unknown, R = unknown> {
  method: Method;
  url: string;
  summary: string;
  tags: string[];
  /** `session` (default): a logged-in user; `none`: public. */
  auth?: 'session' | 'none';
  /** Reachable while the user must still change the password (login/logout/change). */
  allowDuringPasswordChange?: boolean;
  body?: ZodType<B>;
  query?: ZodType<Q>;
  params?: ZodType<P>;
  /** Documented response body (200/201). */
  response?: ZodType<R>;
  successStatus?: number;
  /** `false`: no generic limiter hook; the route books its own counters (e.g. in its transaction). */
  rateLimit?:
    | false
    | {
        max: number;
        timeWindow: number;
        keyGenerator?: (req: FastifyRequest) => string;
        /** What the limiter throws when the limit is exceeded (default: the JSON `rate_limited` error). */
        errorResponseBuilder?: (req: FastifyRequest, ctx: { statusCode: number; ttl: number }) => object;
      };
  /** `false`: neither compress replies nor decompress bodies (tiny JSON replies, where the hooks cost more than they save). */
  compress?: false;
  /** Non-JSON responses (files) describe their media type here. */
  produces?: string;
  handler: (ctx: RouteContext<B, Q, P>) => Promise<R | undefined>;
}

// biome-ignore lint/suspicious/noExplicitAny: heterogeneous registry
export type AnyRoute = RouteDef<any, any, any, any>;

export const defineRoute = <B, Q, P, R>(def: RouteDef<B, Q, P, R>): RouteDef<B, Q, P, R> => def;

/** All routes registered so far, for the OpenAPI document. */
export const routeRegistry: AnyRoute[] = [];

export function zodIssues(error: z.ZodError, prefix: string): FieldIssue[] {
  return error.issues.map((i) => ({
    field: [prefix, ...i.path.map(String)].filter(Boolean).join('.'),
    message: i.message,
  }));
}

function parsePart<T>(schema: ZodType<T> | undefined, value: unknown, where: string, locale: Locale): T {
  if (!schema) return value as T;
  const res = schema.safeParse(value ?? (where === 'body' ? undefined : {}), {
    error: locale === 'id' ? idLocale : enLocale,
  });
  if (!res.success) {
    throw new AppError(AppErrorCode.VALIDATION, 'Data yang dikirim tidak valid', {
      messageKey: 'error.validation',
      fields: zodIssues(res.error, where),
    });
  }
  return res.data;
}

const idLocale = z.locales.id().localeError;
const enLocale = z.locales.en().localeError;

export function registerRoutes(app: FastifyInstance, deps: AppDeps, routes: AnyRoute[]): void {
  for (const route of routes) {
    routeRegistry.push(route);
    app.route({
      method: route.method,
      url: route.url,
      config: {
        auth: route.auth ?? 'session',
        allowDuringPasswordChange: route.allowDuringPasswordChange ?? false,
        ...(route.rateLimit !== undefined ? { rateLimit: route.rateLimit } : {}),
      },
      ...(route.compress === false ? { compress: false, decompress: false } : {}),
      handler: async (req, reply) => {
        const locale = req.locale;
        const ctx: RouteContext<unknown, unknown, unknown> = {
          req,
          reply,
          params: parsePart(route.params, req.params, 'params', locale),
          query: parsePart(route.query, req.query, 'query', locale),
          body: parsePart(route.body, req.body, 'body', locale),
          actor: req.actor as Actor,
          locale,
          deps,
        };
        const result = await route.handler(ctx);
        if (reply.sent) return reply;
        if (route.successStatus) reply.code(route.successStatus);
        if (result === undefined) return reply.code(route.successStatus ?? 204).send();
        return result;
      },
    });
  }
}
