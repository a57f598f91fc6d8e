import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor, Role } from '../../src/modules/auth/actor.ts';
import { documentTables, documentText, type TableBlock } from '../../src/modules/reports/document/document.ts';
import { createTestApp, describeEachEngine, type TestApp } from '../helpers/engines.ts';
import { loginAs } from '../helpers/login.ts';
import { type CompilationSetup, movableClock, request, setupCompilation } from './compilation-fixture.ts';

const actorOf = (userId: string, role: Role, unitId: string | null): Actor => ({
  userId,
  username: role,
  fullName: role,
  grants: [{ role, unitId }],
  mustChangePassword: false,
  sessionId: '',
  locale: 'id',
});
const cellText = (c: TableBlock['body'][number][number]) => (typeof c === 'string' ? c : String(c.content));

describeEachEngine('SPKP/SPAK monthly report', (_engine, open) => {
  let t: TestApp;
  let s: CompilationSetup;
  const clock = movableClock('2026-04-10T03:00:00.000Z');
  const req = (...a: Parameters<ReturnType<typeof request>>) => request(t)(...a);
  const url = (unitId: string, ext = 'pdf', month = 3) => `/api/v1/units/${unitId}/perception-report/2026/${month}.${ext}`;

  beforeAll(async () => {
    t = await createTestApp(open, {}, clock);
    // 33 eligible respondents at Tarakan in March: the first 30 are selected (D8, D22).
    s = await setupCompilation(t, { perUnit: [31, 4] });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('prints the results API figures: IPP/IPAK per element and index, bands, the three-month worksheet value', async () => {
    const api = (
      await req('GET', `/api/v1/campaigns/${s.campaignId}/units/${s.fx.tarakan}/perception?from=2026-01&to=2026-03`, s.coord)
    ).json();
    const march = api.months.find((m: { month: string }) => m.month === '2026-03');
    expect(march.selected).toBe(30);
    const op = await loginAs(t, 'unit_operator', s.fx.tarakan);
    const doc = await t.deps.services.reportsPerception.compose(
      actorOf(op.userId, 'unit_operator', s.fx.tarakan),
      s.fx.tarakan,
      2026,
      3,
      'id',
    );
    const text = documentText(doc);
    expect(text).toContain('LAPORAN ANALISIS SPKP DAN SPAK');
    expect(text).toContain('MARET 2026');
    expect(text).toContain('1 s.d. 31 Maret 2026');
    expect(text).toContain('SEMENTARA');
    expect(text).toContain('sebanyak 30 responden, dari 33 penerima layanan');
    const tables = documentTables(doc);
    for (const [code, caption, last] of [
      ['spkp', 'Tabel 1.', 'Indeks Persepsi Pelayanan Publik (IPP)'],
      ['spak', 'Tabel 2.', 'Indeks Persepsi Anti Korupsi (IPAK)'],
    ] as const) {
      const tb = tables.find((x) => x.caption?.startsWith(caption)) as TableBlock;
      expect(tb, caption).toBeTruthy();
      const fig = march[code];
      fig.elements.forEach((e: { code: string; index: { display: string } }, i: number) => {
        expect(cellText(tb.body[i]?.[0] as never)).toBe(e.code);
        expect(cellText(tb.body[i]?.[2] as never)).toBe(e.index.display);
      });
      const lastRow = tb.body.at(-1) ?? [];
      expect(cellText(lastRow[0] as never)).toBe(last);
      expect(cellText(lastRow[1] as never)).toBe(fig.index.display);
      expect(text).toContain(`dikategorikan “${fig.band.label}”`);
    }
    const ws = tables.find((x) => x.caption?.startsWith('Tabel 3.')) as TableBlock;
    expect(ws.header[0]?.map((c) => cellText(c as never))).toEqual([
      'Index Tiap Unsur',
      'Januari 2026',
      'Februari 2026',
      'Maret 2026',
      'Nilai LKE PMPZI',
    ]);
    expect(cellText(ws.body[0]?.[4] as never)).toBe(`${march.spkp.worksheet.value.display}*`);
    expect(march.spkp.worksheet.incomplete).toBe(true);
    // Profile: 5-year age bands over the 30 selected respondents.
    expect(text).toMatch(/25 – 29 tahun \(\d+\)/);
    expect(text).toContain('Saran uji 1');
    // No follow-up recorded yet: a visible placeholder.
    expect(text).toContain('[Tindak lanjut belum dicatat oleh unit.]');
    // The unit's own operator sees the names in Lampiran 1.
    const annex = tables.at(-1) as TableBlock;
    expect(annex.body).toHaveLength(30);
    expect(annex.body.some((r) => cellText(r[1] as never) === 'Responden Kompilasi 1-0')).toBe(true);
  });

  it('prints the follow-up of the month, and "Tidak perlu tindak lanjut" with its justification', async () => {
    const op = await loginAs(t, 'unit_operator', s.fx.tarakan);
    const toUrl = (instrument: string) => `/api/v1/units/${s.fx.tarakan}/perception-followups/${instrument}/2026/3`;
    const spkp = await req('PUT', toUrl('spkp'), op, {
      state: 'actions',
      actions: [
        {
          elements: [{ instrument: 'spkp', code: 'U3' }],
          actionText: 'Tindak lanjut berjenjang Anggota → Supervisor → Ketua Tim Teknis',
          timeline: '2026-05-31',
          pic: 'Tim Kerja Pelayanan',
        },
      ],
    });
    expect(spkp.statusCode, spkp.body).toBeLessThan(300);
    const spak = await req('PUT', toUrl('spak'), op, {
      state: 'no_action_needed',
      justification: 'Semua unsur bernilai 4',
      actions: [],
    });
    expect(spak.statusCode, spak.body).toBeLessThan(300);
    const doc = await t.deps.services.reportsPerception.compose(
      actorOf(op.userId, 'unit_operator', s.fx.tarakan),
      s.fx.tarakan,
      2026,
      3,
      'id',
    );
    const text = documentText(doc);
    expect(text).toContain(
      'U3 | Tindak lanjut berjenjang Anggota → Supervisor → Ketua Tim Teknis | 2026-05-31 | Tim Kerja Pelayanan',
    );
    expect(text).toContain('Tidak perlu tindak lanjut: Semua unsur bernilai 4');
  });

  it('serves PDF and DOCX to unit roles and the inspectorate, pseudonymises for readers without personal-data rights, refuses others', async () => {
    const op = await loginAs(t, 'unit_operator', s.fx.tarakan);
    const pdf = await req('GET', url(s.fx.tarakan), op);
    expect(pdf.statusCode, pdf.body.slice(0, 300)).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.headers['content-disposition']).toContain('laporan-spkp-spak-2026-03-sementara.pdf');
    const insp = await loginAs(t, 'inspectorate');
    const docx = await req('GET', url(s.fx.tarakan, 'docx'), insp);
    expect(docx.statusCode).toBe(200);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');

    // A unit head reads clear names (own unit); a masked reader never sees them.
    const headDoc = documentText(
      await t.deps.services.reportsPerception.compose(actorOf('h', 'unit_head', s.fx.tarakan), s.fx.tarakan, 2026, 3, 'id'),
    );
    expect(headDoc).toContain('Responden Kompilasi 1-0');

    for (const who of [
      await loginAs(t, 'unit_operator', s.fx.central),
      await loginAs(t, 'executive_viewer'),
      await loginAs(t, 'planning_bureau'),
    ]) {
      const r = await req('GET', url(s.fx.tarakan), who);
      expect([403, 404]).toContain(r.statusCode);
      expect(r.body).not.toContain('Responden Kompilasi');
    }
    // Bad month → 400 naming the field; a month with no survey → 404.
    const bad = await req('GET', url(s.fx.tarakan, 'pdf', 13), op);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toBe('params.month');
    const none = await req('GET', `/api/v1/units/${s.fx.tarakan}/perception-report/2025/3.pdf`, op);
    expect(none.statusCode).toBe(404);
  });

  it('marks a frozen month as final', async () => {
    await t.deps.dbh.db
      .insertInto('perception_month')
      .values({
        id: 'pm-test-march',
        unit_id: s.fx.tarakan,
        year: 2026,
        month: 3,
        profile_code: 'bpom-2024',
        profile_version: 1,
        status: 'frozen',
        recipients_full_completion: null,
        closed_at: '2026-04-01T00:00:00.000Z',
        frozen_at: '2026-04-11T00:00:00.000Z',
        frozen_by: null,
        created_at: '2026-04-01T00:00:00.000Z',
        updated_at: '2026-04-11T00:00:00.000Z',
      })
      .execute();
    const doc = await t.deps.services.reportsPerception.compose(actorOf('i', 'inspectorate', null), s.fx.tarakan, 2026, 3, 'id');
    expect(documentText(doc)).not.toContain('SEMENTARA');
  });
});
