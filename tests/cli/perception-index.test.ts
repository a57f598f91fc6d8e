import { describe, expect, it } from 'vitest';
import { mutu, tempFiles } from './run.ts';

const HEAD = 'submitted_at,completion_pct,U1,U2,U3,U4,U5,U6,U7,U8,P1,P2,P3,P4,P5';
const row = (ts: string, completion: number, v: number) => `${ts},${completion},${Array(13).fill(v).join(',')}`;

describe('mutu perception-index: golden EX-PP-02 / EX-PP-03', () => {
  it('IPP 3,92 band 4, converted 97,92 from 6-point answers', async () => {
    const r = await mutu([
      'perception-index',
      'resources/fixtures/perception/bpom-2024-jan-2025.csv',
      '--survey',
      'spkp',
      '--instrument',
      'bpom-2024',
      '--json',
    ]);
    expect(r.err).toBe('');
    const j = r.json();
    expect(j).toMatchObject({ survey: 'spkp', respondents: 2, selected: 2, band: 4, label: 'Memuaskan' });
    expect(j.index).toBeCloseTo(47 / 12, 12);
    expect(j.converted).toBeCloseTo(97.9167, 4);
    expect(j.elements.map((e: { index: number }) => e.index.toFixed(2))).toEqual([
      '4.00',
      '4.00',
      '3.67',
      '3.67',
      '4.00',
      '4.00',
      '4.00',
      '4.00',
    ]);
    expect(j.elements[2]).toMatchObject({ code: 'U3', band: 4, label: 'Memuaskan' });
    expect(j.months).toEqual([
      { month: '2025-01', respondents: 2, eligible: 2, selected: 2, index: j.index, converted: j.converted, band: 4 },
    ]);
    expect(j.worksheet.incomplete).toBe(true);
  });

  it('IPAK 4,00 "Bersih dari korupsi", converted 100', async () => {
    const r = await mutu([
      'perception-index',
      'resources/fixtures/perception/bpom-2024-jan-2025.csv',
      '--survey',
      'spak',
      '--instrument',
      'bpom-2024',
      '--json',
    ]);
    expect(r.json()).toMatchObject({ survey: 'spak', index: 4, converted: 100, band: 4, label: 'Bersih dari korupsi' });
  });

  it('prints the Indonesian table', async () => {
    const r = await mutu([
      'perception-index',
      'resources/fixtures/perception/bpom-2024-jan-2025.csv',
      '--survey',
      'spkp',
      '--instrument',
      'bpom-2024',
    ]);
    expect(r.out).toMatch(/Indeks Persepsi Pelayanan Publik \(IPP\) +3,92 +97,92 +4 +Memuaskan/);
  });
});

