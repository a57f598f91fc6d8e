import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ApiError, api, get, onApiError, patch, post } from './api.ts';
import { useI18n } from './i18n.tsx';
import type { Locale, Me, Role } from './types.ts';

type AuthState = { status: 'loading' } | { status: 'anonymous' } | { status: 'authenticated'; me: Me };

interface Auth {
  state: AuthState;
  login(username: string, password: string): Promise<Me>;
  logout(): Promise<void>;
  refresh(): Promise<void>;
  changeLocale(locale: Locale): Promise<void>;
}

const Ctx = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const { setLocale } = useI18n();
  const [state, setState] = useState<AuthState>({ status: 'loading' });

  const accept = useCallback(
    (me: Me) => {
      setLocale(me.locale);
      setState({ status: 'authenticated', me });
    },
    [setLocale],
  );

  const refresh = useCallback(async () => {
    try {
      const me = await get<Me>('/auth/me');
      accept(me);
    } catch (e) {
      if (e instanceof ApiError && (e.status === 401 || e.status === 403)) setState({ status: 'anonymous' });
      else throw e;
    }
  }, [accept]);

  useEffect(() => {
    refresh().catch(() => setState({ status: 'anonymous' }));
  }, [refresh]);

  // A request that finds the session gone (expiry, revoked by a password change elsewhere) ends it here too.
  useEffect(
    () =>
      onApiError((err) => {
        if (err.code === 'unauthenticated') setState({ status: 'anonymous' });
        if (err.code === 'password_change_required') void refresh();
      }),
    [refresh],
  );

  const login = useCallback(
    async (username: string, password: string) => {
      const { user } = await post<{ user: Me }>('/auth/login', { username, password });
      accept(user);
      return user;
    },
    [accept],
  );

  const logout = useCallback(async () => {
    try {
      await api('POST', '/auth/logout', {});
    } finally {
      setState({ status: 'anonymous' });
    }
  }, []);

  const changeLocale = useCallback(
    async (locale: Locale) => {
      setLocale(locale);
      if (state.status !== 'authenticated') return;
      const me = await patch<Me>('/auth/me', { locale });
      setState({ status: 'authenticated', me });
    },
    [setLocale, state.status],
  );

  const value = useMemo<Auth>(
    () => ({ state, login, logout, refresh, changeLocale }),
    [state, login, logout, refresh, changeLocale],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useAuth(): Auth {
  const v = useContext(Ctx);
  if (!v) throw new Error('AuthProvider missing');
  return v;
}

/** The signed-in user; only for components rendered inside the authenticated shell. */
export function useMe(): Me {
  const { state } = useAuth();
  if (state.status !== 'authenticated') throw new Error('not authenticated');
  return state.me;
}

export const hasRole = (me: Me, ...roles: Role[]) => me.roles.some((r) => roles.includes(r.role));

/** What the UI offers; the server's policy decides in the end. */
export const can = {
  manageUsers: (me: Me) => hasRole(me, 'system_admin'),
  viewAudit: (me: Me) => hasRole(me, 'system_admin', 'inspectorate'),
  manageUnits: (me: Me) => hasRole(me, 'system_admin'),
  manageServices: (me: Me) => hasRole(me, 'system_admin', 'skm_coordinator'),
  editPopulation: (me: Me, unitId: string) =>
    hasRole(me, 'system_admin', 'skm_coordinator') || me.roles.some((r) => r.role === 'unit_operator' && r.unitId === unitId),
};
