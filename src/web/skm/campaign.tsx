import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import { CopyField } from '../components/copy-field.tsx';
import { ErrorSummary, Field, Loading, Notice } from '../components/form.tsx';
import { post, put } from '../lib/api.ts';
import { useMe } from '../lib/auth.tsx';
import { useAction, useApi, useTitle } from '../lib/hooks.ts';
import { formatDate, formatDateTime, formatNumber, useI18n, useT } from '../lib/i18n.tsx';
import { ReportBatchSection } from '../reports/batch.tsx';
import { ApiKeysSection, ReportBoardLink, SnapshotsSection } from './campaign-admin.tsx';
import { ConfirmDialog, SkmLoadError, StatusBadge, skmCan } from './common.tsx';
import type { Campaign, CampaignStatus, SurveyLink, Target, Targets } from './types.ts';

export function CampaignPage() {
  const { t, locale } = useI18n();
  const me = useMe();
  const { id } = useParams() as { id: string };
  const campaign = useApi<Campaign>(`/campaigns/${id}`);
  const c = campaign.data;
  useTitle(c?.name ?? t('web.skm.campaign'));
  const manage = skmCan.manage(me);

  if (!c) return campaign.error ? <SkmLoadError error={campaign.error} /> : <Loading />;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/app/skm">{t('web.skm.back')}</Link>
      </p>
      <div className="page-head">
        <h1>{c.name}</h1>
        <StatusBadge status={c.status} />
        {manage ? <ReportBoardLink campaignId={c.id} /> : null}
      </div>
      <dl className="facts">
        <dt>{t('web.skm.year')}</dt>
        <dd>{c.year}</dd>
        <dt>{t('web.skm.profile')}</dt>
        <dd>{t(`web.skm.profile.${c.profileCode}`)}</dd>
        <dt>{t('web.skm.period')}</dt>
        <dd>
          {formatDate(locale, c.collectionStart)} – {formatDate(locale, c.effectiveEnd)}
          {c.effectiveEnd !== c.collectionEnd ? ` (${t('web.skm.extended')})` : ''}
        </dd>
        <dt>{t('web.skm.validityMatrixDue')}</dt>
        <dd>{c.validityMatrixDue ? formatDate(locale, c.validityMatrixDue) : '–'}</dd>
        <dt>{t('web.skm.reportDue')}</dt>
        <dd>{c.reportDue ? formatDate(locale, c.reportDue) : '–'}</dd>
        <dt>{t('web.skm.circularRef')}</dt>
        <dd>
          {c.circularRef ?? '–'}
          {c.circularDate ? ` (${formatDate(locale, c.circularDate)})` : ''}
        </dd>
      </dl>
      {manage ? <TransitionSection campaign={c} onChanged={campaign.reload} /> : null}
      <UnitsSection campaign={c} />
      <ExtensionsSection campaign={c} manage={manage} onChanged={campaign.reload} />
      <TargetsSection campaign={c} manage={manage} onChanged={campaign.reload} />
      <LinksSection campaign={c} manage={manage} />
      {c.status === 'closed' ? <SnapshotsSection campaign={c} manage={manage} /> : null}
      {manage ? <ApiKeysSection campaign={c} /> : null}
      {manage ? <ReportBatchSection campaignId={c.id} /> : null}
    </>
  );
}

function TransitionSection({ campaign, onChanged }: { campaign: Campaign; onChanged(): void }) {
  const t = useT();
  const [to, setTo] = useState<CampaignStatus | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const action = useAction();
  const confirm = async () => {
    if (!to) return;
    const c = await action.run(() => post<Campaign>(`/campaigns/${campaign.id}/transition`, { to }));
    setTo(null);
    if (c) {
      setDone(t('web.skm.transition.done', { status: t(`web.skm.status.${c.status}`) }));
      onChanged();
    }
  };
  return (
    <section className="section" aria-labelledby="transition-title">
      <h2 id="transition-title">{t('web.skm.transition.title')}</h2>
      {done ? <Notice kind="success">{done}</Notice> : null}
      <ErrorSummary error={action.error} />
      {campaign.nextStatuses.length ? (
        <div className="actions">
          {campaign.nextStatuses.map((s) => (
            <button key={s} type="button" className="btn btn-primary" onClick={() => setTo(s)}>
              {t('web.skm.transition.to', { status: t(`web.skm.status.${s}`) })}
            </button>
          ))}
        </div>
      ) : (
        <p>{t('web.skm.transition.none')}</p>
      )}
      <ConfirmDialog
        open={to !== null}
        title={t('web.skm.transition.confirmTitle', { status: to ? t(`web.skm.status.${to}`) : '' })}
        confirmLabel={t('web.skm.transition.confirm')}
        busy={action.busy}
        onConfirm={confirm}
        onClose={() => setTo(null)}
      >
        <p>{to ? t(`web.skm.transition.explain.${to}`) : null}</p>
      </ConfirmDialog>
    </section>
  );
}

