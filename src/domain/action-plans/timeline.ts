/**
 * DOMAIN §7.2 / §9.1: an action's timeline is a date or a quarter + year ("TW 4 2022"). Imported values are
 * messy ("31/12/202", empty cells): parsing never throws; it reports what it could not read.
 */
export type Timeline =
  | { kind: 'date'; date: string; raw: string }
  | { kind: 'quarter'; quarter: 1 | 2 | 3 | 4; year: number; date: string; raw: string }
  | { kind: 'missing'; raw: string }
  | { kind: 'invalid'; raw: string; message: string };

const QUARTER_END = ['03-31', '06-30', '09-30', '12-31'] as const;
const ROMAN: Record<string, 1 | 2 | 3 | 4> = { I: 1, II: 2, III: 3, IV: 4 };

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function validDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= last;
}

/** Parses `dd/mm/yyyy`, `dd-mm-yyyy`, `yyyy-mm-dd`, `TW 4 2022`, `TW IV 2022`, `Triwulan IV Tahun 2022`. */
export function parseTimeline(input: string | null | undefined): Timeline {
  const raw = (input ?? '').trim();
  if (raw === '' || raw === '-' || raw === '–') return { kind: 'missing', raw };

  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d+)$/.exec(raw);
  if (dmy) {
    const [day, month, year] = [Number(dmy[1]), Number(dmy[2]), dmy[3] as string];
    if (year.length !== 4) return { kind: 'invalid', raw, message: `Tahun tidak lengkap pada tanggal "${raw}"` };
    if (!validDate(Number(year), month, day)) return { kind: 'invalid', raw, message: `Tanggal tidak valid: "${raw}"` };
    return { kind: 'date', date: `${year}-${pad(month)}-${pad(day)}`, raw };
  }

  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  if (iso) {
    const [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    if (!validDate(year, month, day)) return { kind: 'invalid', raw, message: `Tanggal tidak valid: "${raw}"` };
    return { kind: 'date', date: raw, raw };
  }

  const tw = /^(?:TW|Triwulan|Q)\s*(IV|III|II|I|[1-4])\s*(?:Tahun\s*)?(\d{4})$/i.exec(raw);
  if (tw) {
    const q = (ROMAN[(tw[1] as string).toUpperCase()] ?? Number(tw[1])) as 1 | 2 | 3 | 4;
    const year = Number(tw[2]);
    return { kind: 'quarter', quarter: q, year, date: `${year}-${QUARTER_END[q - 1]}`, raw };
  }

  return { kind: 'invalid', raw, message: `Timeline tidak dapat dibaca: "${raw}" (gunakan dd/mm/yyyy atau "TW 4 2022")` };
}

/** The comparable date of a timeline (a quarter ends on its last day), or null when unreadable. */
export function timelineDate(t: Timeline): string | null {
  return t.kind === 'date' || t.kind === 'quarter' ? t.date : null;
}
