import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../src/modules/auth/actor.ts';
import { axeViolations } from '../helpers/axe.ts';
import { describeBrowser, launchChromium, type RunningServer, startServer } from '../helpers/browser.ts';

/**
 * Issue 4 "How it will be checked", in the browser: the coordinator creates a campaign for a Balai POM, a
 * respondent opens its QR link in headless Chromium at 360 px and fills the form with JavaScript, another
 * without, one sends the same form twice; axe finds no violation; the unit results count exactly what arrived.
 */

const localDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
const VIEWPORT = { width: 360, height: 740 };

describeBrowser('SKM round in headless Chromium at 360 px', () => {
  let server: RunningServer;
  let browser: Browser;
  let actor: Actor;
  let campaignId: string;
  let unitId: string;
  let qrUrl: string;
  let serviceId: string;

  const countOf = async (csid?: string) => {
    let q = server.deps.dbh.db
      .selectFrom('survey_response')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('campaign_id', '=', campaignId);
    if (csid) q = q.where('client_submission_id', '=', csid);
    return Number((await q.executeTakeFirstOrThrow()).n);
  };
  const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  beforeAll(async () => {
    server = await startServer();
    const db = server.deps.dbh.db;
    unitId = (await db.selectFrom('org_unit').select('id').where('code', '=', 'BPOM-TRK').executeTakeFirstOrThrow()).id;
    actor = {
      userId: 'round-coordinator',
      username: 'round-coordinator',
      fullName: 'Koordinator Uji',
      grants: [{ role: 'skm_coordinator', unitId: null }],
      mustChangePassword: false,
      sessionId: 'round-coordinator',
      locale: 'id',
    };
    const campaigns = server.deps.services.campaigns;
    const c = await campaigns.create(actor, {
      year: Number(localDay(0).slice(0, 4)),
      name: 'SKM Putaran Peramban',
      profileCode: 'bpom-2024',
      profileVersion: 1,
      collectionStart: localDay(-2),
      collectionEnd: localDay(30),
      periodicityLabel: 'tahun',
      units: [{ unitId }],
      allowEmbedding: false,
      embedOrigins: [],
    });
    campaignId = c.id;
    await campaigns.transition(actor, c.id, 'targets_set');
    await campaigns.transition(actor, c.id, 'collecting');
    const { links } = await server.deps.services.surveyLinks.list(actor, c.id);
    const link = links[0]!;
    // The QR code carries the link's public URL (PUBLIC_URL + /s/<token>).
    const svg = await server.deps.services.surveyLinks.render(actor, link.id, 'svg', 'id');
    expect(String(svg)).toContain('<svg');
    qrUrl = link.url;
    expect(qrUrl).toBe(`${server.origin}/s/${link.token}`);
    serviceId = (
      await db.selectFrom('campaign_target').select('unit_service_id').where('campaign_id', '=', c.id).executeTakeFirstOrThrow()
    ).unit_service_id;
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('fills the QR link with JavaScript (wizard): no axe violation, fits 360 px, stores one response', async () => {
    const context = await browser.newContext({ viewport: VIEWPORT, bypassCSP: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const loaded = Date.now();
    await page.goto(qrUrl);
    expect(await axeViolations(page)).toEqual([]);
    expect(await fitsWidth(page)).toBe(true);
    const steps = page.locator('fieldset.step');
    await page.fill('#f-fullName', 'Putri Wulandari');
    await page.fill('#f-age', '33');
    await page.check('#f-sex-perempuan');
    await page.fill('#f-phone', '0');
    await page.selectOption('#f-education', 'd4_s1');
    await page.selectOption('#f-occupation', 'wiraswasta');
    await page.fill('#f-institution', 'Apotek Sehat');
    await page.check('#f-consent');
    await steps.nth(0).getByRole('button', { name: 'Selanjutnya >' }).click();
    await page.selectOption('#f-unitServiceId', serviceId);
    await page.fill('#f-completionPct', '100');
    await steps.nth(1).getByRole('button', { name: 'Selanjutnya >' }).click();
    for (let i = 1; i <= 14; i++) await page.check(`#q_A${i}_6`);
    await steps.nth(2).getByRole('button', { name: 'Selanjutnya >' }).click();
    for (let i = 1; i <= 5; i++) await page.check(`#q_B${i}_5`);
    await steps.nth(3).getByRole('button', { name: 'Selanjutnya >' }).click();
    expect(await fitsWidth(page)).toBe(true);
    await page.waitForTimeout(Math.max(0, 3_300 - (Date.now() - loaded))); // the challenge refuses instant posts
    const before = await countOf();
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page.waitForURL('**/thanks');
    expect(await axeViolations(page)).toEqual([]);
    expect(await countOf()).toBe(before + 1);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('fills the QR link without JavaScript and sends the same form twice: one response', async () => {
    const context = await browser.newContext({ viewport: VIEWPORT, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(qrUrl);
    expect(await page.locator('fieldset.step:visible').count()).toBe(5);
    expect(await fitsWidth(page)).toBe(true);
    const csid = await page.inputValue('input[name=csid]');
    const fill = async () => {
      await page.fill('#f-fullName', 'Bayu Saputra');
      await page.fill('#f-age', '41');
      await page.check('#f-sex-laki_laki');
      await page.fill('#f-phone', '0');
      await page.selectOption('#f-education', 'sma_or_below');
      await page.selectOption('#f-occupation', 'pegawai_swasta');
      await page.fill('#f-institution', 'Toko Obat Bayu');
      await page.check('#f-consent');
      await page.selectOption('#f-unitServiceId', serviceId);
      await page.fill('#f-completionPct', '100');
      for (let i = 1; i <= 14; i++) await page.check(`#q_A${i}_4`);
      for (let i = 1; i <= 5; i++) await page.check(`#q_B${i}_6`);
    };
    await fill();
    await page.waitForTimeout(3_300);
    const before = await countOf();
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page.waitForURL('**/thanks');
    expect(await countOf(csid)).toBe(1);
    await page.goBack();
    await page.waitForLoadState();
    expect(await page.inputValue('input[name=csid]')).toBe(csid);
    if ((await page.inputValue('#f-age')) !== '41') await fill();
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page.waitForURL('**/thanks');
    expect(await countOf(csid)).toBe(1);
    expect(await countOf()).toBe(before + 1);
    // axe on the no-JavaScript form (JavaScript allowed only for the checker).
    const check = await browser.newContext({ viewport: VIEWPORT, bypassCSP: true });
    const checkPage = await check.newPage();
    await checkPage.goto(qrUrl);
    await checkPage.evaluate(() => {
      for (const s of document.querySelectorAll('fieldset.step')) (s as HTMLElement).hidden = false;
    });
    expect(await axeViolations(checkPage)).toEqual([]);
    await check.close();
    await context.close();
  }, 60_000);

  it('counts exactly the two respondents in the unit results', async () => {
    const r = await server.deps.services.results.unitResults(actor, campaignId, unitId, 'id');
    expect(r.body?.total.submitted).toBe(2);
    expect(r.body?.total.counted).toBe(2);
    expect(r.body?.total.ikm.value).toBeGreaterThan(25);
  });
});
