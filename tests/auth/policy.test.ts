import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../src/db/connection.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import {
  assertNotSameActor,
  holdsRoleFor,
  requireApprover,
  requireRole,
  requireRoleForUnit,
  requireUnitRead,
} from '../../src/modules/auth/access.ts';
import type { Actor, RoleGrant } from '../../src/modules/auth/actor.ts';
import { authPolicy } from '../../src/modules/auth/auth.policy.ts';
import { describeEachEngine } from '../helpers/engines.ts';
import { insertUnit } from './fixtures.ts';

const actor = (userId: string, ...grants: RoleGrant[]): Actor => ({
  userId,
  username: userId,
  fullName: userId,
  grants,
  mustChangePassword: false,
  sessionId: 's',
  locale: 'id',
});
const code = (fn: () => unknown): string | null => {
  try {
    fn();
    return null;
  } catch (e) {
    return (e as { code?: string }).code ?? 'thrown';
  }
};

describe('four-eyes rule', () => {
  it('refuses the proposer as approver and accepts anyone else', () => {
    expect(code(() => assertNotSameActor('u1', 'u1'))).toBe('forbidden');
    expect(code(() => assertNotSameActor('u1', 'u2'))).toBeNull();
  });

  it('lets an SKM coordinator approve a unit operator’s proposal, never their own', () => {
    const coordinator = actor('c1', { role: 'skm_coordinator', unitId: null });
    expect(requireApprover(coordinator, ['skm_coordinator'], 'op1').userId).toBe('c1');
    expect(code(() => requireApprover(coordinator, ['skm_coordinator'], 'c1'))).toBe('forbidden');
  });

  it('never counts system_admin as a business approver', () => {
    const admin = actor('a1', { role: 'system_admin', unitId: null });
    expect(code(() => requireApprover(admin, ['skm_coordinator', 'system_admin'], 'op1'))).toBe('forbidden');
    expect(code(() => requireApprover(null, ['skm_coordinator'], 'op1'))).toBe('unauthenticated');
  });
});

describe('role checks', () => {
  const op = actor('op', { role: 'unit_operator', unitId: 'A' });
  const coord = actor('co', { role: 'skm_coordinator', unitId: null });

  it('requires one of the roles', () => {
    expect(code(() => requireRole(op, ['unit_operator']))).toBeNull();
    expect(code(() => requireRole(op, ['system_admin']))).toBe('forbidden');
    expect(code(() => requireRole(undefined, ['unit_operator']))).toBe('unauthenticated');
  });

  it('binds unit roles to their unit and agency-wide roles to every unit', () => {
    expect(holdsRoleFor(op, 'unit_operator', 'A')).toBe(true);
    expect(holdsRoleFor(op, 'unit_operator', 'B')).toBe(false);
    expect(code(() => requireRoleForUnit(op, ['unit_operator', 'skm_coordinator'], 'B'))).toBe('forbidden');
    expect(code(() => requireRoleForUnit(coord, ['unit_operator', 'skm_coordinator'], 'B'))).toBeNull();
  });

  it('lets only system_admin manage users', () => {
    expect(authPolicy.canManageUsers(actor('a', { role: 'system_admin', unitId: null }))).toBe(true);
    for (const role of [
      'unit_operator',
      'unit_head',
      'skm_coordinator',
      'inspectorate',
      'sakip_manager',
      'planning_bureau',
      'executive_viewer',
    ] as const) {
      expect(authPolicy.canManageUsers(actor('x', { role, unitId: 'A' }))).toBe(false);
    }
    expect(authPolicy.canManageUsers(null)).toBe(false);
  });
});

describeEachEngine('unit read scope', (_engine, open) => {
  let dbh: DbHandle;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    dbh = await open();
    await migrateToLatest(dbh.db);
    ids.sestama = await insertUnit(dbh.db, { code: 'SESTAMA', name: 'Sekretariat Utama', type: 'eselon1' });
    ids.biro = await insertUnit(dbh.db, {
      code: 'BIRO-HO',
      name: 'Biro Hukum dan Organisasi',
      type: 'bureau',
      parentId: ids.sestama,
    });
    ids.upt = await insertUnit(dbh.db, { code: 'BBPOM-SRG', name: 'Balai Besar POM di Serang' });
    ids.sub = await insertUnit(dbh.db, { code: 'SUB-UPT', name: 'Sub unit', type: 'other', parentId: ids.upt });
  });
  afterAll(async () => dbh?.close());

  const reads = async (a: Actor, unit: string) => {
    try {
      await requireUnitRead(dbh.db, a, unit);
      return true;
    } catch (e) {
      expect((e as { code: string }).code).toBe('forbidden');
      return false;
    }
  };

  it('unit roles read their own unit only; Eselon I heads also read sub-units', async () => {
    const op = actor('op', { role: 'unit_operator', unitId: ids.upt as string });
    expect(await reads(op, ids.upt as string)).toBe(true);
    expect(await reads(op, ids.biro as string)).toBe(false);
    expect(await reads(op, ids.sub as string)).toBe(false); // only Eselon I heads descend
    const head = actor('h', { role: 'unit_head', unitId: ids.sestama as string });
    expect(await reads(head, ids.biro as string)).toBe(true);
    expect(await reads(head, ids.upt as string)).toBe(false);
    const uptHead = actor('h2', { role: 'unit_head', unitId: ids.upt as string });
    expect(await reads(uptHead, ids.sub as string)).toBe(false);
    expect(await reads(actor('e', { role: 'executive_viewer', unitId: null }), ids.biro as string)).toBe(true);
  });
});
