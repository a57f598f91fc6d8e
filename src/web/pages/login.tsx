import { type FormEvent, useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ErrorSummary, Field } from '../components/form.tsx';
import { LanguageSwitch } from '../components/language-switch.tsx';
import { ApiError } from '../lib/api.ts';
import { useAuth } from '../lib/auth.tsx';
import { useAction, useTitle } from '../lib/hooks.ts';
import { useT } from '../lib/i18n.tsx';

/** Only in-app paths may be returned to after login. */
const safeReturn = (from: unknown) =>
  typeof from === 'string' && from.startsWith('/app') && !from.startsWith('/app/login') ? from : '/app';

export function LoginPage() {
  const t = useT();
  const { state, login } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const from = safeReturn((location.state as { from?: string } | null)?.from);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const action = useAction();
  useTitle(t('web.login.title'));

  if (state.status === 'authenticated') return <Navigate to={from} replace />;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const me = await action.run(() => login(username.trim(), password));
    if (me) navigate(from, { replace: true });
  };

  const locked = action.error instanceof ApiError && action.error.status === 423;
  return (
    <div className="auth-page">
      <header className="auth-header">
        <p className="brand">Mutu</p>
        <LanguageSwitch />
      </header>
      <main id="main" className="auth-card" tabIndex={-1}>
        <h1>{t('web.login.title')}</h1>
        <p className="lead">{t('web.login.lead')}</p>
        <ErrorSummary error={action.error} title={locked ? t('web.login.locked') : undefined} />
        <form onSubmit={submit} noValidate>
          <Field label={t('web.login.username')} name="username" error={action.error} required>
            {(p) => (
              <input
                {...p}
                type="text"
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                required
                value={username}
                onChange={(e) => setUsername(e.target.value)}
              />
            )}
          </Field>
          <Field label={t('web.login.password')} name="password" error={action.error} required>
            {(p) => (
              <input
                {...p}
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            )}
          </Field>
          <button type="submit" className="btn btn-primary" disabled={action.busy || !username || !password}>
            {action.busy ? t('web.login.submitting') : t('web.login.submit')}
          </button>
        </form>
        <p className="hint">{t('web.login.forgot')}</p>
      </main>
    </div>
  );
}
