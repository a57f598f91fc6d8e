import type { Db } from '../../db/connection.ts';
import { requireApprover, requireRole, requireRoleForUnit, requireUnitRead } from '../auth/access.ts';
import type { Actor } from '../auth/actor.ts';

/**
 * DOMAIN §3 for SAKIP: the entity's `sakip_manager` enters the plan, realisations, budget and NKA (its unit only);
 * the `unit_head` signs (verifies, finalises quarters, requests target revisions); the `planning_bureau` reviews
 * the plan and decides revisions, never on its own proposal; executives and the planning bureau read all.
 */
export const performancePolicy = {
  read: (db: Db, actor: Actor, unitId: string): Promise<Actor> => requireUnitRead(db, actor, unitId),

  enter: (actor: Actor, unitId: string): Actor => requireRoleForUnit(actor, ['sakip_manager'], unitId),

  /** Entity settings: the entity's manager or the planning bureau. */
  settings: (actor: Actor, unitId: string): Actor => requireRoleForUnit(actor, ['sakip_manager', 'planning_bureau'], unitId),

  /** Monthly evaluation meeting: the unit head or the planning bureau, never who entered/submitted (four-eyes). */
  verify(actor: Actor, unitId: string, submitterId: string | null): Actor {
    const a = requireRoleForUnit(actor, ['unit_head', 'planning_bureau'], unitId);
    return requireApprover(a, ['unit_head', 'planning_bureau'], submitterId);
  },

  sign: (actor: Actor, unitId: string): Actor => requireRoleForUnit(actor, ['unit_head'], unitId),

  /** LAPKIN Interim review (DOMAIN 8.13 "reviewed (SAKIP team)"): the entity's SAKIP team. */
  reviewReport: (actor: Actor, unitId: string): Actor => requireRoleForUnit(actor, ['sakip_manager'], unitId),

  /** Return a reviewed LAPKIN to draft, or submit a finalised one: the SAKIP team or the head. */
  sendReport: (actor: Actor, unitId: string): Actor => requireRoleForUnit(actor, ['sakip_manager', 'unit_head'], unitId),

  review: (actor: Actor, proposerId: string | null): Actor => requireApprover(actor, ['planning_bureau'], proposerId),

  apply: (actor: Actor, unitId: string): Actor => requireRoleForUnit(actor, ['sakip_manager', 'unit_head'], unitId),

  anyPlanningRole: (actor: Actor): Actor => requireRole(actor, ['planning_bureau']),
};
