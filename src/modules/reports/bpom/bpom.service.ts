import { notFound } from '../../../http/app-error.ts';
import { isoNow } from '../../../shared/clock.ts';
import type { Locale } from '../../../shared/i18n/index.ts';
import type { ActionPlanService } from '../../action-plans/action-plan.service.ts';
import { requireRole } from '../../auth/access.ts';
import type { Actor } from '../../auth/actor.ts';
import type { HistoryService } from '../../history/history.service.ts';
import type { ResultsService } from '../../results/results.service.ts';
import type { ServiceContext } from '../../service-context.ts';
import * as campaignRepo from '../../surveys/campaign.repository.ts';
import { localDate } from '../../surveys/local-date.ts';
import type { ReportDocument } from '../document/document.ts';
import { renderDocumentDocx } from '../document/render-docx.ts';
import { renderDocumentPdf } from '../document/render-pdf.ts';
import { composeBpomReport } from './bpom.document.ts';
import { type BpomReportModel, type BpomUnitRow, type ScopeView, UNIT_TYPE_ORDER, unitTypeLabel } from './bpom.model.ts';
import { recordIssued } from './issued.repository.ts';

export type ReportFormat = 'pdf' | 'docx';
export const MEDIA_TYPES: Record<ReportFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

export const renderDocument = (doc: ReportDocument, format: ReportFormat): Promise<Buffer> =>
  format === 'pdf' ? renderDocumentPdf(doc) : renderDocumentDocx(doc);

/** The coordinator's compilation for Kementerian PANRB; the inspectorate and executives read it too. */
export const BPOM_REPORT_ROLES = ['skm_coordinator', 'inspectorate', 'executive_viewer'] as const;

type ScopeDto = Omit<ScopeView, 'elements'> & { elements: ScopeView['elements'] };

const scopeView = (s: ScopeDto): ScopeView => ({
  target: s.target,
  submitted: s.submitted,
  valid: s.valid,
  counted: s.counted,
  ikm: s.ikm,
  grade: s.grade ? { code: s.grade.code, label: s.grade.label } : null,
  ci95: { display: s.ci95.display },
  elements: s.elements.map((e) => ({
    code: e.code,
    name: e.name,
    value: e.value,
    grade: e.grade ? { code: e.grade.code, label: e.grade.label } : null,
  })),
});

/**
 * Laporan SKM BPOM (DOMAIN 5.13.4). Figures come from the results service (frozen snapshot once the
 * campaign is closed, live and marked "Sementara" before), RTL from the action-plan service, IKM
 * targets from the published history: nothing is recomputed here.
 */
export function createBpomReportService(
  ctx: ServiceContext,
  deps: { results: ResultsService; actionPlans: ActionPlanService; history: HistoryService },
) {
  async function model(actor: Actor, campaignId: string, locale: Locale): Promise<BpomReportModel> {
    requireRole(actor, BPOM_REPORT_ROLES);
    const campaign = await campaignRepo.findCampaign(ctx.db, campaignId);
    if (!campaign) throw notFound('Kampanye survei');
    const { body } = await deps.results.campaignResults(actor, campaignId, locale);
    if (!body) throw notFound('Kampanye survei');
    const types = new Map((await campaignRepo.campaignUnits(ctx.db, campaignId)).map((u) => [u.id, u.type]));
    const units: BpomUnitRow[] = [];
    for (const u of body.units) {
      const unit = (await deps.results.unitResults(actor, campaignId, u.unitId, locale)).body;
      const rtl = await deps.actionPlans.followUpReport(actor, u.unitId, campaign.year);
      const history = await deps.history.listSkm(actor, u.unitId);
      const type = types.get(u.unitId) ?? 'other';
      units.push({
        unitId: u.unitId,
        code: u.code,
        name: u.name,
        typeLabel: unitTypeLabel(type, locale),
        scope: scopeView(u),
        services: (unit?.services ?? []).map((s) => ({ serviceName: s.serviceName, ...scopeView(s) })),
        ikmTarget: history.items.find((h) => h.year === campaign.year)?.ikmTarget ?? null,
        rtl: rtl.rows.map((r) => ({
          elements: r.elements.map((e) => e.code).join(', '),
          actionText: r.actionText,
          timeline: r.timeline,
          pic: r.pic,
          done: r.done,
        })),
      });
    }
    units.sort(
      (a, b) =>
        UNIT_TYPE_ORDER(types.get(a.unitId) ?? '') - UNIT_TYPE_ORDER(types.get(b.unitId) ?? '') || a.name.localeCompare(b.name),
    );
    return {
      locale,
      campaign: { id: campaign.id, name: campaign.name, year: campaign.year, status: campaign.status },
      provisional: body.source !== 'snapshot',
      snapshotVersion: body.snapshotVersion,
      elements: body.elements,
      bpom: scopeView(body.bpom),
      units,
      generatedOn: localDate(ctx.clock.now(), 'Asia/Jakarta'),
    };
  }

  async function compose(actor: Actor, campaignId: string, locale: Locale): Promise<ReportDocument> {
    return composeBpomReport(await model(actor, campaignId, locale));
  }

  async function generate(actor: Actor, campaignId: string, format: ReportFormat, locale: Locale) {
    const m = await model(actor, campaignId, locale);
    const buffer = await renderDocument(composeBpomReport(m), format);
    const filename = `laporan-skm-bpom-${m.campaign.year}${m.provisional ? '-sementara' : ''}.${format}`;
    await recordIssued(ctx.db, {
      kind: 'laporan_skm_bpom',
      format,
      campaignId,
      unitId: null,
      snapshotVersion: m.snapshotVersion,
      fileName: filename,
      buffer,
      createdBy: actor.userId,
      createdAt: isoNow(ctx.clock),
    });
    return { buffer, filename, mediaType: MEDIA_TYPES[format] };
  }

  return { model, compose, generate };
}

export type BpomReportService = ReturnType<typeof createBpomReportService>;
