import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { Db } from '../../src/db/connection.ts';
import type { Role } from '../../src/modules/auth/actor.ts';
import { hashPassword } from '../../src/modules/auth/passwords.ts';
import type { Clock } from '../../src/shared/clock.ts';
import { newId } from '../../src/shared/ids.ts';
import { SAME_ORIGIN } from '../helpers/engines.ts';

/** Test data written straight to the tables, so auth tests do not depend on the organisation module. */

export async function insertUnit(
  db: Db,
  u: { code: string; name: string; type?: string; parentId?: string | null; active?: boolean },
): Promise<string> {
  const id = newId();
  const now = new Date().toISOString();
  await db
    .insertInto('org_unit')
    .values({
      id,
      code: u.code,
      name: u.name,
      short_name: u.name,
      type: u.type ?? 'bbpom',
      group_label: null,
      parent_id: u.parentId ?? null,
      location_qualifier: null,
      city: null,
      province: null,
      time_zone: 'Asia/Jakarta',
      is_public_service_unit: 1,
      is_sakip_entity: 1,
      satker_code: null,
      head_title: null,
      valid_from: '2024-01-01',
      valid_to: null,
      predecessor_id: null,
      version: 1,
      active: u.active === false ? 0 : 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

export async function insertUser(
  db: Db,
  u: { username: string; password: string; roles: { role: Role; unitId?: string | null }[]; mustChangePassword?: boolean },
): Promise<string> {
  const id = newId();
  const now = new Date().toISOString();
  await db
    .insertInto('app_user')
    .values({
      id,
      username: u.username,
      full_name: `Pengguna ${u.username}`,
      nip: null,
      email: null,
      person_id: null,
      password_hash: await hashPassword(u.password),
      must_change_password: u.mustChangePassword ? 1 : 0,
      failed_logins: 0,
      locked_at: null,
      active: 1,
      locale: 'id',
      created_at: now,
      updated_at: now,
    })
    .execute();
  for (const r of u.roles) {
    await db
      .insertInto('user_role')
      .values({ id: newId(), user_id: id, role: r.role, unit_id: r.unitId ?? null, created_at: now })
      .execute();
  }
  return id;
}

/** The `mutu_session` value from a response's Set-Cookie header, or undefined. */
export function sessionCookie(res: { headers: Record<string, unknown> }): string | undefined {
  const raw = res.headers['set-cookie'];
  const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : [];
  const line = list.find((c: string) => c.startsWith('mutu_session='));
  return line?.split(';')[0]?.slice('mutu_session='.length);
}

export async function login(
  app: FastifyInstance,
  username: string,
  password: string,
  ip = '127.0.0.1',
): Promise<{ cookie: string; token: string }> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    headers: SAME_ORIGIN,
    remoteAddress: ip,
    payload: { username, password },
  });
  expect(res.statusCode, res.body).toBe(200);
  const token = sessionCookie(res);
  expect(token).toBeTruthy();
  return { token: token as string, cookie: `mutu_session=${token}` };
}

/** A clock tests move by hand. */
export function manualClock(start = Date.parse('2026-03-02T08:00:00.000Z')): Clock & { advance(ms: number): void } {
  let now = start;
  return {
    now: () => new Date(now),
    advance: (ms: number) => {
      now += ms;
    },
  };
}

export const MINUTE = 60_000;
