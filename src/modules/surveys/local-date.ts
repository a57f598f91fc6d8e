/**
 * Calendar dates in a unit's time zone (D17): collection windows are local dates, inclusive, so
 * "has the window started / ended" depends on where the unit is (WIB, WITA, WIT).
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** `YYYY-MM-DD` of `instant` in `timeZone`. */
export function localDate(instant: Date, timeZone: string): string {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f.format(instant);
}

/** The latest local date among the zones: the first zone to reach a day is the furthest east. */
export const latestLocalDate = (instant: Date, zones: readonly string[]): string =>
  zones
    .map((z) => localDate(instant, z))
    .sort()
    .at(-1) as string;

/** The earliest local date among the zones: a day has passed everywhere only when it passed here. */
export const earliestLocalDate = (instant: Date, zones: readonly string[]): string =>
  zones.map((z) => localDate(instant, z)).sort()[0] as string;
