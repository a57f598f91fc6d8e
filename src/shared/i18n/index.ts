/**
 * Typed dictionaries, Indonesian first. Each capability keeps its own messages file
 * (`messages/<module>.ts`, `{ id: {...}, en: {...} }`) so modules never edit each other's keys.
 */
import { actionPlansMessages } from './messages/action-plans.ts';
import { auditMessages } from './messages/audit.ts';
import { authMessages } from './messages/auth.ts';
import { commonMessages } from './messages/common.ts';
import { organisationMessages } from './messages/organisation.ts';
import { perceptionMonthsMessages } from './messages/perception-months.ts';
import { performanceMessages } from './messages/performance.ts';
import { publicRateLimitMessages } from './messages/public-rate-limit.ts';
import { reportsCompilationMessages } from './messages/reports-compilation.ts';
import { reportsSkmMessages } from './messages/reports-skm.ts';
import { reportsWorkflowMessages } from './messages/reports-workflow.ts';
import { responseDataMessages } from './messages/response-data.ts';
import { responsesMessages } from './messages/responses.ts';
import { resultsMessages } from './messages/results.ts';
import { surveysMessages } from './messages/surveys.ts';
import { webMessages } from './messages/web.ts';
import { webPerformanceMessages } from './messages/web-performance.ts';
import { webRtlMessages } from './messages/web-rtl.ts';
import { webSkmMessages } from './messages/web-skm.ts';
import { webSkmAdminMessages } from './messages/web-skm-admin.ts';

export type Locale = 'id' | 'en';
export const LOCALES: readonly Locale[] = ['id', 'en'];

type Dict = Record<string, string>;
export interface MessageBundle {
  id: Dict;
  en: Dict;
}

const bundles: MessageBundle[] = [
  auditMessages,
  commonMessages,
  authMessages,
  organisationMessages,
  surveysMessages,
  responseDataMessages,
  responsesMessages,
  resultsMessages,
  webMessages,
  webSkmMessages,
  webSkmAdminMessages,
  performanceMessages,
  webPerformanceMessages,
  actionPlansMessages,
  webRtlMessages,
  perceptionMonthsMessages,
  publicRateLimitMessages,
  reportsWorkflowMessages,
  reportsCompilationMessages,
  reportsSkmMessages,
];

const dictionaries: Record<Locale, Dict> = { id: {}, en: {} };
for (const b of bundles) {
  Object.assign(dictionaries.id, b.id);
  Object.assign(dictionaries.en, b.en);
}

export function t(locale: Locale, key: string, params?: Record<string, string | number>): string {
  const raw = dictionaries[locale][key] ?? dictionaries.id[key] ?? key;
  if (!params) return raw;
  return raw.replace(/\{(\w+)\}/g, (_, k: string) => (params[k] !== undefined ? String(params[k]) : `{${k}}`));
}

export function hasKey(locale: Locale, key: string): boolean {
  return key in dictionaries[locale];
}

/** Every key of every bundle, for the completeness test. */
export function allKeys(): { id: string[]; en: string[] } {
  return { id: Object.keys(dictionaries.id), en: Object.keys(dictionaries.en) };
}

/** `?lang=`, then the `lang` cookie, then Accept-Language; Indonesian by default. */
export function pickLocale(input: {
  query?: string | undefined;
  cookie?: string | undefined;
  acceptLanguage?: string | undefined;
}): Locale {
  for (const v of [input.query, input.cookie]) if (v === 'en' || v === 'id') return v;
  const al = input.acceptLanguage?.toLowerCase() ?? '';
  if (al.startsWith('en')) return 'en';
  return 'id';
}
