import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import type { Db } from '../../db/connection.ts';
import type { EvidenceTable } from '../../db/schema.ts';
import { AppError, AppErrorCode, notFound } from '../../http/app-error.ts';
import { isoNow } from '../../shared/clock.ts';
import { t } from '../../shared/i18n/index.ts';
import { newId } from '../../shared/ids.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import type { ServiceContext } from '../service-context.ts';
import { type BlobStore, createLocalBlobStore } from './blob-store.ts';
import { describeContent, detectFileType } from './file-type.ts';

/** Default upload limit (10 MB); `MUTU_EVIDENCE_MAX_BYTES` changes it. */
export const DEFAULT_EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;

export interface EvidenceOwner {
  type: string;
  id: string;
  unitId: string;
}

export interface EvidenceDto {
  id: string;
  ownerType: string;
  ownerId: string;
  kind: 'file' | 'url';
  fileName: string | null;
  mediaType: string | null;
  sizeBytes: number | null;
  sha256: string | null;
  url: string | null;
  description: string | null;
  supersedesId: string | null;
  /** Replaced by a later version (kept, never overwritten). */
  supersededBy: string | null;
  uploadedBy: string | null;
  uploadedAt: string;
}

export interface EvidenceOptions {
  blobStore?: BlobStore;
  maxBytes?: number;
}

function resolveMaxBytes(): number {
  const v = Number(process.env.MUTU_EVIDENCE_MAX_BYTES);
  return Number.isInteger(v) && v > 0 ? v : DEFAULT_EVIDENCE_MAX_BYTES;
}

/** Blobs live under `DATA_DIR/blobs` unless `MUTU_BLOB_DIR` says otherwise (in-memory databases use a temp dir). */
function defaultBlobRoot(dataDir: string): string {
  if (process.env.MUTU_BLOB_DIR) return resolve(process.env.MUTU_BLOB_DIR);
  if (dataDir === ':memory:') return resolve(process.env.TMPDIR ?? '/tmp', `mutu-blobs-${process.pid}`);
  return resolve(dataDir, 'blobs');
}

const toDto = (e: EvidenceTable, supersededBy: string | null): EvidenceDto => ({
  id: e.id,
  ownerType: e.owner_type,
  ownerId: e.owner_id,
  kind: e.kind,
  fileName: e.file_name,
  mediaType: e.media_type,
  sizeBytes: e.size_bytes,
  sha256: e.sha256,
  url: e.url,
  description: e.description,
  supersedesId: e.supersedes_id,
  supersededBy,
  uploadedBy: e.uploaded_by,
  uploadedAt: e.uploaded_at,
});

/**
 * Evidence ("data dukung", DOMAIN 4.7): files checked by content and stored through a BlobStore, or links.
 * Never overwritten: a re-upload is a new row that supersedes the previous one. Authorisation is the
 * owner's module's job (it knows whose record the evidence belongs to).
 */
