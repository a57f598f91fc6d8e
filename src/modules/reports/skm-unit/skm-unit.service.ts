import { createHash } from 'node:crypto';
import { isoNow } from '../../../shared/clock.ts';
import type { PersonalDataCrypto } from '../../../shared/crypto/personal-data.ts';
import type { Locale } from '../../../shared/i18n/index.ts';
import { newId } from '../../../shared/ids.ts';
import type { AuditService } from '../../audit/audit.service.ts';
import type { Actor } from '../../auth/actor.ts';
import type { HistoryService } from '../../history/history.service.ts';
import type { Signatory } from '../../organisation/organisation.schema.ts';
import type { ResultsService } from '../../results/results.service.ts';
import type { ServiceContext } from '../../service-context.ts';
import type { ReportDocument } from '../document/document.ts';
import { renderDocumentDocx } from '../document/render-docx.ts';
import { renderDocumentPdf } from '../document/render-pdf.ts';
import type { HolidayService } from '../holidays.service.ts';
import { composeSkmUnitReport, composeStatement } from './skm-unit.document.ts';
import { loadSkmUnitModel, type SkmUnitReportModel } from './skm-unit.model.ts';
import * as repo from './skm-unit.repository.ts';

/**
 * The Laporan Pelaksanaan SKM of one unit (issue 5 item 1): composed from the model, rendered to
 * PDF or DOCX, and recorded as an issued document with the snapshot version it carries (null =
 * live, provisional figures). The unit's written sections live in `skm_report` and are only read
 * here, so generating again never touches them.
 */

export type ReportFormat = 'pdf' | 'docx';
export const MEDIA_TYPES: Record<ReportFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

export interface GeneratedDocument {
  buffer: Buffer;
  filename: string;
  mediaType: string;
}

export interface SkmUnitReportDeps {
  audit: AuditService;
  results: ResultsService;
  history: HistoryService;
  holidays: HolidayService;
  signatoryOn: (unitId: string, date: string) => Promise<Signatory | null>;
  crypto: () => PersonalDataCrypto;
}

const safe = (s: string) => s.replace(/[^\w.-]+/g, '_');

export function createSkmUnitReportService(ctx: ServiceContext, deps: SkmUnitReportDeps) {
  const model = (actor: Actor, campaignId: string, unitId: string, locale: Locale): Promise<SkmUnitReportModel> =>
    loadSkmUnitModel(ctx, deps, actor, campaignId, unitId, locale);

  async function compose(actor: Actor, campaignId: string, unitId: string, locale: Locale): Promise<ReportDocument> {
    return composeSkmUnitReport(await model(actor, campaignId, unitId, locale));
  }

  async function render(doc: ReportDocument, format: ReportFormat): Promise<Buffer> {
    return format === 'pdf' ? renderDocumentPdf(doc) : renderDocumentDocx(doc);
  }

  async function record(
    actor: Actor,
    m: SkmUnitReportModel,
    kind: string,
    format: ReportFormat,
    filename: string,
    buffer: Buffer,
  ): Promise<void> {
    const row = {
      id: newId(),
      kind,
      format,
      campaign_id: m.campaign.id,
      unit_id: m.unit.id,
      snapshot_version: m.snapshotVersion,
      blob_key: null,
      file_name: filename,
      sha256: createHash('sha256').update(buffer).digest('hex'),
      size_bytes: buffer.length,
      corrected: 0,
      created_by: actor.userId,
      created_at: isoNow(ctx.clock),
    };
    await ctx.db.transaction().execute(async (trx) => {
      await repo.insertIssued(trx, row);
      await deps.audit.record(trx, {
        unitId: m.unit.id,
        actor,
        entityType: 'issued_document',
        entityId: row.id,
        action: 'issue',
        after: {
          kind,
          format,
          campaignId: m.campaign.id,
          snapshotVersion: m.snapshotVersion,
          sha256: row.sha256,
          fileName: filename,
        },
      });
    });
  }

  /** The report as a file; H6's batch ZIP calls this per unit. */
  async function generate(
    actor: Actor,
    campaignId: string,
    unitId: string,
    format: ReportFormat,
    locale: Locale,
  ): Promise<GeneratedDocument> {
    const m = await model(actor, campaignId, unitId, locale);
    const buffer = await render(composeSkmUnitReport(m), format);
    const filename = `laporan-skm-${safe(m.unit.code)}-${m.campaign.year}${m.provisional ? '-sementara' : ''}.${format}`;
    await record(actor, m, 'laporan_skm', format, filename, buffer);
    return { buffer, filename, mediaType: MEDIA_TYPES[format] };
  }

  /** The Surat Pernyataan alone, to print, sign with a wet signature and stamp, and upload. */
  async function statement(
    actor: Actor,
    campaignId: string,
    unitId: string,
    format: ReportFormat,
    locale: Locale,
  ): Promise<GeneratedDocument> {
    const m = await model(actor, campaignId, unitId, locale);
    const buffer = await render(composeStatement(m), format);
    const filename = `surat-pernyataan-skm-${safe(m.unit.code)}-${m.campaign.year}.${format}`;
    await record(actor, m, 'surat_pernyataan_skm', format, filename, buffer);
    return { buffer, filename, mediaType: MEDIA_TYPES[format] };
  }

  return { model, compose, generate, statement };
}

export type SkmUnitReportService = ReturnType<typeof createSkmUnitReportService>;
