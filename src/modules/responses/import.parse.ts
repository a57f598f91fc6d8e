import ExcelJS from 'exceljs';
import type { InstrumentProfile } from '../../domain/profiles/profile.ts';
import { type Locale, t } from '../../shared/i18n/index.ts';
import { detectDelimiter, parseCsv } from '../auth/users.import.ts';
import { localDay, paperInstant } from './paper-entry.dates.ts';
import { buildResponseSchema, type RespondentInput } from './response.schema.ts';

/**
 * Spreadsheet import of paper questionnaires (issue 4 item 6), the pure part: read a CSV or XLSX into
 * rows, map the header to the campaign profile's fields, and turn every row into a submission or a
 * list of {row, column, message} problems. Row numbers are the ones the user sees (header = row 1).
 */

export const MAX_IMPORT_ROWS = 20_000;

/** Both languages, so the job can be reported in whichever language its reader uses. */
export interface ImportIssue {
  row: number;
  column: string;
  message: { id: string; en: string };
}

const both = (key: string, params?: Record<string, string | number>) => ({ id: t('id', key, params), en: t('en', key, params) });

export interface SheetRow {
  row: number;
  cells: string[];
}

export interface Sheet {
  header: string[];
  headerRow: number;
  rows: SheetRow[];
}

export type FileFormat = 'csv' | 'xlsx';

/** By content: XLSX is a ZIP (`PK\x03\x04`); anything else that decodes as text is CSV. */
export function detectFormat(bytes: Buffer, fileName: string): FileFormat | null {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'xlsx';
  if (/\.xlsx$/i.test(fileName)) return null;
  if (bytes.includes(0)) return null;
  return 'csv';
}

const two = (n: number) => String(n).padStart(2, '0');

/** A cell as the user typed it. Excel date cells are wall-clock times stored as UTC: read them back as such. */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) {
    return `${v.getUTCFullYear()}-${two(v.getUTCMonth() + 1)}-${two(v.getUTCDate())} ${two(v.getUTCHours())}:${two(v.getUTCMinutes())}`;
  }
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellText((v.result ?? null) as ExcelJS.CellValue);
    if ('text' in v) return String(v.text);
    if ('error' in v) return '';
    return '';
  }
  return String(v);
}

export async function readSheet(bytes: Buffer, format: FileFormat): Promise<Sheet | null> {
  if (format === 'csv') {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      // Excel in Indonesian Windows saves CSV in Windows-1252.
      text = new TextDecoder('windows-1252').decode(bytes);
    }
    const clean = text.replace(/^\uFEFF/, '');
    const records = parseCsv(clean, detectDelimiter(clean));
    const [head, ...rest] = records;
    if (!head) return null;
    return { header: head.cells, headerRow: head.row, rows: rest.map((r) => ({ row: r.row, cells: r.cells })) };
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return null;
  }
  const ws = wb.worksheets[0];
  if (!ws) return null;
  let header: string[] | null = null;
  let headerRow = 1;
  const rows: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    const values = row.values as ExcelJS.CellValue[];
    const cells = values.slice(1).map(cellText);
    if (!header) {
      header = cells;
      headerRow = row.number;
    } else rows.push({ row: row.number, cells });
  });
  if (!header) return null;
  return { header, headerRow, rows };
}

// ---- columns ----

export type ColumnKind = 'text' | 'integer' | 'choice' | 'service' | 'submitted_at' | 'answer';

export interface ImportColumn {
  /** Canonical header, as in the template. */
  name: string;
  kind: ColumnKind;
  /** Respondent field or question code it fills. */
  code: string;
  required: boolean;
  aliases: string[];
  options?: { code: string; labels: string[] }[];
}

const ALIASES: Record<string, string[]> = {
  full_name: ['nama', 'nama_lengkap', 'fullname', 'name'],
  age: ['umur', 'usia'],
  sex: ['jenis_kelamin', 'gender'],
  phone: ['no_hp', 'hp', 'no_handphone', 'nomor_hp', 'telepon'],
  education: ['pendidikan', 'pendidikan_terakhir'],
  occupation: ['pekerjaan', 'pekerjaan_utama'],
  institution: ['instansi', 'nama_instansi'],
  service: ['layanan', 'jenis_layanan'],
  completion_pct: ['persentase', 'persentase_tahapan_penyelesaian', 'completion'],
  submitted_at: ['tanggal', 'tanggal_survei', 'waktu'],
  suggestion: ['saran', 'saran_masukan'],
};

