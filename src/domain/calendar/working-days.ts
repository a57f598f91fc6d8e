/**
 * Working days (hari kerja) for the Laporan SKM timeline (DOMAIN 5.13.1, BAB II 2.4): Monday to
 * Friday, minus the holidays in force (national holidays and cuti bersama, plus a unit's regional
 * ones). Dates are calendar dates `YYYY-MM-DD` with no time zone: a date is a day at the unit.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a valid `YYYY-MM-DD`, or null (malformed or impossible, e.g. 2024-02-30). */
export function dayNumber(date: string): number | null {
  const m = ISO_DATE.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms / DAY_MS;
}

export const isValidDate = (date: string): boolean => dayNumber(date) !== null;

/** `YYYY-MM-DD` of a day number. */
export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Saturday or Sunday (1970-01-01 was a Thursday). */
export function isWeekend(date: string): boolean {
  const n = dayNumber(date);
  if (n === null) throw new RangeError(`Invalid date ${date}`);
  const weekday = (((n + 4) % 7) + 7) % 7; // 0 = Sunday
  return weekday === 0 || weekday === 6;
}

/**
 * Working days from `start` to `end`, both inclusive: weekdays that are not in `holidays`.
 * Null when a date is invalid or `end` is before `start` (a timeline row that cannot be counted
 * shows "–", never a negative number).
 */
export function workingDays(start: string, end: string, holidays: Iterable<string> = []): number | null {
  const a = dayNumber(start);
  const b = dayNumber(end);
  if (a === null || b === null || b < a) return null;
  const off = new Set<number>();
  for (const h of holidays) {
    const n = dayNumber(h);
    if (n !== null && n >= a && n <= b) off.add(n);
  }
  let count = 0;
  for (let n = a; n <= b; n++) {
    const weekday = (((n + 4) % 7) + 7) % 7;
    if (weekday !== 0 && weekday !== 6 && !off.has(n)) count++;
  }
  return count;
}
