import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { ErrorSummary } from '../components/form.tsx';
import { ApiError, fieldName, post } from '../lib/api.ts';
import { useAction, useTitle } from '../lib/hooks.ts';
import { formatNumber, useI18n } from '../lib/i18n.tsx';

export const CSV_HEADER = 'nip,name,email,unit,role';
const TEMPLATE = `${CSV_HEADER}\n199001012015031001,Nama Pegawai,nama.pegawai@example.go.id,Balai Besar POM di Serang,unit_operator\n`;

const csvCell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const dataUri = (csv: string) => `data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`;

interface RowIssue {
  row: number | null;
  column: string;
  message: string;
}

/** `rows[3].unit` (or `rows.3.unit`) → row 3, column unit; anything else stays whole. */
export function rowIssue(field: string, message: string): RowIssue {
  const f = fieldName(field);
  const m = /^rows(?:\[(\d+)\]|\.(\d+))(?:\.(.+))?$/.exec(f);
  if (!m) return { row: null, column: f, message };
  return { row: Number(m[1] ?? m[2]), column: m[3] ?? '', message };
}

interface Imported {
  created: number;
  users: { username: string; temporaryPassword: string }[];
}

export function UserImportPage() {
  const { t, locale } = useI18n();
  const [csv, setCsv] = useState('');
  const [result, setResult] = useState<Imported | null>(null);
  const action = useAction();
  const id = useId().replace(/:/g, '');
  const resultRef = useRef<HTMLHeadingElement>(null);
  useTitle(t('web.import.title'));
  useEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);

  const issues =
    action.error instanceof ApiError
      ? action.error.fields.map((f) => rowIssue(f.field, f.message)).sort((a, b) => (a.row ?? 0) - (b.row ?? 0))
      : [];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setResult(null);
    const r = await action.run(() => post<Imported>('/users/import', { csv }));
    if (r) setResult(r);
  };

  const credentials = result
    ? `username,temporaryPassword\n${result.users.map((u) => `${csvCell(u.username)},${csvCell(u.temporaryPassword)}`).join('\n')}\n`
    : '';

  return (
    <>
      <p className="breadcrumb">
        <Link to="/app/pengguna">{t('web.import.back')}</Link>
      </p>
      <h1>{t('web.import.title')}</h1>
      <p className="lead">{t('web.import.lead')}</p>
      <ul>
        <li>{t('web.import.columns', { header: CSV_HEADER })}</li>
        <li>{t('web.import.unitRule')}</li>
        <li>{t('web.import.allOrNothing')}</li>
      </ul>
      <p>
        <a href={dataUri(TEMPLATE)} download="mutu-impor-pengguna.csv">
          {t('web.import.template')}
        </a>
      </p>
      {result ? (
        <section className="panel panel-success" aria-labelledby={`${id}-done`}>
          <h2 id={`${id}-done`} tabIndex={-1} ref={resultRef}>
            {t('web.import.done', { n: formatNumber(locale, result.created) })}
          </h2>
          <p>{t('web.users.tempPasswordNote')}</p>
          <p>
            <a href={dataUri(credentials)} download="mutu-kata-sandi-sementara.csv">
              {t('web.import.downloadCredentials')}
            </a>
          </p>
          <div className="table-wrap">
            <table className="compact">
              <caption className="sr-only">{t('web.users.tempPassword')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('web.users.username')}</th>
                  <th scope="col">{t('web.users.tempPassword')}</th>
                </tr>
              </thead>
              <tbody>
                {result.users.map((u) => (
                  <tr key={u.username}>
                    <td>
                      <code>{u.username}</code>
                    </td>
                    <td>
                      <code>{u.temporaryPassword}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      <ErrorSummary
        error={
          action.error instanceof ApiError && issues.length
            ? new Error(t('web.import.refused', { n: issues.length }))
            : action.error
        }
      />
      {issues.length ? (
        <div className="table-wrap">
          <table className="compact" id={`${id}-issues`}>
            <caption>{t('web.import.issues', { n: formatNumber(locale, issues.length) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('web.import.row')}</th>
                <th scope="col">{t('web.import.column')}</th>
                <th scope="col">{t('web.import.message')}</th>
              </tr>
            </thead>
            <tbody>
              {issues.map((i) => (
                <tr key={`${i.row}:${i.column}:${i.message}`}>
                  <td>{i.row ?? '—'}</td>
                  <td>
                    <code>{i.column}</code>
                  </td>
                  <td>{i.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-file`}>{t('web.import.file')}</label>
          <input
            id={`${id}-file`}
            type="file"
            accept=".csv,text/csv"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              if (file) setCsv(await file.text());
            }}
          />
        </div>
        <div className={`field${issues.length ? ' field-invalid' : ''}`}>
          <label htmlFor={`${id}-csv`}>{t('web.import.csv')}</label>
          <p className="hint" id={`${id}-hint`}>
            {t('web.import.csvHint')}
          </p>
          <textarea
            id={`${id}-csv`}
            name="csv"
            rows={10}
            className="mono"
            spellCheck={false}
            value={csv}
            onChange={(e) => setCsv(e.target.value)}
            aria-invalid={issues.length ? true : undefined}
            aria-describedby={[`${id}-hint`, issues.length ? `${id}-issues` : ''].filter(Boolean).join(' ')}
          />
        </div>
        <button type="submit" className="btn btn-primary" disabled={action.busy || !csv.trim()}>
          {t('web.import.submit')}
        </button>
      </form>
    </>
  );
}
