import { type FormEvent, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { CheckboxField, ErrorSummary, Field, Loading } from '../components/form.tsx';
import { post } from '../lib/api.ts';
import { useMe } from '../lib/auth.tsx';
import { useAction, useAll, useApi, useTitle } from '../lib/hooks.ts';
import { formatDate, formatNumber, useI18n, useT } from '../lib/i18n.tsx';
import { UNIT_TYPES, type Unit, type UnitService } from '../lib/types.ts';
import { ProgressBar, SkmLoadError, StatusBadge, skmCan } from './common.tsx';
import { CAMPAIGN_STATUSES, type Campaign, type CampaignResultsDto, type CampaignSummary, PROFILE_CODES } from './types.ts';

export function CampaignsPage() {
  const { t, locale } = useI18n();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const year = params.get('year') ?? '';
  const status = params.get('status') ?? '';
  const [draft, setDraft] = useState({ year, status });
  useTitle(t('web.skm.campaigns.title'));
  const list = useApi<{ campaigns: CampaignSummary[] }>('/campaigns', { year, status });

  const apply = (e: FormEvent) => {
    e.preventDefault();
    const p = new URLSearchParams();
    if (draft.year.trim()) p.set('year', draft.year.trim());
    if (draft.status) p.set('status', draft.status);
    setParams(p);
  };

  return (
    <>
      <div className="page-head">
        <h1>{t('web.skm.campaigns.title')}</h1>
        <div className="actions">
          {skmCan.history(me) ? (
            <Link className="btn btn-secondary" to="/app/skm/riwayat">
              {t('web.skm.history.title')}
            </Link>
          ) : null}
          {skmCan.manage(me) ? (
            <Link className="btn btn-primary" to="/app/skm/baru">
              {t('web.skm.campaigns.create')}
            </Link>
          ) : null}
        </div>
      </div>
      <p className="lead">{t('web.nav.skm.about')}</p>
      <search aria-label={t('web.skm.campaigns.filters')}>
        <form className="filters" onSubmit={apply}>
          <Field label={t('web.skm.year')} name="year">
            {(p) => (
              <input
                {...p}
                type="number"
                min={2000}
                max={2100}
                value={draft.year}
                onChange={(e) => setDraft({ ...draft, year: e.target.value })}
              />
            )}
          </Field>
          <Field label={t('web.common.status')} name="status">
            {(p) => (
              <select {...p} value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.target.value })}>
                <option value="">{t('web.common.all')}</option>
                {CAMPAIGN_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`web.skm.status.${s}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div className="filter-actions">
            <button type="submit" className="btn btn-primary">
              {t('web.common.apply')}
            </button>
          </div>
        </form>
      </search>
      <SkmLoadError error={list.error} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data ? (
        <div className="table-wrap">
          <table>
            <caption className="sr-only">{t('web.skm.campaigns.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('web.skm.campaign')}</th>
                <th scope="col" className="num">
                  {t('web.skm.year')}
                </th>
                <th scope="col">{t('web.common.status')}</th>
                <th scope="col">{t('web.skm.period')}</th>
                <th scope="col" className="num">
                  {t('web.skm.units')}
                </th>
                <th scope="col">{t('web.skm.progress')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.campaigns.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <Link to={`/app/skm/${c.id}`}>{c.name}</Link>
                    {c.isDemo ? <span className="badge badge-alt"> {t('web.skm.demo')}</span> : null}
                  </th>
                  <td className="num">{c.year}</td>
                  <td>
                    <StatusBadge status={c.status} />
                  </td>
                  <td className="nowrap">
                    {formatDate(locale, c.collectionStart)} – {formatDate(locale, c.effectiveEnd)}
                  </td>
                  <CampaignFigures id={c.id} />
                </tr>
              ))}
              {list.data.campaigns.length === 0 ? (
                <tr>
                  <td colSpan={6}>{t('web.skm.campaigns.none')}</td>
                </tr>
              ) : null}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}

/** Units in scope and counted/target for one row (the results endpoint, when present). */
function CampaignFigures({ id }: { id: string }) {
  const { t, locale } = useI18n();
  const c = useApi<Campaign>(`/campaigns/${id}`);
  const r = useApi<CampaignResultsDto>(`/campaigns/${id}/results`);
  const pooled = r.data?.bpom;
  const target = pooled?.target ?? c.data?.units.reduce((a, u) => a + u.target, 0) ?? 0;
  return (
    <>
      <td className="num">{c.data ? formatNumber(locale, c.data.units.length) : '…'}</td>
      <td>
        {pooled ? (
          <ProgressBar
            counted={pooled.counted}
            target={target}
            display={pooled.progressPct?.display}
            label={t('web.skm.progress')}
          />
        ) : (
          <span className="muted">–</span>
        )}
      </td>
    </>
  );
}

interface Pick {
  /** null = every active service. */
  services: Set<string> | null;
}

export function CampaignCreatePage() {
  const t = useT();
  const navigate = useNavigate();
  useTitle(t('web.skm.create.title'));
  const thisYear = new Date().getFullYear();
  const [v, setV] = useState({
    name: `SKM ${thisYear}`,
    year: String(thisYear),
    profileCode: 'bpom-2024',
    collectionStart: `${thisYear}-01-01`,
    collectionEnd: `${thisYear}-12-31`,
    validityMatrixDue: '',
    reportDue: '',
    circularRef: '',
    circularDate: '',
    allowEmbedding: false,
  });
  const [picked, setPicked] = useState<Map<string, Pick>>(new Map());
  const action = useAction();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const opt = (s: string) => (s.trim() ? s.trim() : undefined);
    const body = {
      name: v.name.trim(),
      year: Number(v.year),
      profileCode: v.profileCode,
      collectionStart: v.collectionStart,
      collectionEnd: v.collectionEnd,
      validityMatrixDue: opt(v.validityMatrixDue),
      reportDue: opt(v.reportDue),
      circularRef: opt(v.circularRef),
      circularDate: opt(v.circularDate),
      allowEmbedding: v.allowEmbedding,
      units: [...picked.entries()].map(([unitId, p]) => ({
        unitId,
        unitServiceIds: p.services ? [...p.services] : undefined,
      })),
    };
    const c = await action.run(() => post<Campaign>('/campaigns', body));
    if (c) navigate(`/app/skm/${c.id}`);
  };

  const dateField = (name: keyof typeof v, label: string, required = false, hint?: string) => (
    <Field label={label} name={name} error={action.error} required={required} hint={hint}>
      {(p) => (
        <input
          {...p}
          type="date"
          required={required}
          value={v[name] as string}
          onChange={(e) => setV({ ...v, [name]: e.target.value })}
        />
      )}
    </Field>
  );

  return (
    <>
      <p className="breadcrumb">
        <Link to="/app/skm">{t('web.skm.back')}</Link>
      </p>
      <h1>{t('web.skm.create.title')}</h1>
      <ErrorSummary error={action.error} />
      <form onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t('web.skm.create.basics')}</legend>
          <div className="grid-form">
            <Field label={t('web.skm.name')} name="name" error={action.error} required className="span-2">
              {(p) => <input {...p} type="text" required value={v.name} onChange={(e) => setV({ ...v, name: e.target.value })} />}
            </Field>
            <Field label={t('web.skm.year')} name="year" error={action.error} required>
              {(p) => (
                <input
                  {...p}
                  type="number"
                  min={2000}
                  max={2100}
                  required
                  value={v.year}
                  onChange={(e) => setV({ ...v, year: e.target.value })}
                />
              )}
            </Field>
            <Field label={t('web.skm.profile')} name="profileCode" error={action.error} required>
              {(p) => (
                <select {...p} value={v.profileCode} onChange={(e) => setV({ ...v, profileCode: e.target.value })}>
                  {PROFILE_CODES.map((c) => (
                    <option key={c} value={c}>
                      {t(`web.skm.profile.${c}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {dateField('collectionStart', t('web.skm.collectionStart'), true)}
            {dateField('collectionEnd', t('web.skm.collectionEnd'), true)}
            {dateField('validityMatrixDue', t('web.skm.validityMatrixDue'), false, t('web.skm.dueHint'))}
            {dateField('reportDue', t('web.skm.reportDue'), false, t('web.skm.dueHint'))}
            <Field label={t('web.skm.circularRef')} name="circularRef" error={action.error} hint={t('web.skm.circularHint')}>
              {(p) => (
                <input {...p} type="text" value={v.circularRef} onChange={(e) => setV({ ...v, circularRef: e.target.value })} />
              )}
            </Field>
            {dateField('circularDate', t('web.skm.circularDate'))}
          </div>
          <CheckboxField
            label={t('web.skm.allowEmbedding')}
            name="allowEmbedding"
            checked={v.allowEmbedding}
            onChange={(b) => setV({ ...v, allowEmbedding: b })}
            error={action.error}
          />
        </fieldset>
        <UnitPicker picked={picked} onChange={setPicked} error={action.error} />
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={action.busy || picked.size === 0 || !v.name.trim()}>
            {t('web.skm.create.submit')}
          </button>
          <Link className="btn btn-secondary" to="/app/skm">
            {t('web.common.cancel')}
          </Link>
        </div>
      </form>
    </>
  );
}

/** Units (public-service units only) by type or name, each with all or some of its services. */
function UnitPicker({
  picked,
  onChange,
  error,
}: {
  picked: Map<string, Pick>;
  onChange(m: Map<string, Pick>): void;
  error: unknown;
}) {
  const { t, locale } = useI18n();
  const units = useAll<Unit>('/units', { publicService: 'true' });
  const [q, setQ] = useState('');
  const [type, setType] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const shown = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return (units.data ?? []).filter(
      (u) =>
        (!type || u.type === type) && (!needle || u.name.toLowerCase().includes(needle) || u.code.toLowerCase().includes(needle)),
    );
  }, [units.data, q, type]);

  const toggle = (id: string, on: boolean) => {
    const m = new Map(picked);
    if (on) m.set(id, { services: null });
    else m.delete(id);
    onChange(m);
  };
  const allShown = (on: boolean) => {
    const m = new Map(picked);
    for (const u of shown) {
      if (on && !m.has(u.id)) m.set(u.id, { services: null });
      if (!on) m.delete(u.id);
    }
    onChange(m);
  };

  return (
    <fieldset>
      <legend>{t('web.skm.create.scope')}</legend>
      <p className="hint">{t('web.skm.create.scopeHint')}</p>
      <div className="filters">
        <Field label={t('web.skm.searchUnit')} name="unitSearch">
          {(p) => <input {...p} type="search" value={q} onChange={(e) => setQ(e.target.value)} />}
        </Field>
        <Field label={t('web.skm.unitType')} name="unitType">
          {(p) => (
            <select {...p} value={type} onChange={(e) => setType(e.target.value)}>
              <option value="">{t('web.common.all')}</option>
              {UNIT_TYPES.map((ty) => (
                <option key={ty} value={ty}>
                  {t(`web.unitType.${ty}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="filter-actions">
          <button type="button" className="btn btn-secondary" onClick={() => allShown(true)}>
            {t('web.skm.create.selectShown', { n: shown.length })}
          </button>
          <button type="button" className="btn btn-secondary" onClick={() => allShown(false)}>
            {t('web.skm.create.clearShown')}
          </button>
        </div>
      </div>
      <p aria-live="polite" className={error && picked.size === 0 ? 'field-error' : 'hint'}>
        {t('web.skm.create.selected', { n: formatNumber(locale, picked.size) })}
      </p>
      <SkmLoadError error={units.error} />
      {units.loading && !units.data ? <Loading /> : null}
      <div className="unit-picker">
        <ul>
          {shown.map((u) => (
            <li key={u.id}>
              <CheckboxField
                label={`${u.name} (${u.code})`}
                name={`unit-${u.code}`}
                checked={picked.has(u.id)}
                onChange={(on) => toggle(u.id, on)}
              />
              {picked.has(u.id) ? (
                <button
                  type="button"
                  className="btn btn-link services"
                  aria-expanded={open === u.id}
                  onClick={() => setOpen(open === u.id ? null : u.id)}
                >
                  {picked.get(u.id)?.services
                    ? t('web.skm.create.someServices', { n: picked.get(u.id)?.services?.size ?? 0 })
                    : t('web.skm.create.allServices', { n: u.serviceCount })}
                  <span className="sr-only"> {u.name}</span>
                </button>
              ) : null}
              {open === u.id && picked.has(u.id) ? (
                <ServicePicker
                  unit={u}
                  value={picked.get(u.id) as Pick}
                  onChange={(p) => onChange(new Map(picked).set(u.id, p))}
                />
              ) : null}
            </li>
          ))}
        </ul>
      </div>
    </fieldset>
  );
}

function ServicePicker({ unit, value, onChange }: { unit: Unit; value: Pick; onChange(p: Pick): void }) {
  const t = useT();
  const services = useApi<{ items: UnitService[] }>(`/units/${unit.id}/services`);
  const active = services.data?.items.filter((s) => s.active) ?? [];
  const chosen = value.services ?? new Set(active.map((s) => s.id));
  return (
    <fieldset className="services">
      <legend className="sr-only">{t('web.skm.create.servicesOf', { name: unit.name })}</legend>
      {services.loading ? <Loading /> : null}
      {active.map((s) => (
        <CheckboxField
          key={s.id}
          label={s.name}
          name={`svc-${s.id}`}
          checked={chosen.has(s.id)}
          onChange={(on) => {
            const next = new Set(chosen);
            if (on) next.add(s.id);
            else next.delete(s.id);
            onChange({ services: next.size === active.length ? null : next });
          }}
        />
      ))}
    </fieldset>
  );
}
