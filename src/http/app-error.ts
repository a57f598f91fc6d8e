/** The one error type services throw; `src/http/error-handler.ts` maps codes to HTTP status. */
export enum AppErrorCode {
  VALIDATION = 'validation_failed',
  UNAUTHENTICATED = 'unauthenticated',
  FORBIDDEN = 'forbidden',
  NOT_FOUND = 'not_found',
  CONFLICT = 'conflict',
  RATE_LIMITED = 'rate_limited',
  LOCKED = 'account_locked',
  PASSWORD_CHANGE_REQUIRED = 'password_change_required',
  INVALID_STATE = 'invalid_state',
  PAYLOAD_TOO_LARGE = 'payload_too_large',
  UNSUPPORTED_MEDIA = 'unsupported_media_type',
  /** Well-formed but not acceptable yet (e.g. a report missing required items). */
  UNPROCESSABLE = 'unprocessable',
  INTERNAL = 'internal_error',
}

export const HTTP_STATUS: Record<AppErrorCode, number> = {
  [AppErrorCode.VALIDATION]: 400,
  [AppErrorCode.UNAUTHENTICATED]: 401,
  [AppErrorCode.FORBIDDEN]: 403,
  [AppErrorCode.NOT_FOUND]: 404,
  [AppErrorCode.CONFLICT]: 409,
  [AppErrorCode.RATE_LIMITED]: 429,
  [AppErrorCode.LOCKED]: 423,
  [AppErrorCode.PASSWORD_CHANGE_REQUIRED]: 403,
  [AppErrorCode.INVALID_STATE]: 409,
  [AppErrorCode.PAYLOAD_TOO_LARGE]: 413,
  [AppErrorCode.UNSUPPORTED_MEDIA]: 415,
  [AppErrorCode.UNPROCESSABLE]: 422,
  [AppErrorCode.INTERNAL]: 500,
};

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `body.email` or `rows[3].unit`. */
  field: string;
  message: string;
}

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly fields: FieldIssue[];
  /** i18n key for the message; `message` is the Indonesian default. */
  readonly messageKey: string | undefined;
  readonly params: Record<string, string | number> | undefined;

  constructor(
    code: AppErrorCode,
    message: string,
    opts: { fields?: FieldIssue[]; messageKey?: string; params?: Record<string, string | number> } = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.fields = opts.fields ?? [];
    this.messageKey = opts.messageKey;
    this.params = opts.params;
  }
}

export const notFound = (what: string) =>
  new AppError(AppErrorCode.NOT_FOUND, `${what} tidak ditemukan`, { messageKey: 'error.notFound', params: { what } });
export const forbidden = () =>
  new AppError(AppErrorCode.FORBIDDEN, 'Anda tidak berwenang melakukan tindakan ini', { messageKey: 'error.forbidden' });
