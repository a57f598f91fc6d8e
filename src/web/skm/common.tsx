import { type ReactNode, useEffect, useId, useRef } from 'react';
import { NavLink } from 'react-router';
import { GRADE_COLOURS, type Grade } from '../../shared/charts/skm-charts.ts';
import { LoadError } from '../components/form.tsx';
import { ApiError } from '../lib/api.ts';
import { hasRole } from '../lib/auth.tsx';
import { useT } from '../lib/i18n.tsx';
import type { Me } from '../lib/types.ts';
import type { CampaignStatus, GradeDto, Num } from './types.ts';
import './skm.css';

/** What the SKM screens offer; the server's policy decides in the end. */
export const skmCan = {
  manage: (me: Me) => hasRole(me, 'skm_coordinator'),
  /** Operators propose invalidations; the coordinator decides (four-eyes). */
  propose: (me: Me) => hasRole(me, 'unit_operator', 'skm_coordinator'),
  decide: (me: Me) => hasRole(me, 'skm_coordinator'),
  enter: (me: Me, unitId: string) =>
    hasRole(me, 'skm_coordinator') || me.roles.some((r) => r.role === 'unit_operator' && r.unitId === unitId),
  history: (me: Me) => hasRole(me, 'skm_coordinator'),
};

export function StatusBadge({ status }: { status: CampaignStatus }) {
  const t = useT();
  return <span className={`badge status status-${status}`}>{t(`web.skm.status.${status}`)}</span>;
}

/** Grade as colour AND letter (and the name for screen readers): never colour alone. */
export function GradeBadge({ grade }: { grade: GradeDto | string | null | undefined }) {
  const t = useT();
  const code = typeof grade === 'string' ? grade : grade?.code;
  if (!code) return <span className="muted">–</span>;
  const colour = code in GRADE_COLOURS ? GRADE_COLOURS[code as Grade] : '#4f5863';
  const label = (typeof grade === 'object' ? grade?.label : null) ?? t(`web.skm.grade.${code}`);
  return (
    <span className="grade" style={{ background: colour }} title={label}>
      {code}
      <span className="sr-only"> ({label})</span>
    </span>
  );
}

export function NumText({ n }: { n: Num | null | undefined }) {
  return <>{n?.display ?? '–'}</>;
}

/** Counted against target; the percentage text comes from the API when it sends one. */
export function ProgressBar({
  counted,
  target,
  label,
  display,
}: {
  counted: number;
  target: number;
  label: string;
  display?: string;
}) {
  const pct = target > 0 ? Math.min(100, (counted / target) * 100) : counted > 0 ? 100 : 0;
  return (
    <div className="progress-cell">
      <div
        className="progress"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={target}
        aria-valuenow={Math.min(counted, target)}
        aria-valuetext={`${counted} / ${target}${display ? ` (${display}%)` : ''}`}
      >
        <div className={`progress-fill${counted >= target && target > 0 ? ' done' : ''}`} style={{ width: `${pct}%` }} />
      </div>
      <span className="small">
        {counted} / {target}
        {display ? ` · ${display}%` : ''}
      </span>
    </div>
  );
}

/**
 * A modal confirmation on the native <dialog> (focus trapped, Esc closes, focus returns to the
 * opener). `open` drives it; `onClose` runs on cancel.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  danger,
  busy,
  onConfirm,
  onClose,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm(): void;
  onClose(): void;
}) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId().replace(/:/g, '');
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal?.();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby={`${id}-title`} onClose={onClose} onCancel={onClose}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
      <div className="actions">
        <button type="button" className={`btn ${danger ? 'btn-danger' : 'btn-primary'}`} disabled={busy} onClick={onConfirm}>
          {confirmLabel}
        </button>
        <button type="button" className="btn btn-secondary" onClick={onClose}>
          {t('web.common.cancel')}
        </button>
      </div>
    </dialog>
  );
}

/** The per-unit pages of a campaign. */
export function UnitTabs({ campaignId, unitId }: { campaignId: string; unitId: string }) {
  const t = useT();
  const base = `/app/skm/${campaignId}/unit/${unitId}`;
  return (
    <nav className="tabs" aria-label={t('web.skm.unitNav')}>
      <ul>
        <li>
          <NavLink to={base} end>
            {t('web.skm.tab.results')}
          </NavLink>
        </li>
        <li>
          <NavLink to={`${base}/respons`}>{t('web.skm.tab.responses')}</NavLink>
        </li>
        <li>
          <NavLink to={`${base}/kertas`}>{t('web.skm.tab.paper')}</NavLink>
        </li>
        <li>
          <NavLink to={`${base}/impor`}>{t('web.skm.tab.import')}</NavLink>
        </li>
        <li>
          <NavLink to={`${base}/persepsi`}>{t('web.skm.tab.perception')}</NavLink>
        </li>
      </ul>
    </nav>
  );
}

/** A 404 for the address itself (not for a record): the endpoint of a parallel workstream is not there yet. */
export function isMissingEndpoint(e: unknown): boolean {
  return e instanceof ApiError && e.status === 404 && /^(Alamat tidak ditemukan|Route not found)$/.test(e.message);
}

/** Load error, or a calm note when the endpoint does not exist yet. */
export function SkmLoadError({ error }: { error: unknown }) {
  const t = useT();
  if (!error) return null;
  if (isMissingEndpoint(error))
    return (
      <div className="alert alert-info" role="status">
        <p>{t('web.skm.endpointMissing')}</p>
      </div>
    );
  return <LoadError error={error} />;
}
