import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '../../src/modules/auth/actor.ts';
import { newId } from '../../src/shared/ids.ts';
import type { TestApp } from './engines.ts';

export interface TestLogin {
  /** Value for the `cookie` request header. */
  cookie: string;
  userId: string;
}

/**
 * A logged-in user with one role, made directly in the database (no password, no login route):
 * a user row, its role grant and a live session whose id is the sha256 of the cookie token.
 */
export async function loginAs(t: TestApp, role: Role, unitId?: string): Promise<TestLogin> {
  const db = t.deps.dbh.db;
  const now = t.deps.clock.now();
  const iso = (ms: number) => new Date(now.getTime() + ms).toISOString();
  const userId = newId();
  const suffix = randomBytes(4).toString('hex');
  await db
    .insertInto('app_user')
    .values({
      id: userId,
      username: `${role}-${suffix}`,
      full_name: `Test ${role} ${suffix}`,
      nip: null,
      email: null,
      person_id: null,
      password_hash: 'not-a-hash',
      must_change_password: 0,
      failed_logins: 0,
      locked_at: null,
      active: 1,
      locale: 'id',
      created_at: iso(0),
      updated_at: iso(0),
    })
    .execute();
  await db
    .insertInto('user_role')
    .values({ id: newId(), user_id: userId, role, unit_id: unitId ?? null, created_at: iso(0) })
    .execute();
  const token = randomBytes(24).toString('base64url');
  await db
    .insertInto('session')
    .values({
      id: createHash('sha256').update(token).digest('hex'),
      user_id: userId,
      created_at: iso(0),
      last_seen_at: iso(0),
      idle_expires_at: iso(60 * 60_000),
      absolute_expires_at: iso(12 * 60 * 60_000),
    })
    .execute();
  return { cookie: `mutu_session=${token}`, userId };
}
