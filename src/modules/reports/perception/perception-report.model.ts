import type { Locale } from '../../../shared/i18n/index.ts';

/**
 * The monthly "Laporan Analisis SPKP dan SPAK" (DOMAIN 6.9) as data. Indices, bands and worksheet
 * values are display copies of the results service's perception figures (D8, D23); the respondent
 * profile comes from the domain's `respondentProfile` over the same first-30 selection.
 */

export interface NumView {
  value: number | null;
  display: string;
}

export interface ProfileRowView {
  label: string;
  count: number;
  pct: string;
}

export interface InstrumentView {
  code: 'spkp' | 'spak';
  /** "Indeks Persepsi Pelayanan Publik (IPP)". */
  indexName: string;
  index: NumView;
  converted: NumView;
  band: { code: string; label: string } | null;
  elements: { code: string; name: string; question: string; index: NumView; band: string | null }[];
  /** The three calendar months ending at the report month (D23), with their monthly index. */
  window: { label: string; index: NumView }[];
  worksheet: { value: NumView; monthsUsed: string[]; incomplete: boolean };
  followup: {
    state: 'actions' | 'no_action_needed' | null;
    justification: string | null;
    actions: { elements: string; actionText: string; timeline: string | null; pic: string | null }[];
  };
}

export interface RespondentLine {
  name: string;
  age: string;
  sex: string;
  education: string;
  occupation: string;
  institution: string;
}

export interface PerceptionReportModel {
  locale: Locale;
  unit: { id: string; name: string };
  year: number;
  month: number;
  /** "Januari 2025": generated, never typed (DOMAIN 6.9). */
  periodText: string;
  /** "1 s.d. 31 Januari 2025". */
  periodRange: string;
  /** The month is not frozen yet (live figures): marked "Sementara". */
  provisional: boolean;
  monthStatus: string | null;
  services: string[];
  counts: { responses: number; eligible: number; selected: number };
  profile: { sex: ProfileRowView[]; ageBand: ProfileRowView[]; education: ProfileRowView[]; occupation: ProfileRowView[] };
  instruments: InstrumentView[];
  suggestions: string[];
  respondents: RespondentLine[];
  personalMasked: boolean;
  signatory: { position: string; name: string; nip: string | null } | null;
  /** `YYYY-MM-DD` of generation in the unit's time zone. */
  generatedOn: string;
}

const MONTHS: Record<Locale, string[]> = {
  id: ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

export const monthName = (month: number, locale: Locale): string => MONTHS[locale][month - 1] ?? String(month);

/** "Januari 2025" from `2025-01`. */
export function periodText(ym: string, locale: Locale): string {
  const [y, m] = ym.split('-');
  return `${monthName(Number(m), locale)} ${y}`;
}

/** "1 s.d. 31 Januari 2025": the whole calendar month (D17 months are calendar months of the unit). */
export function periodRange(year: number, month: number, locale: Locale): string {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return locale === 'en'
    ? `1 to ${last} ${monthName(month, locale)} ${year}`
    : `1 s.d. ${last} ${monthName(month, locale)} ${year}`;
}

/** "7 Februari 2025" from `2025-02-07`. */
export function longDate(iso: string, locale: Locale): string {
  const [y, m, d] = iso.split('-');
  return `${Number(d)} ${monthName(Number(m), locale)} ${y}`;
}
