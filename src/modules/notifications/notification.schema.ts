import { z } from 'zod';

export const NotificationsQuery = z.object({
  unreadOnly: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

export const MarkReadBody = z.object({
  ids: z.union([z.literal('all'), z.array(z.string().min(1).max(64)).max(200)]),
});

export const NotificationsDto = z.object({
  unread: z.number().int(),
  items: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      title: z.string(),
      body: z.string(),
      link: z.string().nullable(),
      unitId: z.string().nullable(),
      createdAt: z.string(),
      readAt: z.string().nullable(),
    }),
  ),
});
