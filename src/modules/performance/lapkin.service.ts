import type { OrgUnitTable } from '../../db/schema.ts';
import { Rational } from '../../domain/core/rational.ts';
import { formatNumber } from '../../domain/core/rounding.ts';
import { type Quarter, quarterEndMonth } from '../../domain/performance/targets.ts';
import { notFound } from '../../http/app-error.ts';
import { type Locale, t } from '../../shared/i18n/index.ts';
import type { Actor } from '../auth/actor.ts';
import type { ReportDocument } from '../reports/document/document.ts';
import { renderDocumentDocx } from '../reports/document/render-docx.ts';
import { renderDocumentPdf } from '../reports/document/render-pdf.ts';
import type { ServiceContext } from '../service-context.ts';
import { type AchievementReport, relocalise } from './achievement.report.ts';
import { parseMonthly } from './evaluation-input.ts';
import { composeLapkin, type LapkinIndicator, type TargetColumn } from './lapkin.document.ts';
import { lapkinText } from './lapkin.text.ts';
import { lapkinStatusOf } from './lapkin-workflow.service.ts';
import type { NarrativeTexts } from './narrative.service.ts';
import { performancePolicy as policy } from './performance.policy.ts';
import * as repo from './performance.repository.ts';

export interface Signatory {
  title: string;
  fullName: string;
  nip: string | null;
  acting: boolean;
}

export type LapkinPeriod = Quarter | 'annual';
export type LapkinFormat = 'pdf' | 'docx';

/** `YYYY-MM-DD` of an instant in the unit's time zone. */
const localDate = (at: Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);

