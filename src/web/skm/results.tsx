import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  elementValuesOption,
  GRADES,
  gradeLegendLabel,
  perceptionMonthlyOption,
  profileBarOption,
  profilePieOption,
  progressOption,
} from '../../shared/charts/skm-charts.ts';
import { Field, Loading } from '../components/form.tsx';
import { useApi, useTitle } from '../lib/hooks.ts';
import { formatDateTime, formatNumber, useI18n, useT } from '../lib/i18n.tsx';
import { usePoll } from '../lib/poll.ts';
import { Chart } from './chart.tsx';
import { GradeBadge, NumText, ProgressBar, SkmLoadError, StatusBadge, UnitTabs } from './common.tsx';
import type {
  Campaign,
  CampaignResultsDto,
  ElementDto,
  PerceptionDto,
  PerceptionSurveyDto,
  ProfileDto,
  ScopeDto,
  UnitResultsDto,
} from './types.ts';

const POLL_MS = 10_000;

function LiveNote({ checkedAt, paused }: { checkedAt: Date | null; paused: boolean }) {
  const { t, locale } = useI18n();
  return (
    <p className="live">
      {paused
        ? t('web.skm.live.paused')
        : checkedAt
          ? t('web.skm.live.updated', { time: formatDateTime(locale, checkedAt.toISOString()) })
          : t('web.skm.live.auto')}
    </p>
  );
}

function GradeLegend() {
  const { t, locale } = useI18n();
  return (
    <ul className="grade-legend" aria-label={t('web.skm.grade.legend')}>
      {GRADES.map((g) => (
        <li key={g}>
          <GradeBadge grade={g} /> {gradeLegendLabel(g, locale).slice(4)}
        </li>
      ))}
    </ul>
  );
}

/** IKM, grade, interval and counts of one scope as a row of key figures. */
function Kpis({ scope, title }: { scope: ScopeDto; title: string }) {
  const { t, locale } = useI18n();
  const c = scope;
  return (
    <section aria-label={title}>
      <h2>{title}</h2>
      <dl className="kpis">
        <div className="kpi">
          <dt>{t('web.skm.ikm')}</dt>
          <dd>
            <NumText n={scope.ikm} /> <GradeBadge grade={scope.grade} />
          </dd>
        </div>
        <div className="kpi">
          <dt>{t('web.skm.ci95')}</dt>
          <dd className="small">{scope.ci95.display}</dd>
        </div>
        <div className="kpi">
          <dt>{t('web.skm.submitted')}</dt>
          <dd data-testid={`kpi-submitted-${title}`}>{formatNumber(locale, c.submitted)}</dd>
        </div>
        <div className="kpi">
          <dt>{t('web.skm.counted')}</dt>
          <dd>
            {formatNumber(locale, c.counted)} / {formatNumber(locale, c.target)}
          </dd>
        </div>
      </dl>
    </section>
  );
}

