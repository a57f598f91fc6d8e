import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/modules/auth/actor.ts';
import { documentTables, documentText, type TableBlock } from '../../src/modules/reports/document/document.ts';
import { newId } from '../../src/shared/ids.ts';
import { createTestApp, describeEachEngine, type TestApp } from '../helpers/engines.ts';
import { loginAs, type TestLogin } from '../helpers/login.ts';
import { caller, loadFixture } from './helpers.ts';

const cellText = (c: TableBlock['body'][number][number]) =>
  typeof c === 'string'
    ? c
    : typeof c.content === 'string'
      ? c.content
      : c.content.map((i) => (typeof i === 'string' ? i : i.text)).join('');

/**
 * DOMAIN 8.13: the LAPKIN Interim moves draft → reviewed (SAKIP team) → finalised (the head, never the reviewer)
 * → submitted (to the planning bureau). Refused moves answer 409/403 naming the status; every move is audited
 * and the document prints the status line.
 */
describeEachEngine('LAPKIN Interim workflow', (_engine, open) => {
  let t: TestApp;
  const call = caller(() => t);
  let fx: Awaited<ReturnType<typeof loadFixture>>;
  let manager: TestLogin;
  let head: TestLogin;
  let executive: TestLogin;
  const flow = (q: number, step = 'workflow') => `${fx.base}/periods/2023/${q}/${step}`;
  const reader = (): Actor => ({
    userId: executive.userId,
    username: 'exec',
    fullName: 'Executive',
    grants: [{ role: 'executive_viewer', unitId: null }],
    mustChangePassword: false,
    sessionId: 's',
    locale: 'id',
  });
  const fullName = async (userId: string) =>
    (await t.deps.dbh.db.selectFrom('app_user').select('full_name').where('id', '=', userId).executeTakeFirstOrThrow()).full_name;

  beforeAll(async () => {
    t = await createTestApp(open, { seedDemo: true });
    fx = await loadFixture(t, 'settama-2023.json');
    manager = fx.manager;
    head = await loginAs(t, 'unit_head', fx.unitId);
    executive = await loginAs(t, 'executive_viewer');
  }, 120_000);
  afterAll(async () => t?.close());

  describe('TW I: draft → reviewed → (back to draft) → reviewed → finalised → submitted', () => {
    it('starts as a draft that only the SAKIP team can review', async () => {
      const state = await call(manager, 'GET', flow(1));
      expect(state.statusCode, state.body).toBe(200);
      expect(state.json()).toMatchObject({ status: 'draft', reviewedBy: null, finalisedAt: null, actions: ['review'] });
      expect((await call(head, 'GET', flow(1))).json().actions).toEqual([]);

      const early = await call(head, 'POST', `${flow(1, 'finalise')}?lang=en`);
      expect(early.statusCode).toBe(409);
      expect(early.json().error.message).toBe(
        'The interim report TW I 2023 must be reviewed by the SAKIP team before it is finalised (status: Draft)',
      );
      expect((await call(head, 'POST', flow(1, 'review'), {})).statusCode).toBe(403);
      expect((await call(executive, 'POST', flow(1, 'review'), {})).statusCode).toBe(403);
      // A quarter that has not ended cannot be reviewed.
      const future = await call(manager, 'POST', `${fx.base}/periods/2100/1/review`, {});
      expect([future.statusCode, future.json().error.code]).toEqual([409, 'invalid_state']);
      // Submitting a draft is refused with its status.
      const submit = await call(manager, 'POST', flow(1, 'submit'), {});
      expect(submit.statusCode).toBe(409);
      expect(submit.json().error.message).toContain('(status: Draf)');
    });

    it('a reviewed report is read-only until it is returned to draft', async () => {
      const reviewed = await call(manager, 'POST', flow(1, 'review'), { note: 'Angka sesuai notulen rapat evaluasi' });
      expect(reviewed.statusCode, reviewed.body).toBe(200);
      expect(reviewed.json()).toMatchObject({
        status: 'reviewed',
        reviewedBy: await fullName(manager.userId),
        reviewNote: 'Angka sesuai notulen rapat evaluasi',
        actions: ['reopen'],
      });
      expect((await call(head, 'GET', flow(1))).json().actions).toEqual(['reopen', 'finalise']);
      const again = await call(manager, 'POST', flow(1, 'review'), {});
      expect([again.statusCode, again.json().error.messageKey ?? again.json().error.code]).toEqual([409, 'invalid_state']);

      const narrative = `${fx.base}/narratives/2023/1`;
      const edit = await call(manager, 'PUT', narrative, { scope: 'entity', section: 'foreword', text: 'Pengantar', version: 0 });
      expect(edit.statusCode).toBe(409);
      expect(edit.json().error.message).toContain('sudah direviu Tim SAKIP');

      const reopened = await call(head, 'POST', flow(1, 'reopen'), { note: 'Lengkapi kata pengantar' });
      expect(reopened.statusCode, reopened.body).toBe(200);
      expect(reopened.json()).toMatchObject({ status: 'draft', reviewedBy: null });
      const saved = await call(manager, 'PUT', narrative, {
        scope: 'entity',
        section: 'foreword',
        text: 'Pengantar',
        version: 0,
      });
      expect(saved.statusCode, saved.body).toBe(200);
      expect((await call(manager, 'POST', flow(1, 'reopen'), {})).statusCode).toBe(409);
      expect((await call(manager, 'POST', flow(1, 'review'), {})).statusCode).toBe(200);
    });

    it('the head finalises, then the report is submitted to the planning bureau', async () => {
      const fin = await call(head, 'POST', flow(1, 'finalise'));
      expect(fin.statusCode, fin.body).toBe(201);
      const state = (await call(head, 'GET', flow(1))).json();
      expect(state).toMatchObject({ status: 'finalised', finalisedBy: await fullName(head.userId), actions: ['submit'] });
      expect((await call(head, 'POST', flow(1, 'reopen'), {})).statusCode).toBe(409);
      expect((await call(executive, 'POST', flow(1, 'submit'), {})).statusCode).toBe(403);

      const sent = await call(manager, 'POST', flow(1, 'submit'), { recipient: 'Biro Perencanaan dan Keuangan' });
      expect(sent.statusCode, sent.body).toBe(200);
      expect(sent.json()).toMatchObject({ status: 'submitted', submittedTo: 'Biro Perencanaan dan Keuangan', actions: [] });
      const twice = await call(manager, 'POST', `${flow(1, 'submit')}?lang=en`, {});
      expect(twice.statusCode).toBe(409);
      expect(twice.json().error.message).toBe(
        'The interim report TW I 2023 must be finalised before it is submitted (status: Submitted)',
      );
      // The planning bureau reads it; another unit's manager does not.
      expect((await call(fx.bureau, 'GET', flow(1))).json().status).toBe('submitted');
      const elsewhere = await t.deps.dbh.db
        .selectFrom('org_unit')
        .select('id')
        .where('id', '!=', fx.unitId)
        .where('parent_id', 'is not', null)
        .executeTakeFirstOrThrow();
      const other = await loginAs(t, 'sakip_manager', elsewhere.id);
      expect((await call(other, 'GET', flow(1))).statusCode).toBe(403);
    });

    it('prints the status line on the LAPKIN and audits every move', async () => {
      const text = documentText(await t.deps.services.performance.lapkinDocument(reader(), fx.unitId, 2023, 1, 'id'));
      expect(text).toContain(`Status laporan: Disampaikan; direviu Tim SAKIP oleh ${await fullName(manager.userId)} pada `);
      expect(text).toContain(`ditetapkan oleh ${await fullName(head.userId)} pada `);
      expect(text).toContain('disampaikan kepada Biro Perencanaan dan Keuangan pada ');
      const draft = documentText(await t.deps.services.performance.lapkinDocument(reader(), fx.unitId, 2023, 2, 'en'));
      expect(draft).toContain('Report status: Draft');

      const actions = (
        await t.deps.dbh.db
          .selectFrom('audit_event')
          .select(['action'])
          .where('entity_type', '=', 'perf_lapkin_workflow')
          .where('unit_id', '=', fx.unitId)
          .orderBy('seq')
          .execute()
      ).map((r) => r.action);
      expect(actions).toEqual(['review', 'reopen', 'review', 'submit']);
    });
  });

  it('TW II: whoever reviewed may not finalise (four-eyes), even holding both roles', async () => {
    const both = await loginAs(t, 'sakip_manager', fx.unitId);
    await t.deps.dbh.db
      .insertInto('user_role')
      .values({ id: newId(), user_id: both.userId, role: 'unit_head', unit_id: fx.unitId, created_at: new Date().toISOString() })
      .execute();
    expect((await call(both, 'POST', flow(2, 'review'), {})).statusCode).toBe(200);
    expect((await call(both, 'GET', flow(2))).json().actions).toEqual(['reopen']);
    const self = await call(both, 'POST', flow(2, 'finalise'));
    expect(self.statusCode).toBe(403);
    expect(self.json().error.message).toBe('Pereviu Lapkin Interim tidak boleh menetapkannya sendiri');
    expect((await call(head, 'GET', flow(2))).json().status).toBe('reviewed');
    expect((await call(head, 'POST', flow(2, 'finalise'))).statusCode).toBe(201);
  });

  it('Lampiran: budget per indicator and the target-revision worksheet, from the same services', async () => {
    const rev = await call(head, 'POST', `${fx.base}/revisions`, {
      year: 2023,
      lines: [{ indicator: '27', proposedMonthly: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 100], justification: 'Uji lampiran' }],
    });
    expect(rev.statusCode, rev.body).toBe(201);
    const doc = await t.deps.services.performance.lapkinDocument(reader(), fx.unitId, 2023, 3, 'id');
    const tables = documentTables(doc);
    const api = (await call(executive, 'GET', `${fx.base}/achievement?year=2023&quarter=3`)).json();
    const sheet = tables.find((x) => x.caption?.includes('Lembar Kerja Revisi Target Indikator 27.'));
    if (!sheet) return expect.fail(tables.map((x) => x.caption).join(' / '));
    const rows = sheet.body.map((r) => r.map(cellText));
    expect(rows.map((r) => r[0])).toEqual(['Target', 'Realisasi', 'Capaian (%)', 'Usulan target bulanan']);
    // No annual proposal: the annual target stays as it is.
    expect(rows[3]?.slice(1)).toEqual([
      ...['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '100'],
      rows[0]?.[13],
      'Belum direviu',
    ]);
    expect(rows[0]?.[13]).not.toBe('-');
    // Realisation and capaian of B01..B09 are the achievement service's own monthly series.
    const series = api.indicators.find((i: { code: string }) => i.code === '27').series as {
      realisation: { display: string } | null;
      capaian: { display: string } | null;
    }[];
    expect(rows[1]?.slice(1, 10)).toEqual(series.map((p) => p.realisation?.display ?? '-'));
    expect(rows[2]?.slice(1, 10)).toEqual(series.map((p) => p.capaian?.display ?? '-'));
    expect(rows[1]?.slice(10, 13)).toEqual(['-', '-', '-']);

    // Sekretariat Utama allocates per sasaran only: no per-indicator table.
    expect(api.budget.allocations.byIndicator).toEqual([]);
    expect(tables.find((x) => x.caption?.includes('Anggaran per Indikator s.d.'))).toBeUndefined();
  });

  it('Lampiran: budget per indicator (Serang allocates per indicator), the budget service figures', async () => {
    const serang = await loadFixture(t, 'serang-2022.json');
    const api = (await call(executive, 'GET', `${serang.base}/achievement?year=2022&quarter=3`)).json();
    const byIndicator = api.budget.allocations.byIndicator as {
      indicator: string;
      allocation: string;
      realisationPct: { display: string } | null;
    }[];
    expect(byIndicator.length).toBe(29);
    const doc = await t.deps.services.performance.lapkinDocument(reader(), serang.unitId, 2022, 3, 'id');
    const table = documentTables(doc).find((x) => x.caption?.includes('Anggaran per Indikator s.d. Triwulan III Tahun 2022'));
    if (!table) return expect.fail('no budget-per-indicator table');
    expect(table.header[0]).toEqual(['Sasaran', 'Indikator Kinerja', 'Pagu (Rp)', 'Realisasi (Rp)', '% Realisasi']);
    expect(table.body.map((r) => cellText(r[1] as never).split('.')[0])).toEqual(byIndicator.map((a) => a.indicator));
    expect(table.body.map((r) => cellText(r[4] as never))).toEqual(byIndicator.map((a) => a.realisationPct?.display ?? '-'));
    expect(cellText(table.body[0]?.[2] as never)).toBe('410.121.000');
  });
});
