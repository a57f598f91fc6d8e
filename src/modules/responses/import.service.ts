import { createHash } from 'node:crypto';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { Db } from '../../db/connection.ts';
import { shippedProfile } from '../../domain/profiles/shipped-profiles.ts';
import { AppError, AppErrorCode, forbidden, notFound } from '../../http/app-error.ts';
import { isoNow } from '../../shared/clock.ts';
import { type Locale, t } from '../../shared/i18n/index.ts';
import { newId } from '../../shared/ids.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { requireUnitRead } from '../auth/access.ts';
import type { Actor } from '../auth/actor.ts';
import type { ServiceContext } from '../service-context.ts';
import {
  columnOfPath,
  detectFormat,
  type ImportColumn,
  type ImportIssue,
  importColumns,
  isBlankRow,
  MAX_IMPORT_ROWS,
  mapHeader,
  normaliseText,
  type ParsedRow,
  readSheet,
  rowParser,
} from './import.parse.ts';
import * as repo from './import.repository.ts';
import type { JobDto } from './import.schema.ts';
import { templateCsv, templateXlsx } from './import.template.ts';
import { assertDataEntry } from './paper-entry.service.ts';
import type { SubmitInput } from './response.schema.ts';
import type { ResponseService } from './submit-response.service.ts';
import * as matrixRepo from './validity-matrix.repository.ts';

/**
 * Spreadsheet import (issue 4 item 6) as a database job: the request stores a `job` row and answers
 * 202; the same process works on it right after (setImmediate). Every row is checked first; any
 * problem fails the job with every {row, column, message} and stores nothing. Otherwise all rows go
 * through W1's `submitMany` in ONE transaction. Each file row has a deterministic clientSubmissionId
 * (file digest + row), so uploading the same file again stores nothing twice.
 */

export const IMPORT_JOB_KIND = 'response_import';
/** Paper data may be typed in after collection ended (W1's submit rule for `paper_entry`). */
const IMPORT_STATUSES = ['collecting', 'validating'];
const PROGRESS_EVERY = 500;
const MAX_REPORTED_ISSUES = 5000;

interface JobPayload {
  campaignId: string;
  unitId: string;
  fileName: string;
  sha256: string;
  format: 'csv' | 'xlsx';
  size: number;
  locale: Locale;
}

interface StoredIssues {
  count: number;
  items: ImportIssue[];
}

const validation = (field: string, message: string) =>
  new AppError(AppErrorCode.VALIDATION, t('id', 'error.validation'), {
    messageKey: 'error.validation',
    fields: [{ field, message }],
  });

/** Stable per file row: the same file re-uploaded maps every row to the same key. */
export const rowSubmissionId = (sha256: string, row: number) =>
  `imp_${createHash('sha256').update(`${sha256}:${row}`).digest('hex').slice(0, 40)}`;

class ImportRefused extends Error {
  constructor(readonly issues: ImportIssue[]) {
    super('import refused');
  }
}

