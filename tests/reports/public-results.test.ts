import { gunzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../helpers/axe.ts';
import { describeBrowser, launchChromium } from '../helpers/browser.ts';
import { createTestApp, describeEachEngine, type TestApp } from '../helpers/engines.ts';
import { loginAs } from '../helpers/login.ts';
import { type CompilationSetup, closeCampaign, movableClock, request, setupCompilation } from './compilation-fixture.ts';

/** Pages rendered on SQLite, checked with axe in Chromium below. */
const rendered: Record<string, string> = {};

describeEachEngine('public results page', (engine, open) => {
  let t: TestApp;
  let s: CompilationSetup;
  const clock = movableClock('2026-06-15T03:00:00.000Z');
  const req = (...a: Parameters<ReturnType<typeof request>>) => request(t)(...a);
  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

  beforeAll(async () => {
    t = await createTestApp(open, {}, clock);
    s = await setupCompilation(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('publishes nothing while the campaign is live', async () => {
    const res = await get('/hasil');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('Hasil SKM belum tersedia');
    const unit = await get('/hasil/FX-BPOM-TRK');
    expect(unit.statusCode).toBe(200);
    expect(unit.body).toContain('Belum ada hasil SKM yang dibekukan');
    expect(unit.body).not.toMatch(/Responden Kompilasi|PT Kompilasi/);
  });

  it('shows the frozen BPOM and unit figures of the results API, trend, and actions on the weakest elements, without personal data', async () => {
    clock.set('2027-02-01T03:00:00.000Z');
    s.coord = await loginAs(t, 'skm_coordinator');
    const op = await loginAs(t, 'unit_operator', s.fx.tarakan);
    await closeCampaign(t, s.campaignId, s.coord);
    const hist = await req('POST', '/api/v1/history/skm', s.coord, {
      unitId: s.fx.tarakan,
      year: 2025,
      unitIndex: '84,10',
      elements: [],
      source: 'Laporan SKM 2025 (uji)',
    });
    expect(hist.statusCode, hist.body).toBeLessThan(300);
    const api = (await req('GET', `/api/v1/campaigns/${s.campaignId}/results`, s.coord)).json();
    expect(api.source).toBe('snapshot');
    const unitApi = (await req('GET', `/api/v1/campaigns/${s.campaignId}/units/${s.fx.tarakan}/results`, s.coord)).json();
    const sorted = [...unitApi.total.elements].sort(
      (a: { value: { value: number } }, b: { value: { value: number } }) => a.value.value - b.value.value,
    );
    const weakest = sorted[0].code as string;
    const strongest = sorted.at(-1).code as string;
    for (const [code, text] of [
      [weakest, 'Memperbaiki alur pelayanan pada unsur terendah'],
      [strongest, 'Aksi pada unsur tertinggi tidak ditampilkan'],
    ]) {
      const r = await req('POST', '/api/v1/rtl/actions', op, {
        source: 'skm_result',
        sourceRef: s.campaignId,
        unitId: s.fx.tarakan,
        elements: [{ instrument: 'skm', code }],
        actionText: text,
        timeline: '2027-06-30',
        pic: 'Ibu Penanggung Jawab Rahasia',
      });
      expect(r.statusCode, r.body).toBe(201);
    }

    const bpom = await get('/hasil');
    expect(bpom.statusCode).toBe(200);
    expect(bpom.headers['cache-control']).toContain('public');
    expect(bpom.headers['content-security-policy']).toContain("default-src 'none'");
    expect(bpom.body).toContain('<html lang="id">');
    expect(bpom.body).toContain(`${api.bpom.ikm.display} (${api.bpom.grade.code})`);
    for (const u of api.units) {
      expect(bpom.body).toContain(u.name);
      expect(bpom.body).toContain(`${u.ikm.display}${u.grade ? ` (${u.grade.code})` : ''}`);
    }
    expect(bpom.body).toContain('href="/hasil/FX-BPOM-TRK"');
    expect(bpom.body).not.toMatch(/Responden Kompilasi|PT Kompilasi|<script/);

    const unit = await get('/hasil/fx-bpom-trk');
    expect(unit.statusCode).toBe(200);
    const html = unit.body;
    expect(html).toContain('Balai POM di Tarakan');
    expect(html).toContain(`${unitApi.total.ikm.display} (${unitApi.total.grade.code})`);
    expect(html).toContain(`<dd>${unitApi.total.counted}</dd>`);
    for (const e of unitApi.total.elements) expect(html).toContain(`${e.value.display} (${e.grade.code})`);
    expect(html).toMatch(/<th scope="row">2025<\/th><td class="g gB">84,10 \(B\)<\/td>/);
    expect(html).toContain('<th scope="row">2026</th>');
    expect(html).toContain('Memperbaiki alur pelayanan pada unsur terendah');
    expect(html).not.toContain('Aksi pada unsur tertinggi tidak ditampilkan');
    expect(html).not.toMatch(/Penanggung Jawab Rahasia|Responden Kompilasi|PT Kompilasi/);
    if (engine === 'sqlite') {
      rendered.bpom = bpom.body;
      rendered.unit = html;
    }

    const en = await get('/hasil/FX-BPOM-TRK?lang=en');
    expect(en.body).toContain('<html lang="en">');
    expect(en.body).toContain('Community Satisfaction Survey results – Balai POM di Tarakan');
    expect(en.body).toContain(unitApi.total.ikm.display.replace(',', '.'));
  });

  it('is cacheable: ETag and 304, gzip on request, a new ETag when the data change; unknown units are 404', async () => {
    const first = await get('/hasil/FX-BPOM-TRK');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/"/);
    const again = await get('/hasil/FX-BPOM-TRK', { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const gz = await get('/hasil/FX-BPOM-TRK', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString('utf8')).toBe(first.body);
    expect(first.body.length).toBeLessThan(30_000);
    const r = await req('POST', '/api/v1/rtl/actions', await loginAs(t, 'unit_operator', s.fx.tarakan), {
      source: 'other',
      unitId: s.fx.tarakan,
      actionText: 'Aksi lain',
      timeline: '2027-07-31',
      pic: 'Tim',
    });
    expect(r.statusCode, r.body).toBe(201);
    const changed = await get('/hasil/FX-BPOM-TRK', { 'if-none-match': etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    for (const path of ['/hasil/TIDAK-ADA', '/hasil/FX-ITTAMA', '/hasil/%3Cscript%3E']) {
      const res = await get(path);
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('<script>');
    }
    expect((await get('/hasil?tahun=2026&lang=en')).statusCode).toBe(200);
    expect((await get('/hasil?tahun=1999')).statusCode).toBe(404);
  });
});

describe('public results page accessibility', () => {
  describeBrowser('axe in headless Chromium (360 px and desktop)', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchChromium();
    }, 60_000);
    afterAll(async () => {
      await browser?.close();
    });
    it('has zero axe violations on the BPOM and the unit page and no horizontal scroll of the page at 360 px', async () => {
      expect(Object.keys(rendered).sort()).toEqual(['bpom', 'unit']);
      for (const width of [360, 1280]) {
        const context = await browser.newContext({ viewport: { width, height: 800 }, bypassCSP: true, javaScriptEnabled: true });
        for (const html of Object.values(rendered)) {
          const page = await context.newPage();
          await page.setContent(html);
          expect(await axeViolations(page)).toEqual([]);
          expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
          await page.close();
        }
        await context.close();
      }
    });
  });
});
