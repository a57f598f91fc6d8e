import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  ChangePasswordBody,
  LoginBody,
  MeResponse,
  Me as MeSchema,
  ResetPasswordBody,
  UpdateMeBody,
} from '../../modules/auth/auth.schema.ts';
import { type AnyRoute, defineRoute } from '../route.ts';
import { SESSION_COOKIE } from '../session-auth.ts';

const tags = ['auth'];

function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string, maxAgeSeconds: number): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: req.protocol === 'https',
    maxAge: maxAgeSeconds,
  });
}

const login = defineRoute({
  method: 'POST',
  url: '/api/v1/auth/login',
  summary: 'Log in; sets the HttpOnly session cookie',
  tags,
  auth: 'none',
  allowDuringPasswordChange: true,
  // Per address, on top of the per-username and per-address failure counters of the service.
  rateLimit: { max: 30, timeWindow: 60_000 },
  body: LoginBody,
  response: MeResponse,
  handler: async ({ body, req, reply, deps }) => {
    const res = await deps.services.auth.login(body.username, body.password, req.ip);
    setSessionCookie(req, reply, res.token, deps.config.sessionAbsoluteHours * 3600);
    return { user: res.user };
  },
});

const logout = defineRoute({
  method: 'POST',
  url: '/api/v1/auth/logout',
  summary: 'Log out: deletes the session and clears the cookie',
  tags,
  auth: 'none',
  allowDuringPasswordChange: true,
  handler: async ({ req, reply, deps }) => {
    await deps.services.auth.logout(req.cookies[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return undefined;
  },
});

const me = defineRoute({
  method: 'GET',
  url: '/api/v1/auth/me',
  summary: 'The logged-in user with roles and units',
  tags,
  allowDuringPasswordChange: true,
  response: MeSchema,
  handler: async ({ actor, deps }) => deps.services.auth.me(actor),
});

const updateMe = defineRoute({
  method: 'PATCH',
  url: '/api/v1/auth/me',
  summary: 'Change the preferred language',
  tags,
  allowDuringPasswordChange: true,
  body: UpdateMeBody,
  response: MeSchema,
  handler: async ({ actor, body, deps }) => deps.services.auth.updateMe(actor, body),
});

const changePassword = defineRoute({
  method: 'POST',
  url: '/api/v1/auth/change-password',
  summary: 'Change the own password (required at first login); signs out other sessions',
  tags,
  allowDuringPasswordChange: true,
  body: ChangePasswordBody,
  handler: async ({ actor, body, locale, deps }) => {
    await deps.services.auth.changePassword(actor, body.currentPassword, body.newPassword, locale);
    return undefined;
  },
});

const resetPassword = defineRoute({
  method: 'POST',
  url: '/api/v1/auth/reset-password',
  summary: 'Set a new password with a one-time link issued by an administrator',
  tags,
  auth: 'none',
  allowDuringPasswordChange: true,
  rateLimit: { max: 20, timeWindow: 60_000 },
  body: ResetPasswordBody,
  handler: async ({ body, locale, deps }) => {
    await deps.services.auth.resetPassword(body.token, body.newPassword, locale);
    return undefined;
  },
});

export const authRoutes: AnyRoute[] = [login, logout, me, updateMe, changePassword, resetPassword];
