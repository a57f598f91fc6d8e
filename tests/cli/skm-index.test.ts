import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { Rational } from '../../src/domain/core/rational.ts';
import { toFixedHalfUp } from '../../src/domain/core/rounding.ts';
import { BPOM_2024 } from '../../src/domain/profiles/shipped/bpom-2024.ts';
import { mutu, REPO, tempFiles } from './run.ts';

const d2 = (x: number) => toFixedHalfUp(Rational.parse(x), 2);
const PERMENPAN_CSV = 'resources/fixtures/skm/permenpan-4point-semicolon.csv';

describe('mutu skm-index: golden Tarakan 2024 (EX-SKM-01/02/03)', () => {
  it('gives 91,50 A and the per-service table with --by service --json', async () => {
    const r = await mutu([
      'skm-index',
      'resources/fixtures/skm/tarakan-2024-bpom.csv',
      '--instrument',
      'bpom-2024',
      '--by',
      'service',
      '--json',
    ]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const j = r.json();
    expect(j.respondents).toBe(22);
    expect(j.questions.map((q: { sum: number }) => q.sum)).toEqual([118, 114, 122, 121, 123, 120, 121, 124, 124, 125, 119]);
    expect(j.questions.every((q: { answered: number }) => Number.isInteger(q.answered) && q.answered === 22)).toBe(true);
    expect(j.elements.map((e: { value: number }) => d2(e.value))).toEqual([
      '89.39',
      '86.36',
      '92.42',
      '90.91',
      '91.67',
      '93.94',
      '93.94',
      '94.70',
      '90.15',
    ]);
    expect(j.elements.map((e: { grade: string }) => e.grade).join('')).toBe('ABAAAAAAA');
    expect(j.elements[0].nrr).toBeCloseTo(118 / 22, 12);
    expect(j.weightedSum).toBeCloseTo(5.4899, 4);
    expect(j.ikm).toBeCloseTo(91.4983, 4);
    expect(d2(j.ikm)).toBe('91.50');
    expect([j.grade, j.gradeLabel]).toEqual(['A', 'Sangat Baik']);
    expect(j.ci95).toHaveLength(2);
    expect(j.ci95[0]).toBeLessThan(j.ikm);
    const services = Object.fromEntries(
      j.services.map((s: { service: string; ikm: number; respondents: number }) => [s.service, [s.respondents, d2(s.ikm)]]),
    );
    expect(services).toEqual({
      CDOB: [1, '100.00'],
      CPKB: [1, '94.44'],
      CPPOB: [2, '89.20'],
      'Pengaduan masyarakat dan informasi Obat dan Makanan': [18, '91.12'],
    });
    expect(j.services[0].ci95).toBeNull(); // n = 1 (D37)
  });

  it('prints an Indonesian table with decimal commas', async () => {
    const r = await mutu(['skm-index', 'resources/fixtures/skm/tarakan-2024-bpom.csv', '--instrument', 'bpom-2024']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Nilai IKM: 91,50 +Mutu pelayanan: A \(Sangat Baik\)/);
    expect(r.out).toMatch(/Jumlah NRR IKM tertimbang: 5,49/);
    expect(r.out).toMatch(/U2 +Sistem, Mekanisme, dan Prosedur +5,18 +0,58 +86,36 +B/);
    expect(r.out).not.toMatch(/91\.50/);
  });
});

/** Independent hand computation: plain per-column sums, NRR = sum/answered, IKM = mean NRR × 25. */
function handCompute(text: string, sep: string, cols: string[]) {
  const [head, ...lines] = text
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\n');
  const headers = (head as string).split(sep);
  const sums = cols.map(() => 0);
  const answered = cols.map(() => 0);
  for (const l of lines) {
    // The constructed fixture only quotes the service names, which have no separators of their own except in quotes.
    const cells = l.match(new RegExp(`("[^"]*"|[^${sep}]*)(${sep}|$)`, 'g'))!.map((c) => c.replace(new RegExp(`${sep}$`), ''));
    cols.forEach((c, i) => {
      const v = cells[headers.indexOf(c)];
      if (v !== undefined && v !== '') {
        sums[i]! += Number(v);
        answered[i]! += 1;
      }
    });
  }
  const nrr = sums.map((s, i) => s / answered[i]!);
  return { sums, answered, nrr, values: nrr.map((x) => x * 25), ikm: (nrr.reduce((a, b) => a + b, 0) / 9) * 25, n: lines.length };
}

describe('mutu skm-index: a constructed 4-point tabulation, checked by hand', () => {
  const U = ['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9'];
  const hand = handCompute(readFileSync(join(REPO, PERMENPAN_CSV), 'utf8'), ';', U);

  it('matches plain sums (U columns in shuffled order, `;`, BOM, blanks)', async () => {
    const r = await mutu(['skm-index', PERMENPAN_CSV, '--json']);
    expect(r.code).toBe(0);
    const j = r.json();
    expect(j.instrument).toBe('permenpan-2017');
    expect(j.respondents).toBe(hand.n);
    expect(j.questions.map((q: { sum: number }) => q.sum)).toEqual(hand.sums);
    expect(j.questions.map((q: { answered: number }) => q.answered)).toEqual(hand.answered);
    expect(hand.answered.filter((a) => a < hand.n)).toHaveLength(2);
    j.elements.forEach((e: { nrr: number; value: number; grade: string }, i: number) => {
      expect(e.nrr).toBeCloseTo(hand.nrr[i]!, 10);
      expect(d2(e.value)).toBe(d2(hand.values[i]!));
    });
    expect(j.ikm).toBeCloseTo(hand.ikm, 10);
    const grade = (x: number) => (x >= 88.31 ? 'A' : x >= 76.61 ? 'B' : x >= 65 ? 'C' : 'D');
    expect(j.grade).toBe(grade(Number(d2(hand.ikm))));
    expect(j.elements.map((e: { grade: string }) => e.grade)).toEqual(hand.values.map((v) => grade(Number(d2(v)))));
    expect(j.ci95).toBeNull(); // two blanks (D37)
  });

  it('gives the same result from q1..q9 columns', async () => {
    const a = (await mutu(['skm-index', PERMENPAN_CSV, '--json', '--by', 'service'])).json();
    const b = (await mutu(['skm-index', 'resources/fixtures/skm/permenpan-4point-q.csv', '--json', '--by', 'service'])).json();
    expect(b).toEqual(a);
    expect(a.services.map((s: { service: string }) => s.service)).toEqual([
      'Perizinan Berusaha',
      'Pengaduan; Informasi',
      'Legalisasi Dokumen',
    ]);
    // Pooled from tallies, not the mean of the service indices.
    const simple = a.services.reduce((x: number, s: { ikm: number }) => x + s.ikm, 0) / 3;
    expect(Math.abs(simple - a.ikm)).toBeGreaterThan(1e-9);
  });

  it('reads the same data from XLSX', async () => {
    const text = readFileSync(join(REPO, 'resources/fixtures/skm/permenpan-4point-q.csv'), 'utf8').trim().split('\n');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Data');
    for (const [i, line] of text.entries()) {
      const cells = line
        .match(/("[^"]*"|[^,]*)(,|$)/g)!
        .slice(0, 10)
        .map((c) => c.replace(/,$/, '').replace(/^"|"$/g, ''));
      ws.addRow(i === 0 ? cells : cells.map((c, k) => (k === 0 || c === '' ? c : Number(c))));
    }
    const dir = tempFiles({ 'skm.xlsx': Buffer.from(await wb.xlsx.writeBuffer()) });
    const x = await mutu(['skm-index', 'skm.xlsx', '--json', '--by', 'service'], dir);
    expect(x.err).toBe('');
    const c = (await mutu(['skm-index', 'resources/fixtures/skm/permenpan-4point-q.csv', '--json', '--by', 'service'])).json();
    expect(x.json()).toEqual(c);
  });
});

describe('mutu skm-index: profiles', () => {
  it('accepts a custom profile JSON', async () => {
    const profile = {
      ...BPOM_2024,
      code: 'bpom-2024-custom',
      skmWeights: {
        mode: 'custom',
        weights: { U1: '1/9', U2: '1/9', U3: '1/9', U4: '1/9', U5: '1/9', U6: '1/9', U7: '1/9', U8: '1/9', U9: '1/9' },
      },
    };
    const dir = tempFiles({
      'p.json': JSON.stringify(profile),
      'r.csv': `${BPOM_2024.questions.map((q) => q.code).join(',')}\n${Array(19).fill(6).join(',')}\n`,
    });
    const r = await mutu(['skm-index', 'r.csv', '--profile', 'p.json', '--json'], dir);
    expect(r.err).toBe('');
    expect(r.json().ikm).toBe(100);
  });

  it('rejects a profile with weights 0.111, naming the problem', async () => {
    const w = Object.fromEntries(['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9'].map((u) => [u, 0.111]));
    const dir = tempFiles({
      'p.json': JSON.stringify({ ...BPOM_2024, skmWeights: { mode: 'custom', weights: w } }),
      'r.csv': 'A1\n6\n',
    });
    const r = await mutu(['skm-index', 'r.csv', '--profile', 'p.json'], dir);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/0\.111 of "U1" is a forbidden truncated literal/);
    expect(r.err).toMatch(/sum to 999\/1000/);
  });

  it('rejects unreadable profile JSON and unknown instruments', async () => {
    const dir = tempFiles({ 'p.json': '{ "code": ', 'r.csv': 'U1\n4\n' });
    const bad = await mutu(['skm-index', 'r.csv', '--profile', 'p.json'], dir);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^Galat: Profil p\.json bukan JSON yang valid/);
    const unknown = await mutu(['skm-index', 'r.csv', '--instrument', 'skm-2099'], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/Instrumen tidak dikenal: skm-2099/);
    const spkpOnly = await mutu(['skm-index', 'r.csv', '--instrument', 'spkp-spak-4'], dir);
    expect(spkpOnly.code).toBe(2);
  });
});

