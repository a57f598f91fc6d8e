import { createHash } from 'node:crypto';
import type { Db } from '../../../db/connection.ts';
import { newId } from '../../../shared/ids.ts';

/** `issued_document` (migration 0070): which figures a generated file carried, and its digest. */
export async function recordIssued(
  db: Db,
  row: {
    kind: string;
    format: string;
    campaignId: string | null;
    unitId: string | null;
    snapshotVersion: number | null;
    fileName: string;
    buffer: Buffer;
    blobKey?: string | null;
    createdBy: string | null;
    createdAt: string;
  },
): Promise<string> {
  const id = newId();
  await db
    .insertInto('issued_document')
    .values({
      id,
      kind: row.kind,
      format: row.format,
      campaign_id: row.campaignId,
      unit_id: row.unitId,
      snapshot_version: row.snapshotVersion,
      blob_key: row.blobKey ?? null,
      file_name: row.fileName,
      sha256: createHash('sha256').update(row.buffer).digest('hex'),
      size_bytes: row.buffer.length,
      corrected: 0,
      created_by: row.createdBy,
      created_at: row.createdAt,
    })
    .execute();
  return id;
}
