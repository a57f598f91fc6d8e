import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import JSZip from 'jszip';
import { AppError, AppErrorCode, notFound } from '../../../http/app-error.ts';
import { isoNow } from '../../../shared/clock.ts';
import { type Locale, t } from '../../../shared/i18n/index.ts';
import { newId } from '../../../shared/ids.ts';
import { requireRole } from '../../auth/access.ts';
import type { Actor } from '../../auth/actor.ts';
import { type BlobStore, createLocalBlobStore } from '../../evidence/blob-store.ts';
import type { ServiceContext } from '../../service-context.ts';
import * as campaignRepo from '../../surveys/campaign.repository.ts';
import { recordIssued } from '../bpom/issued.repository.ts';
import * as repo from './batch.repository.ts';
import type { BatchJobDto, BatchStartBody } from './batch.schema.ts';

/**
 * Issue 5 item 7: every unit's Laporan SKM of a campaign in one ZIP, as a database job. The request
 * stores a `job` row (kind `report_batch`) and answers 202; an in-process runner claims due jobs from
 * the table (FOR UPDATE SKIP LOCKED on PostgreSQL, so several app servers share the queue), generates
 * unit after unit with a lease it keeps renewing, and writes progress `processed/total` after each.
 * A unit that fails is named with its reason and the others go on. The ZIP goes to the blob store.
 */

export const REPORT_BATCH_KIND = 'report_batch';
type Format = 'pdf' | 'docx';

/** H4's unit report: `createSkmUnitReportService(ctx, deps).generate`. */
export type UnitReportGenerator = (
  actor: Actor,
  campaignId: string,
  unitId: string,
  format: Format,
  locale: Locale,
) => Promise<{ buffer: Buffer; filename: string; mediaType: string }>;

interface Payload {
  campaignId: string;
  format: BatchStartBody['format'];
  units: { id: string; code: string; name: string }[];
  locale: Locale;
  /** The coordinator who asked: reports are generated with their rights, on whichever server runs the job. */
  actor: Pick<Actor, 'userId' | 'username' | 'fullName' | 'grants'>;
}

interface Failure {
  unitId: string;
  unitCode: string;
  unitName: string;
  message: { id: string; en: string };
}
interface Result {
  blobKey: string;
  files: number;
  sha256: string;
  size: number;
}

const LEASE_MS = 60_000;
const POLL_MS = 15_000;

function defaultBlobRoot(dataDir: string): string {
  if (process.env.MUTU_BLOB_DIR) return resolve(process.env.MUTU_BLOB_DIR);
  if (dataDir === ':memory:') return resolve(process.env.TMPDIR ?? '/tmp', `mutu-blobs-${process.pid}`);
  return resolve(dataDir, 'blobs');
}

const formatsOf = (f: BatchStartBody['format']): Format[] => (f === 'both' ? ['pdf', 'docx'] : [f]);

