import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachEngine } from '../helpers/engines.ts';
import { loginAs, type TestLogin } from '../helpers/login.ts';
import { counters, setupW2, type W2Env } from './w2-setup.ts';

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

function multipart(fileName: string, content: Buffer | string, type = 'text/csv') {
  const boundary = `----w2test${Math.random().toString(16).slice(2)}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`;
  const payload = Buffer.concat([
    Buffer.from(head),
    Buffer.isBuffer(content) ? content : Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** One generated respondent per row; `i` varies the answers and the time. */
function row(service: string, i: number, over: Record<string, string> = {}): string[] {
  const base: Record<string, string> = {
    full_name: `Peserta Impor ${i}`,
    age: String(18 + (i % 60)),
    sex: i % 3 === 0 ? 'Perempuan' : i % 3 === 1 ? 'laki_laki' : 'LAKI-LAKI',
    phone: `0821${String(30_000_000 + i)}`,
    education: i % 2 ? 'D4/S1' : 'sma_or_below',
    occupation: i % 2 ? 'Wiraswasta' : 'pegawai_swasta',
    institution: `PT Uji ${i}`,
    service,
    submitted_at: `2024-05-${String(1 + (i % 14)).padStart(2, '0')} ${String(8 + (i % 9)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`,
    completion_pct: '100',
    suggestion: i % 5 ? '' : 'Pertahankan',
  };
  return HEADER.map((h) => over[h] ?? base[h] ?? String(1 + ((i + h.charCodeAt(1)) % 6)));
}
const csv = (rows: string[][]) =>
  `${[HEADER, ...rows].map((r) => r.map((c) => (/[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n')}\r\n`;

describeEachEngine('paper entry and spreadsheet import', (engine, open) => {
  let env: W2Env;
  let op: TestLogin;
  let otherOp: TestLogin;

  const countResponses = async () =>
    Number(
      (
        await env.t.deps.dbh.db
          .selectFrom('survey_response')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('campaign_id', '=', env.campaignId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  async function upload(login: TestLogin, fileName: string, content: Buffer | string, lang = '') {
    const m = multipart(fileName, content);
    return env.t.app.inject({
      method: 'POST',
      url: `/api/v1/campaigns/${env.campaignId}/units/${env.tarakan}/imports${lang}`,
      headers: { cookie: login.cookie, origin: 'http://localhost:3000', 'sec-fetch-site': 'same-origin', ...m.headers },
      payload: m.payload,
    });
  }

  async function waitJob(login: TestLogin, jobId: string, lang = '') {
    const seen: number[] = [];
    // 250 ms between polls: well inside the API rate limit (600 requests a minute).
    for (let i = 0; i < 2400; i++) {
      const r = await env.call(login, 'GET', `/api/v1/jobs/${jobId}${lang}`);
      expect(r.statusCode).toBe(200);
      const job = r.json();
      seen.push(job.progress);
      if (job.status === 'succeeded' || job.status === 'failed') return { job, seen };
      await new Promise((res) => setTimeout(res, 250));
    }
    throw new Error('job did not finish');
  }

  beforeAll(async () => {
    env = await setupW2(open);
    op = await loginAs(env.t, 'unit_operator', env.tarakan);
    otherOp = await loginAs(env.t, 'unit_operator', env.other);
  });
  afterAll(async () => env?.t.close());

  describe('paper entry', () => {
    const url = () => `/api/v1/campaigns/${env.campaignId}/units/${env.tarakan}/paper-responses`;
    const body = (over: Record<string, unknown> = {}) => ({
      unitServiceId: env.services[0]!.id,
      submittedAt: '2024-05-10',
      clientSubmissionId: `paper-grid-${Math.random().toString(36).slice(2, 12)}`,
      respondent: {
        fullName: 'Pengisi Kertas',
        age: 41,
        sex: 'laki_laki',
        phone: '0',
        education: 'd1_d3',
        occupation: 'lainnya',
        institution: 'Toko Obat Uji',
      },
      completionPct: 100,
      answers: { A1: 5, A2: null, A3: 4 },
      ...over,
    });

    it('stores a paper form with blanks, the operator as enteredBy and the form date at noon local time; a resend stores nothing twice', async () => {
      const b = body();
      const r = await env.call(op, 'POST', url(), b);
      expect(r.statusCode, r.body).toBe(201);
      expect(r.json()).toMatchObject({ replayed: false, seqNo: 1 });
      const stored = await env.t.deps.dbh.db
        .selectFrom('survey_response')
        .selectAll()
        .where('id', '=', r.json().responseId)
        .executeTakeFirstOrThrow();
      expect(stored).toMatchObject({ channel: 'paper_entry', entered_by: op.userId, submitted_at: '2024-05-10T04:00:00.000Z' });
      expect(JSON.parse(stored.answers_json)).toEqual({ A1: 5, A3: 4 });
      const again = await env.call(op, 'POST', url(), b);
      expect(again.statusCode).toBe(200);
      expect(again.json()).toMatchObject({ replayed: true, responseId: r.json().responseId });
      const iso = await env.call(op, 'POST', url(), body({ submittedAt: '2024-05-11T09:15:00+08:00' }));
      expect(iso.statusCode).toBe(201);
    });

    it('names a missing, impossible or out-of-window date and a bad answer, in the user language', async () => {
      const missing = await env.call(op, 'POST', url(), body({ submittedAt: undefined }));
      expect(missing.statusCode).toBe(400);
      expect(missing.json().error.fields[0].field).toBe('body.submittedAt');
      const impossible = await env.call(op, 'POST', url(), body({ submittedAt: '2024-02-30' }));
      expect(impossible.json().error.fields[0].field).toBe('body.submittedAt');
      const late = await env.call(op, 'POST', `${url()}?lang=en`, body({ submittedAt: '2024-07-15' }));
      expect(late.statusCode).toBe(400);
      expect(late.json().error.fields).toEqual([expect.objectContaining({ field: 'body.submittedAt' })]);
      const badAnswer = await env.call(op, 'POST', url(), body({ answers: { A1: 9 } }));
      expect(badAnswer.statusCode).toBe(400);
      expect(badAnswer.json().error.fields[0].field).toBe('body.answers.A1');
    });

    it("refuses another unit's operator", async () => {
      const r = await env.call(otherOp, 'POST', url(), body());
      expect(r.statusCode).toBe(403);
    });
  });

  describe('import', () => {
    it('offers a template in CSV and XLSX whose example row imports', async () => {
      const c = await env.call(op, 'GET', `/api/v1/campaigns/${env.campaignId}/units/${env.tarakan}/import-template.csv`);
      expect(c.statusCode).toBe(200);
      const lines = c.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      expect(lines[0]!.split(',')).toEqual(
        [...HEADER.slice(0, 8), 'submitted_at', 'completion_pct', ...HEADER.slice(10)].filter((h, i, a) => a.indexOf(h) === i),
      );
      expect(lines).toHaveLength(2);
      const x = await env.call(op, 'GET', `/api/v1/campaigns/${env.campaignId}/units/${env.tarakan}/import-template.xlsx`);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
      expect(wb.worksheets).toHaveLength(2);
      expect((wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1)).toEqual(lines[0]!.split(','));
      const help: string[] = [];
      wb.worksheets[1]!.eachRow((r) => {
        help.push((r.values as unknown[]).slice(1).map(String).join(' | '));
      });
      expect(help.join('\n')).toContain('perempuan = Perempuan / Female');
      expect(help.join('\n')).toContain('pelajar_mahasiswa = Pelajar/mahasiswa');
      expect(help.join('\n')).toContain(env.services[0]!.name);

      const before = await countResponses();
      const started = await upload(op, 'template.csv', c.rawPayload);
      expect(started.statusCode, started.body).toBe(202);
      const { job } = await waitJob(op, started.json().jobId);
      expect(job).toMatchObject({ status: 'succeeded', result: { stored: 1, replayed: 0 }, errors: [] });
      expect(await countResponses()).toBe(before + 1);
    });

    it('refuses a file with two bad rows whole, naming both rows and columns (id and en)', async () => {
      const service = env.services.at(-1)!.name;
      const rows = [
        row(service, 1),
        row(service, 2, { age: 'xx' }),
        row(service, 3),
        row(service, 4),
        row(service.toUpperCase(), 5, { A2: '9' }),
      ];
      const before = await countResponses();
      const started = await upload(op, 'dua-baris-salah.csv', csv(rows));
      expect(started.statusCode).toBe(202);
      const { job } = await waitJob(op, started.json().jobId);
      expect(job.status).toBe('failed');
      expect(job.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
        [3, 'age'],
        [6, 'A2'],
      ]);
      expect(job.errors[0].message).toBe('Harus bilangan bulat');
      expect(job.message).toMatch(/Tidak ada baris yang disimpan/);
      const en = (await env.call(op, 'GET', `/api/v1/jobs/${started.json().jobId}?lang=en`)).json();
      expect(en.errors[0].message).toBe('Must be a whole number');
      expect(en.errors[1].message).not.toBe(job.errors[1].message);
      expect(en.message).toMatch(/No row was stored/);
      expect(await countResponses()).toBe(before);
    });

    it('reports header problems, unknown codes, services and dates', async () => {
      const bad = csv([row('Layanan Tidak Ada', 1, { sex: 'x', submitted_at: '2024-08-01 10:00' })]).replace(
        'suggestion',
        'komentar',
      );
      const started = await upload(op, 'header.csv', bad);
      const { job } = await waitJob(op, started.json().jobId);
      expect(job.errors).toEqual([{ row: 1, column: 'komentar', message: 'Kolom "komentar" tidak dikenal' }]);
      const started2 = await upload(
        op,
        'cells.csv',
        csv([row('Layanan Tidak Ada', 1, { sex: 'x', submitted_at: '2024-08-01 10:00' })]),
      );
      const { job: job2 } = await waitJob(op, started2.json().jobId);
      expect(job2.errors.map((e: { column: string }) => e.column)).toEqual(['sex', 'service', 'submitted_at']);
    });

    it('checks the caller and the upload', async () => {
      expect((await upload(otherOp, 'x.csv', csv([row(env.services[0]!.name, 1)]))).statusCode).toBe(403);
      const notMultipart = await env.call(op, 'POST', `/api/v1/campaigns/${env.campaignId}/units/${env.tarakan}/imports`, {
        file: 'x',
      });
      expect(notMultipart.statusCode).toBe(400);
      expect(notMultipart.json().error.fields[0].field).toBe('file');
      const started = await upload(op, 'ok.csv', csv([row(env.services[0]!.name, 77)]));
      const jobId = started.json().jobId;
      await waitJob(op, jobId);
      expect((await env.call(otherOp, 'GET', `/api/v1/jobs/${jobId}`)).statusCode).toBe(403);
      expect((await env.call(env.coordinator, 'GET', `/api/v1/jobs/${jobId}`)).statusCode).toBe(200);
    });

    it('imports 5,000 XLSX rows in one transaction with progress, and a re-upload stores nothing twice', {
      timeout: 240_000,
    }, async () => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Data');
      ws.addRow(HEADER);
      const names = env.services.map((s) => s.name);
      for (let i = 0; i < 5000; i++) ws.addRow(row(names[i % names.length]!, 1000 + i));
      const file = Buffer.from(await wb.xlsx.writeBuffer());
      const before = await countResponses();
      const pengaduan = env.services.at(-1)!.id;
      const c0 = await counters(env, pengaduan);
      const t0 = Date.now();
      const started = await upload(op, 'besar.xlsx', file);
      expect(started.statusCode).toBe(202);
      const { job, seen } = await waitJob(op, started.json().jobId);
      const ms = Date.now() - t0;
      expect(job, JSON.stringify(job.errors?.slice(0, 3))).toMatchObject({
        status: 'succeeded',
        progress: 100,
        total: 5000,
        processed: 5000,
        result: { stored: 5000, replayed: 0 },
      });
      expect(seen.every((p, i) => i === 0 || p >= seen[i - 1]!)).toBe(true);
      // Progress was visible while the job ran (from the job row, not from memory).
      expect(seen.some((p) => p > 0 && p < 100)).toBe(true);
      expect(await countResponses()).toBe(before + 5000);
      // Row i went to service i mod 9: Pengaduan (the last) got every ninth row.
      const c1 = await counters(env, pengaduan);
      expect(c1.submitted - c0.submitted).toBe(Math.floor(5000 / names.length));
      // Target 18 ≥ 10 and more valid than target: the first 18 count (D5), recounted by W1.
      expect(c1.counted).toBe(18);
      console.log(`[${engine}] 5,000-row XLSX import: ${ms} ms`);

      const again = await upload(op, 'besar-lagi.xlsx', file);
      const { job: job2 } = await waitJob(op, again.json().jobId);
      expect(job2).toMatchObject({ status: 'succeeded', result: { stored: 0, replayed: 5000 } });
      expect(await countResponses()).toBe(before + 5000);
      const audit = await env.t.deps.dbh.db
        .selectFrom('audit_event')
        .select('after_json')
        .where('entity_id', '=', started.json().jobId)
        .executeTakeFirstOrThrow();
      expect(JSON.parse(audit.after_json!)).toMatchObject({ rows: 5000, stored: 5000 });
    });
  });
});
