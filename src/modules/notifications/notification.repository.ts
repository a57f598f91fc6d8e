import type { Db } from '../../db/connection.ts';
import type { NotificationTable } from '../../db/schema.ts';

export async function insertNotifications(db: Db, rows: NotificationTable[]): Promise<void> {
  if (rows.length) await db.insertInto('notification').values(rows).execute();
}

export async function listForUser(db: Db, userId: string, opts: { unreadOnly: boolean; limit: number }) {
  let q = db.selectFrom('notification').selectAll().where('user_id', '=', userId);
  if (opts.unreadOnly) q = q.where('read_at', 'is', null);
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(opts.limit).execute();
}

export async function countUnread(db: Db, userId: string): Promise<number> {
  const r = await db
    .selectFrom('notification')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function markRead(db: Db, userId: string, ids: readonly string[] | 'all', at: string): Promise<number> {
  let q = db.updateTable('notification').set({ read_at: at }).where('user_id', '=', userId).where('read_at', 'is', null);
  if (ids !== 'all') {
    if (!ids.length) return 0;
    q = q.where('id', 'in', ids);
  }
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows ?? 0);
}

/** Active users holding one of `roles` (for a unit role: on `unitId`). */
export async function usersWithRole(db: Db, roles: readonly string[], unitId: string | null): Promise<string[]> {
  let q = db
    .selectFrom('user_role')
    .innerJoin('app_user', 'app_user.id', 'user_role.user_id')
    .select('user_role.user_id as id')
    .where('user_role.role', 'in', roles)
    .where('app_user.active', '=', 1);
  if (unitId) q = q.where('user_role.unit_id', '=', unitId);
  const rows = await q.distinct().execute();
  return rows.map((r) => r.id);
}
