import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseInstant } from '../domain/core/instant.ts';
import {
  type InstrumentCode,
  type InstrumentProfile,
  loadProfile,
  ProfileError,
  questionPosition,
} from '../domain/profiles/profile.ts';
import { SHIPPED_PROFILES } from '../domain/profiles/shipped-profiles.ts';
import { CliError } from './command.ts';
import { findColumn, type Table, type TableRow } from './read-table.ts';

/** Shared input handling of the survey commands: profile choice, question columns, cell validation. */

export async function resolveProfile(
  flags: Record<string, string | true>,
  cwd: string,
  allowed: readonly string[],
  fallback: string,
  instrument: InstrumentCode,
): Promise<InstrumentProfile> {
  const inst = flags.instrument;
  const file = flags.profile;
  if (inst !== undefined && file !== undefined)
    throw new CliError('Gunakan --instrument atau --profile, tidak keduanya (use either --instrument or --profile)');
  let profile: InstrumentProfile;
  if (typeof file === 'string') profile = await profileFromFile(file, cwd);
  else {
    const code = typeof inst === 'string' ? inst : fallback;
    if (!allowed.includes(code) || !SHIPPED_PROFILES.has(code))
      throw new CliError(`Instrumen tidak dikenal: ${code} (unknown --instrument); pilihan: ${allowed.join(', ')}`);
    profile = SHIPPED_PROFILES.get(code) as InstrumentProfile;
  }
  if (!profile.instruments[instrument])
    throw new CliError(
      `Profil ${profile.code} tidak memiliki instrumen ${instrument.toUpperCase()} (the profile has no ${instrument} instrument)`,
    );
  return profile;
}

async function profileFromFile(path: string, cwd: string): Promise<InstrumentProfile> {
  let text: string;
  try {
    text = await readFile(resolve(cwd, path), 'utf8');
  } catch (e) {
    throw new CliError(
      `Profil tidak dapat dibaca: ${path} (cannot read profile: ${(e as NodeJS.ErrnoException).code ?? String(e)})`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw new CliError(`Profil ${path} bukan JSON yang valid (invalid JSON: ${(e as Error).message})`);
  }
  try {
    return loadProfile(json);
  } catch (e) {
    if (e instanceof ProfileError) throw new CliError(`Profil ${path} ditolak: ${e.problems.join('; ')} (profile rejected)`);
    throw e;
  }
}

export interface QuestionColumn {
  code: string;
  header: string;
}

/** Columns of the needed questions: named by question code or `q<i>` (profile order). All missing ones are listed. */
export function questionColumns(table: Table, profile: InstrumentProfile, codes: readonly string[]): QuestionColumn[] {
  const missing: string[] = [];
  const cols: QuestionColumn[] = [];
  for (const code of codes) {
    const pos = questionPosition(profile, code);
    const header = findColumn(table, code, `q${pos}`);
    if (header) cols.push({ code, header });
    else missing.push(`${code} (atau q${pos})`);
  }
  if (missing.length > 0)
    throw new CliError(
      `Berkas ${table.fileName}, baris 1: kolom wajib tidak ada: ${missing.join(', ')} (missing required column${missing.length > 1 ? 's' : ''})`,
    );
  return cols;
}

export function cellError(table: Table, row: TableRow, column: string, problem: string, english: string): CliError {
  return new CliError(
    `Berkas ${table.fileName}, baris ${row.rowNumber}, kolom ${column}: ${problem} (row ${row.rowNumber}, column ${column}: ${english})`,
  );
}

/** An answer cell: '' = unanswered; otherwise an integer within the scale. */
export function parseAnswer(table: Table, row: TableRow, col: QuestionColumn, profile: InstrumentProfile): number | null {
  const raw = row.cells[col.header] ?? '';
  if (raw === '') return null;
  const v = /^[+-]?\d+(?:[.,]0+)?$/.test(raw) ? Number.parseInt(raw, 10) : Number.NaN;
  if (Number.isNaN(v)) {
    const numeric = /^[+-]?\d*[.,]?\d+$/.test(raw);
    throw cellError(
      table,
      row,
      col.header,
      numeric ? `jawaban "${raw}" bukan bilangan bulat` : `jawaban "${raw}" bukan angka`,
      numeric ? 'answer is not an integer' : 'answer is not a number',
    );
  }
  if (v < profile.scaleMin || v > profile.scaleMax)
    throw cellError(
      table,
      row,
      col.header,
      `jawaban ${v} di luar skala ${profile.scaleMin}–${profile.scaleMax}`,
      `answer outside the scale ${profile.scaleMin}-${profile.scaleMax}`,
    );
  return v;
}

/** `submitted_at`: ISO 8601 with an offset. Returns epoch ms, or null for an empty cell when allowed. */
export function parseSubmittedAt(table: Table, row: TableRow, header: string, required: boolean): number | null {
  const raw = row.cells[header] ?? '';
  if (raw === '') {
    if (required) throw cellError(table, row, header, 'waktu pengisian kosong', 'submission time is empty');
    return null;
  }
  const ms = parseInstant(raw);
  if (ms === null)
    throw cellError(
      table,
      row,
      header,
      `"${raw}" bukan tanggal-waktu ISO 8601 dengan zona waktu, mis. 2024-04-01T09:30:00+08:00`,
      'expected an ISO 8601 date-time with an offset',
    );
  return ms;
}

export function requireRows(table: Table): void {
  if (table.rows.length === 0)
    throw new CliError(`Berkas ${table.fileName} tidak memiliki baris data di bawah baris judul (no data rows below the header)`);
}
