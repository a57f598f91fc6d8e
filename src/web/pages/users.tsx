import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { CopyField } from '../components/copy-field.tsx';
import { ErrorSummary, Field, LoadError, Loading, Notice } from '../components/form.tsx';
import { Pagination } from '../components/pagination.tsx';
import { type Page, patch, post } from '../lib/api.ts';
import { useMe } from '../lib/auth.tsx';
import { useAction, useAll, useApi, useTitle } from '../lib/hooks.ts';
import { formatDateTime, useI18n } from '../lib/i18n.tsx';
import { ROLES, type Role, UNIT_ROLES, type Unit, type User } from '../lib/types.ts';

const PAGE_SIZE = 25;

type Panel =
  | { kind: 'create' }
  | { kind: 'created'; user: User; temporaryPassword: string }
  | { kind: 'reset'; user: User; url: string; expiresAt: string }
  | null;

export function UsersPage() {
  const { t, locale } = useI18n();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const role = params.get('role') ?? '';
  const unitId = params.get('unitId') ?? '';
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const [draft, setDraft] = useState({ q, role, unitId });
  const [panel, setPanel] = useState<Panel>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const units = useAll<Unit>('/units');
  const users = useApi<Page<User>>('/users', { q, role, unitId, page, pageSize: PAGE_SIZE });
  const rowAction = useAction();
  useTitle(t('web.users.title'));

  useEffect(() => setDraft({ q, role, unitId }), [q, role, unitId]);

  const apply = (next: { q: string; role: string; unitId: string; page?: number }) => {
    const p = new URLSearchParams();
    if (next.q.trim()) p.set('q', next.q.trim());
    if (next.role) p.set('role', next.role);
    if (next.unitId) p.set('unitId', next.unitId);
    if (next.page && next.page > 1) p.set('page', String(next.page));
    setParams(p);
  };

  const unlock = async (u: User) => {
    const r = await rowAction.run(() => post<User>(`/users/${u.id}/unlock`));
    if (r) {
      setFlash(t('web.users.unlocked', { name: u.username }));
      users.reload();
    }
  };
  const resetLink = async (u: User) => {
    const r = await rowAction.run(() => post<{ url: string; expiresAt: string }>(`/users/${u.id}/reset-link`));
    if (r) {
      setFlash(null);
      setPanel({ kind: 'reset', user: u, url: new URL(r.url, window.location.origin).href, expiresAt: r.expiresAt });
    }
  };
  const setActive = async (u: User, active: boolean) => {
    const r = await rowAction.run(() => patch<User>(`/users/${u.id}`, { active }));
    if (r) {
      setFlash(t(active ? 'web.users.activated' : 'web.users.deactivated', { name: u.username }));
      users.reload();
    }
  };

  return (
    <>
      <div className="page-head">
        <h1>{t('web.users.title')}</h1>
        <div className="actions">
          <button
            type="button"
            className="btn btn-primary"
            aria-expanded={panel?.kind === 'create'}
            onClick={() => {
              setFlash(null);
              setPanel({ kind: 'create' });
            }}
          >
            {t('web.users.create')}
          </button>
          <Link className="btn btn-secondary" to="/app/pengguna/impor">
            {t('web.import.title')}
          </Link>
        </div>
      </div>
      {flash ? <Notice kind="success">{flash}</Notice> : null}
      <ErrorSummary error={rowAction.error} />
      {panel?.kind === 'create' ? (
        <CreateUser
          units={units.data ?? []}
          onCancel={() => setPanel(null)}
          onCreated={(user, temporaryPassword) => {
            setPanel({ kind: 'created', user, temporaryPassword });
            users.reload();
          }}
        />
      ) : null}
      {panel?.kind === 'created' ? (
        <OneTimeSecret
          title={t('web.users.createdTitle', { name: panel.user.username })}
          note={t('web.users.tempPasswordNote')}
          label={t('web.users.tempPassword')}
          value={panel.temporaryPassword}
          onClose={() => setPanel(null)}
        />
      ) : null}
      {panel?.kind === 'reset' ? (
        <OneTimeSecret
          title={t('web.users.resetTitle', { name: panel.user.username })}
          note={t('web.users.resetNote', { expires: formatDateTime(locale, panel.expiresAt) })}
          label={t('web.users.resetLink')}
          value={panel.url}
          onClose={() => setPanel(null)}
        />
      ) : null}
      <search aria-label={t('web.users.filters')}>
        <form
          className="filters"
          onSubmit={(e) => {
            e.preventDefault();
            apply(draft);
          }}
        >
          <Field label={t('web.users.search')} name="q">
            {(p) => <input {...p} type="search" value={draft.q} onChange={(e) => setDraft({ ...draft, q: e.target.value })} />}
          </Field>
          <Field label={t('web.users.role')} name="role">
            {(p) => (
              <select {...p} value={draft.role} onChange={(e) => setDraft({ ...draft, role: e.target.value })}>
                <option value="">{t('web.common.all')}</option>
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {t(`web.role.${r}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('web.users.unit')} name="unitId">
            {(p) => (
              <select {...p} value={draft.unitId} onChange={(e) => setDraft({ ...draft, unitId: e.target.value })}>
                <option value="">{t('web.common.all')}</option>
                {(units.data ?? []).map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
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
      <LoadError error={users.error} />
      {users.loading && !users.data ? <Loading /> : null}
      {users.data ? (
        <>
          <div className="table-wrap">
            <table>
              <caption className="sr-only">{t('web.users.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('web.users.username')}</th>
                  <th scope="col">{t('web.users.fullName')}</th>
                  <th scope="col">{t('web.users.roles')}</th>
                  <th scope="col">{t('web.common.status')}</th>
                  <th scope="col">{t('web.common.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {users.data.items.map((u) => (
                  <tr key={u.id}>
                    <th scope="row">
                      <code>{u.username}</code>
                    </th>
                    <td>
                      {u.fullName}
                      {u.nip ? <div className="muted small">NIP {u.nip}</div> : null}
                      {u.email ? <div className="muted small">{u.email}</div> : null}
                    </td>
                    <td>
                      <ul className="plain">
                        {u.roles.map((r) => (
                          <li key={`${r.role}:${r.unitId ?? ''}`}>
                            {t(`web.role.${r.role}`)}
                            {r.unitName ? <span className="muted"> · {r.unitName}</span> : null}
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td>
                      <span className="badges">
                        {u.active ? null : <span className="badge badge-muted">{t('web.common.inactive')}</span>}
                        {u.locked ? <span className="badge badge-danger">{t('web.users.locked')}</span> : null}
                        {u.mustChangePassword ? <span className="badge badge-alt">{t('web.users.mustChange')}</span> : null}
                        {u.active && !u.locked && !u.mustChangePassword ? t('web.common.active') : null}
                      </span>
                    </td>
                    <td className="row-actions">
                      {u.locked ? (
                        <button type="button" className="btn btn-link" disabled={rowAction.busy} onClick={() => unlock(u)}>
                          {t('web.users.unlock')}
                          <span className="sr-only"> {u.username}</span>
                        </button>
                      ) : null}
                      <button type="button" className="btn btn-link" disabled={rowAction.busy} onClick={() => resetLink(u)}>
                        {t('web.users.issueReset')}
                        <span className="sr-only"> {u.username}</span>
                      </button>
                      {u.id === me.id ? null : (
                        // Administrators cannot lock themselves out from here.
                        <button
                          type="button"
                          className={`btn btn-link${u.active ? ' danger' : ''}`}
                          disabled={rowAction.busy}
                          onClick={() => setActive(u, !u.active)}
                        >
                          {u.active ? t('web.common.deactivate') : t('web.common.activate')}
                          <span className="sr-only"> {u.username}</span>
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
                {users.data.items.length === 0 ? (
                  <tr>
                    <td colSpan={5}>{t('web.common.empty')}</td>
                  </tr>
                ) : null}
              </tbody>
            </table>
          </div>
          <Pagination
            page={page}
            pageSize={PAGE_SIZE}
            total={users.data.total}
            noun={t('web.users.noun')}
            onPage={(p) => apply({ q, role, unitId, page: p })}
          />
        </>
      ) : null}
    </>
  );
}

/** A secret shown once: focus lands on it, and closing it loses it. */
function OneTimeSecret(props: { title: string; note: string; label: string; value: string; onClose(): void }) {
  const { t } = useI18n();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <section className="panel panel-success" aria-labelledby="secret-title">
      <h2 id="secret-title" tabIndex={-1} ref={ref}>
        {props.title}
      </h2>
      <p>{props.note}</p>
      <CopyField label={props.label} value={props.value} />
      <button type="button" className="btn btn-secondary" onClick={props.onClose}>
        {t('web.common.close')}
      </button>
    </section>
  );
}

interface GrantDraft {
  role: Role;
  unitId: string;
}

function CreateUser({
  units,
  onCancel,
  onCreated,
}: {
  units: Unit[];
  onCancel(): void;
  onCreated(user: User, temporaryPassword: string): void;
}) {
  const { t } = useI18n();
  const [v, setV] = useState({ username: '', fullName: '', nip: '', email: '' });
  const [grants, setGrants] = useState<GrantDraft[]>([{ role: 'unit_operator', unitId: '' }]);
  const action = useAction();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await action.run(() =>
      post<{ user: User; temporaryPassword: string }>('/users', {
        username: v.username.trim(),
        fullName: v.fullName.trim(),
        nip: v.nip.trim() || undefined,
        email: v.email.trim() || undefined,
        roles: grants.map((g) => (UNIT_ROLES.includes(g.role) ? { role: g.role, unitId: g.unitId || null } : { role: g.role })),
      }),
    );
    if (r) onCreated(r.user, r.temporaryPassword);
  };

  return (
    <section className="panel" aria-labelledby="create-user-title">
      <h2 id="create-user-title" tabIndex={-1} ref={heading}>
        {t('web.users.create')}
      </h2>
      <ErrorSummary error={action.error} />
      <form onSubmit={submit} noValidate className="grid-form">
        <Field label={t('web.users.username')} name="username" error={action.error} required>
          {(p) => (
            <input
              {...p}
              required
              autoCapitalize="none"
              spellCheck={false}
              value={v.username}
              onChange={(e) => setV({ ...v, username: e.target.value })}
            />
          )}
        </Field>
        <Field label={t('web.users.fullName')} name="fullName" error={action.error} required>
          {(p) => <input {...p} required value={v.fullName} onChange={(e) => setV({ ...v, fullName: e.target.value })} />}
        </Field>
        <Field label="NIP" name="nip" error={action.error} hint={t('web.users.nipHint')}>
          {(p) => <input {...p} inputMode="numeric" value={v.nip} onChange={(e) => setV({ ...v, nip: e.target.value })} />}
        </Field>
        <Field label={t('web.users.email')} name="email" error={action.error}>
          {(p) => <input {...p} type="email" value={v.email} onChange={(e) => setV({ ...v, email: e.target.value })} />}
        </Field>
        <fieldset className="span-all grants">
          <legend>{t('web.users.roles')}</legend>
          {grants.map((g, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their position
            <div className="grant-row" key={i}>
              <Field label={t('web.users.roleN', { n: i + 1 })} name={`roles.${i}.role`} error={action.error}>
                {(p) => (
                  <select
                    {...p}
                    value={g.role}
                    onChange={(e) => setGrants(grants.map((x, j) => (j === i ? { ...x, role: e.target.value as Role } : x)))}
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {t(`web.role.${r}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              {UNIT_ROLES.includes(g.role) ? (
                <Field label={t('web.users.unitN', { n: i + 1 })} name={`roles.${i}.unitId`} error={action.error} required>
                  {(p) => (
                    <select
                      {...p}
                      required
                      value={g.unitId}
                      onChange={(e) => setGrants(grants.map((x, j) => (j === i ? { ...x, unitId: e.target.value } : x)))}
                    >
                      <option value="">{t('web.users.pickUnit')}</option>
                      {units.map((u) => (
                        <option key={u.id} value={u.id}>
                          {u.name}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              ) : null}
              {grants.length > 1 ? (
                <button type="button" className="btn btn-link danger" onClick={() => setGrants(grants.filter((_, j) => j !== i))}>
                  {t('web.users.removeRole', { n: i + 1 })}
                </button>
              ) : null}
            </div>
          ))}
          <button
            type="button"
            className="btn btn-secondary btn-small"
            onClick={() => setGrants([...grants, { role: 'unit_operator', unitId: '' }])}
          >
            {t('web.users.addRole')}
          </button>
        </fieldset>
        <div className="actions span-all">
          <button type="submit" className="btn btn-primary" disabled={action.busy || !v.username.trim() || !v.fullName.trim()}>
            {t('web.common.save')}
          </button>
          <button type="button" className="btn btn-secondary" onClick={onCancel}>
            {t('web.common.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
