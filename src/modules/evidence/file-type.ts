/**
 * Evidence types are recognised from the bytes, never from the file name: PDF, PNG, JPEG, the OOXML office
 * formats (a ZIP whose entries are those of a Word, Excel or PowerPoint document) and the legacy Word/Excel
 * compound files. Anything else (an executable renamed to .pdf, a plain ZIP, HTML) is refused.
 */
export interface DetectedType {
  mediaType: string;
  extension: string;
}

const PDF = Buffer.from('%PDF-');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const CFB = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

const startsWith = (buf: Buffer, sig: Buffer) => buf.length >= sig.length && buf.subarray(0, sig.length).equals(sig);

/** Entry names from the ZIP central directory (end record searched in the last 64 KiB). */
export function zipEntryNames(buf: Buffer): string[] {
  const eocdSig = 0x06054b50;
  const from = Math.max(0, buf.length - 65_557);
  for (let i = buf.length - 22; i >= from; i--) {
    if (buf.readUInt32LE(i) !== eocdSig) continue;
    const count = buf.readUInt16LE(i + 10);
    let p = buf.readUInt32LE(i + 16);
    const names: string[] = [];
    for (let n = 0; n < count && p + 46 <= buf.length; n++) {
      if (buf.readUInt32LE(p) !== 0x02014b50) break;
      const nameLen = buf.readUInt16LE(p + 28);
      const extraLen = buf.readUInt16LE(p + 30);
      const commentLen = buf.readUInt16LE(p + 32);
      names.push(buf.subarray(p + 46, p + 46 + nameLen).toString('utf8'));
      p += 46 + nameLen + extraLen + commentLen;
    }
    return names;
  }
  return [];
}

const utf16 = (s: string) => Buffer.from(s, 'utf16le');

export function detectFileType(buf: Buffer): DetectedType | null {
  if (startsWith(buf, PDF)) return { mediaType: 'application/pdf', extension: 'pdf' };
  if (startsWith(buf, PNG)) return { mediaType: 'image/png', extension: 'png' };
  if (startsWith(buf, JPEG)) return { mediaType: 'image/jpeg', extension: 'jpg' };
  if (startsWith(buf, ZIP)) {
    const names = zipEntryNames(buf);
    if (!names.includes('[Content_Types].xml')) return null;
    if (names.some((n) => n.startsWith('word/')))
      return { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx' };
    if (names.some((n) => n.startsWith('xl/')))
      return { mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' };
    if (names.some((n) => n.startsWith('ppt/')))
      return { mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', extension: 'pptx' };
    return null;
  }
  if (startsWith(buf, CFB)) {
    // Compound files also carry MSI installers: require the Word or Excel stream in the directory.
    if (buf.includes(utf16('WordDocument'))) return { mediaType: 'application/msword', extension: 'doc' };
    if (buf.includes(utf16('Workbook')) || buf.includes(utf16('Book')))
      return { mediaType: 'application/vnd.ms-excel', extension: 'xls' };
    return null;
  }
  return null;
}

/** A short human description of what the bytes look like, for the refusal message. */
export function describeContent(buf: Buffer): string {
  if (buf.length >= 2 && buf[0] === 0x4d && buf[1] === 0x5a) return 'program Windows (MZ)';
  if (buf.length >= 4 && buf.subarray(0, 4).equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46]))) return 'program ELF';
  if (startsWith(buf, ZIP)) return 'arsip ZIP';
  if (buf.length === 0) return 'berkas kosong';
  return 'tidak dikenal';
}
