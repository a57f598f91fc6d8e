import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ErrorSummary, Field, Notice } from '../components/form.tsx';
import { LanguageSwitch } from '../components/language-switch.tsx';
import { post } from '../lib/api.ts';
import { useAction, useTitle } from '../lib/hooks.ts';
import { useT } from '../lib/i18n.tsx';
import { MIN_PASSWORD, passwordProblems } from './change-password.tsx';

/** Public page behind an administrator-issued one-time link. */
export function ResetPasswordPage() {
  const t = useT();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [checked, setChecked] = useState(false);
  const [done, setDone] = useState(false);
  const action = useAction();
  useTitle(t('web.reset.title'));
  const problems = checked ? passwordProblems(t, '', next, confirm) : {};

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setChecked(true);
    if (Object.keys(passwordProblems(t, '', next, confirm)).length) return;
    const ok = await action.run(async () => {
      await post('/auth/reset-password', { token, newPassword: next });
      return true;
    });
    if (ok) setDone(true);
  };

  return (
    <div className="auth-page">
      <header className="auth-header">
        <p className="brand">Mutu</p>
        <LanguageSwitch />
      </header>
      <main id="main" className="auth-card" tabIndex={-1}>
        <h1>{t('web.reset.title')}</h1>
        {!token ? (
          <div className="alert alert-error" role="alert">
            <p>{t('web.reset.noToken')}</p>
          </div>
        ) : done ? (
          <Notice kind="success">
            <p>{t('web.reset.done')}</p>
            <p>
              <Link to="/app/login">{t('web.reset.toLogin')}</Link>
            </p>
          </Notice>
        ) : (
          <>
            <ErrorSummary error={action.error} />
            <form onSubmit={submit} noValidate>
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
                {t('web.reset.submit')}
              </button>
            </form>
            <p>
              <Link to="/app/login">{t('web.reset.toLogin')}</Link>
            </p>
          </>
        )}
      </main>
    </div>
  );
}
