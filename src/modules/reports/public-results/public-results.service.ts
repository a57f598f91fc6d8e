import type { Rational } from '../../../domain/core/rational.ts';
import { rankElements } from '../../../domain/skm/analysis.ts';
import type { Locale } from '../../../shared/i18n/index.ts';
import type { Actor } from '../../auth/actor.ts';
import { type HistoryService, parsePublished } from '../../history/history.service.ts';
import type { ResultsService } from '../../results/results.service.ts';
import type { ServiceContext } from '../../service-context.ts';
import * as repo from './public-results.repository.ts';

/**
 * The public results page (issue 5 item 6; PermenPANRB 14/2017 requires publication): only frozen
 * figures (closed campaigns' snapshots and imported published history), read through the same
 * results and history services as the dashboard, with a read-only reader that sees every unit.
 * Nothing personal is returned: no respondent field, no person in charge of an action.
 */

/** The public reads like an executive viewer (all units, personal data masked) and only frozen data. */
const PUBLIC_READER: Actor = {
  userId: 'system:public-results',
  username: 'public',
  fullName: 'Publik',
  grants: [{ role: 'executive_viewer', unitId: null }],
  mustChangePassword: false,
  sessionId: '',
  locale: 'id',
};

export interface PublicScope {
  counted: number;
  submitted: number;
  ikm: { value: number | null; display: string };
  grade: { code: string; label: string } | null;
  ci95: string;
  elements: {
    code: string;
    name: string;
    value: { value: number | null; display: string };
    grade: { code: string; label: string } | null;
  }[];
}

const scopeOf = (s: {
  counted: number;
  submitted: number;
  ikm: { value: number | null; display: string };
  grade: { code: string; label: string } | null;
  ci95: { display: string };
  elements: PublicScope['elements'];
}): PublicScope => ({
  counted: s.counted,
  submitted: s.submitted,
  ikm: s.ikm,
  grade: s.grade ? { code: s.grade.code, label: s.grade.label } : null,
  ci95: s.ci95.display,
  elements: s.elements.map((e) => ({
    code: e.code,
    name: e.name,
    value: e.value,
    grade: e.grade ? { code: e.grade.code, label: e.grade.label } : null,
  })),
});

export interface PublicBpomView {
  year: number;
  campaignName: string;
  years: number[];
  bpom: PublicScope;
  units: { code: string; name: string; scope: PublicScope }[];
  snapshotVersion: number | null;
}

export interface PublicUnitView {
  unit: { code: string; name: string };
  year: number | null;
  campaignName: string | null;
  scope: PublicScope | null;
  /** Frozen campaign values and published history, one point per year (the frozen campaign wins). */
  trend: { year: number; display: string; grade: string | null }[];
  weakest: { code: string; name: string; display: string }[];
  actions: { elements: string[]; text: string; timeline: string | null; status: 'planned' | 'in_progress' }[];
}

export function createPublicResultsService(ctx: ServiceContext, deps: { results: ResultsService; history: HistoryService }) {
  async function bpom(locale: Locale, year?: number): Promise<PublicBpomView | null> {
    const closed = await repo.closedCampaigns(ctx.db);
    const years = [...new Set(closed.map((c) => c.year))];
    const c = year === undefined ? closed[0] : closed.find((x) => x.year === year);
    if (!c) return null;
    const { body } = await deps.results.campaignResults(PUBLIC_READER, c.id, locale);
    if (body?.source !== 'snapshot') return null;
    return {
      year: c.year,
      campaignName: c.name,
      years,
      bpom: scopeOf(body.bpom),
      units: body.units.map((u) => ({ code: u.code, name: u.name, scope: scopeOf(u) })),
      snapshotVersion: body.snapshotVersion,
    };
  }

  async function unit(code: string, locale: Locale): Promise<PublicUnitView | null> {
    const u = await repo.publicUnitByCode(ctx.db, code);
    if (!u) return null;
    const campaigns = await repo.closedCampaignsOfUnit(ctx.db, u.id);
    const trend = new Map<number, { year: number; display: string; grade: string | null }>();
    for (const h of (await deps.history.listSkm(PUBLIC_READER, u.id)).items) {
      if (h.unitIndex === null) continue;
      const v = parsePublished(h.unitIndex);
      trend.set(h.year, { year: h.year, display: v ? formatPublished(h.unitIndex, locale) : '–', grade: h.unitGrade });
    }
    let latest: { year: number; name: string; scope: PublicScope } | null = null;
    for (const c of campaigns) {
      const { body } = await deps.results.unitResults(PUBLIC_READER, c.id, u.id, locale);
      if (body?.source !== 'snapshot') continue;
      const scope = scopeOf(body.total);
      if (scope.counted > 0) trend.set(c.year, { year: c.year, display: scope.ikm.display, grade: scope.grade?.code ?? null });
      if (!latest || c.year > latest.year) latest = { year: c.year, name: c.name, scope };
    }
    const valued = (latest?.scope.elements ?? [])
      .map((e) => ({ e, v: parsePublished(e.value.display) }))
      .filter((x): x is { e: PublicScope['elements'][number]; v: Rational } => x.v !== null)
      .map((x) => ({ code: x.e.code, value: x.v, name: x.e.name, display: x.e.value.display }));
    const weakest = rankElements(valued, 'lowest').map((w) => ({ code: w.code, name: w.name, display: w.display }));
    const weakCodes = new Set(weakest.map((w) => w.code));
    const actions = (await repo.openActions(ctx.db, u.id))
      .map((a) => ({ a, codes: elementCodes(a.element_codes_json) }))
      .filter(({ codes }) => codes.some((c) => weakCodes.has(c)))
      .map(({ a, codes }) => ({
        elements: codes,
        text: a.action_text,
        timeline: a.timeline_raw,
        status: a.implementation_status === 'in_progress' ? ('in_progress' as const) : ('planned' as const),
      }));
    return {
      unit: { code: u.code, name: u.name },
      year: latest?.year ?? null,
      campaignName: latest?.name ?? null,
      scope: latest?.scope ?? null,
      trend: [...trend.values()].sort((a, b) => a.year - b.year),
      weakest,
      actions,
    };
  }

  /** Changes whenever a snapshot, a closed campaign or an action changes (the pages' ETag). */
  const fingerprint = () => repo.fingerprint(ctx.db);

  return { bpom, unit, fingerprint };
}

/** SKM element codes of an action (`[{instrument, code}]`); SPKP/SPAK codes are not SKM elements. */
function elementCodes(json: string): string[] {
  try {
    const list = JSON.parse(json) as { instrument?: string; code?: string }[];
    return Array.isArray(list)
      ? list.filter((e) => (e.instrument ?? 'skm') === 'skm' && typeof e.code === 'string').map((e) => e.code as string)
      : [];
  } catch {
    return [];
  }
}

/** `91.50` (as stored) in the reader's format. */
const formatPublished = (v: string, locale: Locale) => (locale === 'en' ? v : v.replace('.', ','));

export type PublicResultsService = ReturnType<typeof createPublicResultsService>;
