import { useMemo } from 'react';
import { useParams } from 'react-router';
import { absorptionCurveOption, capaianBarsOption } from '../../shared/charts/performance-charts.ts';
import { LoadError, Loading, Notice } from '../components/form.tsx';
import { useApi, useTitle } from '../lib/hooks.ts';
import { useI18n } from '../lib/i18n.tsx';
import { Chart } from '../skm/chart.tsx';
import { CriterionBadge, disp, EntityNav, PeriodPicker, Sparkline, TableRegion, usePeriod } from './common.tsx';
import { LapkinWorkflowPanel } from './lapkin-workflow.tsx';
import type { Achievement } from './types.ts';

/** Issue 7 item 7: the indicator table per quarter, scores, budget absorption and indicators at risk. */
export function DashboardPage() {
  const { t, locale } = useI18n();
  const { unitId = '' } = useParams();
  const period = usePeriod(new Date().getFullYear());
  const a = useApi<Achievement>(`/performance/entities/${unitId}/achievement`, { year: period.year, quarter: period.quarter });
  const data = a.data;
  useTitle(`${t('web.perf.nav.dashboard')} · ${data?.entity.name ?? t('web.nav.sakip')}`);
  const measured = useMemo(() => data?.indicators.filter((i) => i.capaianPeriod) ?? [], [data]);
  const barOption = useMemo(
    () =>
      capaianBarsOption({
        rows: measured.map((i) => ({ code: i.code, capaian: i.capaianPeriod, criterion: i.criterion })),
        locale,
      }),
    [measured, locale],
  );
  const curveOption = useMemo(
    () => (data?.budget ? absorptionCurveOption({ curve: data.budget.absorptionCurve, locale }) : null),
    [data, locale],
  );
  const base = `/api/v1/performance/entities/${unitId}/lapkin/${period.year}`;
  return (
    <>
      <h1>{data?.entity.name ?? t('web.nav.sakip')}</h1>
      <EntityNav name={data?.entity.name ?? ''} search={period.search} />
      <PeriodPicker year={period.year} quarter={period.quarter} onChange={period.set} />
      <LoadError error={a.error} />
      {a.loading && !data ? <Loading /> : null}
      {data ? (
        <>
          <div className="perf-grid">
            <section className="card" aria-labelledby="npss">
              <h2 id="npss">{t('web.perf.overall')}</h2>
              <p className="perf-score">{disp(data.overall.score)}</p>
              <p>
                <CriterionBadge criterion={data.overall.criterion} />{' '}
                <span className="muted">
                  {t('web.perf.previous')}: {disp(data.overall.previousScore)}
                </span>
              </p>
              <p className="muted">{t(`web.perf.method.${data.method}`)}</p>
            </section>
            <section className="card" aria-labelledby="counts">
              <h2 id="counts">{t('web.perf.counts')}</h2>
              <ul>
                {['memenuhi', 'belum', 'tidak', 'tdd', 'notDeterminable'].map((k) => (
                  <li key={k}>
                    {t(`web.perf.count.${k}`)}: <strong>{data.counts.indicators[k] ?? 0}</strong>
                  </li>
                ))}
              </ul>
            </section>
            <section className="card" aria-labelledby="lapkin">
              <h2 id="lapkin">{t('web.perf.lapkin')}</h2>
              <p>{data.finalised ? t('web.perf.finalised') : t('web.perf.draft')}</p>
              <ul>
                <li>
                  <a href={`${base}/${period.quarter}?format=pdf`} download>
                    {t('web.perf.lapkin.pdf', { quarter: data.quarterLabel })}
                  </a>
                </li>
                <li>
                  <a href={`${base}/${period.quarter}?format=docx`} download>
                    {t('web.perf.lapkin.docx', { quarter: data.quarterLabel })}
                  </a>
                </li>
                <li>
                  <a href={`${base}/annual?format=pdf`} download>
                    {t('web.perf.lapkin.annual')}
                  </a>
                </li>
              </ul>
              <LapkinWorkflowPanel
                unitId={unitId}
                year={period.year}
                quarter={period.quarter}
                quarterLabel={data.quarterLabel}
                onChange={a.reload}
              />
            </section>
          </div>
          {data.pendingRealisations.draft + data.pendingRealisations.submitted + data.pendingRealisations.needsRevision > 0 ? (
            <Notice kind="warning">
              {t('web.perf.pending', {
                draft: data.pendingRealisations.draft,
                submitted: data.pendingRealisations.submitted,
                needsRevision: data.pendingRealisations.needsRevision,
              })}
            </Notice>
          ) : null}

          <h2>{t('web.perf.atRisk')}</h2>
          {data.atRisk.length === 0 ? (
            <p>{t('web.perf.atRisk.none')}</p>
          ) : (
            <ul>
              {data.indicators
                .filter((i) => i.atRisk)
                .map((i) => (
                  <li key={i.code}>
                    <strong>{i.code}</strong> {i.name}: {i.atRiskReasons.map((r) => t(`web.perf.risk.${r}`)).join('; ')}
                  </li>
                ))}
            </ul>
          )}

          <TableRegion label={t('web.perf.indicatorTable', { quarter: data.quarterLabel, year: data.year })}>
            <table className="compact">
              <caption>{t('web.perf.indicatorTable', { quarter: data.quarterLabel, year: data.year })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('web.perf.code')}</th>
                  <th scope="col">{t('web.perf.indicator')}</th>
                  <th scope="col" className="num">
                    {t('web.perf.target')}
                  </th>
                  <th scope="col" className="num">
                    {t('web.perf.realisation')}
                  </th>
                  <th scope="col" className="num">
                    {t('web.perf.capaian')}
                  </th>
                  <th scope="col">{t('web.perf.criterion')}</th>
                  <th scope="col" className="num">
                    {t('web.perf.capaianAnnual')}
                  </th>
                  <th scope="col">{t('web.perf.outlook')}</th>
                  <th scope="col">{t('web.perf.trend')}</th>
                </tr>
              </thead>
              <tbody>
                {data.indicators.map((i) => (
                  <tr key={i.code}>
                    <td>{i.code}</td>
                    <td>{i.name}</td>
                    <td className="num">{disp(i.periodTarget)}</td>
                    <td className="num">{disp(i.realisation)}</td>
                    <td className="num">{disp(i.capaianPeriod)}</td>
                    <td>
                      <CriterionBadge criterion={i.criterion} />
                    </td>
                    <td className="num">{disp(i.capaianAnnual)}</td>
                    <td>
                      <CriterionBadge criterion={i.annualCriterion} />
                    </td>
                    <td>
                      <Sparkline series={i.series} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
          {measured.length ? (
            <div className="perf-charts">
              <Chart option={barOption} caption={t('web.perf.chart.indicators')} />
            </div>
          ) : null}

          <TableRegion label={t('web.perf.sasaranTable')}>
            <table className="compact">
              <caption>{t('web.perf.sasaranTable')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('web.perf.perspective')}</th>
                  <th scope="col">{t('web.perf.sasaran')}</th>
                  <th scope="col" className="num">
                    {t('web.perf.score')}
                  </th>
                  <th scope="col" className="num">
                    {t('web.perf.previous')}
                  </th>
                  <th scope="col">{t('web.perf.criterion')}</th>
                </tr>
              </thead>
              <tbody>
                {data.perspectives.flatMap((p) => [
                  <tr key={`p-${p.code}`}>
                    <th scope="row" colSpan={2}>
                      {p.name}
                    </th>
                    <td className="num">
                      <strong>{disp(p.score)}</strong>
                    </td>
                    <td />
                    <td>
                      <CriterionBadge criterion={p.criterion} />
                    </td>
                  </tr>,
                  ...data.sasaran
                    .filter((s) => s.perspective === p.code)
                    .map((s) => (
                      <tr key={`s-${s.code}`}>
                        <td />
                        <td>
                          {s.code}. {s.name}
                        </td>
                        <td className="num">{disp(s.score)}</td>
                        <td className="num">{disp(s.previousScore)}</td>
                        <td>
                          <CriterionBadge criterion={s.criterion} />
                        </td>
                      </tr>
                    )),
                ])}
              </tbody>
            </table>
          </TableRegion>

          <h2>{t('web.perf.budget')}</h2>
          {data.budget && curveOption ? (
            <>
              <p>
                {t('web.perf.budgetLine', {
                  pct: disp(data.budget.total.realisationPct),
                  pctNet: disp(data.budget.total.realisationPctNet),
                })}
              </p>
              <div className="perf-charts">
                <Chart option={curveOption} caption={t('web.perf.chart.absorption')} />
              </div>
            </>
          ) : (
            <p>{t('web.perf.noBudget')}</p>
          )}
        </>
      ) : null}
    </>
  );
}
