/*
 * Issue 6 "how it will be checked": recommendations from a closed campaign's snapshots, a unit's plan (refused
 * first: a missing element and a malformed date), evidence (a renamed executable refused), the inspector's
 * evaluation, the cutoff, the Lampiran data; role boundaries; restatement; follow-up report; SPKP/SPAK follow-up.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, describeEachEngine, SAME_ORIGIN, type TestApp } from '../helpers/engines.ts';
import { loginAs } from '../helpers/login.ts';
import { closedCampaign, insertSnapshot, movableClock, multipart, serviceOf, unitId } from './fixtures.ts';

// EX-SKM-01/02/06: Tarakan 2024 unit and service element values, 2023 published values.
const TARAKAN_2024 = ['89.39', '86.36', '92.42', '90.91', '91.67', '93.94', '93.94', '94.70', '90.15'];
const TARAKAN_2023 = ['82.10', '83.33', '88.07', '90.12', '88.89', '90.74', '91.36', '90.12', '87.65'];
const CPKB = ['83.33', '66.67', '100.00', '100.00', '100.00', '100.00', '100.00', '100.00', '100.00'];
const CPPOB = ['91.67', '75.00', '94.44', '91.67', '91.67', '83.33', '83.33', '91.67', '100.00'];

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);

describeEachEngine('RTL workflow', (_engine, open) => {
  let t: TestApp;
  const clock = movableClock('2025-01-10T03:00:00.000Z');
  let blobDir: string;
  let tarakan: string;
  let batam: string;
  let campaignId: string;
  let unitSnapshotId: string;
  const who: Record<string, { cookie: string; userId: string }> = {};
  const state: Record<string, string> = {};

  const call = async (role: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) => {
    const res = await t.app.inject({
      method,
      url,
      headers: { ...(method === 'GET' ? {} : SAME_ORIGIN), cookie: who[role]?.cookie ?? '' },
      ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
    });
    const json = String(res.headers['content-type'] ?? '').includes('json');
    return { status: res.statusCode, body: json && res.body ? res.json() : null, raw: res };
  };
  const login = async () => {
    who.insp = await loginAs(t, 'inspectorate');
    who.op = await loginAs(t, 'unit_operator', tarakan);
    who.head = await loginAs(t, 'unit_head', tarakan);
    who.otherOp = await loginAs(t, 'unit_operator', batam);
  };
  const upload = async (actionId: string, file: { name: string; data: Buffer }, fields: Record<string, string> = {}) => {
    const mp = multipart(file, fields);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/rtl/actions/${actionId}/evidence`,
      headers: { ...SAME_ORIGIN, cookie: who.op?.cookie ?? '', ...mp.headers },
      payload: mp.payload,
    });
    return { status: res.statusCode, body: res.json() };
  };

  beforeAll(async () => {
    blobDir = mkdtempSync(join(tmpdir(), 'mutu-blobs-'));
    process.env.MUTU_BLOB_DIR = blobDir;
    process.env.MUTU_EVIDENCE_MAX_BYTES = String(200_000);
    t = await createTestApp(open, { seedDemo: true }, clock);
    delete process.env.MUTU_BLOB_DIR;
    delete process.env.MUTU_EVIDENCE_MAX_BYTES;
    const db = t.deps.dbh.db;
    tarakan = await unitId(db, 'BPOM-TRK');
    batam = await unitId(db, 'BPOM-BTM');
    campaignId = await closedCampaign(db, 2024, [tarakan, batam]);
    unitSnapshotId = await insertSnapshot(db, { kind: 'skm_unit', unitId: tarakan, campaignId, published: TARAKAN_2024 });
    const cpkb = await serviceOf(db, tarakan, 'CPKB');
    const cppob = await serviceOf(db, tarakan, 'CPPOB');
    state.cpkbName = cpkb.name;
    await insertSnapshot(db, { kind: 'skm_service', unitId: tarakan, unitServiceId: cpkb.id, campaignId, published: CPKB });
    await insertSnapshot(db, { kind: 'skm_service', unitId: tarakan, unitServiceId: cppob.id, campaignId, published: CPPOB });
    await insertSnapshot(db, { kind: 'skm_unit_published', unitId: tarakan, year: 2023, published: TARAKAN_2023 });
    await login();
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    rmSync(blobDir, { recursive: true, force: true });
  });

  describe('recommendations from the frozen snapshots (DOMAIN 7.3)', () => {
    it('only the inspectorate generates; rec 1 = CPKB×U2 and CPPOB×U2, rec 2 none, rec 3 = U2, U1, U9', async () => {
      expect((await call('op', 'POST', `/api/v1/campaigns/${campaignId}/recommendations/generate`)).status).toBe(403);
      const res = await call('insp', 'POST', `/api/v1/campaigns/${campaignId}/recommendations/generate`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.skippedUnits).toEqual([{ unitId: batam, reason: 'no_unit_snapshot' }]);
      const recs = res.body.units[0].recommendations;
      expect(
        recs[0].items.map((i: { serviceName: string; elementCode: string; value: string; grade: string }) => [
          i.elementCode,
          i.value,
          i.grade,
        ]),
      ).toEqual([
        ['U2', '66.67', 'C'],
        ['U2', '75.00', 'C'],
      ]);
      expect(recs[1]).toMatchObject({ number: 2, applicable: false, items: [] });
      expect(recs[2].items.map((i: { elementCode: string }) => i.elementCode)).toEqual(['U2', 'U1', 'U9']);
      // Idempotent: a second run changes nothing.
      const again = await call('insp', 'POST', `/api/v1/campaigns/${campaignId}/recommendations/generate`);
      expect(again.body).toMatchObject({ created: 0, corrected: 0 });
    });

    it('the unit sees its own assignments only; another unit sees none of them', async () => {
      const own = await call('op', 'GET', '/api/v1/rtl/assignments');
      expect(own.status).toBe(200);
      expect(own.body.assignments.map((a: { number: number }) => a.number)).toEqual([1, 2, 3]);
      state.rec1 = own.body.assignments[0].id;
      state.rec3 = own.body.assignments[2].id;
      const other = await call('otherOp', 'GET', '/api/v1/rtl/assignments');
      expect(other.body.assignments).toEqual([]);
      expect((await call('otherOp', 'GET', `/api/v1/rtl/assignments?unitId=${tarakan}`)).status).toBe(403);
      expect((await call('otherOp', 'GET', `/api/v1/rtl/assignments/${state.rec3}`)).status).toBe(404);
    });
  });

  describe('RTL entry by the unit', () => {
    const action = (over: Record<string, unknown>) => ({
      assignmentId: state.rec3,
      allServices: true,
      elements: [{ instrument: 'skm', code: 'U1' }],
      causeAnalysis: 'Persyaratan belum dipahami pemohon',
      actionText: 'Menyusun infografis persyaratan pada laman dan media sosial',
      timeline: '20/01/2025',
      pic: 'Tata Usaha',
      ...over,
    });

    it('a malformed date is refused naming the field; an unknown element code too', async () => {
      const bad = await call('op', 'POST', '/api/v1/rtl/actions', action({ timeline: '31/12/202' }));
      expect(bad.status).toBe(400);
      expect(bad.body.error.fields).toEqual([{ field: 'body.timeline', message: expect.stringContaining('31/12/202') }]);
      const label = await call(
        'op',
        'POST',
        '/api/v1/rtl/actions',
        action({ elements: [{ instrument: 'skm', code: 'Waktu Pelayanan' }] }),
      );
      expect(label.status).toBe(400);
      expect(label.body.error.fields[0].field).toBe('body.elements.0.code');
    });

    it('a partial plan is saved as a draft, but submitting it is refused naming the missing elements', async () => {
      const first = await call('op', 'POST', '/api/v1/rtl/actions', action({}));
      expect(first.status, JSON.stringify(first.body)).toBe(201);
      state.a1 = first.body.id;
      const submit = await call('op', 'POST', `/api/v1/rtl/assignments/${state.rec3}/submit`);
      expect(submit.status).toBe(400);
      expect(submit.body.error.message).toContain('Belum terdapat rencana aksi untuk unsur U2 (Sistem, Mekanisme, dan Prosedur)');
      expect(submit.body.error.fields.map((f: { message: string }) => f.message)).toEqual([
        'Belum terdapat rencana aksi untuk unsur U2 (Sistem, Mekanisme, dan Prosedur)',
        'Belum terdapat rencana aksi untuk unsur U9 (Sarana dan Prasarana)',
      ]);
      const en = await t.app.inject({
        method: 'POST',
        url: `/api/v1/rtl/assignments/${state.rec3}/submit?lang=en`,
        headers: { ...SAME_ORIGIN, cookie: who.op?.cookie ?? '' },
      });
      expect(en.json().error.message).toMatch(/^The action plan is incomplete/);
    });

    it('the completed plan is submitted, then approved by the unit head (not by the operator)', async () => {
      const second = await call(
        'op',
        'POST',
        '/api/v1/rtl/actions',
        action({
          elements: [{ code: 'U2' }, { code: 'U9' }],
          timeline: 'TW 4 2024',
          actionText: 'Memperbaiki SOP dan ruang layanan',
        }),
      );
      expect(second.status).toBe(201);
      expect(second.body.timelineDate).toBe('2024-12-31');
      state.a2 = second.body.id;
      const submit = await call('op', 'POST', `/api/v1/rtl/assignments/${state.rec3}/submit`);
      expect(submit.status, JSON.stringify(submit.body)).toBe(200);
      expect(submit.body.planStatus).toBe('submitted');
      expect(submit.body.uncovered).toEqual([]);
      expect((await call('op', 'PUT', `/api/v1/rtl/actions/${state.a1}`, action({ timeline: '21/01/2025' }))).status).toBe(409);
      expect((await call('op', 'POST', `/api/v1/rtl/assignments/${state.rec3}/approve`)).status).toBe(403);
      const ok = await call('head', 'POST', `/api/v1/rtl/assignments/${state.rec3}/approve`);
      expect(ok.status).toBe(200);
      expect(ok.body.planStatus).toBe('approved');
    });

    it('rec 1 is per service: an action for another service does not cover CPKB', async () => {
      const other = await serviceOf(t.deps.dbh.db, tarakan, 'CPPOB');
      const r = await call('op', 'POST', '/api/v1/rtl/actions', {
        ...action({ assignmentId: state.rec1, allServices: false, unitServiceIds: [other.id], elements: [{ code: 'U2' }] }),
      });
      expect(r.status).toBe(201);
      const a = await call('op', 'GET', `/api/v1/rtl/assignments/${state.rec1}`);
      expect(a.body.uncovered.map((u: { message: string }) => u.message)).toEqual([
        `Belum terdapat rencana aksi untuk unsur U2 (Sistem, Mekanisme, dan Prosedur) pada layanan ${state.cpkbName}`,
      ]);
      // Withdrawn (kept), so that recommendation 1 stays without a response at the cutoff.
      expect((await call('op', 'DELETE', `/api/v1/rtl/actions/${r.body.id}`)).status).toBe(204);
    });

    it("the unit's dashboard shows what is due within 14 days and what is overdue", async () => {
      const d = await call('op', 'GET', `/api/v1/units/${tarakan}/rtl/dashboard`);
      expect(d.status).toBe(200);
      expect(d.body.dueSoon.map((x: { actionId: string }) => x.actionId)).toEqual([state.a1]);
      expect(d.body.overdue.map((x: { actionId: string }) => x.actionId)).toEqual([state.a2]);
      expect((await call('otherOp', 'GET', `/api/v1/units/${tarakan}/rtl/dashboard`)).status).toBe(404);
    });
  });

  describe('evidence', () => {
    it('a PDF and an XLSX are accepted by content; a renamed executable is refused naming the file', async () => {
      const pdf = await upload(state.a1 as string, { name: 'notulen.pdf', data: PDF }, { description: 'Notulen rapat' });
      expect(pdf.status, JSON.stringify(pdf.body)).toBe(201);
      expect(pdf.body).toMatchObject({ mediaType: 'application/pdf', description: 'Notulen rapat' });
      state.e1 = pdf.body.id;
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet('Rekap').addRow(['a', 1]);
      const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
      const x = await upload(state.a1 as string, { name: 'rekap.bin', data: xlsx });
      expect(x.status).toBe(201);
      expect(x.body.mediaType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const exe = await upload(state.a1 as string, { name: 'laporan.pdf', data: EXE });
      expect(exe.status).toBe(415);
      expect(exe.body.error.message).toContain('laporan.pdf');
      expect(exe.body.error.message).toContain('MZ');
    });

    it('the size limit is enforced (413 naming the file); links must be http(s)', async () => {
      const big = Buffer.concat([PDF, Buffer.alloc(250_000, 0x20)]);
      const r = await upload(state.a1 as string, { name: 'besar.pdf', data: big });
      expect(r.status).toBe(413);
      expect(r.body.error.message).toContain('besar.pdf');
      expect(
        (await call('op', 'POST', `/api/v1/rtl/actions/${state.a1}/evidence-links`, { url: 'javascript:alert(1)' })).status,
      ).toBe(400);
      expect(
        (await call('op', 'POST', `/api/v1/rtl/actions/${state.a1}/evidence-links`, { url: 'https://pom.go.id/x' })).status,
      ).toBe(201);
    });

    it('a re-upload supersedes and both versions are kept and downloadable within the unit only', async () => {
      const v2 = await upload(state.a1 as string, { name: 'notulen-ttd.pdf', data: PDF }, { supersedesId: state.e1 as string });
      expect(v2.status).toBe(201);
      const a = await call('op', 'GET', `/api/v1/rtl/actions/${state.a1}`);
      const first = a.body.evidence.find((e: { id: string }) => e.id === state.e1);
      expect(first.supersededBy).toBe(v2.body.id);
      expect(a.body.evidence).toHaveLength(4);
      const dl = await call('op', 'GET', `/api/v1/rtl/evidence/${state.e1}/content`);
      expect(dl.status).toBe(200);
      expect(dl.raw.rawPayload.equals(PDF)).toBe(true);
      expect((await call('otherOp', 'GET', `/api/v1/rtl/evidence/${state.e1}/content`)).status).toBe(404);
      expect((await call('otherOp', 'GET', `/api/v1/rtl/actions/${state.a1}`)).status).toBe(404);
    });
  });

  describe('evaluation, cutoff and the Lampiran', () => {
    it('a cycle opens only with an assignment letter and a team', async () => {
      const bare = await call('insp', 'POST', '/api/v1/monitoring-cycles', {
        name: 'Draf',
        year: 2025,
        semester: 1,
        basisCampaignId: campaignId,
        cutoffDate: '2025-01-31',
      });
      expect(bare.status).toBe(201);
      const refused = await call('insp', 'POST', `/api/v1/monitoring-cycles/${bare.body.id}/transition`, { to: 'open' });
      expect(refused.status).toBe(400);
      expect(refused.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['assignmentLetterNo', 'team']);
      const c = await call('insp', 'POST', '/api/v1/monitoring-cycles', {
        name: 'Semester I Tahun Anggaran 2025',
        year: 2025,
        semester: 1,
        basisCampaignId: campaignId,
        assignmentLetterNo: 'ST-01/2025',
        cutoffDate: '2025-01-31',
        team: [
          { name: 'Inspektur I', role: 'penanggung_jawab' },
          { name: 'Ketua', role: 'ketua_tim' },
        ],
      });
      expect(c.status).toBe(201);
      state.cycle = c.body.id;
      expect((await call('insp', 'POST', `/api/v1/monitoring-cycles/${state.cycle}/transition`, { to: 'open' })).status).toBe(
        200,
      );
    });

    it('only the inspectorate evaluates; Open needs a reason code and a note', async () => {
      for (const role of ['op', 'head', 'otherOp'])
        expect(
          (await call(role, 'POST', `/api/v1/rtl/actions/${state.a1}/evaluations`, { cycleId: state.cycle, status: 'close' }))
            .status,
        ).toBe(403);
      const close = await call('insp', 'POST', `/api/v1/rtl/actions/${state.a1}/evaluations`, {
        cycleId: state.cycle,
        status: 'close',
      });
      expect(close.status).toBe(201);
      const noReason = await call('insp', 'POST', `/api/v1/rtl/actions/${state.a2}/evaluations`, {
        cycleId: state.cycle,
        status: 'open',
      });
      expect(noReason.status).toBe(400);
      expect(noReason.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['body.reasonCode', 'body.note']);
      const badCode = await call('insp', 'POST', `/api/v1/rtl/actions/${state.a2}/evaluations`, {
        cycleId: state.cycle,
        status: 'open',
        reasonCode: 'lazy',
        note: 'x',
      });
      expect(badCode.status).toBe(400);
      const openEval = await call('insp', 'POST', `/api/v1/rtl/actions/${state.a2}/evaluations`, {
        cycleId: state.cycle,
        status: 'open',
        reasonCode: 'evidence_missing',
        note: 'Belum melampirkan data dukung perbaikan SOP',
        evaluationDate: '2025-01-15',
      });
      expect(openEval.status).toBe(201);
      const upd = await call('insp', 'POST', `/api/v1/rtl/evaluations/${openEval.body.id}/updates`, {
        date: '2025-01-20',
        text: 'Update: SOP sudah diunggah, menunggu pengesahan',
      });
      expect(upd.status).toBe(201);
    });

    it('every evaluation is dated, kept and visible to the unit', async () => {
      const a = await call('op', 'GET', `/api/v1/rtl/actions/${state.a2}`);
      expect(a.body.evaluationStatus).toBe('open');
      expect(a.body.evaluations).toHaveLength(1);
      expect(a.body.evaluations[0]).toMatchObject({
        status: 'open',
        reasonCode: 'evidence_missing',
        evaluationDate: '2025-01-15',
        updates: [{ date: '2025-01-20', text: 'Update: SOP sudah diunggah, menunggu pengesahan' }],
      });
    });

    it('the cutoff waits for its date, then freezes the unit summaries (D12, D35)', async () => {
      const early = await call('insp', 'POST', `/api/v1/monitoring-cycles/${state.cycle}/transition`, { to: 'cut_off' });
      expect(early.status).toBe(409);
      clock.set('2025-02-01T03:00:00.000Z');
      await login();
      const cut = await call('insp', 'POST', `/api/v1/monitoring-cycles/${state.cycle}/transition`, { to: 'cut_off' });
      expect(cut.status, JSON.stringify(cut.body)).toBe(200);
      const l1 = (await call('insp', 'GET', `/api/v1/monitoring-cycles/${state.cycle}/lampiran-1`)).body;
      expect(l1.frozen).toBe(true);
      expect(l1.rows).toHaveLength(1);
      expect(l1.rows[0]).toMatchObject({
        unitId: tarakan,
        jr: 2,
        jru: 1,
        jra: 2,
        closed: 1,
        pct: '50.00',
        pctDisplay: '50,00',
        missingRecommendations: [1],
        openElements: ['U2', 'U9'],
        overdue: 1,
        keterangan:
          'Unsur pelayanan U2 (Sistem, Mekanisme, dan Prosedur), U9 (Sarana dan Prasarana); Belum terdapat rencana aksi untuk rekomendasi 1',
      });
      expect(l1.total).toMatchObject({ jr: 2, jra: 2, closed: 1, pct: '50.00', missingResponses: 1 });
      expect(l1.followUp).toEqual([
        { unitType: 'Balai POM', units: [{ unitId: tarakan, name: 'Balai POM di Tarakan', pct: '50.00' }] },
      ]);
      const l2 = (await call('insp', 'GET', `/api/v1/monitoring-cycles/${state.cycle}/lampiran-2`)).body;
      const recs = l2.units[0].recommendations;
      expect(recs.find((r: { number: number }) => r.number === 1).responseStatus).toBe('missing');
      const acts = recs.find((r: { number: number }) => r.number === 3).actions;
      expect(
        acts.map((a: { statusLabel: string; overdue: boolean; timeline: string }) => [a.timeline, a.statusLabel, a.overdue]),
      ).toEqual([
        ['20/01/2025', 'Close', false],
        ['TW 4 2024', 'Open', true],
      ]);
      expect(acts[1].note).toBe('Belum melampirkan data dukung perbaikan SOP');
      // The unit sees its own rows; another unit sees nothing of Tarakan.
      expect((await call('op', 'GET', `/api/v1/monitoring-cycles/${state.cycle}/lampiran-1`)).body.rows).toHaveLength(1);
      expect((await call('otherOp', 'GET', `/api/v1/monitoring-cycles/${state.cycle}/lampiran-1`)).body.rows).toEqual([]);
    });

    it('the inspectorate dashboard: by unit type, element, recommendation; open reasons; overdue today', async () => {
      const d = await call('insp', 'GET', `/api/v1/rtl/dashboard?cycleId=${state.cycle}`);
      expect(d.status).toBe(200);
      expect(d.body.byUnitType).toEqual([{ unitType: 'Balai POM', units: 1, jra: 2, closed: 1, pct: '50.00' }]);
      expect(d.body.byElement.map((e: { code: string; pct: string }) => [e.code, e.pct])).toEqual([
        ['U1', '100.00'],
        ['U2', '0.00'],
        ['U9', '0.00'],
      ]);
      expect(d.body.byRecommendation).toEqual([{ number: 3, type: 'lowest_elements', actions: 2, closed: 1, pct: '50.00' }]);
      expect(d.body.openReasons).toEqual([{ reasonCode: 'evidence_missing', count: 1 }]);
      expect(d.body.overdue.map((o: { actionId: string }) => o.actionId)).toEqual([state.a2]);
      expect((await call('op', 'GET', '/api/v1/rtl/dashboard')).status).toBe(403);
    });

    it('evaluations after the cutoff change the reported summary, not the cut-off one', async () => {
      const close = await call('insp', 'POST', `/api/v1/rtl/actions/${state.a2}/evaluations`, {
        cycleId: state.cycle,
        status: 'close',
      });
      expect(close.status).toBe(201);
      expect((await call('insp', 'GET', `/api/v1/monitoring-cycles/${state.cycle}/lampiran-1`)).body.rows[0].pct).toBe('50.00');
      expect((await call('insp', 'POST', `/api/v1/monitoring-cycles/${state.cycle}/transition`, { to: 'reported' })).status).toBe(
        200,
      );
      const l1 = (await call('insp', 'GET', `/api/v1/monitoring-cycles/${state.cycle}/lampiran-1`)).body;
      expect(l1.rows[0]).toMatchObject({ closed: 2, pct: '100.00', missingRecommendations: [1] });
      // 100% but a recommendation without a response: not on the appreciation list (D21).
      expect(l1.appreciation).toEqual([]);
      const late = await call('insp', 'POST', `/api/v1/rtl/actions/${state.a2}/evaluations`, {
        cycleId: state.cycle,
        status: 'close',
      });
      expect(late.status).toBe(409);
    });

    it('the next cycle closes the reported one; statuses carry over', async () => {
      const next = await call('insp', 'POST', '/api/v1/monitoring-cycles', {
        name: 'Semester II Tahun Anggaran 2025',
        year: 2025,
        semester: 2,
        basisCampaignId: campaignId,
        cutoffDate: '2025-08-01',
        previousCycleId: state.cycle,
      });
      expect(next.status).toBe(201);
      expect((await call('insp', 'GET', `/api/v1/monitoring-cycles/${state.cycle}`)).body.status).toBe('closed');
      const l1 = (await call('insp', 'GET', `/api/v1/monitoring-cycles/${next.body.id}/lampiran-1`)).body;
      expect(l1.frozen).toBe(false);
      expect(l1.rows[0]).toMatchObject({ jra: 2, closed: 2 });
    });
  });

  describe('realisation and the follow-up report (DOMAIN 5.11)', () => {
    it('not done needs a strategy; the report gives Sudah/Belum and the completion %', async () => {
      expect(
        (
          await call('op', 'PUT', `/api/v1/rtl/actions/${state.a1}/realisation`, {
            implementationStatus: 'done',
            realisationText: 'Infografis terbit',
            realisedAt: '2025-01-18',
          })
        ).status,
      ).toBe(200);
      const noStrategy = await call('op', 'PUT', `/api/v1/rtl/actions/${state.a2}/realisation`, {
        implementationStatus: 'not_done',
        obstacles: 'Anggaran',
      });
      expect(noStrategy.status).toBe(400);
      expect(noStrategy.body.error.fields[0].field).toBe('body.strategy');
      const ok = await call('op', 'PUT', `/api/v1/rtl/actions/${state.a2}/realisation`, {
        implementationStatus: 'not_done',
        obstacles: 'Anggaran',
        strategy: { strategyText: 'Diusulkan pada anggaran 2026', targetDate: '2026-03-31', pic: 'Tata Usaha' },
      });
      expect(ok.status).toBe(200);
      const r = await call('op', 'GET', `/api/v1/units/${tarakan}/rtl/follow-up-report?year=2024`);
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ total: 2, done: 1, followUpPct: '50.00' });
      expect(r.body.rows.map((x: { statusLabel: string }) => x.statusLabel)).toEqual(['Sudah', 'Belum']);
      expect(r.body.notDone[0].strategy).toMatchObject({ strategyText: 'Diusulkan pada anggaran 2026' });
      expect((await call('otherOp', 'GET', `/api/v1/units/${tarakan}/rtl/follow-up-report?year=2024`)).status).toBe(404);
    });
  });

  describe('restatement and custom recommendations', () => {
    it('a restated snapshot marks the affected recommendation corrected and updates its required items', async () => {
      const v2 = [...TARAKAN_2024];
      v2[8] = '95.00'; // U9 no longer among the 3 lowest: U4 (90,91) takes its place
      await insertSnapshot(t.deps.dbh.db, {
        kind: 'skm_unit',
        unitId: tarakan,
        campaignId,
        published: v2,
        version: 2,
        supersedesId: unitSnapshotId,
      });
      const res = await call('insp', 'POST', `/api/v1/campaigns/${campaignId}/recommendations/generate`);
      expect(res.status).toBe(200);
      expect(res.body.corrected).toBe(3);
      const list = (await call('insp', 'GET', `/api/v1/campaigns/${campaignId}/recommendations`)).body.recommendations;
      const rec3 = list.find((r: { number: number }) => r.number === 3);
      expect(rec3.corrected).toBe(true);
      expect(rec3.units[0].items.map((i: { elementCode: string }) => i.elementCode)).toEqual(['U2', 'U1', 'U4']);
      const asg = await call('op', 'GET', `/api/v1/rtl/assignments/${state.rec3}`);
      expect(asg.body).toMatchObject({ corrected: true, correctionNote: expect.stringContaining('restatement') });
    });

    it('the inspectorate adds a recommendation by hand; a unit cannot', async () => {
      const body = {
        basisCampaignId: campaignId,
        basisYear: 2024,
        text: 'Perbaiki kanal pengaduan',
        targetYear: 2025,
        unitIds: [tarakan],
        requiredElements: [{ code: 'U8' }],
      };
      expect((await call('op', 'POST', '/api/v1/recommendations', body)).status).toBe(403);
      const r = await call('insp', 'POST', '/api/v1/recommendations', body);
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ number: 4, type: 'custom' });
      const asg = await call('op', 'GET', `/api/v1/rtl/assignments/${r.body.assignmentIds[0]}`);
      expect(asg.body.uncovered.map((u: { message: string }) => u.message)).toEqual([
        'Belum terdapat rencana aksi untuk unsur U8 (Penanganan Pengaduan, Saran, dan Masukan)',
      ]);
    });

    it('a campaign that is not closed cannot generate', async () => {
      await t.deps.dbh.db.updateTable('skm_campaign').set({ status: 'reporting' }).where('id', '=', campaignId).execute();
      expect((await call('insp', 'POST', `/api/v1/campaigns/${campaignId}/recommendations/generate`)).status).toBe(409);
      await t.deps.dbh.db.updateTable('skm_campaign').set({ status: 'closed' }).where('id', '=', campaignId).execute();
    });
  });

  describe('SPKP/SPAK monthly follow-up (DOMAIN 6.7)', () => {
    const url = () => `/api/v1/units/${tarakan}/perception-followups/spkp/2025/1`;
    it('"Tidak perlu tindak lanjut" needs a justification; actions replace it later', async () => {
      const bad = await call('op', 'PUT', url(), { state: 'no_action_needed' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.fields[0].field).toBe('body.justification');
      const ok = await call('op', 'PUT', url(), { state: 'no_action_needed', justification: 'Semua unsur di atas 3,25' });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ state: 'no_action_needed', stateLabel: 'Tidak perlu tindak lanjut' });
      const withActions = await call('op', 'PUT', url(), {
        state: 'actions',
        actions: [
          {
            elements: [{ instrument: 'spkp', code: 'U3' }],
            actionText: 'Briefing petugas',
            timeline: '28/02/2025',
            pic: 'Ketua Tim',
          },
        ],
      });
      expect(withActions.status, JSON.stringify(withActions.body)).toBe(200);
      expect(withActions.body.actions).toHaveLength(1);
      expect(withActions.body.actions[0]).toMatchObject({ source: 'spkp_month' });
      expect((await call('otherOp', 'GET', url())).status).toBe(404);
    });
  });
});
