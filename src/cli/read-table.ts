import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { CliError } from './command.ts';

/**
 * Reads a CSV or XLSX file with a header row. Row numbers are those the user sees in a spreadsheet:
 * the header is row 1 (in a CSV, blank lines count as rows, so the numbers match an editor or Excel).
 */

export interface TableRow {
  /** 1-based row number in the file (header = 1 for CSV, the sheet's own row number for XLSX). */
  rowNumber: number;
  /** Cell text by header, trimmed; missing cells are ''. */
  cells: Record<string, string>;
}

export interface Table {
  fileName: string;
  headers: string[];
  rows: TableRow[];
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

export async function readTable(path: string, cwd: string): Promise<Table> {
  const full = resolve(cwd, path);
  const fileName = basename(full);
  let buf: Buffer;
  try {
    buf = await readFile(full);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`Berkas tidak ditemukan: ${path} (file not found)`);
    if (code === 'EISDIR') throw new CliError(`${path} adalah direktori, bukan berkas (is a directory)`);
    throw new CliError(`Berkas tidak dapat dibaca: ${path} (cannot read file: ${code ?? String(e)})`);
  }
  if (buf.length === 0) throw new CliError(`Berkas ${fileName} kosong (the file is empty)`);
  const starts = (magic: number[]) => magic.every((b, i) => buf[i] === b);
  if (starts(ZIP_MAGIC)) return readXlsx(buf, fileName);
  if (starts(OLE_MAGIC))
    throw new CliError(
      `Berkas ${fileName} berformat .xls lama; simpan sebagai .xlsx atau CSV (legacy .xls is not supported: save as .xlsx or CSV)`,
    );
  return parseCsvTable(decodeText(buf, fileName), fileName);
}

function decodeText(buf: Buffer, fileName: string): string {
  const sample = buf.subarray(0, 8192);
  if (sample.includes(0))
    throw new CliError(`Berkas ${fileName} bukan CSV atau XLSX (binary file: expected CSV or XLSX with a header row)`);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buf);
  } catch {
    throw new CliError(`Berkas ${fileName} bukan teks UTF-8 (not UTF-8 text: save the CSV as UTF-8, or use XLSX)`);
  }
}

/** RFC 4180 records with `,`, `;` or tab separators (detected on the header line); quotes may span lines. */
export function parseCsvRecords(text: string, separator?: string): string[][] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const sep = separator ?? detectSeparator(src);
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let inQuotes = false;
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (inQuotes) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
      } else field += c;
      i++;
      continue;
    }
    if (c === '"' && field.trim() === '') {
      inQuotes = true;
      field = '';
    } else if (c === sep) {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      if (c === '\r' && src[i + 1] === '\n') i++;
    } else field += c;
    i++;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

function detectSeparator(text: string): string {
  let inQuotes = false;
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0 };
  for (const c of text) {
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (c === '\n' || c === '\r')) break;
    else if (!inQuotes && c in counts) counts[c] = (counts[c] as number) + 1;
  }
  const best = Object.entries(counts).sort((a, b) => b[1] - a[1])[0] as [string, number];
  return best[1] > 0 ? best[0] : ',';
}

export function parseCsvTable(text: string, fileName: string): Table {
  const records = parseCsvRecords(text);
  const isBlank = (r: string[]) => r.every((c) => c.trim() === '');
  const headerIndex = records.findIndex((r) => !isBlank(r));
  if (headerIndex < 0) throw new CliError(`Berkas ${fileName} kosong (the file is empty)`);
  const headers = checkHeaders(
    (records[headerIndex] as string[]).map((h) => h.trim()),
    fileName,
  );
  const rows: TableRow[] = [];
  for (let i = headerIndex + 1; i < records.length; i++) {
    const r = records[i] as string[];
    if (isBlank(r)) continue;
    rows.push({ rowNumber: i + 1, cells: Object.fromEntries(headers.map((h, j) => [h, (r[j] ?? '').trim()])) });
  }
  return { fileName, headers, rows };
}

async function readXlsx(buf: Buffer, fileName: string): Promise<Table> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw new CliError(`Berkas ${fileName} bukan XLSX yang dapat dibaca (not a readable XLSX workbook)`);
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new CliError(`Berkas ${fileName} tidak memiliki lembar kerja (the workbook has no worksheet)`);
  const grid: { rowNumber: number; values: string[] }[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      values[col - 1] = cellText(cell.value);
    });
    grid.push({ rowNumber, values: Array.from(values, (v) => v ?? '') });
  });
  const nonEmpty = grid.filter((r) => r.values.some((v) => v.trim() !== ''));
  const [head, ...body] = nonEmpty;
  if (!head) throw new CliError(`Berkas ${fileName} kosong (the first worksheet is empty)`);
  const headers = checkHeaders(
    head.values.map((h) => h.trim()),
    fileName,
  );
  return {
    fileName,
    headers,
    rows: body.map((r) => ({
      rowNumber: r.rowNumber,
      cells: Object.fromEntries(headers.map((h, j) => [h, (r.values[j] ?? '').trim()])),
    })),
  };
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return String(v);
  if (v instanceof Date) {
    // Spreadsheet dates carry no offset; keep them without one so that validation asks for it.
    return v.toISOString().slice(0, 19);
  }
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return v.result === undefined ? '' : cellText(v.result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text);
    if ('error' in v) return String(v.error);
  }
  return String(v);
}

function checkHeaders(headers: string[], fileName: string): string[] {
  const seen = new Map<string, number>();
  headers.forEach((h, i) => {
    if (h === '') return;
    const key = h.toLowerCase();
    const prev = seen.get(key);
    if (prev !== undefined)
      throw new CliError(
        `Berkas ${fileName}, baris 1: kolom "${h}" muncul dua kali (kolom ${prev + 1} dan ${i + 1}) (duplicate column)`,
      );
    seen.set(key, i);
  });
  return headers.map((h, i) => (h === '' ? `#${i + 1}` : h));
}

/** Header as written in the file that matches one of `names` (case-insensitive), if any. */
export function findColumn(table: Table, ...names: string[]): string | undefined {
  const wanted = names.map((n) => n.toLowerCase());
  for (const w of wanted) {
    const h = table.headers.find((x) => x.toLowerCase() === w);
    if (h) return h;
  }
  return undefined;
}