describe('mutu skm-index: bad input names the row and column', () => {
  const U = 'U1,U2,U3,U4,U5,U6,U7,U8,U9';
  const cases: [string, string, RegExp][] = [
    ['outside the scale', `${U}\n4,4,4,4,4,4,4,4,4\n4,4,5,4,4,4,4,4,4\n`, /baris 3, kolom U3: jawaban 5 di luar skala 1–4/],
    ['zero', `${U}\n0,4,4,4,4,4,4,4,4\n`, /baris 2, kolom U1: jawaban 0 di luar skala/],
    ['non-integer', `${U}\n4,4,4,4,4,4,4,3.5,4\n`, /baris 2, kolom U8: jawaban "3\.5" bukan bilangan bulat/],
    ['not a number', `${U}\n4,4,4,4,4,4,4,4,baik\n`, /baris 2, kolom U9: jawaban "baik" bukan angka/],
    ['missing column', 'U1,U2,U3,U4,U5,U6,U7,U9\n4,4,4,4,4,4,4,4\n', /baris 1: kolom wajib tidak ada: U8 \(atau q8\)/],
    ['header only', `${U}\n`, /tidak memiliki baris data/],
    [
      'malformed date',
      `${U},submitted_at\n4,4,4,4,4,4,4,4,4,2024-04-01T08:00:00+08:00\n4,4,4,4,4,4,4,4,4,01/04/2024 08:00\n`,
      /baris 3, kolom submitted_at: "01\/04\/2024 08:00" bukan tanggal-waktu ISO 8601/,
    ],
    ['date without offset', `${U},submitted_at\n4,4,4,4,4,4,4,4,4,2024-04-01T08:00:00\n`, /baris 2, kolom submitted_at/],
    ['impossible date', `${U},submitted_at\n4,4,4,4,4,4,4,4,4,2024-02-30T08:00:00Z\n`, /baris 2, kolom submitted_at/],
    ['duplicate column', `${U},U1\n4,4,4,4,4,4,4,4,4,4\n`, /kolom "U1" muncul dua kali/],
  ];
  it.each(cases)('%s', async (_, csv, message) => {
    const r = await mutu(['skm-index', 'in.csv'], tempFiles({ 'in.csv': csv }));
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('row numbers count blank lines and quoted line breaks as the file shows them', async () => {
    const csv = `service,${U}\n"Pengaduan\nmasyarakat",4,4,4,4,4,4,4,4,4\n\nX,4,4,4,4,4,4,4,4,7\n`;
    const r = await mutu(['skm-index', 'in.csv'], tempFiles({ 'in.csv': csv }));
    expect(r.err).toMatch(/baris 4, kolom U9/);
  });

  it('empty, binary and missing files', async () => {
    const dir = tempFiles({
      'empty.csv': '',
      'blank.csv': '\n\n  \n',
      'bin.csv': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]),
      'latin1.csv': Buffer.from('U1\n\xe9\n', 'latin1'),
      'fake.xlsx': Buffer.from([0x50, 0x4b, 3, 4, 9, 9, 9]),
    });
    expect((await mutu(['skm-index', 'empty.csv'], dir)).err).toMatch(/kosong \(the file is empty\)/);
    expect((await mutu(['skm-index', 'blank.csv'], dir)).err).toMatch(/kosong/);
    expect((await mutu(['skm-index', 'bin.csv'], dir)).err).toMatch(/bukan CSV atau XLSX \(binary file/);
    expect((await mutu(['skm-index', 'latin1.csv'], dir)).err).toMatch(/bukan teks UTF-8/);
    expect((await mutu(['skm-index', 'fake.xlsx'], dir)).err).toMatch(/bukan XLSX yang dapat dibaca/);
    const missing = await mutu(['skm-index', 'nope.csv'], dir);
    expect([missing.code, missing.err]).toEqual([2, 'Galat: Berkas tidak ditemukan: nope.csv (file not found)\n']);
    expect((await mutu(['skm-index'], dir)).code).toBe(2);
  });

  it('--by service needs the column and non-empty cells', async () => {
    const noCol = await mutu(['skm-index', 'in.csv', '--by', 'service'], tempFiles({ 'in.csv': `${U}\n4,4,4,4,4,4,4,4,4\n` }));
    expect(noCol.err).toMatch(/memerlukan kolom "service"/);
    const empty = await mutu(
      ['skm-index', 'in.csv', '--by', 'service'],
      tempFiles({ 'in.csv': `service,${U}\n,4,4,4,4,4,4,4,4,4\n` }),
    );
    expect(empty.err).toMatch(/baris 2, kolom service: nama layanan kosong/);
    expect((await mutu(['skm-index', 'in.csv', '--by', 'unit'], tempFiles({ 'in.csv': `${U}\n4,4,4,4,4,4,4,4,4\n` }))).code).toBe(
      2,
    );
  });
});