export function createEvidenceService(ctx: ServiceContext, deps: { audit: AuditService }, opts: EvidenceOptions = {}) {
  const blobs = opts.blobStore ?? createLocalBlobStore(defaultBlobRoot(ctx.config.dataDir));
  const maxBytes = opts.maxBytes ?? resolveMaxBytes();

  async function checkSupersedes(db: Db, owner: EvidenceOwner, supersedesId: string | undefined) {
    if (!supersedesId) return;
    const prev = await db.selectFrom('evidence').selectAll().where('id', '=', supersedesId).executeTakeFirst();
    if (!prev || prev.owner_type !== owner.type || prev.owner_id !== owner.id) {
      const message = t('id', 'actionPlans.evidence.supersedesUnknown');
      throw new AppError(AppErrorCode.VALIDATION, message, {
        messageKey: 'actionPlans.evidence.supersedesUnknown',
        fields: [{ field: 'supersedesId', message }],
      });
    }
  }

  async function insert(trx: Db, actor: Actor, row: EvidenceTable) {
    await trx.insertInto('evidence').values(row).execute();
    await deps.audit.record(trx, {
      unitId: row.unit_id,
      actor,
      entityType: 'evidence',
      entityId: row.id,
      action: row.supersedes_id ? 'supersede' : 'create',
      after: {
        ownerType: row.owner_type,
        ownerId: row.owner_id,
        kind: row.kind,
        fileName: row.file_name,
        mediaType: row.media_type,
        sizeBytes: row.size_bytes,
        sha256: row.sha256,
        url: row.url,
        supersedesId: row.supersedes_id,
      },
    });
  }

  /** Checks type by magic bytes and size, stores the blob, records the row (audited). */
  async function addFile(
    actor: Actor,
    owner: EvidenceOwner,
    input: { fileName: string; data: Buffer; description?: string | undefined; supersedesId?: string | undefined },
  ): Promise<EvidenceDto> {
    const fileName = input.fileName.replace(/[\\/]/g, '_').slice(0, 255) || 'berkas';
    if (input.data.length > maxBytes) throw tooLarge(fileName, maxBytes);
    const type = detectFileType(input.data);
    if (!type) {
      const params = { file: fileName, content: describeContent(input.data) };
      const message = t('id', 'actionPlans.evidence.unsupported', params);
      throw new AppError(AppErrorCode.UNSUPPORTED_MEDIA, message, {
        messageKey: 'actionPlans.evidence.unsupported',
        params,
        fields: [{ field: 'file', message }],
      });
    }
    await checkSupersedes(ctx.db, owner, input.supersedesId);
    const id = newId();
    const key = `evidence/${owner.unitId}/${id}.${type.extension}`;
    const stored = await blobs.put(key, input.data);
    const row: EvidenceTable = {
      id,
      unit_id: owner.unitId,
      owner_type: owner.type,
      owner_id: owner.id,
      kind: 'file',
      blob_key: key,
      file_name: fileName,
      media_type: type.mediaType,
      size_bytes: stored.size,
      sha256: stored.sha256,
      url: null,
      description: input.description ?? null,
      supersedes_id: input.supersedesId ?? null,
      uploaded_by: actor.userId,
      uploaded_at: isoNow(ctx.clock),
    };
    await ctx.db.transaction().execute((trx) => insert(trx, actor, row));
    return toDto(row, null);
  }

  async function addUrl(
    actor: Actor,
    owner: EvidenceOwner,
    input: { url: string; description?: string | undefined; supersedesId?: string | undefined },
  ): Promise<EvidenceDto> {
    await checkSupersedes(ctx.db, owner, input.supersedesId);
    const row: EvidenceTable = {
      id: newId(),
      unit_id: owner.unitId,
      owner_type: owner.type,
      owner_id: owner.id,
      kind: 'url',
      blob_key: null,
      file_name: null,
      media_type: null,
      size_bytes: null,
      sha256: null,
      url: input.url,
      description: input.description ?? null,
      supersedes_id: input.supersedesId ?? null,
      uploaded_by: actor.userId,
      uploaded_at: isoNow(ctx.clock),
    };
    await ctx.db.transaction().execute((trx) => insert(trx, actor, row));
    return toDto(row, null);
  }

  /** Every version of the owner's evidence, oldest first; `supersededBy` marks the replaced ones. */
  async function list(db: Db, ownerType: string, ownerIds: readonly string[]): Promise<EvidenceDto[]> {
    if (!ownerIds.length) return [];
    const rows = await db
      .selectFrom('evidence')
      .selectAll()
      .where('owner_type', '=', ownerType)
      .where('owner_id', 'in', [...ownerIds])
      .orderBy('uploaded_at')
      .orderBy('id')
      .execute();
    const next = new Map(rows.filter((r) => r.supersedes_id).map((r) => [r.supersedes_id as string, r.id]));
    return rows.map((r) => toDto(r, next.get(r.id) ?? null));
  }

  async function find(db: Db, id: string): Promise<EvidenceTable | undefined> {
    return db.selectFrom('evidence').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async function open(row: EvidenceTable): Promise<Readable> {
    if (row.kind !== 'file' || !row.blob_key) throw notFound('Berkas');
    return blobs.get(row.blob_key);
  }

  return { addFile, addUrl, list, find, open, maxBytes };
}

export function tooLarge(fileName: string, maxBytes: number): AppError {
  const params = { file: fileName, max: `${Math.round((maxBytes / 1024 / 1024) * 10) / 10} MB` };
  const message = t('id', 'actionPlans.evidence.tooLarge', params);
  return new AppError(AppErrorCode.PAYLOAD_TOO_LARGE, message, {
    messageKey: 'actionPlans.evidence.tooLarge',
    params,
    fields: [{ field: 'file', message }],
  });
}

export type EvidenceService = ReturnType<typeof createEvidenceService>;
