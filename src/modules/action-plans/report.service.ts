import { classify } from '../../domain/core/classification.ts';
import { Rational } from '../../domain/core/rational.ts';
import { formatId } from '../../domain/core/rounding.ts';
import { SKM_GRADE } from '../../domain/tables.ts';
import { notFound } from '../../http/app-error.ts';
import { requireRole } from '../auth/access.ts';
import type { Actor } from '../auth/actor.ts';
import type { OrganisationService } from '../organisation/organisation.service.ts';
import type { ReportDocument } from '../reports/document/document.ts';
import { renderDocumentDocx } from '../reports/document/render-docx.ts';
import { renderDocumentPdf } from '../reports/document/render-pdf.ts';
import type { ServiceContext } from '../service-context.ts';
import type { ActionPlanService } from './action-plan.service.ts';
import { elementNames, longDateId, parseJson, todayWib } from './action-plans.common.ts';
import { unitElementValuesOfYear } from './element-values.ts';
import type { MonitoringService } from './monitoring.service.ts';
import { elementValues } from './recommendation.service.ts';
import { composeFollowUpReport, type FollowUpReportInput } from './reports/follow-up-report.ts';
import { composeMeReport, type MeReportInput, type MeReportPart, meReportTitle } from './reports/me-report.ts';

const MONITORING_READERS = ['inspectorate', 'skm_coordinator', 'executive_viewer', 'planning_bureau'] as const;
const AGENCY = 'Badan Pengawas Obat dan Makanan';

export type ReportFormat = 'pdf' | 'docx';
export interface RenderedReport {
  fileName: string;
  mediaType: string;
  data: Buffer;
}

const MEDIA: Record<ReportFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

const safeName = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[^\w.-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 120);

export async function renderReport(doc: ReportDocument, format: ReportFormat, baseName: string): Promise<RenderedReport> {
  const data = format === 'pdf' ? await renderDocumentPdf(doc) : await renderDocumentDocx(doc);
  return { fileName: `${safeName(baseName)}.${format}`, mediaType: MEDIA[format], data };
}

/**
 * The M&E report (DOMAIN 7.7) and the unit's follow-up report (5.13.2), as document trees and rendered files.
 * Every figure comes from the monitoring / action-plan services (the same numbers as the dashboards).
 */
