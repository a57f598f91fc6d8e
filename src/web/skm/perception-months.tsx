import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorSummary, Field, Loading, Notice } from '../components/form.tsx';
import { post, put } from '../lib/api.ts';
import { hasRole, useAuth } from '../lib/auth.tsx';
import { useAction, useApi, useTitle } from '../lib/hooks.ts';
import { formatDate, useI18n } from '../lib/i18n.tsx';
import { NumText, SkmLoadError } from './common.tsx';
import type { Num } from './types.ts';

/** SPKP/SPAK months of one unit (DOMAIN 6.8): status, selection, IPP/IPAK, worksheet value; the inspectorate freezes. */

interface SurveyMonth {
  index: Num;
  converted: Num;
  band: { code: string; label: string } | null;
  worksheet: { value: Num; monthsUsed: string[]; incomplete: boolean };
}
interface MonthRow {
  period: string;
  month: number;
  status: 'open' | 'closed' | 'frozen';
  frozenAt: string | null;
  freezableFrom: string;
  canFreeze: boolean;
  source: 'live' | 'snapshot';
  snapshotVersion: number | null;
  restated: boolean;
  responses: number;
  eligible: number;
  selected: number;
  spkp: SurveyMonth | null;
  spak: SurveyMonth | null;
}
interface YearDto {
  unit: { id: string; code: string; name: string; timeZone: string };
  year: number;
  graceDays: number;
  months: MonthRow[];
}

const SURVEYS = ['spkp', 'spak'] as const;

export function PerceptionMonthsPage() {
  const { t, locale } = useI18n();
  const { unitId } = useParams() as { unitId: string };
  const { state } = useAuth();
  const inspectorate = state.status === 'authenticated' && hasRole(state.me, 'inspectorate');
  const [year, setYear] = useState(new Date().getFullYear());
  const data = useApi<YearDto>(`/units/${unitId}/perception-months/${year}`);
  const action = useAction();
  const [grace, setGrace] = useState('');
  const [done, setDone] = useState('');
  useTitle(`${t('web.perception.months.title')} ${data.data?.unit.name ?? ''}`);

  const freeze = async (m: MonthRow) => {
    if (!window.confirm(t('web.perception.months.freezeConfirm', { period: m.period }))) return;
    const r = await action.run(() => post(`/units/${unitId}/perception-months/${year}/${m.month}/freeze`));
    if (r) {
      setDone(t('web.perception.months.frozenDone', { period: m.period }));
      data.reload();
    }
  };
  const saveGrace = async () => {
    const r = await action.run(() => put('/perception/settings', { graceDays: Number(grace) }));
    if (r) {
      setGrace('');
      data.reload();
    }
  };

  return (
    <>
      <p className="breadcrumb">
        <Link to="/app/spkp">← {t('web.nav.spkp')}</Link>
      </p>
      <h1>
        {t('web.perception.months.title')} {data.data?.unit.name ?? ''}
      </h1>
      <p className="lead">{t('web.perception.months.about', { zone: data.data?.unit.timeZone ?? '' })}</p>
      <div className="filters">
        <Field label={t('web.skm.year')} name="perceptionYear">
          {(p) => (
            <input
              {...p}
              type="number"
              min={2000}
              max={2100}
              value={year}
              onChange={(e) => setYear(Number(e.target.value) || year)}
            />
          )}
        </Field>
      </div>
      {data.data ? <p>{t('web.perception.months.grace', { days: data.data.graceDays })}</p> : null}
      {inspectorate ? (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void saveGrace();
          }}
        >
          <Field label={t('web.perception.months.graceLabel')} name="graceDays">
            {(p) => (
              <input {...p} type="number" min={0} max={90} required value={grace} onChange={(e) => setGrace(e.target.value)} />
            )}
          </Field>
          <button type="submit" disabled={action.busy}>
            {t('web.perception.months.graceSave')}
          </button>
        </form>
      ) : null}
      <ErrorSummary error={action.error} />
      {done ? <Notice kind="success">{done}</Notice> : null}
      <SkmLoadError error={data.error} />
      {data.loading && !data.data ? <Loading /> : null}
      {data.data ? (
        <div className="table-wrap">
          <table className="compact">
            <caption>{t('web.perception.months.caption', { year })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('web.skm.perception.month')}</th>
                <th scope="col">{t('web.perception.months.status')}</th>
                <th scope="col" className="num">
                  {t('web.perception.months.responses')}
                </th>
                <th scope="col" className="num">
                  {t('web.skm.perception.selected')}
                </th>
                {SURVEYS.flatMap((s) => [
                  <th key={`${s}-i`} scope="col" className="num">
                    {t(`web.perception.months.${s}`)}
                  </th>,
                  <th key={`${s}-w`} scope="col" className="num">
                    {t('web.perception.months.worksheet', { survey: s.toUpperCase() })}
                  </th>,
                ])}
                <th scope="col">{t('web.perception.months.action')}</th>
              </tr>
            </thead>
            <tbody>
              {data.data.months.map((m) => (
                <tr key={m.period}>
                  <th scope="row">{m.period}</th>
                  <td>
                    {t(`web.perception.months.status.${m.status}`)}
                    {m.source === 'snapshot' && m.snapshotVersion ? ` · v${m.snapshotVersion}` : ''}
                    {m.restated ? ` · ${t('web.perception.months.restated')}` : ''}
                  </td>
                  <td className="num">{m.responses}</td>
                  <td className="num">
                    {m.selected} / {m.eligible}
                  </td>
                  {SURVEYS.flatMap((s) => [
                    <td key={`${s}-i`} className="num">
                      <NumText n={m[s]?.index} />
                      {m[s]?.band ? <span className="small"> {m[s]?.band?.label}</span> : null}
                    </td>,
                    <td key={`${s}-w`} className="num">
                      <NumText n={m[s]?.worksheet.value} />
                      {m[s]?.worksheet.incomplete && m[s]?.worksheet.value.value !== null ? '*' : ''}
                    </td>,
                  ])}
                  <td>
                    {inspectorate && m.canFreeze ? (
                      <button type="button" disabled={action.busy} onClick={() => void freeze(m)}>
                        {t('web.perception.months.freeze')}
                      </button>
                    ) : m.status === 'closed' ? (
                      <span className="small">
                        {t('web.perception.months.freezableFrom', { date: formatDate(locale, m.freezableFrom) })}
                      </span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="small">{t('web.perception.months.note')}</p>
        </div>
      ) : null}
    </>
  );
}
