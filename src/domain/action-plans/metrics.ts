import { Rational } from '../core/rational.ts';
import { compareCodes } from '../skm/analysis.ts';
import { parseTimeline, type Timeline, timelineDate } from './timeline.ts';

export type EvaluationStatus = 'open' | 'close' | 'unevaluated';

export interface ActionItem {
  id?: string;
  unitId: string;
  recommendationNo: number;
  /** Controlled element codes (U1…U9); may be empty when the unit named none. */
  elementCodes: readonly string[];
  /** Raw timeline text as entered or imported. */
  timeline: string | null;
  status: EvaluationStatus;
}

export interface RecommendationAssignment {
  unitId: string;
  recommendationNo: number;
  applicable?: boolean;
}

export interface Unit {
  id: string;
  name: string;
  type?: string;
}

export interface UnitSummary {
  unitId: string;
  /** Jumlah Rekomendasi. */
  jr: number;
  /** Jumlah Rencana Aksi UPP: assignments with ≥ 1 action (derived, D21) unless a recorded value is kept. */
  jru: number;
  /** Jumlah Rencana Aksi. */
  jra: number;
  /** Jumlah sesuai (Close). */
  closedCount: number;
  /** closedCount / jra × 100; n/a when jra = 0. */
  pct: Rational | null;
  /** Applicable recommendations with no action (D12). */
  missingRecommendations: number[];
  /** Elements of the Open actions. */
  openElements: string[];
  /** Open actions that name no element. */
  openWithoutElement: number;
}

const HUNDRED = Rational.of(100);

/** D12: closed / all × 100, n/a when there is nothing to count. The one place this rule is written. */
export function completionPct(closed: number, total: number): Rational | null {
  return total === 0 ? null : Rational.of(closed, total).mul(HUNDRED);
}

/** DOMAIN §7.6 per unit, counted over actions under the unit's applicable recommendations. */
export function unitSummary(
  unitId: string,
  assignments: readonly RecommendationAssignment[],
  actions: readonly ActionItem[],
  options: { recordedJru?: number } = {},
): UnitSummary {
  const applicable = assignments.filter((a) => a.unitId === unitId && a.applicable !== false).map((a) => a.recommendationNo);
  const recs = new Set(applicable);
  const own = actions.filter((a) => a.unitId === unitId && recs.has(a.recommendationNo));
  const responded = new Set(own.map((a) => a.recommendationNo));
  const closedCount = own.filter((a) => a.status === 'close').length;
  const open = own.filter((a) => a.status === 'open');
  return {
    unitId,
    jr: recs.size,
    jru: options.recordedJru ?? responded.size,
    jra: own.length,
    closedCount,
    pct: completionPct(closedCount, own.length),
    missingRecommendations: [...recs].filter((r) => !responded.has(r)).sort((a, b) => a - b),
    openElements: [...new Set(open.flatMap((a) => a.elementCodes))].sort(compareCodes),
    openWithoutElement: open.filter((a) => a.elementCodes.length === 0).length,
  };
}

export interface PooledSummary {
  units: number;
  jr: number;
  jru: number;
  jra: number;
  closedCount: number;
  /** Σ closed / Σ jra × 100 (D12): never the mean of unit percentages. */
  pct: Rational | null;
  unitsAt100: number;
  /** Units with at least one recommendation without a response. */
  unitsWithMissing: number;
  missingResponses: number;
}

export function isComplete(s: Pick<UnitSummary, 'pct'>): boolean {
  return s.pct?.eq(100) ?? false;
}

export function pooledSummary(summaries: readonly UnitSummary[]): PooledSummary {
  const total = (f: (s: UnitSummary) => number) => summaries.reduce((a, s) => a + f(s), 0);
  const jra = total((s) => s.jra);
  const closedCount = total((s) => s.closedCount);
  return {
    units: summaries.length,
    jr: total((s) => s.jr),
    jru: total((s) => s.jru),
    jra,
    closedCount,
    pct: completionPct(closedCount, jra),
    unitsAt100: summaries.filter(isComplete).length,
    unitsWithMissing: summaries.filter((s) => s.missingRecommendations.length > 0).length,
    missingResponses: total((s) => s.missingRecommendations.length),
  };
}

/** Breakdown by any key (unit type, …), each group pooled. */
export function pooledBy<K extends string>(
  summaries: readonly UnitSummary[],
  keyOf: (s: UnitSummary) => K,
): { key: K; summary: PooledSummary }[] {
  const keys = [...new Set(summaries.map(keyOf))];
  return keys.map((key) => ({ key, summary: pooledSummary(summaries.filter((s) => keyOf(s) === key)) }));
}

