import { forbidden } from '../../http/app-error.ts';
import { type Actor, hasRole } from '../auth/actor.ts';
import { scopeIncludes, type UnitScope } from '../auth/scope.ts';

export type OrganisationAction =
  | { kind: 'read_unit'; unitId: string; scope: UnitScope }
  | { kind: 'manage_units' }
  | { kind: 'manage_services' }
  | { kind: 'set_population'; unitId: string }
  | { kind: 'manage_assignments' };

/**
 * Who may do what in the organisation module (DOMAIN §3): system_admin shapes the organisation;
 * the SKM coordinator keeps the service catalogue; a unit operator keeps its own unit's populations.
 * Reading follows the actor's unit scope.
 */
export function canOrganisation(actor: Actor, action: OrganisationAction): boolean {
  switch (action.kind) {
    case 'read_unit':
      return scopeIncludes(action.scope, action.unitId);
    case 'manage_units':
    case 'manage_assignments':
      return hasRole(actor, 'system_admin');
    case 'manage_services':
      return hasRole(actor, 'system_admin', 'skm_coordinator');
    case 'set_population':
      return (
        hasRole(actor, 'system_admin', 'skm_coordinator') ||
        actor.grants.some((g) => g.role === 'unit_operator' && g.unitId === action.unitId)
      );
  }
}

export function assertOrganisation(actor: Actor, action: OrganisationAction): void {
  if (!canOrganisation(actor, action)) throw forbidden();
}
