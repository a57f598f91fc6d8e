import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Role } from '../../src/modules/auth/actor.ts';
import { createTestApp, describeEachEngine, SAME_ORIGIN, type TestApp } from '../helpers/engines.ts';
import { loginAs } from '../helpers/login.ts';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT';

describeEachEngine('organisation API', (_engine, open) => {
  let t: TestApp;
  let admin: string;
  let coordinator: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp(open, { seedDemo: true });
    admin = (await loginAs(t, 'system_admin')).cookie;
    coordinator = (await loginAs(t, 'skm_coordinator')).cookie;
    const rows = await t.deps.dbh.db.selectFrom('org_unit').select(['id', 'code']).execute();
    for (const r of rows) ids[r.code] = r.id;
  });
  afterAll(async () => t?.close());

  const call = async (method: Method, url: string, cookie: string | null, payload?: unknown) => {
    const res = await t.app.inject({
      method,
      url,
      headers: { ...(cookie ? { cookie } : {}), ...(method === 'GET' ? {} : SAME_ORIGIN) },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    return { status: res.statusCode, body: res.body ? res.json() : undefined };
  };
  const as = async (role: Role, unitCode?: string) => (await loginAs(t, role, unitCode ? ids[unitCode] : undefined)).cookie;
  const fieldsOf = (body: { error: { fields: { field: string }[] } }) => body.error.fields.map((f) => f.field);
  const servicesOf = async (code: string, cookie = admin, qs = '') =>
    (await call('GET', `/api/v1/units/${ids[code]}/services${qs}`, cookie)).body.items;
  const auditFor = (entityId: string) =>
    t.deps.dbh.db.selectFrom('audit_event').selectAll().where('entity_id', '=', entityId).orderBy('at').orderBy('seq').execute();

  it('needs a session', async () => {
    expect((await call('GET', '/api/v1/units', null)).status).toBe(401);
  });

  it('lists the 97 public-service units with their 758 services', async () => {
    const res = await call('GET', '/api/v1/units?publicService=true&pageSize=500', admin);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(97);
    expect(res.body.items).toHaveLength(97);
    expect(res.body.items.reduce((n: number, u: { serviceCount: number }) => n + u.serviceCount, 0)).toBe(758);
    const trk = res.body.items.find((u: { code: string }) => u.code === 'BPOM-TRK');
    expect(trk).toMatchObject({
      name: 'Balai POM di Tarakan',
      type: 'bpom',
      parentName: 'Badan Pengawas Obat dan Makanan',
      timeZone: 'Asia/Makassar',
      province: 'Kalimantan Utara',
      isPublicServiceUnit: true,
      isSakipEntity: true,
      version: 1,
      active: true,
      serviceCount: 9,
      validTo: null,
    });
  });

  it('pages, filters by type and parent, and searches name, short name and code case-insensitively', async () => {
    const page = await call('GET', '/api/v1/units?type=loka&pageSize=10&page=4', admin);
    expect(page.body).toMatchObject({ total: 34 });
    expect(page.body.items).toHaveLength(4);
    const bureaus = await call('GET', `/api/v1/units?parentId=${ids.SETTAMA}&type=bureau`, admin);
    expect(bureaus.body.total).toBe(5);
    expect((await call('GET', '/api/v1/units?q=TARAKAN', admin)).body.items.map((u: { code: string }) => u.code)).toEqual([
      'BPOM-TRK',
    ]);
    expect((await call('GET', '/api/v1/units?q=biro-hukor', admin)).body.items[0]?.code).toBe('BIRO-HUKOR');
    expect((await call('GET', '/api/v1/units?q=ditwaskos', admin)).body.items[0]?.code).toBe('DIT-WAS-KOS');
    // LIKE wildcards are literal characters in a search
    expect((await call('GET', '/api/v1/units?q=%25', admin)).body.total).toBe(0);
    expect((await call('GET', '/api/v1/units?q=_', admin)).body.total).toBe(0);
  });

  it('names the bad query parameter in a 400', async () => {
    const res = await call('GET', '/api/v1/units?type=planet&pageSize=0', admin);
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual(expect.arrayContaining(['query.type', 'query.pageSize']));
    expect((await call('GET', '/api/v1/units?publicService=yes', admin)).status).toBe(400);
  });

  it('scopes reading: a unit role sees its own unit only, another unit is 403, an unknown id 404', async () => {
    const operator = await as('unit_operator', 'BPOM-TRK');
    const list = await call('GET', '/api/v1/units?pageSize=500', operator);
    expect(list.body.items.map((u: { code: string }) => u.code)).toEqual(['BPOM-TRK']);
    expect(list.body.total).toBe(1);
    expect((await call('GET', `/api/v1/units/${ids['BPOM-TRK']}`, operator)).status).toBe(200);
    expect((await call('GET', `/api/v1/units/${ids['BBPOM-SRG']}`, operator)).status).toBe(403);
    expect((await call('GET', `/api/v1/units/${ids['BBPOM-SRG']}/services`, operator)).status).toBe(403);
    expect((await call('GET', `/api/v1/units/${ids['BBPOM-SRG']}/assignments`, operator)).status).toBe(403);
    expect((await call('GET', `/api/v1/units/${ids['BBPOM-SRG']}/signatory`, operator)).status).toBe(403);
    expect((await call('GET', '/api/v1/units/no-such-unit', operator)).status).toBe(404);
  });

  it('lets an Eselon I head see the sub-units and an executive viewer everything', async () => {
    const head = await as('unit_head', 'SETTAMA');
    const codes = (await call('GET', '/api/v1/units?pageSize=500', head)).body.items.map((u: { code: string }) => u.code);
    expect(codes).toEqual(expect.arrayContaining(['SETTAMA', 'BIRO-HUKOR', 'BIRO-UMUM', 'PUSAT-PPPOMN', 'BALAI-KALIBRASI']));
    expect(codes).not.toContain('BPOM-TRK');
    expect(codes).not.toContain('DIT-REG-OBAT');
    const viewer = await as('executive_viewer');
    expect((await call('GET', '/api/v1/units?publicService=true', viewer)).body.total).toBe(97);
  });

  it('lists the service catalogue: the nine standard UPT services and the central ones', async () => {
    const res = await call('GET', '/api/v1/service-types', await as('unit_operator', 'BPOM-TRK'));
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(78);
    expect(res.body.items.filter((s: { standardForUpt: boolean }) => s.standardForUpt)).toHaveLength(9);
  });

  it('shows a unit’s services with populations and divisors', async () => {
    const trk = await servicesOf('BPOM-TRK');
    expect(trk).toHaveLength(9);
    expect(trk.map((s: { populations: { population: number | null }[] }) => s.populations[0]?.population)).toEqual([
      0,
      0,
      1,
      0,
      2,
      0,
      7,
      null,
      75,
    ]);
    expect(trk[0]).toMatchObject({
      unitId: ids['BPOM-TRK'],
      populationDivisor: 4,
      active: true,
      populations: [{ year: 2023, population: 0 }],
    });
    const ditreg = await servicesOf('DIT-REG-OTSKK');
    expect(ditreg.map((s: { populationDivisor: number }) => s.populationDivisor)).toEqual([2, 2, 2, 2, 2]);
    const hukor = await servicesOf('BIRO-HUKOR');
    expect(hukor).toEqual([
      expect.objectContaining({
        name: 'Pengaduan masyarakat dan informasi Obat dan Makanan',
        populations: [{ year: 2023, population: 12257 }],
      }),
    ]);
  });

  it('lets only system_admin create units; 201 with defaults, 409 on a duplicate code, 400 naming fields', async () => {
    const body = {
      code: 'loka-kota-baru',
      name: 'Loka POM di Kota Baru',
      type: 'loka',
      parentId: ids.BPOM,
      timeZone: 'Asia/Makassar',
    };
    expect((await call('POST', '/api/v1/units', coordinator, body)).status).toBe(403);
    const created = await call('POST', '/api/v1/units', admin, body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      code: 'LOKA-KOTA-BARU',
      shortName: 'Loka POM di Kota Baru',
      parentId: ids.BPOM,
      version: 1,
      active: true,
      isPublicServiceUnit: false,
      serviceCount: 0,
    });
    expect(created.body.validFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    ids['LOKA-KOTA-BARU'] = created.body.id;
    const audit = await auditFor(created.body.id);
    expect(audit.map((a) => [a.entity_type, a.action, a.unit_id])).toEqual([['org_unit', 'create', created.body.id]]);

    const dup = await call('POST', '/api/v1/units', admin, { ...body, code: 'LOKA-KOTA-BARU' });
    expect(dup.status).toBe(409);
    expect(fieldsOf(dup.body)).toEqual(['body.code']);
    const bad = await call('POST', '/api/v1/units', admin, { code: 'X!', type: 'planet' });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad.body)).toEqual(expect.arrayContaining(['body.code', 'body.name', 'body.type']));
    const orphan = await call('POST', '/api/v1/units', admin, { ...body, code: 'ORPHAN', parentId: 'missing' });
    expect(orphan.status).toBe(400);
    expect(fieldsOf(orphan.body)).toEqual(['body.parentId']);
  });

  it('edits a unit: identity changes bump the version, other fields do not; cycles are refused', async () => {
    const url = `/api/v1/units/${ids['LOKA-KOTA-BARU']}`;
    const city = await call('PATCH', url, admin, { city: 'Kotabaru', province: 'Kalimantan Selatan' });
    expect(city.body).toMatchObject({ city: 'Kotabaru', version: 1 });
    const renamed = await call('PATCH', url, admin, { name: 'Loka POM di Kabupaten Kotabaru', locationQualifier: 'kabupaten' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Loka POM di Kabupaten Kotabaru', version: 2, locationQualifier: 'kabupaten' });
    const audit = await auditFor(ids['LOKA-KOTA-BARU'] as string);
    const last = audit.at(-1);
    expect(last?.action).toBe('update');
    expect(JSON.parse(last?.before_json ?? '{}')).toMatchObject({ name: 'Loka POM di Kota Baru', version: 1 });
    expect(JSON.parse(last?.after_json ?? '{}')).toMatchObject({ name: 'Loka POM di Kabupaten Kotabaru', version: 2 });

    const cycle = await call('PATCH', `/api/v1/units/${ids.SETTAMA}`, admin, { parentId: ids['BIRO-HUKOR'] });
    expect(cycle.status).toBe(400);
    expect(fieldsOf(cycle.body)).toEqual(['body.parentId']);
    expect((await call('PATCH', `/api/v1/units/${ids.SETTAMA}`, admin, { code: 'BPOM-TRK' })).status).toBe(409);
    expect((await call('PATCH', '/api/v1/units/missing', admin, { city: 'X' })).status).toBe(404);
    expect((await call('PATCH', url, admin, { bogus: 1 })).status).toBe(400);
    expect((await call('PATCH', url, await as('unit_head', 'LOKA-BAUBAU'), { city: 'X' })).status).toBe(403);
  });

  it('deactivates without deleting: hidden from lists unless includeInactive, history kept, reason audited', async () => {
    const url = `/api/v1/units/${ids['LOKA-KOTA-BARU']}/deactivate`;
    const noReason = await call('POST', url, admin, {});
    expect(noReason.status).toBe(400);
    expect(fieldsOf(noReason.body)).toEqual(['body.reason']);
    const res = await call('POST', url, admin, { reason: 'Salah input' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ active: false });
    expect(res.body.validTo).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await call('GET', '/api/v1/units?q=kotabaru', admin)).body.total).toBe(0);
    expect((await call('GET', '/api/v1/units?q=kotabaru&includeInactive=true', admin)).body.total).toBe(1);
    expect((await call('GET', `/api/v1/units/${ids['LOKA-KOTA-BARU']}`, admin)).body.active).toBe(false);
    expect((await call('POST', url, admin, { reason: 'again' })).status).toBe(409);
    const last = (await auditFor(ids['LOKA-KOTA-BARU'] as string)).at(-1);
    expect(last).toMatchObject({ action: 'deactivate', reason: 'Salah input' });
    const row = await t.deps.dbh.db
      .selectFrom('org_unit')
      .select('active')
      .where('id', '=', ids['LOKA-KOTA-BARU'] as string)
      .executeTakeFirst();
    expect(row).toEqual({ active: 0 });
    // a unit with active sub-units stays
    expect((await call('POST', `/api/v1/units/${ids.SETTAMA}/deactivate`, admin, { reason: 'x' })).status).toBe(409);
    expect((await call('POST', '/api/v1/units/missing/deactivate', admin, { reason: 'x' })).status).toBe(404);
  });

  it('upgrades a Loka to a Balai through a successor unit: predecessor link, predecessor deactivated', async () => {
    const res = await call('POST', '/api/v1/units', admin, {
      code: 'BPOM-BAUBAU',
      name: 'Balai POM di Baubau',
      type: 'bpom',
      parentId: ids.BPOM,
      predecessorId: ids['LOKA-BAUBAU'],
      validFrom: '2025-01-01',
      reason: 'Penataan UPT',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ predecessorId: ids['LOKA-BAUBAU'], timeZone: 'Asia/Makassar', validFrom: '2025-01-01' });
    const old = await call('GET', `/api/v1/units/${ids['LOKA-BAUBAU']}`, admin);
    expect(old.body).toMatchObject({ active: false, validTo: '2024-12-31' });
    expect((await auditFor(ids['LOKA-BAUBAU'] as string)).at(-1)).toMatchObject({ action: 'deactivate', reason: 'Penataan UPT' });
    const again = await call('POST', '/api/v1/units', admin, {
      code: 'X-2',
      name: 'X',
      type: 'bpom',
      predecessorId: ids['LOKA-BAUBAU'],
    });
    expect(again.status).toBe(409);
  });

  it('manages services: system_admin and skm_coordinator only, 409 on a duplicate type, new names enter the catalogue', async () => {
    const url = `/api/v1/units/${ids['BPOM-TRK']}/services`;
    const body = { name: 'Layanan Konsultasi Regulasi', deliveryMode: 'offline' };
    expect((await call('POST', url, await as('unit_operator', 'BPOM-TRK'), body)).status).toBe(403);
    const created = await call('POST', url, coordinator, body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Layanan Konsultasi Regulasi',
      populationDivisor: 4,
      deliveryMode: 'offline',
      active: true,
      populations: [],
    });
    const types = (await call('GET', '/api/v1/service-types', admin)).body.items;
    expect(types).toHaveLength(79);
    const dup = await call('POST', url, admin, { name: 'layanan konsultasi regulasi', deliveryMode: 'online' });
    expect(dup.status).toBe(409);
    expect(fieldsOf(dup.body)).toEqual(['body.name']);
    // the same type for another unit, by id
    const byId = await call('POST', `/api/v1/units/${ids['BBPOM-SRG']}/services`, admin, {
      serviceTypeId: created.body.serviceTypeId,
      deliveryMode: 'online',
      applicationUrl: 'https://example.pom.go.id',
      populationDivisor: 2,
    });
    expect(byId.status).toBe(201);
    expect(byId.body).toMatchObject({ serviceTypeId: created.body.serviceTypeId, populationDivisor: 2 });
    const audit = await auditFor(created.body.id);
    expect(audit.map((a) => [a.entity_type, a.action, a.unit_id])).toEqual([['unit_service', 'create', ids['BPOM-TRK']]]);

    const bad = await call('POST', url, admin, { deliveryMode: 'fax', populationDivisor: 0 });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad.body)).toEqual(expect.arrayContaining(['body.deliveryMode', 'body.populationDivisor']));
    const nameless = await call('POST', url, admin, { deliveryMode: 'online' });
    expect(nameless.status).toBe(400);
    expect(fieldsOf(nameless.body)).toEqual(['body.name']);
    const unknownType = await call('POST', url, admin, { serviceTypeId: 'nope', deliveryMode: 'online' });
    expect(unknownType.status).toBe(400);
    expect(fieldsOf(unknownType.body)).toEqual(['body.serviceTypeId']);
    expect((await call('POST', '/api/v1/units/missing/services', admin, body)).status).toBe(404);
    ids.newService = created.body.id;
  });

  it('edits and deactivates a service; inactive services are hidden unless asked for', async () => {
    const id = ids.newService as string;
    const patched = await call('PATCH', `/api/v1/services/${id}`, coordinator, {
      populationDivisor: 2,
      applicationName: 'Loket',
    });
    expect(patched.body).toMatchObject({ populationDivisor: 2, applicationName: 'Loket' });
    expect(
      (await call('PATCH', `/api/v1/services/${id}`, await as('unit_head', 'BPOM-TRK'), { populationDivisor: 3 })).status,
    ).toBe(403);
    expect((await call('PATCH', '/api/v1/services/missing', admin, { populationDivisor: 3 })).status).toBe(404);
    const off = await call('POST', `/api/v1/services/${id}/deactivate`, coordinator, { reason: 'Tidak lagi dilayani' });
    expect(off.body).toMatchObject({ active: false });
    expect(await servicesOf('BPOM-TRK')).toHaveLength(9);
    expect(await servicesOf('BPOM-TRK', admin, '?includeInactive=true')).toHaveLength(10);
    expect((await call('POST', `/api/v1/services/${id}/deactivate`, coordinator, { reason: 'x' })).status).toBe(409);
    expect((await auditFor(id)).map((a) => a.action)).toEqual(['create', 'update', 'deactivate']);
  });

  it('lets a unit operator set populations of its own unit only', async () => {
    const trkService = (await servicesOf('BPOM-TRK'))[8];
    const srgService = (await servicesOf('BBPOM-SRG'))[0];
    const operator = await as('unit_operator', 'BPOM-TRK');
    const res = await call('PUT', `/api/v1/services/${trkService.id}/populations/2024`, operator, { population: 80 });
    expect(res.status).toBe(200);
    expect(res.body.populations).toEqual([
      { year: 2023, population: 75 },
      { year: 2024, population: 80 },
    ]);
    const na = await call('PUT', `/api/v1/services/${trkService.id}/populations/2024`, coordinator, { population: null });
    expect(na.body.populations[1]).toEqual({ year: 2024, population: null });
    const audit = (await auditFor(`${trkService.id}:2024`)).map((a) => a.action);
    expect(audit).toEqual(['create', 'update']);

    const before = srgService.populations;
    expect((await call('PUT', `/api/v1/services/${srgService.id}/populations/2024`, operator, { population: 1 })).status).toBe(
      403,
    );
    expect((await servicesOf('BBPOM-SRG'))[0].populations).toEqual(before);
    expect(
      (
        await call('PUT', `/api/v1/services/${trkService.id}/populations/2024`, await as('unit_head', 'BPOM-TRK'), {
          population: 1,
        })
      ).status,
    ).toBe(403);

    const badYear = await call('PUT', `/api/v1/services/${trkService.id}/populations/1800`, admin, { population: 1 });
    expect(badYear.status).toBe(400);
    expect(fieldsOf(badYear.body)).toEqual(['params.year']);
    for (const population of [-1, 2.5, '12', undefined]) {
      const bad = await call('PUT', `/api/v1/services/${trkService.id}/populations/2024`, admin, { population });
      expect(bad.status).toBe(400);
      expect(fieldsOf(bad.body)).toEqual(['body.population']);
    }
    expect((await call('PUT', '/api/v1/services/missing/populations/2024', admin, { population: 1 })).status).toBe(404);
  });

  it('prints the head assigned on the signing date, marking acting heads', async () => {
    const url = (date: string) => `/api/v1/units/${ids['BPOM-TRK']}/signatory?date=${date}`;
    const head = await call('GET', url('2024-03-01'), admin);
    expect(head.status).toBe(200);
    expect(head.body).toMatchObject({ title: 'Kepala Balai POM di Tarakan', acting: false });
    expect(head.body.nip).toMatch(/^\d{18}$/);
    const acting = await call('GET', url('2024-08-09'), await as('unit_head', 'BPOM-TRK'));
    expect(acting.body).toMatchObject({ title: 'Plt. Kepala Balai POM di Tarakan', acting: true });
    expect(acting.body.fullName).not.toBe(head.body.fullName);
    expect((await call('GET', url('2019-01-01'), admin)).status).toBe(404);
    expect((await call('GET', url('2024-13-01'), admin)).status).toBe(400);
  });

  it('assigns people with dated assignments (system_admin only)', async () => {
    const url = `/api/v1/units/${ids['BBPOM-SRG']}/assignments`;
    const body = {
      fullName: 'Nur Aisyah Rahman',
      nip: '198811112015032006',
      roleCode: 'unit_head',
      title: 'Plh. Kepala Balai Besar POM di Serang',
      validFrom: '2024-05-06',
      validTo: '2024-05-10',
    };
    expect((await call('POST', url, coordinator, body)).status).toBe(403);
    const created = await call('POST', url, admin, body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ fullName: 'Nur Aisyah Rahman', roleCode: 'unit_head', validTo: '2024-05-10' });
    const during = await call('GET', `/api/v1/units/${ids['BBPOM-SRG']}/signatory?date=2024-05-08`, admin);
    expect(during.body).toMatchObject({ fullName: 'Nur Aisyah Rahman', acting: true });
    const after = await call('GET', `/api/v1/units/${ids['BBPOM-SRG']}/signatory?date=2024-05-11`, admin);
    expect(after.body).toMatchObject({ title: 'Kepala Balai Besar POM di Serang', acting: false });
    const list = await call('GET', url, admin);
    expect(list.body.items[0]).toMatchObject({ fullName: 'Nur Aisyah Rahman', validFrom: '2024-05-06' });
    expect((await auditFor(created.body.id)).map((a) => [a.entity_type, a.action])).toEqual([['assignment', 'create']]);
    expect((await auditFor(created.body.personId)).map((a) => [a.entity_type, a.action])).toEqual([['person', 'create']]);

    const bad = await call('POST', url, admin, { ...body, validTo: '2024-01-01', roleCode: 'king', nip: '12' });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad.body)).toEqual(expect.arrayContaining(['body.roleCode', 'body.nip']));
    expect((await call('POST', '/api/v1/units/missing/assignments', admin, body)).status).toBe(404);
  });

  it('leaves every audit chain it wrote to intact', async () => {
    const report = await t.deps.services.audit.verify();
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.events).toBeGreaterThan(15);
  });

  it('answers in English on request', async () => {
    const res = await call('GET', '/api/v1/units/missing?lang=en', admin);
    expect(res.body.error.message).toBe('Unit not found');
  });
});
