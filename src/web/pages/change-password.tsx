import { type FormEvent, useState } from 'react';
import { ErrorSummary, Field, Notice } from '../components/form.tsx';
import { LanguageSwitch } from '../components/language-switch.tsx';
import { post } from '../lib/api.ts';
import { useAuth, useMe } from '../lib/auth.tsx';
import { useAction, useTitle } from '../lib/hooks.ts';
import { useT } from '../lib/i18n.tsx';

export const MIN_PASSWORD = 10;

/** Client checks mirror the server's (at least 10 characters, not the username, typed twice). */
export function passwordProblems(
  t: (k: string, p?: Record<string, string | number>) => string,
  username: string,
  password: string,
  confirm: string,
): { newPassword?: string; confirmPassword?: string } {
  const out: { newPassword?: string; confirmPassword?: string } = {};
  if (password.length < MIN_PASSWORD) out.newPassword = t('web.password.tooShort', { min: MIN_PASSWORD });
  else if (username && password.toLowerCase() === username.toLowerCase()) out.newPassword = t('web.password.sameAsUsername');
  if (confirm !== password) out.confirmPassword = t('web.password.mismatch');
  return out;
}

/** Shown instead of the app while the account must change its password. */
export function ChangePasswordPage() {
  const t = useT();
  const me = useMe();
  const { refresh, logout } = useAuth();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [checked, setChecked] = useState(false);
  const action = useAction();
  useTitle(t('web.password.changeTitle'));
  const problems = checked ? passwordProblems(t, me.username, next, confirm) : {};

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setChecked(true);
    if (Object.keys(passwordProblems(t, me.username, next, confirm)).length) return;
    const ok = await action.run(async () => {
      await post('/auth/change-password', { currentPassword: current, newPassword: next });
      return true;
    });
    if (ok) await refresh();
  };

  return (
    <div className="auth-page">
      <header className="auth-header">
        <p className="brand">Mutu</p>
        <LanguageSwitch />
        <button type="button" className="btn btn-link" onClick={() => void logout()}>
          {t('web.shell.logout')}
        </button>
      </header>
      <main id="main" className="auth-card" tabIndex={-1}>
        <h1>{t('web.password.changeTitle')}</h1>
        <Notice kind="warning">{t('web.password.mustChange', { name: me.fullName })}</Notice>
        <ErrorSummary error={action.error} />
        <form onSubmit={submit} noValidate>
          <Field label={t('web.password.current')} name="currentPassword" error={action.error} required>
            {(p) => (
              <input
                {...p}
                type="password"
                autoComplete="current-password"
                required
                value={current}
                onChange={(e) => setCurrent(e.target.value)}
              />
            )}
          </Field>
          <Field
            label={t('web.password.new')}
            name="newPassword"
            error={action.error}
            message={problems.newPassword}
            hint={t('web.password.rules', { min: MIN_PASSWORD })}
            required
          >
            {(p) => (
              <input
                {...p}
                type="password"
                autoComplete="new-password"
                required
                minLength={MIN_PASSWORD}
                value={next}
                onChange={(e) => setNext(e.target.value)}
              />
            )}
          </Field>
          <Field label={t('web.password.confirm')} name="confirmPassword" message={problems.confirmPassword} required>
            {(p) => (
              <input
                {...p}
                type="password"
                autoComplete="new-password"
                required
                value={confirm}
                onChange={(e) => setConfirm(e.target.value)}
              />
            )}
          </Field>
          <button type="submit" className="btn btn-primary" disabled={action.busy}>
            {t('web.password.save')}
          </button>
        </form>
      </main>
    </div>
  );
}
