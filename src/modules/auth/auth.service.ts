import type { Db } from '../../db/connection.ts';
import { AppError, AppErrorCode, type FieldIssue, notFound } from '../../http/app-error.ts';
import { DbRateLimitStore } from '../../http/rate-limit-store.ts';
import { type Locale, t } from '../../shared/i18n/index.ts';
import { newId } from '../../shared/ids.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { OrganisationService } from '../organisation/organisation.service.ts';
import type { ServiceContext } from '../service-context.ts';
import { type Actor, ROLES, type Role, type RoleGrant, UNIT_ROLES } from './actor.ts';
import { authPolicy } from './auth.policy.ts';
import * as repo from './auth.repository.ts';
import type { CreateUserBody, Me, PatchUserBody, RoleGrantInput, RoleGrantView, User, UserListQuery } from './auth.schema.ts';
import { burnVerifyTime, generatePassword, hashPassword, newSecretToken, sha256Hex, verifyPassword } from './passwords.ts';
import { type ImportMessages, validateImport } from './users.import.ts';

const MINUTE = 60_000;
/** Failed logins per username and per client address before 429 (fixed window). */
export const LOGIN_FAILURE_WINDOW_MS = 15 * MINUTE;
export const LOGIN_FAILURES_PER_USERNAME = 10;
export const LOGIN_FAILURES_PER_IP = 50;
/** Unknown usernames "lock" after the same number of failures as real ones, so 423 reveals nothing. */
const GHOST_LOCK_WINDOW_MS = 24 * 60 * MINUTE;
/** Sliding idle expiry is written at most once a minute, not on every request. */
const TOUCH_INTERVAL_MS = MINUTE;
export const RESET_LINK_HOURS = 24;

const isRole = (r: string): r is Role => (ROLES as readonly string[]).includes(r);

const invalidCredentials = () =>
  new AppError(AppErrorCode.UNAUTHENTICATED, 'Nama pengguna atau kata sandi salah', { messageKey: 'auth.invalidCredentials' });
const accountLocked = () => new AppError(AppErrorCode.LOCKED, 'Akun terkunci', { messageKey: 'auth.accountLocked' });
const tooManyAttempts = (seconds: number) =>
  new AppError(AppErrorCode.RATE_LIMITED, 'Terlalu banyak percobaan masuk', {
    messageKey: 'auth.tooManyAttempts',
    params: { seconds },
  });
const validation = (fields: FieldIssue[]) =>
  new AppError(AppErrorCode.VALIDATION, 'Data yang dikirim tidak valid', { messageKey: 'error.validation', fields });

export interface LoginResult {
  token: string;
  user: Me;
  expiresAt: string;
}

/** Audit snapshot of a user: never the password hash. */
const snapshot = (u: repo.UserRow, grants: { role: string; unitId: string | null }[]) => ({
  username: u.username,
  fullName: u.full_name,
  nip: u.nip,
  email: u.email,
  active: u.active === 1,
  locked: u.locked_at !== null,
  mustChangePassword: u.must_change_password === 1,
  roles: grants.map((g) => ({ role: g.role, unitId: g.unitId })),
});

