import ExcelJS from 'exceljs';
import type { FieldIssue } from '../../http/app-error.ts';
import { type Locale, t } from '../../shared/i18n/index.ts';
import type { BudgetRowInput } from './performance.schema.ts';

/**
 * Budget import from XLSX (issue 7 item 6): the first worksheet, one header row, one budget figure per row.
 * Columns are documented in resources/fixtures/sakip/README.md. Pure parsing: every bad cell is reported as
 * `rows.<excel row>.<column>`; the service imports all rows or none.
 */

type Column = 'kind' | 'month' | 'spendingType' | 'sasaran' | 'indicator' | 'sharedKey' | 'amount' | 'note';

const HEADERS: Record<string, Column> = {
  jenis: 'kind',
  kind: 'kind',
  bulan: 'month',
  month: 'month',
  'jenis belanja': 'spendingType',
  jenis_belanja: 'spendingType',
  spending_type: 'spendingType',
  'spending type': 'spendingType',
  sasaran: 'sasaran',
  indikator: 'indicator',
  indicator: 'indicator',
  'kode akun': 'sharedKey',
  kode_akun: 'sharedKey',
  shared_key: 'sharedKey',
  jumlah: 'amount',
  amount: 'amount',
  keterangan: 'note',
  note: 'note',
};

const KINDS: Record<string, BudgetRowInput['kind']> = {
  pagu: 'pagu',
  blokir: 'blocked',
  blocked: 'blocked',
  alokasi: 'allocation',
  allocation: 'allocation',
  rencana: 'plan',
  plan: 'plan',
  realisasi: 'realisation',
  realisation: 'realisation',
};

const SPENDING: Record<string, NonNullable<BudgetRowInput['spendingType']>> = {
  pegawai: 'pegawai',
  '51': 'pegawai',
  barang: 'barang',
  '52': 'barang',
  modal: 'modal',
  '53': 'modal',
};

export const MAX_BUDGET_ROWS = 5000;

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    if ('result' in v) return cellText((v as { result: ExcelJS.CellValue }).result);
    if ('richText' in v) return (v as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('');
    if ('text' in v) return String((v as { text: unknown }).text);
    if (v instanceof Date) return v.toISOString().slice(0, 10);
  }
  return String(v).trim();
}

/** Whole rupiah: an integer cell, or text with Indonesian thousands dots and an optional ",00". */
function parseRupiah(v: ExcelJS.CellValue): string | null {
  if (typeof v === 'number') return Number.isSafeInteger(v) && v >= 0 ? String(v) : null;
  const s = cellText(v)
    .replace(/^Rp\.?\s*/i, '')
    .replace(/\s/g, '');
  const m = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,0+)?$/.exec(s);
  return m ? BigInt((m[1] ?? '').replace(/\./g, '')).toString() : null;
}

export async function parseBudgetXlsx(
  file: Buffer,
  locale: Locale,
): Promise<{ ok: true; rows: BudgetRowInput[]; rowNumbers: number[] } | { ok: false; issues: FieldIssue[] }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    return { ok: false, issues: [{ field: 'file', message: t(locale, 'performance.budget.notXlsx') }] };
  }
  const ws = wb.worksheets[0];
  if (!ws) return { ok: false, issues: [{ field: 'file', message: t(locale, 'performance.budget.noSheet') }] };
  const columns = new Map<number, Column>();
  ws.getRow(1).eachCell((cell, col) => {
    const key = HEADERS[cellText(cell.value).toLowerCase().replace(/\s+/g, ' ')];
    if (key) columns.set(col, key);
  });
  const present = new Set(columns.values());
  const missing = (['kind', 'amount'] as Column[]).filter((c) => !present.has(c));
  if (missing.length)
    return {
      ok: false,
      issues: missing.map((c) => ({
        field: `rows.1.${c}`,
        message: t(locale, 'performance.budget.missingColumn', { column: c }),
      })),
    };
  const rows: BudgetRowInput[] = [];
  const rowNumbers: number[] = [];
  const issues: FieldIssue[] = [];
  if (ws.rowCount - 1 > MAX_BUDGET_ROWS)
    return { ok: false, issues: [{ field: 'file', message: t(locale, 'performance.budget.tooMany', { max: MAX_BUDGET_ROWS }) }] };
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const raw = new Map<Column, ExcelJS.CellValue>();
    for (const [col, key] of columns) raw.set(key, row.getCell(col).value);
    if ([...raw.values()].every((v) => cellText(v) === '')) continue;
    const bad = (col: Column, key: string, params?: Record<string, string | number>) =>
      issues.push({ field: `rows.${r}.${col}`, message: t(locale, key, params) });
    const kind = KINDS[cellText(raw.get('kind') ?? null).toLowerCase()];
    if (!kind) bad('kind', 'performance.budget.badKind', { value: cellText(raw.get('kind') ?? null) });
    const amount = parseRupiah(raw.get('amount') ?? null);
    if (amount === null) bad('amount', 'performance.budget.badAmount', { value: cellText(raw.get('amount') ?? null) });
    else if (amount.length > 18) bad('amount', 'performance.budget.badAmount', { value: amount });
    const monthText = cellText(raw.get('month') ?? null)
      .toUpperCase()
      .replace(/^B/, '');
    let month: number | undefined;
    if (monthText !== '') {
      const m = Number(monthText);
      if (!Number.isInteger(m) || m < 1 || m > 12) bad('month', 'performance.budget.badMonth', { value: monthText });
      else month = m;
    }
    const typeText = cellText(raw.get('spendingType') ?? null).toLowerCase();
    const spendingType = typeText === '' ? undefined : SPENDING[typeText];
    if (typeText !== '' && !spendingType) bad('spendingType', 'performance.budget.badSpendingType', { value: typeText });
    const opt = (c: Column) => {
      const s = cellText(raw.get(c) ?? null);
      return s === '' ? undefined : s;
    };
    if (kind && amount !== null) rowNumbers.push(r);
    if (kind && amount !== null)
      rows.push({
        kind,
        amount,
        ...(month !== undefined ? { month } : {}),
        ...(spendingType ? { spendingType } : {}),
        ...(opt('sasaran') ? { sasaran: opt('sasaran') } : {}),
        ...(opt('indicator') ? { indicator: opt('indicator') } : {}),
        ...(opt('sharedKey') ? { sharedKey: opt('sharedKey') } : {}),
        ...(opt('note') ? { note: opt('note') } : {}),
      } as BudgetRowInput);
  }
  if (issues.length) return { ok: false, issues };
  if (rows.length === 0) return { ok: false, issues: [{ field: 'file', message: t(locale, 'performance.budget.empty') }] };
  return { ok: true, rows, rowNumbers };
}