const snake = (code: string) => code.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
export const normaliseHeader = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .replace(/\(%\)/g, '')
    .replace(/[\s\-./&]+/g, '_')
    .replace(/^_+|_+$/g, '');
export const normaliseText = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

/** The columns of a campaign's profile: respondent fields, `service`, `submitted_at`, then every question. */
export function importColumns(profile: InstrumentProfile): ImportColumn[] {
  const cols: ImportColumn[] = [];
  let suggestion: ImportColumn | undefined;
  for (const f of profile.respondentFields) {
    if (f.type === 'service') {
      cols.push({ name: 'service', kind: 'service', code: f.code, required: true, aliases: ALIASES.service ?? [] });
      cols.push({
        name: 'submitted_at',
        kind: 'submitted_at',
        code: 'submittedAt',
        required: true,
        aliases: ALIASES.submitted_at ?? [],
      });
      continue;
    }
    const name = snake(f.code);
    const col: ImportColumn = {
      name,
      kind: f.type === 'integer' ? 'integer' : f.type === 'choice' ? 'choice' : 'text',
      code: f.code,
      required: f.code !== 'suggestion',
      aliases: ALIASES[name] ?? [],
      ...(f.options ? { options: f.options.map((o) => ({ code: o.code, labels: [o.label.id, o.label.en] })) } : {}),
    };
    if (f.code === 'suggestion') suggestion = col;
    else cols.push(col);
  }
  if (!cols.some((c) => c.kind === 'submitted_at')) {
    cols.push({
      name: 'submitted_at',
      kind: 'submitted_at',
      code: 'submittedAt',
      required: true,
      aliases: ALIASES.submitted_at ?? [],
    });
  }
  for (const q of profile.questions) cols.push({ name: q.code, kind: 'answer', code: q.code, required: true, aliases: [] });
  if (suggestion) cols.push(suggestion);
  return cols;
}

export interface HeaderMap {
  /** Column spec → index in the file's cells. */
  index: Map<ImportColumn, number>;
  issues: ImportIssue[];
}

export function mapHeader(header: string[], columns: ImportColumn[], headerRow: number): HeaderMap {
  const index = new Map<ImportColumn, number>();
  const issues: ImportIssue[] = [];
  header.forEach((raw, i) => {
    if (raw.trim() === '') return;
    const h = normaliseHeader(raw);
    const col = columns.find((c) => normaliseHeader(c.name) === h || c.aliases.includes(h));
    if (!col) {
      issues.push({ row: headerRow, column: raw.trim(), message: both('import.header.unknown', { column: raw.trim() }) });
      return;
    }
    if (index.has(col)) {
      issues.push({ row: headerRow, column: col.name, message: both('import.header.duplicate', { column: raw.trim() }) });
      return;
    }
    index.set(col, i);
  });
  for (const c of columns) {
    if (c.required && !index.has(c))
      issues.push({ row: headerRow, column: c.name, message: both('import.header.missing', { column: c.name }) });
  }
  return { index, issues };
}

// ---- rows ----

export interface ImportContext {
  profile: InstrumentProfile;
  timeZone: string;
  collectionStart: string;
  effectiveEnd: string;
  /** Normalised service name → unit service id. */
  services: Map<string, string>;
}

export interface ParsedRow {
  row: number;
  unitServiceId: string;
  submittedAt: string;
  respondent: RespondentInput;
  completionPct: number | null;
  answers: Record<string, number | null>;
  suggestion: string | null;
}

/** Schema paths of W1's response schema → the import column that holds the value. */
export function columnOfPath(path: readonly PropertyKey[], columns: ImportColumn[]): string {
  const [head, second] = path.map(String);
  if (head === 'respondent' && second) return columns.find((c) => c.code === second)?.name ?? second;
  if (head === 'answers' && second) return second;
  if (head === 'completionPct') return 'completion_pct';
  if (head === 'suggestion') return 'suggestion';
  return head ?? '';
}

