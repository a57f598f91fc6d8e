import { requireRole } from './access.ts';
import { type Actor, hasRole } from './actor.ts';

/**
 * Who may manage accounts. Only system_admin manages users, units and configuration (DOMAIN §3);
 * everyone manages only their own password and locale through /auth/me.
 */
export const authPolicy = {
  canManageUsers: (actor: Actor | null): boolean => actor !== null && hasRole(actor, 'system_admin'),
  assertManageUsers: (actor: Actor | null): Actor => requireRole(actor, ['system_admin']),
};
