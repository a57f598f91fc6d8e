/*
 * Issue 6 "How it will be checked", steps 1–4, in headless Chromium: a unit fills its plan for a closed campaign
 * (refused first: a malformed date, then a missing element), uploads evidence (a renamed executable refused), an
 * inspector evaluates the actions (Open needs a note), the cutoff passes and the Lampiran are shown. axe-clean.
 */
import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor, Role } from '../../src/modules/auth/actor.ts';
import { closedCampaign, insertSnapshot, unitId } from '../action-plans/fixtures.ts';
import { axeViolations } from '../helpers/axe.ts';
import {
  createUser,
  describeBrowser,
  ensureWebBuilt,
  launchChromium,
  type RunningServer,
  startServer,
} from '../helpers/browser.ts';

const WAIT = { timeout: 15_000, interval: 100 };
const TARAKAN_2024 = ['89.39', '86.36', '92.42', '90.91', '91.67', '93.94', '93.94', '94.70', '90.15'];
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(300, 0x90)]);

describeBrowser('RTL and monitoring UI in headless Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const users: Record<string, { username: string; password: string; userId: string }> = {};
  let tarakan: string;
  let cycleId: string;

  async function makeUser(key: string, role: Role, unit: string | null) {
    const username = `${key}${randomBytes(3).toString('hex')}`;
    const password = `Rahasia-${randomBytes(6).toString('hex')}`;
    const userId = await createUser(server, { username, password, fullName: `Uji ${key}`, role, unitId: unit });
    users[key] = { username, password, userId };
  }
  const actorOf = (key: string, role: Role): Actor => ({
    userId: users[key]?.userId ?? '',
    username: users[key]?.username ?? '',
    fullName: key,
    grants: [{ role, unitId: null }],
    mustChangePassword: false,
    sessionId: 'setup',
    locale: 'id',
  });

  async function login(key: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${server.origin}/app/login`);
    await page.getByLabel('Nama pengguna').fill(users[key]?.username ?? '');
    await page.getByLabel('Kata sandi').fill(users[key]?.password ?? '');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByRole('navigation', { name: 'Menu utama' }).waitFor();
    return page;
  }

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startServer();
    const db = server.deps.dbh.db;
    tarakan = await unitId(db, 'BPOM-TRK');
    await makeUser('operator', 'unit_operator', tarakan);
    await makeUser('inspektur', 'inspectorate', null);
    const campaignId = await closedCampaign(db, 2024, [tarakan]);
    await insertSnapshot(db, { kind: 'skm_unit', unitId: tarakan, campaignId, published: TARAKAN_2024 });
    const insp = actorOf('inspektur', 'inspectorate');
    await server.deps.services.recommendations.generate(insp, campaignId);
    // A semester cycle whose cutoff date has already passed (so the cutoff can be applied in step 4).
    const yesterday = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    const cycle = await server.deps.services.monitoring.createCycle(insp, {
      name: 'Semester I Uji',
      year: 2025,
      semester: 1,
      basisCampaignId: campaignId,
      assignmentLetterNo: 'PI.06.01/UJI',
      cutoffDate: yesterday,
      team: [{ name: 'Ketua Tim Uji', role: 'ketua_tim' }],
    });
    await server.deps.services.monitoring.transition(insp, cycle.id, 'open');
    cycleId = cycle.id;
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.close();
  });

  it('steps 1–2: the unit enters its plan (refusals shown), submits it and uploads evidence', async () => {
    const page = await login('operator');
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.getByRole('navigation', { name: 'Menu utama' }).getByRole('link', { name: 'Tindak Lanjut (RTL)' }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent(), WAIT)
      .toBe('Tindak lanjut: Balai POM di Tarakan');
    expect(await axeViolations(page, { seriousOnly: true })).toEqual([]);
    await page.getByRole('link', { name: /^3\. Menyusun dan memantau rencana aksi/ }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), WAIT).toBe('Rekomendasi 3 (2024)');

    // A malformed date is refused next to the field.
    const form = page.getByRole('form', { name: 'Tambah rencana aksi' });
    await form.getByLabel('U1', { exact: true }).check();
    await form.getByLabel(/^Rencana tindak lanjut/).fill('Menyusun infografis persyaratan layanan');
    await form.getByLabel(/^Timeline/).fill('31/12/202');
    await form.getByLabel(/^Penanggung jawab/).fill('Tata Usaha');
    await form.getByRole('button', { name: 'Simpan rencana aksi' }).click();
    await expect.poll(() => form.locator('.field-error').first().textContent(), WAIT).toContain('31/12/202');
    expect(await form.getByLabel(/^Timeline/).getAttribute('aria-invalid')).toBe('true');
    await form.getByLabel(/^Timeline/).fill('31/03/2025');
    await form.getByRole('button', { name: 'Simpan rencana aksi' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 3 }).count(), WAIT).toBe(1);

    // Submitting a plan that leaves out U2 and U9 is refused, naming them.
    await page.getByRole('button', { name: 'Sampaikan rencana aksi' }).click();
    const alert = page.getByRole('alert').first();
    await expect.poll(() => alert.textContent(), WAIT).toContain('Belum terdapat rencana aksi untuk unsur U2');
    expect(await alert.textContent()).toContain('U9');
    expect(await axeViolations(page, { seriousOnly: true })).toEqual([]);

    await form.getByLabel('U2', { exact: true }).check();
    await form.getByLabel('U9', { exact: true }).check();
    await form.getByLabel(/^Rencana tindak lanjut/).fill('Memperbaiki SOP dan menata ruang tunggu');
    await form.getByLabel(/^Timeline/).fill('TW 2 2025');
    await form.getByRole('button', { name: 'Simpan rencana aksi' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 3 }).count(), WAIT).toBe(2);
    await page.getByRole('button', { name: 'Sampaikan rencana aksi' }).click();
    await expect.poll(() => page.getByText('Rencana aksi disampaikan.').count(), WAIT).toBe(1);
    // The badge follows the refetched plan, which may land after the success message.
    await expect.poll(() => page.locator('.badge').first().textContent(), WAIT).toBe('Disampaikan');

    // Evidence: a renamed executable is refused by content; a real PDF is accepted.
    const first = page.locator('section.rtl-action').first();
    const fileInput = first.getByLabel('Berkas (PDF, gambar, dokumen Office)');
    await fileInput.setInputFiles({ name: 'notulen-rapat.pdf', mimeType: 'application/pdf', buffer: EXE });
    await first.getByRole('button', { name: 'Unggah data dukung' }).click();
    await expect.poll(() => first.getByRole('alert').count(), WAIT).toBe(1);
    expect(await first.getByRole('alert').textContent()).toContain('notulen-rapat.pdf');
    expect(await first.getByRole('link', { name: 'notulen-rapat.pdf' }).count()).toBe(0);
    await fileInput.setInputFiles({ name: 'undangan-fkp.pdf', mimeType: 'application/pdf', buffer: PDF });
    await first.getByRole('button', { name: 'Unggah data dukung' }).click();
    await expect.poll(() => first.getByRole('link', { name: 'undangan-fkp.pdf' }).count(), WAIT).toBe(1);
    expect(await axeViolations(page, { seriousOnly: true })).toEqual([]);
    expect(errors).toEqual([]);
  }, 120_000);

  it('steps 3–4: the inspector evaluates (Open needs a note), applies the cutoff and reads the Lampiran', async () => {
    const page = await login('inspektur');
    const asg = await server.deps.dbh.db
      .selectFrom('rtl_assignment as a')
      .innerJoin('rtl_recommendation as r', 'r.id', 'a.recommendation_id')
      .select('a.id')
      .where('a.unit_id', '=', tarakan)
      .where('r.number', '=', 3)
      .executeTakeFirstOrThrow();
    await page.goto(`${server.origin}/app/rtl/rekomendasi/${asg.id}`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), WAIT).toBe('Rekomendasi 3 (2024)');
    const [a1, a2] = [page.locator('section.rtl-action').nth(0), page.locator('section.rtl-action').nth(1)];

    const evalForm = a1.getByRole('form', { name: 'Evaluasi Inspektorat' });
    await evalForm.getByLabel('Status', { exact: true }).selectOption('open');
    await evalForm.getByRole('button', { name: 'Simpan evaluasi' }).click();
    await expect.poll(() => evalForm.getByRole('alert').count(), WAIT).toBe(1);
    expect(await evalForm.locator('.field-error').allTextContents()).toHaveLength(2);
    await evalForm.getByLabel(/^Kode alasan/).selectOption('evidence_insufficient');
    await evalForm.getByLabel(/^Catatan/).fill('Notulen belum ditandatangani pimpinan');
    await evalForm.getByRole('button', { name: 'Simpan evaluasi' }).click();
    await expect
      .poll(() => a1.getByText('Notulen belum ditandatangani pimpinan', { exact: false }).count(), WAIT)
      .toBeGreaterThan(0);

    const evalForm2 = a2.getByRole('form', { name: 'Evaluasi Inspektorat' });
    await evalForm2.getByRole('button', { name: 'Simpan evaluasi' }).click();
    await expect.poll(() => a2.locator('dd').nth(3).textContent(), WAIT).toBe('Close');
    expect(await axeViolations(page, { seriousOnly: true })).toEqual([]);

    // The cutoff passes: the summaries are frozen and the Lampiran show the result.
    await page.goto(`${server.origin}/app/rtl/siklus/${cycleId}`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), WAIT).toBe('Semester I Uji');
    await page.getByRole('button', { name: 'Ubah ke: Cutoff' }).click();
    await expect.poll(() => page.getByText('Data dibekukan pada cutoff.').count(), WAIT).toBe(1);
    const l1 = page.getByRole('table', { name: 'Lampiran 1: Matriks Ringkasan' });
    const row = l1.getByRole('row', { name: /Balai POM di Tarakan/ });
    expect((await row.getByRole('cell').allTextContents()).slice(1, 7)).toEqual([
      'Balai POM di Tarakan',
      '1',
      '1',
      '2',
      '1',
      '50,00',
    ]);
    expect(await l1.locator('tfoot td').allTextContents()).toEqual(['1', '1', '2', '1', '50,00', '']);
    const l2 = page.getByRole('table', { name: 'Lampiran 2: Matriks Rincian' });
    await expect.poll(() => l2.getByRole('row').count(), WAIT).toBe(3);
    expect(await page.getByRole('link', { name: 'Laporan Monev (PDF)' }).getAttribute('href')).toBe(
      `/api/v1/monitoring-cycles/${cycleId}/report?format=pdf`,
    );
    const pdf = await page.request.get(`${server.origin}/api/v1/monitoring-cycles/${cycleId}/report?format=pdf&part=lampiran1`);
    expect(pdf.status()).toBe(200);
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    expect(await axeViolations(page, { seriousOnly: true })).toEqual([]);

    await page.goto(`${server.origin}/app/rtl/monitoring`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), WAIT).toBe('Monitoring dan Evaluasi RTL');
    await expect.poll(() => page.getByRole('heading', { name: 'Efektivitas rencana aksi' }).count(), WAIT).toBe(1);
    expect(await axeViolations(page, { seriousOnly: true })).toEqual([]);
  }, 120_000);
});
