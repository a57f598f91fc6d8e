import type { Selectable } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { AppUserTable, SessionTable } from '../../db/schema.ts';

export type UserRow = Selectable<AppUserTable>;
export type SessionRow = Selectable<SessionTable>;
export interface GrantRow {
  user_id: string;
  role: string;
  unit_id: string | null;
  unit_name: string | null;
}

export const findUserByUsername = (db: Db, username: string) =>
  db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();

export const findUserById = (db: Db, id: string) => db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();

export async function grantsOf(db: Db, userIds: string[]): Promise<GrantRow[]> {
  if (!userIds.length) return [];
  return db
    .selectFrom('user_role')
    .leftJoin('org_unit', 'org_unit.id', 'user_role.unit_id')
    .select(['user_role.user_id', 'user_role.role', 'user_role.unit_id', 'org_unit.name as unit_name'])
    .where('user_role.user_id', 'in', userIds)
    .orderBy('user_role.role')
    .orderBy('org_unit.name')
    .execute();
}

export const insertUser = (db: Db, row: UserRow) => db.insertInto('app_user').values(row).execute();

export const updateUser = (db: Db, id: string, patch: Partial<Omit<UserRow, 'id'>>) =>
  db.updateTable('app_user').set(patch).where('id', '=', id).execute();

export async function replaceGrants(
  db: Db,
  userId: string,
  grants: { id: string; role: string; unitId: string | null }[],
  now: string,
): Promise<void> {
  await db.deleteFrom('user_role').where('user_id', '=', userId).execute();
  if (!grants.length) return;
  await db
    .insertInto('user_role')
    .values(grants.map((g) => ({ id: g.id, user_id: userId, role: g.role, unit_id: g.unitId, created_at: now })))
    .execute();
}

/** Active users holding system_admin, optionally ignoring one user (for "last admin" checks). */
export async function countActiveAdmins(db: Db, exceptUserId?: string): Promise<number> {
  let q = db
    .selectFrom('user_role')
    .innerJoin('app_user', 'app_user.id', 'user_role.user_id')
    .select((eb) => eb.fn.count<number>('app_user.id').distinct().as('n'))
    .where('user_role.role', '=', 'system_admin')
    .where('app_user.active', '=', 1);
  if (exceptUserId) q = q.where('app_user.id', '<>', exceptUserId);
  const row = await q.executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function anyAdminExists(db: Db): Promise<boolean> {
  const row = await db.selectFrom('user_role').select('id').where('role', '=', 'system_admin').limit(1).executeTakeFirst();
  return row !== undefined;
}

export interface UserFilter {
  q?: string | undefined;
  unitId?: string | undefined;
  role?: string | undefined;
  limit: number;
  offset: number;
}

function filtered(db: Db, f: Omit<UserFilter, 'limit' | 'offset'>) {
  let q = db.selectFrom('app_user');
  if (f.q) {
    // No LIKE escaping: it is not portable between the engines, and a stray % or _ only widens a search.
    const like = `%${f.q.toLowerCase()}%`;
    q = q.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['app_user.username']), 'like', like),
        eb(eb.fn('lower', ['app_user.full_name']), 'like', like),
        eb(eb.fn('lower', [eb.fn.coalesce('app_user.email', eb.val(''))]), 'like', like),
        eb(eb.fn.coalesce('app_user.nip', eb.val('')), 'like', like),
      ]),
    );
  }
  if (f.unitId || f.role) {
    q = q.where((eb) => {
      let sub = eb.selectFrom('user_role').select('user_role.id').whereRef('user_role.user_id', '=', 'app_user.id');
      if (f.unitId) sub = sub.where('user_role.unit_id', '=', f.unitId);
      if (f.role) sub = sub.where('user_role.role', '=', f.role);
      return eb.exists(sub);
    });
  }
  return q;
}

export async function listUsers(db: Db, f: UserFilter): Promise<{ rows: UserRow[]; total: number }> {
  const [rows, total] = await Promise.all([
    filtered(db, f).selectAll('app_user').orderBy('app_user.username').limit(f.limit).offset(f.offset).execute(),
    filtered(db, f)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function existingUsernames(db: Db, usernames: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  // Chunked so that a 97-unit rollout file stays under the bind-parameter limits of both engines.
  for (let i = 0; i < usernames.length; i += 500) {
    const chunk = usernames.slice(i, i + 500);
    const rows = await db.selectFrom('app_user').select('username').where('username', 'in', chunk).execute();
    for (const r of rows) found.add(r.username);
  }
  return found;
}

export const findUnitsByIds = (db: Db, ids: string[]) =>
  ids.length ? db.selectFrom('org_unit').select(['id', 'name', 'active']).where('id', 'in', ids).execute() : Promise.resolve([]);

export const allUnitKeys = (db: Db) => db.selectFrom('org_unit').select(['id', 'code', 'name', 'active']).execute();

// Sessions

export const insertSession = (db: Db, row: SessionRow) => db.insertInto('session').values(row).execute();

export const findSession = (db: Db, id: string) => db.selectFrom('session').selectAll().where('id', '=', id).executeTakeFirst();

export const touchSession = (db: Db, id: string, lastSeenAt: string, idleExpiresAt: string) =>
  db.updateTable('session').set({ last_seen_at: lastSeenAt, idle_expires_at: idleExpiresAt }).where('id', '=', id).execute();

export const deleteSession = (db: Db, id: string) => db.deleteFrom('session').where('id', '=', id).execute();

export async function deleteSessionsOfUser(db: Db, userId: string, exceptSessionId?: string): Promise<void> {
  let q = db.deleteFrom('session').where('user_id', '=', userId);
  if (exceptSessionId) q = q.where('id', '<>', exceptSessionId);
  await q.execute();
}

// Password reset links

export const insertPasswordReset = (
  db: Db,
  row: { token_hash: string; user_id: string; created_by: string; created_at: string; expires_at: string },
) =>
  db
    .insertInto('password_reset')
    .values({ ...row, used_at: null })
    .execute();

export const deleteUnusedResets = (db: Db, userId: string) =>
  db.deleteFrom('password_reset').where('user_id', '=', userId).where('used_at', 'is', null).execute();

export const findPasswordReset = (db: Db, tokenHash: string) =>
  db.selectFrom('password_reset').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();

/** Marks a link used; false when another request used it first (one-time even under races). */
export async function consumePasswordReset(db: Db, tokenHash: string, now: string): Promise<boolean> {
  const res = await db
    .updateTable('password_reset')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
