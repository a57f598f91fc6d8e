import { type FormEvent, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { CheckboxField, Field, LoadError, Loading } from '../components/form.tsx';
import { Pagination } from '../components/pagination.tsx';
import type { Page } from '../lib/api.ts';
import { can, useMe } from '../lib/auth.tsx';
import { useApi, useTitle } from '../lib/hooks.ts';
import { formatNumber, useI18n } from '../lib/i18n.tsx';
import { UNIT_TYPES, type Unit } from '../lib/types.ts';

const PAGE_SIZE = 25;

export function UnitsPage() {
  const { t, locale } = useI18n();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const type = params.get('type') ?? '';
  const inactive = params.get('inactive') === '1';
  const upp = params.get('upp') === '1';
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const [draft, setDraft] = useState({ q, type, inactive, upp });
  useTitle(t('web.units.title'));
  useEffect(() => setDraft({ q, type, inactive, upp }), [q, type, inactive, upp]);

  const units = useApi<Page<Unit>>('/units', {
    q,
    type,
    includeInactive: inactive ? 'true' : undefined,
    publicService: upp ? 'true' : undefined,
    page,
    pageSize: PAGE_SIZE,
  });

  const apply = (next: { q: string; type: string; inactive: boolean; upp: boolean; page?: number }) => {
    const p = new URLSearchParams();
    if (next.q.trim()) p.set('q', next.q.trim());
    if (next.type) p.set('type', next.type);
    if (next.inactive) p.set('inactive', '1');
    if (next.upp) p.set('upp', '1');
    if (next.page && next.page > 1) p.set('page', String(next.page));
    setParams(p);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    apply(draft);
  };

  return (
    <>
      <div className="page-head">
        <h1>{t('web.units.title')}</h1>
        {can.manageUnits(me) ? (
          <Link className="btn btn-primary" to="/app/organisasi/baru">
            {t('web.units.create')}
          </Link>
        ) : null}
      </div>
      <search aria-label={t('web.units.filters')}>
        <form className="filters" onSubmit={submit}>
          <Field label={t('web.units.search')} name="q">
            {(p) => <input {...p} type="search" value={draft.q} onChange={(e) => setDraft({ ...draft, q: e.target.value })} />}
          </Field>
          <Field label={t('web.units.type')} name="type">
            {(p) => (
              <select {...p} value={draft.type} onChange={(e) => setDraft({ ...draft, type: e.target.value })}>
                <option value="">{t('web.common.all')}</option>
                {UNIT_TYPES.map((ty) => (
                  <option key={ty} value={ty}>
                    {t(`web.unitType.${ty}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <CheckboxField
            label={t('web.units.onlyUpp')}
            name="upp"
            checked={draft.upp}
            onChange={(v) => setDraft({ ...draft, upp: v })}
          />
          <CheckboxField
            label={t('web.units.showInactive')}
            name="inactive"
            checked={draft.inactive}
            onChange={(v) => setDraft({ ...draft, inactive: v })}
          />
          <div className="filter-actions">
            <button type="submit" className="btn btn-primary">
              {t('web.common.apply')}
            </button>
            <button
              type="button"
              className="btn btn-secondary"
              onClick={() => {
                const empty = { q: '', type: '', inactive: false, upp: false };
                setDraft(empty);
                apply(empty);
              }}
            >
              {t('web.common.reset')}
            </button>
          </div>
        </form>
      </search>
      <LoadError error={units.error} />
      {units.loading && !units.data ? <Loading /> : null}
      {units.data ? (
        <>
          <div className="table-wrap">
            <table>
              <caption className="sr-only">{t('web.units.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('web.units.code')}</th>
                  <th scope="col">{t('web.units.name')}</th>
                  <th scope="col">{t('web.units.type')}</th>
                  <th scope="col">{t('web.units.province')}</th>
                  <th scope="col" className="num">
                    {t('web.units.services')}
                  </th>
                  <th scope="col">{t('web.common.status')}</th>
                </tr>
              </thead>
              <tbody>
                {units.data.items.map((u) => (
                  <tr key={u.id}>
                    <td>
                      <code>{u.code}</code>
                    </td>
                    <td>
                      <Link to={`/app/organisasi/${u.id}`}>{u.name}</Link>
                      {u.parentName ? <div className="muted small">{u.parentName}</div> : null}
                    </td>
                    <td>{t(`web.unitType.${u.type}`)}</td>
                    <td>{u.province ?? ''}</td>
                    <td className="num">{formatNumber(locale, u.serviceCount ?? 0)}</td>
                    <td>
                      <UnitBadges unit={u} />
                    </td>
                  </tr>
                ))}
                {units.data.items.length === 0 ? (
                  <tr>
                    <td colSpan={6}>{t('web.common.empty')}</td>
                  </tr>
                ) : null}
              </tbody>
            </table>
          </div>
          <Pagination
            page={page}
            pageSize={PAGE_SIZE}
            total={units.data.total}
            noun={t('web.units.noun')}
            onPage={(p) => apply({ q, type, inactive, upp, page: p })}
          />
        </>
      ) : null}
    </>
  );
}

export function UnitBadges({ unit }: { unit: Unit }) {
  const { t } = useI18n();
  return (
    <span className="badges">
      {unit.active ? null : <span className="badge badge-muted">{t('web.common.inactive')}</span>}
      {unit.isPublicServiceUnit ? (
        <span className="badge" title={t('web.units.uppLong')}>
          UPP
        </span>
      ) : null}
      {unit.isSakipEntity ? <span className="badge badge-alt">SAKIP</span> : null}
    </span>
  );
}
