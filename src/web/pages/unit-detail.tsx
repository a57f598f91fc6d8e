import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorSummary, Field, LoadError, Loading, Notice } from '../components/form.tsx';
import { post } from '../lib/api.ts';
import { can, useMe } from '../lib/auth.tsx';
import { useAction, useApi, useTitle } from '../lib/hooks.ts';
import { formatDate, useI18n, useT } from '../lib/i18n.tsx';
import type { Unit } from '../lib/types.ts';
import { AssignmentsSection } from './unit-assignments.tsx';
import { ServicesSection } from './unit-services.tsx';
import { UnitBadges } from './units.tsx';

export function UnitDetailPage() {
  const { t, locale } = useI18n();
  const me = useMe();
  const { unitId = '' } = useParams();
  const unit = useApi<Unit>(`/units/${encodeURIComponent(unitId)}`);
  const [deactivating, setDeactivating] = useState(false);
  useTitle(unit.data?.name ?? t('web.units.title'));

  if (unit.error) {
    return (
      <>
        <h1>{t('web.units.title')}</h1>
        <LoadError error={unit.error} />
        <p>
          <Link to="/app/organisasi">{t('web.units.back')}</Link>
        </p>
      </>
    );
  }
  if (!unit.data) return <Loading />;
  const u = unit.data;
  const admin = can.manageUnits(me);
  const yes = (b: boolean) => (b ? t('web.common.yes') : t('web.common.no'));
  return (
    <>
      <p className="breadcrumb">
        <Link to="/app/organisasi">{t('web.units.back')}</Link>
      </p>
      <div className="page-head">
        <h1>
          {u.name} <UnitBadges unit={u} />
        </h1>
        {admin && u.active ? (
          <div className="actions">
            <Link className="btn btn-secondary" to={`/app/organisasi/${u.id}/ubah`}>
              {t('web.common.edit')}
            </Link>
            <button type="button" className="btn btn-danger" onClick={() => setDeactivating(true)} aria-expanded={deactivating}>
              {t('web.common.deactivate')}
            </button>
          </div>
        ) : null}
      </div>
      {deactivating ? (
        <DeactivateUnit
          unit={u}
          onDone={() => {
            setDeactivating(false);
            unit.reload();
          }}
          onCancel={() => setDeactivating(false)}
        />
      ) : null}
      <dl className="facts">
        <div>
          <dt>{t('web.units.code')}</dt>
          <dd>
            <code>{u.code}</code>
          </dd>
        </div>
        <div>
          <dt>{t('web.units.shortName')}</dt>
          <dd>{u.shortName}</dd>
        </div>
        <div>
          <dt>{t('web.units.type')}</dt>
          <dd>{t(`web.unitType.${u.type}`)}</dd>
        </div>
        <div>
          <dt>{t('web.units.parent')}</dt>
          <dd>{u.parentId ? <Link to={`/app/organisasi/${u.parentId}`}>{u.parentName ?? u.parentId}</Link> : '—'}</dd>
        </div>
        <div>
          <dt>{t('web.units.location')}</dt>
          <dd>{[u.city, u.province].filter(Boolean).join(', ') || '—'}</dd>
        </div>
        <div>
          <dt>{t('web.units.timeZone')}</dt>
          <dd>{t(`web.tz.${u.timeZone}`)}</dd>
        </div>
        <div>
          <dt>{t('web.units.upp')}</dt>
          <dd>{yes(u.isPublicServiceUnit)}</dd>
        </div>
        <div>
          <dt>{t('web.units.sakip')}</dt>
          <dd>{yes(u.isSakipEntity)}</dd>
        </div>
        <div>
          <dt>{t('web.units.satker')}</dt>
          <dd>{u.satkerCode ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('web.units.headTitle')}</dt>
          <dd>{u.headTitle ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('web.units.validity')}</dt>
          <dd>
            {formatDate(locale, u.validFrom)} – {u.validTo ? formatDate(locale, u.validTo) : t('web.units.now')} (
            {t('web.units.version', { version: u.version })})
          </dd>
        </div>
      </dl>
      <ServicesSection unit={u} onChanged={unit.reload} />
      <AssignmentsSection unit={u} />
    </>
  );
}

function DeactivateUnit({ unit, onDone, onCancel }: { unit: Unit; onDone(): void; onCancel(): void }) {
  const t = useT();
  const [reason, setReason] = useState('');
  const action = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await action.run(() => post<Unit>(`/units/${unit.id}/deactivate`, { reason: reason.trim() }));
    if (ok) onDone();
  };
  return (
    <section className="panel" aria-labelledby="deactivate-unit-title">
      <h2 id="deactivate-unit-title">{t('web.units.deactivateTitle', { name: unit.name })}</h2>
      <Notice kind="warning">{t('web.units.deactivateNote')}</Notice>
      <ErrorSummary error={action.error} />
      <form onSubmit={submit} noValidate>
        <Field label={t('web.common.reason')} name="reason" error={action.error} required>
          {(p) => <textarea {...p} required rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />}
        </Field>
        <div className="actions">
          <button type="submit" className="btn btn-danger" disabled={action.busy || !reason.trim()}>
            {t('web.common.deactivate')}
          </button>
          <button type="button" className="btn btn-secondary" onClick={onCancel}>
            {t('web.common.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
