import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../src/modules/auth/actor.ts';
import { axeViolations } from '../helpers/axe.ts';
import { describeBrowser, launchChromium, type RunningServer, startServer } from '../helpers/browser.ts';

const localDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

describeBrowser('public survey form in headless Chromium at 360 px', () => {
  let server: RunningServer;
  let browser: Browser;
  let formUrl: string;
  let serviceId: string;

  const count = async (csid?: string) => {
    let q = server.deps.dbh.db.selectFrom('survey_response').select((eb) => eb.fn.countAll().as('n'));
    if (csid) q = q.where('client_submission_id', '=', csid);
    return Number((await q.executeTakeFirstOrThrow()).n);
  };

  beforeAll(async () => {
    server = await startServer();
    const db = server.deps.dbh.db;
    const unit = await db.selectFrom('org_unit').select('id').where('code', '=', 'BPOM-TRK').executeTakeFirstOrThrow();
    const actor: Actor = {
      userId: 'browser-test',
      username: 'browser-test',
      fullName: 'Browser Test',
      grants: [{ role: 'skm_coordinator', unitId: null }],
      mustChangePassword: false,
      sessionId: 'browser-test',
      locale: 'id',
    };
    const campaigns = server.deps.services.campaigns;
    const c = await campaigns.create(actor, {
      year: Number(localDay(0).slice(0, 4)),
      name: 'SKM Uji Peramban',
      profileCode: 'bpom-2024',
      profileVersion: 1,
      collectionStart: localDay(-2),
      collectionEnd: localDay(30),
      periodicityLabel: 'tahun',
      units: [{ unitId: unit.id }],
      allowEmbedding: false,
      embedOrigins: [],
    });
    await campaigns.transition(actor, c.id, 'targets_set');
    await campaigns.transition(actor, c.id, 'collecting');
    const { links } = await server.deps.services.surveyLinks.list(actor, c.id);
    formUrl = `${server.origin}/s/${links[0]!.token}`;
    const target = await db
      .selectFrom('campaign_target')
      .select('unit_service_id')
      .where('campaign_id', '=', c.id)
      .executeTakeFirstOrThrow();
    serviceId = target.unit_service_id;
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function fillAll(page: Page): Promise<void> {
    await page.fill('#f-fullName', 'Rina Kartika');
    await page.fill('#f-age', '29');
    await page.check('#f-sex-perempuan');
    await page.fill('#f-phone', '0813 2222 3333');
    await page.selectOption('#f-education', 'd1_d3');
    await page.selectOption('#f-occupation', 'pelajar_mahasiswa');
    await page.fill('#f-institution', 'Universitas Borneo');
    await page.check('#f-consent');
    await page.selectOption('#f-unitServiceId', serviceId);
    await page.fill('#f-completionPct', '100');
    for (let i = 1; i <= 14; i++) await page.check(`#q_A${i}_5`);
    for (let i = 1; i <= 5; i++) await page.check(`#q_B${i}_6`);
    await page.fill('#f-suggestion', 'Terima kasih');
  }

  const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  it('works as a one-step-at-a-time wizard with JavaScript, with zero axe violations', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, bypassCSP: true, locale: 'en-US' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const before = await count();
    const loaded = Date.now();
    await page.goto(formUrl);
    expect(await page.getAttribute('html', 'lang')).toBe('id'); // Indonesian despite the English browser
    expect(await axeViolations(page)).toEqual([]);
    expect(await fitsWidth(page)).toBe(true);
    const steps = page.locator('fieldset.step');
    expect(await steps.count()).toBe(5);
    expect(await steps.nth(0).isVisible()).toBe(true);
    expect(await steps.nth(1).isVisible()).toBe(false);

    // "Selanjutnya >" refuses to leave step 1 while a required field is empty.
    await page.getByRole('button', { name: 'Selanjutnya >' }).first().click();
    expect(await steps.nth(1).isVisible()).toBe(false);

    await page.fill('#f-fullName', 'Rina Kartika');
    await page.fill('#f-age', '29');
    await page.check('#f-sex-perempuan');
    await page.fill('#f-phone', '0813 2222 3333');
    await page.selectOption('#f-education', 'd1_d3');
    await page.selectOption('#f-occupation', 'pelajar_mahasiswa');
    await page.fill('#f-institution', 'Universitas Borneo');
    // Keyboard: the consent checkbox toggles with Space and shows a focus outline.
    await page.focus('#f-consent');
    await page.keyboard.press('Space');
    expect(await page.isChecked('#f-consent')).toBe(true);
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
    expect(outline).not.toBe('none');
    await steps.nth(0).getByRole('button', { name: 'Selanjutnya >' }).click();
    expect(await steps.nth(1).isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.selectOption('#f-unitServiceId', serviceId);
    await page.fill('#f-completionPct', '100');
    await steps.nth(1).getByRole('button', { name: 'Selanjutnya >' }).click();
    for (let i = 1; i <= 14; i++) await page.check(`#q_A${i}_5`);
    expect(await fitsWidth(page)).toBe(true);
    await steps.nth(2).getByRole('button', { name: 'Selanjutnya >' }).click();
    for (let i = 1; i <= 5; i++) await page.check(`#q_B${i}_6`);
    await steps.nth(3).getByRole('button', { name: 'Selanjutnya >' }).click();
    await page.fill('#f-suggestion', 'Petugas ramah');
    // A person takes more than the challenge's three seconds.
    await page.waitForTimeout(Math.max(0, 3_300 - (Date.now() - loaded)));
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page.waitForURL('**/thanks');
    expect(await page.textContent('h1')).toBe('Terima kasih');
    expect(await axeViolations(page)).toEqual([]);
    expect(await count()).toBe(before + 1);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('works without JavaScript and shows an accessible error summary that keeps the values', async () => {
    const context = await browser.newContext({
      viewport: { width: 360, height: 740 },
      javaScriptEnabled: false,
      bypassCSP: true,
    });
    const page = await context.newPage();
    const before = await count();
    await page.goto(formUrl);
    // Without JavaScript every step is on the page.
    expect(await page.locator('fieldset.step:visible').count()).toBe(5);
    expect(await fitsWidth(page)).toBe(true);
    const csid = await page.inputValue('input[name=csid]');

    // First an incomplete form: the summary names the fields and links to them; values are kept.
    await page.fill('#f-fullName', 'Rina Kartika');
    await page.fill('#f-age', '120');
    await page.waitForTimeout(3_300);
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page.waitForLoadState();
    expect(await page.textContent('#errors h2')).toBe('Periksa kembali isian berikut');
    expect(await page.getAttribute('#errors a[href="#f-age"]', 'href')).toBe('#f-age');
    expect(await page.inputValue('#f-fullName')).toBe('Rina Kartika');
    // axe (with JavaScript allowed only for the checker) on the error state.
    const check = await browser.newContext({ viewport: { width: 360, height: 740 }, bypassCSP: true });
    const checkPage = await check.newPage();
    await checkPage.setContent(await page.content(), { waitUntil: 'load' });
    expect(await axeViolations(checkPage)).toEqual([]);
    await check.close();
    expect(await count()).toBe(before);

    await fillAll(page);
    await page.waitForTimeout(3_300);
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page.waitForURL('**/thanks');
    expect(await count()).toBe(before + 1);
    expect(await count(csid)).toBe(1);
    await page.close();
  }, 60_000);

  it('stores one response when the same form is sent twice (back + resubmit, without JavaScript)', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, javaScriptEnabled: false });
    const page = await context.newPage();
    const before = await count();
    await page.goto(formUrl);
    const csid = await page.inputValue('input[name=csid]');
    await fillAll(page);
    await page.waitForTimeout(3_300);
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page.waitForURL('**/thanks');
    expect(await count(csid)).toBe(1);

    // Back to the form (restored from the browser's cache with its idempotency key) and send it again.
    await page.goBack();
    await page.waitForLoadState();
    expect(await page.inputValue('input[name=csid]')).toBe(csid);
    if ((await page.inputValue('#f-age')) !== '29') await fillAll(page);
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page.waitForURL('**/thanks');
    expect(await count(csid)).toBe(1);
    expect(await count()).toBe(before + 1);
    await context.close();
  }, 60_000);

  it('answers the English form with English labels', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${formUrl}?lang=en`);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.textContent('label[for="q_A1_6"]')).toBe('Very easy');
    expect(await page.getByRole('button', { name: 'Next >' }).count()).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  }, 30_000);
});
