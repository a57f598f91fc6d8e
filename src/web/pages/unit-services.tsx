import { type FormEvent, useEffect, useRef, useState } from 'react';
import { CheckboxField, ErrorSummary, Field, LoadError, Loading, Notice } from '../components/form.tsx';
import { patch, post, put } from '../lib/api.ts';
import { can, useMe } from '../lib/auth.tsx';
import { useAction, useApi } from '../lib/hooks.ts';
import { formatNumber, useI18n, useT } from '../lib/i18n.tsx';
import { DELIVERY_MODES, type DeliveryMode, type ServiceType, type Unit, type UnitService } from '../lib/types.ts';

type Panel = { kind: 'add' } | { kind: 'edit' | 'deactivate' | 'population'; service: UnitService } | null;

export function ServicesSection({ unit, onChanged }: { unit: Unit; onChanged(): void }) {
  const { t, locale } = useI18n();
  const me = useMe();
  const [showInactive, setShowInactive] = useState(false);
  const [panel, setPanel] = useState<Panel>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const services = useApi<{ items: UnitService[] }>(`/units/${unit.id}/services`, {
    includeInactive: showInactive ? 'true' : undefined,
  });
  const manage = can.manageServices(me) && unit.active;
  const population = can.editPopulation(me, unit.id);

  const done = (message: string) => {
    setPanel(null);
    setFlash(message);
    services.reload();
    onChanged();
  };
  const latest = (s: UnitService) => [...s.populations].sort((a, b) => b.year - a.year)[0];

  return (
    <section aria-labelledby="services-title" className="section">
      <div className="page-head">
        <h2 id="services-title">
          {t('web.services.title')}{' '}
          {services.data ? <span className="count-badge">{formatNumber(locale, services.data.items.length)}</span> : null}
        </h2>
        {manage ? (
          <button
            type="button"
            className="btn btn-primary"
            aria-expanded={panel?.kind === 'add'}
            onClick={() => {
              setFlash(null);
              setPanel({ kind: 'add' });
            }}
          >
            {t('web.services.add')}
          </button>
        ) : null}
      </div>
      {flash ? <Notice kind="success">{flash}</Notice> : null}
      {panel?.kind === 'add' ? (
        <ServiceForm
          unit={unit}
          onCancel={() => setPanel(null)}
          onDone={(s) => done(t('web.services.added', { name: s.name }))}
        />
      ) : null}
      {panel?.kind === 'edit' ? (
        <ServiceForm
          unit={unit}
          service={panel.service}
          onCancel={() => setPanel(null)}
          onDone={(s) => done(t('web.services.saved', { name: s.name }))}
        />
      ) : null}
      {panel?.kind === 'deactivate' ? (
        <DeactivateService
          service={panel.service}
          onCancel={() => setPanel(null)}
          onDone={(s) => done(t('web.services.deactivated', { name: s.name }))}
        />
      ) : null}
      {panel?.kind === 'population' ? (
        <PopulationPanel
          service={panel.service}
          onClose={() => setPanel(null)}
          onSaved={() => {
            services.reload();
          }}
        />
      ) : null}
      <CheckboxField
        label={t('web.services.showInactive')}
        name="servicesInactive"
        checked={showInactive}
        onChange={setShowInactive}
      />
      <LoadError error={services.error} />
      {services.loading && !services.data ? <Loading /> : null}
      {services.data ? (
        <div className="table-wrap">
          <table>
            <caption className="sr-only">{t('web.services.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('web.services.name')}</th>
                <th scope="col">{t('web.services.application')}</th>
                <th scope="col">{t('web.services.mode')}</th>
                <th scope="col" className="num">
                  {t('web.services.divisor')}
                </th>
                <th scope="col" className="num">
                  {t('web.services.population')}
                </th>
                <th scope="col">{t('web.common.status')}</th>
                {manage || population ? <th scope="col">{t('web.common.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {services.data.items.map((s) => {
                const last = latest(s);
                return (
                  <tr key={s.id}>
                    <th scope="row">{s.name}</th>
                    <td>
                      {s.applicationUrl ? (
                        <a href={s.applicationUrl} target="_blank" rel="noreferrer noopener">
                          {s.applicationName || s.applicationUrl}
                        </a>
                      ) : (
                        (s.applicationName ?? '—')
                      )}
                    </td>
                    <td>{t(`web.mode.${s.deliveryMode}`)}</td>
                    <td className="num">{s.populationDivisor}</td>
                    <td className="num">
                      {last ? (
                        <>
                          {last.population === null ? 'N/A' : formatNumber(locale, last.population)}{' '}
                          <span className="muted small">({last.year})</span>
                        </>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td>
                      {s.active ? t('web.common.active') : <span className="badge badge-muted">{t('web.common.inactive')}</span>}
                    </td>
                    {manage || population ? (
                      <td className="row-actions">
                        {manage && s.active ? (
                          <button type="button" className="btn btn-link" onClick={() => setPanel({ kind: 'edit', service: s })}>
                            {t('web.common.edit')}
                            <span className="sr-only"> {s.name}</span>
                          </button>
                        ) : null}
                        {population ? (
                          <button
                            type="button"
                            className="btn btn-link"
                            onClick={() => setPanel({ kind: 'population', service: s })}
                          >
                            {t('web.services.populations')}
                            <span className="sr-only"> {s.name}</span>
                          </button>
                        ) : null}
                        {manage && s.active ? (
                          <button
                            type="button"
                            className="btn btn-link danger"
                            onClick={() => setPanel({ kind: 'deactivate', service: s })}
                          >
                            {t('web.common.deactivate')}
                            <span className="sr-only"> {s.name}</span>
                          </button>
                        ) : null}
                      </td>
                    ) : null}
                  </tr>
                );
              })}
              {services.data.items.length === 0 ? (
                <tr>
                  <td colSpan={7}>{t('web.services.none')}</td>
                </tr>
              ) : null}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

/** Focuses the panel heading when a panel opens, so keyboard users start there. */
function usePanelFocus() {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}

function ServiceForm({
  unit,
  service,
  onCancel,
  onDone,
}: {
  unit: Unit;
  service?: UnitService;
  onCancel(): void;
  onDone(s: UnitService): void;
}) {
  const t = useT();
  const heading = usePanelFocus();
  const types = useApi<{ items: ServiceType[] }>(service ? null : '/service-types');
  const [v, setV] = useState({
    name: service?.name ?? '',
    applicationName: service?.applicationName ?? '',
    applicationUrl: service?.applicationUrl ?? '',
    deliveryMode: (service?.deliveryMode ?? 'online') as DeliveryMode,
    populationDivisor: String(service?.populationDivisor ?? 4),
  });
  const action = useAction();
  const listId = `service-types-${unit.id}`;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const divisor = Number(v.populationDivisor);
    const common = {
      applicationName: v.applicationName.trim() || (service ? null : undefined),
      applicationUrl: v.applicationUrl.trim() || (service ? null : undefined),
      deliveryMode: v.deliveryMode,
      populationDivisor: Number.isFinite(divisor) && v.populationDivisor.trim() !== '' ? divisor : undefined,
    };
    const saved = await action.run(() =>
      service
        ? patch<UnitService>(`/services/${service.id}`, common)
        : post<UnitService>(`/units/${unit.id}/services`, { name: v.name.trim(), ...common }),
    );
    if (saved) onDone(saved);
  };

  return (
    <section className="panel" aria-labelledby="service-form-title">
      <h3 id="service-form-title" tabIndex={-1} ref={heading}>
        {service ? t('web.services.editTitle', { name: service.name }) : t('web.services.addTitle')}
      </h3>
      <ErrorSummary error={action.error} />
      <form onSubmit={submit} noValidate className="grid-form">
        {service ? null : (
          <Field label={t('web.services.name')} name="name" error={action.error} hint={t('web.services.nameHint')} required>
            {(p) => (
              <>
                <input
                  {...p}
                  type="text"
                  list={listId}
                  required
                  autoComplete="off"
                  value={v.name}
                  onChange={(e) => setV({ ...v, name: e.target.value })}
                />
                <datalist id={listId}>
                  {types.data?.items
                    .filter((s) => s.active)
                    .map((s) => (
                      <option key={s.id} value={s.name} />
                    ))}
                </datalist>
              </>
            )}
          </Field>
        )}
        <Field label={t('web.services.applicationName')} name="applicationName" error={action.error}>
          {(p) => (
            <input
              {...p}
              type="text"
              value={v.applicationName}
              onChange={(e) => setV({ ...v, applicationName: e.target.value })}
            />
          )}
        </Field>
        <Field label={t('web.services.applicationUrl')} name="applicationUrl" error={action.error}>
          {(p) => (
            <input
              {...p}
              type="url"
              inputMode="url"
              placeholder="https://"
              value={v.applicationUrl}
              onChange={(e) => setV({ ...v, applicationUrl: e.target.value })}
            />
          )}
        </Field>
        <Field label={t('web.services.mode')} name="deliveryMode" error={action.error} required>
          {(p) => (
            <select {...p} value={v.deliveryMode} onChange={(e) => setV({ ...v, deliveryMode: e.target.value as DeliveryMode })}>
              {DELIVERY_MODES.map((m) => (
                <option key={m} value={m}>
                  {t(`web.mode.${m}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label={t('web.services.divisor')}
          name="populationDivisor"
          error={action.error}
          hint={t('web.services.divisorHint')}
          required
        >
          {(p) => (
            <input
              {...p}
              type="number"
              min={1}
              max={12}
              step={1}
              inputMode="numeric"
              required
              value={v.populationDivisor}
              onChange={(e) => setV({ ...v, populationDivisor: e.target.value })}
            />
          )}
        </Field>
        <div className="actions span-all">
          <button type="submit" className="btn btn-primary" disabled={action.busy || (!service && !v.name.trim())}>
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

function DeactivateService({
  service,
  onCancel,
  onDone,
}: {
  service: UnitService;
  onCancel(): void;
  onDone(s: UnitService): void;
}) {
  const t = useT();
  const heading = usePanelFocus();
  const [reason, setReason] = useState('');
  const action = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const s = await action.run(() => post<UnitService>(`/services/${service.id}/deactivate`, { reason: reason.trim() }));
    if (s) onDone(s);
  };
  return (
    <section className="panel" aria-labelledby="service-deactivate-title">
      <h3 id="service-deactivate-title" tabIndex={-1} ref={heading}>
        {t('web.services.deactivateTitle', { name: service.name })}
      </h3>
      <p>{t('web.services.deactivateNote')}</p>
      <ErrorSummary error={action.error} />
      <form onSubmit={submit} noValidate>
        <Field label={t('web.common.reason')} name="reason" error={action.error} required>
          {(p) => <textarea {...p} rows={3} required value={reason} onChange={(e) => setReason(e.target.value)} />}
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

function PopulationPanel({ service, onClose, onSaved }: { service: UnitService; onClose(): void; onSaved(): void }) {
  const { t, locale } = useI18n();
  const heading = usePanelFocus();
  const [current, setCurrent] = useState(service);
  const [year, setYear] = useState(String(new Date().getFullYear() - 1));
  const [population, setPopulation] = useState('');
  const action = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const value = population.trim() === '' ? null : Number(population);
    const s = await action.run(() => put<UnitService>(`/services/${service.id}/populations/${year}`, { population: value }));
    if (s) {
      setCurrent(s);
      setPopulation('');
      onSaved();
    }
  };
  const rows = [...current.populations].sort((a, b) => b.year - a.year);
  return (
    <section className="panel" aria-labelledby="population-title">
      <h3 id="population-title" tabIndex={-1} ref={heading}>
        {t('web.services.populationTitle', { name: service.name })}
      </h3>
      {rows.length ? (
        <table className="compact">
          <caption className="sr-only">{t('web.services.populations')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('web.services.year')}</th>
              <th scope="col" className="num">
                {t('web.services.population')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.year}>
                <td>{r.year}</td>
                <td className="num">{r.population === null ? 'N/A' : formatNumber(locale, r.population)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t('web.services.noPopulation')}</p>
      )}
      <ErrorSummary error={action.error} />
      <form onSubmit={submit} noValidate className="grid-form">
        <Field label={t('web.services.year')} name="year" error={action.error} required>
          {(p) => (
            <input {...p} type="number" min={2000} max={2100} required value={year} onChange={(e) => setYear(e.target.value)} />
          )}
        </Field>
        <Field
          label={t('web.services.population')}
          name="population"
          error={action.error}
          hint={t('web.services.populationHint')}
        >
          {(p) => (
            <input
              {...p}
              type="number"
              min={0}
              step={1}
              inputMode="numeric"
              value={population}
              onChange={(e) => setPopulation(e.target.value)}
            />
          )}
        </Field>
        <div className="actions span-all">
          <button type="submit" className="btn btn-primary" disabled={action.busy || !/^\d{4}$/.test(year)}>
            {t('web.common.save')}
          </button>
          <button type="button" className="btn btn-secondary" onClick={onClose}>
            {t('web.common.close')}
          </button>
        </div>
      </form>
    </section>
  );
}
