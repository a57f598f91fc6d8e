import { type FormEvent, useState } from 'react';
import { useParams } from 'react-router';
import { ErrorSummary, Field, LoadError, Loading, Notice } from '../components/form.tsx';
import { post } from '../lib/api.ts';
import { useAuth } from '../lib/auth.tsx';
import { useAction, useApi, useTitle } from '../lib/hooks.ts';
import { useT } from '../lib/i18n.tsx';
import { EntityNav, MONTHS, PeriodPicker, perfCan, TableRegion, usePeriod } from './common.tsx';
import type { IndicatorRef, Plan } from './types.ts';

const FORMULAS = [
  'ratio',
  'mean_of_component_ratios',
  'stage_progress',
  'value',
  'weighted_sum',
  'mean_of_parts',
  'mean_of_subunits',
  'skm_pooled',
  'external',
  'ordinal',
];
const PATTERNS = ['cumulative', 'constant', 'year_end', 'biennial', 'progress'];

function SmallForm(props: {
  title: string;
  fields: { name: string; label: string; options?: { value: string; label: string }[] }[];
  submitLabel: string;
  onSubmit(values: Record<string, string>): Promise<unknown>;
}) {
  const [values, setValues] = useState<Record<string, string>>({});
  const action = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await action.run(async () => {
      await props.onSubmit(values);
      return true;
    });
    if (ok) setValues({});
  };
  return (
    <form onSubmit={submit} noValidate className="card">
      <h3>{props.title}</h3>
      <ErrorSummary error={action.error} />
      {props.fields.map((f) => (
        <Field key={f.name} label={f.label} name={f.name} error={action.error} required>
          {(p) =>
            f.options ? (
              <select {...p} value={values[f.name] ?? ''} onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}>
                <option value="">–</option>
                {f.options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            ) : (
              <input {...p} value={values[f.name] ?? ''} onChange={(e) => setValues({ ...values, [f.name]: e.target.value })} />
            )
          }
        </Field>
      ))}
      <button type="submit" className="btn btn-primary" disabled={action.busy}>
        {props.submitLabel}
      </button>
    </form>
  );
}

