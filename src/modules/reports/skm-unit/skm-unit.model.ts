import { workingDays } from '../../../domain/calendar/working-days.ts';
import { classify } from '../../../domain/core/classification.ts';
import { Rational } from '../../../domain/core/rational.ts';
import { type InstrumentProfile, instrumentElements, type Localized } from '../../../domain/profiles/profile.ts';
import { achievementPct, rankElements, trendWording, type YearOverYear, yearOverYear } from '../../../domain/skm/analysis.ts';
import { AppError, AppErrorCode, forbidden } from '../../../http/app-error.ts';
import { maskInstitution, maskName, maskPhone } from '../../../shared/crypto/masking.ts';
import type { PersonalDataCrypto } from '../../../shared/crypto/personal-data.ts';
import type { Locale } from '../../../shared/i18n/index.ts';
import type { Actor } from '../../auth/actor.ts';
import { hasRole } from '../../auth/actor.ts';
import type { HistoryService } from '../../history/history.service.ts';
import type { Signatory } from '../../organisation/organisation.schema.ts';
import { formatLocalDateTime, localDay } from '../../responses/paper-entry.dates.ts';
import type { ScopeFigures } from '../../results/results.figures.ts';
import { resultsPolicy } from '../../results/results.policy.ts';
import type { ResultsService } from '../../results/results.service.ts';
import type { ServiceContext } from '../../service-context.ts';
import * as campaignRepo from '../../surveys/campaign.repository.ts';
import type { HolidayService } from '../holidays.service.ts';
import {
  CHAPTER1_SETTING_KEY,
  type Chapter1Texts,
  REPORT_SECTION_KEYS,
  type ReportSections,
  type TimelineRow,
} from '../report-sections.ts';
import * as repo from './skm-unit.repository.ts';
import { DEFAULT_CHAPTER1 } from './skm-unit.texts.ts';

/**
 * Everything the Laporan Pelaksanaan SKM of one unit and campaign prints (DOMAIN 5.13.1), loaded
 * from the services the dashboard uses: the unit figures come from the results service (the newest
 * snapshot of a closed campaign, else live figures marked provisional), earlier years from the
 * history service and earlier closed campaigns, rankings, deltas and the trend wording from the
 * domain analysis (D18, D19). The model holds exact values; the document formats them.
 */

export interface ServiceLine {
  unitServiceId: string;
  name: string;
  prevYearPopulation: number | null;
  populationPeriod: number;
  divisor: number;
  target: number;
  submitted: number;
  valid: number;
  counted: number;
  shortfall: number;
  justification: string | null;
  figures: ScopeFigures;
}

export interface TimelineLine {
  activity: string;
  period: string;
  workingDays: number | null;
  /** A sub-step of the row above (printed "a.", "b."). */
  sub?: boolean;
}

export interface YearValues {
  year: number;
  /** Published (2-decimal) element values by code. */
  elements: Map<string, Rational>;
  unitIndex: Rational | null;
  source: 'history' | 'snapshot';
}

export interface TrendPoint {
  year: number;
  value: Rational;
  grade: string | null;
  provisional: boolean;
}

export interface RtlLine {
  service: string;
  elements: { code: string; name: string }[];
  cause: string | null;
  action: string;
  timeline: string | null;
  pic: string | null;
  suggestions: string[];
  source: string;
}

export interface SkmUnitReportModel {
  locale: Locale;
  /** Live figures (campaign not closed yet): the document says "Sementara". */
  provisional: boolean;
  snapshotVersion: number | null;
  agencyName: string;
  campaign: {
    id: string;
    name: string;
    year: number;
    status: string;
    periodicity: string;
  };
  unit: { id: string; code: string; name: string; city: string | null; timeZone: string };
  profile: InstrumentProfile;
  elements: { code: string; name: Localized; definition: Localized | null; questionCodes: string[] }[];
  total: ScopeFigures;
  services: ServiceLine[];
  previous: YearValues | null;
  yoy: YearOverYear[];
  unitYoy: YearOverYear | null;
  lowest: { code: string; value: Rational }[];
  highest: { code: string; value: Rational }[];
  trend: TrendPoint[];
  trendWording: ReturnType<typeof trendWording>;
  ikmTarget: Rational | null;
  achievement: Rational | null;
  suggestions: { service: string; text: string }[];
  rtl: RtlLine[];
  rtlSuggestions: RtlLine[];
  timeline: TimelineLine[];
  sections: ReportSections;
  chapter1: Chapter1Texts;
  signatory: Signatory | null;
  signingDate: string;
  place: string;
  recap: { rows: string[][]; masked: boolean };
  reportStatus: string | null;
}

export interface ModelDeps {
  results: ResultsService;
  history: HistoryService;
  holidays: HolidayService;
  signatoryOn: (unitId: string, date: string) => Promise<Signatory | null>;
  crypto: () => PersonalDataCrypto;
}

