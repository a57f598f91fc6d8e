import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';

/**
 * Where evidence bytes live. Keys are opaque, slash-separated and never user-chosen. The local-directory
 * store suits one server; an object-storage implementation of the same interface serves several.
 */
export interface BlobStore {
  put(key: string, data: Buffer | Readable): Promise<{ size: number; sha256: string }>;
  get(key: string): Promise<Readable>;
  exists(key: string): Promise<boolean>;
}

const KEY = /^[a-z0-9][a-z0-9/_.-]{0,250}$/i;

export function createLocalBlobStore(root: string): BlobStore {
  const base = resolve(root);
  const pathOf = (key: string) => {
    if (!KEY.test(key) || key.includes('..')) throw new Error(`Invalid blob key: ${key}`);
    const p = resolve(base, key);
    if (!p.startsWith(base + sep)) throw new Error(`Invalid blob key: ${key}`);
    return p;
  };
  return {
    async put(key, data) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      const chunks: Buffer[] = [];
      if (Buffer.isBuffer(data)) chunks.push(data);
      else for await (const c of data) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c));
      const buf = Buffer.concat(chunks);
      // Write then rename: a reader never sees half a file, and an existing key is never overwritten in place.
      const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
      await writeFile(tmp, buf, { flag: 'wx' });
      try {
        await rename(tmp, path);
      } catch (e) {
        await rm(tmp, { force: true });
        throw e;
      }
      return { size: buf.length, sha256: createHash('sha256').update(buf).digest('hex') };
    },
    async get(key) {
      const path = pathOf(key);
      await access(path);
      return createReadStream(path);
    },
    async exists(key) {
      try {
        await access(pathOf(key));
        return true;
      } catch {
        return false;
      }
    },
  };
}
