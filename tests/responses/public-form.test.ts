import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shippedProfile } from '../../src/domain/profiles/shipped-profiles.ts';
import { renderForm } from '../../src/http/public/form-page.ts';
import { publicLimits } from '../../src/http/routes/public-survey.routes.ts';
import { describeEachEngine } from '../helpers/engines.ts';
import { loginAs } from '../helpers/login.ts';
import { type Env, setupCollecting } from './setup.ts';

let ipSerial = 0;
const nextIp = () => `198.51.100.${++ipSerial}`;

/** Valid answers of the bpom-2024 form as posted by a browser. */
function formFields(over: Record<string, string | null> = {}): Record<string, string> {
  const f: Record<string, string> = {
    fullName: 'Dewi Lestari',
    age: '34',
    sex: 'perempuan',
    phone: '0812 3456 7890',
    education: 'd4_s1',
    occupation: 'pegawai_swasta',
    institution: 'PT Sehat Selalu',
    consent: '1',
    completionPct: '100',
    suggestion: 'Pelayanan cepat',
  };
  for (let i = 1; i <= 14; i++) f[`q_A${i}`] = '5';
  for (let i = 1; i <= 5; i++) f[`q_B${i}`] = '6';
  for (const [k, v] of Object.entries(over)) {
    if (v === null) delete f[k];
    else f[k] = v;
  }
  return f;
}

const hidden = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';