function IndicatorForm({ unitId, plan, year, onSaved }: { unitId: string; plan: Plan; year: number; onSaved(): void }) {
  const t = useT();
  const blank = {
    code: '',
    name: '',
    sasaran: '',
    formulaType: 'ratio',
    pattern: 'cumulative',
    unitOfMeasure: '%',
    polarity: 'maximize',
  };
  const [v, setV] = useState(blank);
  const [annual, setAnnual] = useState('');
  const [monthly, setMonthly] = useState<string[]>(() => Array.from({ length: 12 }, () => ''));
  const [done, setDone] = useState('');
  const action = useAction();
  const set = (k: keyof typeof blank) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone('');
    const res = await action.run(() =>
      post(`/performance/entities/${unitId}/indicators`, {
        ...v,
        validFromYear: year,
        targets: [
          {
            year,
            source: 'pk',
            annualTarget: annual === '' ? null : annual,
            monthly: monthly.map((m) => (m === '' ? null : m)),
          },
        ],
      }),
    );
    if (res !== undefined) {
      setDone(t('web.perf.plan.indicatorAdded', { code: v.code }));
      setV(blank);
      setAnnual('');
      setMonthly(Array.from({ length: 12 }, () => ''));
      onSaved();
    }
  };
  return (
    <form onSubmit={submit} noValidate className="card">
      <h3>{t('web.perf.plan.addIndicator')}</h3>
      <ErrorSummary error={action.error} />
      {done ? <Notice kind="success">{done}</Notice> : null}
      <Field label={t('web.perf.code')} name="code" error={action.error} required>
        {(p) => <input {...p} value={v.code} onChange={set('code')} />}
      </Field>
      <Field label={t('web.perf.indicator')} name="name" error={action.error} required>
        {(p) => <input {...p} value={v.name} onChange={set('name')} />}
      </Field>
      <Field label={t('web.perf.sasaran')} name="sasaran" error={action.error} required>
        {(p) => (
          <select {...p} value={v.sasaran} onChange={set('sasaran')}>
            <option value="">–</option>
            {plan.sasaran.map((s) => (
              <option key={s.id} value={s.code}>
                {s.code}. {s.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('web.perf.formula')} name="formulaType" error={action.error} required>
        {(p) => (
          <select {...p} value={v.formulaType} onChange={set('formulaType')}>
            {FORMULAS.map((f) => (
              <option key={f} value={f}>
                {t(`web.perf.formula.${f}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('web.perf.pattern')} name="pattern" error={action.error} required>
        {(p) => (
          <select {...p} value={v.pattern} onChange={set('pattern')}>
            {PATTERNS.map((f) => (
              <option key={f} value={f}>
                {t(`web.perf.pattern.${f}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('web.perf.polarity')} name="polarity" error={action.error}>
        {(p) => (
          <select {...p} value={v.polarity} onChange={set('polarity')}>
            <option value="maximize">{t('web.perf.polarity.maximize')}</option>
            <option value="minimize">{t('web.perf.polarity.minimize')}</option>
          </select>
        )}
      </Field>
      <Field label={t('web.perf.annualTarget')} name="targets.0.annualTarget" error={action.error}>
        {(p) => <input {...p} inputMode="decimal" value={annual} onChange={(e) => setAnnual(e.target.value)} />}
      </Field>
      <fieldset>
        <legend>{t('web.perf.monthlyTargets')}</legend>
        <div className="perf-monthly">
          {MONTHS.map((m, i) => (
            <Field key={m} label={m} name={`targets.0.monthly.${i}`} error={action.error}>
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
      <button type="submit" className="btn btn-primary" disabled={action.busy}>
        {t('web.perf.plan.addIndicator')}
      </button>
    </form>
  );
}

const refText = (r: IndicatorRef) => `${r.code} ${r.name} (${r.unitCode}, ${r.validFromYear}–${r.validToYear ?? ''})`;

/** Issue 7 item 1: the plan as data (perspectives → sasaran → indicators, targets in force, cascade and predecessors). */
export function PlanPage() {
  const t = useT();
  const { unitId = '' } = useParams();
  const { state } = useAuth();
  const me = state.status === 'authenticated' ? state.me : null;
  const period = usePeriod(new Date().getFullYear());
  const plan = useApi<Plan>(`/performance/entities/${unitId}/plan`, { year: period.year });
  const action = useAction();
  useTitle(`${t('web.perf.nav.plan')} · ${plan.data?.entity.name ?? t('web.nav.sakip')}`);
  const data = plan.data;
  const canEnter = me ? perfCan.enter(me, unitId) : false;
  return (
    <>
      <h1>{t('web.perf.nav.plan')}</h1>
      <EntityNav name={data?.entity.name ?? ''} search={period.search} />
      <PeriodPicker year={period.year} quarter={period.quarter} onChange={period.set} />
      <LoadError error={plan.error} />
      {plan.loading && !data ? <Loading /> : null}
      <ErrorSummary error={action.error} />
      {data ? (
        <>
          <p>
            {t('web.perf.plan.review')}: {data.review ? t(`web.perf.review.${data.review.status}`) : t('web.perf.review.none')}
          </p>
          <p className="row-actions">
            {canEnter ? (
              <button
                type="button"
                className="btn btn-secondary"
                onClick={() =>
                  action.run(async () => {
                    await post(`/performance/entities/${unitId}/plan/${period.year}/submit`);
                    plan.reload();
                  })
                }
              >
                {t('web.perf.plan.submit')}
              </button>
            ) : null}
            {me && perfCan.review(me) && data.review?.status === 'submitted' ? (
              <button
                type="button"
                className="btn btn-primary"
                onClick={() =>
                  action.run(async () => {
                    await post(`/performance/entities/${unitId}/plan/${period.year}/review`, { decision: 'approved' });
                    plan.reload();
                  })
                }
              >
                {t('web.perf.plan.approve')}
              </button>
            ) : null}
          </p>
          <TableRegion label={t('web.perf.plan.table', { year: period.year })}>
            <table className="compact">
              <caption>{t('web.perf.plan.table', { year: period.year })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('web.perf.sasaran')}</th>
                  <th scope="col">{t('web.perf.code')}</th>
                  <th scope="col">{t('web.perf.indicator')}</th>
                  <th scope="col">{t('web.perf.formula')}</th>
                  <th scope="col">{t('web.perf.pattern')}</th>
                  <th scope="col" className="num">
                    {t('web.perf.annualTarget')}
                  </th>
                  <th scope="col">{t('web.perf.cascade')}</th>
                </tr>
              </thead>
              <tbody>
                {data.indicators.map((i) => {
                  const v = i.targets.find((x) => x.inForce);
                  const c = i.cascade;
                  return (
                    <tr key={i.id}>
                      <td>{i.sasaran}</td>
                      <td>{i.code}</td>
                      <td>{i.name}</td>
                      <td>{t(`web.perf.formula.${i.formulaType}`)}</td>
                      <td>{t(`web.perf.pattern.${i.pattern}`)}</td>
                      <td className="num">
                        {v?.annualTarget ?? '–'}
                        {v ? <span className="muted"> ({v.source})</span> : null}
                      </td>
                      <td>
                        {c.parent ? <div>{t('web.perf.cascade.parent', { ref: refText(c.parent) })}</div> : null}
                        {c.children.map((x) => (
                          <div key={x.id}>{t('web.perf.cascade.child', { ref: refText(x) })}</div>
                        ))}
                        {c.predecessor ? <div>{t('web.perf.cascade.predecessor', { ref: refText(c.predecessor) })}</div> : null}
                        {c.successors.map((x) => (
                          <div key={x.id}>{t('web.perf.cascade.successor', { ref: refText(x) })}</div>
                        ))}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableRegion>
          {canEnter ? (
            <div className="perf-grid">
              <SmallForm
                title={t('web.perf.plan.addPerspective')}
                submitLabel={t('web.perf.plan.addPerspective')}
                fields={[
                  { name: 'code', label: t('web.perf.code') },
                  { name: 'name', label: t('web.perf.perspective') },
                ]}
                onSubmit={async (v) => {
                  await post(`/performance/entities/${unitId}/perspectives`, v);
                  plan.reload();
                }}
              />
              <SmallForm
                title={t('web.perf.plan.addSasaran')}
                submitLabel={t('web.perf.plan.addSasaran')}
                fields={[
                  { name: 'code', label: t('web.perf.code') },
                  { name: 'name', label: t('web.perf.sasaran') },
                  {
                    name: 'perspective',
                    label: t('web.perf.perspective'),
                    options: data.perspectives.map((p) => ({ value: p.code, label: p.name })),
                  },
                ]}
                onSubmit={async (v) => {
                  await post(`/performance/entities/${unitId}/sasaran`, { ...v, validFromYear: period.year });
                  plan.reload();
                }}
              />
            </div>
          ) : null}
          {canEnter ? <IndicatorForm unitId={unitId} plan={data} year={period.year} onSaved={plan.reload} /> : null}
        </>
      ) : null}
    </>
  );
}
