import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { instrumentQuestionCodes } from '../../src/domain/profiles/profile.ts';
import { shippedProfile } from '../../src/domain/profiles/shipped-profiles.ts';
import { mutu, tempFiles } from '../cli/run.ts';
import { createTestApp, describeEachEngine, SAME_ORIGIN, type TestApp } from '../helpers/engines.ts';
import { loginAs, type TestLogin } from '../helpers/login.ts';
import { TestClock } from '../responses/setup.ts';
import { type Fixture, seedFixture } from '../surveys/fixtures.ts';

/**
 * Issue 4 "How it will be checked", at the API level, on both engines: a coordinator runs one SKM round for a
 * Balai POM from campaign to restatement, and the IKM the results API shows equals `mutu skm-index` run on the
 * export of the counted responses.
 */

const HEADER = [
  'full_name',
  'age',
  'sex',
  'phone',
  'education',
  'occupation',
  'institution',
  'service',
  'submitted_at',
  'completion_pct',
  ...Array.from({ length: 14 }, (_, i) => `A${i + 1}`),
  ...Array.from({ length: 5 }, (_, i) => `B${i + 1}`),
  'suggestion',
];

/** A generated respondent; answers vary with `i` so the indices are not trivial. */
function importRow(service: string, i: number, over: Record<string, string> = {}): string[] {
  const base: Record<string, string> = {
    full_name: `Peserta Putaran ${i}`,
    age: String(20 + (i % 40)),
    sex: i % 2 ? 'perempuan' : 'laki_laki',
    phone: `0822${String(40_000_000 + i)}`,
    education: 'd4_s1',
    occupation: 'wiraswasta',
    institution: `CV Putaran ${i}`,
    service,
    submitted_at: `2024-04-${String(2 + (i % 20)).padStart(2, '0')} 09:${String(i % 60).padStart(2, '0')}`,
    completion_pct: '100',
    suggestion: '',
  };
  return HEADER.map((h) => over[h] ?? base[h] ?? String(3 + ((i + h.charCodeAt(1)) % 4)));
}

function formFields(over: Record<string, string> = {}): Record<string, string> {
  const f: Record<string, string> = {
    fullName: 'Responden Formulir',
    age: '37',
    sex: 'laki_laki',
    phone: ['0812', '7000', '1234'].join(' '),
    education: 'd1_d3',
    occupation: 'pegawai_swasta',
    institution: 'PT Formulir',
    consent: '1',
    completionPct: '100',
    suggestion: 'Terima kasih',
  };
  for (let i = 1; i <= 14; i++) f[`q_A${i}`] = String(4 + (i % 3));
  for (let i = 1; i <= 5; i++) f[`q_B${i}`] = '6';
  return { ...f, ...over };
}

const hidden = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';

