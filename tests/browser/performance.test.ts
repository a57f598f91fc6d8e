import { randomBytes } from 'node:crypto';
import axe from 'axe-core';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Role } from '../../src/modules/auth/actor.ts';
import { hashPassword } from '../../src/modules/auth/passwords.ts';
import { documentText } from '../../src/modules/reports/document/document.ts';
import { newId } from '../../src/shared/ids.ts';
import { describeBrowser, ensureWebBuilt, launchChromium, type RunningServer, startServer } from '../helpers/browser.ts';

/**
 * Issue 7, "How it will be checked", through the admin UI as the unit team and the planning bureau would do it:
 * a plan with three formula types, three months of realisation (a zero denominator refused), verification, a
 * target decrease rejected, TW I finalised and a frozen month refused, then the LAPKIN generated.
 */

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axe.source });
  const result = await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected into the page as a global
    const r = await (window as any).axe.run(document, { resultTypes: ['violations'] });
    return r.violations as { id: string; impact: string; nodes: { target: string[] }[] }[];
  });
  return result
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

const WAIT = { timeout: 15_000, interval: 100 };
const UNIT = 'Balai POM di Tarakan';
const YEAR = new Date().getFullYear();

describeBrowser('SAKIP performance UI in headless Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let unitId: string;
  const users: Record<'manager' | 'head' | 'bureau', { username: string; password: string; userId: string }> = {
    manager: { username: '', password: '', userId: '' },
    head: { username: '', password: '', userId: '' },
    bureau: { username: '', password: '', userId: '' },
  };

  async function makeUser(key: keyof typeof users, role: Role, unit: string | null) {
    const db = server.deps.dbh.db;
    const now = new Date().toISOString();
    const userId = newId();
    const username = `${key}${randomBytes(3).toString('hex')}`;
    const password = `Kinerja-${randomBytes(6).toString('hex')}`;
    await db
      .insertInto('app_user')
      .values({
        id: userId,
        username,
        full_name: `Pengguna ${key}`,
        nip: null,
        email: null,
        person_id: null,
        password_hash: await hashPassword(password),
        must_change_password: 0,
        failed_logins: 0,
        locked_at: null,
        active: 1,
        locale: 'id',
        created_at: now,
        updated_at: now,
      })
      .execute();
    await db.insertInto('user_role').values({ id: newId(), user_id: userId, role, unit_id: unit, created_at: now }).execute();
    users[key] = { username, password, userId };
  }

  async function signIn(key: keyof typeof users): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${server.origin}/app/login`);
    await page.getByLabel('Nama pengguna').fill(users[key].username);
    await page.getByLabel('Kata sandi').fill(users[key].password);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByRole('navigation', { name: 'Menu utama' }).waitFor();
    return page;
  }

  const tab = (page: Page, name: string) =>
    page.getByRole('navigation', { name: 'Menu entitas SAKIP' }).getByRole('link', { name });
  const formWith = (page: Page, heading: string): Locator =>
    page.locator('form').filter({ has: page.getByRole('heading', { name: heading, exact: true }) });

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startServer();
    unitId = (
      await server.deps.dbh.db.selectFrom('org_unit').select(['id']).where('code', '=', 'BPOM-TRK').executeTakeFirstOrThrow()
    ).id;
    await makeUser('manager', 'sakip_manager', unitId);
    await makeUser('head', 'unit_head', unitId);
    await makeUser('bureau', 'planning_bureau', null);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.close();
  });

  it('plan, realisation, verification, revision, finalisation and the LAPKIN', async () => {
    const errors: string[] = [];
    const manager = await signIn('manager');
    manager.on('pageerror', (e) => errors.push(e.message));

    // 1. The plan: one perspective, one sasaran, three indicators of three formula types.
    await manager.getByRole('navigation', { name: 'Menu utama' }).getByRole('link', { name: 'Kinerja (SAKIP)' }).click();
    await manager.getByRole('link', { name: UNIT }).click();
    await manager.waitForURL(`**/app/sakip/${unitId}**`);
    await tab(manager, 'Rencana kinerja').click();
    await manager.waitForURL(`**/app/sakip/${unitId}/rencana**`);
    const perspective = formWith(manager, 'Tambah perspektif');
    await perspective.getByLabel('Kode').fill('stakeholder');
    await perspective.getByLabel('Perspektif').fill('Stakeholder Perspective');
    await perspective.getByRole('button', { name: 'Tambah perspektif' }).click();
    const sasaran = formWith(manager, 'Tambah sasaran');
    await expect.poll(() => sasaran.getByLabel('Perspektif').locator('option').count(), WAIT).toBe(2);
    await sasaran.getByLabel('Kode').fill('SK1');
    await sasaran.getByLabel('Sasaran').fill('Terwujudnya Obat dan Makanan yang memenuhi syarat');
    await sasaran.getByLabel('Perspektif').selectOption('stakeholder');
    await sasaran.getByRole('button', { name: 'Tambah sasaran' }).click();
    const indicatorForm = formWith(manager, 'Tambah indikator');
    await expect.poll(() => indicatorForm.getByLabel('Sasaran').locator('option').count(), WAIT).toBe(2);
    const indicators = [
      {
        code: '1',
        name: 'Persentase obat yang memenuhi syarat',
        formula: 'ratio',
        pattern: 'constant',
        monthly: () => '85',
        annual: '85',
      },
      {
        code: '2',
        name: 'Persentase rekomendasi inspeksi yang ditindaklanjuti',
        formula: 'mean_of_component_ratios',
        pattern: 'cumulative',
        monthly: (m: number) => String(m * 5),
        annual: '60',
      },
      {
        code: '3',
        name: 'Persentase tahapan desa pangan aman',
        formula: 'stage_progress',
        pattern: 'cumulative',
        monthly: (m: number) => String(Math.min(100, m * 10)),
        annual: '100',
      },
    ];
    for (const ind of indicators) {
      await indicatorForm.getByLabel('Kode').fill(ind.code);
      await indicatorForm.getByLabel('Indikator').fill(ind.name);
      await indicatorForm.getByLabel('Sasaran').selectOption('SK1');
      await indicatorForm.getByLabel('Jenis rumus').selectOption(ind.formula);
      await indicatorForm.getByLabel('Pola target').selectOption(ind.pattern);
      await indicatorForm.getByLabel('Target tahunan').fill(ind.annual);
      for (let m = 1; m <= 12; m++)
        await indicatorForm.getByLabel(`B${String(m).padStart(2, '0')}`, { exact: true }).fill(ind.monthly(m));
      await indicatorForm.getByRole('button', { name: 'Tambah indikator' }).click();
      await manager
        .getByRole('status')
        .filter({ hasText: `Indikator ${ind.code} ditambahkan.` })
        .waitFor();
    }
    const planTable = manager.getByRole('table', { name: `Indikator dan target yang berlaku tahun ${YEAR}` });
    await expect.poll(() => planTable.locator('tbody tr').count(), WAIT).toBe(3);
    expect(await axeViolations(manager)).toEqual([]);

    // 2. Three months of realisation; the zero denominator is refused next to its input.
    await tab(manager, 'Realisasi').click();
    await manager.waitForURL(`**/realisasi**`);
    const indicatorSelect = manager.getByLabel(/^Indikator/);
    const month = manager.getByLabel('Bulan', { exact: true });
    const first = await indicatorSelect
      .locator('option', { hasText: 'Persentase obat yang memenuhi syarat' })
      .getAttribute('value');
    for (const [m, num, den] of [
      ['1', '50', '55'],
      ['2', '10', '0'],
      ['3', '80', '90'],
    ] as const) {
      await indicatorSelect.selectOption(first as string);
      await month.selectOption(m);
      await manager.getByLabel('Pembilang').fill(num);
      await manager.getByLabel('Penyebut').fill(den);
      await manager.getByRole('button', { name: 'Simpan dan ajukan' }).click();
      if (den === '0') {
        await expect.poll(() => manager.getByLabel('Penyebut').getAttribute('aria-invalid'), WAIT).toBe('true');
        expect(await manager.getByRole('alert').textContent()).toContain('Penyebut tidak boleh 0');
        await manager.getByLabel('Penyebut').fill('12');
        await manager.getByRole('button', { name: 'Simpan dan ajukan' }).click();
      }
      await manager
        .getByRole('status')
        .filter({ hasText: `B0${m} tersimpan dan diajukan` })
        .waitFor();
    }
    // Components (mean of ratios) and stages for B03.
    const second = await indicatorSelect.locator('option', { hasText: 'rekomendasi inspeksi' }).getAttribute('value');
    await indicatorSelect.selectOption(second as string);
    await month.selectOption('3');
    for (const [k, [name, a, b]] of [
      ['Produksi', '61', '103'],
      ['Distribusi', '3', '17'],
    ].entries()) {
      await manager.getByLabel(`Komponen ${k + 1}`).fill(name as string);
      await manager.getByLabel(`Pembilang ${k + 1}`).fill(a as string);
      await manager.getByLabel(`Penyebut ${k + 1}`).fill(b as string);
    }
    await manager.getByRole('button', { name: 'Simpan dan ajukan' }).click();
    await manager.getByRole('status').filter({ hasText: 'Realisasi 2 B03 tersimpan dan diajukan' }).waitFor();
    const third = await indicatorSelect.locator('option', { hasText: 'desa pangan aman' }).getAttribute('value');
    await indicatorSelect.selectOption(third as string);
    await month.selectOption('3');
    for (const [k, [name, w, f]] of [
      ['Advokasi', '20', '1'],
      ['Pendampingan', '80', '0.5'],
    ].entries()) {
      await manager.getByLabel(`Tahapan ${k + 1}`).fill(name as string);
      await manager.getByLabel(`Bobot ${k + 1}`).fill(w as string);
      await manager.getByLabel(`Progres (0–1) ${k + 1}`).fill(f as string);
    }
    await manager.getByRole('button', { name: 'Simpan dan ajukan' }).click();
    await manager.getByRole('status').filter({ hasText: 'Realisasi 3 B03 tersimpan dan diajukan' }).waitFor();
    expect(await axeViolations(manager)).toEqual([]);

    // The unit head verifies in the monthly evaluation meeting (not the person who entered them).
    const head = await signIn('head');
    await head.goto(`${server.origin}/app/sakip/${unitId}/realisasi?tahun=${YEAR}&tw=1`);
    const verifyButtons = head.getByRole('button', { name: /^Verifikasi/ });
    await expect.poll(() => verifyButtons.count(), WAIT).toBe(5);
    while ((await verifyButtons.count()) > 0) {
      const before = await verifyButtons.count();
      await verifyButtons.first().click();
      await expect.poll(() => verifyButtons.count(), WAIT).toBe(before - 1);
    }
    await expect.poll(() => head.getByRole('cell', { name: 'Terverifikasi' }).count(), WAIT).toBe(5);

    // The dashboard: ratio 80/90 against 85 → 104,58 (Memenuhi Ekspektasi), sparkline per indicator.
    await head.goto(`${server.origin}/app/sakip/${unitId}?tahun=${YEAR}&tw=1`);
    const table = head.getByRole('table', { name: `Indikator kinerja TW I ${YEAR}` });
    const row1 = table.locator('tbody tr', { hasText: 'Persentase obat yang memenuhi syarat' });
    await expect.poll(() => row1.textContent(), WAIT).toContain('104,58');
    expect(await row1.textContent()).toContain('Memenuhi Ekspektasi');
    expect(await table.locator('svg.sparkline').count()).toBe(3);
    // Stages 20·1 + 80·0,5 = 60 against B03 = 30 → 200,00 (TDD); components (61/103 + 3/17)/2 = 38,44 against 15.
    expect(await table.locator('tbody tr', { hasText: 'desa pangan aman' }).textContent()).toContain('60,00');
    expect(await table.locator('tbody tr', { hasText: 'rekomendasi inspeksi' }).textContent()).toContain('38,44');
    expect(await axeViolations(head)).toEqual([]);
    // The capaian chart comes from the shared builder, drawn as SVG in its lazily loaded chunk.
    await head.locator('.perf-charts .chart svg').first().waitFor();

    // 3. A target decrease is requested by the head and rejected by the planning bureau.
    await tab(head, 'Revisi target').click();
    await head.waitForURL('**/revisi**');
    await head.getByLabel(/^Indikator/).selectOption('1');
    await head.getByLabel('Usulan target tahunan').fill('80');
    for (let m = 4; m <= 12; m++) await head.getByLabel(`B${String(m).padStart(2, '0')}`, { exact: true }).fill('80');
    await head.getByLabel('Justifikasi').fill('Jumlah sampel berkurang karena anggaran diblokir');
    await head.getByRole('button', { name: 'Kirim permohonan' }).click();
    await head.getByText('Hasil pemeriksaan aturan: Ditolak').waitFor();

    const bureau = await signIn('bureau');
    await bureau.goto(`${server.origin}/app/sakip/${unitId}/revisi?tahun=${YEAR}&tw=1`);
    const verdict = bureau.getByLabel('Keputusan untuk indikator 1');
    await verdict.selectOption('agreed');
    await bureau.getByRole('button', { name: 'Simpan keputusan' }).click();
    await expect.poll(() => bureau.getByRole('alert').textContent(), WAIT).toContain('tidak dapat disepakati');
    await verdict.selectOption('rejected');
    await bureau.getByRole('button', { name: 'Simpan keputusan' }).click();
    await bureau.getByText('Keputusan: Ditolak').waitFor();
    expect(await axeViolations(bureau)).toEqual([]);

    // A narrative for the LAPKIN, kept for generation.
    await tab(head, 'Narasi Lapkin').click();
    await head.waitForURL('**/narasi**');
    const foreword = 'Laporan ini disusun oleh tim SAKIP Balai POM di Tarakan untuk triwulan pertama.';
    await head.getByLabel('Kata Pengantar').fill(foreword);
    await head.getByRole('button', { name: 'Simpan Kata Pengantar' }).click();
    await expect
      .poll(async () => (await server.deps.dbh.db.selectFrom('perf_narrative').select('body').execute()).length, WAIT)
      .toBe(1);
    expect(await axeViolations(head)).toEqual([]);

    // The SAKIP team marks the draft reviewed before the head signs it (DOMAIN 8.13).
    await tab(manager, 'Dasbor').click();
    await manager.getByRole('button', { name: 'Tandai Lapkin Interim TW I sudah direviu' }).click();
    await manager.getByText('Sudah direviu Tim SAKIP; menunggu penetapan kepala unit').waitFor();
    await tab(manager, 'Realisasi').click();

    // 4. TW I is finalised; an edit of a frozen month is refused.
    await tab(head, 'Dasbor').click();
    await head.getByRole('button', { name: 'Tetapkan Lapkin Interim TW I' }).click();
    await head.getByText('Periode ini sudah ditetapkan; angkanya dibekukan.').waitFor();
    await manager.reload();
    await indicatorSelect.selectOption(first as string);
    await month.selectOption('2');
    await manager.getByLabel('Pembilang').fill('11');
    await manager.getByLabel('Penyebut').fill('12');
    await manager.getByRole('button', { name: 'Simpan draf' }).click();
    await expect.poll(() => manager.getByRole('alert').textContent(), WAIT).toContain('sudah dikunci');

    // 5. The LAPKIN: the download links answer with a PDF and a Word file carrying the same figures.
    const pdfHref = await head.getByRole('link', { name: 'LAPKIN Interim TW I (PDF)' }).getAttribute('href');
    const pdf = await head.request.get(`${server.origin}${pdfHref}`);
    expect(pdf.status()).toBe(200);
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    const docxHref = await head.getByRole('link', { name: 'LAPKIN Interim TW I (DOCX)' }).getAttribute('href');
    const docx = await head.request.get(`${server.origin}${docxHref}`);
    expect((await docx.body()).subarray(0, 2).toString()).toBe('PK');
    const doc = await server.deps.services.performance.lapkinDocument(
      {
        userId: users.head.userId,
        username: users.head.username,
        fullName: 'Kepala',
        grants: [{ role: 'unit_head', unitId }],
        mustChangePassword: false,
        sessionId: 's',
        locale: 'id',
      },
      unitId,
      YEAR,
      1,
      'id',
    );
    const text = documentText(doc);
    expect(text).toContain(foreword);
    expect(text).toContain('104,58');
    expect(text).not.toContain('DRAF');
    expect(errors).toEqual([]);
  }, 240_000);
});
