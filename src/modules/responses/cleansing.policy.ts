import { requireApprover, requireRole, requireRoleForUnit } from '../auth/access.ts';
import type { Actor } from '../auth/actor.ts';

/**
 * Who may touch a response's validity (DOMAIN §3, 5.6): the unit's own operator (or head) proposes;
 * the SKM coordinator decides, never on their own proposal (four-eyes), and may invalidate or
 * reinstate directly. system_admin makes no business decision.
 */
export const cleansingPolicy = {
  assertPropose: (actor: Actor, unitId: string): Actor => requireRoleForUnit(actor, ['unit_operator', 'unit_head'], unitId),
  assertDecide: (actor: Actor, proposedBy: string): Actor => requireApprover(actor, ['skm_coordinator'], proposedBy),
  assertDirect: (actor: Actor): Actor => requireRole(actor, ['skm_coordinator']),
};
