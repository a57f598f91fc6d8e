/** JSON client for `/api/v1`: same-origin cookies, server error bodies surfaced as `ApiError`. */
export interface FieldIssue {
  field: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldIssue[];
  constructor(status: number, code: string, message: string, fields: FieldIssue[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
  }
}

export interface Page<T> {
  items: T[];
  total: number;
}

let currentLocale = 'id';
/** Server messages follow the UI language (the server reads Accept-Language when no session says otherwise). */
export const setApiLocale = (locale: string) => {
  currentLocale = locale;
};

type Listener = (err: ApiError) => void;
const listeners = new Set<Listener>();
/** The auth provider listens to learn that the session ended or a password change is pending. */
export function onApiError(fn: Listener): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

export async function api<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': currentLocale };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(
      0,
      'network_error',
      currentLocale === 'en' ? 'The server cannot be reached' : 'Server tidak dapat dihubungi',
    );
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!res.ok) {
    const e = (json as { error?: { code?: string; message?: string; fields?: FieldIssue[] } } | null)?.error;
    const err = new ApiError(res.status, e?.code ?? 'http_error', e?.message ?? `HTTP ${res.status}`, e?.fields ?? []);
    if (!path.startsWith('/auth/login')) for (const l of listeners) l(err);
    throw err;
  }
  return json as T;
}

export const get = <T>(path: string, query?: Query, signal?: AbortSignal) =>
  api<T>('GET', withQuery(path, query), undefined, signal);
export const post = <T>(path: string, body: unknown = {}) => api<T>('POST', path, body);
export const patch = <T>(path: string, body: unknown) => api<T>('PATCH', path, body);
export const put = <T>(path: string, body: unknown) => api<T>('PUT', path, body);

/** Strips the `body.` / `query.` prefix the server puts on field paths. */
export const fieldName = (field: string) => field.replace(/^(body|query|params)\./, '');

export function fieldError(err: unknown, name: string): string | undefined {
  if (!(err instanceof ApiError)) return undefined;
  const hit = err.fields.filter((f) => fieldName(f.field) === name);
  return hit.length ? hit.map((f) => f.message).join('; ') : undefined;
}
