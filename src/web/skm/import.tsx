import { type FormEvent, useEffect, useId, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorSummary, Notice } from '../components/form.tsx';
import { ApiError, get } from '../lib/api.ts';
import { useApi, useTitle } from '../lib/hooks.ts';
import { formatNumber, useI18n } from '../lib/i18n.tsx';
import { rowIssue } from '../pages/user-import.tsx';
import { UnitTabs } from './common.tsx';
import type { Campaign, Job } from './types.ts';

/** Uploads with multipart (the JSON helper cannot), surfacing the server's error body the same way. */
async function upload(path: string, file: File, locale: string): Promise<{ jobId: string }> {
  const form = new FormData();
  form.append('file', file);
  const res = await fetch(`/api/v1${path}`, {
    method: 'POST',
    body: form,
    credentials: 'same-origin',
    headers: { accept: 'application/json', 'accept-language': locale },
  });
  const json = await res.json().catch(() => null);
  if (!res.ok) {
    const e = json?.error;
    throw new ApiError(res.status, e?.code ?? 'http_error', e?.message ?? `HTTP ${res.status}`, e?.fields ?? []);
  }
  return json;
}

export function ImportPage() {
  const { t, locale } = useI18n();
  const { id, unitId } = useParams() as { id: string; unitId: string };
  const campaign = useApi<Campaign>(`/campaigns/${id}`);
  const unitName = campaign.data?.units.find((u) => u.unitId === unitId)?.name ?? '';
  useTitle(`${t('web.skm.import.title')} ${unitName}`);
  const uid = useId().replace(/:/g, '');
  const [file, setFile] = useState<File | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const base = `/campaigns/${id}/units/${unitId}`;

  // Polls the job once a second until it ends.
  useEffect(() => {
    if (!jobId) return;
    let stop = false;
    let timer: ReturnType<typeof setTimeout>;
    const tick = async () => {
      try {
        const j = await get<Job>(`/jobs/${jobId}`);
        if (stop) return;
        setJob(j);
        if (j.status === 'queued' || j.status === 'running') timer = setTimeout(tick, 1000);
        else setBusy(false);
      } catch (e) {
        if (!stop) {
          setError(e);
          setBusy(false);
        }
      }
    };
    void tick();
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [jobId]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setError(undefined);
    setJob(null);
    setJobId(null);
    setBusy(true);
    try {
      const r = await upload(`${base}/imports`, file, locale);
      setJobId(r.jobId);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  const syncIssues =
    error instanceof ApiError ? error.fields.map((f) => rowIssue(f.field, f.message)).filter((i) => i.row !== null) : [];
  const issues = job?.status === 'failed' && job.errors.length ? job.errors : syncIssues;

  return (
    <>
      <p className="breadcrumb">
        <Link to={`/app/skm/${id}`}>← {campaign.data?.name ?? ''}</Link>
      </p>
      <h1>
        {t('web.skm.import.title')} {unitName}
      </h1>
      <UnitTabs campaignId={id} unitId={unitId} />
      <p className="lead">{t('web.skm.import.lead')}</p>
      <p className="actions">
        <a className="btn btn-secondary" href={`/api/v1${base}/import-template.xlsx`} download>
          {t('web.skm.import.templateXlsx')}
        </a>
        <a className="btn btn-secondary" href={`/api/v1${base}/import-template.csv`} download>
          {t('web.skm.import.templateCsv')}
        </a>
      </p>
      <ErrorSummary
        error={issues.length ? new Error(t('web.skm.import.refused', { n: job?.errorCount ?? issues.length })) : error}
      />
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={`${uid}-file`}>{t('web.skm.import.file')}</label>
          <input
            id={`${uid}-file`}
            type="file"
            accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </div>
        <button type="submit" className="btn btn-primary" disabled={busy || !file}>
          {t('web.skm.import.submit')}
        </button>
      </form>
      {job ? (
        <section className="section" aria-labelledby={`${uid}-job`}>
          <h2 id={`${uid}-job`}>{t(`web.skm.import.status.${job.status}`)}</h2>
          <progress
            max={100}
            value={job.progress}
            aria-label={t('web.skm.import.progress')}
            aria-valuetext={`${job.progress}%`}
          />
          <p aria-live="polite">
            {t('web.skm.import.processed', {
              processed: formatNumber(locale, job.processed ?? 0),
              total: formatNumber(locale, job.total ?? 0),
            })}
          </p>
          {job.status === 'failed' && job.message && !issues.length ? (
            <div className="alert alert-error" role="alert">
              <p>{job.message}</p>
            </div>
          ) : null}
          {job.status === 'succeeded' ? (
            <Notice kind="success">{t('web.skm.import.done', { n: formatNumber(locale, job.result?.stored ?? 0) })}</Notice>
          ) : null}
        </section>
      ) : null}
      {issues.length ? (
        <div className="table-wrap">
          <table className="compact">
            <caption>{t('web.skm.import.issues', { n: formatNumber(locale, issues.length) })}</caption>
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
                    <code>{i.column ?? ''}</code>
                  </td>
                  <td>{i.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