/** Who may read a unit's report: its own roles, the coordinator, the inspectorate, executive viewers. */
export function assertMayReadReport(actor: Actor, unitId: string): void {
  if (hasRole(actor, 'skm_coordinator', 'inspectorate', 'executive_viewer')) return;
  if (actor.grants.some((g) => g.unitId === unitId)) return;
  // Eselon I heads read their sub-units' results; the results service checks that scope.
  if (actor.grants.some((g) => g.role === 'unit_head' && g.unitId !== null)) return;
  throw forbidden();
}

const parseJson = <T>(s: string | null | undefined, fallback: T): T => {
  if (!s) return fallback;
  try {
    return JSON.parse(s) as T;
  } catch {
    return fallback;
  }
};

const isEmptySuggestion = (s: string | null | undefined) => !s || /^[\s\-–.]*$/.test(s);

function validChapter1(v: unknown): Chapter1Texts | null {
  if (!v || typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  if (typeof o.background !== 'string' || typeof o.purpose !== 'string' || !Array.isArray(o.legalBasis)) return null;
  if (!o.legalBasis.every((x) => typeof x === 'string')) return null;
  return { background: o.background, purpose: o.purpose, legalBasis: o.legalBasis as string[] };
}

const MONTHS_ID = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
];
const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
/** "9 Juli 2024" from `2024-07-09`. */
export function longDate(date: string, locale: Locale = 'id'): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  const months = locale === 'en' ? MONTHS_EN : MONTHS_ID;
  return `${Number(m[3])} ${months[Number(m[2]) - 1]} ${m[1]}`;
}

