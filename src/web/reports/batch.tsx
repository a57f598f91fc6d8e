import { useCallback, useEffect, useState } from 'react';
import { ErrorSummary, Notice } from '../components/form.tsx';
import { get, post } from '../lib/api.ts';
import { useAction } from '../lib/hooks.ts';
import { useT } from '../lib/i18n.tsx';

/** `GET /api/v1/report-batches/:id` (see `src/modules/reports/batch/batch.schema.ts`). */
interface BatchJob {
  id: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  format: 'pdf' | 'docx' | 'both';
  processed: number;
  total: number;
  progress: number;
  failures: { unitId: string; unitCode: string; unitName: string; message: string }[];
  files: number;
  downloadUrl: string | null;
  message: string | null;
}

const running = (j: BatchJob | null | undefined) => j?.status === 'queued' || j?.status === 'running';

/**
 * "Buat semua laporan" (issue 5 item 7): the coordinator starts one batch job for every unit of the
 * campaign, watches `processed/total` in a progress bar, sees each unit that failed with its reason,
 * and downloads the ZIP. The newest batch is shown again after a reload.
 */
export function ReportBatchSection({ campaignId }: { campaignId: string }) {
  const t = useT();
  const [format, setFormat] = useState<BatchJob['format']>('pdf');
  const [job, setJob] = useState<BatchJob | null>(null);
  const action = useAction();

  const load = useCallback(
    async (jobId?: string) => {
      const j = jobId
        ? await get<BatchJob>(`/report-batches/${jobId}`)
        : await get<BatchJob | undefined>(`/campaigns/${campaignId}/reports/batch`);
      setJob(j ?? null);
    },
    [campaignId],
  );

  useEffect(() => {
    load().catch(() => setJob(null));
  }, [load]);

  // Poll while the job runs; stop as soon as it has finished.
  useEffect(() => {
    if (!running(job) || !job) return;
    const timer = setTimeout(() => {
      load(job.id).catch(() => undefined);
    }, 1500);
    return () => clearTimeout(timer);
  }, [job, load]);

  const start = async () => {
    const r = await action.run(() => post<{ jobId: string }>(`/campaigns/${campaignId}/reports/batch`, { format }));
    if (r) await load(r.jobId);
  };

  return (
    <section className="section" aria-labelledby="report-batch-title">
      <h2 id="report-batch-title">{t('reports.batch.ui.title')}</h2>
      <p>{t('reports.batch.ui.intro')}</p>
      <ErrorSummary error={action.error} />
      <div className="actions">
        <label htmlFor="report-batch-format">{t('reports.batch.ui.format')}</label>{' '}
        <select
          id="report-batch-format"
          value={format}
          onChange={(e) => setFormat(e.target.value as BatchJob['format'])}
          disabled={running(job)}
        >
          <option value="pdf">PDF</option>
          <option value="docx">DOCX (Word)</option>
          <option value="both">PDF + DOCX</option>
        </select>{' '}
        <button type="button" className="primary" onClick={start} disabled={action.busy || running(job)}>
          {t('reports.batch.ui.start')}
        </button>
      </div>
      {job ? (
        <div aria-live="polite">
          <p>
            <label htmlFor="report-batch-progress">
              {t(`reports.batch.ui.status.${job.status}`)} –{' '}
              {t('reports.batch.ui.progress', { done: job.processed, total: job.total })}
            </label>
          </p>
          <progress id="report-batch-progress" max={job.total || 1} value={job.processed} />
          {job.message ? <Notice kind="warning">{job.message}</Notice> : null}
          {job.failures.length ? (
            <ul>
              {job.failures.map((f) => (
                <li key={f.unitId}>
                  <strong>{f.unitName}</strong> ({f.unitCode}): {f.message}
                </li>
              ))}
            </ul>
          ) : null}
          {job.downloadUrl ? (
            <p>
              <a href={job.downloadUrl} download>
                {t('reports.batch.ui.download', { n: job.files })}
              </a>
            </p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
