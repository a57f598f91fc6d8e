import type { ReactNode } from 'react';
import { NavLink, useParams, useSearchParams } from 'react-router';
import { CRITERIA_FILL } from '../../shared/charts/performance-charts.ts';
import { Field } from '../components/form.tsx';
import { hasRole } from '../lib/auth.tsx';
import { useT } from '../lib/i18n.tsx';
import type { Me } from '../lib/types.ts';
import type { Criterion, Num, SeriesPoint } from './types.ts';
import './performance.css';

/** What the SAKIP screens offer; the server's policy decides in the end. */
export const perfCan = {
  enter: (me: Me, unitId: string) => me.roles.some((r) => r.role === 'sakip_manager' && r.unitId === unitId),
  sign: (me: Me, unitId: string) => me.roles.some((r) => r.role === 'unit_head' && r.unitId === unitId),
  verify: (me: Me, unitId: string) =>
    hasRole(me, 'planning_bureau') || me.roles.some((r) => r.role === 'unit_head' && r.unitId === unitId),
  review: (me: Me) => hasRole(me, 'planning_bureau'),
  write: (me: Me, unitId: string) =>
    me.roles.some((r) => (r.role === 'sakip_manager' || r.role === 'unit_head') && r.unitId === unitId),
};

export const MONTHS = Array.from({ length: 12 }, (_, i) => `B${String(i + 1).padStart(2, '0')}`);
export const disp = (n: Num | null | undefined) => n?.display ?? '–';

/** Year and quarter live in the address (?tahun=&tw=), so a view can be shared and reloaded. */
export function usePeriod(defaultYear: number) {
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('tahun')) || defaultYear;
  const quarter = Math.min(4, Math.max(1, Number(params.get('tw')) || 1));
  const set = (y: number, q: number) => setParams({ tahun: String(y), tw: String(q) }, { replace: true });
  return { year, quarter, set, search: `?tahun=${year}&tw=${quarter}` };
}

export function PeriodPicker({
  year,
  quarter,
  onChange,
}: {
  year: number;
  quarter: number;
  onChange(y: number, q: number): void;
}) {
  const t = useT();
  return (
    <div className="perf-period">
      <Field label={t('web.perf.year')} name="year">
        {(p) => (
          <input
            {...p}
            type="number"
            min={2000}
            max={2100}
            value={year}
            onChange={(e) => onChange(Number(e.target.value), quarter)}
          />
        )}
      </Field>
      <Field label={t('web.perf.quarter')} name="quarter">
        {(p) => (
          <select {...p} value={quarter} onChange={(e) => onChange(year, Number(e.target.value))}>
            {[1, 2, 3, 4].map((q) => (
              <option key={q} value={q}>
                {`TW ${['I', 'II', 'III', 'IV'][q - 1]}`}
              </option>
            ))}
          </select>
        )}
      </Field>
    </div>
  );
}

/** The entity's sub-pages, keeping the chosen period. */
export function EntityNav({ name, search }: { name: string; search: string }) {
  const t = useT();
  const { unitId } = useParams();
  const base = `/app/sakip/${unitId}`;
  const links: [string, string][] = [
    ['', 'web.perf.nav.dashboard'],
    ['/rencana', 'web.perf.nav.plan'],
    ['/realisasi', 'web.perf.nav.realisation'],
    ['/revisi', 'web.perf.nav.revision'],
    ['/narasi', 'web.perf.nav.narrative'],
  ];
  return (
    <>
      <p className="breadcrumb">
        <NavLink to="/app/sakip">{t('web.nav.sakip')}</NavLink> › {name}
      </p>
      <nav className="perf-tabs" aria-label={t('web.perf.nav.label')}>
        <ul>
          {links.map(([path, key]) => (
            <li key={path}>
              <NavLink end to={`${base}${path}${search}`}>
                {t(key)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
    </>
  );
}

/** Criterion as colour AND words: never colour alone. */
export function CriterionBadge({ criterion }: { criterion: Criterion | null | undefined }) {
  if (!criterion) return <span className="muted">–</span>;
  const c = CRITERIA_FILL[criterion.code];
  return (
    <span className="criterion" style={{ background: c?.fill, color: c?.text }}>
      {criterion.label}
    </span>
  );
}

/** Monthly capaian as a small line; the figures are in the title (and the table), so it is hidden from screen readers. */
export function Sparkline({ series }: { series: SeriesPoint[] }) {
  const values = series.map((p) => (p.capaian ? Number(p.capaian.value) : null));
  const known = values.filter((v): v is number => v !== null);
  if (known.length === 0) return <span className="muted">–</span>;
  const w = 84;
  const h = 24;
  const max = Math.max(120, ...known);
  const x = (i: number) => (series.length <= 1 ? w / 2 : (i / (series.length - 1)) * (w - 4) + 2);
  const y = (v: number) => h - 2 - (v / max) * (h - 4);
  const segments: string[] = [];
  let current: string[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (current.length) segments.push(current.join(' '));
      current = [];
    } else current.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
  });
  if (current.length) segments.push(current.join(' '));
  const title = series.map((p) => `${MONTHS[p.month - 1]}: ${p.capaian?.display ?? '–'}`).join(', ');
  return (
    <svg className="sparkline" width={w} height={h} viewBox={`0 0 ${w} ${h}`} aria-hidden="true">
      <title>{title}</title>
      <line x1="0" x2={w} y1={y(100)} y2={y(100)} className="sparkline-ref" />
      {segments.map((pts) => (
        <polyline key={pts} points={pts} className="sparkline-line" />
      ))}
      {values.map((v, i) =>
        v === null ? null : <circle key={series[i]?.month} cx={x(i)} cy={y(v)} r="1.8" className="sparkline-dot" />,
      )}
    </svg>
  );
}

/** A wide table that may scroll sideways: a named, keyboard-focusable region. */
export function TableRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable to scroll by keyboard
    <section className="table-wrap" tabIndex={0} aria-label={label}>
      {children}
    </section>
  );
}
