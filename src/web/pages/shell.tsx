import { useEffect, useRef } from 'react';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { LanguageSwitch } from '../components/language-switch.tsx';
import { can, useAuth, useMe } from '../lib/auth.tsx';
import { useT } from '../lib/i18n.tsx';
import type { Me } from '../lib/types.ts';
import { NotificationBell } from '../reports/notification-bell.tsx';

interface NavItem {
  to: string;
  key: string;
  visible(me: Me): boolean;
}

const always = () => true;
export const NAV: NavItem[] = [
  { to: '/app/skm', key: 'web.nav.skm', visible: always },
  { to: '/app/laporan-skm', key: 'web.nav.skmReports', visible: always },
  { to: '/app/spkp', key: 'web.nav.spkp', visible: always },
  { to: '/app/rtl', key: 'web.nav.rtl', visible: always },
  { to: '/app/sakip', key: 'web.nav.sakip', visible: always },
  { to: '/app/organisasi', key: 'web.nav.organisation', visible: always },
  { to: '/app/pengguna', key: 'web.nav.users', visible: can.manageUsers },
  { to: '/app/audit', key: 'web.nav.audit', visible: can.viewAudit },
];

export function Shell() {
  const t = useT();
  const me = useMe();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const first = useRef(true);

  // After client-side navigation, start reading at the new page rather than at the old link.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on path change only
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    mainRef.current?.focus();
  }, [location.pathname]);

  const roleNames = [...new Set(me.roles.map((r) => t(`web.role.${r.role}`)))].join(', ');
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('web.shell.skip')}
      </a>
      <header className="topbar">
        <NavLink to="/app" end className="brand">
          Mutu
        </NavLink>
        <div className="topbar-user">
          <span className="user-name">
            <span className="sr-only">{t('web.shell.signedInAs')} </span>
            {me.fullName}
            {roleNames ? <span className="user-roles"> · {roleNames}</span> : null}
          </span>
          <NotificationBell />
          <LanguageSwitch />
          <button
            type="button"
            className="btn btn-secondary btn-small"
            onClick={async () => {
              await logout();
              navigate('/app/login', { replace: true });
            }}
          >
            {t('web.shell.logout')}
          </button>
        </div>
      </header>
      <div className="shell-body">
        <nav className="sidenav" aria-label={t('web.nav.label')}>
          <ul>
            {NAV.filter((n) => n.visible(me)).map((n) => (
              <li key={n.to}>
                <NavLink to={n.to}>{t(n.key)}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" className="content" tabIndex={-1} ref={mainRef}>
          <Outlet />
        </main>
      </div>
      <footer className="footer">
        <p>{t('web.shell.footer')}</p>
      </footer>
    </div>
  );
}