describeEachEngine('public survey form', (_engine, open) => {
  let env: Env;
  let unitToken: string;
  const db = () => env.t.deps.dbh.db;
  const count = async (where: { link?: string; channel?: string } = {}) => {
    let q = db()
      .selectFrom('survey_response')
      .select((eb) => eb.fn.countAll().as('n'));
    if (where.link) q = q.where('link_id', '=', where.link);
    if (where.channel) q = q.where('channel', '=', where.channel as 'api');
    return Number((await q.executeTakeFirstOrThrow()).n);
  };
  const get = (url: string, headers: Record<string, string> = {}) =>
    env.t.app.inject({ method: 'GET', url, headers: { 'x-forwarded-for': nextIp(), ...headers } });
  const post = (url: string, fields: Record<string, string>, ip = nextIp()) =>
    env.t.app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': ip },
      payload: new URLSearchParams(fields).toString(),
    });
  /** Loads the form, waits like a person would, and posts it. */
  async function fill(token: string, over: Record<string, string | null> = {}, query = '') {
    const page = await get(`/s/${token}${query}`);
    env.clock.advance(5_000);
    const fields = formFields({ csid: hidden(page.body, 'csid'), ch: hidden(page.body, 'ch'), ...over });
    return { page, fields, res: await post(`/s/${token}/submit${query}`, fields) };
  }

  beforeAll(async () => {
    env = await setupCollecting(open, { retentionDays: 365 });
    unitToken = env.links.find((l) => l.unitId === env.fx.tarakan)!.token;
  });
  afterAll(async () => env?.t.close());

  it('renders the five steps of bpom-2024 with labels, the privacy notice and a strict CSP', async () => {
    const res = await get(`/s/${unitToken}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    const html = res.body;
    expect(html).toMatch(/^<!doctype html><html lang="id">/);
    expect(html.match(/<fieldset class="step">/g)).toHaveLength(5);
    expect(html).toContain('Langkah 1 dari 5: RESPONDEN – Keterangan Identitas');
    expect(html).toContain('Langkah 5 dari 5: SARAN &amp; MASUKAN');
    expect(html.match(/type="radio" id="q_/g)).toHaveLength(19 * 6);
    expect(html).toContain('<label for="q_A1_1">Sangat Tidak Mudah</label>');
    expect(html).toContain('<label for="q_B5_6">Sangat Setuju</label>');
    expect(html).toContain('Apakah Saudara setuju dengan pernyataan ini ?');
    // Unit link: the respondent picks one of the unit's nine services.
    expect(html.match(/<select id="f-unitServiceId"[\s\S]*?<\/select>/)![0].match(/<option value="[^"]+"/g)).toHaveLength(9);
    expect(html).toContain('<label for="f-age">Umur');
    expect(html).toContain('365 hari setelah survei ditutup');
    expect(html).toContain('name="consent"');
    expect(hidden(html, 'csid')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(html).not.toMatch(/<(link|img|script) [^>]*src=/); // no external assets

    const en = await get(`/s/${unitToken}?lang=en`);
    expect(en.body).toContain('<html lang="en">');
    expect(en.body).toContain('<label for="q_A1_1">Very difficult</label>');
    expect(en.body).toContain('Step 1 of 5: RESPONDENT');
    expect(en.body).toContain('365 days after the survey closes');
    expect(en.body).toContain(`action="/s/${unitToken}/submit?lang=en"`);
  });

  it('keeps the first load under 60 KB compressed (content-length of the br and gzip responses)', async () => {
    for (const enc of ['br', 'gzip']) {
      const res = await get(`/s/${unitToken}`, { 'accept-encoding': enc });
      expect(res.headers['content-encoding']).toBe(enc);
      const length = Number(res.headers['content-length']);
      expect(length).toBe(res.rawPayload.length);
      expect(length).toBeGreaterThan(1000);
      expect(length).toBeLessThanOrEqual(60 * 1024);
      process.stdout.write(`first load ${enc}: ${length} bytes\n`);
    }
    const br = await get(`/s/${unitToken}`, { 'accept-encoding': 'br' });
    expect(brotliDecompressSync(br.rawPayload).toString('utf8')).toContain('Langkah 1 dari 5');
  });

  it('stores a posted form, redirects to the thank-you page, and a resent form stores one response', async () => {
    const link = env.links.find((l) => l.unitId === env.fx.tarakan)!;
    const before = await count({ link: link.id });
    const service = env.fx.tarakanServices[8]!;
    const { res, fields } = await fill(unitToken, { unitServiceId: service });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/s/${unitToken}/thanks`);
    const thanks = await get(res.headers.location as string);
    expect(thanks.statusCode).toBe(200);
    expect(thanks.body).toContain('Terima kasih');
    expect(await count({ link: link.id })).toBe(before + 1);
    const row = await db()
      .selectFrom('survey_response')
      .selectAll()
      .where('client_submission_id', '=', fields.csid!)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      channel: 'link',
      unit_service_id: service,
      age: 34,
      completion_pct: 100,
      suggestion: 'Pelayanan cepat',
      locale: 'id',
    });
    expect(JSON.parse(row.answers_json)).toMatchObject({ A1: 5, B5: 6 });
    // Double tap / back + resend: same idempotency key, one response.
    const again = await post(`/s/${unitToken}`, fields);
    expect(again.statusCode).toBe(303);
    expect(await count({ link: link.id })).toBe(before + 1);
  });

  it('rejects an instant post with a security-code question and accepts the correct answer', async () => {
    const page = await get(`/s/${unitToken}`);
    const fields = formFields({
      csid: hidden(page.body, 'csid'),
      ch: hidden(page.body, 'ch'),
      unitServiceId: env.fx.tarakanServices[8]!,
    });
    const before = await count();
    const instant = await post(`/s/${unitToken}`, fields);
    expect(instant.statusCode).toBe(400);
    expect(instant.body).toContain('Pengiriman terlalu cepat');
    const q = /Kode keamanan: berapa (\d+) \+ (\d+)\?/.exec(instant.body)!;
    expect(q).not.toBeNull();
    expect(instant.body).toContain('value="Dewi Lestari"'); // values preserved
    expect(await count()).toBe(before);
    const ch = hidden(instant.body, 'ch');
    const wrong = await post(`/s/${unitToken}`, { ...fields, ch, kode: String(Number(q[1]) + Number(q[2]) + 1) });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('Kode keamanan salah');
    const right = await post(`/s/${unitToken}`, { ...fields, ch, kode: String(Number(q[1]) + Number(q[2])) });
    expect(right.statusCode).toBe(303);
    expect(await count()).toBe(before + 1);
    // A forged or stale challenge and a filled honeypot are refused as well.
    env.clock.advance(5_000);
    expect((await post(`/s/${unitToken}`, { ...fields, csid: 'forged-000001', ch: 'v1.1.0.0.x' })).statusCode).toBe(400);
    const p2 = await get(`/s/${unitToken}`);
    env.clock.advance(5_000);
    const bot = await post(`/s/${unitToken}`, {
      ...fields,
      csid: hidden(p2.body, 'csid'),
      ch: hidden(p2.body, 'ch'),
      website: 'http://spam',
    });
    expect(bot.statusCode).toBe(400);
    const p3 = await get(`/s/${unitToken}`);
    env.clock.advance(7 * 60 * 60_000);
    expect(
      (await post(`/s/${unitToken}`, { ...fields, csid: hidden(p3.body, 'csid'), ch: hidden(p3.body, 'ch') })).statusCode,
    ).toBe(400);
    expect(await count()).toBe(before + 1);
  });

  it('names invalid fields in Indonesian and English, links them from the summary and keeps the values', async () => {
    const before = await count();
    const { res } = await fill(unitToken, { age: '5', consent: null, q_A3: null, unitServiceId: env.fx.tarakanServices[8]! });
    expect(res.statusCode).toBe(400);
    const summary = /<div class="err-sum"[\s\S]*?<\/div>/.exec(res.body)![0];
    expect(summary).toContain('<a href="#f-consent">Centang persetujuan pemrosesan data untuk melanjutkan.</a>');
    expect(summary).toContain('<a href="#f-age">Umur harus berupa bilangan bulat 10 sampai 99.</a>');
    expect(summary).toContain('<a href="#q_A3_1">Pertanyaan A3 belum dijawab.</a>');
    expect(summary.indexOf('f-consent')).toBeLessThan(summary.indexOf('q_A3'));
    expect(res.body).toContain('id="f-age" name="age" value="5"');
    expect(res.body).toContain('aria-invalid="true" aria-describedby="e-age"');
    expect(res.body).toMatch(/id="q_A1_5" name="q_A1" value="5" checked/);

    const en = await fill(unitToken, { age: 'abc', unitServiceId: '' }, '?lang=en');
    expect(en.res.statusCode).toBe(400);
    expect(en.res.body).toContain('Age must be a whole number from 10 to 99.');
    expect(en.res.body).toContain('Service received is required.');
    expect(await count()).toBe(before);
  });

  it('shows polite pages for a closed or not yet open campaign, a replaced token and an unknown token', async () => {
    const setStatus = (status: 'closed' | 'targets_set' | 'collecting') =>
      db().updateTable('skm_campaign').set({ status }).where('id', '=', env.campaignId).execute();
    await setStatus('closed');
    const closed = await get(`/s/${unitToken}`);
    expect(closed.statusCode).toBe(200);
    expect(closed.headers['content-type']).toContain('text/html');
    expect(closed.body).toContain('Survei sudah ditutup');
    expect(closed.body).toContain('Balai POM di Tarakan');
    const before = await count();
    const late = await post(`/s/${unitToken}`, formFields());
    expect(late.statusCode).toBe(200);
    expect(late.body).toContain('Survei sudah ditutup');
    expect(await count()).toBe(before);
    expect((await get(`/s/${unitToken}?lang=en`)).body).toContain('The survey is closed');
    await setStatus('targets_set');
    expect((await get(`/s/${unitToken}`)).body).toContain('Survei belum dibuka');
    await setStatus('collecting');

    const link = env.links.find((l) => l.unitServiceId === env.fx.centralServices[0])!;
    // Fresh session: earlier tests moved the clock past the idle timeout.
    const coordinator = await loginAs(env.t, 'skm_coordinator');
    const regen = await env.call(coordinator, 'POST', `/api/v1/links/${link.id}/regenerate`);
    expect(regen.statusCode).toBe(200);
    const old = await get(`/s/${link.token}`);
    expect(old.statusCode).toBe(200);
    expect(old.body).toContain('Tautan survei sudah diganti');
    const fresh = await get(`/s/${regen.json().link.token}`);
    expect(fresh.statusCode).toBe(200);
    // Service link: the service is fixed, no choice.
    expect(fresh.body).not.toContain('id="f-unitServiceId"');
    expect(fresh.body).toContain(`type="hidden" name="unitServiceId" value="${env.fx.centralServices[0]}"`);

    const unknown = await get('/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toContain('text/html');
    expect(unknown.body).toContain('Survei tidak ditemukan');
    expect((await get('/s/<script>')).statusCode).toBe(404);
  });

  it('limits posts per client address and per token', async () => {
    const ip = '203.0.113.77';
    const codes: number[] = [];
    for (let i = 0; i < publicLimits.postsPerIp + 1; i++) codes.push((await post(`/s/${unitToken}`, { x: '1' }, ip)).statusCode);
    expect(codes.slice(0, publicLimits.postsPerIp).every((c) => c === 400)).toBe(true);
    expect(codes.at(-1)).toBe(429);
    // Another address is not affected.
    expect((await post(`/s/${unitToken}`, { x: '1' })).statusCode).toBe(400);

    const token = env.links.find((l) => l.unitServiceId === env.fx.centralServices[1])!.token;
    const saved = publicLimits.postsPerToken;
    publicLimits.postsPerToken = 3;
    try {
      const perToken: number[] = [];
      for (let i = 0; i < 4; i++) perToken.push((await post(`/s/${token}`, { x: '1' })).statusCode);
      expect(perToken).toEqual([400, 400, 400, 429]);
      const limited = await post(`/s/${token}`, { x: '1' });
      expect(limited.body).toContain('Terlalu banyak pengiriman');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      publicLimits.postsPerToken = saved;
    }
  });

  it('allows framing only from the origins the campaign lists, and records the embedded channel', async () => {
    await db()
      .updateTable('skm_campaign')
      .set({ allow_embedding: 1, embed_origins_json: JSON.stringify(['https://layanan.pom.go.id']) })
      .where('id', '=', env.campaignId)
      .execute();
    const res = await get(`/s/${unitToken}?embed=1`);
    expect(res.headers['content-security-policy']).toContain('frame-ancestors https://layanan.pom.go.id');
    const before = await count({ channel: 'embedded' });
    const { res: sent } = await fill(unitToken, { unitServiceId: env.fx.tarakanServices[8]! }, '?embed=1');
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe(`/s/${unitToken}/thanks?embed=1`);
    expect(await count({ channel: 'embedded' })).toBe(before + 1);
    await db()
      .updateTable('skm_campaign')
      .set({ allow_embedding: 0, embed_origins_json: '[]' })
      .where('id', '=', env.campaignId)
      .execute();
    expect((await get(`/s/${unitToken}?embed=1`)).headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('accepts server-to-server submissions with an API key scoped to its unit and campaign', async () => {
    const operator = await loginAs(env.t, 'unit_operator', env.fx.tarakan);
    const coordinator = await loginAs(env.t, 'skm_coordinator');
    const keyUrl = `/api/v1/campaigns/${env.campaignId}/api-keys`;
    expect((await env.call(operator, 'POST', keyUrl, { unitId: env.fx.tarakan, label: 'x' })).statusCode).toBe(403);
    const created = await env.call(coordinator, 'POST', keyUrl, { unitId: env.fx.tarakan, label: 'Aplikasi layanan Tarakan' });
    expect(created.statusCode).toBe(201);
    const { key, id } = created.json();
    expect(key).toMatch(/^mutu_sk_/);
    const stored = await db().selectFrom('api_key').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(key);

    const answers: Record<string, number> = {};
    for (let i = 1; i <= 14; i++) answers[`A${i}`] = 4;
    for (let i = 1; i <= 5; i++) answers[`B${i}`] = 4;
    const body = (over: Record<string, unknown> = {}) => ({
      unitServiceId: env.fx.tarakanServices[8],
      clientSubmissionId: `api-${Math.random().toString(36).slice(2, 12)}`,
      respondent: {
        fullName: 'Via API',
        age: 45,
        sex: 'laki_laki',
        phone: '0',
        education: 'sma_or_below',
        occupation: 'wiraswasta',
        institution: 'UD Maju',
      },
      completionPct: 100,
      answers,
      ...over,
    });
    const send = (payload: unknown, bearer = key) =>
      env.t.app.inject({
        method: 'POST',
        url: '/api/v1/public/responses',
        headers: { authorization: `Bearer ${bearer}`, origin: 'https://layanan.example.com', 'sec-fetch-site': 'cross-site' },
        payload: payload as Record<string, unknown>,
      });
    const first = body();
    const ok = await send(first);
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ replayed: false, duplicateHint: null });
    const replay = await send(first);
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toMatchObject({ responseId: ok.json().responseId, replayed: true });
    expect(await count({ channel: 'api' })).toBe(1);

    // The key of unit A cannot submit for unit B, neither by unit nor by one of B's services.
    const before = await count();
    const otherUnit = await send(body({ unitId: env.fx.central, unitServiceId: env.fx.centralServices[0] }));
    expect(otherUnit.statusCode).toBe(403);
    const otherService = await send(body({ unitServiceId: env.fx.centralServices[0] }));
    expect(otherService.statusCode).toBe(400);
    expect(otherService.json().error.fields[0].field).toBe('body.unitServiceId');
    const invalid = await send(body({ answers: { ...answers, A1: 0 } }));
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.fields).toEqual([
      { field: 'body.answers.A1', message: 'Jawaban pertanyaan A1 harus berupa pilihan 1 sampai 6.' },
    ]);
    expect((await send(body(), 'mutu_sk_wrong')).statusCode).toBe(401);
    expect(await count()).toBe(before);

    const list = await env.call(coordinator, 'GET', keyUrl);
    expect(list.json()).toMatchObject({ total: 1, items: [{ id, label: 'Aplikasi layanan Tarakan', active: true }] });
    expect(JSON.stringify(list.json())).not.toContain(key);
    const revoked = await env.call(coordinator, 'POST', `/api/v1/api-keys/${id}/revoke`);
    expect(revoked.json()).toMatchObject({ active: false });
    expect((await send(body())).statusCode).toBe(401);
    const audit = await db()
      .selectFrom('audit_event')
      .select('action')
      .where('entity_type', '=', 'api_key')
      .where('entity_id', '=', id)
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['create', 'revoke']);
  });
});

describe('form rendering of the other shipped profiles', () => {
  const view = (code: string) =>
    renderForm({
      locale: 'id',
      profile: shippedProfile(code)!,
      campaignName: 'Survei',
      unitName: 'Unit',
      services: [{ id: 's1', name: 'Layanan 1' }],
      fixedService: null,
      action: '/s/x',
      langSwitchHref: '/s/x?lang=en',
      retentionDays: null,
      values: {},
      errors: [],
      clientSubmissionId: 'abcdefgh',
      challenge: 'c',
      captcha: null,
    });
  it('permenpan-2017: four steps, nine 4-point questions', () => {
    const html = view('permenpan-2017');
    expect(html.match(/<fieldset class="step">/g)).toHaveLength(4);
    expect(html.match(/type="radio" id="q_/g)).toHaveLength(9 * 4);
    expect(html).toContain('<label for="q_U4_4">Gratis</label>');
  });
  it('spkp-spak-4: SPKP and SPAK sections', () => {
    const html = view('spkp-spak-4');
    expect(html.match(/<fieldset class="step">/g)).toHaveLength(5);
    expect(html).toContain('name="q_P5"');
    expect(html).toContain('sampai pengolahan survei selesai');
  });
});