/** D21: appreciation = 100,00% and no missing response; everybody else is on the follow-up list. */
export function appreciationLists(summaries: readonly UnitSummary[]): { appreciation: UnitSummary[]; followUp: UnitSummary[] } {
  const ok = (s: UnitSummary) => isComplete(s) && s.missingRecommendations.length === 0;
  return { appreciation: summaries.filter(ok), followUp: summaries.filter((s) => !ok(s)) };
}

/** Recommendations without a response, across units (the separate count of D12). */
export function missingResponses(summaries: readonly UnitSummary[]): { unitId: string; recommendationNo: number }[] {
  return summaries.flatMap((s) => s.missingRecommendations.map((recommendationNo) => ({ unitId: s.unitId, recommendationNo })));
}

/** Recommendation counts: units per recommendation number and the total of assignments (EX-ME-05). */
export function recommendationCounts(assignments: readonly RecommendationAssignment[]): {
  byRecommendation: Record<number, number>;
  total: number;
  unitsByCount: Record<number, number>;
} {
  const applicable = assignments.filter((a) => a.applicable !== false);
  const byRecommendation: Record<number, number> = {};
  const perUnit = new Map<string, number>();
  for (const a of applicable) {
    byRecommendation[a.recommendationNo] = (byRecommendation[a.recommendationNo] ?? 0) + 1;
    perUnit.set(a.unitId, (perUnit.get(a.unitId) ?? 0) + 1);
  }
  const unitsByCount: Record<number, number> = {};
  for (const n of perUnit.values()) unitsByCount[n] = (unitsByCount[n] ?? 0) + 1;
  return { byRecommendation, total: applicable.length, unitsByCount };
}

export type TimelineWarningCode = 'timeline_missing' | 'timeline_invalid' | 'timeline_before_basis_year';

export interface TimelineCheck {
  action: ActionItem;
  timeline: Timeline;
  overdue: boolean;
  warning?: { code: TimelineWarningCode; message: string };
}

/**
 * D35: overdue = Open and timeline before the cutoff. Status is the evaluator's judgement (§7.4), so a Close
 * action with a later timeline is fine. Unreadable or missing timelines are warnings, never crashes.
 */
export function checkTimelines(
  actions: readonly ActionItem[],
  cutoff: string,
  options: { basisYear?: number } = {},
): TimelineCheck[] {
  return actions.map((action) => {
    const timeline = parseTimeline(action.timeline);
    const date = timelineDate(timeline);
    const overdue = action.status === 'open' && date !== null && date < cutoff;
    if (timeline.kind === 'missing')
      return { action, timeline, overdue, warning: { code: 'timeline_missing', message: 'Timeline belum diisi' } };
    if (timeline.kind === 'invalid')
      return { action, timeline, overdue, warning: { code: 'timeline_invalid', message: timeline.message } };
    if (options.basisYear !== undefined && date !== null && date < `${options.basisYear}-01-01`)
      return {
        action,
        timeline,
        overdue,
        warning: { code: 'timeline_before_basis_year', message: `Timeline sebelum tahun survei ${options.basisYear}` },
      };
    return { action, timeline, overdue };
  });
}

/** §5.11: followUpPct = RTL done / all RTL of the period × 100 (n/a without RTL). */
export function followUpPct(
  plans: readonly { implementationStatus: 'planned' | 'in_progress' | 'done' | 'not_done' }[],
): Rational | null {
  return completionPct(plans.filter((p) => p.implementationStatus === 'done').length, plans.length);
}

/**
 * Keterangan of Lampiran 1: "-" when complete; otherwise the open elements and the recommendations without
 * a response. `elementNames` gives the short labels ("U3" → "Waktu Penyelesaian").
 */
export function keterangan(s: UnitSummary, elementNames: Readonly<Record<string, string>> = {}): string {
  if (isComplete(s) && s.missingRecommendations.length === 0) return '-';
  const parts: string[] = [];
  if (s.openElements.length > 0) {
    const list = s.openElements.map((e) => (elementNames[e] ? `${e} (${elementNames[e]})` : e));
    parts.push(`Unsur pelayanan ${list.join(', ')}`);
  }
  if (s.openWithoutElement > 0) parts.push(`${s.openWithoutElement} rencana aksi belum menyebutkan unsur pelayanan`);
  if (s.missingRecommendations.length > 0)
    parts.push(`Belum terdapat rencana aksi untuk rekomendasi ${s.missingRecommendations.join(', ')}`);
  return parts.join('; ');
}