function multipart(fileName: string, content: Buffer | string, type: string) {
  const boundary = `----round${Math.random().toString(16).slice(2)}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`;
  const payload = Buffer.concat([
    Buffer.from(head),
    Buffer.isBuffer(content) ? content : Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const xlsxOf = async (rows: string[][]) => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Data');
  ws.addRow(HEADER);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
};

describeEachEngine('SKM round end to end', (_engine, open) => {
  let t: TestApp;
  let clock: TestClock;
  let fx: Fixture;
  let coordinator: TestLogin;
  let operator: TestLogin;
  let otherOperator: TestLogin;
  let campaignId: string;
  let unitToken: string;
  let complaints: string; // the Tarakan service with the largest target
  let complaintsName: string;
  let ipSerial = 0;

  const call = (login: TestLogin | null, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: { ...(login ? { cookie: login.cookie } : {}), ...(method === 'GET' ? {} : SAME_ORIGIN) },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  const ok = (r: LightMyRequestResponse, status = 200) => {
    expect(r.statusCode, r.body).toBe(status);
    return r.json();
  };
  const count = async () =>
    Number(
      (
        await t.deps.dbh.db
          .selectFrom('survey_response')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('campaign_id', '=', campaignId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const upload = (fileName: string, content: Buffer | string, type: string) => {
    const m = multipart(fileName, content, type);
    return t.app.inject({
      method: 'POST',
      url: `/api/v1/campaigns/${campaignId}/units/${fx.tarakan}/imports`,
      headers: { cookie: operator.cookie, ...SAME_ORIGIN, ...m.headers },
      payload: m.payload,
    });
  };
  async function waitJob(jobId: string) {
    for (let i = 0; i < 600; i++) {
      const job = ok(await call(operator, 'GET', `/api/v1/jobs/${jobId}`));
      if (job.status === 'succeeded' || job.status === 'failed') return job;
      await new Promise((res) => setTimeout(res, 100));
    }
    throw new Error('import job did not finish');
  }

  beforeAll(async () => {
    clock = new TestClock(Date.parse('2024-05-02T02:00:00.000Z'));
    t = await createTestApp(open, { publicUrl: 'https://mutu.example.go.id' }, clock);
    fx = await seedFixture(t.deps.dbh.db);
    coordinator = await loginAs(t, 'skm_coordinator');
    operator = await loginAs(t, 'unit_operator', fx.tarakan);
    otherOperator = await loginAs(t, 'unit_operator', fx.loka);
  });
  afterAll(async () => t?.close());

  it('1. the coordinator creates a campaign for a Balai POM, publishes targets and links, and opens collection', async () => {
    const created = ok(
      await call(coordinator, 'POST', '/api/v1/campaigns', {
        year: 2024,
        name: 'SKM Balai POM di Tarakan 2024',
        profileCode: 'bpom-2024',
        collectionStart: '2024-04-01',
        collectionEnd: '2024-05-31',
        units: [{ unitId: fx.tarakan }, { unitId: fx.loka }],
      }),
      201,
    );
    campaignId = created.id;
    expect(ok(await call(coordinator, 'POST', `/api/v1/campaigns/${campaignId}/transition`, { to: 'targets_set' })).status).toBe(
      'targets_set',
    );
    const targets = ok(await call(coordinator, 'GET', `/api/v1/campaigns/${campaignId}/targets?unitId=${fx.tarakan}`)).rows as {
      unitServiceId: string;
      serviceName: string;
      target: number;
    }[];
    expect(targets).toHaveLength(9);
    const biggest = targets.reduce((a, b) => (b.target > a.target ? b : a));
    expect(biggest.target).toBe(18); // Pengaduan: 75 in 2023, divisor 4 → 19 → Krejcie-Morgan 18
    complaints = biggest.unitServiceId;
    complaintsName = biggest.serviceName;
    const links = ok(await call(coordinator, 'GET', `/api/v1/campaigns/${campaignId}/links`)).links as {
      unitId: string;
      unitServiceId: string | null;
      token: string;
    }[];
    const unitLinks = links.filter((l) => l.unitId === fx.tarakan);
    expect(unitLinks).toHaveLength(1); // a UPT gets one unit link
    expect(unitLinks[0]!.unitServiceId).toBeNull();
    unitToken = unitLinks[0]!.token;
    expect(unitToken.length).toBeGreaterThanOrEqual(27); // ≥160 bits in base64url
    expect(ok(await call(coordinator, 'POST', `/api/v1/campaigns/${campaignId}/transition`, { to: 'collecting' })).status).toBe(
      'collecting',
    );
  });

  it('2. the HTML form (no JavaScript) posted twice with the same idempotency key stores one response', async () => {
    const ip = `203.0.113.${++ipSerial}`;
    const page = await t.app.inject({ method: 'GET', url: `/s/${unitToken}`, headers: { 'x-forwarded-for': ip } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Balai POM di Tarakan');
    clock.advance(8_000); // a person takes a few seconds: the render-time challenge rejects instant posts
    const fields = formFields({ unitServiceId: complaints, csid: hidden(page.body, 'csid'), ch: hidden(page.body, 'ch') });
    const before = await count();
    const post = () =>
      t.app.inject({
        method: 'POST',
        url: `/s/${unitToken}/submit`,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': ip },
        payload: new URLSearchParams(fields).toString(),
      });
    const first = await post();
    expect(first.statusCode, first.body).toBe(303);
    expect(first.headers.location).toBe(`/s/${unitToken}/thanks`);
    const second = await post();
    expect(second.statusCode, second.body).toBe(303);
    expect(await count()).toBe(before + 1);
    const row = await t.deps.dbh.db
      .selectFrom('survey_response')
      .select(['channel', 'unit_id', 'unit_service_id', 'full_name_enc', 'ip_hmac'])
      .where('client_submission_id', '=', fields.csid!)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ channel: 'link', unit_id: fx.tarakan, unit_service_id: complaints });
    expect(row.full_name_enc).toMatch(/^v1\./); // encrypted at rest
    expect(row.ip_hmac).not.toContain(ip);
  });

  it('3. the JSON path (API key of the unit) sent twice with the same clientSubmissionId stores one response', async () => {
    const key = ok(
      await call(coordinator, 'POST', `/api/v1/campaigns/${campaignId}/api-keys`, {
        unitId: fx.tarakan,
        label: 'Aplikasi layanan',
      }),
      201,
    ).key as string;
    const answers: Record<string, number> = {};
    for (let i = 1; i <= 14; i++) answers[`A${i}`] = 3 + (i % 4);
    for (let i = 1; i <= 5; i++) answers[`B${i}`] = 5;
    const body = {
      unitServiceId: complaints,
      clientSubmissionId: 'round-json-0001',
      respondent: {
        fullName: 'Responden Aplikasi',
        age: 45,
        sex: 'perempuan',
        phone: '0',
        education: 'sma_or_below',
        occupation: 'wiraswasta',
        institution: 'UD Aplikasi',
      },
      completionPct: 100,
      answers,
    };
    const send = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/public/responses',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        payload: body,
      });
    const before = await count();
    const a = ok(await send(), 201);
    const b = ok(await send(), 200);
    expect(b).toMatchObject({ responseId: a.responseId, seqNo: a.seqNo, replayed: true });
    expect(await count()).toBe(before + 1);
  });

  it('4. an import with two bad rows is refused whole, naming both rows and columns; a good file is stored', async () => {
    const before = await count();
    const bad = [
      importRow(complaintsName, 1),
      importRow(complaintsName, 2, { A3: '7' }),
      importRow(complaintsName, 3),
      importRow(complaintsName, 4, { sex: 'tidak-tahu' }),
    ];
    const refused = await waitJob(ok(await upload('salah.xlsx', await xlsxOf(bad), 'application/octet-stream'), 202).jobId);
    expect(refused.status).toBe('failed');
    expect(refused.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [3, 'A3'],
      [5, 'sex'],
    ]);
    expect(refused.message).toMatch(/Tidak ada baris yang disimpan/);
    expect(await count()).toBe(before);

    const good = Array.from({ length: 8 }, (_, i) => importRow(complaintsName, 10 + i));
    const csv = `${[HEADER, ...good].map((r) => r.join(',')).join('\r\n')}\r\n`;
    const stored = await waitJob(ok(await upload('benar.csv', csv, 'text/csv'), 202).jobId);
    expect(stored).toMatchObject({ status: 'succeeded', result: { stored: 8, replayed: 0 }, errors: [] });
    expect(await count()).toBe(before + 8);
  });

  it('5. a unit operator of another unit sees none of these respondents', async () => {
    const base = `/api/v1/campaigns/${campaignId}/units/${fx.tarakan}`;
    for (const url of [`${base}/responses`, `${base}/responses.xlsx`, `${base}/results`]) {
      const r = await call(otherOperator, 'GET', url);
      expect([403, 404], `${url}: ${r.statusCode}`).toContain(r.statusCode);
      expect(r.body).not.toContain('Peserta Putaran');
    }
    // Its own unit is visible, and the Tarakan operator reads names in clear.
    expect((await call(otherOperator, 'GET', `/api/v1/campaigns/${campaignId}/units/${fx.loka}/responses`)).statusCode).toBe(200);
    const own = ok(await call(operator, 'GET', `${base}/responses?pageSize=50`));
    expect(own.personalMasked).toBe(false);
    expect(own.items.some((r: { fullName: string }) => r.fullName === 'Peserta Putaran 10')).toBe(true);
  });

  it('6. the unit operator proposes an invalidation and the coordinator accepts it: the response stops counting', async () => {
    const list = ok(await call(operator, 'GET', `/api/v1/campaigns/${campaignId}/units/${fx.tarakan}/responses?pageSize=50`));
    const target = list.items.find((r: { fullName: string }) => r.fullName === 'Peserta Putaran 11');
    expect(target.counted).toBe(true);
    const before = ok(await call(operator, 'GET', `/api/v1/campaigns/${campaignId}/units/${fx.tarakan}/results`)).total;
    const proposal = ok(
      await call(operator, 'POST', `/api/v1/responses/${target.id}/invalidation-proposals`, {
        reason: 'duplicate',
        note: 'Mengisi dua kali',
      }),
      201,
    );
    // Four-eyes: the proposer cannot approve.
    expect((await call(operator, 'POST', `/api/v1/invalidations/${proposal.id}/approve`, {})).statusCode).toBe(403);
    expect(ok(await call(coordinator, 'POST', `/api/v1/invalidations/${proposal.id}/approve`, {})).status).toBe('approved');
    const after = ok(await call(operator, 'GET', `/api/v1/campaigns/${campaignId}/units/${fx.tarakan}/results`)).total;
    expect(after.submitted).toBe(before.submitted);
    expect(after.valid).toBe(before.valid - 1);
    expect(after.counted).toBe(before.counted - 1);
    const row = await t.deps.dbh.db
      .selectFrom('survey_response')
      .select('validity')
      .where('id', '=', target.id)
      .executeTakeFirstOrThrow();
    expect(row.validity).toBe('invalid'); // excluded, never deleted
  });

  let closedIkm: { value: number; display: string };

  it('7. the campaign moves to validating, reporting and closed; the results freeze as snapshot version 1', async () => {
    clock.ms = Date.parse('2024-06-02T02:00:00.000Z'); // the collection window has ended in every zone
    // A month later the old sessions have expired: people log in again.
    coordinator = await loginAs(t, 'skm_coordinator');
    operator = await loginAs(t, 'unit_operator', fx.tarakan);
    for (const to of ['validating', 'reporting', 'closed']) {
      expect(ok(await call(coordinator, 'POST', `/api/v1/campaigns/${campaignId}/transition`, { to })).status).toBe(to);
    }
    const unit = ok(await call(coordinator, 'GET', `/api/v1/campaigns/${campaignId}/units/${fx.tarakan}/results`));
    expect(unit).toMatchObject({ source: 'snapshot', snapshotVersion: 1 });
    expect(unit.total.counted).toBe(1 + 1 + 8 - 1);
    closedIkm = unit.total.ikm;
    expect(closedIkm.value).toBeGreaterThan(25);
    // The closed public form is a polite page.
    const page = await t.app.inject({ method: 'GET', url: `/s/${unitToken}`, headers: { 'x-forwarded-for': '203.0.113.99' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('name="csid"');
  });

  it('8. a restatement with a reason makes version 2; version 1 stays, marked as corrected', async () => {
    const short = await call(coordinator, 'POST', `/api/v1/campaigns/${campaignId}/restatements`, { reason: 'salah' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.fields[0].field).toBe('body.reason');
    const restated = ok(
      await call(coordinator, 'POST', `/api/v1/campaigns/${campaignId}/restatements`, {
        reason: 'Koreksi setelah pemeriksaan ulang data validitas',
      }),
      201,
    );
    expect(restated.version).toBe(2);
    const snaps = ok(await call(coordinator, 'GET', `/api/v1/campaigns/${campaignId}/snapshots`)).items as {
      kind: string;
      unitId: string | null;
      version: number;
      note: string | null;
      restatementReason: string | null;
    }[];
    const tarakanSnaps = snaps.filter((s) => s.kind === 'skm_unit' && s.unitId === fx.tarakan);
    expect(tarakanSnaps.map((s) => s.version).sort()).toEqual([1, 2]);
    expect(tarakanSnaps.find((s) => s.version === 1)!.note).toBe('dikoreksi pada laporan berikutnya');
    expect(tarakanSnaps.find((s) => s.version === 2)!.restatementReason).toBe('Koreksi setelah pemeriksaan ulang data validitas');
    const unit = ok(await call(coordinator, 'GET', `/api/v1/campaigns/${campaignId}/units/${fx.tarakan}/results`));
    expect(unit.snapshotVersion).toBe(2);
    expect(unit.total.ikm).toEqual(closedIkm); // nothing changed in the data
  });

  it('9. the IKM shown equals `mutu skm-index` on the export of the counted responses', async () => {
    const res = await call(coordinator, 'GET', `/api/v1/campaigns/${campaignId}/units/${fx.tarakan}/responses.xlsx`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const rows: string[][] = [];
    ws.eachRow((r) => {
      rows.push((r.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v))));
    });
    const headerAt = rows.findIndex((r) => r[0] === 'No.' && r.includes('A1'));
    expect(headerAt).toBeGreaterThanOrEqual(0);
    const header = rows[headerAt]!;
    const data = rows.slice(headerAt + 1);
    const col = (name: string) => header.indexOf(name);
    const counted = data.filter((r) => r[col('Dihitung')] === '1');
    expect(data.length).toBe(10); // every stored response, counted or not
    expect(counted.length).toBe(9);

    const profile = shippedProfile('bpom-2024')!;
    const codes = instrumentQuestionCodes(profile, 'skm');
    const csv = [
      ['service', ...codes].join(','),
      ...counted.map((r) => [`"${r[col('Layanan')]}"`, ...codes.map((c) => r[col(c)])].join(',')),
    ].join('\n');
    const dir = tempFiles({ 'counted.csv': `${csv}\n` });
    const cli = await mutu(['skm-index', 'counted.csv', '--instrument', 'bpom-2024', '--json'], dir);
    expect(cli.err).toBe('');
    expect(cli.code).toBe(0);
    const j = cli.json();
    expect(j.respondents).toBe(9);

    const unit = ok(await call(coordinator, 'GET', `/api/v1/campaigns/${campaignId}/units/${fx.tarakan}/results`));
    expect(unit.total.respondents).toBe(9);
    expect(unit.total.ikm.value).toBeCloseTo(j.ikm as number, 9);
    expect(unit.total.grade?.code ?? null).toBe(j.grade);
    const text = await mutu(['skm-index', 'counted.csv', '--instrument', 'bpom-2024'], dir);
    expect(text.out).toContain(`Nilai IKM: ${unit.total.ikm.display}`);
  });
});
