import type { Db } from '../../db/connection.ts';
import type { Actor, Role } from './actor.ts';

/** Roles that see every unit (DOMAIN §3). */
export const AGENCY_WIDE_ROLES: readonly Role[] = [
  'skm_coordinator',
  'inspectorate',
  'planning_bureau',
  'executive_viewer',
  'system_admin',
];

export type UnitScope = { all: true } | { all: false; unitIds: ReadonlySet<string> };

export const scopeIncludes = (scope: UnitScope, unitId: string): boolean => scope.all || scope.unitIds.has(unitId);

/**
 * Units the actor may read: everything for agency-wide roles; otherwise the units of its unit
 * roles, plus every descendant for heads of an Eselon I unit (they see their sub-units).
 */
export async function resolveUnitScope(db: Db, actor: Actor): Promise<UnitScope> {
  if (actor.grants.some((g) => AGENCY_WIDE_ROLES.includes(g.role))) return { all: true };
  const own = actor.grants.filter((g) => g.unitId !== null).map((g) => g.unitId as string);
  const ids = new Set(own);
  const headUnits = actor.grants.filter((g) => g.role === 'unit_head' && g.unitId).map((g) => g.unitId as string);
  if (headUnits.length) {
    const eselon1 = await db
      .selectFrom('org_unit')
      .select('id')
      .where('id', 'in', headUnits)
      .where('type', '=', 'eselon1')
      .execute();
    for (const root of eselon1) for (const id of await descendantUnitIds(db, root.id)) ids.add(id);
  }
  return { all: false, unitIds: ids };
}

/** All units below `rootId` (not including it), through the parent links. */
export async function descendantUnitIds(db: Db, rootId: string): Promise<string[]> {
  const rows = await db
    .withRecursive('tree(id)', (qb) =>
      qb
        .selectFrom('org_unit')
        .select('id')
        .where('parent_id', '=', rootId)
        .unionAll((q) => q.selectFrom('org_unit').innerJoin('tree', 'tree.id', 'org_unit.parent_id').select('org_unit.id')),
    )
    .selectFrom('tree')
    .select('id')
    .execute();
  return rows.map((r) => r.id);
}
