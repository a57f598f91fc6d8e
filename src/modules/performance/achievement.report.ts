import type { Db } from '../../db/connection.ts';
import type { OrgUnitTable } from '../../db/schema.ts';
import { Rational } from '../../domain/core/rational.ts';
import { formatNumber } from '../../domain/core/rounding.ts';
import { SAKIP_ANNUAL_CRITERIA, SAKIP_CRITERIA } from '../../domain/performance/criteria.ts';
import { EFFICIENCY_TE } from '../../domain/performance/efficiency.ts';
import type { Quarter } from '../../domain/performance/targets.ts';
import type { Locale } from '../../shared/i18n/index.ts';
import { achievementBody, budgetSection, nkaSection } from './achievement.ts';
import { loadEvaluationData } from './evaluation-input.ts';
import * as repo from './performance.repository.ts';

/**
 * The achievement of one entity × year × quarter: the body of the achievement API, of the finalised snapshot
 * and of the LAPKIN (one computation for all three).
 */
export async function evaluateEntity(db: Db, unit: OrgUnitTable, year: number, quarter: Quarter, locale: Locale) {
  const data = await loadEvaluationData(db, unit.id, year, unit.name);
  const a = achievementBody(data, year, quarter, locale);
  const [budget, nkaRows, locks] = await Promise.all([
    repo.latestBudget(db, unit.id, year),
    repo.nkaOf(db, unit.id, year),
    repo.locksOf(db, unit.id, year),
  ]);
  const sections = budget
    ? budgetSection(
        {
          rows: budget.rows,
          sasaranCode: new Map(data.sasaran.map((s) => [s.id, s.code])),
          indicatorCode: new Map(data.indicators.map((i) => [i.id, i.code])),
          indicatorSasaran: new Map(data.indicators.map((i) => [i.id, i.sasaran_id])),
        },
        a.month,
        a.result,
        data,
        locale,
      )
    : { budget: null, efficiency: null };
  const pending = data.realisations.filter((r) => r.month <= a.month && r.status !== 'verified');
  return {
    entity: { unitId: unit.id, code: unit.code, name: unit.name, timeZone: unit.time_zone },
    ...a.body,
    finalised: locks.some((l) => l.quarter === quarter),
    pendingRealisations: {
      draft: pending.filter((r) => r.status === 'draft').length,
      submitted: pending.filter((r) => r.status === 'submitted').length,
      needsRevision: pending.filter((r) => r.status === 'needs_revision').length,
    },
    budget: sections.budget,
    efficiency: sections.efficiency,
    nka: nkaSection(nkaRows, a.month, locale),
  };
}

export type AchievementReport = Awaited<ReturnType<typeof evaluateEntity>>;

const BANDS = [...SAKIP_CRITERIA.bands, ...SAKIP_ANNUAL_CRITERIA.bands];

/**
 * A finalised snapshot keeps the figures as reported, formatted in the language of whoever finalised it. This
 * re-renders the display strings and criterion labels in `locale` from the stored 2-dp values and codes (no
 * figure is recomputed).
 */
export function relocalise<T>(report: T, locale: Locale): T {
  const walk = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(walk);
    if (x === null || typeof x !== 'object') return x;
    const o = Object.fromEntries(Object.entries(x).map(([k, v]) => [k, walk(v)])) as Record<string, unknown>;
    if (typeof o.rounded === 'string' && typeof o.display === 'string' && typeof o.value === 'string')
      o.display = formatNumber(locale, Rational.parse(o.rounded), 2);
    if (typeof o.code === 'string' && typeof o.label === 'string' && 'colour' in o) {
      const band = BANDS.find((b) => b.code === o.code);
      if (band) o.label = locale === 'en' ? (band.labelEn ?? band.label) : band.label;
    }
    if (typeof o.category === 'string' && typeof o.categoryLabel === 'string') {
      const band = EFFICIENCY_TE.bands.find((b) => b.extra?.category === o.category);
      if (band) o.categoryLabel = locale === 'en' ? (band.labelEn ?? band.label) : band.label;
    }
    return o;
  };
  return walk(report) as T;
}