function UnitsSection({ campaign }: { campaign: Campaign }) {
  const { t, locale } = useI18n();
  return (
    <section className="section" aria-labelledby="units-title">
      <div className="page-head">
        <h2 id="units-title">
          {t('web.skm.units')} <span className="count-badge">{formatNumber(locale, campaign.units.length)}</span>
        </h2>
        <Link className="btn btn-secondary" to={`/app/skm/${campaign.id}/hasil`}>
          {t('web.skm.results.bpomTitle')}
        </Link>
      </div>
      <div className="table-wrap">
        <table>
          <caption className="sr-only">{t('web.skm.units')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('web.skm.unit')}</th>
              <th scope="col" className="num">
                {t('web.skm.services')}
              </th>
              <th scope="col" className="num">
                {t('web.skm.target')}
              </th>
              <th scope="col">{t('web.common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {campaign.units.map((u) => (
              <tr key={u.unitId}>
                <th scope="row">{u.name}</th>
                <td className="num">{formatNumber(locale, u.services)}</td>
                <td className="num">{formatNumber(locale, u.target)}</td>
                <td className="row-actions">
                  <Link to={`/app/skm/${campaign.id}/unit/${u.unitId}`}>
                    {t('web.skm.tab.results')}
                    <span className="sr-only"> {u.name}</span>
                  </Link>{' '}
                  ·{' '}
                  <Link to={`/app/skm/${campaign.id}/unit/${u.unitId}/respons`}>
                    {t('web.skm.tab.responses')}
                    <span className="sr-only"> {u.name}</span>
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function ExtensionsSection({ campaign, manage, onChanged }: { campaign: Campaign; manage: boolean; onChanged(): void }) {
  const { t, locale } = useI18n();
  const [open, setOpen] = useState(false);
  const [v, setV] = useState({ newEnd: '', reason: '', letterRef: '' });
  const action = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const c = await action.run(() => post<Campaign>(`/campaigns/${campaign.id}/extensions`, v));
    if (c) {
      setOpen(false);
      setV({ newEnd: '', reason: '', letterRef: '' });
      onChanged();
    }
  };
  return (
    <section className="section" aria-labelledby="ext-title">
      <div className="page-head">
        <h2 id="ext-title">{t('web.skm.ext.title')}</h2>
        {manage && campaign.status !== 'closed' ? (
          <button type="button" className="btn btn-secondary" aria-expanded={open} onClick={() => setOpen(!open)}>
            {t('web.skm.ext.add')}
          </button>
        ) : null}
      </div>
      {open ? (
        <form onSubmit={submit} noValidate className="panel">
          <ErrorSummary error={action.error} />
          <div className="grid-form">
            <Field label={t('web.skm.ext.newEnd')} name="newEnd" error={action.error} required>
              {(p) => <input {...p} type="date" value={v.newEnd} onChange={(e) => setV({ ...v, newEnd: e.target.value })} />}
            </Field>
            <Field label={t('web.skm.ext.letterRef')} name="letterRef" error={action.error} required>
              {(p) => (
                <input {...p} type="text" value={v.letterRef} onChange={(e) => setV({ ...v, letterRef: e.target.value })} />
              )}
            </Field>
            <Field label={t('web.common.reason')} name="reason" error={action.error} required className="span-all">
              {(p) => <textarea {...p} rows={2} value={v.reason} onChange={(e) => setV({ ...v, reason: e.target.value })} />}
            </Field>
          </div>
          <div className="actions">
            <button type="submit" className="btn btn-primary" disabled={action.busy}>
              {t('web.common.save')}
            </button>
            <button type="button" className="btn btn-secondary" onClick={() => setOpen(false)}>
              {t('web.common.cancel')}
            </button>
          </div>
        </form>
      ) : null}
      {campaign.extensions.length ? (
        <div className="table-wrap">
          <table className="compact">
            <caption className="sr-only">{t('web.skm.ext.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('web.skm.ext.previousEnd')}</th>
                <th scope="col">{t('web.skm.ext.newEnd')}</th>
                <th scope="col">{t('web.skm.ext.letterRef')}</th>
                <th scope="col">{t('web.common.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {campaign.extensions.map((x) => (
                <tr key={x.id}>
                  <td>{formatDate(locale, x.previousEnd)}</td>
                  <td>{formatDate(locale, x.newEnd)}</td>
                  <td>{x.letterRef}</td>
                  <td>{x.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t('web.skm.ext.none')}</p>
      )}
    </section>
  );
}

function TargetsSection({ campaign, manage, onChanged }: { campaign: Campaign; manage: boolean; onChanged(): void }) {
  const { t, locale } = useI18n();
  const [unitId, setUnitId] = useState(campaign.units.length > 1 ? (campaign.units[0]?.unitId ?? '') : '');
  const targets = useApi<Targets>(`/campaigns/${campaign.id}/targets`, { unitId: unitId || undefined });
  const [edit, setEdit] = useState<Target | null>(null);
  return (
    <section className="section" aria-labelledby="targets-title">
      <h2 id="targets-title">{t('web.skm.targets.title')}</h2>
      <p className="hint">{t('web.skm.targets.lead', { year: targets.data?.populationYear ?? campaign.year - 1 })}</p>
      {campaign.units.length > 1 ? (
        <Field label={t('web.skm.unit')} name="targetsUnit">
          {(p) => (
            <select {...p} value={unitId} onChange={(e) => setUnitId(e.target.value)}>
              <option value="">{t('web.common.all')}</option>
              {campaign.units.map((u) => (
                <option key={u.unitId} value={u.unitId}>
                  {u.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      {edit ? (
        <OverrideForm
          campaignId={campaign.id}
          target={edit}
          onClose={() => setEdit(null)}
          onSaved={() => {
            setEdit(null);
            targets.reload();
            onChanged();
          }}
        />
      ) : null}
      <SkmLoadError error={targets.error} />
      {targets.loading && !targets.data ? <Loading /> : null}
      {targets.data ? (
        <div className="table-wrap">
          <table>
            <caption>
              {t('web.skm.targets.total', {
                n: formatNumber(
                  locale,
                  targets.data.rows.reduce((a, r) => a + r.target, 0),
                ),
              })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('web.skm.unit')}</th>
                <th scope="col">{t('web.skm.service')}</th>
                <th scope="col" className="num">
                  {t('web.skm.targets.prevPopulation')}
                </th>
                <th scope="col" className="num">
                  {t('web.skm.targets.periodPopulation')}
                </th>
                <th scope="col" className="num">
                  {t('web.skm.targets.computed')}
                </th>
                <th scope="col" className="num">
                  {t('web.skm.target')}
                </th>
                {manage ? <th scope="col">{t('web.common.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {targets.data.rows.map((r) => (
                <tr key={r.id}>
                  <td>{r.unitName}</td>
                  <th scope="row">{r.serviceName}</th>
                  <td className="num">{r.prevYearPopulation === null ? 'N/A' : formatNumber(locale, r.prevYearPopulation)}</td>
                  <td className="num">
                    {formatNumber(locale, r.populationPeriod)}
                    <span className="muted small"> (÷{r.divisor})</span>
                  </td>
                  <td className="num">{formatNumber(locale, r.computedTarget)}</td>
                  <td className="num">
                    {formatNumber(locale, r.target)}
                    {r.overridden ? (
                      <span className="badge badge-alt" title={r.overrideReason ?? ''}>
                        {' '}
                        {t('web.skm.targets.overridden')}
                      </span>
                    ) : null}
                  </td>
                  {manage ? (
                    <td>
                      <button type="button" className="btn btn-link" onClick={() => setEdit(r)}>
                        {t('web.skm.targets.override')}
                        <span className="sr-only"> {r.serviceName}</span>
                      </button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

function OverrideForm({
  campaignId,
  target,
  onClose,
  onSaved,
}: {
  campaignId: string;
  target: Target;
  onClose(): void;
  onSaved(): void;
}) {
  const t = useT();
  const [v, setV] = useState({ target: String(target.target), reason: target.overrideReason ?? '' });
  const action = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const n = Number(v.target);
    const r = await action.run(() =>
      put<Target>(`/campaigns/${campaignId}/targets/${target.unitServiceId}`, {
        target: v.target.trim() === '' || !Number.isFinite(n) ? v.target : n,
        reason: v.reason,
      }),
    );
    if (r) onSaved();
  };
  return (
    <form onSubmit={submit} noValidate className="panel" aria-labelledby="override-title">
      <h3 id="override-title">{t('web.skm.targets.overrideTitle', { name: target.serviceName })}</h3>
      <ErrorSummary error={action.error} />
      <div className="grid-form">
        <Field label={t('web.skm.target')} name="target" error={action.error} required>
          {(p) => (
            <input
              {...p}
              type="number"
              min={0}
              inputMode="numeric"
              value={v.target}
              onChange={(e) => setV({ ...v, target: e.target.value })}
            />
          )}
        </Field>
        <Field label={t('web.common.reason')} name="reason" error={action.error} required className="span-2">
          {(p) => <textarea {...p} rows={2} value={v.reason} onChange={(e) => setV({ ...v, reason: e.target.value })} />}
        </Field>
      </div>
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={action.busy}>
          {t('web.common.save')}
        </button>
        <button type="button" className="btn btn-secondary" onClick={onClose}>
          {t('web.common.cancel')}
        </button>
      </div>
    </form>
  );
}

function LinksSection({ campaign, manage }: { campaign: Campaign; manage: boolean }) {
  const { t, locale } = useI18n();
  const links = useApi<{ links: SurveyLink[] }>(`/campaigns/${campaign.id}/links`);
  const [showOld, setShowOld] = useState(false);
  const [regen, setRegen] = useState<SurveyLink | null>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const action = useAction();
  const generate = async () => {
    const r = await action.run(() => post<{ created: number }>(`/campaigns/${campaign.id}/links`, {}));
    if (r) {
      setFlash(t('web.skm.links.generated', { n: r.created }));
      links.reload();
    }
  };
  const confirmRegen = async () => {
    if (!regen) return;
    const r = await action.run(() => post<{ warning: string }>(`/links/${regen.id}/regenerate`, {}));
    setRegen(null);
    if (r) {
      setFlash(r.warning);
      links.reload();
    }
  };
  const shown = links.data?.links.filter((l) => showOld || l.active) ?? [];
  return (
    <section className="section" aria-labelledby="links-title">
      <div className="page-head">
        <h2 id="links-title">{t('web.skm.links.title')}</h2>
        {manage && campaign.status !== 'closed' ? (
          <button type="button" className="btn btn-secondary" disabled={action.busy} onClick={generate}>
            {t('web.skm.links.generate')}
          </button>
        ) : null}
      </div>
      <p className="hint">{t('web.skm.links.lead')}</p>
      {flash ? <Notice kind="warning">{flash}</Notice> : null}
      <ErrorSummary error={action.error} />
      <SkmLoadError error={links.error} />
      <div className="field field-check">
        <input id="links-old" type="checkbox" checked={showOld} onChange={(e) => setShowOld(e.target.checked)} />
        <label htmlFor="links-old">{t('web.skm.links.showReplaced')}</label>
      </div>
      {links.data && shown.length === 0 ? <p>{t('web.skm.links.none')}</p> : null}
      <ul className="plain">
        {shown.map((l) => {
          const label = l.serviceName ? `${l.unitName} · ${l.serviceName}` : l.unitName;
          return (
            <li key={l.id} className="panel">
              <h3>
                {label}
                {l.active ? null : <span className="badge badge-muted"> {t('web.skm.links.replaced')}</span>}
              </h3>
              {l.active ? (
                <>
                  <CopyField label={t('web.skm.links.url', { name: label })} value={l.url} />
                  <p>
                    <a href={l.url} target="_blank" rel="noreferrer noopener">
                      {t('web.skm.links.open')}
                      <span className="sr-only"> {label}</span>
                    </a>
                  </p>
                  <p className="actions">
                    <a className="btn btn-secondary btn-small" href={`/api/v1/links/${l.id}/qr.svg`} download>
                      {t('web.skm.links.qrSvg')}
                      <span className="sr-only"> {label}</span>
                    </a>
                    <a className="btn btn-secondary btn-small" href={`/api/v1/links/${l.id}/qr.png`} download>
                      {t('web.skm.links.qrPng')}
                      <span className="sr-only"> {label}</span>
                    </a>
                    <a className="btn btn-secondary btn-small" href={`/api/v1/links/${l.id}/poster.pdf`} download>
                      {t('web.skm.links.poster')}
                      <span className="sr-only"> {label}</span>
                    </a>
                    {manage ? (
                      <button type="button" className="btn btn-link danger" onClick={() => setRegen(l)}>
                        {t('web.skm.links.regenerate')}
                        <span className="sr-only"> {label}</span>
                      </button>
                    ) : null}
                  </p>
                </>
              ) : (
                <p className="muted small">{formatDateTime(locale, l.createdAt)}</p>
              )}
            </li>
          );
        })}
      </ul>
      <ConfirmDialog
        open={regen !== null}
        danger
        title={t('web.skm.links.regenerateTitle')}
        confirmLabel={t('web.skm.links.regenerate')}
        busy={action.busy}
        onConfirm={confirmRegen}
        onClose={() => setRegen(null)}
      >
        <p>{t('web.skm.links.regenerateWarning')}</p>
      </ConfirmDialog>
    </section>
  );
}