export function createActionPlanReportService(
  ctx: ServiceContext,
  deps: { monitoring: MonitoringService; actionPlans: ActionPlanService; organisation: Pick<OrganisationService, 'signatoryOn'> },
) {
  const { monitoring, actionPlans, organisation } = deps;

  async function nationalResults(basisCampaignId: string | null): Promise<MeReportInput['national']> {
    if (!basisCampaignId) return null;
    const rows = await ctx.db
      .selectFrom('result_snapshot')
      .select(['values_json', 'version'])
      .where('campaign_id', '=', basisCampaignId)
      .where('kind', '=', 'skm_agency')
      .orderBy('version', 'desc')
      .limit(1)
      .execute();
    const row = rows[0];
    if (!row) return null;
    const values = parseJson<{ key: string; published?: string | null; exact?: string | null }[]>(row.values_json, []);
    const ikm = values.find((v) => v.key === 'IKM')?.published;
    if (!ikm) return null;
    const counted = values.find((v) => v.key === 'nCounted');
    const names = elementNames('skm');
    const grade = classify(SKM_GRADE, Rational.parse(ikm));
    return {
      index: formatId(Rational.parse(ikm)),
      target: null,
      achievementPct: null,
      grade: grade.code,
      gradeLabel: grade.label,
      respondents: counted?.exact ? Number(counted.exact) : null,
      elements: elementValues(row).map((e) => ({ code: e.code, name: names[e.code] ?? e.code, value: formatId(e.value) })),
    };
  }

  async function inspectorateSignature(date: string) {
    const ittama = await ctx.db
      .selectFrom('org_unit')
      .select(['id', 'city', 'head_title'])
      .where('code', '=', 'ITTAMA')
      .executeTakeFirst();
    const s = ittama ? await organisation.signatoryOn(ittama.id, date) : null;
    return {
      place: ittama?.city ?? 'Jakarta',
      date: longDateId(date),
      position: s?.title ?? ittama?.head_title ?? 'Inspektur Utama',
      name: s?.fullName ?? '(Nama Inspektur Utama)',
      nip: s?.nip ?? null,
    };
  }

  async function meReportDocument(actor: Actor, cycleId: string, part: MeReportPart = 'full') {
    // Lampiran on their own follow the Lampiran's scope; the whole report is the Inspectorate's.
    if (part === 'full') requireRole(actor, [...MONITORING_READERS]);
    const [l1, l2] = await Promise.all([monitoring.lampiran1(actor, cycleId), monitoring.lampiran2(actor, cycleId)]);
    const c = l1.cycle;
    const recTexts = new Map<number, string>();
    for (const u of l2.units) for (const r of u.recommendations) if (!recTexts.has(r.number)) recTexts.set(r.number, r.text);
    const team = (c.team as { name?: string; role?: string }[]).map((m) => ({ name: m.name ?? '', role: m.role ?? 'anggota' }));
    const input: MeReportInput = {
      basisYear: c.basisYear,
      cycle: {
        name: c.name,
        year: c.year,
        semester: c.semester,
        assignmentLetterNo: c.assignmentLetterNo,
        assignmentLetterDate: c.assignmentLetterDate ? longDateId(c.assignmentLetterDate) : null,
        team,
      },
      cutoff: longDateId(c.cutoffDate),
      lampiran1: {
        rows: l1.rows,
        total: l1.total,
        appreciation: l1.appreciation.map((g) => ({ unitType: g.unitType, units: g.units })),
        followUp: l1.followUp.map((g) => ({ unitType: g.unitType, units: g.units })),
      },
      lampiran2: { units: l2.units },
      recommendations: [...recTexts.entries()].sort((a, b) => a[0] - b[0]).map(([number, text]) => ({ number, text })),
      national: await nationalResults(c.basisCampaignId),
      gradeRanges: SKM_GRADE.bands.map((b) => ({ code: b.code, label: b.label, range: b.extra?.printedRange ?? '' })),
      signature: await inspectorateSignature(c.reportDate ?? todayWib(ctx.clock.now())),
    };
    return { doc: composeMeReport(input, part), title: meReportTitle(input), input };
  }

  async function meReport(actor: Actor, cycleId: string, format: ReportFormat, part: MeReportPart = 'full') {
    const { doc, input } = await meReportDocument(actor, cycleId, part);
    const base =
      part === 'full'
        ? `Laporan-Monev-RTL-SKM-${input.basisYear}-Semester-${input.cycle.semester}-${input.cycle.year}`
        : `${part === 'lampiran1' ? 'Lampiran-1' : 'Lampiran-2'}-Monev-RTL-SKM-${input.basisYear}-Semester-${input.cycle.semester}-${input.cycle.year}`;
    return renderReport(doc, format, base);
  }

  async function followUpDocument(actor: Actor, unitId: string, year: number) {
    const data = await actionPlans.followUpReport(actor, unitId, year);
    const unit = await ctx.db
      .selectFrom('org_unit')
      .select(['id', 'name', 'city', 'head_title'])
      .where('id', '=', unitId)
      .executeTakeFirst();
    if (!unit) throw notFound('Unit');
    const names = elementNames('skm');
    const values = (await unitElementValuesOfYear(ctx.db, [unitId], year)).get(unitId) ?? new Map<string, Rational>();
    const elements = Object.entries(names).map(([code, name], i) => {
      const v = values.get(code);
      return { no: i + 1, name, value: v ? formatId(v) : '-', grade: v ? classify(SKM_GRADE, v).code : '-' };
    });
    // Priority groups: by the action's first element, lowest published value first (DOMAIN 5.11), then rank.
    const groups = new Map<string, typeof data.rows>();
    for (const r of data.rows) {
      const key = r.elements[0]?.code ?? '';
      groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    const rank = (code: string) => {
      const rows = groups.get(code) ?? [];
      return Math.min(...rows.map((r) => r.priorityRank ?? 99));
    };
    const ordered = [...groups.keys()].sort((a, b) => {
      if (!a || !b) return a ? -1 : b ? 1 : 0;
      const va = values.get(a);
      const vb = values.get(b);
      return rank(a) - rank(b) || (va && vb ? va.cmp(vb) : 0) || a.localeCompare(b);
    });
    const quarterOf = (d: string | null) => (d ? Math.floor((Number(d.slice(5, 7)) - 1) / 3) + 1 : null);
    const priorities: FollowUpReportInput['priorities'] = ordered.map((code, gi) => ({
      label: code ? `${code} ${names[code] ?? ''}`.trim() : 'Saran/masukan pengguna layanan',
      actions: (groups.get(code) ?? []).map((r, ai) => ({
        number: `${gi + 1}.${ai + 1}`,
        actionText: r.actionText,
        quarter: quarterOf(r.timelineDate),
        timeline: r.timeline,
        pic: r.pic ?? '-',
        statusLabel: r.done ? 'Sudah' : 'Belum',
        realisationText: r.realisationText,
        documentation: r.evidence.map((e) => (e.kind === 'url' ? (e.url ?? '') : (e.fileName ?? ''))).filter(Boolean),
        obstacles: r.obstacles,
        strategy: r.strategy
          ? {
              strategyText: r.strategy.strategyText,
              targetDate: r.strategy.targetDate ? longDateId(r.strategy.targetDate) : null,
              pic: r.strategy.pic ?? null,
              stakeholders: r.strategy.stakeholders ?? null,
            }
          : null,
      })),
    }));
    const today = todayWib(ctx.clock.now());
    const head = await organisation.signatoryOn(unitId, today);
    const input: FollowUpReportInput = {
      period: year,
      reportYear: data.reportYear,
      unitName: unit.name,
      agencyName: AGENCY,
      elements,
      priorities,
      total: data.total,
      done: data.done,
      pctDisplay: data.followUpPct === null ? null : formatId(Rational.parse(data.followUpPct)),
      signature: {
        place: unit.city ?? 'Jakarta',
        date: longDateId(today),
        position: head?.title ?? unit.head_title ?? 'Kepala UPP',
        name: head?.fullName ?? '(Nama Kepala UPP)',
        nip: head?.nip ?? null,
      },
    };
    return { doc: composeFollowUpReport(input), input, unit };
  }

  async function followUpReport(actor: Actor, unitId: string, year: number, format: ReportFormat) {
    const { doc, unit } = await followUpDocument(actor, unitId, year);
    return renderReport(doc, format, `Laporan-Hasil-Tindak-Lanjut-SKM-${year}-${unit.name}`);
  }

  return { meReportDocument, meReport, followUpDocument, followUpReport };
}

export type ActionPlanReportService = ReturnType<typeof createActionPlanReportService>;
