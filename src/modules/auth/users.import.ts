import type { FieldIssue } from '../../http/app-error.ts';
import { ROLES, type Role, UNIT_ROLES } from './actor.ts';
import { cellSchemas, USERNAME_PATTERN } from './auth.schema.ts';

/**
 * Bulk user import (rollout to the 97 units): parse a CSV, check every cell, report every problem.
 * Pure: the caller supplies the units and the usernames already taken.
 */

export type ImportColumn = 'nip' | 'name' | 'email' | 'unit' | 'role';

/** Accepted header names (lower-case, spaces collapsed), English and Indonesian. */
const HEADER_ALIASES: Record<string, ImportColumn> = {
  nip: 'nip',
  name: 'name',
  'full name': 'name',
  nama: 'name',
  'nama lengkap': 'name',
  email: 'email',
  'e-mail': 'email',
  surel: 'email',
  unit: 'unit',
  'unit kerja': 'unit',
  'kode unit': 'unit',
  role: 'role',
  peran: 'role',
};
const REQUIRED: ImportColumn[] = ['name', 'unit', 'role'];
export const MAX_IMPORT_ROWS = 5000;

export interface CsvRecord {
  /** 1-based record number in the file (header = 1). */
  row: number;
  cells: string[];
}

/** Picks `;` when the header has more semicolons than commas outside quotes (Excel in Indonesian locale). */
export function detectDelimiter(text: string): ',' | ';' {
  let commas = 0;
  let semis = 0;
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch === ',') commas++;
    else if (!quoted && ch === ';') semis++;
  }
  return semis > commas ? ';' : ',';
}

/** RFC 4180 records: quoted fields may hold delimiters, doubled quotes and line breaks. */
export function parseCsv(input: string, delimiter: ',' | ';' = detectDelimiter(input.replace(/^\uFEFF/, ''))): CsvRecord[] {
  const text = input.replace(/^\uFEFF/, '');
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let row = 1;
  let i = 0;
  const endRecord = () => {
    cells.push(cell);
    records.push({ row, cells });
    row++;
    cells = [];
    cell = '';
  };
  while (i < text.length) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else cell += ch;
      i++;
      continue;
    }
    if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (ch === delimiter) {
      cells.push(cell);
      cell = '';
    } else if (ch === '\r' || ch === '\n') {
      endRecord();
      if (ch === '\r' && text[i + 1] === '\n') i++;
    } else cell += ch;
    i++;
  }
  if (cell !== '' || cells.length) endRecord();
  return records;
}

export interface UnitKey {
  id: string;
  code: string;
  name: string;
  active: number;
}

export interface ImportRow {
  row: number;
  username: string;
  fullName: string;
  nip: string | null;
  email: string | null;
  role: Role;
  unitId: string | null;
}

export type ImportResult = { ok: true; rows: ImportRow[] } | { ok: false; issues: FieldIssue[] };

export interface ImportMessages {
  missingColumn(column: string): string;
  unknownColumn(column: string): string;
  duplicateColumn(column: string): string;
  noRows(): string;
  tooManyRows(max: number): string;
  tooManyCells(): string;
  required(): string;
  invalidNip(): string;
  invalidEmail(): string;
  invalidName(): string;
  needNipOrEmail(): string;
  invalidUsername(): string;
  unknownRole(roles: string): string;
  unknownUnit(): string;
  inactiveUnit(): string;
  unitRequired(): string;
  duplicateInFile(row: number): string;
  usernameTaken(username: string): string;
}

const normaliseHeader = (h: string) => h.trim().toLowerCase().replace(/\s+/g, ' ');
/** Derived usernames keep to the username alphabet: lower-case letters, digits, . _ - */
export const usernameFromEmail = (email: string) =>
  (email.split('@')[0] ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]/g, '')
    .replace(/^[._-]+/, '');

