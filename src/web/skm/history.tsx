import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { ikmTrendOption } from '../../shared/charts/skm-charts.ts';
import { ErrorSummary, Field, Notice } from '../components/form.tsx';
import { post } from '../lib/api.ts';
import { useAction, useAll, useApi, useTitle } from '../lib/hooks.ts';
import { useI18n } from '../lib/i18n.tsx';
import type { Unit } from '../lib/types.ts';
import { Chart } from './chart.tsx';
import { GradeBadge, SkmLoadError } from './common.tsx';

const ELEMENTS = ['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9'];

interface HistoryYear {
  snapshotId: string;
  year: number;
  version: number;
  elements: { code: string; value: string; grade: string | null }[];
  unitIndex: string | null;
  unitGrade: string | null;
  ikmTarget: string | null;
  source: string | null;
}

/** Published values come as `88.47`; shown the Indonesian way when the UI is Indonesian. */
const show = (v: string | null, locale: 'id' | 'en') => (v === null ? '–' : locale === 'id' ? v.replace('.', ',') : v);

/** Published results of earlier years, typed as printed (`91,50` or `91.50`); the server parses them exactly. */
export function HistoryPage() {
  const { t, locale } = useI18n();
  useTitle(t('web.skm.history.title'));
  const units = useAll<Unit>('/units', { publicService: 'true' });
  const [unitId, setUnitId] = useState('');
  const history = useApi<{ items: HistoryYear[] }>(unitId ? `/units/${unitId}/skm-history` : null);
  const [v, setV] = useState({
    year: String(new Date().getFullYear() - 1),
    unitIndex: '',
    ikmTarget: '',
    source: '',
    reason: '',
    elements: {} as Record<string, string>,
  });
  const [flash, setFlash] = useState<string | null>(null);
  const action = useAction();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFlash(null);
    const body = {
      unitId,
      year: Number(v.year),
      elements: ELEMENTS.filter((c) => v.elements[c]?.trim()).map((code) => ({ code, value: v.elements[code]?.trim() })),
      unitIndex: v.unitIndex.trim() || null,
      ikmTarget: v.ikmTarget.trim() || null,
      source: v.source,
      reason: v.reason.trim() || undefined,
    };
    const r = await action.run(() => post<HistoryYear>('/history/skm', body));
    if (r) {
      setFlash(t('web.skm.history.saved', { year: r.year }));
      history.reload();
    }
  };

  const items = [...(history.data?.items ?? [])].sort((a, b) => a.year - b.year);
  const trend = ikmTrendOption({
    points: items
      .filter((i) => i.unitIndex !== null)
      .map((i) => ({ year: i.year, value: Number(i.unitIndex), display: show(i.unitIndex, locale), grade: i.unitGrade })),
    locale,
  });

  return (
    <>
      <p className="breadcrumb">
        <Link to="/app/skm">{t('web.skm.back')}</Link>
      </p>
      <h1>{t('web.skm.history.title')}</h1>
      <p className="lead">{t('web.skm.history.lead')}</p>
      <SkmLoadError error={units.error} />
      <Field label={t('web.skm.unit')} name="historyUnit" required>
        {(p) => (
          <select {...p} value={unitId} onChange={(e) => setUnitId(e.target.value)}>
            <option value="">–</option>
            {(units.data ?? []).map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      {unitId ? (
        <>
          <SkmLoadError error={history.error} />
          {items.length ? (
            <div className="table-wrap">
              <table className="compact">
                <caption>{t('web.skm.history.stored')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('web.skm.year')}</th>
                    {ELEMENTS.map((c) => (
                      <th key={c} scope="col" className="num">
                        {c}
                      </th>
                    ))}
                    <th scope="col" className="num">
                      {t('web.skm.history.unitIndex')}
                    </th>
                    <th scope="col" className="num">
                      {t('web.skm.history.ikmTarget')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((i) => (
                    <tr key={i.snapshotId}>
                      <th scope="row">
                        {i.year}
                        {i.version > 1 ? <span className="muted small"> v{i.version}</span> : null}
                      </th>
                      {ELEMENTS.map((c) => (
                        <td key={c} className="num">
                          {show(i.elements.find((e) => e.code === c)?.value ?? null, locale)}
                        </td>
                      ))}
                      <td className="num">
                        {show(i.unitIndex, locale)} <GradeBadge grade={i.unitGrade} />
                      </td>
                      <td className="num">{show(i.ikmTarget, locale)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          {items.length > 1 ? <Chart option={trend} caption={t('web.skm.history.trend')} /> : null}
          {flash ? <Notice kind="success">{flash}</Notice> : null}
          <ErrorSummary error={action.error} />
          <form onSubmit={submit} noValidate>
            <fieldset>
              <legend>{t('web.skm.history.enter')}</legend>
              <div className="grid-form">
                <Field label={t('web.skm.year')} name="year" error={action.error} required>
                  {(p) => (
                    <input
                      {...p}
                      type="number"
                      min={2000}
                      max={2100}
                      value={v.year}
                      onChange={(e) => setV({ ...v, year: e.target.value })}
                    />
                  )}
                </Field>
                {ELEMENTS.map((c, k) => (
                  <Field key={c} label={c} name={`elements.${k}.value`} error={action.error}>
                    {(p) => (
                      <input
                        {...p}
                        type="text"
                        inputMode="decimal"
                        placeholder="91,50"
                        value={v.elements[c] ?? ''}
                        onChange={(e) => setV({ ...v, elements: { ...v.elements, [c]: e.target.value } })}
                      />
                    )}
                  </Field>
                ))}
                <Field label={t('web.skm.history.unitIndex')} name="unitIndex" error={action.error}>
                  {(p) => (
                    <input
                      {...p}
                      type="text"
                      inputMode="decimal"
                      value={v.unitIndex}
                      onChange={(e) => setV({ ...v, unitIndex: e.target.value })}
                    />
                  )}
                </Field>
                <Field label={t('web.skm.history.ikmTarget')} name="ikmTarget" error={action.error}>
                  {(p) => (
                    <input
                      {...p}
                      type="text"
                      inputMode="decimal"
                      value={v.ikmTarget}
                      onChange={(e) => setV({ ...v, ikmTarget: e.target.value })}
                    />
                  )}
                </Field>
                <Field label={t('web.skm.history.source')} name="source" error={action.error} required className="span-2">
                  {(p) => <input {...p} type="text" value={v.source} onChange={(e) => setV({ ...v, source: e.target.value })} />}
                </Field>
                <Field
                  label={t('web.skm.history.reason')}
                  name="reason"
                  error={action.error}
                  hint={t('web.skm.history.reasonHint')}
                  className="span-2"
                >
                  {(p) => <input {...p} type="text" value={v.reason} onChange={(e) => setV({ ...v, reason: e.target.value })} />}
                </Field>
              </div>
            </fieldset>
            <button type="submit" className="btn btn-primary" disabled={action.busy}>
              {t('web.common.save')}
            </button>
          </form>
        </>
      ) : null}
    </>
  );
}