describe('mutu perception-index: months, first 30 and worksheet (D22, D23)', () => {
  it('selects the first 30 eligible per month and averages the last 3 months', async () => {
    const r = await mutu([
      'perception-index',
      'resources/fixtures/perception/spkp-spak-4-nov-jan.csv',
      '--survey',
      'spkp',
      '--tz',
      'Asia/Makassar',
      '--json',
    ]);
    const j = r.json();
    expect(j.months.map((m: { month: string; eligible: number; selected: number }) => [m.month, m.eligible, m.selected])).toEqual(
      [
        ['2024-11', 12, 12],
        ['2024-12', 36, 30],
        ['2025-01', 5, 5],
      ],
    );
    expect(j.respondents).toBe(55);
    expect(j.selected).toBe(47);
    const mean = j.months.reduce((a: number, m: { index: number }) => a + m.index, 0) / 3;
    expect(j.worksheetValue).toBeCloseTo(mean, 12);
    expect(j.worksheet).toMatchObject({
      referenceMonth: '2025-01',
      incomplete: false,
      monthsUsed: ['2024-11', '2024-12', '2025-01'],
    });
  });

  it('--month restricts the scope; the worksheet is incomplete without 3 months', async () => {
    const r = await mutu([
      'perception-index',
      'resources/fixtures/perception/spkp-spak-4-nov-jan.csv',
      '--survey',
      'spak',
      '--month',
      '2024-12',
      '--json',
    ]);
    const j = r.json();
    expect([j.respondents, j.selected]).toEqual([38, 30]);
    expect(j.worksheet).toMatchObject({ referenceMonth: '2024-12', monthsUsed: ['2024-11', '2024-12'], incomplete: true });
    expect(j.index).toBe(j.months[1].index);
  });

  it('keeps the first 30 by time, not file order, and assigns months in --tz', async () => {
    const lines = [HEAD];
    // 31 eligible in March (listed latest first): the one at 09:00 on 31 March is the 31st and drops out.
    for (let d = 31; d >= 1; d--) lines.push(row(`2024-03-${String(d).padStart(2, '0')}T09:00:00+07:00`, 100, d === 31 ? 1 : 4));
    // 31 March 17:30 UTC is 1 April 00:30 in Jakarta, but still March in UTC.
    lines.push(row('2024-03-31T17:30:00Z', 100, 2));
    const dir = tempFiles({ 'm.csv': `${lines.join('\n')}\n` });
    const jkt = (await mutu(['perception-index', 'm.csv', '--survey', 'spkp', '--json'], dir)).json();
    expect(jkt.months.map((m: { month: string; selected: number }) => [m.month, m.selected])).toEqual([
      ['2024-03', 30],
      ['2024-04', 1],
    ]);
    expect(jkt.months[0].index).toBe(4);
    const utc = (await mutu(['perception-index', 'm.csv', '--survey', 'spkp', '--tz', 'UTC', '--json'], dir)).json();
    expect(
      utc.months.map((m: { month: string; eligible: number; selected: number }) => [m.month, m.eligible, m.selected]),
    ).toEqual([['2024-03', 32, 30]]);
  });

  it('a response with completion 80 is not eligible; without the columns every row counts', async () => {
    const dir = tempFiles({
      'c.csv': `${HEAD}\n${row('2025-01-02T10:00:00+07:00', 100, 4)}\n${row('2025-01-03T10:00:00+07:00', 80, 1)}\n`,
      'plain.csv': 'P1,P2,P3,P4,P5\n4,4,4,4,4\n3,3,3,3,\n',
    });
    const c = (await mutu(['perception-index', 'c.csv', '--survey', 'spkp', '--json'], dir)).json();
    expect([c.respondents, c.selected, c.index]).toEqual([2, 1, 4]);
    const p = (await mutu(['perception-index', 'plain.csv', '--survey', 'spak', '--json'], dir)).json();
    expect([p.respondents, p.selected, p.months, p.worksheetValue]).toEqual([2, 2, undefined, undefined]);
    expect(p.elements[4].index).toBe(4); // P5 blank for the second respondent
    expect(p.index).toBeCloseTo((3.5 * 4 + 4) / 5, 12);
  });

  it('bad input: scale, completion, dates, options', async () => {
    const dir = tempFiles({
      'scale.csv': 'U1,U2,U3,U4,U5,U6,U7,U8\n4,4,4,4,5,4,4,4\n',
      'comp.csv': `${HEAD}\n${row('2025-01-02T10:00:00+07:00', 100, 4).replace(',100,', ',101,')}\n`,
      'date.csv': `${HEAD}\n${row('2025-01-02', 100, 4)}\n`,
      'nodate.csv': `${HEAD}\n${row('', 100, 4)}\n`,
      'short.csv': 'U1,U2\n4,4\n',
    });
    const err = async (args: string[]) => {
      const r = await mutu(['perception-index', ...args], dir);
      expect(r.code).toBe(2);
      expect(r.err).not.toMatch(/\n\s+at /);
      return r.err;
    };
    expect(await err(['scale.csv', '--survey', 'spkp'])).toMatch(/baris 2, kolom U5: jawaban 5 di luar skala 1–4/);
    expect(await err(['comp.csv', '--survey', 'spkp'])).toMatch(/baris 2, kolom completion_pct/);
    expect(await err(['date.csv', '--survey', 'spkp'])).toMatch(
      /baris 2, kolom submitted_at: "2025-01-02" bukan tanggal-waktu ISO 8601/,
    );
    expect(await err(['nodate.csv', '--survey', 'spkp'])).toMatch(/baris 2, kolom submitted_at: waktu pengisian kosong/);
    expect(await err(['short.csv', '--survey', 'spkp'])).toMatch(/kolom wajib tidak ada: U3 \(atau q3\), U4 \(atau q4\)/);
    expect(await err(['scale.csv'])).toMatch(/--survey wajib/);
    expect(await err(['scale.csv', '--survey', 'ikm'])).toMatch(/--survey wajib/);
    expect(await err(['scale.csv', '--survey', 'spkp', '--tz', 'Mars/Base'])).toMatch(/Zona waktu tidak dikenal/);
    expect(await err(['scale.csv', '--survey', 'spkp', '--month', '2025-13'])).toMatch(/--month harus YYYY-MM/);
    expect(await err(['scale.csv', '--survey', 'spkp', '--month', '2025-01'])).toMatch(/--month memerlukan kolom/);
    expect(await err(['scale.csv', '--survey', 'spkp', '--instrument', 'permenpan-2017'])).toMatch(/Instrumen tidak dikenal/);
  });
});