export function createImportService(
  ctx: ServiceContext,
  deps: { audit: AuditService; responses: ResponseService; onError?: (err: unknown, jobId: string) => void },
) {
  async function context(campaignId: string, unitId: string) {
    const cu = await matrixRepo.campaignAndUnit(ctx.db, campaignId, unitId);
    if (!cu) throw notFound('Kampanye survei');
    const profile = shippedProfile(cu.profile_code);
    if (!profile) throw new Error(`Unknown profile ${cu.profile_code}`);
    const services = await matrixRepo.campaignServicesOfUnit(ctx.db, campaignId, unitId);
    return { cu, profile, services };
  }

  async function template(actor: Actor, campaignId: string, unitId: string, format: 'csv' | 'xlsx', locale: Locale) {
    await requireUnitRead(ctx.db, actor, unitId);
    const { cu, profile, services } = await context(campaignId, unitId);
    const input = {
      profile,
      columns: importColumns(profile),
      services: services.map((s) => s.name),
      exampleDate: cu.collection_start,
      locale,
    };
    return format === 'csv' ? Buffer.from(templateCsv(input), 'utf8') : templateXlsx(input);
  }

  async function start(
    actor: Actor,
    campaignId: string,
    unitId: string,
    file: { bytes: Buffer; fileName: string } | null,
    locale: Locale,
  ): Promise<{ jobId: string }> {
    assertDataEntry(actor, unitId);
    const { cu } = await context(campaignId, unitId);
    if (!IMPORT_STATUSES.includes(cu.status)) {
      const params = { status: cu.status, statusLabel: t('id', `surveys.status.${cu.status}`) };
      throw new AppError(AppErrorCode.INVALID_STATE, t('id', 'paper.notAllowed', params), {
        messageKey: 'paper.notAllowed',
        params,
      });
    }
    if (!file || file.bytes.length === 0) throw validation('file', t(locale, 'import.file.missing'));
    const format = detectFormat(file.bytes, file.fileName);
    if (!format) throw validation('file', t(locale, 'import.file.type'));
    const now = isoNow(ctx.clock);
    const payload: JobPayload = {
      campaignId,
      unitId,
      fileName: file.fileName,
      sha256: createHash('sha256').update(file.bytes).digest('hex'),
      format,
      size: file.bytes.length,
      locale,
    };
    const jobId = newId();
    await repo.insertJob(ctx.db, {
      id: jobId,
      kind: IMPORT_JOB_KIND,
      payload_json: JSON.stringify(payload),
      status: 'queued',
      run_at: now,
      locked_until: null,
      attempts: 0,
      last_error: null,
      progress: 0,
      created_at: now,
      updated_at: now,
      created_by: actor.userId,
      unit_id: unitId,
      total: null,
      processed: 0,
      errors_json: null,
      result_json: null,
    });
    // Worked on by this process right after the answer; its state is only ever read from the row.
    setImmediate(() => {
      run(jobId, actor, payload, file.bytes).catch((err) => deps.onError?.(err, jobId));
    });
    return { jobId };
  }

  async function progress(jobId: string, patch: { progress: number; processed?: number; total?: number; status?: string }) {
    await repo.updateJob(ctx.db, jobId, { ...patch, updated_at: isoNow(ctx.clock) });
  }

  async function finishFailed(jobId: string, issues: ImportIssue[], lastError: string | null) {
    const stored: StoredIssues = { count: issues.length, items: issues.slice(0, MAX_REPORTED_ISSUES) };
    await repo.updateJob(ctx.db, jobId, {
      status: 'failed',
      progress: 100,
      errors_json: JSON.stringify(stored),
      last_error: lastError,
      updated_at: isoNow(ctx.clock),
    });
  }

  async function parseAll(
    jobId: string,
    payload: JobPayload,
    bytes: Buffer,
  ): Promise<{ parsed: ParsedRow[]; columns: ImportColumn[] }> {
    const fileIssue = (key: string, params?: Record<string, string | number>): ImportIssue[] => [
      { row: 0, column: 'file', message: { id: t('id', key, params), en: t('en', key, params) } },
    ];
    const sheet = await readSheet(bytes, payload.format);
    if (!sheet) throw new ImportRefused(fileIssue('import.file.unreadable', { format: payload.format.toUpperCase() }));
    const { cu, profile, services } = await context(payload.campaignId, payload.unitId);
    const columns = importColumns(profile);
    const header = mapHeader(sheet.header, columns, sheet.headerRow);
    if (header.issues.length) throw new ImportRefused(header.issues);
    const rows = sheet.rows.filter((r) => !isBlankRow(r));
    if (!rows.length) throw new ImportRefused(fileIssue('import.file.empty'));
    if (rows.length > MAX_IMPORT_ROWS)
      throw new ImportRefused(fileIssue('import.file.tooMany', { rows: rows.length, max: MAX_IMPORT_ROWS }));
    const serviceByName = new Map<string, string>();
    for (const s of services) serviceByName.set(normaliseText(s.name), s.unit_service_id);
    const parse = rowParser(
      {
        profile,
        timeZone: cu.time_zone,
        collectionStart: cu.collection_start,
        effectiveEnd: cu.effective_end,
        services: serviceByName,
      },
      columns,
      header,
    );
    await progress(jobId, { progress: 2, total: rows.length, processed: 0 });
    const parsed: ParsedRow[] = [];
    const issues: ImportIssue[] = [];
    for (const [i, r] of rows.entries()) {
      const res = parse(r);
      if (res.ok) parsed.push(res.value);
      else issues.push(...res.issues);
      if ((i + 1) % PROGRESS_EVERY === 0) {
        await progress(jobId, { progress: 2 + Math.floor(((i + 1) / rows.length) * 38), processed: i + 1 });
        await yieldToLoop();
      }
    }
    if (issues.length) throw new ImportRefused(issues);
    return { parsed, columns };
  }

  async function store(jobId: string, actor: Actor, payload: JobPayload, parsed: ParsedRow[], columns: ImportColumn[]) {
    const inputs: SubmitInput[] = parsed.map((p) => ({
      campaignId: payload.campaignId,
      unitId: payload.unitId,
      unitServiceId: p.unitServiceId,
      channel: 'paper_entry',
      clientSubmissionId: rowSubmissionId(payload.sha256, p.row),
      submittedAt: p.submittedAt,
      enteredBy: actor.userId,
      respondent: p.respondent,
      completionPct: p.completionPct,
      answers: p.answers,
      suggestion: p.suggestion,
      locale: payload.locale,
    }));
    // SQLite has one connection: a write beside the open transaction would wait for it forever, and
    // readers wait for the commit anyway. PostgreSQL readers see progress from other connections.
    const liveProgress = ctx.engine === 'postgres';
    let stored = 0;
    let replayed = 0;
    await ctx.db.transaction().execute(async (trx: Db) => {
      for (let start = 0; start < inputs.length; start += PROGRESS_EVERY) {
        const chunk = inputs.slice(start, start + PROGRESS_EVERY);
        let results: Awaited<ReturnType<ResponseService['submitMany']>>;
        try {
          results = await deps.responses.submitMany(trx, chunk);
        } catch (err) {
          if (err instanceof AppError && err.code === AppErrorCode.VALIDATION) {
            throw new ImportRefused(
              err.fields.map((f) => {
                const [idx, ...path] = f.field.split('.');
                const row = parsed[start + Number(idx)]?.row ?? 0;
                const column = path.length ? columnOfPath(path, columns) : 'row';
                return { row, column: fieldColumn(path, column), message: { id: f.message, en: f.message } };
              }),
            );
          }
          throw err;
        }
        for (const r of results)
          if (r.replayed) replayed++;
          else stored++;
        const done = Math.min(start + PROGRESS_EVERY, inputs.length);
        if (liveProgress) await progress(jobId, { progress: 40 + Math.floor((done / inputs.length) * 59), processed: done });
      }
      await deps.audit.record(trx, {
        unitId: payload.unitId,
        actor,
        entityType: 'response_import',
        entityId: jobId,
        action: 'import',
        after: {
          campaignId: payload.campaignId,
          fileName: payload.fileName,
          sha256: payload.sha256,
          rows: inputs.length,
          stored,
          replayed,
        },
      });
    });
    return { stored, replayed };
  }

  async function run(jobId: string, actor: Actor, payload: JobPayload, bytes: Buffer): Promise<void> {
    try {
      await progress(jobId, { status: 'running', progress: 1 });
      const { parsed, columns } = await parseAll(jobId, payload, bytes);
      const result = await store(jobId, actor, payload, parsed, columns);
      await repo.updateJob(ctx.db, jobId, {
        status: 'succeeded',
        progress: 100,
        processed: parsed.length,
        result_json: JSON.stringify(result),
        updated_at: isoNow(ctx.clock),
      });
    } catch (err) {
      if (err instanceof ImportRefused) {
        await finishFailed(jobId, err.issues, null);
        return;
      }
      const message = err instanceof AppError ? t(payload.locale, err.messageKey ?? '', err.params) : String(err);
      await finishFailed(jobId, [], message.slice(0, 2000)).catch(() => undefined);
      if (!(err instanceof AppError)) deps.onError?.(err, jobId);
    }
  }

  /** The creator of the job, or anyone who may read its unit. */
  async function getJob(actor: Actor, jobId: string, locale: Locale): Promise<JobDto> {
    const job = await repo.findJob(ctx.db, jobId);
    if (!job) throw notFound(t('id', 'import.job.notFound'));
    if (job.created_by !== actor.userId) {
      if (!job.unit_id) throw forbidden();
      await requireUnitRead(ctx.db, actor, job.unit_id);
    }
    const issues = job.errors_json ? (JSON.parse(job.errors_json) as StoredIssues) : { count: 0, items: [] };
    const failed = job.status === 'failed';
    return {
      id: job.id,
      kind: job.kind,
      status: job.status as JobDto['status'],
      progress: job.progress,
      total: job.total ?? null,
      processed: job.processed ?? null,
      errors: issues.items.map((i) => ({ row: i.row, column: i.column, message: i.message[locale] ?? i.message.id })),
      errorCount: issues.count,
      message: failed
        ? issues.count
          ? t(locale, 'import.failed', { count: issues.count })
          : t(locale, 'import.internal')
        : null,
      result: job.result_json ? (JSON.parse(job.result_json) as { stored: number; replayed: number }) : null,
      createdAt: job.created_at,
      updatedAt: job.updated_at,
    };
  }

  return { template, start, getJob };
}

/** W1 names fields of a submission; the user knows the file's columns. */
function fieldColumn(path: string[], mapped: string): string {
  const head = path[0];
  if (head === 'unitServiceId') return 'service';
  if (head === 'submittedAt') return 'submitted_at';
  if (head === 'clientSubmissionId') return 'row';
  return mapped;
}

export type ImportService = ReturnType<typeof createImportService>;
