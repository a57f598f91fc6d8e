import {
  CreateUserBody,
  CreateUserResponse,
  ImportBody,
  ImportResponse,
  PatchUserBody,
  ResetLinkResponse,
  User,
  UserIdParams,
  UserList,
  UserListQuery,
} from '../../modules/auth/auth.schema.ts';
import { type AnyRoute, defineRoute } from '../route.ts';

const tags = ['users'];

const list = defineRoute({
  method: 'GET',
  url: '/api/v1/users',
  summary: 'Users, filterable by text, unit and role (system_admin)',
  tags,
  query: UserListQuery,
  response: UserList,
  handler: async ({ actor, query, deps }) => deps.services.auth.listUsers(actor, query),
});

const create = defineRoute({
  method: 'POST',
  url: '/api/v1/users',
  summary: 'Create a user with a temporary password (system_admin)',
  tags,
  body: CreateUserBody,
  response: CreateUserResponse,
  successStatus: 201,
  handler: async ({ actor, body, locale, deps }) => deps.services.auth.createUser(actor, body, locale),
});

const importUsers = defineRoute({
  method: 'POST',
  url: '/api/v1/users/import',
  summary: 'Bulk import from CSV (nip, name, email, unit, role): all rows or none (system_admin)',
  tags,
  body: ImportBody,
  response: ImportResponse,
  successStatus: 201,
  handler: async ({ actor, body, locale, deps }) => deps.services.auth.importUsers(actor, body.csv, locale),
});

const update = defineRoute({
  method: 'PATCH',
  url: '/api/v1/users/:id',
  summary: 'Edit, (de)activate or change the roles of a user (system_admin)',
  tags,
  params: UserIdParams,
  body: PatchUserBody,
  response: User,
  handler: async ({ actor, params, body, locale, deps }) => deps.services.auth.updateUser(actor, params.id, body, locale),
});

const unlock = defineRoute({
  method: 'POST',
  url: '/api/v1/users/:id/unlock',
  summary: 'Unlock an account locked after failed logins (system_admin)',
  tags,
  params: UserIdParams,
  response: User,
  handler: async ({ actor, params, deps }) => deps.services.auth.unlockUser(actor, params.id),
});

const resetLink = defineRoute({
  method: 'POST',
  url: '/api/v1/users/:id/reset-link',
  summary: 'Issue a one-time password reset link, valid 24 h (system_admin)',
  tags,
  params: UserIdParams,
  response: ResetLinkResponse,
  handler: async ({ actor, params, deps }) => deps.services.auth.issueResetLink(actor, params.id),
});

export const usersRoutes: AnyRoute[] = [list, create, importUsers, update, unlock, resetLink];
