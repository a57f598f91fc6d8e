import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ErrorSummary, Field, LoadError, Loading, Notice } from '../components/form.tsx';
import { Pagination } from '../components/pagination.tsx';
import { get, type Page } from '../lib/api.ts';
import { can, useMe } from '../lib/auth.tsx';
import { diff } from '../lib/diff.ts';
import { useAction, useAll, useApi, useTitle } from '../lib/hooks.ts';
import { formatDateTime, formatNumber, useI18n } from '../lib/i18n.tsx';
import type { AuditEvent, AuditVerify, Unit, User } from '../lib/types.ts';

const PAGE_SIZE = 50;
const FILTERS = ['unitId', 'userId', 'entityType', 'entityId', 'from', 'to'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;
const ENTITY_TYPES = [
  'org_unit',
  'unit_service',
  'unit_service_population',
  'service_type',
  'assignment',
  'person',
  'user',
  'organisation',
];

export function AuditPage() {
  const { t, locale } = useI18n();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const current = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? ''])) as Filters;
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const [draft, setDraft] = useState<Filters>(current);
  const units = useAll<Unit>('/units', { includeInactive: 'true' });
  // Only administrators may list accounts; the inspectorate filters by user id.
  const users = useAll<User>(can.manageUsers(me) ? '/users' : null);
  const events = useApi<Page<AuditEvent>>('/audit', { ...current, page, pageSize: PAGE_SIZE });
  const verify = useAction();
  const [verified, setVerified] = useState<AuditVerify | null>(null);
  useTitle(t('web.audit.title'));

  const key = params.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-sync the form when the URL changes (back/forward)
  useEffect(() => setDraft(current), [key]);

  const apply = (next: Filters, p = 1) => {
    const sp = new URLSearchParams();
    for (const k of FILTERS) if (next[k].trim()) sp.set(k, next[k].trim());
    if (p > 1) sp.set('page', String(p));
    setParams(sp);
  };
  const input = (k: (typeof FILTERS)[number]) => ({
    value: draft[k],
    onChange: (e: { target: { value: string } }) => setDraft({ ...draft, [k]: e.target.value }),
  });

  return (
    <>
      <div className="page-head">
        <h1>{t('web.audit.title')}</h1>
        <button
          type="button"
          className="btn btn-secondary"
          disabled={verify.busy}
          onClick={async () => {
            setVerified(null);
            const r = await verify.run(() => get<AuditVerify>('/audit/verify'));
            if (r) setVerified(r);
          }}
        >
          {t('web.audit.verify')}
        </button>
      </div>
      <ErrorSummary error={verify.error} />
      {verified ? (
        verified.ok ? (
          <Notice kind="success">
            {t('web.audit.verifyOk', {
              chains: formatNumber(locale, verified.chains),
              events: formatNumber(locale, verified.events),
            })}
          </Notice>
        ) : (
          <div className="alert alert-error" role="alert">
            <p className="alert-title">{t('web.audit.verifyFailed', { n: verified.problems.length })}</p>
            <ul>
              {verified.problems.map((p) => (
                <li key={`${p.chain}:${p.seq}`}>
                  <code>
                    {p.chain} #{p.seq}
                  </code>
                  : {p.problem}
                </li>
              ))}
            </ul>
          </div>
        )
      ) : null}
      <search aria-label={t('web.audit.filters')}>
        <form
          className="filters"
          onSubmit={(e) => {
            e.preventDefault();
            apply(draft);
          }}
        >
          <Field label={t('web.audit.unit')} name="unitId" error={events.error}>
            {(p) => (
              <select {...p} {...input('unitId')}>
                <option value="">{t('web.common.all')}</option>
                {(units.data ?? []).map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('web.audit.user')} name="userId" error={events.error}>
            {(p) =>
              users.data ? (
                <select {...p} {...input('userId')}>
                  <option value="">{t('web.common.all')}</option>
                  {users.data.map((u) => (
                    <option key={u.id} value={u.id}>
                      {u.fullName} ({u.username})
                    </option>
                  ))}
                </select>
              ) : (
                <input {...p} {...input('userId')} spellCheck={false} />
              )
            }
          </Field>
          <Field label={t('web.audit.entityType')} name="entityType" error={events.error}>
            {(p) => (
              <>
                <input {...p} list="audit-entity-types" spellCheck={false} {...input('entityType')} />
                <datalist id="audit-entity-types">
                  {ENTITY_TYPES.map((e) => (
                    <option key={e} value={e} />
                  ))}
                </datalist>
              </>
            )}
          </Field>
          <Field label={t('web.audit.entityId')} name="entityId" error={events.error}>
            {(p) => <input {...p} spellCheck={false} {...input('entityId')} />}
          </Field>
          <Field label={t('web.audit.from')} name="from" error={events.error}>
            {(p) => <input {...p} type="date" {...input('from')} />}
          </Field>
          <Field label={t('web.audit.to')} name="to" error={events.error}>
            {(p) => <input {...p} type="date" {...input('to')} />}
          </Field>
          <div className="filter-actions">
            <button type="submit" className="btn btn-primary">
              {t('web.common.apply')}
            </button>
            <button
              type="button"
              className="btn btn-secondary"
              onClick={() => {
                const empty = Object.fromEntries(FILTERS.map((k) => [k, ''])) as Filters;
                setDraft(empty);
                apply(empty);
              }}
            >
              {t('web.common.reset')}
            </button>
          </div>
        </form>
      </search>
      <LoadError error={events.error} />
      {events.loading && !events.data ? <Loading /> : null}
      {events.data ? (
        <>
          <div className="table-wrap">
            <table className="audit-table">
              <caption className="sr-only">{t('web.audit.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('web.audit.at')}</th>
                  <th scope="col">{t('web.audit.actor')}</th>
                  <th scope="col">{t('web.audit.unit')}</th>
                  <th scope="col">{t('web.audit.entity')}</th>
                  <th scope="col">{t('web.audit.action')}</th>
                  <th scope="col">{t('web.audit.changes')}</th>
                </tr>
              </thead>
              <tbody>
                {events.data.items.map((ev) => {
                  const changes = diff(ev.before, ev.after);
                  return (
                    <tr key={ev.id}>
                      <td className="nowrap">
                        {formatDateTime(locale, ev.at)}
                        <div className="muted small">
                          {ev.chain === 'global' ? t('web.audit.globalChain') : t('web.audit.unitChain')} #{ev.seq}
                        </div>
                      </td>
                      <td>
                        {ev.actorName ?? t('web.audit.system')}
                        {ev.actorRole ? <div className="muted small">{t(`web.role.${ev.actorRole}`)}</div> : null}
                      </td>
                      <td>{ev.unitName ?? '—'}</td>
                      <td>
                        <code>{ev.entityType}</code>
                        <div className="muted small mono" title={ev.entityId}>
                          {ev.entityId.length > 13 ? `…${ev.entityId.slice(-12)}` : ev.entityId}
                        </div>
                      </td>
                      <td>
                        <span className="badge">{ev.action}</span>
                        {ev.reason ? (
                          <div className="small">
                            {t('web.common.reason')}: {ev.reason}
                          </div>
                        ) : null}
                      </td>
                      <td>
                        {changes.length ? (
                          <ul className="diff">
                            {changes.map((c) => (
                              <li key={c.key}>
                                {c.key ? <code>{c.key}</code> : null}{' '}
                                {c.before !== undefined ? (
                                  <del>
                                    <span className="sr-only">{t('web.audit.before')}: </span>
                                    {c.before}
                                  </del>
                                ) : null}
                                {c.before !== undefined && c.after !== undefined ? <span aria-hidden="true"> → </span> : null}
                                {c.after !== undefined ? (
                                  <ins>
                                    <span className="sr-only">{t('web.audit.after')}: </span>
                                    {c.after}
                                  </ins>
                                ) : null}
                              </li>
                            ))}
                          </ul>
                        ) : (
                          '—'
                        )}
                      </td>
                    </tr>
                  );
                })}
                {events.data.items.length === 0 ? (
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
            total={events.data.total}
            noun={t('web.audit.noun')}
            onPage={(p) => apply(current, p)}
          />
        </>
      ) : null}
    </>
  );
}
