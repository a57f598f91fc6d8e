import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, AppErrorCode } from './app-error.ts';
import type { AppDeps } from './deps.ts';

export const SESSION_COOKIE = 'mutu_session';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Cross-site request check for the admin API (OWASP Fetch Metadata, Origin fallback).
 * Public survey routes (`/s/…`, `/api/v1/public/…`) are protected by their own token instead.
 */
export function isCrossSite(req: FastifyRequest, allowedOrigins: string[]): boolean {
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string') return site !== 'same-origin' && site !== 'none';
  const origin = req.headers.origin;
  if (typeof origin !== 'string') return false; // non-browser clients (CLI, server-to-server) send neither
  if (allowedOrigins.includes(origin)) return false;
  const host = req.headers['x-forwarded-host'] ?? req.headers.host;
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

export function installSessionAuth(app: FastifyInstance, deps: AppDeps): void {
  app.addHook('preHandler', async (req) => {
    const cfg = req.routeOptions.config;
    const url = req.routeOptions.url ?? req.url;
    if (UNSAFE.has(req.method) && url.startsWith('/api/') && !url.startsWith('/api/v1/public/')) {
      if (isCrossSite(req, deps.config.allowedOrigins)) {
        throw new AppError(AppErrorCode.FORBIDDEN, 'Permintaan lintas situs ditolak', { messageKey: 'error.crossOrigin' });
      }
    }
    const token = req.cookies[SESSION_COOKIE];
    if (token) req.actor = await deps.services.auth.authenticate(token);
    const q = (req.query as { lang?: string } | undefined)?.lang;
    if (req.actor && q !== 'en' && q !== 'id') req.locale = req.actor.locale;
    if ((cfg.auth ?? 'session') === 'none' || req.is404) return;
    if (!req.actor) {
      throw new AppError(AppErrorCode.UNAUTHENTICATED, 'Silakan masuk terlebih dahulu', { messageKey: 'error.unauthenticated' });
    }
    if (req.actor.mustChangePassword && !cfg.allowDuringPasswordChange) {
      throw new AppError(AppErrorCode.PASSWORD_CHANGE_REQUIRED, 'Anda harus mengganti kata sandi terlebih dahulu', {
        messageKey: 'auth.passwordChangeRequired',
      });
    }
  });
}