export function createAuthService(ctx: ServiceContext, deps: { audit: AuditService; organisation: OrganisationService }) {
  const { db, clock, config } = ctx;
  const { audit } = deps;
  const counters = new DbRateLimitStore(db, 'auth');
  const nowMs = () => clock.now().getTime();
  const iso = (ms: number) => new Date(ms).toISOString();

  async function grantViews(conn: Db, userIds: string[]): Promise<Map<string, RoleGrantView[]>> {
    const map = new Map<string, RoleGrantView[]>();
    for (const g of await repo.grantsOf(conn, userIds)) {
      if (!isRole(g.role)) continue;
      const list = map.get(g.user_id) ?? [];
      list.push({ role: g.role, unitId: g.unit_id, unitName: g.unit_name });
      map.set(g.user_id, list);
    }
    return map;
  }

  const toMe = (u: repo.UserRow, roles: RoleGrantView[]): Me => ({
    id: u.id,
    username: u.username,
    fullName: u.full_name,
    locale: u.locale === 'en' ? 'en' : 'id',
    mustChangePassword: u.must_change_password === 1,
    roles,
  });

  const toUser = (u: repo.UserRow, roles: RoleGrantView[]): User => ({
    id: u.id,
    username: u.username,
    fullName: u.full_name,
    nip: u.nip,
    email: u.email,
    active: u.active === 1,
    locked: u.locked_at !== null,
    mustChangePassword: u.must_change_password === 1,
    roles,
    createdAt: u.created_at,
  });

  async function loadUser(conn: Db, id: string): Promise<User> {
    const u = await repo.findUserById(conn, id);
    if (!u) throw notFound('Pengguna');
    return toUser(u, (await grantViews(conn, [id])).get(id) ?? []);
  }

  /** Count of failures under `key` in the current window (0 when none). */
  async function failuresIn(key: string, windowMs: number): Promise<{ count: number; ttl: number }> {
    const now = nowMs();
    const windowStart = Math.floor(now / windowMs) * windowMs;
    const row = await db.selectFrom('rate_limit').select(['count', 'window_start']).where('key', '=', key).executeTakeFirst();
    const count = row && Number(row.window_start) === windowStart ? Number(row.count) : 0;
    return { count, ttl: windowStart + windowMs - now };
  }
  const recordFailure = (key: string, windowMs: number) => counters.hit(key, windowMs, nowMs());

  /** Checks unit roles against existing, active units; agency-wide roles carry no unit. */
  async function normaliseGrants(conn: Db, input: RoleGrantInput[], prefix: string, locale: Locale): Promise<RoleGrant[]> {
    const issues: FieldIssue[] = [];
    const unitIds = [...new Set(input.filter((g) => UNIT_ROLES.includes(g.role) && g.unitId).map((g) => g.unitId as string))];
    const units = new Map((await repo.findUnitsByIds(conn, unitIds)).map((u) => [u.id, u]));
    const out = new Map<string, RoleGrant>();
    input.forEach((g, i) => {
      if (!UNIT_ROLES.includes(g.role)) {
        out.set(`${g.role}|`, { role: g.role, unitId: null });
        return;
      }
      const field = `${prefix}.${i}.unitId`; // same path format as the zod issues
      const unit = g.unitId ? units.get(g.unitId) : undefined;
      const problem = !g.unitId ? 'auth.unitRequired' : !unit ? 'auth.unknownUnit' : !unit.active ? 'auth.inactiveUnit' : null;
      if (problem) issues.push({ field, message: t(locale, problem) });
      else out.set(`${g.role}|${g.unitId}`, { role: g.role, unitId: g.unitId ?? null });
    });
    if (issues.length) throw validation(issues);
    return [...out.values()];
  }

  async function startSession(userId: string): Promise<{ token: string; expiresAt: string }> {
    const token = newSecretToken();
    const now = nowMs();
    const absolute = now + config.sessionAbsoluteHours * 60 * MINUTE;
    const idle = Math.min(now + config.sessionIdleMinutes * MINUTE, absolute);
    await repo.insertSession(db, {
      id: sha256Hex(token),
      user_id: userId,
      created_at: iso(now),
      last_seen_at: iso(now),
      idle_expires_at: iso(idle),
      absolute_expires_at: iso(absolute),
    });
    return { token, expiresAt: iso(absolute) };
  }

  function checkNewPassword(username: string, newPassword: string, field: string, locale: Locale): void {
    if (newPassword.trim().toLowerCase() === username.toLowerCase()) {
      throw validation([{ field, message: t(locale, 'auth.passwordEqualsUsername') }]);
    }
  }

  function importMessages(locale: Locale): ImportMessages {
    const m = (key: string, params?: Record<string, string | number>) => t(locale, key, params);
    return {
      missingColumn: (column) => m('auth.import.missingColumn', { column }),
      unknownColumn: (column) => m('auth.import.unknownColumn', { column }),
      duplicateColumn: (column) => m('auth.import.duplicateColumn', { column }),
      noRows: () => m('auth.import.noRows'),
      tooManyRows: (max) => m('auth.import.tooManyRows', { max }),
      tooManyCells: () => m('auth.import.tooManyCells'),
      required: () => m('auth.import.required'),
      invalidNip: () => m('auth.import.invalidNip'),
      invalidEmail: () => m('auth.import.invalidEmail'),
      invalidName: () => m('auth.import.invalidName'),
      needNipOrEmail: () => m('auth.import.needNipOrEmail'),
      invalidUsername: () => m('auth.import.invalidUsername'),
      unknownRole: (roles) => m('auth.import.unknownRole', { roles }),
      unknownUnit: () => m('auth.unknownUnit'),
      inactiveUnit: () => m('auth.inactiveUnit'),
      unitRequired: () => m('auth.unitRequired'),
      duplicateInFile: (row) => m('auth.import.duplicateInFile', { row }),
      usernameTaken: (username) => m('auth.usernameTaken', { username }),
    };
  }

  async function me(actor: Actor): Promise<Me> {
    const u = await repo.findUserById(db, actor.userId);
    if (!u) throw notFound('Pengguna');
    return toMe(u, (await grantViews(db, [u.id])).get(u.id) ?? []);
  }

  return {
    /** Creates the first system_admin if none exists; returns the generated password when one was made up. */
    async ensureAdmin(username: string, password: string | undefined): Promise<{ created: boolean; generatedPassword?: string }> {
      if (await repo.anyAdminExists(db)) return { created: false };
      const name = username.trim().toLowerCase();
      if (await repo.findUserByUsername(db, name)) {
        throw new Error(`User "${name}" exists but is not a system_admin: set MUTU_ADMIN_USER to a new name`);
      }
      const generatedPassword = password ? undefined : generatePassword();
      const passwordHash = await hashPassword(password ?? (generatedPassword as string));
      const now = clock.now().toISOString();
      const user: repo.UserRow = {
        id: newId(),
        username: name,
        full_name: 'Administrator Sistem',
        nip: null,
        email: null,
        person_id: null,
        password_hash: passwordHash,
        must_change_password: 1,
        failed_logins: 0,
        locked_at: null,
        active: 1,
        locale: 'id',
        created_at: now,
        updated_at: now,
      };
      const grants = [{ role: 'system_admin' as const, unitId: null }];
      try {
        await db.transaction().execute(async (trx) => {
          await repo.insertUser(trx, user);
          await repo.replaceGrants(trx, user.id, [{ id: newId(), role: 'system_admin', unitId: null }], now);
          await audit.record(trx, {
            unitId: null,
            actor: null,
            entityType: 'user',
            entityId: user.id,
            action: 'create',
            after: snapshot(user, grants),
            reason: 'first administrator',
          });
        });
      } catch (err) {
        // Another app server starting at the same moment won the race: nothing to do.
        if (await repo.anyAdminExists(db)) return { created: false };
        throw err;
      }
      return generatedPassword ? { created: true, generatedPassword } : { created: true };
    },

    /** Resolves a session cookie token to its actor, sliding the idle expiry; null when invalid. */
    async authenticate(token: string): Promise<Actor | null> {
      if (!token || token.length > 200) return null;
      const id = sha256Hex(token);
      const session = await repo.findSession(db, id);
      if (!session) return null;
      const now = nowMs();
      if (now >= Date.parse(session.idle_expires_at) || now >= Date.parse(session.absolute_expires_at)) {
        await repo.deleteSession(db, id);
        return null;
      }
      const user = await repo.findUserById(db, session.user_id);
      if (user?.active !== 1) {
        await repo.deleteSession(db, id);
        return null;
      }
      if (now - Date.parse(session.last_seen_at) >= TOUCH_INTERVAL_MS) {
        const idle = Math.min(now + config.sessionIdleMinutes * MINUTE, Date.parse(session.absolute_expires_at));
        await repo.touchSession(db, id, iso(now), iso(idle));
      }
      const grants = (await repo.grantsOf(db, [user.id]))
        .filter((g) => isRole(g.role))
        .map((g) => ({ role: g.role as Role, unitId: g.unit_id }));
      return {
        userId: user.id,
        username: user.username,
        fullName: user.full_name,
        grants,
        mustChangePassword: user.must_change_password === 1,
        sessionId: id,
        locale: user.locale === 'en' ? 'en' : 'id',
      };
    },

    /**
     * Same answer and similar time whether or not the username exists: every path verifies one
     * argon2 hash. Failures count per username and per address in the database (stateless servers).
     */
    async login(usernameInput: string, password: string, ip: string): Promise<LoginResult> {
      const username = usernameInput.trim().toLowerCase();
      const userKey = `auth|login-fail|user|${username}`;
      const ipKey = `auth|login-fail|ip|${ip}`;
      for (const [key, max] of [
        [userKey, LOGIN_FAILURES_PER_USERNAME],
        [ipKey, LOGIN_FAILURES_PER_IP],
      ] as const) {
        const f = await failuresIn(key, LOGIN_FAILURE_WINDOW_MS);
        if (f.count >= max) throw tooManyAttempts(Math.ceil(f.ttl / 1000));
      }
      const fail = async () => {
        await recordFailure(userKey, LOGIN_FAILURE_WINDOW_MS);
        await recordFailure(ipKey, LOGIN_FAILURE_WINDOW_MS);
      };

      const user = await repo.findUserByUsername(db, username);
      if (user?.active !== 1) {
        await burnVerifyTime(password);
        await fail();
        const ghost = await recordFailure(`auth|login-ghost|${username}`, GHOST_LOCK_WINDOW_MS);
        if (ghost.current >= config.loginMaxFailures) throw accountLocked();
        throw invalidCredentials();
      }
      if (user.locked_at) {
        await burnVerifyTime(password);
        throw accountLocked();
      }
      if (!(await verifyPassword(user.password_hash, password))) {
        await fail();
        const failures = user.failed_logins + 1;
        const lock = failures >= config.loginMaxFailures;
        const now = clock.now().toISOString();
        await db.transaction().execute(async (trx) => {
          await trx
            .updateTable('app_user')
            .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1), ...(lock ? { locked_at: now, updated_at: now } : {}) }))
            .where('id', '=', user.id)
            .execute();
          if (lock) {
            await audit.record(trx, {
              unitId: null,
              actor: null,
              entityType: 'user',
              entityId: user.id,
              action: 'lock',
              before: { locked: false, failedLogins: user.failed_logins },
              after: { locked: true, failedLogins: failures },
              reason: `${failures} failed logins`,
            });
          }
        });
        if (lock) throw accountLocked();
        throw invalidCredentials();
      }
      if (user.failed_logins) await repo.updateUser(db, user.id, { failed_logins: 0 });
      const { token, expiresAt } = await startSession(user.id);
      const roles = (await grantViews(db, [user.id])).get(user.id) ?? [];
      return { token, expiresAt, user: toMe({ ...user, failed_logins: 0 }, roles) };
    },

    async logout(token: string | undefined): Promise<void> {
      if (token && token.length <= 200) await repo.deleteSession(db, sha256Hex(token));
    },

    me,

    async updateMe(actor: Actor, patch: { locale: Locale }): Promise<Me> {
      const before = await repo.findUserById(db, actor.userId);
      if (!before) throw notFound('Pengguna');
      if (before.locale !== patch.locale) {
        await db.transaction().execute(async (trx) => {
          await repo.updateUser(trx, actor.userId, { locale: patch.locale, updated_at: clock.now().toISOString() });
          await audit.record(trx, {
            unitId: null,
            actor,
            entityType: 'user',
            entityId: actor.userId,
            action: 'update',
            before: { locale: before.locale },
            after: { locale: patch.locale },
          });
        });
      }
      return me(actor);
    },

    /** Clears the first-login obligation and signs out every other session of the user. */
    async changePassword(actor: Actor, currentPassword: string, newPassword: string, locale: Locale = 'id'): Promise<void> {
      const u = await repo.findUserById(db, actor.userId);
      if (!u) throw notFound('Pengguna');
      if (!(await verifyPassword(u.password_hash, currentPassword))) {
        throw validation([{ field: 'body.currentPassword', message: t(locale, 'auth.wrongCurrentPassword') }]);
      }
      checkNewPassword(u.username, newPassword, 'body.newPassword', locale);
      if (newPassword === currentPassword) {
        throw validation([{ field: 'body.newPassword', message: t(locale, 'auth.passwordUnchanged') }]);
      }
      const passwordHash = await hashPassword(newPassword);
      const now = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        await repo.updateUser(trx, u.id, { password_hash: passwordHash, must_change_password: 0, updated_at: now });
        await repo.deleteSessionsOfUser(trx, u.id, actor.sessionId);
        await audit.record(trx, {
          unitId: null,
          actor,
          entityType: 'user',
          entityId: u.id,
          action: 'password_change',
          before: { mustChangePassword: u.must_change_password === 1 },
          after: { mustChangePassword: false },
        });
      });
    },

    /** One-time link from an administrator: sets the password, unlocks, signs out everywhere. */
    async resetPassword(token: string, newPassword: string, locale: Locale = 'id'): Promise<void> {
      const tokenHash = sha256Hex(token);
      const invalid = () => validation([{ field: 'body.token', message: t(locale, 'auth.resetLinkInvalid') }]);
      const link = await repo.findPasswordReset(db, tokenHash);
      if (!link || link.used_at || nowMs() >= Date.parse(link.expires_at)) throw invalid();
      const u = await repo.findUserById(db, link.user_id);
      if (!u) throw invalid();
      checkNewPassword(u.username, newPassword, 'body.newPassword', locale);
      const passwordHash = await hashPassword(newPassword);
      const now = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        if (!(await repo.consumePasswordReset(trx, tokenHash, now))) throw invalid();
        await repo.updateUser(trx, u.id, {
          password_hash: passwordHash,
          must_change_password: 0,
          failed_logins: 0,
          locked_at: null,
          updated_at: now,
        });
        await repo.deleteSessionsOfUser(trx, u.id);
        await audit.record(trx, {
          unitId: null,
          actor: null,
          entityType: 'user',
          entityId: u.id,
          action: 'password_reset',
          before: { locked: u.locked_at !== null, mustChangePassword: u.must_change_password === 1 },
          after: { locked: false, mustChangePassword: false },
          reason: `reset link issued by ${link.created_by}`,
        });
      });
      await db.deleteFrom('rate_limit').where('key', '=', `auth|login-fail|user|${u.username}`).execute();
    },

    // Administration (system_admin)

    async listUsers(actor: Actor, q: UserListQuery): Promise<{ items: User[]; total: number }> {
      authPolicy.assertManageUsers(actor);
      const { rows, total } = await repo.listUsers(db, {
        q: q.q,
        unitId: q.unitId,
        role: q.role,
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
      const grants = await grantViews(
        db,
        rows.map((r) => r.id),
      );
      return { items: rows.map((r) => toUser(r, grants.get(r.id) ?? [])), total };
    },

    async createUser(
      actor: Actor,
      body: CreateUserBody,
      locale: Locale = 'id',
    ): Promise<{ user: User; temporaryPassword: string }> {
      authPolicy.assertManageUsers(actor);
      const grants = await normaliseGrants(db, body.roles, 'body.roles', locale);
      const taken = () =>
        new AppError(AppErrorCode.CONFLICT, `Nama pengguna ${body.username} sudah dipakai`, {
          messageKey: 'auth.usernameTaken',
          params: { username: body.username },
          fields: [{ field: 'body.username', message: t(locale, 'auth.usernameTaken', { username: body.username }) }],
        });
      if (await repo.findUserByUsername(db, body.username)) throw taken();
      const temporaryPassword = generatePassword();
      const passwordHash = await hashPassword(temporaryPassword);
      const now = clock.now().toISOString();
      const row: repo.UserRow = {
        id: newId(),
        username: body.username,
        full_name: body.fullName,
        nip: body.nip ?? null,
        email: body.email ?? null,
        person_id: null,
        password_hash: passwordHash,
        must_change_password: 1,
        failed_logins: 0,
        locked_at: null,
        active: 1,
        locale: 'id',
        created_at: now,
        updated_at: now,
      };
      try {
        await db.transaction().execute(async (trx) => {
          await repo.insertUser(trx, row);
          await repo.replaceGrants(
            trx,
            row.id,
            grants.map((g) => ({ id: newId(), ...g })),
            now,
          );
          await audit.record(trx, {
            unitId: null,
            actor,
            entityType: 'user',
            entityId: row.id,
            action: 'create',
            after: snapshot(row, grants),
          });
        });
      } catch (err) {
        if (await repo.findUserByUsername(db, body.username)) throw taken();
        throw err;
      }
      return { user: await loadUser(db, row.id), temporaryPassword };
    },

    async updateUser(actor: Actor, id: string, body: PatchUserBody, locale: Locale = 'id'): Promise<User> {
      authPolicy.assertManageUsers(actor);
      const before = await repo.findUserById(db, id);
      if (!before) throw notFound('Pengguna');
      const beforeGrants = (await repo.grantsOf(db, [id])).map((g) => ({ role: g.role, unitId: g.unit_id }));
      const grants = body.roles ? await normaliseGrants(db, body.roles, 'body.roles', locale) : undefined;

      const wasAdmin = before.active === 1 && beforeGrants.some((g) => g.role === 'system_admin');
      const staysAdmin = (body.active ?? before.active === 1) && (grants ?? beforeGrants).some((g) => g.role === 'system_admin');
      if (wasAdmin && !staysAdmin && (await repo.countActiveAdmins(db, id)) === 0) {
        throw new AppError(AppErrorCode.INVALID_STATE, 'Administrator sistem aktif terakhir', { messageKey: 'auth.lastAdmin' });
      }

      const now = clock.now().toISOString();
      const patch: Partial<repo.UserRow> = { updated_at: now };
      if (body.fullName !== undefined) patch.full_name = body.fullName;
      if (body.email !== undefined) patch.email = body.email;
      if (body.nip !== undefined) patch.nip = body.nip;
      if (body.active !== undefined) patch.active = body.active ? 1 : 0;
      const after: repo.UserRow = { ...before, ...patch };
      await db.transaction().execute(async (trx) => {
        await repo.updateUser(trx, id, patch);
        if (grants) {
          await repo.replaceGrants(
            trx,
            id,
            grants.map((g) => ({ id: newId(), ...g })),
            now,
          );
        }
        // A deactivated account is signed out everywhere at once.
        if (after.active === 0) await repo.deleteSessionsOfUser(trx, id);
        await audit.record(trx, {
          unitId: null,
          actor,
          entityType: 'user',
          entityId: id,
          action: body.active === false && before.active === 1 ? 'deactivate' : 'update',
          before: snapshot(before, beforeGrants),
          after: snapshot(after, grants ?? beforeGrants),
        });
      });
      return loadUser(db, id);
    },

    async unlockUser(actor: Actor, id: string): Promise<User> {
      authPolicy.assertManageUsers(actor);
      const u = await repo.findUserById(db, id);
      if (!u) throw notFound('Pengguna');
      const now = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        await repo.updateUser(trx, id, { locked_at: null, failed_logins: 0, updated_at: now });
        await audit.record(trx, {
          unitId: null,
          actor,
          entityType: 'user',
          entityId: id,
          action: 'unlock',
          before: { locked: u.locked_at !== null, failedLogins: u.failed_logins },
          after: { locked: false, failedLogins: 0 },
        });
      });
      await db.deleteFrom('rate_limit').where('key', '=', `auth|login-fail|user|${u.username}`).execute();
      return loadUser(db, id);
    },

    /** A one-time link valid for 24 h; issuing a new one voids the user's earlier unused links. */
    async issueResetLink(actor: Actor, id: string): Promise<{ url: string; expiresAt: string }> {
      authPolicy.assertManageUsers(actor);
      const u = await repo.findUserById(db, id);
      if (!u) throw notFound('Pengguna');
      const token = newSecretToken();
      const now = nowMs();
      const expiresAt = iso(now + RESET_LINK_HOURS * 60 * MINUTE);
      await db.transaction().execute(async (trx) => {
        await repo.deleteUnusedResets(trx, id);
        await repo.insertPasswordReset(trx, {
          token_hash: sha256Hex(token),
          user_id: id,
          created_by: actor.userId,
          created_at: iso(now),
          expires_at: expiresAt,
        });
        await audit.record(trx, {
          unitId: null,
          actor,
          entityType: 'user',
          entityId: id,
          action: 'reset_link',
          after: { expiresAt },
        });
      });
      const base = config.publicUrl ?? '';
      return { url: `${base}/app/reset-password?token=${encodeURIComponent(token)}`, expiresAt };
    },

    /** All rows or none: every bad cell is reported before anything is stored. */
    async importUsers(
      actor: Actor,
      csv: string,
      locale: Locale,
    ): Promise<{ created: number; users: { username: string; temporaryPassword: string }[] }> {
      authPolicy.assertManageUsers(actor);
      const units = await repo.allUnitKeys(db);
      const result = await validateImport(csv, units, (names) => repo.existingUsernames(db, names), importMessages(locale));
      if (!result.ok) {
        throw new AppError(AppErrorCode.VALIDATION, `Impor ditolak: ${result.issues.length} kesalahan`, {
          messageKey: 'auth.import.failed',
          params: { count: result.issues.length },
          fields: result.issues,
        });
      }
      // Hash before the transaction: argon2 is slow on purpose, the transaction should not be.
      const prepared = await Promise.all(
        result.rows.map(async (r) => {
          const temporaryPassword = generatePassword();
          return { ...r, id: newId(), temporaryPassword, passwordHash: await hashPassword(temporaryPassword) };
        }),
      );
      const now = clock.now().toISOString();
      try {
        await db.transaction().execute(async (trx) => {
          for (const r of prepared) {
            const row: repo.UserRow = {
              id: r.id,
              username: r.username,
              full_name: r.fullName,
              nip: r.nip,
              email: r.email,
              person_id: null,
              password_hash: r.passwordHash,
              must_change_password: 1,
              failed_logins: 0,
              locked_at: null,
              active: 1,
              locale: 'id',
              created_at: now,
              updated_at: now,
            };
            const grant = { role: r.role, unitId: r.unitId };
            await repo.insertUser(trx, row);
            await repo.replaceGrants(trx, r.id, [{ id: newId(), ...grant }], now);
            await audit.record(trx, {
              unitId: null,
              actor,
              entityType: 'user',
              entityId: r.id,
              action: 'create',
              after: snapshot(row, [grant]),
              reason: `CSV import, row ${r.row}`,
            });
          }
        });
      } catch (err) {
        // A username taken between validation and commit: report it like any other bad cell.
        const taken = await repo.existingUsernames(
          db,
          prepared.map((r) => r.username),
        );
        if (taken.size) {
          const fields = prepared
            .filter((r) => taken.has(r.username))
            .map((r) => ({
              field: `rows[${r.row}].${r.nip ? 'nip' : 'email'}`,
              message: t(locale, 'auth.usernameTaken', { username: r.username }),
            }));
          throw new AppError(AppErrorCode.VALIDATION, 'Impor ditolak', {
            messageKey: 'auth.import.failed',
            params: { count: fields.length },
            fields,
          });
        }
        throw err;
      }
      return {
        created: prepared.length,
        users: prepared.map((r) => ({ username: r.username, temporaryPassword: r.temporaryPassword })),
      };
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
