import { afterAll, beforeAll, expect, it } from 'vitest';
import { routeRegistry } from '../src/http/route.ts';
import { createTestApp, describeEachEngine, SAME_ORIGIN, type TestApp } from './helpers/engines.ts';
import { loginAs } from './helpers/login.ts';

/**
 * Bad input must never produce a 5xx: every registered route gets malformed bodies, queries and ids,
 * as an agency-wide user (so authorisation does not stop the request before validation).
 */
const BAD_BODIES: { payload: string; contentType: string }[] = [
  { payload: '{', contentType: 'application/json' },
  { payload: '[]', contentType: 'application/json' },
  { payload: '{"x":1}', contentType: 'application/json' },
  { payload: '{"name":{"a":1},"unitId":123,"year":"dua ribu","reason":null,"to":"closed"}', contentType: 'application/json' },
  { payload: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded' },
  { payload: '\u0000\u0001binary', contentType: 'application/octet-stream' },
];

describeEachEngine('no 5xx on bad input', (engine, open) => {
  let t: TestApp;
  const cookies: string[] = [];
  beforeAll(async () => {
    t = await createTestApp(open, { seedDemo: engine === 'sqlite' });
    for (const role of ['system_admin', 'skm_coordinator', 'inspectorate', 'planning_bureau'] as const) {
      cookies.push((await loginAs(t, role)).cookie);
    }
  }, 120_000);
  afterAll(async () => t?.close());

  it('answers every route with a status below 500 for malformed input', async () => {
    const failures: string[] = [];
    const routes = routeRegistry.filter((r, i, all) => all.findIndex((o) => o.method === r.method && o.url === r.url) === i);
    for (const route of routes) {
      if (route.url.includes('_debug')) continue;
      const url = route.url.replace(/:(\w+)/g, (_, name: string) => (name === 'year' ? 'xx' : 'no-such-id'));
      for (const cookie of cookies) {
        const bodies = route.method === 'GET' ? [null] : BAD_BODIES;
        for (const body of bodies) {
          const res = await t.app.inject({
            method: route.method,
            url: `${url}${url.includes('?') ? '&' : '?'}page=-1&pageSize=abc&from=2024-13-45&unitId=%00`,
            headers: { cookie, ...SAME_ORIGIN, ...(body ? { 'content-type': body.contentType } : {}) },
            ...(body ? { payload: body.payload } : {}),
          });
          if (res.statusCode >= 500) failures.push(`${route.method} ${route.url} -> ${res.statusCode} ${res.body.slice(0, 160)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);
});
