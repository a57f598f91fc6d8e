import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { CopyField } from '../components/copy-field.tsx';
import { ErrorSummary, Field, Loading } from '../components/form.tsx';
import { post } from '../lib/api.ts';
import { useMe } from '../lib/auth.tsx';
import { useAction, useApi } from '../lib/hooks.ts';
import { formatDateTime, formatNumber, useI18n } from '../lib/i18n.tsx';
import { ConfirmDialog, SkmLoadError } from './common.tsx';
import type { Campaign, Targets } from './types.ts';

/** Mirrors `RestatementBody` (results.schema.ts): the server checks it again and names the field. */
export const RESTATE_REASON_MIN = 10;

interface SnapshotItem {
  id: string;
  kind: string;
  scopeKey: string;
  unitName: string | null;
  serviceName: string | null;
  version: number;
  supersedesId: string | null;
  supersededBy: string | null;
  restatementReason: string | null;
  frozenAt: string;
  frozenBy: string | null;
  inputsHash: string | null;
}

interface Restated {
  version: number;
  snapshots: number;
  changedScopes: number;
}

interface ApiKey {
  id: string;
  unitId: string;
  unitServiceId: string | null;
  label: string;
  prefix: string;
  active: boolean;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

interface SnapshotVersion {
  version: number;
  frozenAt: string;
  frozenBy: string | null;
  reason: string | null;
  scopes: number;
  /** Scopes whose inputs differ from the version they supersede (new scopes count as changed). */
  changed: SnapshotItem[];
  superseded: boolean;
}

/** Groups the flat snapshot list by version; "changed" compares each scope's inputs hash with its predecessor. */
export function snapshotVersions(items: SnapshotItem[]): SnapshotVersion[] {
  const byId = new Map(items.map((s) => [s.id, s]));
  const versions = new Map<number, SnapshotVersion>();
  for (const s of items) {
    let v = versions.get(s.version);
    if (!v) {
      v = {
        version: s.version,
        frozenAt: s.frozenAt,
        frozenBy: s.frozenBy,
        reason: s.restatementReason,
        scopes: 0,
        changed: [],
        superseded: false,
      };
      versions.set(s.version, v);
    }
    v.scopes += 1;
    if (s.supersededBy) v.superseded = true;
    const previous = s.supersedesId ? byId.get(s.supersedesId) : undefined;
    if (s.version > 1 && (!previous || previous.inputsHash !== s.inputsHash)) v.changed.push(s);
  }
  return [...versions.values()].sort((a, b) => b.version - a.version);
}

function useScopeName() {
  const { t } = useI18n();
  return (s: SnapshotItem) =>
    s.kind === 'skm_agency' ? t('web.skmAdmin.snap.bpom') : [s.unitName, s.serviceName].filter(Boolean).join(' · ') || s.scopeKey;
}

/** The coordinator's way to the report board of the campaign. */
export function ReportBoardLink({ campaignId }: { campaignId: string }) {
  const { t } = useI18n();
  return (
    <Link className="btn btn-secondary" to={`/app/laporan-skm/${campaignId}`}>
      {t('web.skmAdmin.reportBoard')}
    </Link>
  );
}

/** Snapshot versions of a closed campaign and, for the coordinator, the restatement (D30). */
export function SnapshotsSection({ campaign, manage }: { campaign: Campaign; manage: boolean }) {
  const { t, locale } = useI18n();
  const me = useMe();
  const snaps = useApi<{ items: SnapshotItem[] }>(`/campaigns/${campaign.id}/snapshots`);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [tooShort, setTooShort] = useState(false);
  const [done, setDone] = useState<Restated | null>(null);
  const doneRef = useRef<HTMLDivElement>(null);
  const action = useAction();
  const scopeName = useScopeName();
  const versions = snaps.data ? snapshotVersions(snaps.data.items) : [];
  const doneVersion = done ? versions.find((v) => v.version === done.version) : undefined;

  useEffect(() => {
    // The dialog is gone: land keyboard and screen-reader users on the outcome.
    if (done) doneRef.current?.focus();
  }, [done]);

  const confirm = async () => {
    if (reason.trim().length < RESTATE_REASON_MIN) {
      setTooShort(true);
      return;
    }
    setTooShort(false);
    const r = await action.run(() => post<Restated>(`/campaigns/${campaign.id}/restatements`, { reason: reason.trim() }));
    if (r) {
      setOpen(false);
      setReason('');
      setDone(r);
      snaps.reload();
    }
  };
  const actorName = (id: string | null) =>
    id === null ? '–' : id === me.id ? me.fullName : t('web.skmAdmin.snap.otherUser', { id: id.slice(0, 8) });

  return (
    <section className="section" aria-labelledby="snapshots-title">
      <div className="page-head">
        <h2 id="snapshots-title">{t('web.skmAdmin.snap.title')}</h2>
        {manage ? (
          <button
            type="button"
            className="btn btn-secondary"
            onClick={() => {
              action.setError(undefined);
              setTooShort(false);
              setOpen(true);
            }}
          >
            {t('web.skmAdmin.restate.open')}
          </button>
        ) : null}
      </div>
      <p className="hint">{t('web.skmAdmin.snap.lead')}</p>
      {done ? (
        <div className="alert alert-success" role="status" tabIndex={-1} ref={doneRef}>
          <p>
            {t('web.skmAdmin.restate.done', {
              version: done.version,
              changed: formatNumber(locale, done.changedScopes),
              total: formatNumber(locale, done.snapshots),
            })}
          </p>
          {doneVersion?.changed.length ? (
            <>
              <p>{t('web.skmAdmin.restate.changedList', { version: done.version })}</p>
              <ul>
                {doneVersion.changed.map((s) => (
                  <li key={s.id}>{scopeName(s)}</li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
      <SkmLoadError error={snaps.error} />
      {snaps.loading && !snaps.data ? <Loading /> : null}
      {snaps.data && versions.length === 0 ? <p>{t('web.skmAdmin.snap.none')}</p> : null}
      {versions.length ? (
        <div className="table-wrap">
          <table className="compact">
            <caption className="sr-only">{t('web.skmAdmin.snap.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('web.skmAdmin.snap.version')}</th>
                <th scope="col">{t('web.skmAdmin.snap.frozenAt')}</th>
                <th scope="col">{t('web.skmAdmin.snap.reason')}</th>
                <th scope="col">{t('web.skmAdmin.snap.actor')}</th>
                <th scope="col">{t('web.skmAdmin.snap.changed')}</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.version}>
                  <th scope="row">
                    {v.version}{' '}
                    <span className={`badge ${v.superseded ? 'badge-muted' : 'badge-alt'}`}>
                      {t(v.superseded ? 'web.skmAdmin.snap.corrected' : 'web.skmAdmin.snap.current')}
                    </span>
                  </th>
                  <td>{formatDateTime(locale, v.frozenAt)}</td>
                  <td>{v.reason ?? t('web.skmAdmin.snap.official')}</td>
                  <td>{actorName(v.frozenBy)}</td>
                  <td>
                    {v.version === 1 ? (
                      '–'
                    ) : v.changed.length ? (
                      <ul className="plain">
                        {v.changed.map((s) => (
                          <li key={s.id}>{scopeName(s)}</li>
                        ))}
                      </ul>
                    ) : (
                      t('web.skmAdmin.snap.noChange')
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {manage ? (
        <ConfirmDialog
          open={open}
          title={t('web.skmAdmin.restate.title')}
          confirmLabel={t('web.skmAdmin.restate.confirm')}
          busy={action.busy}
          onConfirm={confirm}
          onClose={() => setOpen(false)}
        >
          <p>{t('web.skmAdmin.restate.explain')}</p>
          <ErrorSummary error={action.error} />
          <Field
            label={t('web.skmAdmin.restate.reason')}
            name="reason"
            required
            hint={t('web.skmAdmin.restate.reasonHint', { n: RESTATE_REASON_MIN })}
            error={action.error}
            message={tooShort ? t('web.skmAdmin.restate.reasonShort', { n: RESTATE_REASON_MIN }) : undefined}
          >
            {(p) => (
              <textarea
                {...p}
                rows={3}
                minLength={RESTATE_REASON_MIN}
                maxLength={2000}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
            )}
          </Field>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

/** Server-to-server submission keys (issue 4 item 3): the coordinator creates, lists and revokes them. */
export function ApiKeysSection({ campaign }: { campaign: Campaign }) {
  const { t, locale } = useI18n();
  const keys = useApi<{ items: ApiKey[] }>(`/campaigns/${campaign.id}/api-keys`);
  const targets = useApi<Targets>(`/campaigns/${campaign.id}/targets`);
  const [form, setForm] = useState({ unitId: campaign.units[0]?.unitId ?? '', unitServiceId: '', label: '' });
  const [created, setCreated] = useState<{ key: string; label: string } | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const createdRef = useRef<HTMLHeadingElement>(null);
  const action = useAction();
  const revokeAction = useAction();

  useEffect(() => {
    // The key is shown once: put focus on it so it is not missed.
    if (created) createdRef.current?.focus();
  }, [created]);

  const unitName = (id: string) => campaign.units.find((u) => u.unitId === id)?.name ?? id;
  const serviceName = (id: string | null) =>
    id === null
      ? t('web.skmAdmin.keys.allServices')
      : (targets.data?.rows.find((r) => r.unitServiceId === id)?.serviceName ?? id);
  const servicesOfUnit = targets.data?.rows.filter((r) => r.unitId === form.unitId) ?? [];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const label = form.label.trim();
    const r = await action.run(() =>
      post<{ id: string; key: string; prefix: string }>(`/campaigns/${campaign.id}/api-keys`, {
        unitId: form.unitId,
        label,
        ...(form.unitServiceId ? { unitServiceId: form.unitServiceId } : {}),
      }),
    );
    if (r) {
      setFlash(null);
      setCreated({ key: r.key, label });
      setForm({ ...form, label: '', unitServiceId: '' });
      keys.reload();
    }
  };
  const confirmRevoke = async () => {
    if (!revoking) return;
    const k = revoking;
    const r = await revokeAction.run(() => post<ApiKey>(`/api-keys/${k.id}/revoke`, {}));
    setRevoking(null);
    if (r) {
      setFlash(t('web.skmAdmin.keys.revoked', { label: k.label }));
      keys.reload();
    }
  };
  const items = keys.data?.items ?? [];

  return (
    <section className="section" aria-labelledby="apikeys-title">
      <h2 id="apikeys-title">{t('web.skmAdmin.keys.title')}</h2>
      <p className="hint">{t('web.skmAdmin.keys.lead')}</p>
      {created ? (
        <div className="alert alert-warning panel">
          <h3 id="apikey-created-title" tabIndex={-1} ref={createdRef}>
            {t('web.skmAdmin.keys.created')}
          </h3>
          <p>
            <strong>{t('web.skmAdmin.keys.once')}</strong>
          </p>
          <CopyField label={t('web.skmAdmin.keys.value', { label: created.label })} value={created.key} />
          <button type="button" className="btn btn-secondary" onClick={() => setCreated(null)}>
            {t('web.skmAdmin.keys.dismiss')}
          </button>
        </div>
      ) : null}
      {flash ? (
        <div className="alert alert-success" role="status">
          <p>{flash}</p>
        </div>
      ) : null}
      {campaign.status !== 'closed' ? (
        <form onSubmit={submit} noValidate className="panel" aria-labelledby="apikey-form-title">
          <h3 id="apikey-form-title">{t('web.skmAdmin.keys.create')}</h3>
          <ErrorSummary error={action.error} />
          <div className="grid-form">
            <Field label={t('web.skmAdmin.keys.unit')} name="unitId" error={action.error} required>
              {(p) => (
                <select
                  {...p}
                  value={form.unitId}
                  onChange={(e) => setForm({ ...form, unitId: e.target.value, unitServiceId: '' })}
                >
                  {campaign.units.map((u) => (
                    <option key={u.unitId} value={u.unitId}>
                      {u.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('web.skmAdmin.keys.service')} name="unitServiceId" error={action.error}>
              {(p) => (
                <select {...p} value={form.unitServiceId} onChange={(e) => setForm({ ...form, unitServiceId: e.target.value })}>
                  <option value="">{t('web.skmAdmin.keys.allServices')}</option>
                  {servicesOfUnit.map((r) => (
                    <option key={r.unitServiceId} value={r.unitServiceId}>
                      {r.serviceName}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field
              label={t('web.skmAdmin.keys.label')}
              name="label"
              error={action.error}
              hint={t('web.skmAdmin.keys.labelHint')}
              required
            >
              {(p) => (
                <input
                  {...p}
                  type="text"
                  maxLength={100}
                  value={form.label}
                  onChange={(e) => setForm({ ...form, label: e.target.value })}
                />
              )}
            </Field>
          </div>
          <div className="actions">
            <button type="submit" className="btn btn-primary" disabled={action.busy}>
              {t('web.skmAdmin.keys.create')}
            </button>
          </div>
        </form>
      ) : null}
      <ErrorSummary error={revokeAction.error} />
      <SkmLoadError error={keys.error} />
      {keys.loading && !keys.data ? <Loading /> : null}
      {keys.data && items.length === 0 ? <p>{t('web.skmAdmin.keys.none')}</p> : null}
      {items.length ? (
        <div className="table-wrap">
          <table className="compact">
            <caption className="sr-only">{t('web.skmAdmin.keys.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('web.skmAdmin.keys.label')}</th>
                <th scope="col">{t('web.skmAdmin.keys.unit')}</th>
                <th scope="col">{t('web.skm.service')}</th>
                <th scope="col">{t('web.skmAdmin.keys.prefix')}</th>
                <th scope="col">{t('web.skmAdmin.keys.createdAt')}</th>
                <th scope="col">{t('web.skmAdmin.keys.lastUsed')}</th>
                <th scope="col">{t('web.skmAdmin.keys.status')}</th>
                <th scope="col">{t('web.common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((k) => (
                <tr key={k.id}>
                  <th scope="row">{k.label}</th>
                  <td>{unitName(k.unitId)}</td>
                  <td>{serviceName(k.unitServiceId)}</td>
                  <td className="mono">{k.prefix}…</td>
                  <td>{formatDateTime(locale, k.createdAt)}</td>
                  <td>{k.lastUsedAt ? formatDateTime(locale, k.lastUsedAt) : t('web.skmAdmin.keys.never')}</td>
                  <td>
                    {k.active ? (
                      <span className="badge badge-alt">{t('web.skmAdmin.keys.active')}</span>
                    ) : (
                      <span className="badge badge-muted">
                        {t('web.skmAdmin.keys.revokedAt', { date: k.revokedAt ? formatDateTime(locale, k.revokedAt) : '' })}
                      </span>
                    )}
                  </td>
                  <td>
                    {k.active ? (
                      <button type="button" className="btn btn-link danger" onClick={() => setRevoking(k)}>
                        {t('web.skmAdmin.keys.revoke')}
                        <span className="sr-only"> {k.label}</span>
                      </button>
                    ) : (
                      '–'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <ConfirmDialog
        open={revoking !== null}
        danger
        title={t('web.skmAdmin.keys.revokeTitle', { label: revoking?.label ?? '' })}
        confirmLabel={t('web.skmAdmin.keys.revoke')}
        busy={revokeAction.busy}
        onConfirm={confirmRevoke}
        onClose={() => setRevoking(null)}
      >
        <p>{t('web.skmAdmin.keys.revokeWarning')}</p>
      </ConfirmDialog>
    </section>
  );
}
