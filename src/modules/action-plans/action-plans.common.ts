import type { ActionPlanTable } from '../../db/schema.ts';
import type { ActionItem } from '../../domain/action-plans/metrics.ts';
import { instrumentElements } from '../../domain/profiles/profile.ts';
import { shippedProfile } from '../../domain/profiles/shipped-profiles.ts';
import { AppError, AppErrorCode, type FieldIssue } from '../../http/app-error.ts';
import { t } from '../../shared/i18n/index.ts';
import type { ElementRef } from './action-plans.schema.ts';

/** Controlled element lists per instrument (DOMAIN 7.2): SKM U1–U9, SPKP U1–U8, SPAK P1–P5. */
const profile = shippedProfile('bpom-2024');
const ELEMENTS: Record<ElementRef['instrument'], { code: string; name: string }[]> = {
  skm: profile ? instrumentElements(profile, 'skm').map((e) => ({ code: e.code, name: e.name.id })) : [],
  spkp: profile ? instrumentElements(profile, 'spkp').map((e) => ({ code: e.code, name: e.name.id })) : [],
  spak: profile ? instrumentElements(profile, 'spak').map((e) => ({ code: e.code, name: e.name.id })) : [],
};

export const elementNames = (instrument: ElementRef['instrument'] = 'skm'): Record<string, string> =>
  Object.fromEntries(ELEMENTS[instrument].map((e) => [e.code, e.name]));

export const isKnownElement = (e: ElementRef) => ELEMENTS[e.instrument].some((x) => x.code === e.code);

/** Unit type groups of the Lampiran and the appreciation lists (DOMAIN 7.6 breakdowns). */
export function unitTypeLabel(type: string): string {
  if (type === 'bbpom') return 'Balai Besar POM';
  if (type === 'bpom') return 'Balai POM';
  if (type === 'loka') return 'Loka POM';
  return 'Pusat';
}
export const UNIT_TYPE_ORDER = ['Pusat', 'Balai Besar POM', 'Balai POM', 'Loka POM'];

export const parseJson = <T>(text: string | null | undefined, fallback: T): T => (text ? (JSON.parse(text) as T) : fallback);

export interface RequiredItem {
  instrument: ElementRef['instrument'];
  elementCode: string;
  unitServiceId?: string;
  serviceName?: string;
  value?: string;
  grade?: string;
  declineAmount?: string;
}

export interface RowWarning {
  code: string;
  message: string;
}

/** The domain's view of an action (metrics, overdue) with its status in a cycle. */
export function toActionItem(
  a: Pick<ActionPlanTable, 'id' | 'unit_id' | 'element_codes_json' | 'timeline_raw' | 'timeline_date'>,
  recommendationNo: number,
  status: ActionItem['status'],
): ActionItem {
  return {
    id: a.id,
    unitId: a.unit_id,
    recommendationNo,
    elementCodes: parseJson<ElementRef[]>(a.element_codes_json, []).map((e) => e.code),
    // The parsed date when there is one (a quarter means its last day); otherwise what was recorded.
    timeline: a.timeline_date ?? a.timeline_raw,
    status,
  };
}

export function validationError(fields: FieldIssue[], messageKey = 'error.validation', params?: Record<string, string | number>) {
  return new AppError(AppErrorCode.VALIDATION, t('id', messageKey, params), {
    messageKey,
    ...(params ? { params } : {}),
    fields,
  });
}

export function stateError(key: string, params: Record<string, string | number> = {}) {
  return new AppError(AppErrorCode.INVALID_STATE, t('id', key, params), { messageKey: key, params });
}

/** Local calendar date in WIB (the Inspectorate's time zone) for "today" comparisons. */
export function todayWib(now: Date): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const MONTHS_ID = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
];

/** "2022-08-12" → "12 Agustus 2022" (the way the reports print dates). */
export function longDateId(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return `${Number(m[3])} ${MONTHS_ID[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
}