export async function validateImport(
  csv: string,
  units: UnitKey[],
  takenUsernames: (usernames: string[]) => Promise<Set<string>>,
  msg: ImportMessages,
): Promise<ImportResult> {
  const records = parseCsv(csv);
  const issues: FieldIssue[] = [];
  const header = records[0];
  if (!header) return { ok: false, issues: [{ field: 'csv', message: msg.noRows() }] };

  const columns: (ImportColumn | null)[] = [];
  header.cells.forEach((raw, index) => {
    const name = normaliseHeader(raw);
    const col = HEADER_ALIASES[name] ?? null;
    if (!col && name !== '') issues.push({ field: `rows[1].${raw.trim()}`, message: msg.unknownColumn(raw.trim()) });
    else if (col && columns.includes(col)) issues.push({ field: `rows[1].${col}`, message: msg.duplicateColumn(col) });
    columns[index] = col && !columns.includes(col) ? col : null;
  });
  for (const col of REQUIRED)
    if (!columns.includes(col)) issues.push({ field: `rows[1].${col}`, message: msg.missingColumn(col) });
  if (!columns.includes('nip') && !columns.includes('email')) {
    issues.push({ field: 'rows[1].nip', message: msg.missingColumn('nip / email') });
  }
  if (issues.length) return { ok: false, issues };

  const data = records.slice(1).filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (!data.length) return { ok: false, issues: [{ field: 'csv', message: msg.noRows() }] };
  if (data.length > MAX_IMPORT_ROWS) return { ok: false, issues: [{ field: 'csv', message: msg.tooManyRows(MAX_IMPORT_ROWS) }] };

  const byCode = new Map(units.map((u) => [u.code.toLowerCase(), u]));
  const byName = new Map(units.map((u) => [u.name, u]));
  const rows: ImportRow[] = [];
  const firstRowOf = new Map<string, number>();
  const sourceOf = new Map<string, ImportColumn>();

  for (const rec of data) {
    const cell = (col: ImportColumn) => {
      const i = columns.indexOf(col);
      return i < 0 ? '' : (rec.cells[i] ?? '').trim();
    };
    const bad = (col: ImportColumn, message: string) => issues.push({ field: `rows[${rec.row}].${col}`, message });
    const before = issues.length;
    if (rec.cells.length > columns.length) issues.push({ field: `rows[${rec.row}]`, message: msg.tooManyCells() });

    const name = cell('name');
    if (!name) bad('name', msg.required());
    else if (!cellSchemas.fullName.safeParse(name).success) bad('name', msg.invalidName());

    let nip: string | null = null;
    if (cell('nip')) {
      const res = cellSchemas.nip.safeParse(cell('nip'));
      if (res.success) nip = res.data;
      else bad('nip', msg.invalidNip());
    }
    let email: string | null = null;
    if (cell('email')) {
      const res = cellSchemas.email.safeParse(cell('email'));
      if (res.success) email = res.data;
      else bad('email', msg.invalidEmail());
    }
    if (!cell('nip') && !cell('email')) bad(columns.includes('nip') ? 'nip' : 'email', msg.needNipOrEmail());

    const roleText = cell('role').toLowerCase();
    const role = (ROLES as readonly string[]).includes(roleText) ? (roleText as Role) : null;
    if (!roleText) bad('role', msg.required());
    else if (!role) bad('role', msg.unknownRole(ROLES.join(', ')));

    const unitText = cell('unit');
    const unit = unitText ? (byCode.get(unitText.toLowerCase()) ?? byName.get(unitText)) : undefined;
    if (unitText && !unit) bad('unit', msg.unknownUnit());
    else if (unit && !unit.active) bad('unit', msg.inactiveUnit());
    else if (!unitText && role && UNIT_ROLES.includes(role)) bad('unit', msg.unitRequired());

    // Username: the NIP when given, else the e-mail local part.
    const source: ImportColumn = nip ? 'nip' : 'email';
    const username = nip ?? (email ? usernameFromEmail(email) : '');
    if (username && !USERNAME_PATTERN.test(username)) bad(source, msg.invalidUsername());
    else if (username) {
      const first = firstRowOf.get(username);
      if (first !== undefined) bad(source, msg.duplicateInFile(first));
      else {
        firstRowOf.set(username, rec.row);
        sourceOf.set(username, source);
      }
    }

    if (issues.length === before && role) {
      rows.push({
        row: rec.row,
        username,
        fullName: name,
        nip,
        email,
        role,
        unitId: unit && UNIT_ROLES.includes(role) ? unit.id : null,
      });
    }
  }

  const taken = await takenUsernames([...firstRowOf.keys()]);
  for (const [username, row] of firstRowOf) {
    if (taken.has(username))
      issues.push({ field: `rows[${row}].${sourceOf.get(username)}`, message: msg.usernameTaken(username) });
  }
  if (issues.length) return { ok: false, issues: sortIssues(issues) };
  return { ok: true, rows };
}

const rowOf = (field: string) => Number(/^rows\[(\d+)\]/.exec(field)?.[1] ?? 0);
const sortIssues = (issues: FieldIssue[]) => [...issues].sort((a, b) => rowOf(a.field) - rowOf(b.field));