export async function loadSkmUnitModel(
  ctx: ServiceContext,
  deps: ModelDeps,
  actor: Actor,
  campaignId: string,
  unitId: string,
  locale: Locale,
): Promise<SkmUnitReportModel> {
  // The results service answers 404 outside the actor's unit scope; the report narrows the roles.
  const fig = await deps.results.unitFigures(actor, campaignId, unitId);
  assertMayReadReport(actor, unitId);
  const c = fig.campaign;
  if (c.kind !== 'skm') {
    throw new AppError(AppErrorCode.INVALID_STATE, 'Kampanye ini bukan SKM', { messageKey: 'results.noSkm' });
  }
  const profile = fig.profile;
  const unit = await repo.findUnit(ctx.db, unitId);
  if (!unit) throw forbidden();
  const db = ctx.db;
  const [targets, justRows, report, setting, exts] = await Promise.all([
    campaignRepo.targets(db, campaignId, [unitId]),
    repo.justifications(db, campaignId, unitId),
    repo.findReport(db, campaignId, unitId),
    repo.setting(db, CHAPTER1_SETTING_KEY),
    repo.extensions(db, campaignId),
  ]);
  const targetOf = new Map(targets.map((t) => [t.unit_service_id, t]));
  const justificationOf = new Map<string, string>();
  for (const j of justRows) justificationOf.set(j.unit_service_id, j.text); // newest wins (ordered by time)

  const services: ServiceLine[] = fig.scope.services.map((s) => {
    const t = targetOf.get(s.unitServiceId);
    const k = s.figures.counts;
    return {
      unitServiceId: s.unitServiceId,
      name: s.serviceName,
      prevYearPopulation: t ? t.prev_year_population : null,
      populationPeriod: t?.population_period ?? 0,
      divisor: t?.divisor ?? 4,
      target: k.target,
      submitted: k.submitted,
      valid: k.valid,
      counted: k.counted,
      // D5: shortfall against the valid responses, as the dashboard shows it.
      shortfall: Math.max(0, k.target - k.valid),
      justification: justificationOf.get(s.unitServiceId) ?? null,
      figures: s.figures,
    };
  });
  const total = fig.scope.figures;
  const elementDefs = instrumentElements(profile, 'skm').map((e) => ({
    code: e.code,
    name: e.name,
    definition: e.definition ?? null,
    questionCodes: [...e.questionCodes],
  }));

  // ---- Earlier years: published history, and frozen results of earlier closed campaigns ----
  const years = new Map<number, YearValues & { ikmTarget: Rational | null }>();
  const history = await deps.history.listSkm(actor, unitId).catch(() => ({ items: [] as never[] }));
  for (const h of history.items) {
    years.set(h.year, {
      year: h.year,
      elements: new Map(h.elements.map((e) => [e.code, Rational.parse(e.value)])),
      unitIndex: h.unitIndex ? Rational.parse(h.unitIndex) : null,
      ikmTarget: h.ikmTarget ? Rational.parse(h.ikmTarget) : null,
      source: 'history',
    });
  }
  for (const e of await repo.earlierClosedCampaigns(db, unitId, c.year)) {
    const earlier = await deps.results.unitFigures(actor, e.id, unitId).catch(() => null);
    if (earlier?.source !== 'snapshot' || !earlier.scope.figures.ikm) continue;
    const f = earlier.scope.figures;
    const known = years.get(e.year);
    // Mutu's own frozen result wins over a typed-in copy of the same year; a stated target is kept.
    years.set(e.year, {
      year: e.year,
      elements: new Map(f.elements.filter((x) => x.value).map((x) => [x.code, x.value as Rational])),
      unitIndex: f.ikm,
      ikmTarget: known?.ikmTarget ?? null,
      source: 'snapshot',
    });
  }
  const prev = years.get(c.year - 1) ?? null;
  const previous = prev && (prev.elements.size > 0 || prev.unitIndex) ? prev : null;
  const currentValues = total.elements.filter((e) => e.value).map((e) => ({ code: e.code, value: e.value as Rational }));
  const yoy = previous
    ? yearOverYear(
        currentValues,
        [...previous.elements].map(([code, value]) => ({ code, value })),
      )
    : [];
  const unitYoy =
    previous?.unitIndex && total.ikm
      ? (yearOverYear([{ code: 'ikm', value: total.ikm }], [{ code: 'ikm', value: previous.unitIndex }])[0] ?? null)
      : null;
  const trend: TrendPoint[] = [...years.values()]
    .filter((y) => y.year < c.year && y.unitIndex)
    .map((y) => ({
      year: y.year,
      value: y.unitIndex as Rational,
      grade: classify(profile.gradeTable, y.unitIndex as Rational).code,
      provisional: false,
    }));
  if (total.ikm) trend.push({ year: c.year, value: total.ikm, grade: total.gradeCode, provisional: fig.source === 'live' });
  trend.sort((a, b) => a.year - b.year);
  const ikmTarget = years.get(c.year)?.ikmTarget ?? null;

  // ---- Suggestions, respondent recap ----
  const responses = await repo.countedResponses(db, campaignId, unitId);
  const suggestions = responses
    .filter((r) => !isEmptySuggestion(r.suggestion))
    .map((r) => ({ service: r.service_name, text: (r.suggestion as string).trim() }));
  const clear = resultsPolicy.mayReadPersonal(actor, unitId);
  const pd = deps.crypto();
  const reveal = (enc: string | null, context: string, mask: (v: string | null) => string) => {
    let plain: string | null = null;
    try {
      plain = pd.decryptOptional(enc, context);
    } catch {
      plain = null;
    }
    if (plain === null) return '';
    return clear ? plain : mask(plain);
  };
  const option = (field: string, code: string | null) => {
    if (code === null) return '';
    const f = profile.respondentFields.find((x) => x.code === field);
    return f?.options?.find((o) => o.code === code)?.label[locale] ?? code;
  };
  const questionCodes = elementDefs.flatMap((e) => e.questionCodes);
  const recapRows = responses.map((r) => {
    const answers = parseJson<Record<string, number | undefined>>(r.answers_json, {});
    return [
      String(r.seq_no),
      r.service_name,
      formatLocalDateTime(r.submitted_at, unit.time_zone),
      reveal(r.full_name_enc, 'full_name', maskName),
      r.age === null ? '' : String(r.age),
      option('sex', r.sex),
      reveal(r.phone_enc, 'phone', maskPhone),
      option('education', r.education),
      option('occupation', r.occupation),
      reveal(r.institution_enc, 'institution', maskInstitution),
      r.completion_pct === null ? '' : String(r.completion_pct),
      ...questionCodes.map((q) => (answers[q] === undefined ? '' : String(answers[q]))),
      isEmptySuggestion(r.suggestion) ? '-' : (r.suggestion as string).trim(),
    ];
  });

  // ---- RTL (DOMAIN 5.11) ----
  const serviceName = new Map(services.map((s) => [s.unitServiceId, s.name]));
  const elementName = new Map(elementDefs.map((e) => [e.code, e.name[locale]]));
  const actions = [
    ...(await repo.campaignActions(db, campaignId, unitId)),
    ...(await repo.recommendationActions(db, campaignId, unitId)),
  ];
  const seen = new Set<string>();
  const uniqueActions = actions.filter((a) => !seen.has(a.id) && seen.add(a.id));
  const suggestionIds = uniqueActions.flatMap((a) => parseJson<string[]>(a.suggestion_response_ids_json, []));
  const suggestionText = new Map((await repo.suggestionsOf(db, suggestionIds)).map((s) => [s.id, s.suggestion ?? '']));
  const allServices = locale === 'en' ? 'All service types' : 'Untuk seluruh jenis layanan';
  const rtlLines: RtlLine[] = uniqueActions.map((a) => {
    const ids = parseJson<string[]>(a.unit_service_ids_json, []);
    const els = parseJson<{ code: string }[]>(a.element_codes_json, []);
    return {
      service: a.all_services === 1 || !ids.length ? allServices : ids.map((id) => serviceName.get(id) ?? id).join('; '),
      elements: els.map((e) => ({ code: e.code, name: elementName.get(e.code) ?? e.code })),
      cause: a.cause_analysis,
      action: a.action_text,
      timeline: a.timeline_date ?? a.timeline_raw,
      pic: a.pic,
      suggestions: parseJson<string[]>(a.suggestion_response_ids_json, [])
        .map((id) => suggestionText.get(id) ?? '')
        .filter((s) => !isEmptySuggestion(s)),
      source: a.source,
    };
  });

  // ---- BAB II 2.4 timeline with working days ----
  const rows = parseJson<TimelineRow[]>(report?.timeline_json, []).filter(
    (r) => r && typeof r.activity === 'string' && typeof r.start === 'string' && typeof r.end === 'string',
  );
  const dated = rows.length ? rows : [];
  const span = dated.length
    ? {
        from: dated.map((r) => r.start).sort()[0] as string,
        to: dated
          .map((r) => r.end)
          .sort()
          .at(-1) as string,
      }
    : { from: c.collection_start, to: c.effective_end };
  const holidays = await deps.holidays.datesBetween(span.from, span.to, unitId);
  const period = (a: string, b: string) => (a === b ? longDate(a, locale) : `${longDate(a, locale)} s.d. ${longDate(b, locale)}`);
  const lastExt = exts.at(-1);
  const timeline: TimelineLine[] = dated.length
    ? dated.map((r) => ({
        activity: r.activity,
        period: period(r.start, r.end),
        workingDays: workingDays(r.start, r.end, holidays),
      }))
    : [
        { activity: 'Persiapan pelaksanaan', period: '', workingDays: null },
        {
          activity: 'Pengumpulan data jenis dan pengguna layanan',
          period: c.prep_service_data_window ?? '',
          workingDays: null,
          sub: true,
        },
        {
          activity: 'Penetapan target responden survei dan penyiapan tautan survei',
          period: c.prep_target_window ?? '',
          workingDays: null,
          sub: true,
        },
        {
          activity: 'Pelaksanaan survei oleh UPP',
          period: `${period(c.collection_start, c.collection_end)}${
            lastExt && c.effective_end !== c.collection_end ? ` *diperpanjang hingga ${longDate(c.effective_end, locale)}` : ''
          }`,
          workingDays: workingDays(c.collection_start, c.effective_end, holidays),
        },
        { activity: 'Pengolahan survei', period: c.processing_window ?? '', workingDays: null },
        {
          activity: 'Pelaporan survei oleh UPP',
          period: c.report_due ? `s.d. ${longDate(c.report_due, locale)}` : '',
          workingDays: null,
        },
      ];

  // ---- Texts, signatory ----
  const stored = parseJson<Record<string, unknown>>(report?.sections_json, {});
  const sections: ReportSections = {};
  for (const k of REPORT_SECTION_KEYS) {
    const v = stored[k];
    if (typeof v === 'string' && v.trim()) sections[k] = v.trim();
  }
  const chapter1 = validChapter1(parseJson<unknown>(setting?.value, null)) ?? DEFAULT_CHAPTER1;
  const signingDate =
    report?.submitted_at && report.status !== 'draft'
      ? localDay(Date.parse(report.submitted_at), unit.time_zone)
      : localDay(ctx.clock.now().getTime(), unit.time_zone);
  const signatory = await deps.signatoryOn(unitId, signingDate);
  const currentByCode = currentValues;

  return {
    locale,
    provisional: fig.source === 'live',
    snapshotVersion: fig.snapshotVersion,
    agencyName: 'Badan Pengawas Obat dan Makanan',
    campaign: { id: c.id, name: c.name, year: c.year, status: c.status, periodicity: c.periodicity_label },
    unit: { id: unit.id, code: unit.code, name: unit.name, city: unit.city, timeZone: unit.time_zone },
    profile,
    elements: elementDefs,
    total,
    services,
    previous,
    yoy,
    unitYoy,
    lowest: rankElements(currentByCode, 'lowest'),
    highest: rankElements(currentByCode, 'highest'),
    trend,
    trendWording: trendWording(trend),
    ikmTarget,
    achievement: total.ikm && ikmTarget ? achievementPct(total.ikm, ikmTarget) : null,
    suggestions,
    rtl: rtlLines.filter((r) => r.source !== 'suggestion'),
    rtlSuggestions: rtlLines.filter((r) => r.source === 'suggestion'),
    timeline,
    sections,
    chapter1,
    signatory,
    signingDate,
    place: unit.city ?? unit.short_name ?? unit.name,
    recap: { rows: recapRows, masked: !clear },
    reportStatus: report?.status ?? null,
  };
}