export function rowParser(ctx: ImportContext, columns: ImportColumn[], header: HeaderMap) {
  // W1's schema for paper forms: blanks allowed, codes and ranges from the profile.
  const schemas: Record<Locale, ReturnType<typeof buildResponseSchema>> = {
    id: buildResponseSchema(ctx.profile, 'paper_entry', 'id'),
    en: buildResponseSchema(ctx.profile, 'paper_entry', 'en'),
  };
  const INTEGER = /^[+-]?\d+$/;

  return (sheetRow: SheetRow): { ok: true; value: ParsedRow } | { ok: false; issues: ImportIssue[] } => {
    const issues: ImportIssue[] = [];
    const bad = new Set<string>();
    const fail = (col: ImportColumn, key: string, params?: Record<string, string | number>) => {
      bad.add(col.name);
      issues.push({ row: sheetRow.row, column: col.name, message: both(key, params) });
    };
    const respondent: Record<string, string | number | null> = {};
    const answers: Record<string, number | null> = {};
    let completionPct: number | null = null;
    let suggestion: string | null = null;
    let unitServiceId = '';
    let submittedAt = '';
    for (const col of columns) {
      const i = header.index.get(col);
      const raw = (i === undefined ? '' : (sheetRow.cells[i] ?? '')).trim();
      switch (col.kind) {
        case 'service': {
          if (raw === '') fail(col, 'import.cell.serviceRequired');
          else {
            const id = ctx.services.get(normaliseText(raw));
            if (id) unitServiceId = id;
            else fail(col, 'import.cell.service', { value: raw });
          }
          break;
        }
        case 'submitted_at': {
          const ms = raw === '' ? null : paperInstant(raw, ctx.timeZone);
          if (ms === null) fail(col, 'import.cell.submittedAt');
          else {
            const day = localDay(ms, ctx.timeZone);
            if (day < ctx.collectionStart || day > ctx.effectiveEnd) {
              fail(col, 'import.cell.outsideWindow', { date: day, start: ctx.collectionStart, end: ctx.effectiveEnd });
            } else submittedAt = new Date(ms).toISOString();
          }
          break;
        }
        case 'answer':
        case 'integer': {
          let v: number | null = null;
          if (raw !== '') {
            if (!INTEGER.test(raw)) {
              fail(col, col.kind === 'answer' ? 'import.cell.answer' : 'import.cell.integer', {
                min: ctx.profile.scaleMin,
                max: ctx.profile.scaleMax,
              });
              break;
            }
            v = Number(raw);
          }
          if (col.kind === 'answer') answers[col.code] = v;
          else if (col.code === 'completionPct') completionPct = v;
          else respondent[col.code] = v;
          break;
        }
        case 'choice': {
          if (raw === '') {
            respondent[col.code] = null;
            break;
          }
          const n = normaliseText(raw);
          const hit = col.options?.find((o) => o.code.toLowerCase() === n || o.labels.some((l) => normaliseText(l) === n));
          if (hit) respondent[col.code] = hit.code;
          else {
            const allowed = (col.options ?? []).map((o) => `${o.code} (${o.labels[0]})`).join(', ');
            fail(col, 'import.cell.choice', { value: raw, allowed });
          }
          break;
        }
        default: {
          if (col.code === 'suggestion') suggestion = raw === '' ? null : raw;
          else respondent[col.code] = raw === '' ? null : raw;
        }
      }
    }
    const candidate = { respondent, completionPct, answers, suggestion };
    const res = schemas.id.safeParse(candidate);
    if (!res.success) {
      const en = schemas.en.safeParse(candidate);
      const enIssues = en.success ? [] : en.error.issues;
      res.error.issues.forEach((iss, k) => {
        const column = columnOfPath(iss.path, columns);
        if (bad.has(column)) return; // one message per cell: the import's own is more precise
        bad.add(column);
        issues.push({ row: sheetRow.row, column, message: { id: iss.message, en: enIssues[k]?.message ?? iss.message } });
      });
    }
    if (issues.length) return { ok: false, issues };
    return {
      ok: true,
      value: {
        row: sheetRow.row,
        unitServiceId,
        submittedAt,
        respondent: respondent as RespondentInput,
        completionPct,
        answers,
        suggestion,
      },
    };
  };
}

export const isBlankRow = (r: SheetRow) => r.cells.every((c) => c.trim() === '');
