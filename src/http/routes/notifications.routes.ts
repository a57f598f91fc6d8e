import { z } from 'zod';
import { MarkReadBody, NotificationsDto, NotificationsQuery } from '../../modules/notifications/notification.schema.ts';
import { type AnyRoute, defineRoute } from '../route.ts';

const tags = ['notifications'];

const list = defineRoute({
  method: 'GET',
  url: '/api/v1/me/notifications',
  summary: 'My in-app notifications (newest first) and the unread count',
  tags,
  query: NotificationsQuery,
  response: NotificationsDto,
  handler: ({ actor, query, deps }) => deps.services.notifications.list(actor, query),
});

const markRead = defineRoute({
  method: 'POST',
  url: '/api/v1/me/notifications/read',
  summary: 'Mark my notifications read (a list of ids, or "all")',
  tags,
  body: MarkReadBody,
  response: z.object({ updated: z.number().int() }),
  handler: ({ actor, body, deps }) => deps.services.notifications.markRead(actor, body.ids),
});

export const notificationsRoutes: AnyRoute[] = [list, markRead];
