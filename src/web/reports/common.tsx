import { ApiError, type FieldIssue } from '../lib/api.ts';
import { useT } from '../lib/i18n.tsx';
import type { ReportCheck, ReportStatus } from './types.ts';
import './reports.css';

/** Status as text in a badge (never colour alone). */
export function ReportStatusBadge({ status, returned }: { status: ReportStatus; returned?: boolean }) {
  const t = useT();
  const key = status === 'draft' && returned ? 'returned' : status;
  return <span className={`badge report-status report-status-${key}`}>{t(`skmReport.status.${key}`)}</span>;
}

/** The submission checklist: each item marked met or missing in words as well as with a symbol. */
export function Checklist({ checks, id }: { checks: ReportCheck[]; id?: string }) {
  const t = useT();
  return (
    <ul className="checklist" id={id}>
      {checks.map((c) => (
        <li key={`${c.code}-${c.unitServiceId ?? ''}`} className={c.ok ? 'check-ok' : 'check-missing'}>
          <span aria-hidden="true" className="check-mark">
            {c.ok ? '✓' : '✗'}
          </span>
          <span className="sr-only">{c.ok ? t('web.skmReport.check.met') : t('web.skmReport.check.missing')}: </span>
          {c.message}
        </li>
      ))}
    </ul>
  );
}

/**
 * Multipart upload (the JSON client cannot send files); server errors come back as ApiError like
 * every other request so the same error summary shows them.
 */
export async function uploadFile<T>(path: string, file: File, locale: string): Promise<T> {
  const body = new FormData();
  body.append('file', file, file.name);
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method: 'POST',
      body,
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'accept-language': locale },
    });
  } catch {
    throw new ApiError(0, 'network_error', locale === 'en' ? 'The server cannot be reached' : 'Server tidak dapat dihubungi');
  }
  const json = (await res.json().catch(() => null)) as {
    error?: { code?: string; message?: string; fields?: FieldIssue[] };
  } | null;
  if (!res.ok) {
    const e = json?.error;
    throw new ApiError(res.status, e?.code ?? 'http_error', e?.message ?? `HTTP ${res.status}`, e?.fields ?? []);
  }
  return json as T;
}
