import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { describe, inject, it } from 'vitest';

/**
 * Opens generated documents the way a user would: poppler (pdfinfo, pdftotext, pdftoppm, pdffonts)
 * for PDFs, headless LibreOffice for DOCX and XLSX. Tests using these skip with a message when the
 * tools are absent, except under CI=true where the absence is a failure (like Chromium/PostgreSQL).
 */
const run = promisify(execFile);

export const hasPdftoppm = (): boolean => inject('hasPoppler');
export const hasSoffice = (): boolean => inject('hasSoffice');

function describeWhen(available: boolean, what: string, name: string, body: () => void): void {
  if (available) {
    describe(name, body);
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      it(`needs ${what} (CI=true forbids skipping)`, () => {
        throw new Error(`${what} is not installed but CI=true: refusing to skip`);
      });
    });
    return;
  }
  describe.skip(`${name} (skipped: ${what} not available)`, body);
}

/** Runs `body` when poppler-utils is installed (skip / CI failure otherwise). */
export const describePoppler = (name: string, body: () => void): void =>
  describeWhen(hasPdftoppm(), 'poppler-utils (pdfinfo/pdftoppm)', name, body);

/** Runs `body` when LibreOffice (and poppler, to read what it produces) is installed. */
export const describeOffice = (name: string, body: () => void): void =>
  describeWhen(hasSoffice() && hasPdftoppm(), 'LibreOffice (soffice) and poppler-utils', name, body);

function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `mutu-${prefix}-`));
}

