import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachEngine, SAME_ORIGIN, type TestApp } from '../helpers/engines.ts';
import { loginAs, type TestLogin } from '../helpers/login.ts';
import { type Fixture, seedFixture } from './fixtures.ts';

interface Link {
  id: string;
  unitId: string;
  unitServiceId: string | null;
  token: string;
  url: string;
  active: boolean;
  replacedBy: string | null;
}

describeEachEngine('survey links and QR codes', (_engine, open) => {
  let t: TestApp;
  let fx: Fixture;
  let coordinator: TestLogin;
  let tarakanOperator: TestLogin;
  let lokaOperator: TestLogin;
  let campaignId: string;
  let links: Link[];

  const call = (login: TestLogin, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: { cookie: login.cookie, ...(method === 'GET' ? {} : SAME_ORIGIN) },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  const listLinks = async (login: TestLogin = coordinator): Promise<Link[]> =>
    (await call(login, 'GET', `/api/v1/campaigns/${campaignId}/links`)).json().links;

  beforeAll(async () => {
    t = await createTestApp(open, { publicUrl: 'https://mutu.pom.go.id' });
    fx = await seedFixture(t.deps.dbh.db);
    coordinator = await loginAs(t, 'skm_coordinator');
    tarakanOperator = await loginAs(t, 'unit_operator', fx.tarakan);
    lokaOperator = await loginAs(t, 'unit_operator', fx.loka);
    const created = await call(coordinator, 'POST', '/api/v1/campaigns', {
      year: 2024,
      name: 'SKM BPOM Tahun 2024',
      collectionStart: '2024-04-01',
      collectionEnd: '2024-06-30',
      units: [{ unitId: fx.tarakan }, { unitId: fx.central }],
    });
    campaignId = created.json().id;
  });
  afterAll(async () => t?.close());

  it('has no links in draft until generated on demand, and only the coordinator may generate them', async () => {
    expect(await listLinks()).toEqual([]);
    expect((await call(tarakanOperator, 'POST', `/api/v1/campaigns/${campaignId}/links`)).statusCode).toBe(403);
    const res = await call(coordinator, 'POST', `/api/v1/campaigns/${campaignId}/links`);
    expect(res.statusCode).toBe(200);
    expect(res.json().created).toBe(3);
    links = await listLinks();
    expect(links.every((l) => l.url === `https://mutu.pom.go.id/s/${l.token}`)).toBe(true);
    // Publishing the targets keeps the links already generated (posters may be printed).
    await call(coordinator, 'POST', `/api/v1/campaigns/${campaignId}/transition`, { to: 'targets_set' });
    expect((await listLinks()).map((l) => l.token).sort()).toEqual(links.map((l) => l.token).sort());
  });

  it('serves the QR code as SVG and PNG and the A4 poster as PDF', async () => {
    const unitLink = links.find((l) => l.unitId === fx.tarakan)!;
    const svg = await call(tarakanOperator, 'GET', `/api/v1/links/${unitLink.id}/qr.svg`);
    expect(svg.statusCode).toBe(200);
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(svg.headers['cache-control']).toBe('private, no-store');
    expect(svg.body).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg.body).toContain('<path');

    const png = await call(tarakanOperator, 'GET', `/api/v1/links/${unitLink.id}/qr.png`);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.rawPayload.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    // IHDR width: the PNG is large enough to print.
    expect(png.rawPayload.readUInt32BE(16)).toBeGreaterThanOrEqual(1000);

    const pdf = await call(tarakanOperator, 'GET', `/api/v1/links/${unitLink.id}/poster.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdf.rawPayload.toString('latin1');
    expect(text).toMatch(/\/MediaBox \[0 0 595\.2\d* 841\.8\d*\]/); // A4 portrait
    expect(text).toContain('/Count 1'); // one page
    expect(text).toContain(`/URI (${unitLink.url})`); // the short URL is a live link on the poster
  });

  it('puts the unit, service and call to action on the poster', async () => {
    const { posterDefinition } = await import('../../src/modules/surveys/link.qr.ts');
    const def = posterDefinition({
      url: 'https://mutu.pom.go.id/s/abc',
      unitName: 'Direktorat Registrasi OT, SK dan Kosmetik',
      serviceName: 'Registrasi suplemen kesehatan',
      campaignName: 'SKM BPOM Tahun 2024',
      locale: 'id',
    });
    const json = JSON.stringify(def.content);
    expect(json).toContain('Direktorat Registrasi OT, SK dan Kosmetik');
    expect(json).toContain('Registrasi suplemen kesehatan');
    expect(json).toContain('Bantu kami meningkatkan pelayanan: pindai kode QR ini untuk mengisi Survei Kepuasan Masyarakat');
    expect(json).toContain('"qr":"https://mutu.pom.go.id/s/abc"');
    expect(def.pageSize).toBe('A4');
  });

  it('keeps QR codes of another unit out of reach', async () => {
    const unitLink = links.find((l) => l.unitId === fx.tarakan)!;
    const serviceLink = links.find((l) => l.unitId === fx.central)!;
    expect((await call(lokaOperator, 'GET', `/api/v1/links/${unitLink.id}/qr.svg`)).statusCode).toBe(404);
    expect((await call(tarakanOperator, 'GET', `/api/v1/links/${serviceLink.id}/poster.pdf`)).statusCode).toBe(404);
    expect((await call(coordinator, 'GET', '/api/v1/links/nope/qr.png')).statusCode).toBe(404);
  });

  it('regenerates a link: new token, old one kept inactive with replaced_by, and a poster warning', async () => {
    const old = links.find((l) => l.unitId === fx.central)!;
    expect((await call(tarakanOperator, 'POST', `/api/v1/links/${old.id}/regenerate`)).statusCode).toBe(403);
    const res = await call(coordinator, 'POST', `/api/v1/links/${old.id}/regenerate`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.postersInvalidated).toBe(true);
    expect(body.warning).toBe(
      'Tautan lama tidak berlaku lagi: poster dan kode QR yang sudah dicetak atau dibagikan tidak dapat dipakai dan harus diganti.',
    );
    expect(body.link).toMatchObject({ active: true, unitId: old.unitId, unitServiceId: old.unitServiceId, kind: 'service' });
    expect(body.link.token).not.toBe(old.token);
    expect(body.replaced).toMatchObject({ id: old.id, active: false, replacedBy: body.link.id, token: old.token });

    const after = await listLinks();
    expect(after).toHaveLength(4);
    expect(after.filter((l) => l.active)).toHaveLength(3);

    const again = await call(coordinator, 'POST', `/api/v1/links/${old.id}/regenerate?lang=en`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('This link is no longer active because it was replaced. Use the new link.');
    expect((await call(coordinator, 'GET', `/api/v1/links/${old.id}/poster.pdf`)).statusCode).toBe(409);
    expect((await call(coordinator, 'GET', `/api/v1/links/${body.link.id}/qr.svg`)).statusCode).toBe(200);

    const row = await t.deps.dbh.db.selectFrom('survey_link').selectAll().where('id', '=', old.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ active: 0, replaced_by: body.link.id });
    expect(row.deactivated_at).not.toBeNull();
    const ev = await t.deps.dbh.db
      .selectFrom('audit_event')
      .selectAll()
      .where('entity_type', '=', 'survey_link')
      .where('action', '=', 'regenerate')
      .executeTakeFirstOrThrow();
    expect(ev.unit_id).toBe(fx.central);
    // The trail never holds a token: it is the key to the public form.
    const all = await t.deps.dbh.db.selectFrom('audit_event').select(['before_json', 'after_json']).execute();
    for (const e of all) expect(`${e.before_json}${e.after_json}`).not.toContain(old.token);
  });
});
