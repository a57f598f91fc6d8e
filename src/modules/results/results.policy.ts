import type { Db } from '../../db/connection.ts';
import { notFound } from '../../http/app-error.ts';
import { holdsRoleFor, requireActor, requireRole } from '../auth/access.ts';
import { type Actor, hasRole } from '../auth/actor.ts';
import { resolveUnitScope, scopeIncludes, type UnitScope } from '../auth/scope.ts';

/**
 * Who sees which results (DOMAIN §3). Results are read within the unit scope; a unit outside it
 * answers 404 (its existence does not leak). Respondent personal data (name, phone, institution)
 * are shown in clear only to the respondent's unit operators and head, the SKM coordinator and the
 * inspectorate; everyone else (executive viewers, planning bureau, system admin, Eselon I heads of
 * a parent unit) gets masked values.
 */
export const resultsPolicy = {
  scope: (db: Db, actor: Actor): Promise<UnitScope> => resolveUnitScope(db, actor),

  assertUnitVisible(scope: UnitScope, unitId: string): void {
    if (!scopeIncludes(scope, unitId)) throw notFound('Unit');
  },

  /** The BPOM-wide view shows every unit: agency-wide roles only; unit roles read their units. */
  canSeeAll: (scope: UnitScope): boolean => scope.all,

  mayReadPersonal(actor: Actor, unitId: string): boolean {
    if (hasRole(actor, 'skm_coordinator', 'inspectorate')) return true;
    return holdsRoleFor(actor, 'unit_operator', unitId) || holdsRoleFor(actor, 'unit_head', unitId);
  },

  /** D30: a restatement is a coordinator decision. */
  assertRestate(actor: Actor | null): Actor {
    return requireRole(requireActor(actor), ['skm_coordinator']);
  },
};
