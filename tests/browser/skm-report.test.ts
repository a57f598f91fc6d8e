import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Role } from '../../src/modules/auth/actor.ts';
import { axeViolations } from '../helpers/axe.ts';
import {
  createUser,
  describeBrowser,
  ensureWebBuilt,
  launchChromium,
  type RunningServer,
  startServer,
} from '../helpers/browser.ts';
import { SAME_ORIGIN } from '../helpers/engines.ts';

const WAIT = { timeout: 15_000, interval: 100 };
const UNIT = 'Balai POM di Tarakan';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describeBrowser('SKM report workflow in headless Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let campaignId: string;
  let unitId: string;
  const campaignName = `SKM Laporan Uji ${randomBytes(3).toString('hex')}`;
  const users: Record<'operator' | 'head' | 'coordinator', { username: string; password: string }> = {
    operator: { username: `op${randomBytes(3).toString('hex')}`, password: `Operator-${randomBytes(6).toString('hex')}` },
    head: { username: `kepala${randomBytes(3).toString('hex')}`, password: `Kepala-${randomBytes(6).toString('hex')}` },
    coordinator: { username: `koord${randomBytes(3).toString('hex')}`, password: `Koord-${randomBytes(6).toString('hex')}` },
  };

  const addUser = (username: string, password: string, fullName: string, role: Role, unit: string | null) =>
    createUser(server, { username, password, fullName, role, unitId: unit });

  async function loginPage(who: keyof typeof users): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${server.origin}/app/login`);
    await page.getByLabel('Nama pengguna').fill(users[who].username);
    await page.getByLabel('Kata sandi').fill(users[who].password);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByRole('navigation', { name: 'Menu utama' }).waitFor();
    return page;
  }

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startServer();
    const db = server.deps.dbh.db;
    unitId = (await db.selectFrom('org_unit').select('id').where('code', '=', 'BPOM-TRK').executeTakeFirstOrThrow()).id;
    await addUser(users.operator.username, users.operator.password, 'Operator Tarakan Uji', 'unit_operator', unitId);
    await addUser(users.head.username, users.head.password, 'Kepala Tarakan Uji', 'unit_head', unitId);
    await addUser(users.coordinator.username, users.coordinator.password, 'Koordinator Uji', 'skm_coordinator', null);
    // A campaign already past its report deadline, in the reporting stage (the campaign screens are tested elsewhere).
    const login = await server.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: SAME_ORIGIN,
      payload: users.coordinator,
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0] as string;
    const call = (url: string, payload: object) =>
      server.app.inject({
        method: 'POST',
        url,
        headers: { cookie, ...SAME_ORIGIN },
        payload: payload as Record<string, unknown>,
      });
    const created = await call('/api/v1/campaigns', {
      year: 2024,
      name: campaignName,
      profileCode: 'bpom-2024',
      collectionStart: '2024-01-02',
      collectionEnd: '2024-03-31',
      validityMatrixDue: '2024-04-10',
      reportDue: '2024-04-30',
      units: [{ unitId }],
    });
    expect(created.statusCode, created.body).toBe(201);
    campaignId = created.json().id;
    for (const to of ['targets_set', 'collecting', 'validating', 'reporting']) {
      const r = await call(`/api/v1/campaigns/${campaignId}/transition`, { to });
      expect(r.statusCode, r.body).toBe(200);
    }
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the refusal, then completes the report and submits it; the coordinator returns it; the unit is told', async () => {
    // 1. The head finds the late report from the menu and the board.
    const head = await loginPage('head');
    const errors: string[] = [];
    head.on('pageerror', (e) => errors.push(e.message));
    await head.getByRole('navigation', { name: 'Menu utama' }).getByRole('link', { name: 'Laporan SKM' }).click();
    await head.getByRole('link', { name: campaignName }).click();
    await head.waitForURL(`**/app/laporan-skm/${campaignId}`);
    const row = head.getByRole('row', { name: new RegExp(UNIT) });
    await row.getByText('Terlambat', { exact: true }).waitFor();
    expect(await axeViolations(head, { seriousOnly: true })).toEqual([]);
    await row.getByRole('link', { name: UNIT }).click();
    await head.waitForURL(`**/app/laporan-skm/${campaignId}/unit/${unitId}`);
    await expect.poll(() => head.getByRole('heading', { level: 1 }).textContent(), WAIT).toBe(`Laporan SKM ${UNIT}`);
    expect(await axeViolations(head, { seriousOnly: true })).toEqual([]);

    // 2. Submitting now is refused, and the page says why.
    await head.getByRole('button', { name: 'Setujui dan sampaikan laporan' }).click();
    await head.getByRole('dialog').getByRole('button', { name: 'Setujui dan sampaikan laporan' }).click();
    const refusal = head.getByRole('alert').filter({ hasText: 'Permintaan ditolak' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('Surat Pernyataan Kebenaran Data bertanda tangan basah dan cap belum diunggah');
    expect(await refusal.textContent()).toContain('Matriks validitas belum disampaikan');

    // 3. Write a section, upload the signed statement, declare NIHIL, justify every shortfall.
    const team = head.getByLabel('2.1 Pelaksana SKM');
    await team.fill('Tim SKM sesuai SK Kepala Balai Nomor 1 Tahun 2024');
    await head.getByRole('button', { name: 'Simpan 2.1 Pelaksana SKM' }).click();
    await head.getByRole('status').filter({ hasText: 'Tersimpan.' }).first().waitFor();

    await head
      .getByLabel('Berkas Surat Pernyataan')
      .setInputFiles({ name: 'pernyataan.pdf', mimeType: 'application/pdf', buffer: PDF });
    await head.getByRole('button', { name: 'Unggah Surat Pernyataan' }).click();
    await head.getByRole('link', { name: 'pernyataan.pdf' }).waitFor();

    await head.getByLabel('NIHIL: tidak ada respons tidak valid').check();
    await head.getByRole('button', { name: 'Simpan status matriks' }).click();
    await head.getByText('Dinyatakan NIHIL', { exact: false }).first().waitFor();

    const just = head.getByRole('region', { name: 'Justifikasi tidak terpenuhinya target responden' });
    const boxes = just.locator('textarea');
    const n = await boxes.count();
    expect(n).toBeGreaterThan(0);
    for (let i = 0; i < n; i++) await boxes.nth(i).fill('Tidak ada permohonan layanan selama periode survei.');
    await just.getByRole('button', { name: 'Simpan justifikasi' }).click();
    await just.getByRole('status').filter({ hasText: 'Tersimpan.' }).waitFor();
    await expect.poll(() => head.getByText('(lengkap)').count(), WAIT).toBe(1);

    // 4. Now the submission goes through.
    await head.getByRole('button', { name: 'Setujui dan sampaikan laporan' }).click();
    await head.getByRole('dialog').getByRole('button', { name: 'Setujui dan sampaikan laporan' }).click();
    await head.getByRole('status').filter({ hasText: 'Laporan telah disampaikan kepada koordinator SKM.' }).waitFor();
    await expect.poll(() => head.locator('.page-head .badge').textContent(), WAIT).toBe('Disampaikan');
    expect(await axeViolations(head, { seriousOnly: true })).toEqual([]);
    const stored = await server.deps.dbh.db
      .selectFrom('skm_report')
      .select(['status', 'sections_json'])
      .where('campaign_id', '=', campaignId)
      .executeTakeFirstOrThrow();
    expect(stored.status).toBe('submitted');
    expect(JSON.parse(stored.sections_json).team).toContain('Nomor 1 Tahun 2024');
    expect(errors).toEqual([]);

    // 5. The coordinator sees it in the bell and returns it from the board with notes.
    const coord = await loginPage('coordinator');
    await coord.getByRole('button', { name: 'Notifikasi, 1 belum dibaca' }).waitFor();
    await coord.goto(`${server.origin}/app/laporan-skm/${campaignId}`);
    await coord.getByRole('button', { name: `Kembalikan ${UNIT}` }).click();
    const dialog = coord.getByRole('dialog');
    await dialog.getByLabel('Catatan untuk unit').fill('Lengkapi uraian permasalahan pada BAB IV.');
    await dialog.getByRole('button', { name: 'Kembalikan' }).click();
    await coord
      .getByRole('status')
      .filter({ hasText: `Laporan ${UNIT} dikembalikan.` })
      .waitFor();

    // 6. The operator is told in the app and lands on the returned report.
    const op = await loginPage('operator');
    const bell = op.getByRole('button', { name: 'Notifikasi, 1 belum dibaca' });
    await bell.click();
    await op.getByRole('link', { name: 'Laporan SKM dikembalikan' }).click();
    await op.waitForURL(`**/app/laporan-skm/${campaignId}/unit/${unitId}`);
    await op.getByRole('main').getByText('Lengkapi uraian permasalahan pada BAB IV.', { exact: true }).waitFor();
    await op.getByRole('button', { name: 'Notifikasi', exact: true }).waitFor();
    expect(await axeViolations(op, { seriousOnly: true })).toEqual([]);
  }, 180_000);
});
