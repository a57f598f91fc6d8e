import { type FormEvent, useState } from 'react';
import { useParams } from 'react-router';
import { ErrorSummary, Field, LoadError, Loading, Notice } from '../components/form.tsx';
import { post, put } from '../lib/api.ts';
import { useAuth } from '../lib/auth.tsx';
import { useAction, useApi, useTitle } from '../lib/hooks.ts';
import { useT } from '../lib/i18n.tsx';
import { EntityNav, MONTHS, PeriodPicker, perfCan, TableRegion, usePeriod } from './common.tsx';
import type { Plan, PlanIndicator, Realisation } from './types.ts';

type Row = Record<string, string>;

/** The entry form of a formula type (DOMAIN 8.4): a value, numerator/denominator, components or stages. */
function entryOf(ind: PlanIndicator, f: { value: string; num: string; den: string; asOf: string; label: string; rows: Row[] }) {
  switch (ind.formulaType) {
    case 'ratio':
      return { kind: 'ratio', numerator: f.num, denominator: f.den };
    case 'mean_of_component_ratios':
      return { kind: 'components', components: f.rows.map((r) => ({ name: r.name, numerator: r.a, denominator: r.b })) };
    case 'stage_progress':
      return { kind: 'stages', groups: [{ stages: f.rows.map((r) => ({ name: r.name, weight: r.a, fractionDone: r.b })) }] };
    case 'external':
      return { kind: 'external', value: f.value, asOf: f.asOf };
    case 'ordinal':
      return { kind: 'ordinal', label: f.label };
    default:
      return { kind: 'value', value: f.value };
  }
}

const emptyRows = (): Row[] => [
  { name: '', a: '', b: '' },
  { name: '', a: '', b: '' },
];

