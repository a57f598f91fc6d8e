import { type ReactNode, useEffect, useId, useRef } from 'react';
import { ApiError, fieldError, fieldName } from '../lib/api.ts';
import { useT } from '../lib/i18n.tsx';

export interface ControlProps {
  id: string;
  name: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

interface FieldProps {
  label: ReactNode;
  name: string;
  /** The last failed request; its `fields[]` entry for `name` shows under the input. */
  error?: unknown;
  /** A client-side message (checked before sending). */
  message?: string | undefined;
  hint?: ReactNode;
  required?: boolean;
  className?: string;
  children: (props: ControlProps) => ReactNode;
}

/** Label, control, hint and error wired together with aria-invalid / aria-describedby. */
export function Field({ label, name, error, message, hint, required, className, children }: FieldProps) {
  const t = useT();
  const id = `f-${name.replace(/[^\w-]/g, '-')}-${useId().replace(/:/g, '')}`;
  const err = message ?? fieldError(error, name);
  const hintId = hint ? `${id}-hint` : undefined;
  const errId = err ? `${id}-error` : undefined;
  const describedBy = [hintId, errId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${err ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>
        {label}
        {required ? <span className="req"> ({t('web.form.required')})</span> : null}
      </label>
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {children({ id, name, 'aria-invalid': err ? true : undefined, 'aria-describedby': describedBy })}
      {err ? (
        <p className="field-error" id={errId}>
          {err}
        </p>
      ) : null}
    </div>
  );
}

export function CheckboxField({
  label,
  name,
  checked,
  onChange,
  error,
}: {
  label: ReactNode;
  name: string;
  checked: boolean;
  onChange(v: boolean): void;
  error?: unknown;
}) {
  const id = `c-${name}-${useId().replace(/:/g, '')}`;
  const err = fieldError(error, name);
  return (
    <div className="field field-check">
      <input
        type="checkbox"
        id={id}
        name={name}
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        aria-invalid={err ? true : undefined}
        aria-describedby={err ? `${id}-error` : undefined}
      />
      <label htmlFor={id}>{label}</label>
      {err ? (
        <p className="field-error" id={`${id}-error`}>
          {err}
        </p>
      ) : null}
    </div>
  );
}

/** The rendered input for a field name and its visible label (without the "required" note). */
function controlFor(name: string): { el: HTMLElement; label: string } | null {
  if (typeof document === 'undefined') return null;
  const el = document.querySelector<HTMLInputElement>(`[name="${CSS.escape(name)}"]`);
  const label = el?.labels?.[0]?.firstChild?.textContent?.trim();
  return el?.id && label ? { el, label } : null;
}

/**
 * The request's message and every field issue, focused when it appears so that keyboard and
 * screen-reader users land on it (the per-input messages stay next to their inputs).
 */
export function ErrorSummary({ error, title }: { error: unknown; title?: string }) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) ref.current?.focus();
  }, [error]);
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  const fields = error instanceof ApiError ? error.fields : [];
  return (
    <div className="alert alert-error" role="alert" tabIndex={-1} ref={ref}>
      <p className="alert-title">{title ?? message}</p>
      {title ? <p>{message}</p> : null}
      {fields.length ? (
        <ul>
          {fields.map((f) => {
            const target = controlFor(fieldName(f.field));
            return (
              <li key={`${f.field}:${f.message}`}>
                {target ? (
                  <a
                    href={`#${target.el.id}`}
                    onClick={(e) => {
                      e.preventDefault();
                      target.el.focus();
                    }}
                  >
                    {target.label}
                  </a>
                ) : (
                  <code>{fieldName(f.field)}</code>
                )}
                : {f.message}
              </li>
            );
          })}
        </ul>
      ) : null}
      {error instanceof ApiError && error.status === 0 ? <p>{t('web.error.network')}</p> : null}
    </div>
  );
}

export function Notice({ children, kind = 'info' }: { children: ReactNode; kind?: 'info' | 'success' | 'warning' }) {
  return (
    <div className={`alert alert-${kind}`} role="status">
      {children}
    </div>
  );
}

export function Loading() {
  const t = useT();
  return (
    <p className="loading" role="status">
      {t('web.common.loading')}
    </p>
  );
}

/** Shows a load error, or nothing. */
export function LoadError({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <div className="alert alert-error" role="alert">
      <p>{error instanceof Error ? error.message : String(error)}</p>
    </div>
  );
}
