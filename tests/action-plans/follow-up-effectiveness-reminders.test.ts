/*
 * Issue 6 items 5, 7, 9: the unit's Laporan Hasil Tindak Lanjut SKM (Sudah/Belum, followUpPct, strategy table, with
 * the strategy entered through its own API), the effectiveness of actions in the next campaign, and the daily
 * reminder pass (in-app once per item and day; e-mail through a tiny SMTP server started here).
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/modules/auth/actor.ts';
import { documentTables, documentText } from '../../src/modules/reports/document/document.ts';
import { createTestApp, describeEachEngine, SAME_ORIGIN, type TestApp } from '../helpers/engines.ts';
import { loginAs } from '../helpers/login.ts';
import { closedCampaign, insertSnapshot, movableClock, unitId } from './fixtures.ts';

const TARAKAN_2024 = ['89.39', '86.36', '92.42', '90.91', '91.67', '93.94', '93.94', '94.70', '90.15'];
// The next campaign: U1 rises, U2 falls, U9 prints the same value.
const TARAKAN_2025 = ['90.00', '85.10', '92.00', '91.00', '91.00', '94.00', '94.00', '95.00', '90.15'];

/** A tiny SMTP server: records each message's envelope and data. */
function smtpServer() {
  const mails: { from: string; to: string[]; data: string }[] = [];
  const server = net.createServer((sock) => {
    let buf = '';
    let inData = false;
    let cur = { from: '', to: [] as string[], data: '' };
    sock.write('220 test ESMTP\r\n');
    sock.on('data', (chunk) => {
      buf += chunk.toString('utf8');
      for (;;) {
        if (inData) {
          const end = buf.indexOf('\r\n.\r\n');
          if (end < 0) return;
          cur.data = buf.slice(0, end);
          buf = buf.slice(end + 5);
          inData = false;
          mails.push(cur);
          cur = { from: '', to: [], data: '' };
          sock.write('250 queued\r\n');
          continue;
        }
        const i = buf.indexOf('\r\n');
        if (i < 0) return;
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        if (/^EHLO/i.test(line)) sock.write('250-test\r\n250 8BITMIME\r\n');
        else if (/^MAIL FROM:/i.test(line)) {
          cur.from = line.slice(10);
          sock.write('250 ok\r\n');
        } else if (/^RCPT TO:/i.test(line)) {
          cur.to.push(line.slice(8));
          sock.write('250 ok\r\n');
        } else if (/^DATA/i.test(line)) {
          inData = true;
          sock.write('354 go\r\n');
        } else if (/^QUIT/i.test(line)) sock.end('221 bye\r\n');
        else sock.write('502 no\r\n');
      }
    });
    sock.on('error', () => {});
  });
  return {
    mails,
    listen: () => new Promise<number>((r) => server.listen(0, '127.0.0.1', () => r((server.address() as net.AddressInfo).port))),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describeEachEngine('RTL follow-up report, effectiveness and reminders', (_engine, open) => {
  let t: TestApp;
  const clock = movableClock('2025-01-10T03:00:00.000Z');
  const smtp = smtpServer();
  let tarakan: string;
  let batam: string;
  const who: Record<string, { cookie: string; userId: string }> = {};
  const ids: Record<string, string> = {};
  let smtpPort = 0;

  const call = async (role: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => {
    const res = await t.app.inject({
      method,
      url,
      headers: { ...(method === 'GET' ? {} : SAME_ORIGIN), cookie: who[role]?.cookie ?? '' },
      ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
    });
    const json = String(res.headers['content-type'] ?? '').includes('json');
    return { status: res.statusCode, body: json && res.body ? res.json() : null, raw: res };
  };
  const opActor = (): Actor => ({
    userId: who.op?.userId ?? '',
    username: 'op',
    fullName: 'Op',
    grants: [{ role: 'unit_operator', unitId: tarakan }],
    mustChangePassword: false,
    sessionId: 's',
    locale: 'id',
  });

  beforeAll(async () => {
    t = await createTestApp(open, { seedDemo: true }, clock);
    const db = t.deps.dbh.db;
    tarakan = await unitId(db, 'BPOM-TRK');
    batam = await unitId(db, 'BPOM-BTM');
    const campaignId = await closedCampaign(db, 2024, [tarakan]);
    await insertSnapshot(db, { kind: 'skm_unit', unitId: tarakan, campaignId, published: TARAKAN_2024 });
    who.insp = await loginAs(t, 'inspectorate');
    who.op = await loginAs(t, 'unit_operator', tarakan);
    who.head = await loginAs(t, 'unit_head', tarakan);
    who.otherOp = await loginAs(t, 'unit_operator', batam);
    await db.updateTable('app_user').set({ email: 'operator.tarakan@example.test' }).where('id', '=', who.op.userId).execute();
    expect((await call('insp', 'POST', `/api/v1/campaigns/${campaignId}/recommendations/generate`)).status).toBe(200);
    const asg = (await call('op', 'GET', '/api/v1/rtl/assignments')).body.assignments as { id: string; number: number }[];
    const rec3 = asg.find((a) => a.number === 3)?.id as string;
    const create = async (over: Record<string, unknown>) => {
      const r = await call('op', 'POST', '/api/v1/rtl/actions', {
        assignmentId: rec3,
        allServices: true,
        causeAnalysis: 'Analisis penyebab',
        pic: 'Tata Usaha',
        ...over,
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body.id as string;
    };
    ids.a1 = await create({
      elements: [{ code: 'U1' }],
      actionText: 'Infografis persyaratan',
      timeline: '05/03/2025',
      priorityRank: 2,
    });
    ids.a2 = await create({ elements: [{ code: 'U2' }], actionText: 'Memperbaiki SOP', timeline: '20/01/2025', priorityRank: 1 });
    ids.a3 = await create({
      elements: [{ code: 'U9' }],
      actionText: 'Menata ruang tunggu',
      timeline: 'TW 4 2025',
      priorityRank: 3,
    });
    expect((await call('op', 'POST', `/api/v1/rtl/assignments/${rec3}/submit`)).status).toBe(200);
    smtpPort = await smtp.listen();
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await smtp.close();
  });

  describe('Laporan Hasil Tindak Lanjut SKM (DOMAIN 5.13.2)', () => {
    it('strategy: refused for a done RTL, for another unit, and accepted (audited) for an unfinished one', async () => {
      const done = await call('op', 'PUT', `/api/v1/rtl/actions/${ids.a1}/realisation`, {
        implementationStatus: 'done',
        realisationText: 'Infografis dipasang di laman',
        realisedAt: '2025-01-08',
      });
      expect(done.status).toBe(200);
      const body = {
        strategyText: 'Koordinasi dengan Biro Hukor',
        targetDate: '2025-06-30',
        pic: 'Tata Usaha',
        stakeholders: 'Biro Hukor',
      };
      expect((await call('op', 'PUT', `/api/v1/rtl/actions/${ids.a1}/strategy`, body)).status).toBe(409);
      expect((await call('otherOp', 'PUT', `/api/v1/rtl/actions/${ids.a2}/strategy`, body)).status).toBe(404);
      expect((await call('op', 'PUT', `/api/v1/rtl/actions/${ids.a2}/strategy`, { strategyText: '' })).status).toBe(400);
      const ok = await call('op', 'PUT', `/api/v1/rtl/actions/${ids.a2}/strategy`, body);
      expect(ok.status).toBe(200);
      expect(ok.body.strategy).toEqual(body);
      const audit = await t.deps.dbh.db
        .selectFrom('audit_event')
        .select('action')
        .where('entity_id', '=', ids.a2 as string)
        .where('action', '=', 'strategy')
        .execute();
      expect(audit).toHaveLength(1);
      await call('op', 'PUT', `/api/v1/rtl/actions/${ids.a2}/realisation`, {
        implementationStatus: 'not_done',
        obstacles: 'Menunggu penetapan SOP',
        strategy: body,
      });
    });

    it('prints Sudah/Belum, the completion % of the service (1 of 3 = 33,33%) and the strategy table', async () => {
      const data = await call('op', 'GET', `/api/v1/units/${tarakan}/rtl/follow-up-report?year=2024`);
      expect(data.body).toMatchObject({ total: 3, done: 1, followUpPct: '33.33' });
      const { doc } = await t.deps.services.rtlReports.followUpDocument(opActor(), tarakan, 2024);
      const text = documentText(doc);
      expect(text).toContain('telah menindaklanjuti rencana tindak lanjut sebanyak 33,33% (1 dari 3 rencana tindak lanjut)');
      const tables = documentTables(doc);
      const cells = (i: number) => tables[i]?.body.map((r) => r.map((c) => (typeof c === 'string' ? c : c.content)));
      // Tabel 1: published 2024 values with their grade.
      expect(cells(0)?.[1]).toEqual(['2', 'Sistem, Mekanisme, dan Prosedur', '86,36', 'B']);
      // Tabel 2: priority order (rank 1 = U2 first), numbered n.m, quarter marked.
      expect(cells(1)?.[0]).toEqual([
        '1',
        'U2 Sistem, Mekanisme, dan Prosedur',
        '1.1 Memperbaiki SOP',
        'X',
        '',
        '',
        '',
        'Tata Usaha',
      ]);
      // BAB III: Sudah / Belum with the realisation and the obstacles.
      const real = cells(2) ?? [];
      expect(real.map((r) => r.find((c) => c === 'Sudah' || c === 'Belum'))).toEqual(['Belum', 'Sudah', 'Belum']);
      expect(real[1]).toContain('Infografis dipasang di laman');
      // Strategy table for the two unfinished RTL.
      expect(cells(3)?.[0]).toEqual([
        '1',
        '1.1 Memperbaiki SOP',
        'Koordinasi dengan Biro Hukor',
        '30 Juni 2025',
        'Tata Usaha',
        'Biro Hukor',
      ]);
      expect(cells(3)?.[1]?.[2]).toBe('Belum diisi');
    });

    it('downloads as PDF and DOCX for the unit; another unit gets 404', async () => {
      const pdf = await call('op', 'GET', `/api/v1/units/${tarakan}/rtl/follow-up-report/document?year=2024&format=pdf`);
      expect(pdf.status).toBe(200);
      expect(pdf.raw.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      const docx = await call('head', 'GET', `/api/v1/units/${tarakan}/rtl/follow-up-report/document?year=2024&format=docx`);
      expect(docx.raw.rawPayload.subarray(0, 2).toString()).toBe('PK');
      expect((await call('otherOp', 'GET', `/api/v1/units/${tarakan}/rtl/follow-up-report/document?year=2024`)).status).toBe(404);
    }, 60_000);
  });

  describe('effectiveness in the next campaign (item 7)', () => {
    it('without the next campaign every element is "not measured" and nothing is listed', async () => {
      const r = await call('insp', 'GET', '/api/v1/rtl/effectiveness?basisYear=2024');
      expect(r.status).toBe(200);
      expect(r.body.counts).toEqual({ improved: 0, unchanged: 0, declined: 0, not_measured: 3 });
      expect(r.body.notImproved).toEqual([]);
    });

    it('with the 2025 values: U1 improved; the U2 (declined) and U9 (unchanged) actions are listed', async () => {
      await insertSnapshot(t.deps.dbh.db, { kind: 'skm_unit_published', unitId: tarakan, year: 2025, published: TARAKAN_2025 });
      const r = await call('insp', 'GET', '/api/v1/rtl/effectiveness?basisYear=2024');
      expect(
        r.body.elements.map((e: Record<string, string>) => [e.elementCode, e.beforeDisplay, e.afterDisplay, e.verdict]),
      ).toEqual([
        ['U1', '89,39', '90,00', 'improved'],
        ['U2', '86,36', '85,10', 'declined'],
        ['U9', '90,15', '90,15', 'unchanged'],
      ]);
      expect(
        r.body.notImproved.map((a: { actionId: string; elements: { deltaDisplay: string }[] }) => [
          a.actionId,
          a.elements[0]?.deltaDisplay,
        ]),
      ).toEqual([
        [ids.a2, '-1,26'],
        [ids.a3, '0,00'],
      ]);
      // The unit sees its own; another unit may not ask for it.
      expect((await call('op', 'GET', `/api/v1/rtl/effectiveness?basisYear=2024&unitId=${tarakan}`)).body.elements).toHaveLength(
        3,
      );
      expect((await call('otherOp', 'GET', `/api/v1/rtl/effectiveness?basisYear=2024&unitId=${tarakan}`)).status).toBe(403);
      expect((await call('otherOp', 'GET', '/api/v1/rtl/effectiveness?basisYear=2024')).body.elements).toEqual([]);
    });
  });

  describe('reminders for items due within 14 days (item 9)', () => {
    const unread = async (role: string) =>
      ((await call(role, 'GET', '/api/v1/me/notifications')).body.items as { kind: string; body: string }[]).filter(
        (n) => n.kind === 'rtl_due',
      );

    it('only the inspectorate or an administrator may trigger the pass', async () => {
      expect((await call('op', 'POST', '/api/v1/rtl/reminders/run')).status).toBe(403);
    });

    it('notifies the unit once per item and day: a second pass the same day adds nothing', async () => {
      const first = await call('insp', 'POST', '/api/v1/rtl/reminders/run');
      expect(first.status).toBe(200);
      // Due within 14 days of 10 Jan 2025: a2 (20 Jan). a1 is done, a3 is due in TW 4.
      expect(first.body).toMatchObject({ date: '2025-01-10', skipped: null, due: 1, created: 1, notified: 2, emailed: 0 });
      const second = await t.deps.services.rtlReminders.runDaily();
      expect(second).toMatchObject({ created: 0, notified: 0 });
      const mine = await unread('op');
      expect(mine).toHaveLength(1);
      expect(mine[0]?.body).toContain('Memperbaiki SOP');
      expect(mine[0]?.body).toContain('20 Januari 2025');
      expect(await unread('head')).toHaveLength(1);
      expect(await unread('otherOp')).toHaveLength(0);
      const job = await t.deps.dbh.db
        .selectFrom('job')
        .selectAll()
        .where('id', '=', 'rtl_reminders:2025-01-10')
        .executeTakeFirst();
      expect(job?.status).toBe('done');
    });

    it('with SMTP configured the pending reminder is mailed once to the unit’s addresses; a new day reminds again', async () => {
      t.deps.config.smtpUrl = `smtp://127.0.0.1:${smtpPort}`;
      try {
        const run = await t.deps.services.rtlReminders.runDaily();
        expect(run).toMatchObject({ created: 0, emailed: 1, emailFailed: 0 });
        expect(smtp.mails).toHaveLength(1);
        expect(smtp.mails[0]?.to).toEqual(['<operator.tarakan@example.test>']);
        const body = Buffer.from(smtp.mails[0]?.data.split('\r\n\r\n')[1]?.replace(/\r\n/g, '') ?? '', 'base64').toString('utf8');
        expect(body).toContain('20 Januari 2025: Memperbaiki SOP');
        expect((await t.deps.services.rtlReminders.runDaily()).emailed).toBe(0);
        expect(smtp.mails).toHaveLength(1);
        clock.set('2025-01-11T03:00:00.000Z');
        const next = await t.deps.services.rtlReminders.runDaily();
        expect(next).toMatchObject({ date: '2025-01-11', created: 1, emailed: 1 });
        // Read from the table: a day later the test sessions have expired.
        const rows = await t.deps.dbh.db
          .selectFrom('notification')
          .select('id')
          .where('user_id', '=', who.op?.userId ?? '')
          .where('kind', '=', 'rtl_due')
          .execute();
        expect(rows).toHaveLength(2);
      } finally {
        t.deps.config.smtpUrl = undefined;
        clock.set('2025-01-10T03:00:00.000Z');
      }
    });
  });
});
