import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { axeViolations } from '../helpers/axe.ts';
import { describeBrowser, ensureWebBuilt, launchChromium, type RunningServer, startServer } from '../helpers/browser.ts';

/** Web-first waiting: the UI renders asynchronously after each click. */
const WAIT = { timeout: 10_000, interval: 100 };

describeBrowser('admin UI shell in headless Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const newPassword = `Baru-${randomBytes(6).toString('hex')}`;
  const serviceName = `Layanan Uji Peramban ${randomBytes(3).toString('hex')}`;

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startServer();
    browser = await launchChromium();
    // An English browser: the UI must still start in Indonesian.
    context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it('logs in, forces the password change, creates a service, switches language and logs out', async () => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    // `/` redirects to the app, which sends an anonymous visitor to the login page.
    await page.goto(`${server.origin}/`);
    await page.waitForURL('**/app/login');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), WAIT).toBe('Masuk ke Mutu');
    expect(await page.getAttribute('html', 'lang')).toBe('id');
    expect(await axeViolations(page, { seriousOnly: true })).toEqual([]);

    // A wrong password shows the server's message.
    await page.getByLabel('Nama pengguna').fill(server.config.adminUser);
    await page.getByLabel('Kata sandi').fill('salah-sekali');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByRole('alert').waitFor();

    await page.getByLabel('Kata sandi').fill(server.config.adminPassword as string);
    await page.getByRole('button', { name: 'Masuk' }).click();

    // The first login is blocked by the password change: no navigation yet.
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), WAIT).toBe('Ganti kata sandi');
    expect(await page.getByRole('navigation', { name: 'Menu utama' }).count()).toBe(0);
    await page.getByLabel('Kata sandi saat ini').fill(server.config.adminPassword as string);
    await page.getByLabel('Kata sandi baru', { exact: false }).first().fill('pendek');
    await page.getByLabel('Ulangi kata sandi baru').fill('pendek');
    await page.getByRole('button', { name: 'Simpan kata sandi' }).click();
    const newInput = page.locator('input[name="newPassword"]');
    await expect.poll(() => newInput.getAttribute('aria-invalid'), WAIT).toBe('true');
    await newInput.fill(newPassword);
    await page.getByLabel('Ulangi kata sandi baru').fill(newPassword);
    await page.getByRole('button', { name: 'Simpan kata sandi' }).click();

    // The shell: every capability in the navigation, plus the admin pages.
    // The landmark's name follows the language too.
    const nav = page.getByRole('navigation', { name: /^(Menu utama|Main menu)$/ });
    await nav.waitFor();
    for (const label of ['SKM', 'SPKP/SPAK', 'Tindak Lanjut (RTL)', 'Kinerja (SAKIP)', 'Organisasi', 'Pengguna', 'Audit']) {
      await nav.getByRole('link', { name: label, exact: true }).waitFor();
    }
    await expect.poll(() => page.getByRole('banner').textContent(), WAIT).toContain('Administrator Sistem');
    await page.getByRole('link', { name: 'Langsung ke konten utama' }).focus();
    await page.getByRole('link', { name: 'Langsung ke konten utama' }).waitFor();

    // Organisasi: the 97 public-service units of the 2024 table.
    await nav.getByRole('link', { name: 'Organisasi' }).click();
    await page.waitForURL('**/app/organisasi');
    await expect.poll(() => nav.getByRole('link', { name: 'Organisasi' }).getAttribute('aria-current'), WAIT).toBe('page');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), WAIT).toBe('Organisasi');
    await page.getByLabel('Hanya unit pelayanan publik (UPP)').check();
    await page.getByRole('button', { name: 'Terapkan' }).click();
    await expect.poll(() => page.locator('.pagination .count').textContent(), WAIT).toContain('dari 97 unit');
    expect(await axeViolations(page, { seriousOnly: true })).toEqual([]);

    // Open one unit through the search.
    await page.getByLabel('Cari nama atau kode').fill('Serang');
    await page.getByRole('button', { name: 'Terapkan' }).click();
    await page.getByRole('link', { name: 'Balai Besar POM di Serang' }).click();
    await page.waitForURL(/\/app\/organisasi\/[^/]+$/);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), WAIT).toContain('Balai Besar POM di Serang');
    const services = page.getByRole('region', { name: /^Layanan/ });
    await services.locator('tbody tr').first().waitFor();
    const before = await services.locator('tbody tr').count();

    // Add a service; a bad divisor comes back from the server next to its input.
    await page.getByRole('button', { name: 'Tambah layanan' }).click();
    await page.getByLabel('Jenis layanan').fill(serviceName);
    await page.getByLabel('Nama aplikasi').fill('e-Uji');
    await page.getByLabel('Cara pelayanan').selectOption('online');
    const divisor = page.getByLabel('Pembagi populasi');
    await divisor.fill('0');
    await page.getByRole('button', { name: 'Simpan' }).click();
    await expect.poll(() => divisor.getAttribute('aria-invalid'), WAIT).toBe('true');
    const describedBy = (await divisor.getAttribute('aria-describedby')) ?? '';
    expect(describedBy).toMatch(/error/);
    await divisor.fill('4');
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Layanan "${serviceName}" ditambahkan.` })
      .waitFor();
    await services.getByRole('rowheader', { name: serviceName }).waitFor();
    expect(await services.locator('tbody tr').count()).toBe(before + 1);

    // It is stored: a reload lists it again.
    await page.reload();
    await page
      .getByRole('region', { name: /^Layanan/ })
      .getByRole('rowheader', { name: serviceName })
      .waitFor();
    const unitId = page.url().split('/').pop() as string;
    const stored = await server.deps.dbh.db
      .selectFrom('unit_service')
      .innerJoin('service_type', 'service_type.id', 'unit_service.service_type_id')
      .select([
        'unit_service.unit_id',
        'unit_service.delivery_mode',
        'unit_service.population_divisor',
        'unit_service.application_name',
      ])
      .where('service_type.name', '=', serviceName)
      .execute();
    expect(stored).toEqual([{ unit_id: unitId, delivery_mode: 'online', population_divisor: 4, application_name: 'e-Uji' }]);
    expect(await axeViolations(page, { seriousOnly: true })).toEqual([]);

    // English labels, persisted on the account.
    await page.getByRole('button', { name: 'English' }).click();
    await nav.getByRole('link', { name: 'Organisation' }).waitFor();
    await nav.getByRole('link', { name: 'Users' }).waitFor();
    await page.getByRole('heading', { name: /^Services/ }).waitFor();
    await page.getByRole('button', { name: 'Log out' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.reload();
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Performance (SAKIP)' }).waitFor();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), WAIT).toContain('Balai Besar POM di Serang');
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === 'lang')?.value).toBe('en');
    await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();
    await nav.getByRole('link', { name: 'Pengguna' }).waitFor();

    // Log out: back at the login page, and the app is closed again.
    await page.getByRole('button', { name: 'Keluar' }).click();
    await page.waitForURL('**/app/login');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), WAIT).toBe('Masuk ke Mutu');
    await page.goto(`${server.origin}/app/organisasi`);
    await page.waitForURL('**/app/login');
    expect((await context.cookies()).find((c) => c.name === 'mutu_session')).toBeUndefined();

    expect(errors).toEqual([]);
  }, 120_000);

  // The tests below reuse the account whose password the first test changed.
  async function logIn(p: Page) {
    await p.goto(`${server.origin}/app/login`);
    await p.getByLabel('Nama pengguna').fill(server.config.adminUser);
    await p.getByLabel('Kata sandi').fill(newPassword);
    await p.getByRole('button', { name: 'Masuk' }).click();
    await p.getByRole('navigation', { name: 'Menu utama' }).waitFor();
  }

  it('keeps the layout usable at 360 px', async () => {
    const small = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const p = await small.newPage();
    p.setDefaultTimeout(15_000);
    const overflow = () => p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    await p.goto(`${server.origin}/app/login`);
    await expect.poll(() => p.getByRole('heading', { level: 1 }).textContent(), WAIT).toBe('Masuk ke Mutu');
    expect(await overflow()).toBeLessThanOrEqual(0);
    await logIn(p);
    // Wide tables scroll inside their own box; the page itself never scrolls sideways.
    for (const path of ['/app/organisasi', '/app/pengguna', '/app/audit']) {
      await p.goto(`${server.origin}${path}`);
      await p.locator('table tbody tr').first().waitFor();
      expect({ path, overflow: await overflow() }).toEqual({ path, overflow: 0 });
    }
    await small.close();
  }, 60_000);

  it('creates a user, locks and unlocks it, scopes its view, refuses a bad CSV whole and issues a reset link', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const p = await ctx.newPage();
    p.setDefaultTimeout(15_000);
    await logIn(p);
    await p.getByRole('navigation', { name: 'Menu utama' }).getByRole('link', { name: 'Pengguna' }).click();
    await p.waitForURL('**/app/pengguna');

    const username = `op${randomBytes(3).toString('hex')}`;
    await p.getByRole('button', { name: 'Tambah pengguna' }).click();
    const form = p.getByRole('region', { name: 'Tambah pengguna' });
    await form.getByLabel('Nama pengguna').fill(username);
    await form.getByLabel('Nama lengkap').fill('Operator Uji');
    await form.getByLabel('Peran 1', { exact: true }).selectOption('unit_operator');
    await form.getByLabel('Unit untuk peran 1').selectOption({ label: 'Balai Besar POM di Serang' });
    await form.getByRole('button', { name: 'Simpan' }).click();
    const secret = p.getByLabel('Kata sandi sementara');
    await secret.waitFor();
    const temporary = await secret.inputValue();
    expect(temporary.length).toBeGreaterThanOrEqual(10);
    const row = await server.deps.dbh.db
      .selectFrom('app_user')
      .select(['must_change_password'])
      .where('username', '=', username)
      .executeTakeFirst();
    expect(row).toEqual({ must_change_password: 1 });
    await p.getByRole('button', { name: 'Tutup' }).click();
    expect(await p.getByLabel('Kata sandi sementara').count()).toBe(0);

    // Repeated failures lock the account; the login page says so.
    const visitor = await browser.newContext();
    const v = await visitor.newPage();
    v.setDefaultTimeout(15_000);
    await v.goto(`${server.origin}/app/login`);
    await v.getByLabel('Nama pengguna').fill(username);
    let lockedShown = false;
    for (let i = 0; i < server.config.loginMaxFailures + 1 && !lockedShown; i++) {
      await v.getByLabel('Kata sandi').fill(`salah-${i}`);
      await v.getByRole('button', { name: 'Masuk' }).click();
      await v.getByRole('alert').waitFor();
      await v.waitForFunction(() => !document.querySelector('button[type=submit]')?.textContent?.includes('Sedang'));
      lockedShown = ((await v.getByRole('alert').textContent()) ?? '').includes('Akun terkunci');
    }
    expect(lockedShown).toBe(true);

    // The administrator unlocks it from the list.
    await p.reload();
    await p.getByRole('button', { name: `Buka kunci ${username}` }).click();
    await p
      .getByRole('status')
      .filter({ hasText: `Akun ${username} sudah dibuka.` })
      .waitFor();

    // The new user logs in with the temporary password, must change it, and sees only what the role may use.
    await v.getByLabel('Kata sandi').fill(temporary);
    await v.getByRole('button', { name: 'Masuk' }).click();
    await v.getByLabel('Kata sandi saat ini').fill(temporary);
    const own = `Operator-${randomBytes(6).toString('hex')}`;
    await v.locator('input[name="newPassword"]').fill(own);
    await v.getByLabel('Ulangi kata sandi baru').fill(own);
    await v.getByRole('button', { name: 'Simpan kata sandi' }).click();
    const opNav = v.getByRole('navigation', { name: 'Menu utama' });
    await opNav.getByRole('link', { name: 'Organisasi' }).waitFor();
    expect(await opNav.getByRole('link').allTextContents()).toEqual([
      'SKM',
      'Laporan SKM',
      'SPKP/SPAK',
      'Tindak Lanjut (RTL)',
      'Kinerja (SAKIP)',
      'Organisasi',
    ]);
    await opNav.getByRole('link', { name: 'Organisasi' }).click();
    await expect.poll(() => v.locator('.pagination .count').textContent(), WAIT).toContain('dari 1 unit');
    expect(await v.getByRole('link', { name: 'Tambah unit' }).count()).toBe(0);
    await v.goto(`${server.origin}/app/pengguna`);
    await expect.poll(() => v.getByRole('heading', { level: 1 }).textContent(), WAIT).toBe('Akses ditolak');
    await visitor.close();

    // Two bad rows among good ones: nothing is created and both rows are named.
    const before = await server.deps.dbh.db
      .selectFrom('app_user')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await p.getByRole('link', { name: 'Impor pengguna (CSV)' }).click();
    await p.waitForURL('**/app/pengguna/impor');
    const csv = [
      'nip,name,email,unit,role',
      '199001012015031001,Ani Baik,ani@example.go.id,Balai Besar POM di Serang,unit_operator',
      '12345,Budi Salah,budi@example.go.id,Balai Besar POM di Serang,unit_operator',
      '199001012015031003,Citra Salah,citra@example.go.id,Unit Yang Tidak Ada,unit_operator',
    ].join('\n');
    await p.getByLabel('Isi CSV').fill(csv);
    await p.getByRole('button', { name: 'Impor' }).click();
    const issues = p.getByRole('table', { name: /Kesalahan per baris/ });
    await issues.waitFor();
    const rows = await issues.locator('tbody tr td:first-child').allTextContents();
    expect([...new Set(rows)]).toEqual(['3', '4']);
    expect(await p.getByLabel('Isi CSV').getAttribute('aria-invalid')).toBe('true');
    const after = await server.deps.dbh.db
      .selectFrom('app_user')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    const template = await p.getByRole('link', { name: 'Unduh templat CSV' }).getAttribute('href');
    expect(decodeURIComponent(template ?? '')).toContain('nip,name,email,unit,role');

    // A one-time reset link for the new user, shown ready to copy.
    await p.getByRole('link', { name: '← Daftar pengguna' }).click();
    await p.getByRole('button', { name: `Buat tautan atur ulang ${username}` }).click();
    const link = p.getByLabel('Tautan atur ulang kata sandi');
    await link.waitFor();
    expect(await link.inputValue()).toMatch(new RegExp(`^${server.origin}/app/reset-password\\?token=.+`));

    // The link works without logging in, once.
    const anon = await browser.newContext();
    const r = await anon.newPage();
    await r.goto(await link.inputValue());
    const fresh = `Reset-${randomBytes(6).toString('hex')}`;
    await r.locator('input[name="newPassword"]').fill(fresh);
    await r.getByLabel('Ulangi kata sandi baru').fill(fresh);
    await r.getByRole('button', { name: 'Simpan kata sandi baru' }).click();
    await r.getByText('Kata sandi sudah diganti').waitFor();
    await anon.close();
    await ctx.close();
  }, 90_000);
});
