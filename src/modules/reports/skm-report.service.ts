import type { Readable } from 'node:stream';
import type { Db } from '../../db/connection.ts';
import type { SkmCampaignTable, SkmReportStatus, SkmReportTable } from '../../db/schema.ts';
import { AppError, AppErrorCode, type FieldIssue, notFound } from '../../http/app-error.ts';
import { isoNow } from '../../shared/clock.ts';
import { type Locale, t } from '../../shared/i18n/index.ts';
import { newId } from '../../shared/ids.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { requireActor, requireUnitRead } from '../auth/access.ts';
import type { Actor } from '../auth/actor.ts';
import { resolveUnitScope } from '../auth/scope.ts';
import type { EvidenceService } from '../evidence/evidence.service.ts';
import { describeContent, detectFileType } from '../evidence/file-type.ts';
import type { NotificationService } from '../notifications/notification.service.ts';
import type { ServiceContext } from '../service-context.ts';
import { localDate } from '../surveys/local-date.ts';
import { REPORT_SECTION_KEYS, type ReportSections, type TimelineRow } from './report-sections.ts';
import {
  type Check,
  isLate,
  readinessChecks,
  SUBMIT_CAMPAIGN_STATUSES,
  shortfallOf,
  skmReportPolicy,
} from './skm-report.policy.ts';
import * as repo from './skm-report.repository.ts';
import type { JustificationsInput, ReportDtoT, SectionsInput, TimelineInput } from './skm-report.schema.ts';

/** The wet-signed statement is a scan or a photo: PDF, PNG or JPEG, recognised by content. */
const STATEMENT_MEDIA_TYPES = new Set(['application/pdf', 'image/png', 'image/jpeg']);

type CampaignUnit = Awaited<ReturnType<typeof repo.campaignUnits>>[number];
type TargetRow = Awaited<ReturnType<typeof repo.unitTargets>>[number];
type JustificationRow = Awaited<ReturnType<typeof repo.justifications>>[number];

const parseJson = <T>(text: string | null | undefined, fallback: T): T => {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
};

function stateError(key: string, params: Record<string, string | number> = {}, fields: FieldIssue[] = []) {
  return new AppError(AppErrorCode.INVALID_STATE, t('id', key, params), { messageKey: key, params, fields });
}

/** In-app pages the notifications point at (src/web/reports). */
export const reportPagePath = (campaignId: string, unitId: string) => `/app/laporan-skm/${campaignId}/unit/${unitId}`;
export const boardPagePath = (campaignId: string) => `/app/laporan-skm/${campaignId}`;

/**
 * The unit's Laporan SKM as a workflow (DOMAIN 5.12.3): the free-text sections and the timeline the unit
 * writes, the uploaded wet-signed Surat Pernyataan, the validity matrix (or NIHIL), the shortfall
 * justifications (D5), and draft → submitted → accepted | returned. Every change is audited on the
 * unit's chain; the unit hears about a return or acceptance in the app, and late units can be reminded.
 */
