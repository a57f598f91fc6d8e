import type { Db } from '../../db/connection.ts';
import { forbidden, notFound } from '../../http/app-error.ts';
import { type Actor, hasRole } from '../auth/actor.ts';
import { resolveUnitScope, type UnitScope } from '../auth/scope.ts';

/**
 * Who may do what with campaigns, targets and links (DOMAIN §3): the SKM coordinator creates and
 * moves campaigns, sets targets and issues links; everyone else reads within their unit scope.
 * system_admin manages the system but makes no business decision, so it is not a coordinator here.
 */
export const campaignPolicy = {
  canManage: (actor: Actor): boolean => hasRole(actor, 'skm_coordinator'),

  assertManage(actor: Actor): void {
    if (!campaignPolicy.canManage(actor)) throw forbidden();
  },

  /** The units whose targets and links the actor may read. */
  readScope: (db: Db, actor: Actor): Promise<UnitScope> => resolveUnitScope(db, actor),

  /**
   * A campaign is visible when the actor sees every unit, or at least one unit in it. A campaign
   * outside the actor's scope answers 404, so its existence does not leak.
   */
  assertCampaignVisible(scope: UnitScope, campaignUnitIds: readonly string[]): void {
    if (scope.all) return;
    if (!campaignUnitIds.some((u) => scope.unitIds.has(u))) throw notFound('Kampanye survei');
  },

  /** Links and QR codes of one unit. */
  assertUnitVisible(scope: UnitScope, unitId: string): void {
    if (!scope.all && !scope.unitIds.has(unitId)) throw notFound('Tautan survei');
  },
};
