import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachEngine, type TestApp } from './helpers/engines.ts';

describeEachEngine('platform', (engine, open) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(open);
  });
  afterAll(async () => t?.close());

  it('answers liveness and readiness', async () => {
    expect((await t.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', engine });
  });

  it('answers unknown routes with a 404 in Indonesian by default and English on request', async () => {
    const id = await t.app.inject({ url: '/api/v1/nope' });
    expect(id.statusCode).toBe(404);
    expect(id.json().error.message).toBe('Alamat tidak ditemukan');
    const en = await t.app.inject({ url: '/api/v1/nope?lang=en' });
    expect(en.json().error.message).toBe('Route not found');
  });

  it('serves an OpenAPI document', async () => {
    const res = await t.app.inject({ url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/healthz');
  });

  it('runs SQLite in WAL mode with foreign keys on', async () => {
    if (engine !== 'sqlite') return;
    // In-memory databases cannot use WAL; the file database is checked in the backup test.
    expect(t.deps.dbh.sqlite?.pragma('foreign_keys', { simple: true })).toBe(1);
  });
});
