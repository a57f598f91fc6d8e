import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../src/modules/auth/actor.ts';
import { documentTables, documentText, type TableBlock } from '../../src/modules/reports/document/document.ts';
import { createTestApp, describeEachEngine, type TestApp } from '../helpers/engines.ts';
import { loginAs } from '../helpers/login.ts';
import { type CompilationSetup, closeCampaign, movableClock, request, setupCompilation } from './compilation-fixture.ts';

const coordinatorActor = (userId: string): Actor => ({
  userId,
  username: 'coord',
  fullName: 'Koordinator Uji',
  grants: [{ role: 'skm_coordinator', unitId: null }],
  mustChangePassword: false,
  sessionId: '',
  locale: 'id',
});

const cellText = (c: TableBlock['body'][number][number]) => (typeof c === 'string' ? c : String(c.content));
const tableByCaption = (tables: TableBlock[], prefix: string) => {
  const tb = tables.find((x) => x.caption?.startsWith(prefix));
  expect(tb, `table ${prefix}`).toBeTruthy();
  return tb as TableBlock;
};

describeEachEngine('Laporan SKM BPOM (coordinator compilation)', (_engine, open) => {
  let t: TestApp;
  let s: CompilationSetup;
  const clock = movableClock('2026-06-15T03:00:00.000Z');
  const req = (...a: Parameters<ReturnType<typeof request>>) => request(t)(...a);

  beforeAll(async () => {
    t = await createTestApp(open, {}, clock);
    s = await setupCompilation(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('shows the results API figures: BPOM pooled index, every UPP row, per-UPP service tables; marked Sementara while live', async () => {
    const api = (await req('GET', `/api/v1/campaigns/${s.campaignId}/results`, s.coord)).json();
    expect(api.source).toBe('live');
    const doc = await t.deps.services.reportsBpom.compose(coordinatorActor(s.coord.userId), s.campaignId, 'id');
    const text = documentText(doc);
    expect(text).toContain('SEMENTARA');
    expect(text).toContain(`Indeks Kepuasan Masyarakat (IKM) Badan POM adalah ${api.bpom.ikm.display}`);
    expect(text).toContain(api.bpom.ci95.display);
    const tables = documentTables(doc);

    const elements = tableByCaption(tables, 'Tabel 1.1');
    api.bpom.elements.forEach((e: { code: string; value: { display: string } }, i: number) => {
      expect(cellText(elements.body[i]?.[0] as never)).toBe(e.code);
      expect(cellText(elements.body[i]?.[2] as never)).toBe(e.value.display);
    });

    const units = tableByCaption(tables, 'Tabel 2.1');
    const header = units.header[0]?.map((c) => cellText(c as never)) ?? [];
    expect(header).toEqual([
      'No',
      'UPP',
      'Jenis UPP',
      'Target',
      'Responden masuk',
      'Responden dihitung',
      'U1',
      'U2',
      'U3',
      'U4',
      'U5',
      'U6',
      'U7',
      'U8',
      'U9',
      'IKM',
      'Mutu',
    ]);
    expect(units.body).toHaveLength(api.units.length + 1);
    for (const u of api.units) {
      const row = units.body.find((r) => cellText(r[1] as never) === u.name);
      expect(row, u.name).toBeTruthy();
      const cells = (row ?? []).map((c) => cellText(c as never));
      expect(cells.slice(3, 6)).toEqual([String(u.target), String(u.submitted), String(u.counted)]);
      expect(cells.slice(6, 15)).toEqual(u.elements.map((e: { value: { display: string } }) => e.value.display));
      expect(cells[15]).toBe(u.ikm.display);
      expect(cells[16]).toBe(u.grade?.code ?? '–');
    }
    const last = (units.body.at(-1) ?? []).map((c) => cellText(c as never));
    expect(last[1]).toBe('Badan POM (seluruh UPP)');
    expect(last[5]).toBe(String(api.bpom.counted));
    expect(last[15]).toBe(api.bpom.ikm.display);
    // The Loka has no counted response (D36).
    const loka = units.body.find((r) => cellText(r[1] as never).startsWith('Loka'));
    expect(cellText(loka?.[15] as never)).toBe('–');

    const unitApi = (await req('GET', `/api/v1/campaigns/${s.campaignId}/units/${s.fx.tarakan}/results`, s.coord)).json();
    const tarakanName = api.units.find((u: { unitId: string }) => u.unitId === s.fx.tarakan).name;
    const services = tableByCaption(tables, `Nilai SKM per jenis layanan – ${tarakanName}`);
    for (const svc of unitApi.services) {
      const row = services.body.find((r) => cellText(r[1] as never) === svc.serviceName);
      expect(cellText(row?.at(-2) as never)).toBe(svc.ikm.display);
    }
    expect(cellText(services.body.at(-1)?.at(-2) as never)).toBe(unitApi.total.ikm.display);
  });

  it('lists each UPP’s RTL and the units below their IKM target', async () => {
    const op = await loginAs(t, 'unit_operator', s.fx.tarakan);
    const action = await req('POST', '/api/v1/rtl/actions', op, {
      source: 'skm_result',
      sourceRef: s.campaignId,
      unitId: s.fx.tarakan,
      elements: [{ instrument: 'skm', code: 'U3' }],
      actionText: 'Menyederhanakan persyaratan layanan pengaduan',
      timeline: '2026-09-30',
      pic: 'Tim Pelayanan Publik',
    });
    expect(action.statusCode, action.body).toBe(201);
    const api = (await req('GET', `/api/v1/campaigns/${s.campaignId}/results`, s.coord)).json();
    const tarakan = api.units.find((u: { unitId: string }) => u.unitId === s.fx.tarakan);
    const central = api.units.find((u: { unitId: string }) => u.unitId === s.fx.central);
    // A target above Tarakan's IKM, one below the directorate's.
    const target = (v: number) => ({ unitIndex: null, elements: [], ikmTarget: v.toFixed(2), year: 2026, source: 'Uji target' });
    for (const [unitId, v] of [
      [s.fx.tarakan, Math.min(100, tarakan.ikm.value + 1)],
      [s.fx.central, Math.max(0, central.ikm.value - 1)],
    ] as const) {
      const r = await req('POST', '/api/v1/history/skm', s.coord, { unitId, ...target(v) });
      expect(r.statusCode, r.body).toBeLessThan(300);
    }
    const doc = await t.deps.services.reportsBpom.compose(coordinatorActor(s.coord.userId), s.campaignId, 'id');
    const tables = documentTables(doc);
    const rtl = tableByCaption(tables, `Rencana Tindak Lanjut – ${tarakan.name}`);
    expect(rtl.body.map((r) => r.map((c) => cellText(c as never)).join('|'))).toEqual([
      '1|U3|Menyederhanakan persyaratan layanan pengaduan|2026-09-30|Tim Pelayanan Publik|Belum',
    ]);
    expect(documentText(doc)).toContain(`${central.name} belum menyusun Rencana Tindak Lanjut`);
    const below = tableByCaption(tables, 'Tabel 3.1');
    expect(below.body.map((r) => cellText(r[1] as never))).toEqual([tarakan.name]);
    expect(cellText(below.body[0]?.[4] as never)).toBe(tarakan.ikm.display);
    expect(cellText(below.body[0]?.[5] as never)).toMatch(/^-\d,\d{2}$|^-1,00$/);
  });

  it('renders PDF and DOCX for the coordinator, inspectorate and executive viewer; refuses other roles', async () => {
    const pdf = await req('GET', `/api/v1/campaigns/${s.campaignId}/laporan-skm-bpom.pdf`, s.coord);
    expect(pdf.statusCode, pdf.body.slice(0, 300)).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.headers['content-disposition']).toContain('laporan-skm-bpom-2026-sementara.pdf');
    for (const role of ['inspectorate', 'executive_viewer'] as const) {
      const who = await loginAs(t, role);
      const docx = await req('GET', `/api/v1/campaigns/${s.campaignId}/laporan-skm-bpom.docx`, who);
      expect(docx.statusCode).toBe(200);
      expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    }
    for (const who of [
      await loginAs(t, 'unit_operator', s.fx.tarakan),
      await loginAs(t, 'unit_head', s.fx.tarakan),
      await loginAs(t, 'planning_bureau'),
    ]) {
      const r = await req('GET', `/api/v1/campaigns/${s.campaignId}/laporan-skm-bpom.pdf`, who);
      expect([403, 404]).toContain(r.statusCode);
    }
    expect((await req('GET', `/api/v1/campaigns/${s.campaignId}/laporan-skm-bpom.pdf`, null)).statusCode).toBe(401);
    const issued = await t.deps.dbh.db.selectFrom('issued_document').selectAll().where('kind', '=', 'laporan_skm_bpom').execute();
    expect(issued.length).toBeGreaterThanOrEqual(3);
    expect(issued.every((d) => d.snapshot_version === null && (d.size_bytes ?? 0) > 1000)).toBe(true);
  });

  it('reads the frozen snapshot once the campaign is closed (no Sementara mark, snapshot version recorded)', async () => {
    clock.set('2027-02-01T03:00:00.000Z');
    s.coord = await loginAs(t, 'skm_coordinator');
    await closeCampaign(t, s.campaignId, s.coord);
    const api = (await req('GET', `/api/v1/campaigns/${s.campaignId}/results`, s.coord)).json();
    expect(api.source).toBe('snapshot');
    const doc = await t.deps.services.reportsBpom.compose(coordinatorActor(s.coord.userId), s.campaignId, 'en');
    const text = documentText(doc);
    expect(text).not.toContain('PROVISIONAL');
    expect(text).toContain(`The BPOM satisfaction index (IKM) is ${api.bpom.ikm.display.replace(',', '.')}`);
    const res = await req('GET', `/api/v1/campaigns/${s.campaignId}/laporan-skm-bpom.pdf`, s.coord);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('laporan-skm-bpom-2026.pdf');
    const last = await t.deps.dbh.db
      .selectFrom('issued_document')
      .select('snapshot_version')
      .where('kind', '=', 'laporan_skm_bpom')
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    expect(last.snapshot_version).toBe(1);
  });
});