export function createSkmReportService(
  ctx: ServiceContext,
  deps: { audit: AuditService; evidence: EvidenceService; notifications: NotificationService },
) {
  const db = ctx.db;

  // ---- Loading and access ----

  async function loadCampaign(campaignId: string): Promise<SkmCampaignTable> {
    const c = await repo.findCampaign(db, campaignId);
    // SPKP/SPAK-only campaigns have no Laporan SKM.
    if (c?.kind !== 'skm') throw notFound('Kampanye survei');
    return c;
  }

  /** Campaign, unit (403 outside the reader's units, 404 when not in the campaign) and the report row if any. */
  async function load(actor: Actor, campaignId: string, unitId: string) {
    requireActor(actor);
    const campaign = await loadCampaign(campaignId);
    await requireUnitRead(db, actor, unitId);
    const unit = (await repo.campaignUnits(db, campaignId)).find((u) => u.id === unitId);
    if (!unit) throw notFound('Unit');
    const report = await repo.findReport(db, campaignId, unitId);
    return { campaign, unit, report };
  }

  const emptyDraft = (campaignId: string, unitId: string, now: string): SkmReportTable => ({
    id: newId(),
    campaign_id: campaignId,
    unit_id: unitId,
    status: 'draft',
    sections_json: '{}',
    timeline_json: '[]',
    statement_evidence_id: null,
    validity_matrix_status: 'pending',
    validity_matrix_at: null,
    submitted_by: null,
    submitted_at: null,
    reviewed_by: null,
    reviewed_at: null,
    review_notes: null,
    version: 1,
    created_at: now,
    updated_at: now,
  });

  /** The report row, locked for this transaction; created as an empty draft on first write. */
  async function lockReport(trx: Db, campaignId: string, unitId: string): Promise<SkmReportTable> {
    const found = await repo.findReportForUpdate(trx, ctx.engine, campaignId, unitId);
    if (found) return found;
    await repo.insertDraftIfMissing(trx, emptyDraft(campaignId, unitId, isoNow(ctx.clock)));
    const row = await repo.findReportForUpdate(trx, ctx.engine, campaignId, unitId);
    if (!row) throw new Error('skm_report row vanished');
    return row;
  }

  function assertEditable(report: Pick<SkmReportTable, 'status'>, campaign: SkmCampaignTable, locale: Locale) {
    if (skmReportPolicy.editable(report.status, campaign.status)) return;
    const key = campaign.status === 'closed' ? 'skmReport.campaignClosed' : 'skmReport.notEditable';
    throw stateError(key, { status: t(locale, `skmReport.status.${report.status}`) });
  }

  function assertVersion(report: Pick<SkmReportTable, 'version'>, version: number, locale: Locale) {
    if (report.version !== version) throw versionConflict(version, report.version, locale);
  }

  function versionConflict(sent: number, current: number, locale: Locale) {
    const params = { sent, current };
    const message = t(locale, 'skmReport.versionConflict', params);
    return new AppError(AppErrorCode.CONFLICT, message, {
      messageKey: 'skmReport.versionConflict',
      params,
      fields: [{ field: 'body.version', message }],
    });
  }

  // ---- Readiness ----

  interface UnitFacts {
    targets: TargetRow[];
    justifications: JustificationRow[];
    invalid: number;
  }

  /** `on`: the transaction when called inside one (SQLite has a single connection). */
  async function unitFacts(on: Db, campaignId: string, unitId: string): Promise<UnitFacts> {
    const targets = await repo.unitTargets(on, campaignId, [unitId]);
    const justifications = await repo.justifications(on, campaignId, [unitId]);
    const invalid = await repo.invalidCounts(on, campaignId, [unitId]);
    return { targets, justifications, invalid: invalid.get(unitId) ?? 0 };
  }

  function checksOf(report: SkmReportTable | undefined, facts: UnitFacts): Check[] {
    return readinessChecks({
      statementUploaded: Boolean(report?.statement_evidence_id),
      validityMatrix: report?.validity_matrix_status ?? 'pending',
      invalidResponses: facts.invalid,
      services: facts.targets.map((r) => ({
        unitServiceId: r.unit_service_id,
        serviceName: r.service_name,
        target: Number(r.target),
        valid: Number(r.n_valid),
      })),
      justified: new Set(facts.justifications.map((j) => j.unit_service_id)),
    });
  }

  const checkDto = (c: Check, locale: Locale) => ({
    code: c.code,
    ok: c.ok,
    message: t(locale, c.messageKey, c.params),
    unitServiceId: c.unitServiceId,
    serviceName: c.serviceName,
  });

  // ---- DTO ----

  async function toDto(
    actor: Actor,
    campaign: SkmCampaignTable,
    unit: CampaignUnit,
    report: SkmReportTable | undefined,
    locale: Locale,
  ): Promise<ReportDtoT> {
    const facts = await unitFacts(db, campaign.id, unit.id);
    const statement = report?.statement_evidence_id ? await repo.findEvidence(db, report.statement_evidence_id) : undefined;
    const status: SkmReportStatus = report?.status ?? 'draft';
    const checks = checksOf(report, facts);
    const sections = parseJson<ReportSections>(report?.sections_json, {});
    return {
      campaign: {
        id: campaign.id,
        name: campaign.name,
        year: campaign.year,
        status: campaign.status,
        reportDue: campaign.report_due,
      },
      unit: { id: unit.id, code: unit.code, name: unit.name },
      id: report?.id ?? null,
      status,
      version: report?.version ?? 1,
      sections: Object.fromEntries(REPORT_SECTION_KEYS.map((k) => [k, sections[k] ?? ''])),
      timeline: parseJson<TimelineRow[]>(report?.timeline_json, []),
      statement: statement
        ? {
            id: statement.id,
            fileName: statement.file_name,
            mediaType: statement.media_type,
            sizeBytes: statement.size_bytes === null ? null : Number(statement.size_bytes),
            uploadedBy: statement.uploaded_by,
            uploadedAt: statement.uploaded_at,
          }
        : null,
      validityMatrix: {
        status: report?.validity_matrix_status ?? 'pending',
        at: report?.validity_matrix_at ?? null,
        invalidResponses: facts.invalid,
      },
      submittedBy: report?.submitted_by ?? null,
      submittedAt: report?.submitted_at ?? null,
      reviewedBy: report?.reviewed_by ?? null,
      reviewedAt: report?.reviewed_at ?? null,
      reviewNotes: report?.review_notes ?? null,
      checks: checks.map((c) => checkDto(c, locale)),
      can: {
        edit: skmReportPolicy.canEdit(actor, unit.id) && skmReportPolicy.editable(status, campaign.status),
        submit:
          skmReportPolicy.canSubmit(actor, unit.id) && status === 'draft' && SUBMIT_CAMPAIGN_STATUSES.includes(campaign.status),
        review: skmReportPolicy.canReview(actor) && status === 'submitted',
      },
      updatedAt: report?.updated_at ?? null,
    };
  }

  async function get(actor: Actor, campaignId: string, unitId: string, locale: Locale) {
    const { campaign, unit, report } = await load(actor, campaignId, unitId);
    return toDto(actor, campaign, unit, report, locale);
  }

  /** Shared frame of every unit-side write: access, lock, editability, one audit row, fresh DTO. */
  async function editReport(
    actor: Actor,
    campaignId: string,
    unitId: string,
    locale: Locale,
    change: (trx: Db, report: SkmReportTable, campaign: SkmCampaignTable) => Promise<void>,
  ) {
    const { campaign, unit } = await load(actor, campaignId, unitId);
    skmReportPolicy.assertEdit(actor, unitId);
    await db.transaction().execute(async (trx) => {
      const report = await lockReport(trx, campaignId, unitId);
      assertEditable(report, campaign, locale);
      await change(trx, report, campaign);
    });
    return toDto(actor, campaign, unit, await repo.findReport(db, campaignId, unitId), locale);
  }

  // ---- Content ----

  async function saveSections(actor: Actor, campaignId: string, unitId: string, input: SectionsInput, locale: Locale) {
    return editReport(actor, campaignId, unitId, locale, async (trx, report) => {
      assertVersion(report, input.version, locale);
      const current = parseJson<ReportSections>(report.sections_json, {});
      const next: ReportSections = { ...current };
      const before: ReportSections = {};
      const after: ReportSections = {};
      for (const key of REPORT_SECTION_KEYS) {
        const sent = input.sections[key];
        if (sent === undefined) continue;
        const value = sent.replace(/\r\n?/g, '\n');
        const old = current[key] ?? '';
        if (value === old) continue;
        before[key] = old;
        after[key] = value;
        if (value.trim() === '') delete next[key];
        else next[key] = value;
      }
      if (!Object.keys(after).length) return; // nothing changed: keep the version
      const ok = await repo.updateReport(
        trx,
        report.id,
        { version: report.version },
        { sections_json: JSON.stringify(next), version: report.version + 1, updated_at: isoNow(ctx.clock) },
      );
      // The row is locked, so this only fails if something bypassed the lock.
      if (!ok) throw versionConflict(input.version, report.version + 1, locale);
      await deps.audit.record(trx, {
        unitId,
        actor,
        entityType: 'skm_report',
        entityId: report.id,
        action: 'sections_update',
        before,
        after,
      });
    });
  }

  async function saveTimeline(actor: Actor, campaignId: string, unitId: string, input: TimelineInput, locale: Locale) {
    const fields: FieldIssue[] = [];
    input.rows.forEach((r, i) => {
      if (r.end < r.start) fields.push({ field: `body.rows.${i}.end`, message: t(locale, 'skmReport.timeline.endBeforeStart') });
    });
    if (fields.length) {
      throw new AppError(AppErrorCode.VALIDATION, t('id', 'skmReport.timeline.endBeforeStart'), {
        messageKey: 'skmReport.timeline.endBeforeStart',
        fields,
      });
    }
    return editReport(actor, campaignId, unitId, locale, async (trx, report) => {
      assertVersion(report, input.version, locale);
      const rows: TimelineRow[] = input.rows.map((r) => ({ activity: r.activity, start: r.start, end: r.end }));
      const ok = await repo.updateReport(
        trx,
        report.id,
        { version: report.version },
        { timeline_json: JSON.stringify(rows), version: report.version + 1, updated_at: isoNow(ctx.clock) },
      );
      if (!ok) throw versionConflict(input.version, report.version + 1, locale);
      await deps.audit.record(trx, {
        unitId,
        actor,
        entityType: 'skm_report',
        entityId: report.id,
        action: 'timeline_update',
        before: parseJson<TimelineRow[]>(report.timeline_json, []),
        after: rows,
      });
    });
  }

  // ---- Signed statement ----

  async function uploadStatement(
    actor: Actor,
    campaignId: string,
    unitId: string,
    file: { fileName: string; data: Buffer },
    locale: Locale,
  ) {
    const { campaign } = await load(actor, campaignId, unitId);
    skmReportPolicy.assertEdit(actor, unitId);
    const type = detectFileType(file.data);
    if (!type || !STATEMENT_MEDIA_TYPES.has(type.mediaType)) {
      const params = {
        file: file.fileName.slice(0, 120),
        content: type ? type.extension.toUpperCase() : describeContent(file.data),
      };
      const message = t(locale, 'skmReport.statement.type', params);
      throw new AppError(AppErrorCode.UNSUPPORTED_MEDIA, message, {
        messageKey: 'skmReport.statement.type',
        params,
        fields: [{ field: 'file', message }],
      });
    }
    // The row must exist before the evidence that points at it; refuse early when it is not a draft.
    const report = await db.transaction().execute(async (trx) => {
      const r = await lockReport(trx, campaignId, unitId);
      assertEditable(r, campaign, locale);
      return r;
    });
    const evidence = await deps.evidence.addFile(
      actor,
      { type: 'skm_report', id: report.id, unitId },
      {
        fileName: file.fileName,
        data: file.data,
        description: 'Surat Pernyataan Kebenaran Data SKM (tanda tangan basah)',
        supersedesId: report.statement_evidence_id ?? undefined,
      },
    );
    return editReport(actor, campaignId, unitId, locale, async (trx, locked) => {
      await repo.updateReport(trx, locked.id, {}, { statement_evidence_id: evidence.id, updated_at: isoNow(ctx.clock) });
      await deps.audit.record(trx, {
        unitId,
        actor,
        entityType: 'skm_report',
        entityId: locked.id,
        action: 'statement_upload',
        before: { statementEvidenceId: locked.statement_evidence_id },
        after: { statementEvidenceId: evidence.id, fileName: evidence.fileName, sha256: evidence.sha256 },
      });
    });
  }

  /** The uploaded signed statement (current version) for anyone who may read the unit's report. */
  async function openStatement(actor: Actor, campaignId: string, unitId: string) {
    const { report } = await load(actor, campaignId, unitId);
    const row = report?.statement_evidence_id ? await repo.findEvidence(db, report.statement_evidence_id) : undefined;
    if (!row) throw notFound('Surat Pernyataan');
    const stream: Readable = await deps.evidence.open(row);
    return { row, stream };
  }

  // ---- Validity matrix ----

  async function setValidityMatrix(
    actor: Actor,
    campaignId: string,
    unitId: string,
    status: 'submitted' | 'nihil',
    locale: Locale,
  ) {
    return editReport(actor, campaignId, unitId, locale, async (trx, report) => {
      if (status === 'nihil') {
        const invalid = (await repo.invalidCounts(trx, campaignId, [unitId])).get(unitId) ?? 0;
        if (invalid > 0) {
          const message = t(locale, 'skmReport.matrix.nihilRefused', { n: invalid });
          throw stateError('skmReport.matrix.nihilRefused', { n: invalid }, [{ field: 'body.status', message }]);
        }
      }
      const now = isoNow(ctx.clock);
      await repo.updateReport(trx, report.id, {}, { validity_matrix_status: status, validity_matrix_at: now, updated_at: now });
      await deps.audit.record(trx, {
        unitId,
        actor,
        entityType: 'skm_report',
        entityId: report.id,
        action: 'validity_matrix',
        before: { status: report.validity_matrix_status },
        after: { status },
      });
    });
  }

  // ---- Shortfall justifications (D5) ----

  async function justificationsDto(actor: Actor, campaign: SkmCampaignTable, unitId: string, report: SkmReportTable | undefined) {
    const [targets, rows] = await Promise.all([
      repo.unitTargets(db, campaign.id, [unitId]),
      repo.justifications(db, campaign.id, [unitId]),
    ]);
    const byService = new Map(rows.map((r) => [r.unit_service_id, r]));
    return {
      editable: skmReportPolicy.canEdit(actor, unitId) && skmReportPolicy.editable(report?.status ?? 'draft', campaign.status),
      services: targets.map((r) => {
        const j = byService.get(r.unit_service_id);
        const target = Number(r.target);
        const valid = Number(r.n_valid);
        const shortfall = shortfallOf({ target, valid });
        return {
          unitServiceId: r.unit_service_id,
          serviceName: r.service_name,
          target,
          valid,
          counted: Number(r.n_counted),
          shortfall,
          required: shortfall > 0,
          text: j?.text ?? null,
          enteredBy: j?.entered_by ?? null,
          enteredAt: j?.entered_at ?? null,
        };
      }),
    };
  }

  async function getJustifications(actor: Actor, campaignId: string, unitId: string) {
    const { campaign, report } = await load(actor, campaignId, unitId);
    return justificationsDto(actor, campaign, unitId, report);
  }

  async function saveJustifications(
    actor: Actor,
    campaignId: string,
    unitId: string,
    input: JustificationsInput,
    locale: Locale,
  ) {
    const { campaign } = await load(actor, campaignId, unitId);
    skmReportPolicy.assertEdit(actor, unitId);
    const services = new Set((await repo.unitTargets(db, campaignId, [unitId])).map((r) => r.unit_service_id));
    const fields: FieldIssue[] = [];
    const seen = new Set<string>();
    input.items.forEach((item, i) => {
      if (!services.has(item.unitServiceId))
        fields.push({ field: `body.items.${i}.unitServiceId`, message: t(locale, 'skmReport.justification.unknownService') });
      else if (seen.has(item.unitServiceId))
        fields.push({ field: `body.items.${i}.unitServiceId`, message: t(locale, 'skmReport.justification.duplicate') });
      seen.add(item.unitServiceId);
    });
    if (fields.length) {
      throw new AppError(AppErrorCode.VALIDATION, t('id', 'error.validation'), { messageKey: 'error.validation', fields });
    }
    await db.transaction().execute(async (trx) => {
      // Justifications belong to the report: they freeze with it once submitted.
      const report = await lockReport(trx, campaignId, unitId);
      assertEditable(report, campaign, locale);
      const existing = new Map((await repo.justifications(trx, campaignId, [unitId])).map((r) => [r.unit_service_id, r]));
      const now = isoNow(ctx.clock);
      for (const item of input.items) {
        const old = existing.get(item.unitServiceId);
        if (old && old.text === item.text) continue;
        const id = old?.id ?? newId();
        if (old) await repo.updateJustification(trx, id, { text: item.text, entered_by: actor.userId, entered_at: now });
        else
          await repo.insertJustification(trx, {
            id,
            campaign_id: campaignId,
            unit_id: unitId,
            unit_service_id: item.unitServiceId,
            text: item.text,
            entered_by: actor.userId,
            entered_at: now,
          });
        await deps.audit.record(trx, {
          unitId,
          actor,
          entityType: 'shortfall_justification',
          entityId: id,
          action: old ? 'update' : 'create',
          before: old ? { unitServiceId: old.unit_service_id, text: old.text } : undefined,
          after: { unitServiceId: item.unitServiceId, text: item.text },
        });
      }
    });
    return justificationsDto(actor, campaign, unitId, await repo.findReport(db, campaignId, unitId));
  }

  // ---- Transitions (DOMAIN 5.12.3) ----

  async function submit(actor: Actor, campaignId: string, unitId: string, locale: Locale) {
    const { campaign, unit } = await load(actor, campaignId, unitId);
    skmReportPolicy.assertSubmit(actor, unitId);
    if (!SUBMIT_CAMPAIGN_STATUSES.includes(campaign.status)) {
      throw stateError('skmReport.submit.campaignStatus', { status: t(locale, `surveys.status.${campaign.status}`) });
    }
    await db.transaction().execute(async (trx) => {
      const report = await lockReport(trx, campaignId, unitId);
      if (report.status !== 'draft') {
        throw stateError('skmReport.transition.invalid', {
          from: t(locale, `skmReport.status.${report.status}`),
          to: t(locale, 'skmReport.status.submitted'),
        });
      }
      const facts = await unitFacts(trx, campaignId, unitId);
      const missing = checksOf(report, facts).filter((c) => !c.ok);
      if (missing.length) {
        const list = missing.map((c) => t(locale, c.messageKey, c.params));
        const params = { n: missing.length, items: list.join('; ') };
        throw new AppError(AppErrorCode.UNPROCESSABLE, t('id', 'skmReport.submit.incomplete', params), {
          messageKey: 'skmReport.submit.incomplete',
          params,
          fields: missing.map((c, i) => ({
            field: c.unitServiceId ? `${c.code}.${c.unitServiceId}` : c.code,
            message: list[i] as string,
          })),
        });
      }
      const now = isoNow(ctx.clock);
      const ok = await repo.updateReport(
        trx,
        report.id,
        { status: 'draft' },
        { status: 'submitted', submitted_by: actor.userId, submitted_at: now, updated_at: now },
      );
      if (!ok) throw stateError('skmReport.concurrentChange');
      await deps.audit.record(trx, {
        unitId,
        actor,
        entityType: 'skm_report',
        entityId: report.id,
        action: 'submit',
        before: { status: 'draft' },
        after: {
          status: 'submitted',
          statementEvidenceId: report.statement_evidence_id,
          validityMatrix: report.validity_matrix_status,
        },
      });
      const params = { unit: unit.name, campaign: campaign.name };
      await deps.notifications.notifyRoles(
        ['skm_coordinator'],
        null,
        {
          kind: 'report_submitted',
          title: t('id', 'skmReport.notify.submitted.title', params),
          body: t('id', 'skmReport.notify.submitted.body', params),
          link: reportPagePath(campaignId, unitId),
          unitId,
        },
        actor.userId,
        trx,
      );
    });
    return get(actor, campaignId, unitId, locale);
  }

  async function review(
    actor: Actor,
    campaignId: string,
    unitId: string,
    decision: 'return' | 'accept',
    notes: string | undefined,
    locale: Locale,
  ) {
    const { campaign, unit } = await load(actor, campaignId, unitId);
    skmReportPolicy.assertReview(actor);
    const to: SkmReportStatus = decision === 'accept' ? 'accepted' : 'draft';
    await db.transaction().execute(async (trx) => {
      const report = await lockReport(trx, campaignId, unitId);
      if (report.status !== 'submitted') {
        throw stateError('skmReport.transition.invalid', {
          from: t(locale, `skmReport.status.${report.status}`),
          to: t(locale, `skmReport.status.${decision === 'accept' ? 'accepted' : 'returned'}`),
        });
      }
      const now = isoNow(ctx.clock);
      const ok = await repo.updateReport(
        trx,
        report.id,
        { status: 'submitted' },
        { status: to, reviewed_by: actor.userId, reviewed_at: now, review_notes: notes ?? null, updated_at: now },
      );
      if (!ok) throw stateError('skmReport.concurrentChange');
      await deps.audit.record(trx, {
        unitId,
        actor,
        entityType: 'skm_report',
        entityId: report.id,
        action: decision,
        before: { status: 'submitted' },
        after: { status: to, notes: notes ?? null },
        reason: notes ?? null,
      });
      const params = { unit: unit.name, campaign: campaign.name, notes: notes ?? '-' };
      await deps.notifications.notifyRoles(
        ['unit_operator', 'unit_head'],
        unitId,
        {
          kind: decision === 'accept' ? 'report_accepted' : 'report_returned',
          title: t('id', `skmReport.notify.${decision}.title`, params),
          body: t('id', `skmReport.notify.${decision}.body`, params),
          link: reportPagePath(campaignId, unitId),
        },
        actor.userId,
        trx,
      );
    });
    return get(actor, campaignId, unitId, locale);
  }

  // ---- Coordinator's board ----

  async function boardRows(campaign: SkmCampaignTable, units: CampaignUnit[]) {
    const ids = units.map((u) => u.id);
    const [reports, targets, justifications, invalid] = await Promise.all([
      repo.reportsOfCampaign(db, campaign.id),
      repo.unitTargets(db, campaign.id, ids),
      repo.justifications(db, campaign.id, ids),
      repo.invalidCounts(db, campaign.id, ids),
    ]);
    const reportOf = new Map(reports.map((r) => [r.unit_id, r]));
    const now = ctx.clock.now();
    return units.map((u) => {
      const report = reportOf.get(u.id);
      const status: SkmReportStatus = report?.status ?? 'draft';
      const today = localDate(now, u.time_zone);
      const checks = checksOf(report, {
        targets: targets.filter((r) => r.unit_id === u.id),
        justifications: justifications.filter((j) => j.unit_id === u.id),
        invalid: invalid.get(u.id) ?? 0,
      });
      return { unit: u, report, status, today, late: isLate(status, campaign.report_due, today), checks };
    });
  }

  async function visibleUnits(actor: Actor, campaignId: string) {
    requireActor(actor);
    const campaign = await loadCampaign(campaignId);
    const scope = await resolveUnitScope(db, actor);
    const all = await repo.campaignUnits(db, campaignId);
    const units = scope.all ? all : all.filter((u) => scope.unitIds.has(u.id));
    if (!units.length) throw notFound('Kampanye survei');
    return { campaign, units, all };
  }

  async function board(actor: Actor, campaignId: string, query: { late: boolean }, locale: Locale) {
    const { campaign, units } = await visibleUnits(actor, campaignId);
    const rows = await boardRows(campaign, units);
    return {
      campaign: {
        id: campaign.id,
        name: campaign.name,
        year: campaign.year,
        status: campaign.status,
        reportDue: campaign.report_due,
      },
      today: localDate(ctx.clock.now(), 'Asia/Jakarta'),
      rows: rows
        .filter((r) => !query.late || r.late)
        .map((r) => ({
          unitId: r.unit.id,
          unitCode: r.unit.code,
          unitName: r.unit.name,
          status: r.status,
          submittedAt: r.report?.submitted_at ?? null,
          acceptedAt: r.status === 'accepted' ? (r.report?.reviewed_at ?? null) : null,
          reviewNotes: r.report?.review_notes ?? null,
          deadline: campaign.report_due,
          late: r.late,
          missing: r.status === 'draft' ? r.checks.filter((c) => !c.ok).map((c) => checkDto(c, locale)) : [],
        })),
    };
  }

  /** In-app reminders to the operators and heads of late units (all late ones, or the late ones among `unitIds`). */
  async function remind(actor: Actor, campaignId: string, unitIds: readonly string[] | undefined, locale: Locale) {
    skmReportPolicy.assertReview(actor);
    const { campaign, all } = await visibleUnits(actor, campaignId);
    if (unitIds) {
      const known = new Set(all.map((u) => u.id));
      const fields = unitIds
        .map((id, i) => ({ id, i }))
        .filter(({ id }) => !known.has(id))
        .map(({ i }) => ({ field: `body.unitIds.${i}`, message: t(locale, 'skmReport.remind.unknownUnit') }));
      if (fields.length)
        throw new AppError(AppErrorCode.VALIDATION, t('id', 'error.validation'), { messageKey: 'error.validation', fields });
    }
    const wanted = unitIds ? new Set(unitIds) : null;
    const late = (await boardRows(campaign, all)).filter((r) => r.late && (!wanted || wanted.has(r.unit.id)));
    let notified = 0;
    await db.transaction().execute(async (trx) => {
      for (const r of late) {
        const params = { unit: r.unit.name, campaign: campaign.name, date: campaign.report_due ?? '' };
        notified += await deps.notifications.notifyRoles(
          ['unit_operator', 'unit_head'],
          r.unit.id,
          {
            kind: 'report_reminder',
            title: t('id', 'skmReport.notify.reminder.title', params),
            body: t('id', 'skmReport.notify.reminder.body', params),
            link: reportPagePath(campaignId, r.unit.id),
          },
          actor.userId,
          trx,
        );
      }
      if (late.length) {
        await deps.audit.record(trx, {
          unitId: null,
          actor,
          entityType: 'skm_campaign',
          entityId: campaignId,
          action: 'report_reminders',
          after: { units: late.map((r) => r.unit.id), notified },
        });
      }
    });
    return { units: late.length, notified };
  }

  return {
    get,
    saveSections,
    saveTimeline,
    uploadStatement,
    openStatement,
    setValidityMatrix,
    getJustifications,
    saveJustifications,
    submit,
    returnReport: (actor: Actor, campaignId: string, unitId: string, notes: string, locale: Locale) =>
      review(actor, campaignId, unitId, 'return', notes, locale),
    accept: (actor: Actor, campaignId: string, unitId: string, notes: string | undefined, locale: Locale) =>
      review(actor, campaignId, unitId, 'accept', notes, locale),
    board,
    remind,
    maxStatementBytes: deps.evidence.maxBytes,
  };
}

export type SkmReportService = ReturnType<typeof createSkmReportService>;
