import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { t } from '../shared/i18n/index.ts';
import { AppError, AppErrorCode, type FieldIssue, HTTP_STATUS } from './app-error.ts';

export interface ErrorBody {
  error: { code: string; message: string; fields: FieldIssue[] };
}

function send(reply: FastifyReply, status: number, code: string, message: string, fields: FieldIssue[] = []) {
  return reply
    .code(status)
    .type('application/json; charset=utf-8')
    .send({ error: { code, message, fields } } satisfies ErrorBody);
}

/** The one place where errors become HTTP status codes. 5xx details never leave the server. */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError | Error, req: FastifyRequest, reply: FastifyReply) => {
    const locale = req.locale ?? 'id';
    if (err instanceof AppError) {
      const status = HTTP_STATUS[err.code];
      const message = err.messageKey ? t(locale, err.messageKey, err.params) : err.message;
      if (status >= 500) req.log.error({ err }, 'application error');
      return send(reply, status, err.code, message, err.fields);
    }
    const fe = err as FastifyError;
    if (fe.statusCode === 429) {
      // A route may answer its own refusal (the public form answers a polite HTML page).
      const own = (err as { respond?: (r: FastifyReply) => unknown }).respond;
      if (typeof own === 'function') return own(reply);
      return send(reply, 429, AppErrorCode.RATE_LIMITED, fe.message);
    }
    if (fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || err instanceof SyntaxError) {
      return send(reply, 400, AppErrorCode.VALIDATION, t(locale, 'error.badJson'), [
        { field: 'body', message: t(locale, 'error.badJson') },
      ]);
    }
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fe.statusCode === 413) {
      return send(reply, 413, AppErrorCode.PAYLOAD_TOO_LARGE, t(locale, 'error.payloadTooLarge'));
    }
    if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || fe.statusCode === 415) {
      return send(reply, 415, AppErrorCode.UNSUPPORTED_MEDIA, t(locale, 'error.unsupportedMedia'));
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return send(reply, fe.statusCode, AppErrorCode.VALIDATION, fe.message);
    }
    req.log.error({ err }, 'unhandled error');
    return send(reply, 500, AppErrorCode.INTERNAL, t(locale, 'error.internal'));
  });

  app.setNotFoundHandler(
    { preHandler: app.rateLimit ? app.rateLimit({ max: 120, timeWindow: 60_000 }) : undefined },
    (req, reply) => send(reply, 404, AppErrorCode.NOT_FOUND, t(req.locale ?? 'id', 'error.routeNotFound')),
  );
}
