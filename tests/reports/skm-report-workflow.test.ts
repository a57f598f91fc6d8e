import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/shared/clock.ts';
import { createTestApp, describeEachEngine, SAME_ORIGIN, type TestApp } from '../helpers/engines.ts';
import { loginAs, type TestLogin } from '../helpers/login.ts';
import { type Fixture, seedFixture } from '../surveys/fixtures.ts';

/**
 * The unit SKM report workflow (DOMAIN 5.12.3) over HTTP: content edits with optimistic concurrency,
 * the signed statement, the validity matrix or NIHIL, shortfall justifications, submission refused
 * while anything is missing, return/accept by the coordinator, notifications, audit, and the board's
 * late flag against an injected clock.
 */
class TestClock implements Clock {
  constructor(public ms: number) {}
  now(): Date {
    return new Date(this.ms);
  }
  set(iso: string): void {
    this.ms = Date.parse(iso);
  }
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

function multipart(name: string, data: Buffer, type = 'application/octet-stream') {
  const boundary = `----mutu${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describeEachEngine('SKM report workflow', (_engine, open) => {
  let t: TestApp;
  let fx: Fixture;
  const clock = new TestClock(Date.parse('2024-05-02T02:00:00.000Z'));
  let campaignId: string;
  let coordinator: TestLogin;
  let operator: TestLogin;
  let head: TestLogin;
  let lokaOperator: TestLogin;
  let lokaHead: TestLogin;
  let viewer: TestLogin;
  let invalidResponseId: string;
  let url: string;

  const call = (
    login: TestLogin | null,
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    payload?: unknown,
    extra: Partial<InjectOptions> = {},
  ): Promise<LightMyRequestResponse> =>
    t.app.inject({
      method,
      url: path,
      headers: {
        ...(login ? { cookie: login.cookie } : {}),
        ...(method === 'GET' ? {} : SAME_ORIGIN),
        ...((extra.headers as Record<string, string>) ?? {}),
      },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  const upload = (login: TestLogin, name: string, data: Buffer) => {
    const m = multipart(name, data);
    return call(login, 'POST', `${url}/statement`, m.payload, { headers: m.headers });
  };
  const auditActions = async (entityType: string) =>
    (
      await t.deps.dbh.db
        .selectFrom('audit_event')
        .select(['action', 'actor_id', 'unit_id', 'reason'])
        .where('entity_type', '=', entityType)
        .where('unit_id', '=', fx.tarakan)
        .orderBy('seq')
        .execute()
    ).map((r) => r.action);
  /** Moves the injected clock; the test sessions are kept alive across the jump. */
  const clockTo = async (iso: string) => {
    clock.set(iso);
    const later = (ms: number) => new Date(clock.ms + ms).toISOString();
    await t.deps.dbh.db
      .updateTable('session')
      .set({ last_seen_at: later(0), idle_expires_at: later(3_600_000), absolute_expires_at: later(43_200_000) })
      .execute();
  };
  const notificationsOf = (userId: string) =>
    t.deps.dbh.db.selectFrom('notification').selectAll().where('user_id', '=', userId).orderBy('created_at').execute();

  beforeAll(async () => {
    t = await createTestApp(open, {}, clock);
    fx = await seedFixture(t.deps.dbh.db);
    coordinator = await loginAs(t, 'skm_coordinator');
    operator = await loginAs(t, 'unit_operator', fx.tarakan);
    head = await loginAs(t, 'unit_head', fx.tarakan);
    lokaOperator = await loginAs(t, 'unit_operator', fx.loka);
    lokaHead = await loginAs(t, 'unit_head', fx.loka);
    viewer = await loginAs(t, 'executive_viewer');
    const created = await call(coordinator, 'POST', '/api/v1/campaigns', {
      year: 2024,
      name: 'SKM BPOM Tahun 2024',
      profileCode: 'bpom-2024',
      collectionStart: '2024-04-01',
      collectionEnd: '2024-06-30',
      validityMatrixDue: '2024-07-10',
      reportDue: '2024-07-31',
      units: [{ unitId: fx.tarakan }, { unitId: fx.loka }, { unitId: fx.central }],
    });
    expect(created.statusCode, created.body).toBe(201);
    campaignId = created.json().id;
    for (const to of ['targets_set', 'collecting']) {
      const r = await call(coordinator, 'POST', `/api/v1/campaigns/${campaignId}/transition`, { to });
      expect(r.statusCode, r.body).toBe(200);
    }
    url = `/api/v1/campaigns/${campaignId}/units/${fx.tarakan}/report`;
    // Two responses for Tarakan's complaint service (target 18); one is invalidated below.
    const answers: Record<string, number> = {};
    for (let i = 1; i <= 14; i++) answers[`A${i}`] = 5;
    for (let i = 1; i <= 5; i++) answers[`B${i}`] = 5;
    const ids: string[] = [];
    for (const n of [1, 2]) {
      const r = await t.deps.services.responses.submit({
        campaignId,
        unitId: fx.tarakan,
        unitServiceId: fx.tarakanServices[8] as string,
        channel: 'link',
        clientSubmissionId: `report-wf-${n}-${Math.random().toString(36).slice(2, 10)}`,
        respondent: {
          fullName: `Responden ${n}`,
          age: 30 + n,
          sex: 'perempuan',
          phone: `0812${String(30_000_000 + n)}`,
          education: 'd4_s1',
          occupation: 'wiraswasta',
          institution: 'CV Contoh',
        },
        completionPct: 100,
        answers,
        suggestion: null,
      });
      ids.push(r.responseId);
    }
    invalidResponseId = ids[0] as string;
    const inv = await call(coordinator, 'POST', `/api/v1/responses/${invalidResponseId}/invalidate`, {
      reason: 'duplicate',
      note: 'Data berulang',
    });
    expect(inv.statusCode, inv.body).toBe(201);
  }, 60_000);
  afterAll(async () => t?.close());

  describe('reading and role boundaries', () => {
    it('starts as an empty draft listing everything still missing', async () => {
      const r = await call(operator, 'GET', url);
      expect(r.statusCode, r.body).toBe(200);
      const body = r.json();
      expect(body).toMatchObject({ id: null, status: 'draft', version: 1, statement: null, timeline: [] });
      expect(body.validityMatrix).toEqual({ status: 'pending', at: null, invalidResponses: 1 });
      expect(body.can).toEqual({ edit: true, submit: false, review: false });
      const missing = body.checks.filter((c: { ok: boolean }) => !c.ok);
      // Statement, matrix and the four Tarakan services with a target above their valid responses.
      expect(missing.map((c: { code: string }) => c.code)).toEqual([
        'statement',
        'validityMatrix',
        'shortfallJustification',
        'shortfallJustification',
        'shortfallJustification',
        'shortfallJustification',
      ]);
      expect(missing[5].message).toContain('Pengaduan masyarakat');
      expect(missing[5].message).toContain('kurang 17');
    });

    it('refuses another unit’s operator (403), unknown campaigns (404) and lets a viewer read only', async () => {
      expect((await call(lokaOperator, 'GET', url)).statusCode).toBe(403);
      expect((await call(lokaOperator, 'PUT', `${url}/sections`, { version: 1, sections: { team: 'x' } })).statusCode).toBe(403);
      expect((await call(operator, 'GET', `/api/v1/campaigns/nope/units/${fx.tarakan}/report`)).statusCode).toBe(404);
      expect((await call(coordinator, 'GET', `/api/v1/campaigns/${campaignId}/units/${fx.office}/report`)).statusCode).toBe(404);
      const v = await call(viewer, 'GET', url);
      expect(v.statusCode).toBe(200);
      expect(v.json().can).toEqual({ edit: false, submit: false, review: false });
      expect((await call(viewer, 'PUT', `${url}/sections`, { version: 1, sections: { team: 'x' } })).statusCode).toBe(403);
      expect((await call(coordinator, 'PUT', `${url}/sections`, { version: 1, sections: { team: 'x' } })).statusCode).toBe(403);
    });
  });

  describe('the Surat Pernyataan to print', () => {
    it('is generated alone as PDF and DOCX for the unit, refused to another unit', async () => {
      const pdf = await call(operator, 'GET', `${url}/statement.pdf`);
      expect(pdf.statusCode, pdf.body.slice(0, 300)).toBe(200);
      expect(pdf.headers['content-type']).toContain('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      const docx = await call(head, 'GET', `${url}/statement.docx`);
      expect(docx.statusCode).toBe(200);
      expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
      expect([403, 404]).toContain((await call(lokaOperator, 'GET', `${url}/statement.pdf`)).statusCode);
    });
  });

  describe('content', () => {
    it('saves sections with optimistic concurrency: a stale version is a 409 naming it', async () => {
      const first = await call(operator, 'PUT', `${url}/sections`, {
        version: 1,
        sections: { team: 'Tim SKM sesuai SK Kepala Balai', location: 'Loket pelayanan' },
      });
      expect(first.statusCode, first.body).toBe(200);
      expect(first.json()).toMatchObject({
        version: 2,
        sections: { team: 'Tim SKM sesuai SK Kepala Balai', problemAnalysis: '' },
      });
      expect(first.json().id).toEqual(expect.any(String));

      const stale = await call(head, 'PUT', `${url}/sections`, { version: 1, sections: { team: 'Versi lain' } });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.fields).toEqual([{ field: 'body.version', message: expect.stringContaining('versi terkini 2') }]);
      const en = await call(head, 'PUT', `${url}/sections?lang=en`, { version: 1, sections: { team: 'Versi lain' } });
      expect(en.json().error.message).toContain('current version 2');

      const second = await call(head, 'PUT', `${url}/sections`, { version: 2, sections: { team: '', trendNotes: 'Naik' } });
      expect(second.statusCode).toBe(200);
      expect(second.json()).toMatchObject({
        version: 3,
        sections: { team: '', location: 'Loket pelayanan', trendNotes: 'Naik' },
      });
      // Unchanged content keeps the version.
      const same = await call(head, 'PUT', `${url}/sections`, { version: 3, sections: { trendNotes: 'Naik' } });
      expect(same.json().version).toBe(3);
    });

    it('validates section keys and lengths', async () => {
      const unknown = await call(operator, 'PUT', `${url}/sections`, { version: 3, sections: { chapter9: 'x' } });
      expect(unknown.statusCode).toBe(400);
      const long = await call(operator, 'PUT', `${url}/sections`, { version: 3, sections: { team: 'x'.repeat(20_001) } });
      expect(long.statusCode).toBe(400);
      expect(long.json().error.fields[0].field).toBe('body.sections.team');
    });

    it('saves timeline rows with real dates, end on or after start', async () => {
      const backwards = await call(operator, 'PUT', `${url}/timeline`, {
        version: 3,
        rows: [
          { activity: 'Persiapan', start: '2024-03-01', end: '2024-03-10' },
          { activity: 'Pengumpulan data', start: '2024-06-30', end: '2024-04-01' },
        ],
      });
      expect(backwards.statusCode).toBe(400);
      expect(backwards.json().error.fields.map((f: { field: string }) => f.field)).toEqual(['body.rows.1.end']);
      const badDate = await call(operator, 'PUT', `${url}/timeline`, {
        version: 3,
        rows: [{ activity: 'Persiapan', start: '2024-02-30', end: '2024-03-10' }],
      });
      expect(badDate.statusCode).toBe(400);
      expect(badDate.json().error.fields[0].field).toBe('body.rows.0.start');
      const ok = await call(operator, 'PUT', `${url}/timeline`, {
        version: 3,
        rows: [
          { activity: 'Persiapan', start: '2024-03-01', end: '2024-03-10' },
          { activity: 'Pengumpulan data', start: '2024-04-01', end: '2024-06-30' },
        ],
      });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json().version).toBe(4);
      expect(ok.json().timeline).toHaveLength(2);
    });
  });

  describe('submission requirements', () => {
    it('refuses submission while the campaign is still collecting', async () => {
      const r = await call(head, 'POST', `${url}/submit`);
      expect(r.statusCode).toBe(409);
      expect(r.json().error.message).toContain('Pengumpulan data');
      // Move on: collection over, then the validity-matrix deadline passed.
      await clockTo('2024-07-02T02:00:00.000Z');
      expect(
        (await call(coordinator, 'POST', `/api/v1/campaigns/${campaignId}/transition`, { to: 'validating' })).statusCode,
      ).toBe(200);
      await clockTo('2024-07-11T02:00:00.000Z');
      expect(
        (await call(coordinator, 'POST', `/api/v1/campaigns/${campaignId}/transition`, { to: 'reporting' })).statusCode,
      ).toBe(200);
    });

    it('cannot be submitted without the signed statement: 422 listing every missing item', async () => {
      const r = await call(head, 'POST', `${url}/submit`);
      expect(r.statusCode, r.body).toBe(422);
      const fields = r.json().error.fields as { field: string; message: string }[];
      expect(fields.map((f) => f.field.split('.')[0])).toEqual([
        'statement',
        'validityMatrix',
        'shortfallJustification',
        'shortfallJustification',
        'shortfallJustification',
        'shortfallJustification',
      ]);
      expect(fields[0]?.message).toContain('Surat Pernyataan');
      expect(r.json().error.message).toContain('6 hal belum lengkap');
      expect((await call(operator, 'GET', url)).json().status).toBe('draft');
    });

    it('accepts only a PDF or an image as the signed statement, checked by content', async () => {
      const text = await upload(operator, 'pernyataan.pdf', Buffer.from('bukan pdf sama sekali'));
      expect(text.statusCode).toBe(415);
      expect(text.json().error.fields[0].field).toBe('file');
      const docx = await upload(operator, 'pernyataan.pdf', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]));
      expect(docx.statusCode).toBe(415);
      expect((await upload(lokaOperator, 'pernyataan.pdf', PDF)).statusCode).toBe(403);
      const png = await upload(operator, 'pernyataan.png', PNG);
      expect(png.statusCode, png.body).toBe(201);
      const pdf = await upload(head, 'pernyataan-ttd.pdf', PDF);
      expect(pdf.statusCode).toBe(201);
      expect(pdf.json().statement).toMatchObject({ fileName: 'pernyataan-ttd.pdf', mediaType: 'application/pdf' });
      // The replaced scan is kept (superseded, never overwritten).
      const versions = await t.deps.dbh.db
        .selectFrom('evidence')
        .select(['id', 'supersedes_id'])
        .where('owner_type', '=', 'skm_report')
        .orderBy('uploaded_at')
        .execute();
      expect(versions).toHaveLength(2);
      expect(versions.find((v) => v.id === pdf.json().statement.id)?.supersedes_id).toBe(png.json().statement.id);
      const file = await call(coordinator, 'GET', `${url}/statement/file`);
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toContain('application/pdf');
      expect(file.rawPayload.equals(PDF)).toBe(true);
    });

    it('allows NIHIL only without invalid responses', async () => {
      const nihil = await call(operator, 'POST', `${url}/validity-matrix`, { status: 'nihil' });
      expect(nihil.statusCode).toBe(409);
      expect(nihil.json().error.fields[0]).toMatchObject({
        field: 'body.status',
        message: expect.stringContaining('1 respons tidak valid'),
      });
      const lokaUrl = `/api/v1/campaigns/${campaignId}/units/${fx.loka}/report`;
      const lokaNihil = await call(lokaOperator, 'POST', `${lokaUrl}/validity-matrix`, { status: 'nihil' });
      expect(lokaNihil.statusCode, lokaNihil.body).toBe(200);
      expect(lokaNihil.json().validityMatrix.status).toBe('nihil');
      const submitted = await call(operator, 'POST', `${url}/validity-matrix`, { status: 'submitted' });
      expect(submitted.statusCode).toBe(200);
      expect(submitted.json().checks.find((c: { code: string }) => c.code === 'validityMatrix').ok).toBe(true);
    });

    it('keeps shortfall justifications per service; the last missing one still blocks submission', async () => {
      const jUrl = `/api/v1/campaigns/${campaignId}/units/${fx.tarakan}/shortfall-justifications`;
      const list = await call(operator, 'GET', jUrl);
      expect(list.statusCode).toBe(200);
      const required = list.json().services.filter((s: { required: boolean }) => s.required);
      expect(required.map((s: { target: number; valid: number; shortfall: number }) => [s.target, s.valid, s.shortfall])).toEqual(
        [
          [1, 0, 1],
          [1, 0, 1],
          [2, 0, 2],
          [18, 1, 17],
        ],
      );
      expect(
        (await call(coordinator, 'PUT', jUrl, { items: [{ unitServiceId: required[0].unitServiceId, text: 'x' }] })).statusCode,
      ).toBe(403);
      const unknown = await call(operator, 'PUT', jUrl, {
        items: [
          { unitServiceId: required[0].unitServiceId, text: 'Tidak ada permohonan' },
          { unitServiceId: fx.lokaServices[0], text: 'Bukan layanan Tarakan' },
        ],
      });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().error.fields.map((f: { field: string }) => f.field)).toEqual(['body.items.1.unitServiceId']);
      const saved = await call(operator, 'PUT', jUrl, {
        items: required.slice(0, 3).map((s: { unitServiceId: string }) => ({
          unitServiceId: s.unitServiceId,
          text: 'Tidak ada permohonan pada periode survei',
        })),
      });
      expect(saved.statusCode, saved.body).toBe(200);
      expect(saved.json().services.filter((s: { text: string | null }) => s.text).length).toBe(3);

      const r = await call(head, 'POST', `${url}/submit`);
      expect(r.statusCode).toBe(422);
      expect(r.json().error.fields).toEqual([
        {
          field: `shortfallJustification.${required[3].unitServiceId}`,
          message: expect.stringContaining('Pengaduan masyarakat'),
        },
      ]);
      const last = await call(head, 'PUT', jUrl, {
        items: [{ unitServiceId: required[3].unitServiceId, text: 'Pengaduan turun karena layanan informasi daring' }],
      });
      expect(last.statusCode).toBe(200);
    });
  });

  describe('transitions', () => {
    it('lets only the unit head submit; a coordinator or operator is refused', async () => {
      expect((await call(coordinator, 'POST', `${url}/submit`)).statusCode).toBe(403);
      expect((await call(operator, 'POST', `${url}/submit`)).statusCode).toBe(403);
      expect((await call(lokaHead, 'POST', `${url}/submit`)).statusCode).toBe(403);
      const r = await call(head, 'POST', `${url}/submit`);
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toMatchObject({ status: 'submitted', submittedBy: head.userId, submittedAt: '2024-07-11T02:00:00.000Z' });
      expect(r.json().checks.every((c: { ok: boolean }) => c.ok)).toBe(true);
      const coordNotes = await notificationsOf(coordinator.userId);
      expect(coordNotes.map((n) => n.kind)).toEqual(['report_submitted']);
      expect(coordNotes[0]?.link).toBe(`/app/laporan-skm/${campaignId}/unit/${fx.tarakan}`);
    });

    it('freezes content once submitted', async () => {
      const v = (await call(operator, 'GET', url)).json().version;
      const edit = await call(operator, 'PUT', `${url}/sections`, { version: v, sections: { team: 'Telat' } });
      expect(edit.statusCode).toBe(409);
      expect(edit.json().error.message).toContain('Disampaikan');
      expect((await call(operator, 'POST', `${url}/validity-matrix`, { status: 'submitted' })).statusCode).toBe(409);
      expect((await upload(operator, 'lagi.pdf', PDF)).statusCode).toBe(409);
      expect((await call(head, 'POST', `${url}/submit`)).statusCode).toBe(409);
    });

    it('returns with notes (coordinator only) and notifies the unit', async () => {
      expect((await call(operator, 'POST', `${url}/accept`, {})).statusCode).toBe(403);
      expect((await call(head, 'POST', `${url}/return`, { notes: 'x' })).statusCode).toBe(403);
      const empty = await call(coordinator, 'POST', `${url}/return`, { notes: '  ' });
      expect(empty.statusCode).toBe(400);
      expect(empty.json().error.fields[0].field).toBe('body.notes');
      const r = await call(coordinator, 'POST', `${url}/return`, { notes: 'Lengkapi analisis masalah pada BAB IV.' });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toMatchObject({
        status: 'draft',
        reviewNotes: 'Lengkapi analisis masalah pada BAB IV.',
        reviewedBy: coordinator.userId,
      });
      for (const user of [operator, head]) {
        const notes = await notificationsOf(user.userId);
        expect(notes.map((n) => n.kind)).toEqual(['report_returned']);
        expect(notes[0]?.body).toContain('Lengkapi analisis masalah');
      }
      expect(await notificationsOf(lokaOperator.userId)).toEqual([]);
      const mine = await call(operator, 'GET', '/api/v1/me/notifications');
      expect(mine.json()).toMatchObject({ unread: 1, items: [{ kind: 'report_returned', unitId: fx.tarakan }] });
    });

    it('resubmits after the correction and is accepted; nothing moves after that', async () => {
      const v = (await call(operator, 'GET', url)).json().version;
      const fix = await call(operator, 'PUT', `${url}/sections`, {
        version: v,
        sections: { problemAnalysis: 'Waktu layanan lama.' },
      });
      expect(fix.statusCode).toBe(200);
      expect((await call(head, 'POST', `${url}/submit`)).statusCode).toBe(200);
      expect(
        (await call(lokaHead, 'POST', `/api/v1/campaigns/${campaignId}/units/${fx.tarakan}/report/accept`, {})).statusCode,
      ).toBe(403);
      const a = await call(coordinator, 'POST', `${url}/accept`, {});
      expect(a.statusCode, a.body).toBe(200);
      expect(a.json().status).toBe('accepted');
      expect((await call(coordinator, 'POST', `${url}/accept`, {})).statusCode).toBe(409);
      expect((await call(coordinator, 'POST', `${url}/return`, { notes: 'Terlambat' })).statusCode).toBe(409);
      expect((await notificationsOf(head.userId)).map((n) => n.kind)).toEqual(['report_returned', 'report_accepted']);
    });

    it('audits every change and transition on the unit’s chain', async () => {
      expect(await auditActions('skm_report')).toEqual([
        'sections_update',
        'sections_update',
        'timeline_update',
        'statement_upload',
        'statement_upload',
        'validity_matrix',
        'submit',
        'return',
        'sections_update',
        'submit',
        'accept',
      ]);
      expect(await auditActions('shortfall_justification')).toEqual(['create', 'create', 'create', 'create']);
      const ret = await t.deps.dbh.db
        .selectFrom('audit_event')
        .select(['actor_id', 'actor_role', 'reason'])
        .where('entity_type', '=', 'skm_report')
        .where('action', '=', 'return')
        .executeTakeFirstOrThrow();
      expect(ret).toEqual({
        actor_id: coordinator.userId,
        actor_role: 'skm_coordinator',
        reason: 'Lengkapi analisis masalah pada BAB IV.',
      });
    });
  });

  describe('coordinator board', () => {
    const boardUrl = () => `/api/v1/campaigns/${campaignId}/reports`;

    it('shows every unit with status and deadline; nobody is late before the deadline', async () => {
      const r = await call(coordinator, 'GET', boardUrl());
      expect(r.statusCode, r.body).toBe(200);
      const rows = r.json().rows as { unitId: string; status: string; late: boolean; deadline: string; missing: unknown[] }[];
      expect(rows).toHaveLength(3);
      const tarakan = rows.find((x) => x.unitId === fx.tarakan);
      expect(tarakan).toMatchObject({ status: 'accepted', late: false, deadline: '2024-07-31', missing: [] });
      expect(rows.find((x) => x.unitId === fx.loka)).toMatchObject({ status: 'draft', late: false });
      // The Loka declared NIHIL; its statement and one justification are still missing.
      expect(rows.find((x) => x.unitId === fx.loka)?.missing.map((m) => (m as { code: string }).code)).toEqual([
        'statement',
        'shortfallJustification',
      ]);
    });

    it('flags late units in their own calendar (Jayapura is past midnight, Jakarta is not)', async () => {
      await clockTo('2024-07-31T15:30:00.000Z'); // 00:30 on 1 August in Jayapura, 22:30 on 31 July in Jakarta
      const rows = (await call(coordinator, 'GET', boardUrl())).json().rows as { unitId: string; late: boolean }[];
      expect(Object.fromEntries(rows.map((x) => [x.unitId, x.late]))).toEqual({
        [fx.tarakan]: false,
        [fx.loka]: true,
        [fx.central]: false,
      });
      const lateOnly = (await call(coordinator, 'GET', `${boardUrl()}?late=true`)).json().rows;
      expect(lateOnly.map((x: { unitId: string }) => x.unitId)).toEqual([fx.loka]);
    });

    it('limits the board to the reader’s units', async () => {
      const rows = (await call(operator, 'GET', boardUrl())).json().rows;
      expect(rows.map((x: { unitId: string }) => x.unitId)).toEqual([fx.tarakan]);
    });

    it('reminds the late units’ operators and heads in the app (coordinator only)', async () => {
      expect((await call(operator, 'POST', `${boardUrl()}/reminders`, {})).statusCode).toBe(403);
      const bad = await call(coordinator, 'POST', `${boardUrl()}/reminders`, { unitIds: [fx.loka, fx.office] });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.fields[0].field).toBe('body.unitIds.1');
      // Central is not late yet: selecting it sends nothing.
      expect((await call(coordinator, 'POST', `${boardUrl()}/reminders`, { unitIds: [fx.central] })).json()).toEqual({
        units: 0,
        notified: 0,
      });
      const r = await call(coordinator, 'POST', `${boardUrl()}/reminders`, {});
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toEqual({ units: 1, notified: 2 });
      for (const user of [lokaOperator, lokaHead]) {
        const notes = await notificationsOf(user.userId);
        expect(notes.map((n) => n.kind)).toEqual(['report_reminder']);
        expect(notes[0]?.body).toContain('2024-07-31');
      }
      expect((await notificationsOf(operator.userId)).map((n) => n.kind)).toEqual(['report_returned', 'report_accepted']);
    });
  });
});
