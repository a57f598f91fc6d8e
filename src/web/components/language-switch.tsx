import { useAuth } from '../lib/auth.tsx';
import { useI18n } from '../lib/i18n.tsx';
import type { Locale } from '../lib/types.ts';

const OPTIONS: { locale: Locale; short: string; name: string }[] = [
  { locale: 'id', short: 'ID', name: 'Bahasa Indonesia' },
  { locale: 'en', short: 'EN', name: 'English' },
];

/** Two toggle buttons; the choice persists in the `lang` cookie and, when signed in, on the account. */
export function LanguageSwitch() {
  const { locale, t } = useI18n();
  const { changeLocale } = useAuth();
  return (
    <fieldset className="lang-switch">
      <legend className="sr-only">{t('web.lang.label')}</legend>
      {OPTIONS.map((o) => (
        <button
          key={o.locale}
          type="button"
          lang={o.locale}
          aria-pressed={locale === o.locale}
          title={o.name}
          onClick={() => {
            if (locale !== o.locale) changeLocale(o.locale).catch(() => {});
          }}
        >
          <span aria-hidden="true">{o.short}</span>
          <span className="sr-only">{o.name}</span>
        </button>
      ))}
    </fieldset>
  );
}