export function createReportBatchService(
  ctx: ServiceContext,
  deps: {
    /** Resolved lazily: the unit report service may be wired after this one. */
    generator: () => UnitReportGenerator | undefined;
    blobStore?: BlobStore;
    onError?: (err: unknown, jobId: string) => void;
  },
) {
  const blobs = deps.blobStore ?? createLocalBlobStore(defaultBlobRoot(ctx.config.dataDir));
  let draining: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  const now = () => isoNow(ctx.clock);
  const leaseUntil = () => new Date(ctx.clock.now().getTime() + LEASE_MS).toISOString();

  /** Runs due jobs one after another until none is left (one drain at a time per process). */
  function kick(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (!draining) {
      draining = (async () => {
        for (;;) {
          const job = await repo.claimNext(ctx.db, ctx.engine, REPORT_BATCH_KIND, now(), leaseUntil());
          if (!job) return;
          await run(job.id, JSON.parse(job.payload_json) as Payload);
        }
      })()
        .catch((err) => deps.onError?.(err, ''))
        .finally(() => {
          draining = null;
        });
    }
    return draining;
  }

  /** Polls the table while the process lives (unref'd: it never keeps the process alive). */
  function ensurePolling() {
    if (timer || stopped) return;
    timer = setInterval(() => void kick(), POLL_MS);
    timer.unref();
  }

  async function run(jobId: string, p: Payload): Promise<void> {
    const generate = deps.generator();
    const actor: Actor = { ...p.actor, mustChangePassword: false, sessionId: '', locale: p.locale };
    const zip = new JSZip();
    const failures: Failure[] = [];
    let files = 0;
    try {
      for (const [i, u] of p.units.entries()) {
        for (const format of formatsOf(p.format)) {
          try {
            if (!generate) throw new Error('unit report generator not available');
            const file = await generate(actor, p.campaignId, u.id, format, p.locale);
            // PDF streams and DOCX parts are compressed already: stored as they are, the ZIP costs no CPU.
            zip.file(`${String(i + 1).padStart(3, '0')}-${u.code}-${file.filename}`.replace(/[^\w.-]+/g, '_'), file.buffer, {
              compression: 'STORE',
            });
            files++;
          } catch (err) {
            failures.push({ unitId: u.id, unitCode: u.code, unitName: u.name, message: reason(err) });
            break; // the other format of a failing unit would fail the same way
          }
        }
        await repo.updateJob(ctx.db, jobId, {
          processed: i + 1,
          progress: Math.floor(((i + 1) * 99) / p.units.length),
          errors_json: JSON.stringify(failures),
          locked_until: leaseUntil(),
          updated_at: now(),
        });
      }
      if (files === 0) {
        await repo.updateJob(ctx.db, jobId, { status: 'failed', progress: 100, last_error: 'no file', updated_at: now() });
        return;
      }
      const buffer = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 1 } });
      const blobKey = `reports/batch/${jobId}.zip`;
      const stored = await blobs.put(blobKey, buffer);
      const result: Result = { blobKey, files, sha256: stored.sha256, size: stored.size };
      await recordIssued(ctx.db, {
        kind: 'batch_zip',
        format: 'zip',
        campaignId: p.campaignId,
        unitId: null,
        snapshotVersion: null,
        fileName: zipName(p),
        buffer,
        blobKey,
        createdBy: p.actor.userId,
        createdAt: now(),
      });
      await repo.updateJob(ctx.db, jobId, {
        status: 'succeeded',
        progress: 100,
        result_json: JSON.stringify(result),
        locked_until: null,
        updated_at: now(),
      });
    } catch (err) {
      deps.onError?.(err, jobId);
      await repo
        .updateJob(ctx.db, jobId, { status: 'failed', last_error: String(err).slice(0, 2000), updated_at: now() })
        .catch(() => undefined);
    }
  }

  function reason(err: unknown): { id: string; en: string } {
    if (err instanceof AppError && err.messageKey)
      return { id: t('id', err.messageKey, err.params), en: t('en', err.messageKey, err.params) };
    const text = (err instanceof Error ? err.message : String(err)).slice(0, 500);
    return { id: text, en: text };
  }

  const zipName = (p: Payload) => `laporan-skm-${p.campaignId.slice(0, 8)}.zip`;

  async function start(actor: Actor, campaignId: string, body: BatchStartBody, locale: Locale): Promise<{ jobId: string }> {
    requireRole(actor, ['skm_coordinator']);
    const campaign = await campaignRepo.findCampaign(ctx.db, campaignId);
    if (!campaign) throw notFound('Kampanye survei');
    const all = await campaignRepo.campaignUnits(ctx.db, campaignId);
    let units = all;
    if (body.unitIds) {
      const known = new Map(all.map((u) => [u.id, u]));
      const unknown = body.unitIds.findIndex((id) => !known.has(id));
      if (unknown >= 0) {
        const message = t(locale, 'reports.batch.unknownUnit');
        throw new AppError(AppErrorCode.VALIDATION, t('id', 'error.validation'), {
          messageKey: 'error.validation',
          fields: [{ field: `body.unitIds.${unknown}`, message }],
        });
      }
      const wanted = new Set(body.unitIds);
      units = all.filter((u) => wanted.has(u.id));
    }
    if (!units.length) {
      throw new AppError(AppErrorCode.INVALID_STATE, t('id', 'reports.batch.noUnits'), { messageKey: 'reports.batch.noUnits' });
    }
    if (!deps.generator()) {
      throw new AppError(AppErrorCode.INVALID_STATE, t('id', 'reports.batch.noGenerator'), {
        messageKey: 'reports.batch.noGenerator',
      });
    }
    const id = newId();
    const at = now();
    // `campaignId` first: the newest batch of a campaign is found by the payload prefix.
    const payload: Payload = {
      campaignId,
      format: body.format,
      units: units.map((u) => ({ id: u.id, code: u.code, name: u.name })),
      locale,
      actor: { userId: actor.userId, username: actor.username, fullName: actor.fullName, grants: actor.grants },
    };
    await repo.insertJob(ctx.db, {
      id,
      kind: REPORT_BATCH_KIND,
      payload_json: JSON.stringify(payload),
      status: 'queued',
      run_at: at,
      locked_until: null,
      attempts: 0,
      last_error: null,
      progress: 0,
      created_at: at,
      updated_at: at,
      created_by: actor.userId,
      unit_id: null,
      total: units.length,
      processed: 0,
      errors_json: '[]',
      result_json: null,
    });
    ensurePolling();
    setImmediate(() => void kick());
    return { jobId: id };
  }

  function toDto(job: NonNullable<Awaited<ReturnType<typeof repo.findJob>>>, locale: Locale): BatchJobDto {
    const p = JSON.parse(job.payload_json) as Payload;
    const failures = JSON.parse(job.errors_json ?? '[]') as Failure[];
    const result = job.result_json ? (JSON.parse(job.result_json) as Result) : null;
    const status = (['queued', 'running', 'succeeded', 'failed'] as const).find((s) => s === job.status) ?? 'queued';
    return {
      id: job.id,
      campaignId: p.campaignId,
      status,
      format: p.format,
      processed: job.processed ?? 0,
      total: job.total ?? p.units.length,
      progress: job.progress,
      failures: failures.map((f) => ({
        unitId: f.unitId,
        unitCode: f.unitCode,
        unitName: f.unitName,
        message: f.message[locale],
      })),
      files: result?.files ?? 0,
      downloadUrl: result ? `/api/v1/report-batches/${job.id}/download.zip` : null,
      message:
        status === 'failed'
          ? t(locale, 'reports.batch.failed')
          : failures.length
            ? t(locale, 'reports.batch.someFailed', { n: failures.length })
            : null,
      createdAt: job.created_at,
      updatedAt: job.updated_at,
    };
  }

  async function readable(actor: Actor, jobId: string) {
    requireRole(actor, ['skm_coordinator']);
    const job = await repo.findJob(ctx.db, jobId, REPORT_BATCH_KIND);
    if (!job) throw notFound(t('id', 'reports.batch.notFound'));
    return job;
  }

  async function status(actor: Actor, jobId: string, locale: Locale): Promise<BatchJobDto> {
    const job = await readable(actor, jobId);
    ensurePolling();
    if (job.status === 'queued' || job.status === 'running') void kick();
    return toDto(job, locale);
  }

  async function latest(actor: Actor, campaignId: string, locale: Locale): Promise<BatchJobDto | undefined> {
    requireRole(actor, ['skm_coordinator']);
    if (!(await campaignRepo.findCampaign(ctx.db, campaignId))) throw notFound('Kampanye survei');
    const job = await repo.latestJobOfCampaign(ctx.db, REPORT_BATCH_KIND, campaignId);
    return job ? toDto(job, locale) : undefined;
  }

  async function download(actor: Actor, jobId: string): Promise<{ stream: Readable; filename: string; sha256: string }> {
    const job = await readable(actor, jobId);
    const result = job.result_json ? (JSON.parse(job.result_json) as Result) : null;
    if (job.status !== 'succeeded' || !result) {
      throw new AppError(AppErrorCode.INVALID_STATE, t('id', 'reports.batch.notReady'), { messageKey: 'reports.batch.notReady' });
    }
    const p = JSON.parse(job.payload_json) as Payload;
    return { stream: await blobs.get(result.blobKey), filename: zipName(p), sha256: result.sha256 };
  }

  /** Waits for the current drain (tests, the benchmark, shutdown). */
  const idle = async () => {
    while (draining) await draining;
  };

  function stop() {
    stopped = true;
    if (timer) clearInterval(timer);
    timer = null;
  }

  return { start, status, latest, download, kick, idle, stop };
}

export type ReportBatchService = ReturnType<typeof createReportBatchService>;
