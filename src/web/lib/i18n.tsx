import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { t as translate } from '../../shared/i18n/index.ts';
import { setApiLocale } from './api.ts';
import type { Locale } from './types.ts';

type Translate = (key: string, params?: Record<string, string | number>) => string;

interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t: Translate;
}

const LANG_COOKIE_DAYS = 365;

function cookieLocale(): Locale | null {
  const m = /(?:^|;\s*)lang=(id|en)\b/.exec(document.cookie);
  return (m?.[1] as Locale | undefined) ?? null;
}

/** The `lang` cookie is what the server reads for requests without a session (e.g. the login page). */
function applyLocale(locale: Locale) {
  // biome-ignore lint/suspicious/noDocumentCookie: one plain preference cookie, read by the server too
  document.cookie = `lang=${locale}; path=/; max-age=${LANG_COOKIE_DAYS * 86400}; samesite=lax`;
  document.documentElement.lang = locale;
  setApiLocale(locale);
}

const Ctx = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  // Indonesian unless the user chose otherwise before.
  const [locale, setState] = useState<Locale>(() => {
    const l = cookieLocale() ?? 'id';
    applyLocale(l);
    return l;
  });
  const setLocale = useCallback((l: Locale) => {
    applyLocale(l);
    setState(l);
  }, []);
  const value = useMemo<I18n>(
    () => ({ locale, setLocale, t: (key, params) => translate(locale, key, params) }),
    [locale, setLocale],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('I18nProvider missing');
  return v;
}

export const useT = (): Translate => useI18n().t;

const dateFmt = (locale: Locale) => (locale === 'en' ? 'en-GB' : 'id-ID');

export function formatDate(locale: Locale, iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00` : iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString(dateFmt(locale), { day: 'numeric', month: 'short', year: 'numeric' });
}

export function formatDateTime(locale: Locale, iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(dateFmt(locale), { dateStyle: 'medium', timeStyle: 'short' });
}

export const formatNumber = (locale: Locale, n: number) => n.toLocaleString(dateFmt(locale));
