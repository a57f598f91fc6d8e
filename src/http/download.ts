import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';

/**
 * Headers of every file Mutu hands out (reports, exports, evidence, QR codes). Files may carry personal data or a
 * link token, so shared caches never keep them; the type is what Mutu says it is (nosniff); the file name survives
 * non-ASCII unit names (RFC 6266 `filename*`) with a plain-ASCII fallback for old clients.
 */
export function downloadHeaders(
  reply: FastifyReply,
  mediaType: string,
  filename: string,
  disposition: 'attachment' | 'inline' = 'attachment',
): FastifyReply {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return reply
    .type(mediaType)
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .header('content-disposition', `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`);
}

/** Sends a generated file or a stored blob as a download. */
export function sendDownload(
  reply: FastifyReply,
  file: { body: Buffer | Readable; filename: string; mediaType: string },
  disposition: 'attachment' | 'inline' = 'attachment',
): FastifyReply {
  return downloadHeaders(reply, file.mediaType, file.filename, disposition).send(file.body);
}
