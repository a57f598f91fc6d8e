import { type FormEvent, useState } from 'react';
import { useParams } from 'react-router';
import { ErrorSummary, Field, LoadError, Loading, Notice } from '../components/form.tsx';
import { post } from '../lib/api.ts';
import { useAuth } from '../lib/auth.tsx';
import { useAction, useApi, useTitle } from '../lib/hooks.ts';
import { useT } from '../lib/i18n.tsx';
import { EntityNav, MONTHS, PeriodPicker, perfCan, usePeriod } from './common.tsx';
import type { Plan, Revision } from './types.ts';

const VERDICTS = ['agreed', 'agreed_with_justification', 'rejected', 'flat_required'];

function RequestForm({ unitId, plan, year, onSaved }: { unitId: string; plan: Plan; year: number; onSaved(): void }) {
  const t = useT();
  const [code, setCode] = useState('');
  const [annual, setAnnual] = useState('');
  const [monthly, setMonthly] = useState<string[]>(() => Array.from({ length: 12 }, () => ''));
  const [justification, setJustification] = useState('');
  const action = useAction();
  const pick = (c: string) => {
    setCode(c);
    const v = plan.indicators.find((i) => i.code === c)?.targets.find((x) => x.inForce);
    setAnnual(v?.annualTarget ?? '');
    setMonthly(Array.from({ length: 12 }, (_, k) => v?.monthly[k] ?? ''));
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await action.run(async () => {
      await post(`/performance/entities/${unitId}/revisions`, {
        year,
        lines: [
          {
            indicator: code,
            proposedAnnual: annual === '' ? null : annual,
            proposedMonthly: monthly.map((m) => (m === '' ? null : m)),
            justification,
          },
        ],
      });
      return true;
    });
    if (ok) {
      setJustification('');
      onSaved();
    }
  };
  return (
    <form onSubmit={submit} noValidate className="card">
      <h2>{t('web.perf.revision.request')}</h2>
      <ErrorSummary error={action.error} />
      <Field label={t('web.perf.indicator')} name="lines.0.indicator" error={action.error} required>
        {(p) => (
          <select {...p} value={code} onChange={(e) => pick(e.target.value)}>
            <option value="">–</option>
            {plan.indicators.map((i) => (
              <option key={i.id} value={i.code}>
                {i.code}. {i.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('web.perf.revision.proposedAnnual')} name="lines.0.proposedAnnual" error={action.error}>
        {(p) => <input {...p} inputMode="decimal" value={annual} onChange={(e) => setAnnual(e.target.value)} />}
      </Field>
      <fieldset>
        <legend>{t('web.perf.revision.proposedMonthly')}</legend>
        <div className="perf-monthly">
          {MONTHS.map((m, i) => (
            <Field key={m} label={m} name={`lines.0.proposedMonthly.${i}`} error={action.error}>
              {(p) => (
                <input
                  {...p}
                  inputMode="decimal"
                  value={monthly[i]}
                  onChange={(e) => setMonthly(monthly.map((x, j) => (j === i ? e.target.value : x)))}
                />
              )}
            </Field>
          ))}
        </div>
      </fieldset>
      <Field label={t('web.perf.revision.justification')} name="lines.0.justification" error={action.error} required>
        {(p) => <textarea {...p} value={justification} onChange={(e) => setJustification(e.target.value)} />}
      </Field>
      <button type="submit" className="btn btn-primary" disabled={!code || action.busy}>
        {t('web.perf.revision.send')}
      </button>
    </form>
  );
}

function Decide({ revision, onDone }: { revision: Revision; onDone(): void }) {
  const t = useT();
  const [verdicts, setVerdicts] = useState<Record<number, string>>(() =>
    Object.fromEntries(revision.lines.map((l) => [l.lineNo, l.check.suggestedVerdict])),
  );
  const action = useAction();
  return (
    <form
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        const ok = await action.run(async () => {
          await post(`/performance/revisions/${revision.id}/decision`, {
            lines: revision.lines.map((l) => ({ lineNo: l.lineNo, verdict: verdicts[l.lineNo] })),
          });
          return true;
        });
        if (ok) onDone();
      }}
    >
      <ErrorSummary error={action.error} />
      {revision.lines.map((l) => (
        <Field
          key={l.lineNo}
          label={t('web.perf.revision.verdictFor', { code: l.indicator ?? '' })}
          name={`lines.${l.lineNo - 1}.verdict`}
          error={action.error}
        >
          {(p) => (
            <select {...p} value={verdicts[l.lineNo]} onChange={(e) => setVerdicts({ ...verdicts, [l.lineNo]: e.target.value })}>
              {VERDICTS.map((v) => (
                <option key={v} value={v}>
                  {t(`web.perf.verdict.${v}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      ))}
      <button type="submit" className="btn btn-primary" disabled={action.busy}>
        {t('web.perf.revision.decide')}
      </button>
    </form>
  );
}

/** Issue 7 item 4 (DOMAIN 8.11, D29): the unit head requests, the planning bureau decides, the unit applies. */
export function RevisionsPage() {
  const t = useT();
  const { unitId = '' } = useParams();
  const { state } = useAuth();
  const me = state.status === 'authenticated' ? state.me : null;
  const period = usePeriod(new Date().getFullYear());
  const plan = useApi<Plan>(`/performance/entities/${unitId}/plan`, { year: period.year });
  const list = useApi<{ revisions: Revision[] }>(`/performance/entities/${unitId}/revisions`, { year: period.year });
  const action = useAction();
  useTitle(`${t('web.perf.nav.revision')} · ${plan.data?.entity.name ?? t('web.nav.sakip')}`);
  return (
    <>
      <h1>{t('web.perf.nav.revision')}</h1>
      <EntityNav name={plan.data?.entity.name ?? ''} search={period.search} />
      <PeriodPicker year={period.year} quarter={period.quarter} onChange={period.set} />
      <LoadError error={plan.error ?? list.error} />
      {plan.loading && !plan.data ? <Loading /> : null}
      {plan.data && me && perfCan.sign(me, unitId) ? (
        <RequestForm unitId={unitId} plan={plan.data} year={period.year} onSaved={list.reload} />
      ) : null}
      <ErrorSummary error={action.error} />
      {list.data?.revisions.length === 0 ? <p>{t('web.perf.revision.none')}</p> : null}
      {list.data?.revisions.map((r) => (
        <section key={r.id} className="card" aria-label={t('web.perf.revision.item', { date: r.requestedAt.slice(0, 10) })}>
          <h2>
            {t('web.perf.revision.item', { date: r.requestedAt.slice(0, 10) })} · {t(`web.perf.revision.status.${r.status}`)}
          </h2>
          <ul>
            {r.lines.map((l) => (
              <li key={l.lineNo}>
                <strong>{l.indicator}</strong>: {l.currentAnnual ?? '–'} → {l.proposedAnnual ?? '–'}.{' '}
                {t('web.perf.revision.suggested')}: {t(`web.perf.verdict.${l.check.suggestedVerdict}`)}
                {l.check.issues.length ? ` (${l.check.issues.map((x) => x.message).join('; ')})` : ''}
                {l.verdict ? (
                  <>
                    {' '}
                    · {t('web.perf.revision.verdict')}: <strong>{t(`web.perf.verdict.${l.verdict}`)}</strong>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
          {r.status === 'submitted' && me && perfCan.review(me) ? <Decide revision={r} onDone={list.reload} /> : null}
          {r.status === 'reviewed' && me && (perfCan.enter(me, unitId) || perfCan.sign(me, unitId)) ? (
            <button
              type="button"
              className="btn btn-secondary"
              onClick={() =>
                action.run(async () => {
                  await post(`/performance/revisions/${r.id}/apply`);
                  list.reload();
                  plan.reload();
                })
              }
            >
              {t('web.perf.revision.apply')}
            </button>
          ) : null}
          {r.status === 'applied' ? <Notice kind="success">{t('web.perf.revision.applied')}</Notice> : null}
        </section>
      ))}
    </>
  );
}
