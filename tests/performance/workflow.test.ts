import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/shared/ids.ts';
import { createTestApp, describeEachEngine, SAME_ORIGIN, type TestApp } from '../helpers/engines.ts';
import { loginAs, type TestLogin } from '../helpers/login.ts';
import { caller, unitIdByCode } from './helpers.ts';

/**
 * Issue 7 "how it will be checked", as a unit team and the planning bureau would do it, over HTTP: a plan with three
 * formula types (plus a linked SKM indicator), three months entered and verified (a zero denominator refused), a
 * target decrease rejected, TW I finalised and a frozen month refused. Balai POM di Tarakan is on WITA (UTC+8).
 */

// 2025-04-01 00:30 in Tarakan (WITA) while it is still 31 March in Jakarta.
const NOW = new Date('2025-03-31T16:30:00.000Z');
const clock = { now: () => NOW };
const flat = (v: number) => Array.from({ length: 12 }, () => v);

describeEachEngine('SAKIP workflow', (_engine, open) => {
  let t: TestApp;
  const call = caller(() => t);
  let unitId: string;
  let otherUnit: string;
  let manager: TestLogin;
  let head: TestLogin;
  let bureau: TestLogin;
  let executive: TestLogin;
  let otherManager: TestLogin;
  let campaignId: string;
  const ids: Record<string, string> = {};
  const base = () => `/api/v1/performance/entities/${unitId}`;

  beforeAll(async () => {
    t = await createTestApp(open, { seedDemo: true }, clock);
    unitId = await unitIdByCode(t, 'BPOM-TRK');
    otherUnit = await unitIdByCode(t, 'BBPOM-SRG');
    manager = await loginAs(t, 'sakip_manager', unitId);
    head = await loginAs(t, 'unit_head', unitId);
    bureau = await loginAs(t, 'planning_bureau');
    executive = await loginAs(t, 'executive_viewer');
    otherManager = await loginAs(t, 'sakip_manager', otherUnit);
    // A closed SKM campaign with its frozen unit snapshot (written by the results module in production).
    campaignId = newId();
    const db = t.deps.dbh.db;
    const at = NOW.toISOString();
    await db
      .insertInto('skm_campaign')
      .values({
        id: campaignId,
        kind: 'skm',
        year: 2024,
        name: 'SKM 2024',
        profile_code: 'bpom-2024',
        profile_version: 1,
        collection_start: '2024-04-01',
        collection_end: '2024-06-30',
        effective_end: '2024-06-30',
        status: 'closed',
        created_at: at,
        updated_at: at,
      } as never)
      .execute();
    await db
      .insertInto('result_snapshot')
      .values({
        id: newId(),
        kind: 'skm_unit',
        scope_key: `unit:${unitId}`,
        scope_json: JSON.stringify({ campaignId, unitId }),
        unit_id: unitId,
        unit_service_id: null,
        campaign_id: campaignId,
        period_ref: `campaign:${campaignId}`,
        source: 'computed',
        inputs_hash: null,
        algorithm_version: 'test',
        profile_code: 'bpom-2024',
        profile_version: 1,
        // EX-SKM-01: Tarakan 2024 = 91,4983… (exact fraction kept in the snapshot)
        values_json: JSON.stringify([{ key: 'IKM', exact: '1373/15', fullPrecision: '91.533333', published: '91.53' }]),
        version: 1,
        supersedes_id: null,
        restatement_reason: null,
        frozen_at: at,
        frozen_by: null,
      } as never)
      .execute();
  });
  afterAll(async () => t?.close());

  describe('1. the plan', () => {
    it("settings, perspective and sasaran by the sakip_manager; another unit's manager is refused", async () => {
      expect((await call(otherManager, 'PUT', `${base()}/settings`, { overallMethod: 'mean_of_sasaran' })).statusCode).toBe(403);
      const s = await call(manager, 'PUT', `${base()}/settings`, { overallMethod: 'mean_of_sasaran' });
      expect(s.statusCode, s.body).toBe(200);
      expect(
        (await call(manager, 'POST', `${base()}/perspectives`, { code: 'stakeholder', name: 'Stakeholder' })).statusCode,
      ).toBe(201);
      const dup = await call(manager, 'POST', `${base()}/perspectives`, { code: 'stakeholder', name: 'Again' });
      expect(dup.statusCode).toBe(400);
      expect(dup.json().error.fields[0].field).toBe('body.code');
      const sas = await call(manager, 'POST', `${base()}/sasaran`, {
        code: 'S1',
        name: 'Sasaran 1',
        perspective: 'stakeholder',
        validFromYear: 2025,
      });
      expect(sas.statusCode, sas.body).toBe(201);
    });

    it('a flat (constant) indicator with unequal months is refused, naming the month', async () => {
      const monthly = flat(90);
      monthly[4] = 85;
      const res = await call(manager, 'POST', `${base()}/indicators?lang=en`, {
        code: 'A',
        name: 'Persentase obat memenuhi syarat',
        sasaran: 'S1',
        formulaType: 'ratio',
        pattern: 'constant',
        validFromYear: 2025,
        targets: [{ year: 2025, source: 'pk', annualTarget: 90, monthly }],
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields).toEqual([
        { field: 'body.targets.0.monthly.4', message: 'Flat target: B05 must equal the annual target (90)' },
      ]);
    });

    it('three formula types (ratio, stage_progress, mean_of_component_ratios) and a linked SKM indicator', async () => {
      const defs = [
        {
          code: 'A',
          name: 'Persentase obat memenuhi syarat',
          formulaType: 'ratio',
          pattern: 'constant',
          targets: [
            { year: 2025, source: 'rkt', annualTarget: 88, monthly: flat(88) },
            { year: 2025, source: 'pk', annualTarget: 90, monthly: flat(90) },
          ],
        },
        {
          code: 'B',
          name: 'Jumlah desa pangan aman',
          formulaType: 'stage_progress',
          pattern: 'progress',
          unitOfMeasure: 'count',
          targets: [{ year: 2025, source: 'pk', annualTarget: 18, monthly: [10, 20, 30, 40, 50, 60, 70, 80, 90, 95, 100, 18] }],
        },
        {
          code: 'C',
          name: 'Persentase sampel diuji sesuai standar',
          formulaType: 'mean_of_component_ratios',
          pattern: 'cumulative',
          parent: 'A',
          dataSource: 'SIPT',
          responsibleTeam: 'Pengujian',
          targets: [{ year: 2025, source: 'pk', annualTarget: 100, monthly: [8, 16, 24, 32, 40, 48, 56, 64, 72, 80, 88, 100] }],
        },
        {
          code: 'D',
          name: 'Indeks Kepuasan Masyarakat',
          formulaType: 'skm_pooled',
          pattern: 'year_end',
          unitOfMeasure: 'index',
          linkedCampaignId: campaignId,
          linkedFromMonth: 3,
          targets: [{ year: 2025, source: 'pk', annualTarget: 88, monthly: [...Array(11).fill(null), 88] }],
        },
      ];
      for (const d of defs) {
        const res = await call(manager, 'POST', `${base()}/indicators`, { sasaran: 'S1', validFromYear: 2025, ...d });
        expect(res.statusCode, res.body).toBe(201);
        ids[d.code] = res.json().id;
      }
      const plan = (await call(executive, 'GET', `${base()}/plan?year=2025`)).json();
      const a = plan.indicators.find((i: { code: string }) => i.code === 'A');
      // Versions side by side; exactly one in force (the PK).
      expect(a.targets.map((v: { source: string; inForce: boolean }) => [v.source, v.inForce]).sort()).toEqual([
        ['pk', true],
        ['rkt', false],
      ]);
      expect(plan.indicators.find((i: { code: string }) => i.code === 'C').parentIndicatorId).toBe(ids.A);
    });

    it('the planning bureau reviews the plan; the submitter cannot approve', async () => {
      expect((await call(manager, 'POST', `${base()}/plan/2025/submit`)).statusCode).toBe(200);
      expect((await call(manager, 'POST', `${base()}/plan/2025/review`, { decision: 'approved' })).statusCode).toBe(403);
      const r = await call(bureau, 'POST', `${base()}/plan/2025/review`, { decision: 'approved' });
      expect(r.statusCode, r.body).toBe(200);
    });
  });

  describe('2. three months of realisation', () => {
    const url = (code: string, month: number) => `/api/v1/performance/indicators/${ids[code]}/realisations/2025/${month}`;

    it('a zero denominator is refused, naming the field, in Indonesian by default and English with ?lang=en', async () => {
      const body = { input: { kind: 'ratio', numerator: 0, denominator: 0 } };
      const id = await call(manager, 'PUT', url('A', 1), body);
      expect(id.statusCode).toBe(400);
      expect(id.json().error.fields).toEqual([{ field: 'body.input.denominator', message: 'Penyebut tidak boleh 0' }]);
      const en = await call(manager, 'PUT', `${url('A', 1)}?lang=en`, body);
      expect(en.json().error.fields).toEqual([{ field: 'body.input.denominator', message: 'The denominator must not be 0' }]);
    });

    it('negative counts, wrong entry forms, a typed SKM value and a future month are refused', async () => {
      const neg = await call(manager, 'PUT', url('C', 1), {
        input: { kind: 'components', components: [{ numerator: -1, denominator: 10 }] },
      });
      expect(neg.json().error.fields.map((f: { field: string }) => f.field)).toEqual(['body.input.components.0.numerator']);
      const kind = await call(manager, 'PUT', url('B', 1), { input: { kind: 'ratio', numerator: 1, denominator: 2 } });
      expect(kind.json().error.fields.map((f: { field: string }) => f.field)).toEqual(['body.input.kind']);
      const skm = await call(manager, 'PUT', url('D', 1), { input: { kind: 'value', value: 95 } });
      expect(skm.statusCode).toBe(400);
      expect(skm.json().error.fields[0].message).toContain('snapshot SKM');
      // April is current in Tarakan (WITA) already; May is in the future.
      const future = await call(manager, 'PUT', url('A', 5), { input: { kind: 'ratio', numerator: 1, denominator: 2 } });
      expect(future.statusCode).toBe(400);
      expect(future.json().error.fields).toEqual([
        { field: 'body.month', message: 'B05 2025 belum tiba (zona waktu Asia/Makassar)' },
      ]);
    });

    it('enter, submit and verify B01-B03 for A, B and C; the manager may not verify; drafts never count', async () => {
      const entries: Record<string, unknown[]> = {
        A: [1, 2, 3].map((m) => ({ kind: 'ratio', numerator: 80 + m, denominator: 90 })),
        B: [1, 2, 3].map((m) => ({
          kind: 'stages',
          groups: [
            {
              stages: [
                { name: 'Advokasi', weight: 20, fractionDone: 1 },
                { name: 'Pelatihan kader', weight: 30, done: m, of: 3 },
                { name: 'Intervensi', weight: 50, fractionDone: 0 },
              ],
            },
          ],
        })),
        C: [1, 2, 3].map((m) => ({
          kind: 'components',
          components: [
            { name: 'Diperiksa', numerator: 10 * m, denominator: 100 },
            { name: 'Diuji', numerator: 6 * m, denominator: 50 },
          ],
        })),
      };
      for (const [code, list] of Object.entries(entries))
        for (const [k, input] of list.entries()) {
          const put = await call(manager, 'PUT', url(code, k + 1), {
            input,
            evidence: [{ label: 'Notulen rapat evaluasi bulanan', url: 'https://example.org/notulen.pdf' }],
            obstacles: k === 2 ? 'Reagen terlambat' : undefined,
          });
          expect(put.statusCode, put.body).toBe(200);
          expect(put.json().status).toBe('draft');
        }
      let ach = (await call(executive, 'GET', `${base()}/achievement?year=2025&quarter=1`)).json();
      expect(ach.indicators.find((i: { code: string }) => i.code === 'A').realisation).toBeNull();
      expect(ach.pendingRealisations.draft).toBe(9);

      for (const code of ['A', 'B', 'C'])
        for (const m of [1, 2, 3]) expect((await call(manager, 'POST', `${url(code, m)}/submit`)).statusCode).toBe(200);
      expect((await call(manager, 'POST', `${url('A', 1)}/verify`, { decision: 'verified' })).statusCode).toBe(403);
      const back = await call(head, 'POST', `${url('A', 3)}/verify`, { decision: 'needs_revision', note: 'Lampirkan data SIPT' });
      expect(back.json().status).toBe('needs_revision');
      await call(manager, 'PUT', url('A', 3), { input: { kind: 'ratio', numerator: 84, denominator: 90 } });
      await call(manager, 'POST', `${url('A', 3)}/submit`);
      for (const code of ['A', 'B', 'C'])
        for (const m of [1, 2, 3]) {
          const v = await call(head, 'POST', `${url(code, m)}/verify`, { decision: 'verified' });
          expect(v.statusCode, v.body).toBe(200);
        }

      ach = (await call(executive, 'GET', `${base()}/achievement?year=2025&quarter=1`)).json();
      const row = (c: string) => ach.indicators.find((i: { code: string }) => i.code === c);
      // A: 84/90 = 93,33 vs 90 → 103,70; B: 20 + 30 = 50 % progress vs 30 → 166,67 (TDD);
      // C: (30/100 + 18/50)/2 = 33 % vs 24 → 137,50.
      expect([row('A').realisation.rounded, row('A').capaianPeriod.rounded, row('A').criterion.code]).toEqual([
        '93.33',
        '103.70',
        'memenuhi',
      ]);
      expect([row('B').realisation.rounded, row('B').capaianPeriod.rounded, row('B').criterion.code]).toEqual([
        '50.00',
        '166.67',
        'tdd',
      ]);
      expect([row('C').realisation.rounded, row('C').capaianPeriod.rounded]).toEqual(['33.00', '137.50']);
      expect(row('A').series.map((s: { realisation: { rounded: string } }) => s.realisation.rounded)).toEqual([
        '90.00',
        '91.11',
        '93.33',
      ]);
      // The SKM indicator follows the closed campaign snapshot without anyone typing it.
      expect(row('D').realisation.value).toBe('91.533333333333');
      expect(row('D').skmSnapshot.snapshotId).toBeTruthy();
      // Sasaran S1 = mean(103,70; 166,67; 137,50) (D has no TW target), overall mean_of_sasaran.
      expect(ach.overall.method).toBe('mean_of_sasaran');
      expect(ach.overall.score.rounded).toBe('135.96');
    });
  });

  describe('3. target revision', () => {
    let requestId: string;

    it('a direct annual decrease is refused: only an approved PK revision may lower it', async () => {
      const res = await call(manager, 'POST', `/api/v1/performance/indicators/${ids.A}/targets`, {
        year: 2025,
        source: 'pk',
        annualTarget: 80,
        monthly: flat(80),
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields.map((f: { field: string }) => f.field)).toEqual(['body.annualTarget']);
    });

    it('the unit head requests a decrease (A) and a raise (C); the bureau cannot agree to the decrease', async () => {
      expect(
        (
          await call(manager, 'POST', `${base()}/revisions`, {
            year: 2025,
            lines: [{ indicator: 'A', proposedMonthly: flat(80), proposedAnnual: 80, justification: 'x' }],
          })
        ).statusCode,
      ).toBe(403);
      const res = await call(head, 'POST', `${base()}/revisions`, {
        year: 2025,
        letterNo: 'R-01/2025',
        lines: [
          { indicator: 'A', proposedAnnual: 80, proposedMonthly: flat(80), justification: 'Sampel berkurang' },
          {
            indicator: 'C',
            proposedAnnual: 100,
            proposedMonthly: [8, 16, 24, 35, 45, 55, 65, 75, 85, 90, 95, 100],
            justification: 'Percepatan pengujian',
          },
        ],
      });
      expect(res.statusCode, res.body).toBe(201);
      const req = res.json();
      requestId = req.id;
      expect(req.lines.map((l: { check: { suggestedVerdict: string } }) => l.check.suggestedVerdict)).toEqual([
        'rejected',
        'agreed',
      ]);
      const agree = await call(bureau, 'POST', `/api/v1/performance/revisions/${requestId}/decision`, {
        lines: [
          { lineNo: 1, verdict: 'agreed' },
          { lineNo: 2, verdict: 'agreed' },
        ],
      });
      expect(agree.statusCode).toBe(400);
      expect(agree.json().error.fields.map((f: { field: string }) => f.field)).toEqual(['body.lines.0.verdict']);
      expect(
        (
          await call(head, 'POST', `/api/v1/performance/revisions/${requestId}/decision`, {
            lines: [{ lineNo: 1, verdict: 'rejected' }],
          })
        ).statusCode,
      ).toBe(403);
    });

    it('rejected stays as it was; the agreed raise becomes a new pk_revision version in force', async () => {
      const d = await call(bureau, 'POST', `/api/v1/performance/revisions/${requestId}/decision`, {
        reviewLetterNo: 'B-PR/2025/01',
        lines: [
          { lineNo: 1, verdict: 'rejected', note: 'Penurunan target tidak dapat disepakati' },
          { lineNo: 2, verdict: 'agreed' },
        ],
      });
      expect(d.statusCode, d.body).toBe(200);
      const applied = await call(manager, 'POST', `/api/v1/performance/revisions/${requestId}/apply`);
      expect(applied.statusCode, applied.body).toBe(200);
      expect(
        applied
          .json()
          .lines.map((l: { verdict: string; appliedVersionId: string | null }) => [l.verdict, l.appliedVersionId !== null]),
      ).toEqual([
        ['rejected', false],
        ['agreed', true],
      ]);
      const plan = (await call(executive, 'GET', `${base()}/plan?year=2025`)).json();
      const inForce = (code: string) =>
        plan.indicators
          .find((i: { code: string }) => i.code === code)
          .targets.filter((v: { inForce: boolean }) => v.inForce)
          .map((v: { source: string; annualTarget: string; monthly: string[] }) => [v.source, v.annualTarget, v.monthly[3]]);
      expect(inForce('A')).toEqual([['pk', '90', '90']]);
      expect(inForce('C')).toEqual([['pk_revision', '100', '35']]);
    });
  });

  describe('4. finalise TW I', () => {
    it('only the unit head finalises; a frozen month can no longer be edited or re-targeted', async () => {
      expect((await call(manager, 'POST', `${base()}/periods/2025/1/finalise`)).statusCode).toBe(403);
      expect((await call(head, 'POST', `${base()}/periods/2025/2/finalise`)).statusCode).toBe(409);
      // DOMAIN 8.13: the SAKIP team reviews the draft before the head signs it.
      expect((await call(head, 'POST', `${base()}/periods/2025/1/finalise`)).statusCode).toBe(409);
      const reviewed = await call(manager, 'POST', `${base()}/periods/2025/1/review`, {});
      expect(reviewed.statusCode, reviewed.body).toBe(200);
      const fin = await call(head, 'POST', `${base()}/periods/2025/1/finalise`);
      expect(fin.statusCode, fin.body).toBe(201);
      expect(fin.json().frozenThroughMonth).toBe(3);
      const edit = await call(manager, 'PUT', `/api/v1/performance/indicators/${ids.A}/realisations/2025/2?lang=en`, {
        input: { kind: 'ratio', numerator: 89, denominator: 90 },
      });
      expect(edit.statusCode).toBe(409);
      expect(edit.json().error.fields[0]).toEqual({
        field: 'body.month',
        message: 'B02 2025 is frozen by the finalised TW I interim report; it cannot be changed',
      });
      // A revision touching B01-B03 is flagged by the D29 check.
      const rev = await call(head, 'POST', `${base()}/revisions`, {
        year: 2025,
        lines: [{ indicator: 'C', proposedMonthly: [9, 16, 24, 35, 45, 55, 65, 75, 85, 90, 95, 100], justification: 'Koreksi' }],
      });
      expect(rev.json().lines[0].check.issues.map((i: { code: string }) => i.code)).toEqual(['frozen_month_changed']);
      const again = await call(head, 'POST', `${base()}/periods/2025/1/finalise`);
      expect(again.statusCode).toBe(409);
      const report = (await call(executive, 'GET', `${base()}/periods/2025/1`)).json();
      expect(report.report.overall.score.rounded).toBe('135.96');
      // April (current in WITA) may still be entered.
      const april = await call(manager, 'PUT', `/api/v1/performance/indicators/${ids.A}/realisations/2025/4`, {
        input: { kind: 'ratio', numerator: 85, denominator: 90 },
      });
      expect(april.statusCode, april.body).toBe(200);
    });

    it('every change is in the audit log', async () => {
      const rows = await t.deps.dbh.db
        .selectFrom('audit_event')
        .select(['entity_type', 'action'])
        .where('unit_id', '=', unitId)
        .execute();
      const seen = new Set(rows.map((r) => `${r.entity_type}:${r.action}`));
      for (const k of [
        'perf_indicator:create',
        'perf_target_version:create',
        'perf_realisation:create',
        'perf_realisation:submit',
        'perf_realisation:verified',
        'perf_realisation:needs_revision',
        'perf_revision_request:review',
        'perf_revision_request:apply',
        'perf_period_lock:finalise',
      ])
        expect([k, seen.has(k)]).toEqual([k, true]);
    });
  });

  describe('5. budget import from XLSX', () => {
    const workbook = async (rows: (string | number | null)[][]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Anggaran');
      ws.addRow(['jenis', 'bulan', 'jenis_belanja', 'sasaran', 'indikator', 'kode_akun', 'jumlah', 'keterangan']);
      for (const r of rows) ws.addRow(r);
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const upload = (file: Buffer, login: TestLogin = manager) => {
      const boundary = '----mutu-test-boundary';
      const payload = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="anggaran.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`,
        ),
        file,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return t.app.inject({
        method: 'POST',
        url: `${base()}/budget/import-xlsx?year=2025`,
        headers: { cookie: login.cookie, ...SAME_ORIGIN, 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload,
      });
    };

    it('bad rows are all reported by row and column, and nothing is imported', async () => {
      const res = await upload(
        await workbook([
          ['pagu', null, 'pegawai', null, null, null, 1000000, null],
          ['pagu', null, 'barang', null, null, null, 'abc', null],
          ['gaji', 13, 'perjalanan', null, null, null, 5, null],
          ['alokasi', null, null, 'S9', null, null, 10, null],
        ]),
      );
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.fields.map((f: { field: string }) => f.field)).toEqual([
        'rows.3.amount',
        'rows.4.kind',
        'rows.4.month',
        'rows.4.spendingType',
      ]);
      const count = await t.deps.dbh.db.selectFrom('perf_budget_import').select('id').where('unit_id', '=', unitId).execute();
      expect(count).toHaveLength(0);
      const unknown = await upload(await workbook([['alokasi', null, null, 'S9', null, null, 10, null]]));
      expect(unknown.json().error.fields.map((f: { field: string }) => f.field)).toEqual(['rows.2.sasaran']);
    });

    it('a good workbook is imported; pagu, plan and realisation feed the absorption curve and efficiency', async () => {
      const res = await upload(
        await workbook([
          ['pagu', null, 'pegawai', null, null, null, 6000000000, null],
          ['pagu', null, 'barang', null, null, null, '3.000.000.000', null],
          ['pagu', null, 'modal', null, null, null, 1000000000, null],
          ['blokir', null, 'modal', null, null, null, 200000000, 'self-blocking'],
          ['alokasi', null, null, null, 'A', 'RO-1', 4000000000, null],
          ['alokasi', null, null, null, 'C', null, 5800000000, null],
          ['rencana', 'B03', null, null, null, null, 2500000000, null],
          ['realisasi', 3, 'pegawai', null, null, null, 1500000000, null],
          ['realisasi', 3, 'barang', null, null, null, 600000000, null],
          ['realisasi', 3, 'modal', null, null, null, 0, null],
          ['realisasi', 3, null, null, 'A', null, 1000000000, null],
          ['realisasi', 3, null, null, 'C', null, 1100000000, null],
        ]),
      );
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().rows).toBe(12);
      const ach = (await call(executive, 'GET', `${base()}/achievement?year=2025&quarter=1`)).json();
      expect(ach.budget.total).toMatchObject({
        pagu: '10000000000',
        blocked: '200000000',
        effectivePagu: '9800000000',
        realisation: '2100000000',
      });
      expect(ach.budget.total.realisationPct.rounded).toBe('21.00');
      const m3 = ach.budget.absorptionCurve.find((c: { month: number }) => c.month === 3);
      expect([m3.plan, m3.realisation, m3.planPct.rounded, m3.realisationPct.rounded]).toEqual([
        '2500000000',
        '2100000000',
        '25.00',
        '21.00',
      ]);
      // One sasaran, pooled: S1 score 135,96 vs 2.100/9.800 = 21,43 % → IE 6,34, TE 5,34 → 75 %.
      expect(
        ach.efficiency.rows.map((r: { code: string; ie: { rounded: string }; capaianTe: number }) => [
          r.code,
          r.ie.rounded,
          r.capaianTe,
        ]),
      ).toEqual([['S1', '6.34', 75]]);
    });
  });
});
