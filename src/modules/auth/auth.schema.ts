import { z } from 'zod';
import { ROLES } from './actor.ts';

export const MIN_PASSWORD_LENGTH = 10;
/** Usernames are stored lower-case: NIPs, e-mail local parts, or short handles. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._@+-]{2,63}$/;
export const NIP_PATTERN = /^\d{18}$/;

export const RoleCode = z.enum(ROLES);
export const Locale = z.enum(['id', 'en']);

const username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(USERNAME_PATTERN, { error: '3–64 characters: letters, digits, . _ @ + -' });
const password = z.string().min(MIN_PASSWORD_LENGTH).max(256);
const nip = z
  .string()
  .trim()
  .transform((v) => v.replace(/\s+/g, ''))
  .pipe(z.string().regex(NIP_PATTERN, { error: 'NIP: 18 digits' }));
const email = z.string().trim().toLowerCase().pipe(z.email().max(254));
const fullName = z.string().trim().min(1).max(200);

export const LoginBody = z.object({ username: z.string().trim().min(1).max(254), password: z.string().min(1).max(256) });
export const ChangePasswordBody = z.object({ currentPassword: z.string().min(1).max(256), newPassword: password });
export const UpdateMeBody = z.object({ locale: Locale });
export const ResetPasswordBody = z.object({ token: z.string().min(16).max(200), newPassword: password });

export const RoleGrantView = z.object({ role: RoleCode, unitId: z.string().nullable(), unitName: z.string().nullable() });
export type RoleGrantView = z.infer<typeof RoleGrantView>;

export const Me = z.object({
  id: z.string(),
  username: z.string(),
  fullName: z.string(),
  locale: Locale,
  mustChangePassword: z.boolean(),
  roles: z.array(RoleGrantView),
});
export type Me = z.infer<typeof Me>;
export const MeResponse = z.object({ user: Me });

export const User = z.object({
  id: z.string(),
  username: z.string(),
  fullName: z.string(),
  nip: z.string().nullable(),
  email: z.string().nullable(),
  active: z.boolean(),
  locked: z.boolean(),
  mustChangePassword: z.boolean(),
  roles: z.array(RoleGrantView),
  createdAt: z.string(),
});
export type User = z.infer<typeof User>;

export const RoleGrantInput = z.object({ role: RoleCode, unitId: z.string().min(1).max(64).nullish() });
export type RoleGrantInput = z.infer<typeof RoleGrantInput>;

export const UserListQuery = z.object({
  q: z.string().trim().max(200).optional(),
  unitId: z.string().max(64).optional(),
  role: RoleCode.optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export type UserListQuery = z.infer<typeof UserListQuery>;
export const UserList = z.object({ items: z.array(User), total: z.number().int() });

export const CreateUserBody = z.object({
  username,
  fullName,
  nip: nip.nullish(),
  email: email.nullish(),
  roles: z.array(RoleGrantInput).min(1).max(50),
});
export type CreateUserBody = z.infer<typeof CreateUserBody>;
export const CreateUserResponse = z.object({ user: User, temporaryPassword: z.string() });

export const PatchUserBody = z.object({
  fullName: fullName.optional(),
  email: email.nullish(),
  nip: nip.nullish(),
  active: z.boolean().optional(),
  roles: z.array(RoleGrantInput).min(1).max(50).optional(),
});
export type PatchUserBody = z.infer<typeof PatchUserBody>;

export const UserIdParams = z.object({ id: z.string().min(1).max(64) });
export const ResetLinkResponse = z.object({ url: z.string(), expiresAt: z.string() });

export const ImportBody = z.object({ csv: z.string().min(1).max(5_000_000) });
export const ImportResponse = z.object({
  created: z.number().int(),
  users: z.array(z.object({ username: z.string(), temporaryPassword: z.string() })),
});

/** Shared with the CSV import, which validates cells with the same rules as the form. */
export const cellSchemas = { nip, email, fullName, username };
