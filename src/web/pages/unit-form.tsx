import { type FormEvent, useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { CheckboxField, ErrorSummary, Field, LoadError, Loading } from '../components/form.tsx';
import { patch, post } from '../lib/api.ts';
import { useAction, useAll, useApi, useTitle } from '../lib/hooks.ts';
import { useT } from '../lib/i18n.tsx';
import { TIME_ZONES, UNIT_TYPES, type Unit } from '../lib/types.ts';

interface Draft {
  code: string;
  name: string;
  shortName: string;
  type: string;
  parentId: string;
  groupLabel: string;
  city: string;
  province: string;
  timeZone: string;
  isPublicServiceUnit: boolean;
  isSakipEntity: boolean;
  satkerCode: string;
  headTitle: string;
  validFrom: string;
}

const TEXT_KEYS = [
  'code',
  'name',
  'shortName',
  'type',
  'parentId',
  'groupLabel',
  'city',
  'province',
  'timeZone',
  'satkerCode',
  'headTitle',
  'validFrom',
] as const;
const OPTIONAL = new Set(['parentId', 'groupLabel', 'city', 'province', 'satkerCode', 'headTitle']);

const fromUnit = (u: Unit | undefined): Draft => ({
  code: u?.code ?? '',
  name: u?.name ?? '',
  shortName: u?.shortName ?? '',
  type: u?.type ?? 'bpom',
  parentId: u?.parentId ?? '',
  groupLabel: u?.groupLabel ?? '',
  city: u?.city ?? '',
  province: u?.province ?? '',
  timeZone: u?.timeZone ?? 'Asia/Jakarta',
  isPublicServiceUnit: u?.isPublicServiceUnit ?? true,
  isSakipEntity: u?.isSakipEntity ?? false,
  satkerCode: u?.satkerCode ?? '',
  headTitle: u?.headTitle ?? '',
  validFrom: u?.validFrom ?? new Date().toISOString().slice(0, 10),
});

/** Create (no `:unitId`) or edit; an edit sends only what changed, empty optional fields as null. */
export function UnitFormPage() {
  const t = useT();
  const navigate = useNavigate();
  const { unitId } = useParams();
  const existing = useApi<Unit>(unitId ? `/units/${encodeURIComponent(unitId)}` : null);
  const parents = useAll<Unit>('/units');
  const [v, setV] = useState<Draft | null>(unitId ? null : fromUnit(undefined));
  const [reason, setReason] = useState('');
  const action = useAction();
  useTitle(unitId ? t('web.units.editTitle') : t('web.units.createTitle'));

  useEffect(() => {
    if (existing.data) setV(fromUnit(existing.data));
  }, [existing.data]);

  if (existing.error) return <LoadError error={existing.error} />;
  if (!v) return <Loading />;

  const body = (): Record<string, unknown> => {
    const before = unitId && existing.data ? fromUnit(existing.data) : null;
    const out: Record<string, unknown> = {};
    for (const k of TEXT_KEYS) {
      const val = v[k].trim();
      if (before && before[k] === v[k]) continue;
      if (!val) {
        if (before && OPTIONAL.has(k)) out[k] = null;
        continue;
      }
      out[k] = val;
    }
    for (const k of ['isPublicServiceUnit', 'isSakipEntity'] as const) if (!before || before[k] !== v[k]) out[k] = v[k];
    if (before) {
      delete out.validFrom;
      if (reason.trim()) out.reason = reason.trim();
    }
    return out;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const saved = await action.run(() =>
      unitId ? patch<Unit>(`/units/${encodeURIComponent(unitId)}`, body()) : post<Unit>('/units', body()),
    );
    if (saved) navigate(`/app/organisasi/${saved.id}`);
  };
  const text = (k: (typeof TEXT_KEYS)[number]) => ({
    value: v[k],
    onChange: (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value }),
  });

  return (
    <>
      <p className="breadcrumb">
        <Link to={unitId ? `/app/organisasi/${unitId}` : '/app/organisasi'}>{t('web.common.back')}</Link>
      </p>
      <h1>{unitId ? t('web.units.editTitle') : t('web.units.createTitle')}</h1>
      <ErrorSummary error={action.error} />
      <form onSubmit={submit} noValidate className="grid-form">
        <Field label={t('web.units.name')} name="name" error={action.error} required className="span-2">
          {(p) => <input {...p} required {...text('name')} />}
        </Field>
        <Field label={t('web.units.shortName')} name="shortName" error={action.error} required>
          {(p) => <input {...p} required {...text('shortName')} />}
        </Field>
        <Field label={t('web.units.code')} name="code" error={action.error} hint={t('web.units.codeHint')} required>
          {(p) => <input {...p} required autoCapitalize="characters" {...text('code')} />}
        </Field>
        <Field label={t('web.units.type')} name="type" error={action.error} required>
          {(p) => (
            <select {...p} {...text('type')}>
              {UNIT_TYPES.map((ty) => (
                <option key={ty} value={ty}>
                  {t(`web.unitType.${ty}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('web.units.parent')} name="parentId" error={action.error}>
          {(p) => (
            <select {...p} {...text('parentId')}>
              <option value="">{t('web.units.noParent')}</option>
              {(parents.data ?? [])
                .filter((u) => u.id !== unitId)
                .map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
            </select>
          )}
        </Field>
        <Field label={t('web.units.groupLabel')} name="groupLabel" error={action.error} hint={t('web.units.groupHint')}>
          {(p) => <input {...p} {...text('groupLabel')} />}
        </Field>
        <Field label={t('web.units.city')} name="city" error={action.error}>
          {(p) => <input {...p} {...text('city')} />}
        </Field>
        <Field label={t('web.units.province')} name="province" error={action.error}>
          {(p) => <input {...p} {...text('province')} />}
        </Field>
        <Field label={t('web.units.timeZone')} name="timeZone" error={action.error} required>
          {(p) => (
            <select {...p} {...text('timeZone')}>
              {TIME_ZONES.map((z) => (
                <option key={z} value={z}>
                  {t(`web.tz.${z}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('web.units.satker')} name="satkerCode" error={action.error}>
          {(p) => <input {...p} inputMode="numeric" {...text('satkerCode')} />}
        </Field>
        <Field label={t('web.units.headTitle')} name="headTitle" error={action.error} className="span-2">
          {(p) => <input {...p} {...text('headTitle')} />}
        </Field>
        {unitId ? null : (
          <Field label={t('web.units.validFrom')} name="validFrom" error={action.error} required>
            {(p) => <input {...p} type="date" required {...text('validFrom')} />}
          </Field>
        )}
        <div className="span-all checks">
          <CheckboxField
            label={t('web.units.upp')}
            name="isPublicServiceUnit"
            checked={v.isPublicServiceUnit}
            error={action.error}
            onChange={(b) => setV({ ...v, isPublicServiceUnit: b })}
          />
          <CheckboxField
            label={t('web.units.sakip')}
            name="isSakipEntity"
            checked={v.isSakipEntity}
            error={action.error}
            onChange={(b) => setV({ ...v, isSakipEntity: b })}
          />
        </div>
        {unitId ? (
          <Field label={t('web.units.changeReason')} name="reason" error={action.error} className="span-all">
            {(p) => <textarea {...p} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />}
          </Field>
        ) : null}
        <div className="actions span-all">
          <button type="submit" className="btn btn-primary" disabled={action.busy}>
            {t('web.common.save')}
          </button>
          <Link className="btn btn-secondary" to={unitId ? `/app/organisasi/${unitId}` : '/app/organisasi'}>
            {t('web.common.cancel')}
          </Link>
        </div>
      </form>
    </>
  );
}
