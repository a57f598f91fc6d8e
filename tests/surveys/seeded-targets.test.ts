import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachEngine, SAME_ORIGIN, type TestApp } from '../helpers/engines.ts';
import { loginAs, type TestLogin } from '../helpers/login.ts';

/** Golden checks on the seeded BPOM organisation (2023 populations from Lampiran 2a). */
describeEachEngine('campaign targets on the demo organisation', (_engine, open) => {
  let t: TestApp;
  let coordinator: TestLogin;

  const post = (url: string, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url, headers: { cookie: coordinator.cookie, ...SAME_ORIGIN }, payload });
  const get = (url: string) => t.app.inject({ url, headers: { cookie: coordinator.cookie } });
  const body = (units: { unitId: string }[]) => ({
    year: 2024,
    name: 'SKM BPOM Tahun 2024',
    collectionStart: '2024-04-01',
    collectionEnd: '2024-06-30',
    units,
  });

  beforeAll(async () => {
    t = await createTestApp(open, { seedDemo: true });
    coordinator = await loginAs(t, 'skm_coordinator');
  });
  afterAll(async () => t?.close());

  it('gives Balai POM di Tarakan 0,0,1,0,1,0,2,0,18 → unit target 22 for 2024 (EX-KM-02)', async () => {
    const tarakan = await t.deps.dbh.db
      .selectFrom('org_unit')
      .select('id')
      .where('name', '=', 'Balai POM di Tarakan')
      .executeTakeFirstOrThrow();
    const res = await post('/api/v1/campaigns', body([{ unitId: tarakan.id }]));
    expect(res.statusCode).toBe(201);
    expect(res.json().units).toEqual([expect.objectContaining({ name: 'Balai POM di Tarakan', target: 22, services: 9 })]);
    const targets = (await get(`/api/v1/campaigns/${res.json().id}/targets`)).json();
    const byService = Object.fromEntries(
      targets.rows.map(
        (r: { serviceName: string; prevYearPopulation: number | null; populationPeriod: number; target: number }) => [
          r.serviceName,
          [r.prevYearPopulation, r.populationPeriod, r.target],
        ],
      ),
    );
    expect(byService).toEqual({
      'Penerbitan Surat Keterangan Impor Obat dan Makanan': [0, 0, 0],
      'Penerbitan Surat Keterangan Ekspor Obat dan Makanan': [0, 0, 0],
      'Sertifikasi Cara Distribusi Obat yang Baik (CDOB)': [1, 1, 1],
      'Sertifikasi pemenuhan aspek Cara Pembuatan Obat Tradisional yang Baik (CPOTB)': [0, 0, 0],
      'Sertifikasi pemenuhan aspek Cara Pembuatan Kosmetika yang Baik (CPKB)': [2, 1, 1],
      'Penerbitan rekomendasi sebagai pemohon notifikasi kosmetika': [0, 0, 0],
      'Penerbitan izin penerapan Cara Produksi Pangan Olahan yang Baik (CPPOB)': [7, 2, 2],
      'Pengujian Obat dan Makanan': [null, 0, 0],
      'Pengaduan masyarakat dan informasi Obat dan Makanan': [75, 19, 18],
    });
    expect(targets.total).toBe(22);
  });

  it('reproduces the 2024 BPOM-wide target of 8,946 over all public-service units (EX-KM-03)', async () => {
    const units = await t.deps.dbh.db.selectFrom('org_unit').select('id').where('is_public_service_unit', '=', 1).execute();
    const res = await post('/api/v1/campaigns', body(units.map((u) => ({ unitId: u.id }))));
    expect(res.statusCode).toBe(201);
    const targets = (await get(`/api/v1/campaigns/${res.json().id}/targets`)).json();
    expect(targets.rows).toHaveLength(758);
    expect(targets.total).toBe(8946);
    // A UPT gets one link, a central unit one per service: 76 UPTs + 74 central services.
    const transition = await post(`/api/v1/campaigns/${res.json().id}/transition`, { to: 'targets_set' });
    expect(transition.statusCode).toBe(200);
    const { links } = (await get(`/api/v1/campaigns/${res.json().id}/links`)).json();
    expect(links.filter((l: { kind: string }) => l.kind === 'unit')).toHaveLength(76);
    expect(links.filter((l: { kind: string }) => l.kind === 'service')).toHaveLength(74);
  });
});
