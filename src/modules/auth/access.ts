import type { Db } from '../../db/connection.ts';
import { AppError, AppErrorCode, forbidden } from '../../http/app-error.ts';
import type { Actor, Role } from './actor.ts';
import { resolveUnitScope, scopeIncludes } from './scope.ts';

/**
 * Authorisation helpers every module's `*.policy.ts` builds on (DOMAIN §3). They throw the
 * one AppError: 401 without an actor, 403 when the role or the unit scope does not fit.
 */

/** Roles that make business approvals; system_admin manages the system but never approves. */
export const APPROVER_ROLES: readonly Role[] = ['unit_head', 'skm_coordinator', 'inspectorate', 'planning_bureau'];

export function requireActor(actor: Actor | null | undefined): Actor {
  if (!actor)
    throw new AppError(AppErrorCode.UNAUTHENTICATED, 'Silakan masuk terlebih dahulu', { messageKey: 'error.unauthenticated' });
  return actor;
}

/** The actor holds at least one of `roles` (in any unit). */
export function requireRole(actor: Actor | null | undefined, roles: readonly Role[]): Actor {
  const a = requireActor(actor);
  if (!a.grants.some((g) => roles.includes(g.role))) throw forbidden();
  return a;
}

/** True when the actor holds `role` agency-wide, or for exactly `unitId`. */
export const holdsRoleFor = (actor: Actor, role: Role, unitId: string): boolean =>
  actor.grants.some((g) => g.role === role && (g.unitId === null || g.unitId === unitId));

/** The actor holds one of `roles` for this unit (agency-wide grants count everywhere). */
export function requireRoleForUnit(actor: Actor | null | undefined, roles: readonly Role[], unitId: string): Actor {
  const a = requireActor(actor);
  if (!roles.some((r) => holdsRoleFor(a, r, unitId))) throw forbidden();
  return a;
}

/** Read access to a unit's data: agency-wide roles, the unit's own roles, Eselon I heads for sub-units. */
export async function requireUnitRead(db: Db, actor: Actor | null | undefined, unitId: string): Promise<Actor> {
  const a = requireActor(actor);
  if (!scopeIncludes(await resolveUnitScope(db, a), unitId)) throw forbidden();
  return a;
}

/**
 * A business approval: one of `roles`, never on the strength of system_admin alone, and never by
 * the proposer (four-eyes).
 */
export function requireApprover(actor: Actor | null | undefined, roles: readonly Role[], proposerId: string | null): Actor {
  const a = requireRole(
    actor,
    roles.filter((r) => r !== 'system_admin'),
  );
  if (proposerId !== null) assertNotSameActor(proposerId, a.userId);
  return a;
}

/** Four-eyes rule (DOMAIN §3): whoever proposed a change may not approve it. */
export function assertNotSameActor(proposerId: string, approverId: string): void {
  if (proposerId === approverId) {
    throw new AppError(AppErrorCode.FORBIDDEN, 'Pengusul tidak boleh menyetujui usulannya sendiri', {
      messageKey: 'auth.fourEyes',
    });
  }
}
