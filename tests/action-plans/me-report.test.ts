/*
 * Issue 6 item 5: the Laporan Monitoring dan Evaluasi composed from the same Lampiran data as the dashboard; the
 * 2022 import (resources/data/me-rtl-2022-*.tsv) gives Lampiran totals 87 / 83 / 253 / 228 / 90,12% (EX-ME-01) and
 * the 46 / 17 lists (EX-ME-04); PDF and DOCX downloads; only monitoring readers get the whole report.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../src/modules/auth/actor.ts';
import { documentTables, documentText } from '../../src/modules/reports/document/document.ts';
import { createTestApp, describeEachEngine, SAME_ORIGIN, type TestApp } from '../helpers/engines.ts';
import { loginAs } from '../helpers/login.ts';
import { unitId } from './fixtures.ts';

const read = (name: string) => readFileSync(fileURLToPath(new URL(`../../resources/data/${name}`, import.meta.url)), 'utf8');

describeEachEngine('M&E report from the 2022 import', (_engine, open) => {
  let t: TestApp;
  let insp: { cookie: string; userId: string };
  let op: { cookie: string; userId: string };
  let cycleId: string;
  const actor = (): Actor => ({
    userId: insp.userId,
    username: 'insp',
    fullName: 'Inspektur',
    grants: [{ role: 'inspectorate', unitId: null }],
    mustChangePassword: false,
    sessionId: 's',
    locale: 'id',
  });

  beforeAll(async () => {
    t = await createTestApp(open, { seedDemo: true });
    insp = await loginAs(t, 'inspectorate');
    op = await loginAs(t, 'unit_operator', await unitId(t.deps.dbh.db, 'BPOM-TRK'));
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/monitoring-cycles/import-historical',
      headers: { ...SAME_ORIGIN, cookie: insp.cookie },
      payload: { summaryTsv: read('me-rtl-2022-summary.tsv'), itemsTsv: read('me-rtl-2022-items.tsv') },
    });
    expect(res.statusCode, res.body).toBe(201);
    cycleId = res.json().cycleId;
  }, 180_000);
  afterAll(async () => t?.close());

  it('Lampiran 1 total row: 87 recommendations, 83 answered, 253 actions, 228 closed, 90,12%', async () => {
    const { doc } = await t.deps.services.rtlReports.meReportDocument(actor(), cycleId);
    const tables = documentTables(doc);
    const l1 = tables.find((x) => x.header[0]?.some((c) => typeof c !== 'string' && c.content === 'Jumlah Rekomendasi'));
    expect(l1).toBeDefined();
    expect(l1?.body).toHaveLength(64);
    const total = l1?.body.at(-1)?.map((c) => (typeof c === 'string' ? c : c.content));
    expect(total).toEqual(['Total', '87', '83', '253', '228', '90,12', '']);
    // The same figures as the Lampiran 1 API (one computation).
    const api = await t.app.inject({ url: `/api/v1/monitoring-cycles/${cycleId}/lampiran-1`, headers: { cookie: insp.cookie } });
    expect(api.json().total).toMatchObject({ jr: 87, jra: 253, closed: 228, pctDisplay: '90,12' });
  });

  it('the narrative prints the pooled result, the appreciation (46) and follow-up (17) lists by unit type', async () => {
    const { doc } = await t.deps.services.rtlReports.meReportDocument(actor(), cycleId);
    const text = documentText(doc);
    expect(text).toContain(
      'telah terdapat 228 rencana aksi tindak lanjut yang telah sesuai rekomendasi, atau sebesar 90,12% dari total 253 rencana aksi',
    );
    expect(text).toContain('apresiasi kepada 46 Unit Pelayanan Publik');
    expect(text).toContain('Serta terhadap 17 UPP');
    expect(text).toContain('Data Per 12 Agustus 2022');
    expect(text).toContain('Balai POM di Batam');
    // Lampiran 2 lists every imported item (262 rows incl. the 9 uncounted Jember items), grouped by unit.
    const l2 = documentTables(doc).find((x) => x.header[0]?.some((c) => typeof c !== 'string' && c.content === 'Catatan'));
    expect(l2?.body.length).toBeGreaterThanOrEqual(262);
  });

  it('downloads as PDF and DOCX; the Lampiran alone too; a unit operator cannot get the whole report', async () => {
    const pdf = await t.app.inject({
      url: `/api/v1/monitoring-cycles/${cycleId}/report?format=pdf`,
      headers: { cookie: insp.cookie },
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const docx = await t.app.inject({
      url: `/api/v1/monitoring-cycles/${cycleId}/report?format=docx&part=lampiran1`,
      headers: { cookie: insp.cookie },
    });
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-disposition']).toContain('Lampiran-1');
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const denied = await t.app.inject({ url: `/api/v1/monitoring-cycles/${cycleId}/report`, headers: { cookie: op.cookie } });
    expect(denied.statusCode).toBe(403);
    const bad = await t.app.inject({
      url: `/api/v1/monitoring-cycles/${cycleId}/report?format=exe`,
      headers: { cookie: insp.cookie },
    });
    expect(bad.statusCode).toBe(400);
  }, 120_000);
});
