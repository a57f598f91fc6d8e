import { ErrorSummary } from '../components/form.tsx';
import { post } from '../lib/api.ts';
import { useAction, useApi } from '../lib/hooks.ts';
import { useI18n } from '../lib/i18n.tsx';
import type { LapkinWorkflow } from './types.ts';

const dateOf = (iso: string | null, locale: string) =>
  iso ? new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'id-ID', { dateStyle: 'long' }).format(new Date(iso)) : '';

/**
 * DOMAIN 8.13 on the dashboard: the LAPKIN Interim status (draft → reviewed → finalised → submitted) and the
 * buttons the server says this user may press now.
 */
export function LapkinWorkflowPanel(props: {
  unitId: string;
  year: number;
  quarter: number;
  quarterLabel: string;
  onChange: () => void;
}) {
  const { t, locale } = useI18n();
  const url = `/performance/entities/${props.unitId}/periods/${props.year}/${props.quarter}`;
  const wf = useApi<LapkinWorkflow>(`${url}/workflow`);
  const act = useAction();
  const s = wf.data;
  if (!s) return null;
  const run = (step: string, body: unknown = {}) =>
    act.run(async () => {
      await post(`${url}/${step}`, body);
      wf.reload();
      props.onChange();
    });
  const q = { quarter: props.quarterLabel };
  return (
    <div className="perf-workflow">
      <p>
        <strong>{t('web.perf.workflow.status')}:</strong> {t(`web.perf.workflow.${s.status}`)}
      </p>
      <ul className="muted">
        {s.reviewedAt ? (
          <li>{t('web.perf.workflow.reviewedBy', { name: s.reviewedBy ?? '-', date: dateOf(s.reviewedAt, locale) })}</li>
        ) : null}
        {s.finalisedAt ? (
          <li>{t('web.perf.workflow.finalisedBy', { name: s.finalisedBy ?? '-', date: dateOf(s.finalisedAt, locale) })}</li>
        ) : null}
        {s.submittedAt ? (
          <li>{t('web.perf.workflow.submittedTo', { to: s.submittedTo ?? '-', date: dateOf(s.submittedAt, locale) })}</li>
        ) : null}
      </ul>
      <div className="actions">
        {s.actions.includes('review') ? (
          <button type="button" className="btn btn-primary" disabled={act.busy} onClick={() => run('review')}>
            {t('web.perf.workflow.review', q)}
          </button>
        ) : null}
        {s.actions.includes('finalise') ? (
          <button type="button" className="btn btn-primary" disabled={act.busy} onClick={() => run('finalise')}>
            {t('web.perf.finalise', q)}
          </button>
        ) : null}
        {s.actions.includes('submit') ? (
          <button type="button" className="btn btn-primary" disabled={act.busy} onClick={() => run('submit')}>
            {t('web.perf.workflow.submit', q)}
          </button>
        ) : null}
        {s.actions.includes('reopen') ? (
          <button type="button" className="btn" disabled={act.busy} onClick={() => run('reopen')}>
            {t('web.perf.workflow.reopen', q)}
          </button>
        ) : null}
      </div>
      <ErrorSummary error={act.error} />
    </div>
  );
}
