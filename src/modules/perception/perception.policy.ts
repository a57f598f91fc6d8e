import type { Db } from '../../db/connection.ts';
import { notFound } from '../../http/app-error.ts';
import { requireActor, requireRole } from '../auth/access.ts';
import type { Actor } from '../auth/actor.ts';
import { resolveUnitScope, scopeIncludes } from '../auth/scope.ts';

/**
 * SPKP/SPAK months (DOMAIN §3, 6): the inspectorate owns the programme and alone closes, freezes and
 * restates months and sets the grace period; every role that sees a unit reads its months (a unit
 * outside the reader's scope answers 404, so its existence does not leak).
 */
export const perceptionPolicy = {
  async assertRead(db: Db, actor: Actor | null, unitId: string): Promise<Actor> {
    const a = requireActor(actor);
    if (!scopeIncludes(await resolveUnitScope(db, a), unitId)) throw notFound('Unit');
    return a;
  },
  assertManage: (actor: Actor | null): Actor => requireRole(actor, ['inspectorate']),
  assertReadSettings: (actor: Actor | null): Actor => requireRole(actor, ['inspectorate', 'skm_coordinator', 'system_admin']),
};
