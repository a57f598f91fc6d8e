import { useId, useRef, useState } from 'react';
import { useT } from '../lib/i18n.tsx';

/** A read-only value with a copy button (temporary passwords, reset links). */
export function CopyField({ label, value }: { label: string; value: string }) {
  const t = useT();
  const id = `copy-${useId().replace(/:/g, '')}`;
  const ref = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    ref.current?.select();
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      // Plain-http intranets have no clipboard API; the selected text can still be copied by hand.
      document.execCommand?.('copy');
    }
    setCopied(true);
  };
  return (
    <div className="field copy-field">
      <label htmlFor={id}>{label}</label>
      <div className="copy-row">
        <input id={id} ref={ref} readOnly value={value} onFocus={(e) => e.target.select()} className="mono" />
        <button type="button" className="btn btn-secondary" onClick={copy}>
          {t('web.common.copy')}
        </button>
      </div>
      <p className="hint" aria-live="polite">
        {copied ? t('web.common.copied') : ''}
      </p>
    </div>
  );
}
