import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hashPassword } from '../../src/modules/auth/passwords.ts';
import { hashKey } from '../../src/modules/responses/api-key.service.ts';
import { recountService } from '../../src/modules/responses/counted-window.ts';
import { newId } from '../../src/shared/ids.ts';
import { axeViolations } from '../helpers/axe.ts';
import { describeBrowser, ensureWebBuilt, launchChromium, type RunningServer, startServer } from '../helpers/browser.ts';
import { SAME_ORIGIN } from '../helpers/engines.ts';

const WAIT = { timeout: 15_000, interval: 100 };
const UNIT = 'Balai POM di Tarakan';

describeBrowser('SKM campaign admin (restatement, API keys) in headless Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let closedId: string;
  let draftId: string;
  let serviceA: string;
  let serviceB: string;
  const username = `koord${randomBytes(3).toString('hex')}`;
  const password = `Koordinator-${randomBytes(6).toString('hex')}`;
  const fullName = 'Koordinator Koreksi Uji';

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startServer();
    const db = server.deps.dbh.db;
    const now = new Date().toISOString();
    const userId = newId();
    await db
      .insertInto('app_user')
      .values({
        id: userId,
        username,
        full_name: fullName,
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
    await db
      .insertInto('user_role')
      .values({ id: newId(), user_id: userId, role: 'skm_coordinator', unit_id: null, created_at: now })
      .execute();

    const login = await server.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: SAME_ORIGIN,
      payload: { username, password },
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0] as string;
    const call = (url: string, payload: object) =>
      server.app.inject({
        method: 'POST',
        url,
        headers: { cookie, ...SAME_ORIGIN },
        payload: payload as Record<string, unknown>,
      });

    const get = (url: string) => server.app.inject({ method: 'GET', url, headers: { cookie, ...SAME_ORIGIN } });
    const unitId = (await db.selectFrom('org_unit').select('id').where('code', '=', 'BPOM-TRK').executeTakeFirstOrThrow()).id;

    // A 2024 campaign with paper forms on two services, then closed: version 1 is frozen.
    const past = await call('/api/v1/campaigns', {
      year: 2024,
      name: `SKM Koreksi Uji ${randomBytes(3).toString('hex')}`,
      profileCode: 'bpom-2024',
      collectionStart: '2024-01-02',
      collectionEnd: '2024-03-31',
      units: [{ unitId }],
    });
    expect(past.statusCode, past.body).toBe(201);
    closedId = past.json().id;
    for (const to of ['targets_set', 'collecting']) {
      const r = await call(`/api/v1/campaigns/${closedId}/transition`, { to });
      expect(r.statusCode, r.body).toBe(200);
    }
    const targets = (await get(`/api/v1/campaigns/${closedId}/targets`)).json() as {
      rows: { unitServiceId: string; serviceName: string }[];
    };
    const [first, second] = targets.rows;
    if (!first || !second) throw new Error('Tarakan needs two services');
    serviceA = first.serviceName;
    serviceB = second.serviceName;
    const forms: [string, number][] = [
      [first.unitServiceId, 5],
      [first.unitServiceId, 4],
      [first.unitServiceId, 6],
      [second.unitServiceId, 5],
      [second.unitServiceId, 3],
    ];
    for (const [i, [unitServiceId, score]] of forms.entries()) {
      const r = await call(`/api/v1/campaigns/${closedId}/units/${unitId}/paper-responses`, {
        unitServiceId,
        submittedAt: `2024-02-${String(10 + i).padStart(2, '0')}`,
        respondent: {
          age: 30 + i,
          sex: i % 2 ? 'perempuan' : 'laki_laki',
          phone: '0',
          education: 'd1_d3',
          occupation: 'lainnya',
        },
        completionPct: 100,
        answers: Object.fromEntries(Array.from({ length: 14 }, (_, q) => [`A${q + 1}`, score])),
      });
      expect(r.statusCode, r.body).toBe(201);
    }
    for (const to of ['validating', 'reporting', 'closed']) {
      const r = await call(`/api/v1/campaigns/${closedId}/transition`, { to });
      expect(r.statusCode, r.body).toBe(200);
    }
    // An audit after closing finds one response of the first service invalid: the data changes, the snapshot does not.
    const victim = await db
      .selectFrom('survey_response')
      .select(['id', 'unit_service_id'])
      .where('campaign_id', '=', closedId)
      .where('unit_service_id', '=', first.unitServiceId)
      .orderBy('seq_no')
      .executeTakeFirstOrThrow();
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('survey_response').set({ validity: 'invalid' }).where('id', '=', victim.id).execute();
      await recountService(trx, closedId, victim.unit_service_id);
    });

    // A campaign still open for the API keys.
    const created = await call('/api/v1/campaigns', {
      year: 2025,
      name: `SKM Kunci Uji ${randomBytes(3).toString('hex')}`,
      profileCode: 'bpom-2024',
      collectionStart: '2025-01-02',
      collectionEnd: '2025-12-31',
      units: [{ unitId }],
    });
    expect(created.statusCode, created.body).toBe(201);
    draftId = created.json().id;

    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${server.origin}/app/login`);
    await page.getByLabel('Nama pengguna').fill(username);
    await page.getByLabel('Kata sandi').fill(password);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByRole('navigation', { name: 'Menu utama' }).waitFor();
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it('restates a closed campaign with a reason and lists the snapshot versions', async () => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const db = server.deps.dbh.db;
    await page.goto(`${server.origin}/app/skm/${closedId}`);
    await page.getByRole('heading', { level: 1 }).waitFor();

    // The report board is one click away.
    const board = page.getByRole('link', { name: 'Papan laporan SKM' });
    expect(await board.getAttribute('href')).toBe(`/app/laporan-skm/${closedId}`);
    // A closed campaign takes no new API keys.
    const keys = page.getByRole('region', { name: 'Kunci API' });
    await keys.waitFor();
    expect(await keys.getByRole('button', { name: 'Buat kunci API' }).count()).toBe(0);

    const snaps = page.getByRole('region', { name: 'Snapshot hasil dan koreksi' });
    const rows = snaps.locator('tbody tr');
    await expect.poll(() => rows.count(), WAIT).toBe(1);
    expect(await rows.first().textContent()).toContain('Snapshot resmi saat kampanye ditutup');
    expect(await axeViolations(page, { seriousOnly: true })).toEqual([]);

    // The dialog opens with focus inside; a short reason is refused next to its field without a request.
    const opener = snaps.getByRole('button', { name: 'Koreksi hasil (restatement)' });
    await opener.click();
    const dialog = page.getByRole('dialog', { name: 'Koreksi hasil kampanye (restatement)' });
    await dialog.waitFor();
    expect(await page.evaluate(() => !!document.activeElement?.closest('dialog'))).toBe(true);
    const reason = dialog.getByLabel(/^Alasan koreksi/);
    await reason.fill('salah');
    await dialog.getByRole('button', { name: 'Buat versi baru' }).click();
    await expect.poll(() => reason.getAttribute('aria-invalid'), WAIT).toBe('true');
    expect(await dialog.textContent()).toContain('Alasan koreksi minimal 10 karakter.');
    expect(await axeViolations(page, { seriousOnly: true })).toEqual([]);
    const versionsOf = async () =>
      (
        await db
          .selectFrom('result_snapshot')
          .select('version')
          .where('period_ref', '=', `campaign:${closedId}`)
          .where('kind', 'like', 'skm_%')
          .execute()
      ).map((r) => r.version);
    expect(new Set(await versionsOf())).toEqual(new Set([1]));

    // Esc closes and returns focus to the opener.
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible(), WAIT).toBe(false);
    await expect.poll(() => opener.evaluate((el) => el === document.activeElement), WAIT).toBe(true);

    const why = 'Satu respons Tarakan terbukti bukan pelanggan setelah audit';
    await opener.click();
    await reason.fill(why);
    await dialog.getByRole('button', { name: 'Buat versi baru' }).click();
    const done = snaps.getByRole('status').filter({ hasText: /^Versi 2 dibuat\./ });
    await done.waitFor();
    expect(await done.evaluate((el) => el === document.activeElement)).toBe(true);
    const doneText = (await done.textContent()) as string;
    const [, changed] = /(\d+) dari \d+ cakupan berubah/.exec(doneText) ?? [];
    expect(Number(changed)).toBe(3);
    // The unit, the agency and the first service changed; the second service did not.
    expect(doneText).toContain(`${UNIT} · ${serviceA}`);
    expect(doneText).toContain('BPOM (gabungan)');
    expect(doneText).not.toContain(serviceB);

    await expect.poll(() => rows.count(), WAIT).toBe(2);
    const v2 = rows.first();
    expect(await v2.locator('th').textContent()).toContain('2');
    expect(await v2.textContent()).toContain(why);
    expect(await v2.textContent()).toContain(fullName);
    expect(await rows.nth(1).textContent()).toContain('dikoreksi');
    expect(new Set(await versionsOf())).toEqual(new Set([1, 2]));
    const events = await db.selectFrom('audit_event').select(['action', 'reason']).where('entity_id', '=', closedId).execute();
    expect(events).toContainEqual({ action: 'restate', reason: why });
    expect(await axeViolations(page, { seriousOnly: true })).toEqual([]);

    // English on request.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Result snapshots and corrections' }).waitFor();
    await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();
    await page.getByRole('heading', { name: 'Snapshot hasil dan koreksi' }).waitFor();
    expect(errors).toEqual([]);
  }, 120_000);

  it('creates an API key shown once, lists it and revokes it after confirmation', async () => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const db = server.deps.dbh.db;
    await page.goto(`${server.origin}/app/skm/${draftId}`);
    const keys = page.getByRole('region', { name: 'Kunci API' });
    await keys.getByText('Belum ada kunci API.').waitFor();
    // No snapshots section before closing.
    expect(await page.getByRole('region', { name: 'Snapshot hasil dan koreksi' }).count()).toBe(0);

    // The label is required: the server's refusal lands next to the input.
    await keys.getByRole('button', { name: 'Buat kunci API' }).click();
    const label = keys.getByLabel(/^Label kunci/);
    await expect.poll(() => label.getAttribute('aria-invalid'), WAIT).toBe('true');

    await expect
      .poll(
        () =>
          keys
            .getByLabel(/^Layanan/)
            .locator('option')
            .count(),
        WAIT,
      )
      .toBeGreaterThan(1);
    expect(await keys.getByLabel(/^Unit/).locator('option:checked').textContent()).toBe(UNIT);
    await label.fill('Aplikasi e-Registrasi');
    await keys.getByRole('button', { name: 'Buat kunci API' }).click();
    const createdHeading = keys.getByRole('heading', { name: 'Kunci API dibuat' });
    await createdHeading.waitFor();
    expect(await createdHeading.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await keys.textContent()).toContain('kunci hanya ditampilkan sekali');
    const keyInput = keys.getByLabel('Kunci API Aplikasi e-Registrasi');
    const key = await keyInput.inputValue();
    expect(key).toMatch(/^mutu_sk_[A-Za-z0-9_-]{40,}$/);
    const stored = await db
      .selectFrom('api_key')
      .select(['id', 'key_hash', 'active', 'unit_service_id'])
      .where('campaign_id', '=', draftId)
      .execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.key_hash).toBe(hashKey(key));
    expect(stored[0]?.active).toBe(1);
    expect(stored[0]?.unit_service_id).toBeNull();
    await keys.getByRole('button', { name: 'Salin' }).click();
    await keys.getByText('Tersalin ke papan klip.').waitFor();

    const row = keys.getByRole('row', { name: /Aplikasi e-Registrasi/ });
    await row.waitFor();
    expect(await row.textContent()).toContain(UNIT);
    expect(await row.textContent()).toContain('belum pernah');
    expect(await row.textContent()).toContain('aktif');
    expect(await axeViolations(page, { seriousOnly: true })).toEqual([]);

    // Revoke: a confirmation first; cancelling changes nothing.
    await row.getByRole('button', { name: 'Cabut Aplikasi e-Registrasi' }).click();
    const dialog = page.getByRole('dialog', { name: 'Cabut kunci API "Aplikasi e-Registrasi"?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Batal' }).click();
    await expect.poll(() => dialog.isVisible(), WAIT).toBe(false);
    expect(
      (await db.selectFrom('api_key').select('active').where('campaign_id', '=', draftId).executeTakeFirstOrThrow()).active,
    ).toBe(1);
    await row.getByRole('button', { name: 'Cabut Aplikasi e-Registrasi' }).click();
    await dialog.getByRole('button', { name: 'Cabut' }).click();
    await keys.getByRole('status').filter({ hasText: 'Kunci API "Aplikasi e-Registrasi" dicabut.' }).waitFor();
    await expect.poll(() => row.textContent(), WAIT).toMatch(/dicabut \d/);
    expect(await row.getByRole('button').count()).toBe(0);
    const revoked = await db
      .selectFrom('api_key')
      .select(['active', 'revoked_at'])
      .where('campaign_id', '=', draftId)
      .executeTakeFirstOrThrow();
    expect(revoked.active).toBe(0);
    expect(revoked.revoked_at).not.toBeNull();
    const audit = await db.selectFrom('audit_event').select('action').where('entity_type', '=', 'api_key').execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['create', 'revoke']);

    // Shown once: after a reload the key is nowhere on the page.
    await page.reload();
    await keys.getByRole('row', { name: /Aplikasi e-Registrasi/ }).waitFor();
    expect(await page.content()).not.toContain(key);
    expect(errors).toEqual([]);
  }, 120_000);
  it('keeps the campaign page with both sections usable at 360 px', async () => {
    const small = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const p = await small.newPage();
    p.setDefaultTimeout(15_000);
    await p.goto(`${server.origin}/app/login`);
    await p.getByLabel('Nama pengguna').fill(username);
    await p.getByLabel('Kata sandi').fill(password);
    await p.getByRole('button', { name: 'Masuk' }).click();
    await p.getByRole('navigation', { name: 'Menu utama' }).waitFor();
    await p.goto(`${server.origin}/app/skm/${closedId}`);
    await p.getByRole('region', { name: 'Snapshot hasil dan koreksi' }).locator('tbody tr').first().waitFor();
    await p.getByRole('region', { name: 'Kunci API' }).waitFor();
    await p.waitForLoadState('networkidle');
    expect(await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
    await small.close();
  }, 60_000);
});