const longDate = (isoDate: string, locale: Locale) =>
  new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'id-ID', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${isoDate}T00:00:00Z`));

/**
 * The LAPKIN Interim (quarterly) or yearly LAPKIN of an entity (DOMAIN 8.13): the achievement report (the frozen
 * snapshot once the quarter is finalised, else the live figures of the same service), the plan, the narratives and
 * the head assigned on the signing date, composed once and rendered to PDF or DOCX.
 */
export function createLapkinService(
  ctx: ServiceContext,
  deps: {
    evaluate: (unit: OrgUnitTable, year: number, quarter: Quarter, locale: Locale) => Promise<AchievementReport>;
    textsFor: (unitId: string, year: number, quarter: number) => Promise<NarrativeTexts>;
    signatoryOn: (unitId: string, date: string) => Promise<Signatory | null>;
  },
) {
  async function document(
    actor: Actor,
    unitId: string,
    year: number,
    period: LapkinPeriod,
    locale: Locale,
  ): Promise<ReportDocument> {
    await policy.read(ctx.db, actor, unitId);
    const unit = await repo.findUnit(ctx.db, unitId);
    if (unit?.is_sakip_entity !== 1) throw notFound('Entitas SAKIP');
    const quarter: Quarter = period === 'annual' ? 4 : period;
    const lock = await repo.findLock(ctx.db, unitId, year, quarter);
    // Finalised: the figures as reported ("frozen months stay as reported"); otherwise a draft on live figures.
    const report = lock
      ? relocalise(JSON.parse(lock.result_json) as AchievementReport, locale)
      : await deps.evaluate(unit, year, quarter, locale);
    const [perspectives, sasaran, indicators, texts] = await Promise.all([
      repo.perspectives(ctx.db, unitId),
      repo.sasaranOf(ctx.db, unitId, year),
      repo.indicatorsOf(ctx.db, unitId, year),
      deps.textsFor(unitId, year, quarter),
    ]);
    const versions = await repo.targetVersions(
      ctx.db,
      indicators.map((i) => i.id),
      year,
    );
    const links = new Map(
      (
        await repo.linkedIndicators(
          ctx.db,
          indicators.map((i) => i.id),
        )
      ).map((l) => [l.id, l]),
    );
    const sasaranCode = new Map(sasaran.map((s) => [s.id, s.code]));
    const column = (v: (typeof versions)[number] | undefined): TargetColumn | null =>
      v ? { annual: v.annual_target, monthly: parseMonthly(v.monthly_json), budget: v.budget } : null;
    const planIndicators: LapkinIndicator[] = indicators.map((i) => {
      const own = versions.filter((v) => v.indicator_id === i.id);
      const pk = own.filter((v) => v.source === 'pk' || v.source === 'pk_revision');
      const first = pk[0] ?? own.find((v) => v.in_force === 1);
      const inForce = own.find((v) => v.in_force === 1);
      const parent = i.parent_indicator_id ? links.get(i.parent_indicator_id) : undefined;
      const predecessor = i.predecessor_indicator_id ? links.get(i.predecessor_indicator_id) : undefined;
      return {
        id: i.id,
        code: i.code,
        name: i.name,
        sasaranCode: sasaranCode.get(i.sasaran_id) ?? '',
        formulaType: i.formula_type,
        unitOfMeasure: i.unit_of_measure,
        dataSource: i.data_source_text,
        responsibleTeam: i.responsible_team,
        semula: column(first),
        menjadi: inForce && first && inForce.id !== first.id ? column(inForce) : null,
        parent: parent ? { code: parent.code, name: parent.name, unitCode: parent.unit_code } : null,
        predecessor: predecessor
          ? { code: predecessor.code, name: predecessor.name, validFromYear: predecessor.valid_from_year }
          : null,
      };
    });
    // Obstacles noted with the period's verified realisations, where the team wrote no narrative.
    const end = quarterEndMonth(quarter);
    const codeOf = new Map(indicators.map((i) => [i.id, i.code]));
    const obstacles = new Map<string, string>();
    const ratios = new Map<string, { numerator: string; denominator: string }>();
    for (const r of (await repo.realisationsOf(ctx.db, unitId, year)).filter((x) => x.status === 'verified' && x.month <= end)) {
      const code = codeOf.get(r.indicator_id) ?? '';
      if (r.obstacles?.trim()) obstacles.set(code, r.obstacles.trim());
      // The numerator and denominator as entered at the period end (Lampiran "Matriks Capaian RAPK").
      const input = JSON.parse(r.input_json) as { kind: string; numerator?: string; denominator?: string };
      if (r.month === end && input.kind === 'ratio' && input.numerator && input.denominator)
        ratios.set(code, { numerator: input.numerator, denominator: input.denominator });
    }

    const signDate = lock ? localDate(new Date(lock.finalised_at), unit.time_zone) : localDate(ctx.clock.now(), unit.time_zone);
    const signatory = await deps.signatoryOn(unitId, signDate);
    const revisionLines = (await repo.revisionLinesOf(ctx.db, unitId, year)).map((l) => ({
      code: codeOf.get(l.indicator_id) ?? '',
      currentAnnual: l.current_annual,
      proposedAnnual: l.proposed_annual,
      currentMonthly: JSON.parse(l.current_monthly_json) as (string | null)[],
      proposedMonthly: JSON.parse(l.proposed_monthly_json) as (string | null)[],
      verdict: l.verdict,
    }));
    const statusLine = await workflowLine(unitId, year, quarter, unit.time_zone, locale);
    const decimal = (s: string | null) => (s === null || s === '' ? '-' : formatNumber(locale, Rational.parse(s), 2));
    // An entered number keeps its own precision (539 stays 539, 14,5 stays 14,5).
    const entered = (s: string | null) =>
      s === null ? '-' : formatNumber(locale, Rational.parse(s), Math.min(6, s.split('.')[1]?.length ?? 0));
    const rupiah = (s: string | null) => (s === null ? '-' : formatNumber(locale, Rational.parse(s), 0));
    return composeLapkin({
      locale,
      kind: period === 'annual' ? 'annual' : 'interim',
      entity: { name: unit.name, code: unit.code },
      year,
      quarter,
      report,
      plan: {
        perspectives: perspectives.map((p) => ({ code: p.code, name: p.name })),
        sasaran: sasaran.map((s) => ({ id: s.id, code: s.code, name: s.name })),
        indicators: planIndicators,
      },
      texts,
      realisationObstacles: obstacles,
      ratioInputs: ratios,
      signature: signatory
        ? {
            placeDate: `${unit.city ?? unit.short_name}, ${longDate(signDate, locale)}`,
            position: signatory.title,
            name: signatory.fullName,
            ...(signatory.nip ? { nip: signatory.nip } : {}),
          }
        : null,
      finalised: lock !== undefined,
      statusLine,
      revisionLines,
      format: { decimal, rupiah, entered },
    });
  }

  /** "Status laporan: Ditetapkan; direviu Tim SAKIP oleh …; ditetapkan oleh …; disampaikan kepada …". */
  async function workflowLine(unitId: string, year: number, quarter: number, timeZone: string, locale: Locale) {
    const { status, row, lock } = await lapkinStatusOf(ctx.db, unitId, year, quarter);
    const names = await repo.userNames(
      ctx.db,
      [row?.reviewed_by, lock?.finalised_by].filter((x): x is string => typeof x === 'string'),
    );
    const who = (id: string | null | undefined) => (id ? (names.get(id) ?? '-') : '-');
    const day = (iso: string) => longDate(localDate(new Date(iso), timeZone), locale);
    const parts = [t(locale, `performance.lapkin.status.${status}`)];
    if (status !== 'draft' && row?.reviewed_at)
      parts.push(lapkinText(locale, 'statusReviewed', { name: who(row.reviewed_by), date: day(row.reviewed_at) }));
    if (lock) parts.push(lapkinText(locale, 'statusFinalised', { name: who(lock.finalised_by), date: day(lock.finalised_at) }));
    if (status === 'submitted' && row?.submitted_at)
      parts.push(lapkinText(locale, 'statusSubmitted', { to: row.submitted_to ?? '-', date: day(row.submitted_at) }));
    return lapkinText(locale, 'statusLine', { status: parts.join('; ') });
  }

  async function file(actor: Actor, unitId: string, year: number, period: LapkinPeriod, format: LapkinFormat, locale: Locale) {
    const doc = await document(actor, unitId, year, period, locale);
    const body = format === 'pdf' ? await renderDocumentPdf(doc) : await renderDocumentDocx(doc);
    const unit = await repo.findUnit(ctx.db, unitId);
    const name = `lapkin-${(unit?.code ?? unitId).toLowerCase()}-${year}-${period === 'annual' ? 'tahunan' : `tw${period}`}.${format}`;
    return { body, fileName: name.replace(/[^a-z0-9.-]/g, '-') };
  }

  return { document, file };
}