async function withPdfFile<T>(buf: Buffer, fn: (file: string, dir: string) => Promise<T>): Promise<T> {
  const dir = tempDir('pdf');
  const file = join(dir, 'doc.pdf');
  writeFileSync(file, buf);
  try {
    return await fn(file, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface PdfInfo {
  pages: number;
  /** Page size in points of every page (pdfinfo -l). */
  sizes: { width: number; height: number }[];
}

export async function pdfInfo(buf: Buffer): Promise<PdfInfo> {
  return withPdfFile(buf, async (file) => {
    const { stdout } = await run('pdfinfo', ['-f', '1', '-l', '100000', file]);
    const pages = Number(/^Pages:\s+(\d+)/m.exec(stdout)?.[1] ?? Number.NaN);
    const sizes = [...stdout.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => ({
      width: Number(m[1]),
      height: Number(m[2]),
    }));
    return { pages, sizes };
  });
}

/** Page count (pdfinfo). */
export async function pdfPages(buf: Buffer): Promise<number> {
  return (await pdfInfo(buf)).pages;
}

/** The text a reader sees, page by page separated by form feeds (`pdftotext -layout`). */
export async function pdfText(buf: Buffer): Promise<string> {
  return withPdfFile(buf, async (file) => {
    const { stdout } = await run('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { maxBuffer: 64 << 20 });
    return stdout;
  });
}

export interface PdfFont {
  name: string;
  type: string;
  embedded: boolean;
  subset: boolean;
}

/** Fonts used by the PDF (`pdffonts`). */
export async function pdfFonts(buf: Buffer): Promise<PdfFont[]> {
  return withPdfFile(buf, async (file) => {
    const { stdout } = await run('pdffonts', [file]);
    // name type encoding emb sub uni object ID: columns are fixed-width, the flags are yes/no.
    return stdout
      .split('\n')
      .slice(2)
      .filter((l) => l.trim())
      .map((l) => {
        const m = /^(\S+)\s+(.+?)\s+(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.exec(l);
        return m
          ? { name: m[1] as string, type: m[2] as string, embedded: m[4] === 'yes', subset: m[5] === 'yes' }
          : { name: l.trim(), type: '?', embedded: false, subset: false };
      });
  });
}

/**
 * Renders pages to PNG files in a fresh temporary directory (kept so a person can look at them;
 * under the OS temp dir). Returns the files in page order.
 */
export async function pdfToPngs(
  buf: Buffer,
  opts: { dpi?: number; first?: number; last?: number; dir?: string } = {},
): Promise<string[]> {
  const dir = opts.dir ?? tempDir('png');
  await mkdir(dir, { recursive: true });
  const file = join(dir, 'doc.pdf');
  writeFileSync(file, buf);
  const args = ['-png', '-r', String(opts.dpi ?? 60)];
  if (opts.first) args.push('-f', String(opts.first));
  if (opts.last) args.push('-l', String(opts.last));
  await run('pdftoppm', [...args, file, join(dir, 'page')], { timeout: 120_000 });
  rmSync(file);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.png'))
    .sort()
    .map((f) => join(dir, f));
}

/** Forces LibreOffice to recalculate every formula on load (its default trusts cached values). */
const RECALC_ON_LOAD = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/**
 * Converts with headless LibreOffice. Every call has its own user profile so parallel test files
 * (and parallel calls) never share LibreOffice's lock file.
 */
async function sofficeConvert(input: Buffer, inputName: string, to: string, outExt: string): Promise<Buffer> {
  const dir = tempDir('lo');
  try {
    const profile = join(dir, 'profile');
    await mkdir(join(profile, 'user'), { recursive: true });
    writeFileSync(join(profile, 'user', 'registrymodifications.xcu'), RECALC_ON_LOAD);
    const inDir = join(dir, 'in');
    const outDir = join(dir, 'out');
    await mkdir(inDir);
    await mkdir(outDir);
    const file = join(inDir, inputName);
    writeFileSync(file, input);
    await run(
      'soffice',
      [
        `-env:UserInstallation=file://${profile}`,
        '--headless',
        '--norestore',
        '--nolockcheck',
        '--nodefault',
        '--convert-to',
        to,
        '--outdir',
        outDir,
        file,
      ],
      { timeout: 180_000, env: { ...process.env, HOME: dir } },
    );
    const produced = readdirSync(outDir).find((f) => f.endsWith(`.${outExt}`));
    if (!produced) throw new Error(`LibreOffice did not convert ${inputName} to ${outExt}`);
    return readFileSync(join(outDir, produced));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A Word file as LibreOffice lays it out, as PDF (read it with pdfText/pdfToPngs). */
export function docxToPdf(buf: Buffer): Promise<Buffer> {
  return sofficeConvert(buf, 'doc.docx', 'pdf:writer_pdf_Export', 'pdf');
}

export type RecalculatedValue = number | string | boolean | null;
export interface RecalculatedSheet {
  name: string;
  /** Value by A1 address after recalculation (formula cells give their result). */
  values: Map<string, RecalculatedValue>;
  /** Formula text by A1 address (without the leading `=`), as saved by LibreOffice. */
  formulas: Map<string, string>;
}

function plainValue(v: ExcelJS.CellValue): RecalculatedValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') {
    if ('result' in v) {
      const r = (v as { result?: unknown }).result;
      if (r === undefined || r === null) return null;
      if (typeof r === 'object' && r && 'error' in r) return String((r as { error: string }).error);
      return r as RecalculatedValue;
    }
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String((v as { text: unknown }).text);
    if ('error' in v) return String(v.error);
  }
  return String(v);
}

/**
 * Opens an XLSX in LibreOffice with "always recalculate", saves it again and reads every cell:
 * formula cells carry what LibreOffice computed, not what the generator may have cached.
 */
export async function xlsxRecalculated(buf: Buffer): Promise<Map<string, RecalculatedSheet>> {
  const out = await sofficeConvert(buf, 'book.xlsx', 'xlsx:Calc MS Excel 2007 XML', 'xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(out as unknown as ArrayBuffer);
  const sheets = new Map<string, RecalculatedSheet>();
  wb.eachSheet((ws) => {
    const values = new Map<string, RecalculatedValue>();
    const formulas = new Map<string, string>();
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (c) => {
        values.set(c.address, plainValue(c.value));
        const f = (c.value as { formula?: string; sharedFormula?: string } | null)?.formula;
        if (f) formulas.set(c.address, f);
        else if (c.formula) formulas.set(c.address, c.formula);
      });
    });
    sheets.set(ws.name, { name: ws.name, values, formulas });
  });
  return sheets;
}

export interface GrayPage {
  width: number;
  height: number;
  /** One byte per pixel, 0 = black, 255 = white, row-major. */
  data: Uint8Array;
}

/** Pages as 8-bit grey bitmaps (pdftoppm PGM), to check where ink falls (e.g. nothing in the margins). */
export async function pdfGrayPages(buf: Buffer, opts: { dpi?: number } = {}): Promise<GrayPage[]> {
  return withPdfFile(buf, async (file, dir) => {
    await run('pdftoppm', ['-gray', '-r', String(opts.dpi ?? 30), file, join(dir, 'g')], { timeout: 120_000 });
    return readdirSync(dir)
      .filter((f) => f.endsWith('.pgm'))
      .sort()
      .map((f) => {
        const raw = readFileSync(join(dir, f));
        // P5 <w> <h> <max>\n<bytes>
        const m = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(raw.toString('latin1', 0, 64));
        if (!m) throw new Error(`not a PGM: ${f}`);
        const width = Number(m[1]);
        const height = Number(m[2]);
        return { width, height, data: new Uint8Array(raw.subarray(m[0].length, m[0].length + width * height)) };
      });
  });
}

/** Number of images drawn in the PDF (`pdfimages -list`). */
export async function pdfImageCount(buf: Buffer): Promise<number> {
  return withPdfFile(buf, async (file) => {
    const { stdout } = await run('pdfimages', ['-list', file]);
    return stdout
      .split('\n')
      .slice(2)
      .filter((l) => /^\s*\d+\s+\d+\s+image\b/.test(l)).length;
  });
}
