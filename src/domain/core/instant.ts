/**
 * Submission timestamps: ISO 8601 with an explicit offset (`Z` or `±hh:mm`), so that the local
 * month of a response (D17) never depends on the machine's time zone.
 */
const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Epoch milliseconds of an ISO 8601 timestamp with offset, or null when malformed or impossible (e.g. 30 Feb). */
export function parseInstant(text: string): number | null {
  const m = ISO_WITH_OFFSET.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map((x) => (x === undefined ? undefined : x)) as string[];
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth || Number(h) > 23 || Number(mi) > 59 || Number(s ?? '0') > 59) return null;
  const offset = m[8] as string;
  if (offset !== 'Z') {
    const oh = Number(offset.slice(1, 3));
    const om = Number(offset.slice(-2));
    if (oh > 14 || om > 59) return null;
  }
  const ms = Date.parse(text.trim().replace(' ', 'T').replace(',', '.'));
  return Number.isNaN(ms) ? null : ms;
}

/** `YYYY-MM` of an instant in an IANA time zone (D17). */
export function localMonth(epochMs: number, timeZone: string): string {
  const parts = monthFormatter(timeZone).formatToParts(new Date(epochMs));
  const year = parts.find((p) => p.type === 'year')?.value;
  const month = parts.find((p) => p.type === 'month')?.value;
  return `${year}-${month}`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function monthFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

export interface Submitted {
  /** Epoch milliseconds. */
  submittedAt: number;
  seqNo: number;
}

/** Submission order (D5, D22): by time, then by sequence number. */
export function bySubmission(a: Submitted, b: Submitted): number {
  return a.submittedAt - b.submittedAt || a.seqNo - b.seqNo;
}
