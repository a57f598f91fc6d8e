import { Link } from 'react-router';
import { useMe } from '../lib/auth.tsx';
import { useTitle } from '../lib/hooks.ts';
import { useT } from '../lib/i18n.tsx';
import { NAV } from './shell.tsx';

export function HomePage() {
  const t = useT();
  const me = useMe();
  useTitle(t('web.home.title'));
  return (
    <>
      <h1>{t('web.home.welcome', { name: me.fullName })}</h1>
      <p className="lead">{t('web.home.lead')}</p>
      <ul className="cards">
        {NAV.filter((n) => n.visible(me)).map((n) => (
          <li key={n.to} className="card">
            <h2>
              <Link to={n.to}>{t(n.key)}</Link>
            </h2>
            <p>{t(`${n.key}.about`)}</p>
          </li>
        ))}
      </ul>
    </>
  );
}

/** Capabilities of later issues. */
export function PlaceholderPage({ navKey }: { navKey: string }) {
  const t = useT();
  useTitle(t(navKey));
  return (
    <>
      <h1>{t(navKey)}</h1>
      <p className="lead">{t(`${navKey}.about`)}</p>
      <div className="alert alert-info" role="status">
        <p>{t('web.placeholder.soon')}</p>
      </div>
    </>
  );
}

export function NotFoundPage() {
  const t = useT();
  useTitle(t('web.notFound.title'));
  return (
    <>
      <h1>{t('web.notFound.title')}</h1>
      <p>
        <Link to="/app">{t('web.notFound.home')}</Link>
      </p>
    </>
  );
}

export function ForbiddenPage() {
  const t = useT();
  useTitle(t('web.forbidden.title'));
  return (
    <>
      <h1>{t('web.forbidden.title')}</h1>
      <p>{t('web.forbidden.body')}</p>
    </>
  );
}
