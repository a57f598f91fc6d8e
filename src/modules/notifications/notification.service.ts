import { isoNow } from '../../shared/clock.ts';
import { newId } from '../../shared/ids.ts';
import type { Actor } from '../auth/actor.ts';
import type { ServiceContext } from '../service-context.ts';
import * as repo from './notification.repository.ts';

export interface NotificationInput {
  kind: string;
  title: string;
  body: string;
  link?: string | null;
  unitId?: string | null;
}

/**
 * In-app notifications (reminders to late units, returned reports, RTL deadlines). Fanned out to
 * users when created, so each user reads and dismisses their own copy; nothing is kept in memory.
 */
export function createNotificationService(ctx: ServiceContext) {
  /** Notify the given users; duplicates in `userIds` are sent once. Returns how many were created. */
  async function notifyUsers(userIds: readonly string[], n: NotificationInput, createdBy: string | null, db = ctx.db) {
    const now = isoNow(ctx.clock);
    const rows = [...new Set(userIds)].map((userId) => ({
      id: newId(),
      user_id: userId,
      unit_id: n.unitId ?? null,
      kind: n.kind,
      title: n.title,
      body: n.body,
      link: n.link ?? null,
      created_by: createdBy,
      created_at: now,
      read_at: null,
    }));
    await repo.insertNotifications(db, rows);
    return rows.length;
  }

  /** Notify every active holder of `roles` on `unitId` (unit roles) or agency-wide (unitId null). */
  async function notifyRoles(
    roles: readonly string[],
    unitId: string | null,
    n: NotificationInput,
    createdBy: string | null,
    db = ctx.db,
  ) {
    const users = await repo.usersWithRole(db, roles, unitId);
    return notifyUsers(users, { ...n, unitId: n.unitId ?? unitId }, createdBy, db);
  }

  async function list(actor: Actor, opts: { unreadOnly: boolean; limit: number }) {
    const [rows, unread] = await Promise.all([
      repo.listForUser(ctx.db, actor.userId, opts),
      repo.countUnread(ctx.db, actor.userId),
    ]);
    return {
      unread,
      items: rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        title: r.title,
        body: r.body,
        link: r.link,
        unitId: r.unit_id,
        createdAt: r.created_at,
        readAt: r.read_at,
      })),
    };
  }

  async function markRead(actor: Actor, ids: readonly string[] | 'all') {
    return { updated: await repo.markRead(ctx.db, actor.userId, ids, isoNow(ctx.clock)) };
  }

  return { notifyUsers, notifyRoles, list, markRead };
}

export type NotificationService = ReturnType<typeof createNotificationService>;
