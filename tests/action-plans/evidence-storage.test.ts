/* Evidence type detection by content (never by name) and the local-directory BlobStore. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalBlobStore } from '../../src/modules/evidence/blob-store.ts';
import { describeContent, detectFileType, zipEntryNames } from '../../src/modules/evidence/file-type.ts';

/** A stored (uncompressed) ZIP with these entries, local headers and central directory included. */
function zip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const n = Buffer.from(name);
    const data = Buffer.from(text);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, n, data);
    centrals.push(central, n);
    offset += 30 + n.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const cfb = (stream: string) =>
  Buffer.concat([
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
    Buffer.alloc(500),
    Buffer.from(stream, 'utf16le'),
  ]);

describe('detectFileType', () => {
  it('recognises PDF, PNG, JPEG', () => {
    expect(detectFileType(Buffer.from('%PDF-1.7\n'))?.extension).toBe('pdf');
    expect(detectFileType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))?.mediaType).toBe('image/png');
    expect(detectFileType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))?.mediaType).toBe('image/jpeg');
  });

  it('recognises real DOCX and XLSX files and a PPTX by their entries', async () => {
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('Notulen')] }] }));
    expect(detectFileType(Buffer.from(docx))?.extension).toBe('docx');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('a');
    expect(detectFileType(Buffer.from(await wb.xlsx.writeBuffer()))?.extension).toBe('xlsx');
    const pptx = zip({ '[Content_Types].xml': '<Types/>', 'ppt/presentation.xml': '<p/>' });
    expect(zipEntryNames(pptx)).toEqual(['[Content_Types].xml', 'ppt/presentation.xml']);
    expect(detectFileType(pptx)?.extension).toBe('pptx');
  });

  it('recognises legacy DOC and XLS compound files by their streams', () => {
    expect(detectFileType(cfb('WordDocument'))?.mediaType).toBe('application/msword');
    expect(detectFileType(cfb('Workbook'))?.mediaType).toBe('application/vnd.ms-excel');
  });

  it('refuses executables, plain ZIPs, other compound files (MSI), HTML and empty files', () => {
    const mz = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64)]);
    expect(detectFileType(mz)).toBeNull();
    expect(describeContent(mz)).toBe('program Windows (MZ)');
    expect(detectFileType(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1]))).toBeNull();
    expect(detectFileType(zip({ 'a.txt': 'x' }))).toBeNull();
    expect(detectFileType(zip({ '[Content_Types].xml': '<Types/>', 'payload/run.exe': 'MZ' }))).toBeNull();
    expect(detectFileType(cfb('SummaryInformation'))).toBeNull();
    expect(detectFileType(Buffer.from('<html><script>alert(1)</script>'))).toBeNull();
    expect(detectFileType(Buffer.alloc(0))).toBeNull();
  });
});

describe('local BlobStore', () => {
  const root = mkdtempSync(join(tmpdir(), 'mutu-blobstore-'));
  const store = createLocalBlobStore(root);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('puts, reports size and sha256, gets the same bytes back', async () => {
    const data = Buffer.from('%PDF-1.4 isi');
    const r = await store.put('evidence/u1/a.pdf', data);
    expect(r.size).toBe(data.length);
    expect(r.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await store.exists('evidence/u1/a.pdf')).toBe(true);
    expect(await store.exists('evidence/u1/b.pdf')).toBe(false);
    const chunks: Buffer[] = [];
    for await (const c of await store.get('evidence/u1/a.pdf')) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).equals(data)).toBe(true);
  });

  it('refuses keys that would leave its directory', async () => {
    await expect(store.put('../escape.txt', Buffer.from('x'))).rejects.toThrow(/Invalid blob key/);
    await expect(store.put('/etc/passwd', Buffer.from('x'))).rejects.toThrow(/Invalid blob key/);
    await expect(store.get('a/../../b')).rejects.toThrow(/Invalid blob key/);
  });
});
