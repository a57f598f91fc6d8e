import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/command.ts';
import { performanceCommand, validatePerformanceFile } from '../../src/cli/commands/performance.ts';
import { runCli } from '../../src/cli/main.ts';

const root = resolve(import.meta.dirname, '../..');
const SETTAMA = 'resources/examples/performance-settama-tw2-2023.json';
const SERANG = 'resources/examples/performance-serang-tw3-2022.json';

function mutu(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/mutu.mjs', 'performance', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function inProcess(...args: string[]) {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => (out += t), err: (t) => (err += t), cwd: root };
  const code = await runCli(['performance', ...args], io);
  return { code, out, err };
}

const tmp = mkdtempSync(join(tmpdir(), 'mutu-perf-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
function tmpFile(name: string, content: string | Buffer): string {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
}

describe('mutu performance (spawned binary)', { timeout: 90_000 }, () => {
  it('EX-SK-02: the Sekretariat Utama example gives NPSS 105,84 with mean_of_perspectives at --quarter 2', () => {
    const r = mutu(SETTAMA, '--quarter', '2', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.overall.method).toBe('mean_of_perspectives');
    expect(json.overall.score.toFixed(2)).toBe('105.84');
    expect(json.overall.criterion).toBe('memenuhi');
  });

  it('EX-SK-03: the BBPOM di Serang example gives 103,70 with mean_of_sasaran at --quarter 3', () => {
    const r = mutu(SERANG, '--quarter', '3', '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.overall.method).toBe('mean_of_sasaran');
    expect(json.overall.score.toFixed(2)).toBe('103.70');
  });

  it('a malformed file exits non-zero with a message naming the JSON path, and no stack trace', () => {
    const data = JSON.parse(readFileSync(join(root, SETTAMA), 'utf8'));
    data.indicators[3].monthlyTargets[5] = 'delapan puluh';
    const r = mutu(tmpFile('bad-target.json', JSON.stringify(data)), '--json');
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('indicators[3].monthlyTargets[5]: expected a number');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr).not.toMatch(/ZodError|SyntaxError/);
  });
});

describe('mutu performance (in process)', () => {
  it('output keys are the ones the issue names, numbers unrounded', async () => {
    const r = await inProcess(SETTAMA, '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.quarter).toBe(2);
    const ind = json.indicators.find((i: { code: string }) => i.code === '27');
    for (const key of [
      'code',
      'realisation',
      'periodTarget',
      'capaianPeriod',
      'criterion',
      'annualTarget',
      'capaianAnnual',
      'annualCriterion',
    ])
      expect(ind).toHaveProperty(key);
    expect(ind.capaianPeriod).toBeCloseTo(120.192024, 5);
    expect(ind.criterion).toBe('tdd');
    expect(ind.annualCriterion).toBe('akan_tercapai');
    for (const key of ['code', 'score', 'criterion', 'measured']) expect(json.sasaran[0]).toHaveProperty(key);
    for (const key of ['code', 'score']) expect(json.perspectives[0]).toHaveProperty(key);
    expect(Object.keys(json.overall)).toEqual(expect.arrayContaining(['method', 'score', 'criterion']));
    // year-end indicators: n/a is null, never 0
    const yearEnd = json.indicators.find((i: { code: string }) => i.code === '1');
    expect(yearEnd.capaianPeriod).toBeNull();
    expect(yearEnd.criterion).toBeNull();
    expect(json.sasaran.find((s: { code: string }) => s.code === 'SP2')).toMatchObject({ score: null, measured: 0 });
  });

  it('default quarter = the latest quarter-end month with a realisation (TW II, TW III)', async () => {
    expect(JSON.parse((await inProcess(SETTAMA, '--json')).out).quarter).toBe(2);
    expect(JSON.parse((await inProcess(SERANG, '--json')).out).quarter).toBe(3);
  });

  it('--quarter 1 on the Sekretariat Utama example gives the derived TW I NPSS 92,92', async () => {
    const json = JSON.parse((await inProcess(SETTAMA, '--quarter', '1', '--json')).out);
    expect(json.overall.score.toFixed(2)).toBe('92.92');
  });

  it('every EX-SK-03 capaian comes out of the example file', async () => {
    const json = JSON.parse((await inProcess(SERANG, '--json')).out);
    const expected: Record<string, string> = {
      '1': '110.86',
      '2': '83.84',
      '3': '100.51',
      '4': '119.05',
      '5': '75.45',
      '10': '86.26',
      '11': '64.06',
      '12': '103.17',
      '13': '73.12',
      '14': '108.27',
      '16': '104.50',
      '17': '100.64',
      '18': '110.05',
      '19': '97.06',
      '20': '107.78',
      '21': '116.89',
      '22': '90.04',
      '23': '131.06',
      '28': '97.78',
      '29': '101.88',
    };
    const got = Object.fromEntries(
      json.indicators
        .filter((i: { capaianPeriod: number | null }) => i.capaianPeriod !== null)
        .map((i: { code: string; capaianPeriod: number }) => [i.code, i.capaianPeriod.toFixed(2)]),
    );
    expect(got).toEqual(expected);
    expect(json.counts.indicators.counts).toEqual({ tdd: 1, memenuhi: 11, belum: 5, tidak: 3 });
  });

  it('without --json it prints an Indonesian table (105,84)', async () => {
    const r = await inProcess(SETTAMA, '--quarter', '2');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Nilai keseluruhan (NPSS): 105,84 — Memenuhi Ekspektasi');
    expect(r.out).toContain('120,19');
    expect(r.out).toMatch(/SP6\s+internal_process\s+96,99/);
    expect(r.out).not.toMatch(/105\.84/);
  });

  it('is listed in mutu --help with an example', async () => {
    let out = '';
    await runCli(['--help'], { out: (t) => (out += t), err: () => {}, cwd: root });
    expect(out).toContain('performance');
    expect(performanceCommand.examples.some((e) => e.includes('resources/examples/'))).toBe(true);
  });
});

describe('bad input: clear message, non-zero exit, no stack trace', () => {
  const base = () => JSON.parse(readFileSync(join(root, SETTAMA), 'utf8'));
  const cases: [string, () => string, RegExp][] = [
    ['empty file', () => tmpFile('empty.json', ''), /file kosong \(empty file\)/],
    ['whitespace only', () => tmpFile('blank.json', '  \n '), /empty file/],
    ['binary file', () => tmpFile('bin.json', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0xfe, 0x01])), /binary/],
    ['malformed JSON', () => tmpFile('trunc.json', '{\n  "entity": {"name": "x",\n'), /malformed JSON at line \d+, column \d+/],
    ['missing file', () => join(tmp, 'does-not-exist.json'), /file not found/],
    [
      'non-numeric target',
      () => {
        const d = base();
        d.indicators[3].annualTarget = 'tinggi';
        return tmpFile('t.json', JSON.stringify(d));
      },
      /indicators\[3\]\.annualTarget: expected a number, got the text "tinggi"/,
    ],
    [
      'missing field',
      () => {
        const d = base();
        delete d.indicators[2].pattern;
        return tmpFile('m.json', JSON.stringify(d));
      },
      /indicators\[2\]\.pattern: expected one of .*cumulative/,
    ],
    [
      'wrong number of monthly targets',
      () => {
        const d = base();
        d.indicators[0].monthlyTargets = [1, 2];
        return tmpFile('n.json', JSON.stringify(d));
      },
      /indicators\[0\]\.monthlyTargets: expected exactly 12 items/,
    ],
    [
      'unknown sasaran',
      () => {
        const d = base();
        d.indicators[5].sasaran = 'SP99';
        return tmpFile('s.json', JSON.stringify(d));
      },
      /indicators\[5\]\.sasaran: unknown sasaran "SP99"/,
    ],
    [
      'realisation without a value',
      () => {
        const d = base();
        d.indicators[3].realisations[1] = { month: 6 };
        return tmpFile('r.json', JSON.stringify(d));
      },
      /indicators\[3\]\.realisations\[1\]: give exactly one of/,
    ],
    [
      'numerator without denominator',
      () => {
        const d = base();
        d.indicators[3].realisations[1] = { month: 6, numerator: 5 };
        return tmpFile('nd.json', JSON.stringify(d));
      },
      /indicators\[3\]\.realisations\[1\]\.denominator: numerator and denominator go together/,
    ],
    [
      'month out of range',
      () => {
        const d = base();
        d.indicators[3].realisations[1].month = 13;
        return tmpFile('mo.json', JSON.stringify(d));
      },
      /indicators\[3\]\.realisations\[1\]\.month: must be ≤ 12/,
    ],
    ['not an object', () => tmpFile('arr.json', '[1, 2]'), /\(root\): expected an object, got an array/],
  ];
  it.each(cases)('%s', async (_name, make, message) => {
    const r = await inProcess(make(), '--json');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(message);
    expect(r.err.startsWith('Galat: ')).toBe(true);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it.each([['5'], ['0'], ['TW2']])('--quarter %s is rejected', async (q) => {
    const r = await inProcess(SETTAMA, '--quarter', q);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--quarter harus 1, 2, 3 atau 4/);
  });

  it('no file, unknown option', async () => {
    expect((await inProcess()).err).toMatch(/missing input file/);
    expect((await inProcess(SETTAMA, '--bogus', 'x')).err).toMatch(/unknown option/);
  });

  it('validatePerformanceFile lists every problem with its path', () => {
    const d = JSON.parse(readFileSync(join(root, SETTAMA), 'utf8'));
    d.indicators[0].monthlyTargets[0] = 'x';
    d.perspectives[0].name = 5;
    const v = validatePerformanceFile(d);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.problems.map((p) => p.path)).toEqual(['perspectives[0].name', 'indicators[0].monthlyTargets[0]']);
  });
});
