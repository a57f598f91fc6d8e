import { parseInstant } from '../../domain/core/instant.ts';

/**
 * Dates written on paper forms and in spreadsheets are wall-clock times at the unit (D17). These turn
 * them into instants in the unit's IANA zone (no fixed offsets: the zone's rules decide).
 */

const partsFormatters = new Map<string, Intl.DateTimeFormat>();
function partsIn(timeZone: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormatters.set(timeZone, f);
  }
  return f;
}

/** Wall-clock fields of `ms` in `timeZone`. */
export function wallClock(ms: number, timeZone: string) {
  const p = Object.fromEntries(
    partsIn(timeZone)
      .formatToParts(new Date(ms))
      .map((x) => [x.type, x.value]),
  );
  return {
    year: Number(p.year),
    month: Number(p.month),
    day: Number(p.day),
    hour: Number(p.hour),
    minute: Number(p.minute),
    second: Number(p.second),
  };
}

const offsetMs = (ms: number, timeZone: string): number => {
  const w = wallClock(ms, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(ms / 1000) * 1000;
};

/** The instant at which the unit's clocks show this local time; null for an impossible date (30 Feb). */
export function zonedInstant(y: number, mo: number, d: number, h: number, mi: number, timeZone: string): number | null {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59) return null;
  if (d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return null;
  const guess = Date.UTC(y, mo - 1, d, h, mi);
  let ms = guess - offsetMs(guess, timeZone);
  const second = offsetMs(ms, timeZone);
  if (guess - second !== ms) ms = guess - second;
  return ms;
}

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})$/;

/**
 * Paper form date: `YYYY-MM-DD` (the form has a date only: noon local time keeps it on that day in
 * every zone), `YYYY-MM-DD HH:mm` local, or an ISO 8601 instant with offset. Null when unreadable.
 */
export function paperInstant(text: string, timeZone: string): number | null {
  const s = text.trim();
  const d = LOCAL_DATE.exec(s);
  if (d) return zonedInstant(Number(d[1]), Number(d[2]), Number(d[3]), 12, 0, timeZone);
  const dt = LOCAL_DATE_TIME.exec(s);
  if (dt) return zonedInstant(Number(dt[1]), Number(dt[2]), Number(dt[3]), Number(dt[4]), Number(dt[5]), timeZone);
  return parseInstant(s);
}

/** `14/05/2024 10:21` in the unit's zone, as the validity matrix prints it. */
export function formatLocalDateTime(iso: string, timeZone: string): string {
  const w = wallClock(Date.parse(iso), timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(w.day)}/${two(w.month)}/${w.year} ${two(w.hour)}:${two(w.minute)}`;
}

/** `YYYY-MM-DD` in the unit's zone. */
export function localDay(ms: number, timeZone: string): string {
  const w = wallClock(ms, timeZone);
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}
