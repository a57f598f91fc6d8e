import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'vitest';
import { SAME_ORIGIN, type TestApp } from '../helpers/engines.ts';
import { loginAs, type TestLogin } from '../helpers/login.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH';

export function caller(t: () => TestApp) {
  return (login: TestLogin | null, method: Method, url: string, payload?: unknown) =>
    t().app.inject({
      method,
      url,
      headers: { ...(login ? { cookie: login.cookie } : {}), ...(method === 'GET' ? {} : SAME_ORIGIN) },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
}

export async function unitIdByCode(t: TestApp, code: string): Promise<string> {
  const u = await t.deps.dbh.db.selectFrom('org_unit').select('id').where('code', '=', code).executeTakeFirstOrThrow();
  return u.id;
}

export interface SakipFixture {
  entityCode: string;
  year: number;
  plan: Record<string, unknown>;
  realisations: Record<string, unknown>;
  budget: Record<string, unknown>;
  nka: ({ month: number } & Record<string, unknown>)[];
}

export const readFixture = (name: string): SakipFixture =>
  JSON.parse(readFileSync(resolve(import.meta.dirname, '../../resources/fixtures/sakip', name), 'utf8')) as SakipFixture;

/**
 * Loads a seed fixture through the API, as the unit and the planning bureau would: the manager imports plan,
 * realisations (submitted), budget and NKA; the planning bureau verifies in the evaluation meeting.
 */
export async function loadFixture(t: TestApp, name: string) {
  const call = caller(() => t);
  const fx = readFixture(name);
  const unitId = await unitIdByCode(t, fx.entityCode);
  const manager = await loginAs(t, 'sakip_manager', unitId);
  const bureau = await loginAs(t, 'planning_bureau');
  const base = `/api/v1/performance/entities/${unitId}`;
  const ok = async (res: Awaited<ReturnType<typeof call>>, status: number) => {
    if (res.statusCode !== status) expect.fail(`${res.statusCode} ${res.body.slice(0, 2000)}`);
    return res.json();
  };
  await ok(await call(manager, 'POST', `${base}/plan/import`, fx.plan), 201);
  await ok(await call(manager, 'POST', `${base}/realisations/import`, fx.realisations), 201);
  const verified = await ok(await call(bureau, 'POST', `${base}/realisations/verify`, { year: fx.year }), 200);
  await ok(await call(manager, 'POST', `${base}/budget/import`, fx.budget), 201);
  for (const n of fx.nka) {
    const { month, ...body } = n;
    await ok(await call(manager, 'PUT', `${base}/nka/${fx.year}/${month}`, body), 200);
  }
  return { fx, unitId, manager, bureau, base, verified: verified.verified as number };
}