function ElementsTable({ elements, caption }: { elements: ElementDto[]; caption: string }) {
  const t = useT();
  return (
    <div className="table-wrap">
      <table className="compact">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('web.skm.element')}</th>
            <th scope="col" className="num">
              {t('web.skm.value')}
            </th>
            <th scope="col">{t('web.skm.grade')}</th>
          </tr>
        </thead>
        <tbody>
          {elements.map((e) => (
            <tr key={e.code}>
              <th scope="row">
                {e.code}
                <span className="muted small"> {e.name}</span>
              </th>
              <td className="num">
                <NumText n={e.value} />
              </td>
              <td>
                <GradeBadge grade={e.grade} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ProfileSection({ profile }: { profile: ProfileDto }) {
  const { t, locale } = useI18n();
  const dims = ['sex', 'education', 'occupation', 'ageBand'] as const;
  return (
    <section className="section" aria-labelledby="profile-title">
      <h2 id="profile-title">
        {t('web.skm.profile.title')} <span className="count-badge">{formatNumber(locale, profile.respondents)}</span>
      </h2>
      <div className="charts">
        {dims.map((d) => {
          const rows = profile[d];
          const title = t(`web.skm.profile.${d}`);
          const input = {
            title,
            locale,
            rows: rows.map((r) => ({
              code: r.code,
              label: r.label,
              count: r.count,
              pctDisplay: r.pct.value === null ? null : r.pct.display,
            })),
          };
          return (
            <div key={d}>
              <Chart option={d === 'sex' ? profilePieOption(input) : profileBarOption(input)} caption={title} />
              <table className="compact">
                <caption>{title}</caption>
                <tbody>
                  {input.rows.map((r) => (
                    <tr key={r.code}>
                      <th scope="row">{r.label}</th>
                      <td className="num">{formatNumber(locale, r.count)}</td>
                      <td className="num">{r.pctDisplay ? `${r.pctDisplay}%` : '–'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          );
        })}
      </div>
    </section>
  );
}

export function UnitResultsPage() {
  const { t, locale } = useI18n();
  const { id, unitId } = useParams() as { id: string; unitId: string };
  const campaign = useApi<Campaign>(`/campaigns/${id}`);
  const r = usePoll<UnitResultsDto>(`/campaigns/${id}/units/${unitId}/results`, POLL_MS);
  // BPOM pooled next to the unit's own figures (roles that may see it; others get nothing here).
  const bpom = usePoll<CampaignResultsDto>(`/campaigns/${id}/results`, POLL_MS);
  const data = r.data;
  const unitName = data?.unit.name ?? campaign.data?.units.find((u) => u.unitId === unitId)?.name ?? '';
  useTitle(`${t('web.skm.results.title')} ${unitName}`);
  const unitElements = data?.total.elements ?? [];
  const elementsOption = useMemo(
    () =>
      elementValuesOption({
        elements: unitElements.map((e) => ({
          code: e.code,
          name: e.name,
          value: e.value.value,
          display: e.value.display,
          grade: e.grade?.code ?? null,
        })),
        locale,
      }),
    [unitElements, locale],
  );
  const progress = useMemo(
    () =>
      progressOption({
        rows: (data?.services ?? []).map((s) => ({
          label: s.serviceName,
          target: s.target,
          submitted: s.submitted,
          counted: s.counted,
        })),
        locale,
      }),
    [data, locale],
  );

  return (
    <>
      <p className="breadcrumb">
        <Link to={`/app/skm/${id}`}>← {campaign.data?.name ?? t('web.skm.campaign')}</Link>
      </p>
      <div className="page-head">
        <h1>
          {t('web.skm.results.title')} {unitName}
        </h1>
        {campaign.data ? <StatusBadge status={campaign.data.status} /> : null}
      </div>
      <UnitTabs campaignId={id} unitId={unitId} />
      <LiveNote checkedAt={r.checkedAt} paused={r.paused} />
      <SkmLoadError error={r.error} />
      {!data && !r.error ? <Loading /> : null}
      {data ? (
        <>
          {data.source === 'snapshot' ? (
            <div className="alert alert-info" role="status">
              <p>{t('web.skm.results.snapshot', { version: data.snapshotVersion ?? 1 })}</p>
            </div>
          ) : null}
          <Kpis scope={data.total} title={t('web.skm.results.unitPooled')} />
          {bpom.data ? <Kpis scope={bpom.data.bpom} title={t('web.skm.results.bpomPooled')} /> : null}
          <section className="section" aria-labelledby="services-title">
            <h2 id="services-title">{t('web.skm.results.perService')}</h2>
            <div className="table-wrap">
              <table>
                <caption className="sr-only">{t('web.skm.results.perService')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('web.skm.service')}</th>
                    <th scope="col" className="num">
                      {t('web.skm.target')}
                    </th>
                    <th scope="col" className="num">
                      {t('web.skm.submitted')}
                    </th>
                    <th scope="col" className="num">
                      {t('web.skm.valid')}
                    </th>
                    <th scope="col" className="num">
                      {t('web.skm.counted')}
                    </th>
                    <th scope="col">{t('web.skm.progress')}</th>
                    <th scope="col" className="num">
                      {t('web.skm.ikm')}
                    </th>
                    <th scope="col">{t('web.skm.grade')}</th>
                    <th scope="col">{t('web.skm.ci95')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.services.map((s) => {
                    const c = s;
                    const pd = s.progressPct?.display;
                    return (
                      <tr key={s.unitServiceId}>
                        <th scope="row">{s.serviceName}</th>
                        <td className="num">{formatNumber(locale, c.target)}</td>
                        <td className="num" data-col="submitted">
                          {formatNumber(locale, c.submitted)}
                        </td>
                        <td className="num">{formatNumber(locale, c.valid)}</td>
                        <td className="num">{formatNumber(locale, c.counted)}</td>
                        <td>
                          <ProgressBar
                            counted={c.counted}
                            target={c.target}
                            display={pd}
                            label={t('web.skm.progressOf', { name: s.serviceName })}
                          />
                        </td>
                        <td className="num">
                          <NumText n={s.ikm} />
                        </td>
                        <td>
                          <GradeBadge grade={s.grade} />
                        </td>
                        <td className="nowrap">{s.ci95.display}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            {data.services.length ? <Chart option={progress} caption={t('web.skm.progress')} /> : null}
          </section>
          <section className="section" aria-labelledby="elements-title">
            <h2 id="elements-title">{t('web.skm.results.elements')}</h2>
            <GradeLegend />
            <div className="charts">
              <Chart option={elementsOption} caption={t('web.skm.results.elements')} />
              <ElementsTable elements={unitElements} caption={t('web.skm.results.elementsOf', { name: unitName })} />
            </div>
          </section>
          {data.respondentProfile ? <ProfileSection profile={data.respondentProfile} /> : null}
        </>
      ) : null}
    </>
  );
}

export function BpomResultsPage() {
  const { t, locale } = useI18n();
  const { id } = useParams() as { id: string };
  const campaign = useApi<Campaign>(`/campaigns/${id}`);
  const r = usePoll<CampaignResultsDto>(`/campaigns/${id}/results`, POLL_MS);
  useTitle(t('web.skm.results.bpomTitle'));
  const pooled = r.data?.bpom;
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/app/skm/${id}`}>← {campaign.data?.name ?? t('web.skm.campaign')}</Link>
      </p>
      <h1>{t('web.skm.results.bpomTitle')}</h1>
      <LiveNote checkedAt={r.checkedAt} paused={r.paused} />
      <SkmLoadError error={r.error} />
      {!r.data && !r.error ? <Loading /> : null}
      {pooled ? <Kpis scope={pooled} title={t('web.skm.results.bpomPooled')} /> : null}
      {pooled?.elements?.length ? (
        <>
          <GradeLegend />
          <ElementsTable elements={pooled.elements} caption={t('web.skm.results.elements')} />
        </>
      ) : null}
      {r.data ? (
        <div className="table-wrap">
          <table>
            <caption>{t('web.skm.results.perUnit')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('web.skm.unit')}</th>
                <th scope="col" className="num">
                  {t('web.skm.target')}
                </th>
                <th scope="col" className="num">
                  {t('web.skm.submitted')}
                </th>
                <th scope="col" className="num">
                  {t('web.skm.valid')}
                </th>
                <th scope="col">{t('web.skm.progress')}</th>
                <th scope="col" className="num">
                  {t('web.skm.ikm')}
                </th>
                <th scope="col">{t('web.skm.grade')}</th>
                <th scope="col">{t('web.skm.ci95')}</th>
              </tr>
            </thead>
            <tbody>
              {r.data.units.map((u) => {
                const c = u;
                const name = u.name;
                return (
                  <tr key={u.unitId}>
                    <th scope="row">
                      <Link to={`/app/skm/${id}/unit/${u.unitId}`}>{name}</Link>
                    </th>
                    <td className="num">{formatNumber(locale, c.target)}</td>
                    <td className="num">{formatNumber(locale, c.submitted)}</td>
                    <td className="num">{formatNumber(locale, c.valid)}</td>
                    <td>
                      <ProgressBar
                        counted={c.counted}
                        target={c.target}
                        display={c.progressPct?.display}
                        label={t('web.skm.progressOf', { name })}
                      />
                    </td>
                    <td className="num">
                      <NumText n={u.ikm} />
                    </td>
                    <td>
                      <GradeBadge grade={u.grade} />
                    </td>
                    <td className="nowrap">{u.ci95.display}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}

const monthNow = () => new Date().toISOString().slice(0, 7);
const pIndex = (f: PerceptionSurveyDto | undefined) => f?.index.display ?? '–';
const pBand = (f: PerceptionSurveyDto | undefined) => f?.band?.label ?? '–';
const pWorksheet = (f: PerceptionSurveyDto | undefined) =>
  f ? `${f.worksheet.value.display}${f.worksheet.incomplete ? '*' : ''}` : '–';

/** SPKP and SPAK per month of one unit, with the worksheet value. */
export function PerceptionPage() {
  const { t, locale } = useI18n();
  const { id, unitId } = useParams() as { id: string; unitId: string };
  const campaign = useApi<Campaign>(`/campaigns/${id}`);
  const year = campaign.data?.year ?? new Date().getFullYear();
  const [range, setRange] = useState<{ from: string; to: string } | null>(null);
  const from = range?.from ?? `${year}-01`;
  const to = range?.to ?? (String(year) === monthNow().slice(0, 4) ? monthNow() : `${year}-12`);
  const r = usePoll<PerceptionDto>(`/campaigns/${id}/units/${unitId}/perception`, POLL_MS, { from, to });
  const months = r.data?.months ?? [];
  const unitName = campaign.data?.units.find((u) => u.unitId === unitId)?.name ?? '';
  useTitle(`${t('web.skm.perception.title')} ${unitName}`);
  const option = useMemo(
    () =>
      perceptionMonthlyOption({
        months: months.map((m) => ({ month: m.month, spkp: m.spkp?.index ?? null, spak: m.spak?.index ?? null })),
        locale,
      }),
    [months, locale],
  );
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/app/skm/${id}`}>← {campaign.data?.name ?? t('web.skm.campaign')}</Link>
      </p>
      <h1>
        {t('web.skm.perception.title')} {unitName}
      </h1>
      <UnitTabs campaignId={id} unitId={unitId} />
      <div className="filters">
        <Field label={t('web.skm.perception.from')} name="from">
          {(p) => <input {...p} type="month" value={from} onChange={(e) => setRange({ from: e.target.value, to })} />}
        </Field>
        <Field label={t('web.skm.perception.to')} name="to">
          {(p) => <input {...p} type="month" value={to} onChange={(e) => setRange({ from, to: e.target.value })} />}
        </Field>
      </div>
      <LiveNote checkedAt={r.checkedAt} paused={r.paused} />
      <SkmLoadError error={r.error} />
      {months.length ? (
        <>
          <Chart option={option} caption={t('web.skm.perception.title')} />
          <div className="table-wrap">
            <table>
              <caption className="sr-only">{t('web.skm.perception.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('web.skm.perception.month')}</th>
                  {(['spkp', 'spak'] as const).map((s) => (
                    <th key={s} scope="col" colSpan={4}>
                      {s.toUpperCase()}
                    </th>
                  ))}
                </tr>
                <tr>
                  <th scope="col">
                    <span className="sr-only">{t('web.skm.perception.month')}</span>
                  </th>
                  {(['spkp', 'spak'] as const).flatMap((s) => [
                    <th key={`${s}-n`} scope="col" className="num">
                      {t('web.skm.perception.selected')}
                    </th>,
                    <th key={`${s}-i`} scope="col" className="num">
                      {t('web.skm.perception.index')}
                    </th>,
                    <th key={`${s}-b`} scope="col">
                      {t('web.skm.perception.band')}
                    </th>,
                    <th key={`${s}-w`} scope="col" className="num">
                      {t('web.skm.perception.worksheet')}
                    </th>,
                  ])}
                </tr>
              </thead>
              <tbody>
                {months.map((m) => (
                  <tr key={m.month}>
                    <th scope="row">{m.month}</th>
                    {(
                      [
                        ['spkp', m.spkp],
                        ['spak', m.spak],
                      ] as const
                    ).flatMap(([i, f]) => [
                      <td key={`${i}-n`} className="num">
                        {m.selected}
                      </td>,
                      <td key={`${i}-i`} className="num">
                        {pIndex(f)}
                        {f && f.converted.value !== null ? <span className="muted small"> ({f.converted.display})</span> : null}
                      </td>,
                      <td key={`${i}-b`}>{pBand(f)}</td>,
                      <td key={`${i}-w`} className="num">
                        {pWorksheet(f)}
                      </td>,
                    ])}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : r.data ? (
        <p>{t('web.common.empty')}</p>
      ) : null}
    </>
  );
}
