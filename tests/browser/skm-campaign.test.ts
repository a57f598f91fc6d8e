import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
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
const UNIT = 'Balai POM di Tarakan';

describeBrowser('SKM admin UI in headless Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const username = `koord${randomBytes(3).toString('hex')}`;
  const password = `Koordinator-${randomBytes(6).toString('hex')}`;
  const campaignName = `SKM Uji Peramban ${randomBytes(3).toString('hex')}`;

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startServer();
    // An SKM coordinator with a known password (the account UI is covered by the admin-shell test).
    await createUser(server, { username, password, fullName: 'Koordinator SKM Uji', role: 'skm_coordinator', unitId: null });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it('creates a campaign, sets targets, collects, and sees a public submission arrive live', async () => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));

    await page.goto(`${server.origin}/app/login`);
    await page.getByLabel('Nama pengguna').fill(username);
    await page.getByLabel('Kata sandi').fill(password);
    await page.getByRole('button', { name: 'Masuk' }).click();
    const nav = page.getByRole('navigation', { name: 'Menu utama' });
    await nav.getByRole('link', { name: 'SKM', exact: true }).click();
    await page.waitForURL('**/app/skm');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), WAIT).toBe('Kampanye SKM');
    // The charts chunk is not loaded by the list.
    expect(requests.some((u) => /charts-view/.test(u))).toBe(false);

    // 1. Create a campaign for one Balai POM; a missing end date comes back next to its input.
    await page.getByRole('link', { name: 'Buat kampanye' }).click();
    await page.waitForURL('**/app/skm/baru');
    await page.getByLabel('Nama kampanye').fill(campaignName);
    const year = new Date().getFullYear();
    await page.getByLabel('Mulai pengumpulan data').fill(`${year}-01-01`);
    await page.getByLabel('Cari unit (nama atau kode)').fill('Tarakan');
    await page.getByLabel(`${UNIT} (BPOM-TRK)`).check();
    await expect.poll(() => page.getByText('1 unit dipilih').count(), WAIT).toBe(1);
    await page.getByLabel('Akhir pengumpulan data').fill('');
    await page.getByRole('button', { name: 'Buat kampanye' }).click();
    const end = page.getByLabel('Akhir pengumpulan data');
    await expect.poll(() => end.getAttribute('aria-invalid'), WAIT).toBe('true');
    await end.fill(`${year}-12-31`);
    await page.getByRole('button', { name: 'Buat kampanye' }).click();
    await page.waitForURL(/\/app\/skm\/[^/]+$/);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), WAIT).toBe(campaignName);
    const campaignId = page.url().split('/').pop() as string;

    // 2. Targets per service: override one with a reason.
    const targets = page.getByRole('region', { name: 'Target responden' });
    await targets.locator('tbody tr').first().waitFor();
    const firstService = (await targets.locator('tbody tr th').first().textContent()) as string;
    await targets.getByRole('button', { name: `Ubah target ${firstService}` }).click();
    await page.locator('input[name="target"]').fill('7');
    await page.locator('textarea[name="reason"]').fill('Populasi tahun lalu belum lengkap');
    await page.getByRole('button', { name: 'Simpan' }).click();
    await targets.getByText('diubah', { exact: true }).waitFor();
    const stored = await server.deps.dbh.db
      .selectFrom('campaign_target')
      .select(['target'])
      .where('campaign_id', '=', campaignId)
      .where('target', '=', 7)
      .execute();
    expect(stored).toHaveLength(1);

    // 3. draft → targets_set → collecting, each through a confirmation dialog.
    for (const status of ['Target ditetapkan', 'Pengumpulan data']) {
      await page.getByRole('button', { name: `Lanjut ke: ${status}` }).click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      await dialog.getByRole('button', { name: 'Ya, pindahkan' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: `Kampanye sekarang pada tahap "${status}".` })
        .waitFor();
    }
    const row = await server.deps.dbh.db
      .selectFrom('skm_campaign')
      .select(['status'])
      .where('id', '=', campaignId)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('collecting');

    // 4. The link of the unit, with QR downloads.
    const links = page.getByRole('region', { name: 'Tautan dan kode QR' });
    if ((await links.getByLabel(/^Tautan survei/).count()) === 0) {
      await links.getByRole('button', { name: 'Buat tautan yang belum ada' }).click();
    }
    const linkInput = links.getByLabel(`Tautan survei ${UNIT}`);
    await linkInput.waitFor();
    const formUrl = await linkInput.inputValue();
    expect(formUrl).toMatch(new RegExp(`^${server.origin}/s/[A-Za-z0-9_-]{27,}$`));
    const qr = await links.getByRole('link', { name: `QR (SVG) ${UNIT}` }).getAttribute('href');
    const svg = await page.request.get(`${server.origin}${qr}`);
    expect(svg.status()).toBe(200);
    expect(await svg.text()).toContain('<svg');
    const poster = await links.getByRole('link', { name: `Poster A4 (PDF) ${UNIT}` }).getAttribute('href');
    expect((await page.request.get(`${server.origin}${poster}`)).headers()['content-type']).toContain('application/pdf');

    // 5. The unit's live results page.
    const unitId = (
      await server.deps.dbh.db.selectFrom('org_unit').select(['id']).where('code', '=', 'BPOM-TRK').executeTakeFirstOrThrow()
    ).id;
    await page.getByRole('link', { name: `Hasil ${UNIT}` }).click();
    await page.waitForURL(`**/app/skm/${campaignId}/unit/${unitId}`);
    const submitted = page.locator('[data-testid="kpi-submitted-Unit (gabungan layanan)"]');
    await expect.poll(() => submitted.textContent(), WAIT).toBe('0');
    expect(await axeViolations(page, { seriousOnly: true })).toEqual([]);
    const pageUrl = page.url();

    // 6. A respondent fills the public form from the link (another browser context).
    const respondent = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const form = await respondent.newPage();
    await form.goto(formUrl);
    await form.locator('form#survey').waitFor();
    await form.evaluate(() => {
      const f = document.getElementById('survey') as HTMLFormElement;
      for (const fs of Array.from(f.querySelectorAll('fieldset'))) fs.hidden = false;
      const radios = new Map<string, HTMLInputElement[]>();
      for (const el of Array.from(
        f.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input,select,textarea'),
      )) {
        if (el.type === 'hidden' || el.name === 'website' || !el.name) continue;
        if (el instanceof HTMLSelectElement) el.selectedIndex = 1;
        else if (el.type === 'radio') radios.set(el.name, [...(radios.get(el.name) ?? []), el as HTMLInputElement]);
        else if (el.type === 'checkbox') (el as HTMLInputElement).checked = true;
        else if (el.type === 'number') el.value = el.name === 'age' ? '34' : '100';
        else if (el.name === 'phone') el.value = '0812-3456-7890';
        else if (el instanceof HTMLTextAreaElement) el.value = 'Pelayanan cepat.';
        else el.value = 'Responden Uji';
      }
      for (const group of radios.values()) (group[group.length - 1] as HTMLInputElement).checked = true;
    });
    // The form's challenge refuses posts faster than a person could answer.
    await form.waitForTimeout(3_200);
    await Promise.all([
      form.waitForURL(/\/thanks/),
      form.evaluate(() => (document.getElementById('survey') as HTMLFormElement).submit()),
    ]);
    await respondent.close();

    // 7. The count goes up on the open results page without a reload.
    await expect.poll(() => submitted.textContent(), { timeout: 25_000, interval: 250 }).toBe('1');
    expect(page.url()).toBe(pageUrl);
    const rowOfService = page.getByRole('region', { name: 'Per layanan' });
    await rowOfService.locator('tbody').waitFor();
    // Element values come with their grade letter, not colour alone.
    const elements = page.getByRole('table', { name: /^Nilai unsur/ });
    await expect.poll(() => elements.locator('tbody tr').count(), WAIT).toBe(9);
    await expect.poll(() => elements.locator('tbody tr').first().locator('.grade').textContent(), WAIT).toMatch(/^[ABCD]/);
    // The charts came as a separate chunk.
    expect(requests.some((u) => /charts-view/.test(u))).toBe(true);
    expect(await axeViolations(page, { seriousOnly: true })).toEqual([]);

    // English labels on the same page.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: /^SKM results/ }).waitFor();
    await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();
    await page.getByRole('heading', { name: /^Hasil SKM/ }).waitFor();

    // The response list shows it.
    await page.getByRole('navigation', { name: 'Halaman unit dalam kampanye' }).getByRole('link', { name: 'Respons' }).click();
    await expect.poll(() => page.locator('table tbody tr').first().locator('td').first().textContent(), WAIT).toBe('1');
    expect(errors).toEqual([]);
  }, 150_000);

  it('keeps the SKM pages usable at 360 px', async () => {
    const small = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const p = await small.newPage();
    p.setDefaultTimeout(15_000);
    await p.goto(`${server.origin}/app/login`);
    await p.getByLabel('Nama pengguna').fill(username);
    await p.getByLabel('Kata sandi').fill(password);
    await p.getByRole('button', { name: 'Masuk' }).click();
    await p.getByRole('navigation', { name: 'Menu utama' }).waitFor();
    const overflow = () => p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    for (const path of ['/app/skm', '/app/skm/baru']) {
      await p.goto(`${server.origin}${path}`);
      await p.locator('h1').waitFor();
      await p.waitForLoadState('networkidle');
      expect({ path, overflow: await overflow() }).toEqual({ path, overflow: 0 });
    }
    await small.close();
  }, 60_000);
});
