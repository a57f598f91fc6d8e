import { type FormEvent, useState } from 'react';
import { ErrorSummary, Field, LoadError, Loading, Notice } from '../components/form.tsx';
import { get, post } from '../lib/api.ts';
import { can, useMe } from '../lib/auth.tsx';
import { useAction, useApi } from '../lib/hooks.ts';
import { formatDate, useI18n } from '../lib/i18n.tsx';
import type { Assignment, Signatory, Unit } from '../lib/types.ts';

const today = () => new Date().toISOString().slice(0, 10);
const ACTING = ['', 'Plt.', 'Plh.'] as const;

/** Heads of unit over time (DOMAIN §2.3): a past report prints whoever was assigned on its signing date. */
export function AssignmentsSection({ unit }: { unit: Unit }) {
  const { t, locale } = useI18n();
  const me = useMe();
  const list = useApi<{ items: Assignment[] }>(`/units/${unit.id}/assignments`);
  const [adding, setAdding] = useState(false);
  const [flash, setFlash] = useState<string | null>(null);
  const admin = can.manageUnits(me) && unit.active;

  return (
    <section aria-labelledby="assignments-title" className="section">
      <div className="page-head">
        <h2 id="assignments-title">{t('web.assign.title')}</h2>
        {admin ? (
          <button
            type="button"
            className="btn btn-primary"
            aria-expanded={adding}
            onClick={() => {
              setFlash(null);
              setAdding(true);
            }}
          >
            {t('web.assign.add')}
          </button>
        ) : null}
      </div>
      {flash ? <Notice kind="success">{flash}</Notice> : null}
      {adding ? (
        <AssignmentForm
          unit={unit}
          onCancel={() => setAdding(false)}
          onDone={(name) => {
            setAdding(false);
            setFlash(t('web.assign.added', { name }));
            list.reload();
          }}
        />
      ) : null}
      <LoadError error={list.error} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data ? (
        <div className="table-wrap">
          <table>
            <caption className="sr-only">{t('web.assign.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('web.assign.position')}</th>
                <th scope="col">{t('web.assign.name')}</th>
                <th scope="col">NIP</th>
                <th scope="col">{t('web.assign.role')}</th>
                <th scope="col">{t('web.assign.period')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((a) => (
                <tr key={a.id}>
                  <td>{a.title}</td>
                  <td>{a.fullName}</td>
                  <td>{a.nip ?? '—'}</td>
                  <td>{t(`web.role.${a.roleCode}`)}</td>
                  <td>
                    {formatDate(locale, a.validFrom)} – {a.validTo ? formatDate(locale, a.validTo) : t('web.units.now')}
                  </td>
                </tr>
              ))}
              {list.data.items.length === 0 ? (
                <tr>
                  <td colSpan={5}>{t('web.assign.none')}</td>
                </tr>
              ) : null}
            </tbody>
          </table>
        </div>
      ) : null}
      <SignatoryLookup unit={unit} />
    </section>
  );
}

function AssignmentForm({ unit, onCancel, onDone }: { unit: Unit; onCancel(): void; onDone(name: string): void }) {
  const { t } = useI18n();
  const [v, setV] = useState({
    fullName: '',
    nip: '',
    email: '',
    roleCode: 'unit_head',
    acting: '' as (typeof ACTING)[number],
    title: unit.headTitle ?? '',
    validFrom: today(),
    validTo: '',
  });
  const action = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const base = v.title.trim().replace(/^(Plt\.|Plh\.)\s*/i, '');
    const title = v.acting ? `${v.acting} ${base}` : base;
    const ok = await action.run(() =>
      post(`/units/${unit.id}/assignments`, {
        fullName: v.fullName.trim(),
        nip: v.nip.trim() || undefined,
        email: v.email.trim() || undefined,
        roleCode: v.roleCode,
        title,
        validFrom: v.validFrom,
        validTo: v.validTo || undefined,
      }),
    );
    if (ok) onDone(v.fullName.trim());
  };
  return (
    <section className="panel" aria-labelledby="assignment-form-title">
      <h3 id="assignment-form-title">{t('web.assign.addTitle')}</h3>
      <ErrorSummary error={action.error} />
      <form onSubmit={submit} noValidate className="grid-form">
        <Field label={t('web.assign.name')} name="fullName" error={action.error} required>
          {(p) => <input {...p} required value={v.fullName} onChange={(e) => setV({ ...v, fullName: e.target.value })} />}
        </Field>
        <Field label="NIP" name="nip" error={action.error} hint={t('web.users.nipHint')}>
          {(p) => <input {...p} inputMode="numeric" value={v.nip} onChange={(e) => setV({ ...v, nip: e.target.value })} />}
        </Field>
        <Field label={t('web.users.email')} name="email" error={action.error}>
          {(p) => <input {...p} type="email" value={v.email} onChange={(e) => setV({ ...v, email: e.target.value })} />}
        </Field>
        <Field label={t('web.assign.role')} name="roleCode" error={action.error} required>
          {(p) => (
            <select {...p} value={v.roleCode} onChange={(e) => setV({ ...v, roleCode: e.target.value })}>
              <option value="unit_head">{t('web.role.unit_head')}</option>
            </select>
          )}
        </Field>
        <Field label={t('web.assign.acting')} name="acting" hint={t('web.assign.actingHint')}>
          {(p) => (
            <select {...p} value={v.acting} onChange={(e) => setV({ ...v, acting: e.target.value as (typeof ACTING)[number] })}>
              <option value="">{t('web.assign.definitive')}</option>
              <option value="Plt.">{t('web.assign.plt')}</option>
              <option value="Plh.">{t('web.assign.plh')}</option>
            </select>
          )}
        </Field>
        <Field label={t('web.assign.position')} name="title" error={action.error} required>
          {(p) => <input {...p} required value={v.title} onChange={(e) => setV({ ...v, title: e.target.value })} />}
        </Field>
        <Field label={t('web.assign.from')} name="validFrom" error={action.error} required>
          {(p) => (
            <input {...p} type="date" required value={v.validFrom} onChange={(e) => setV({ ...v, validFrom: e.target.value })} />
          )}
        </Field>
        <Field label={t('web.assign.to')} name="validTo" error={action.error} hint={t('web.assign.toHint')}>
          {(p) => <input {...p} type="date" value={v.validTo} onChange={(e) => setV({ ...v, validTo: e.target.value })} />}
        </Field>
        <div className="actions span-all">
          <button type="submit" className="btn btn-primary" disabled={action.busy || !v.fullName.trim() || !v.title.trim()}>
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

function SignatoryLookup({ unit }: { unit: Unit }) {
  const { t, locale } = useI18n();
  const [date, setDate] = useState(today());
  const [result, setResult] = useState<Signatory | null>(null);
  const action = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setResult(null);
    const s = await action.run(() => get<Signatory>(`/units/${unit.id}/signatory`, { date }));
    if (s) setResult(s);
  };
  return (
    <div className="subsection">
      <h3>{t('web.assign.signatory')}</h3>
      <form onSubmit={submit} className="inline-form" noValidate>
        <Field label={t('web.assign.signDate')} name="date" error={action.error}>
          {(p) => <input {...p} type="date" required value={date} onChange={(e) => setDate(e.target.value)} />}
        </Field>
        <button type="submit" className="btn btn-secondary" disabled={action.busy || !date}>
          {t('web.assign.lookup')}
        </button>
      </form>
      <div aria-live="polite">
        {action.error ? <ErrorSummary error={action.error} /> : null}
        {result ? (
          <div className="signature-block">
            <p className="muted small">{formatDate(locale, date)}</p>
            <p>{result.title}</p>
            <p className="sig-name">{result.fullName}</p>
            {result.nip ? <p>NIP {result.nip}</p> : null}
            {result.acting ? <p className="badge">{t('web.assign.actingBadge')}</p> : null}
          </div>
        ) : null}
      </div>
    </div>
  );
}
