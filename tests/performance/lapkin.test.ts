import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/modules/auth/actor.ts';
import { documentTables, documentText, type TableBlock } from '../../src/modules/reports/document/document.ts';
import { createTestApp, describeEachEngine, type TestApp } from '../helpers/engines.ts';
import { loginAs, type TestLogin } from '../helpers/login.ts';
import { caller, loadFixture } from './helpers.ts';

/**
 * Issue 7 item 8: the LAPKIN Interim generated from the seed fixtures. Every figure read off the document
 * must be the achievement API's own display string; narratives are kept between generations.
 */

const cellText = (c: TableBlock['body'][number][number]) =>
  typeof c === 'string'
    ? c
    : typeof c.content === 'string'
      ? c.content
      : c.content.map((i) => (typeof i === 'string' ? i : i.text)).join('');
const rowTexts = (tb: TableBlock) => tb.body.map((r) => r.map(cellText));
const tableByCaption = (tables: TableBlock[], fragment: string): TableBlock => {
  const found = tables.find((x) => x.caption?.includes(fragment));
  if (!found) expect.fail(`no table "${fragment}" in ${tables.map((x) => x.caption).join(' / ')}`);
  return found;
};

describeEachEngine('LAPKIN Interim', (_engine, open) => {
  let t: TestApp;
  const call = caller(() => t);
  let executive: TestLogin;
  let settama: Awaited<ReturnType<typeof loadFixture>>;
  let serang: Awaited<ReturnType<typeof loadFixture>>;
  const reader = (): Actor => ({
    userId: executive.userId,
    username: 'exec',
    fullName: 'Executive',
    grants: [{ role: 'executive_viewer', unitId: null }],
    mustChangePassword: false,
    sessionId: 's',
    locale: 'id',
  });

  beforeAll(async () => {
    t = await createTestApp(open, { seedDemo: true });
    executive = await loginAs(t, 'executive_viewer');
    settama = await loadFixture(t, 'settama-2023.json');
    serang = await loadFixture(t, 'serang-2022.json');
    // The head in office changed: the document is signed by whoever is assigned on the signing date (an acting head).
    const admin = await loginAs(t, 'system_admin');
    for (const a of [
      { fullName: 'Kepala Lama (placeholder)', title: 'Sekretaris Utama', validFrom: '2019-01-01', validTo: '2021-12-31' },
      { fullName: 'Pelaksana Tugas (placeholder)', title: 'Plt. Sekretaris Utama', validFrom: '2022-01-01' },
    ]) {
      const res = await call(admin, 'POST', `/api/v1/units/${settama.unitId}/assignments`, { ...a, roleCode: 'unit_head' });
      expect(res.statusCode, res.body).toBe(201);
    }
  }, 120_000);
  afterAll(async () => t?.close());

  describe('Sekretariat Utama TW II 2023 (mean_of_perspectives)', () => {
    let text: string;
    let tables: TableBlock[];
    let api: {
      indicators: { code: string; capaianPeriod: { display: string } | null; capaianAnnual: { display: string } | null }[];
      overall: { score: { display: string } };
      sasaran: { code: string; score: { display: string } | null }[];
    };

    beforeAll(async () => {
      const doc = await t.deps.services.performance.lapkinDocument(reader(), settama.unitId, 2023, 2, 'id');
      text = documentText(doc);
      tables = documentTables(doc);
      api = (await call(executive, 'GET', `${settama.base}/achievement?year=2023&quarter=2`)).json();
    });

    it('has the DOMAIN 8.13 structure and the NPSS 105,84 of the achievement service', () => {
      for (const heading of [
        'KATA PENGANTAR',
        'RINGKASAN EKSEKUTIF',
        'BAB I PENDAHULUAN',
        'BAB II PERENCANAAN KINERJA',
        'BAB III AKUNTABILITAS KINERJA',
        'BAB IV PENUTUP',
      ])
        expect(text).toContain(heading);
      expect(api.overall.score.display).toBe('105,84');
      const sasaranTable = tableByCaption(tables, 'Pencapaian Sasaran Triwulan II');
      const npss = rowTexts(sasaranTable).find((r) => r[0]?.startsWith('Nilai Pencapaian Sasaran Strategis'));
      expect(npss?.[1]).toBe('105,84');
      expect(npss?.[2]).toBe('Memenuhi Ekspektasi');
      expect(text).toContain('Nilai Pencapaian Sasaran Strategis (NPSS) sampai dengan Triwulan II Tahun 2023 adalah 105,84');
      // The counts of DOMAIN 8.8 (TW II: 5 / 5 / 0 / 1 of 11 measured).
      expect(text).toContain('dari 27 indikator kinerja dilakukan pengukuran terhadap 11 indikator');
      expect(text).toContain(
        '5 indikator Memenuhi Ekspektasi, 5 indikator Belum Memenuhi Ekspektasi, 0 indikator Tidak Memenuhi',
      );
    });

    it('prints every indicator capaian exactly as the achievement API displays it', () => {
      const master = rowTexts(tableByCaption(tables, 'Sasaran, Indikator, Target dan Realisasi Triwulan II'));
      expect(master).toHaveLength(27);
      for (const i of api.indicators) {
        const row = master.find(
          (r) => r.includes(`${i.capaianPeriod?.display ?? '-'}`) && r.some((c) => c === (i.capaianAnnual?.display ?? '-')),
        );
        expect(row, i.code).toBeDefined();
      }
      // #27 (TDD 120,19) and #9 (89,25) side by side with their annual capaian.
      expect(master.some((r) => r.includes('120,19') && r.includes('86,93') && r.includes('Tidak Dapat Disimpulkan'))).toBe(true);
      expect(master.some((r) => r.includes('89,25') && r.includes('47,40') && r.includes('Belum Memenuhi Ekspektasi'))).toBe(
        true,
      );
      // Comparison with TW I: NPSS 92,92 → 105,84.
      const cmp = rowTexts(tableByCaption(tables, 'Perbandingan Capaian TW I dan TW II'));
      expect(cmp.at(-1)?.slice(1, 3)).toEqual(['92,92', '105,84']);
    });

    it('budget realisation and efficiency come from the same service (57,48% net; total TE 1,29 → 84%)', () => {
      expect(text).toContain('Rp199.204.505.081');
      expect(text).toContain('57,48% terhadap pagu dikurangi blokir');
      const eff = rowTexts(tableByCaption(tables, 'Efisiensi per Sasaran'));
      const totalRow = eff.at(-1) ?? [];
      expect(totalRow.slice(1, 8)).toEqual(['Total', '105,84', '46,23', '2,29', '1,29', '84%', 'Tidak Efisien']);
      // The 1-rupiah difference with OMSPAN is reported under the table, not hidden.
      expect(tableByCaption(tables, 'Target dan Realisasi Keuangan per Sasaran').note).toContain('OMSPAN: -Rp1.');
    });

    it('is signed by the head assigned on the signing date (Plt.)', () => {
      expect(text).toContain('Plt. Sekretaris Utama | Pelaksana Tugas (placeholder)');
      expect(text).not.toContain('Kepala Lama (placeholder)');
      expect(text).toContain('DRAF');
    });
  });

  it('Serang TW III 2022 (mean_of_sasaran) shows 103,70', async () => {
    const doc = await t.deps.services.performance.lapkinDocument(reader(), serang.unitId, 2022, 3, 'id');
    const tables = documentTables(doc);
    const npss = rowTexts(tableByCaption(tables, 'Pencapaian Sasaran Triwulan III')).at(-1);
    expect(npss?.slice(1)).toEqual(['103,70', 'Memenuhi Ekspektasi']);
    expect(documentText(doc)).toContain('rata-rata NPS seluruh sasaran');
    // Annex: the numerator and denominator as entered beside the capaian computed from them (539/572 → 94,23).
    const matrix = rowTexts(tableByCaption(tables, 'Matriks Capaian RAPK s.d. B09 Tahun 2022'));
    expect(matrix.find((r) => r[0] === '1')?.slice(3)).toEqual(['85,00', '539', '572', '94,23', '110,86', '110,86']);
    // The demo organisation's head of BBPOM di Serang signs; the date is the signing day.
    expect(documentText(doc)).toMatch(/Serang, \d{1,2} \w+ \d{4} \| Kepala Balai Besar POM di Serang \|/);
  });

  it('narratives: kept between generations, versioned, audited, frozen with the quarter', async () => {
    const manager = settama.manager;
    const url = (q: number) => `${settama.base}/narratives/2023/${q}`;
    const background = 'Sekretariat Utama menyusun laporan ini sebagai pertanggungjawaban kinerja.';
    let res = await call(manager, 'PUT', url(1), { scope: 'entity', section: 'background', text: background, version: 0 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().version).toBe(1);
    // A second editor still holding version 0 is refused instead of overwriting.
    res = await call(manager, 'PUT', url(1), { scope: 'entity', section: 'background', text: 'Lain', version: 0 });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.fields[0].field).toBe('body.version');
    // Per indicator: obstacles and follow-up; unknown codes and sections name the field.
    const kendala = 'Kontrak pengadaan baru ditandatangani pada bulan Mei.';
    res = await call(manager, 'PUT', url(2), { scope: 'indicator', code: '27', section: 'obstacles', text: kendala, version: 0 });
    expect(res.statusCode, res.body).toBe(200);
    res = await call(manager, 'PUT', url(2), { scope: 'indicator', code: '99', section: 'obstacles', text: 'x', version: 0 });
    expect([res.statusCode, res.json().error.fields[0].field]).toEqual([400, 'body.code']);
    res = await call(manager, 'PUT', url(2), { scope: 'entity', section: 'tabel', text: 'x', version: 0 });
    expect([res.statusCode, res.json().error.fields[0].field]).toEqual([400, 'body.section']);
    // Another unit's manager may not write here.
    const other = await loginAs(t, 'sakip_manager', serang.unitId);
    res = await call(other, 'PUT', url(2), { scope: 'entity', section: 'foreword', text: 'x', version: 0 });
    expect(res.statusCode).toBe(403);

    // TW II inherits the BAB I background written in TW I, and both texts reach the document.
    const list = (await call(executive, 'GET', url(2))).json();
    const bg = list.narratives.find((n: { section: string }) => n.section === 'background');
    expect(bg).toMatchObject({ text: background, version: 0, inheritedFrom: { year: 2023, quarter: 1 } });
    const text = documentText(await t.deps.services.performance.lapkinDocument(reader(), settama.unitId, 2023, 2, 'id'));
    expect(text).toContain(background);
    expect(text).toContain(kendala);

    const audit = await t.deps.dbh.db
      .selectFrom('audit_event')
      .select(['action'])
      .where('entity_type', '=', 'perf_narrative')
      .execute();
    expect(audit.length).toBe(2);

    // Finalising TW I freezes its narratives.
    const head = await loginAs(t, 'unit_head', settama.unitId);
    res = await call(manager, 'POST', `${settama.base}/periods/2023/1/review`, {});
    expect(res.statusCode, res.body).toBe(200);
    res = await call(head, 'POST', `${settama.base}/periods/2023/1/finalise`);
    expect(res.statusCode, res.body).toBe(201);
    res = await call(manager, 'PUT', url(1), { scope: 'entity', section: 'background', text: 'baru', version: 1 });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('invalid_state');
    const finalDoc = documentText(await t.deps.services.performance.lapkinDocument(reader(), settama.unitId, 2023, 1, 'id'));
    expect(finalDoc).not.toContain('DRAF');
    expect(finalDoc).toContain('92,92');
    // The frozen snapshot reads in English too: same 2-dp figures, English separators and criterion labels.
    const english = documentText(await t.deps.services.performance.lapkinDocument(reader(), settama.unitId, 2023, 1, 'en'));
    expect(english).toContain('CHAPTER III PERFORMANCE ACCOUNTABILITY');
    expect(english).toContain('92.92');
    expect(english).not.toContain('92,92');
    expect(english).toContain('Meets expectations');
  });

  it('downloads the LAPKIN as PDF and DOCX', async () => {
    const pdf = await call(executive, 'GET', `${settama.base}/lapkin/2023/2?format=pdf`);
    expect(pdf.statusCode, pdf.body.slice(0, 300)).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.headers['content-disposition']).toContain('lapkin-settama-2023-tw2.pdf');
    const docx = await call(executive, 'GET', `${settama.base}/lapkin/2023/annual?format=docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    // A unit role of another entity sees nothing of it.
    const stranger = await loginAs(t, 'unit_operator', serang.unitId);
    expect((await call(stranger, 'GET', `${settama.base}/lapkin/2023/2`)).statusCode).toBe(403);
  }, 60_000);

  it('cascade and predecessor links are visible in the plan', async () => {
    const manager = settama.manager;
    const plan2023 = (await call(executive, 'GET', `${settama.base}/plan?year=2023`)).json();
    const old = plan2023.indicators.find((i: { code: string }) => i.code === '10');
    // "Indeks Pengelolaan Aset" ends with 2023 and is replaced from 2024 (stable ids: the 2023 row stays).
    let res = await call(manager, 'PATCH', `/api/v1/performance/indicators/${old.id}`, { validToYear: 2023 });
    expect(res.statusCode, res.body).toBe(200);
    res = await call(manager, 'POST', `${settama.base}/indicators`, {
      code: '10',
      name: 'Indeks Pengelolaan Aset (penyempurnaan)',
      sasaran: old.sasaran,
      formulaType: 'external',
      pattern: 'year_end',
      validFromYear: 2024,
      predecessor: '10',
    });
    expect(res.statusCode, res.body).toBe(201);
    const successorId = res.json().id;
    res = await call(manager, 'POST', `${settama.base}/indicators`, {
      code: '99',
      name: 'x',
      sasaran: old.sasaran,
      formulaType: 'external',
      pattern: 'year_end',
      validFromYear: 2024,
      predecessor: 'tidak-ada',
    });
    expect([res.statusCode, res.json().error.fields[0].field]).toEqual([400, 'body.predecessor']);

    // A Serang indicator supports (cascades to) a Settama indicator: both ends show the link.
    const serangPlan = (await call(executive, 'GET', `${serang.base}/plan?year=2022`)).json();
    const nka = serangPlan.indicators.find((i: { code: string }) => i.code === '29');
    const settamaNka = plan2023.indicators.find((i: { code: string }) => i.code === '27');
    res = await call(serang.manager, 'PATCH', `/api/v1/performance/indicators/${nka.id}`, { parent: settamaNka.id });
    expect(res.statusCode, res.body).toBe(200);

    const plan2024 = (await call(executive, 'GET', `${settama.base}/plan?year=2024`)).json();
    const successor = plan2024.indicators.find((i: { id: string }) => i.id === successorId);
    expect(successor.cascade.predecessor).toMatchObject({ id: old.id, code: '10', validFromYear: 2023, validToYear: 2023 });
    const again = (await call(executive, 'GET', `${settama.base}/plan?year=2023`)).json();
    expect(again.indicators.find((i: { id: string }) => i.id === old.id).cascade.successors[0].id).toBe(successorId);
    expect(again.indicators.find((i: { code: string }) => i.code === '27').cascade.children[0]).toMatchObject({
      id: nka.id,
      unitCode: 'BBPOM-SRG',
    });
    const serangAgain = (await call(executive, 'GET', `${serang.base}/plan?year=2022`)).json();
    expect(serangAgain.indicators.find((i: { code: string }) => i.code === '29').cascade.parent).toMatchObject({
      id: settamaNka.id,
      unitCode: 'SETTAMA',
    });
  });
});