function EntryForm({ plan, year, onSaved }: { plan: Plan; year: number; onSaved(): void }) {
  const t = useT();
  const [indicatorId, setIndicatorId] = useState('');
  const [month, setMonth] = useState(1);
  const [form, setForm] = useState({ value: '', num: '', den: '', asOf: '', label: '', obstacles: '', note: '' });
  const [rows, setRows] = useState<Row[]>(emptyRows);
  const [saved, setSaved] = useState('');
  const action = useAction();
  const ind = plan.indicators.find((i) => i.id === indicatorId);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const submit = (andSubmit: boolean) => async (e?: FormEvent) => {
    e?.preventDefault();
    if (!ind) return;
    setSaved('');
    const ok = await action.run(async () => {
      await put(`/performance/indicators/${ind.id}/realisations/${year}/${month}`, {
        input: entryOf(ind, { ...form, rows }),
        obstacles: form.obstacles || undefined,
        note: form.note || undefined,
      });
      if (andSubmit) await post(`/performance/indicators/${ind.id}/realisations/${year}/${month}/submit`);
      return true;
    });
    if (ok) {
      setSaved(
        t(andSubmit ? 'web.perf.entry.submitted' : 'web.perf.entry.saved', { code: ind.code, month: MONTHS[month - 1] ?? '' }),
      );
      onSaved();
    }
  };
  const rowsCaption = ind?.formulaType === 'stage_progress' ? t('web.perf.entry.stages') : t('web.perf.entry.components');
  const rowLabels =
    ind?.formulaType === 'stage_progress'
      ? [t('web.perf.entry.stage'), t('web.perf.entry.weight'), t('web.perf.entry.fraction')]
      : [t('web.perf.entry.component'), t('web.perf.entry.numerator'), t('web.perf.entry.denominator')];
  return (
    <form onSubmit={submit(false)} noValidate>
      <h2>{t('web.perf.entry.title')}</h2>
      <ErrorSummary error={action.error} />
      {saved ? <Notice kind="success">{saved}</Notice> : null}
      <Field label={t('web.perf.indicator')} name="indicator" required>
        {(p) => (
          <select {...p} value={indicatorId} onChange={(e) => setIndicatorId(e.target.value)}>
            <option value="">–</option>
            {plan.indicators.map((i) => (
              <option key={i.id} value={i.id}>
                {i.code}. {i.name} ({i.formulaType})
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('web.perf.month')} name="month" error={action.error}>
        {(p) => (
          <select {...p} value={month} onChange={(e) => setMonth(Number(e.target.value))}>
            {MONTHS.map((m, i) => (
              <option key={m} value={i + 1}>
                {m}
              </option>
            ))}
          </select>
        )}
      </Field>
      {ind?.formulaType === 'skm_pooled' ? <Notice>{t('web.perf.entry.skm')}</Notice> : null}
      {ind && ind.formulaType === 'ratio' ? (
        <>
          <Field label={t('web.perf.entry.numerator')} name="input.numerator" error={action.error} required>
            {(p) => <input {...p} inputMode="decimal" value={form.num} onChange={set('num')} />}
          </Field>
          <Field label={t('web.perf.entry.denominator')} name="input.denominator" error={action.error} required>
            {(p) => <input {...p} inputMode="decimal" value={form.den} onChange={set('den')} />}
          </Field>
        </>
      ) : null}
      {ind && (ind.formulaType === 'mean_of_component_ratios' || ind.formulaType === 'stage_progress') ? (
        <TableRegion label={rowsCaption}>
          <table className="compact perf-rows">
            <caption>{rowsCaption}</caption>
            <thead>
              <tr>
                {rowLabels.map((l) => (
                  <th key={l} scope="col">
                    {l}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r, k) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional and never reordered
                <tr key={k}>
                  {(['name', 'a', 'b'] as const).map((col, c) => (
                    <td key={col}>
                      <input
                        aria-label={`${rowLabels[c]} ${k + 1}`}
                        inputMode={col === 'name' ? undefined : 'decimal'}
                        value={r[col] ?? ''}
                        onChange={(e) => setRows(rows.map((x, j) => (j === k ? { ...x, [col]: e.target.value } : x)))}
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <button
            type="button"
            className="btn btn-secondary btn-small"
            onClick={() => setRows([...rows, { name: '', a: '', b: '' }])}
          >
            {t('web.perf.entry.addRow')}
          </button>
        </TableRegion>
      ) : null}
      {ind && ['value', 'weighted_sum', 'mean_of_parts', 'mean_of_subunits', 'external'].includes(ind.formulaType) ? (
        <Field label={t('web.perf.entry.value')} name="input.value" error={action.error} required>
          {(p) => <input {...p} inputMode="decimal" value={form.value} onChange={set('value')} />}
        </Field>
      ) : null}
      {ind?.formulaType === 'external' ? (
        <Field label={t('web.perf.entry.asOf')} name="input.asOf" error={action.error} required>
          {(p) => <input {...p} type="date" value={form.asOf} onChange={set('asOf')} />}
        </Field>
      ) : null}
      {ind?.formulaType === 'ordinal' ? (
        <Field label={t('web.perf.entry.label')} name="input.label" error={action.error} required>
          {(p) => <input {...p} value={form.label} onChange={set('label')} />}
        </Field>
      ) : null}
      <Field label={t('web.perf.entry.obstacles')} name="obstacles" error={action.error}>
        {(p) => <textarea {...p} value={form.obstacles} onChange={set('obstacles')} />}
      </Field>
      <p className="row-actions">
        <button type="submit" className="btn btn-secondary" disabled={!ind || action.busy}>
          {t('web.perf.entry.saveDraft')}
        </button>
        <button type="button" className="btn btn-primary" disabled={!ind || action.busy} onClick={() => submit(true)()}>
          {t('web.perf.entry.saveSubmit')}
        </button>
      </p>
    </form>
  );
}

/** Issue 7 item 3: monthly realisation entry (sakip_manager) and verification (unit head, planning bureau). */
export function RealisationPage() {
  const t = useT();
  const { unitId = '' } = useParams();
  const { state } = useAuth();
  const me = state.status === 'authenticated' ? state.me : null;
  const period = usePeriod(new Date().getFullYear());
  const plan = useApi<Plan>(`/performance/entities/${unitId}/plan`, { year: period.year });
  const list = useApi<{ realisations: Realisation[] }>(`/performance/entities/${unitId}/realisations`, { year: period.year });
  const action = useAction();
  useTitle(`${t('web.perf.nav.realisation')} · ${plan.data?.entity.name ?? t('web.nav.sakip')}`);
  const verify = (r: Realisation, decision: 'verified' | 'needs_revision') =>
    action.run(async () => {
      await post(`/performance/indicators/${r.indicatorId}/realisations/${period.year}/${r.month}/verify`, { decision });
      list.reload();
    });
  const resubmit = (r: Realisation) =>
    action.run(async () => {
      await post(`/performance/indicators/${r.indicatorId}/realisations/${period.year}/${r.month}/submit`);
      list.reload();
    });
  return (
    <>
      <h1>{t('web.perf.nav.realisation')}</h1>
      <EntityNav name={plan.data?.entity.name ?? ''} search={period.search} />
      <PeriodPicker year={period.year} quarter={period.quarter} onChange={period.set} />
      <LoadError error={plan.error ?? list.error} />
      {plan.loading && !plan.data ? <Loading /> : null}
      {plan.data && me && perfCan.enter(me, unitId) ? (
        <EntryForm plan={plan.data} year={period.year} onSaved={list.reload} />
      ) : null}
      <ErrorSummary error={action.error} />
      {list.data ? (
        <TableRegion label={t('web.perf.realisations', { year: period.year })}>
          <table className="compact">
            <caption>{t('web.perf.realisations', { year: period.year })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('web.perf.code')}</th>
                <th scope="col">{t('web.perf.month')}</th>
                <th scope="col" className="num">
                  {t('web.perf.value')}
                </th>
                <th scope="col">{t('web.perf.status')}</th>
                <th scope="col">{t('web.perf.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.realisations.map((r) => (
                <tr key={r.id}>
                  <td>{r.indicator}</td>
                  <td>{MONTHS[r.month - 1]}</td>
                  <td className="num">
                    {r.value === null ? '–' : Number(r.value).toLocaleString('id-ID', { maximumFractionDigits: 2 })}
                  </td>
                  <td>{t(`web.perf.status.${r.status}`)}</td>
                  <td className="row-actions">
                    {r.status === 'submitted' && me && perfCan.verify(me, unitId) && r.enteredBy !== me.id ? (
                      <>
                        <button type="button" className="btn btn-primary btn-small" onClick={() => verify(r, 'verified')}>
                          {t('web.perf.verify')}
                          <span className="sr-only">
                            {' '}
                            {r.indicator} {MONTHS[r.month - 1]}
                          </span>
                        </button>
                        <button type="button" className="btn btn-secondary btn-small" onClick={() => verify(r, 'needs_revision')}>
                          {t('web.perf.sendBack')}
                          <span className="sr-only">
                            {' '}
                            {r.indicator} {MONTHS[r.month - 1]}
                          </span>
                        </button>
                      </>
                    ) : null}
                    {(r.status === 'draft' || r.status === 'needs_revision') && me && perfCan.enter(me, unitId) ? (
                      <button type="button" className="btn btn-secondary btn-small" onClick={() => resubmit(r)}>
                        {t('web.perf.submit')}
                        <span className="sr-only">
                          {' '}
                          {r.indicator} {MONTHS[r.month - 1]}
                        </span>
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      ) : null}
    </>
  );
}
