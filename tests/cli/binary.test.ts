import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, tempFiles } from './run.ts';

/** The real executable, as a user runs it after `npm ci`. */
function bin(args: string[], cwd = REPO) {
  const r = spawnSync(process.execPath, [join(REPO, 'bin/mutu.mjs'), ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

// Each spawn starts tsx from scratch, which takes seconds on a loaded machine.
describe('bin/mutu.mjs', { timeout: 120_000 }, () => {
  it('lists every command with an example', () => {
    const r = bin(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['skm-index', 'sample-size', 'perception-index']) expect(r.out).toContain(`mutu ${c} `);
  });

  it('computes the Tarakan index as JSON', () => {
    const r = bin(['skm-index', 'resources/fixtures/skm/tarakan-2024-bpom.csv', '--instrument', 'bpom-2024', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).ikm).toBeCloseTo(91.4983, 4);
  });

  it('exits non-zero with one clear line and no stack trace on bad input', () => {
    const dir = tempFiles({
      'bad.csv': 'U1,U2,U3,U4,U5,U6,U7,U8,U9\n4,4,4,4,4,4,4,4,x\n',
      'bin.xlsx': Buffer.from([0, 1, 2, 3, 0, 0]),
    });
    for (const args of [
      ['skm-index', 'bad.csv'],
      ['skm-index', 'bin.xlsx'],
    ]) {
      const r = bin(args, dir);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(/^Galat: /);
      expect(r.err).not.toMatch(/\bat .*\.ts:\d+/);
      if (args[1] === 'bad.csv') expect(r.err).toMatch(/baris 2, kolom U9/);
    }
  });
});
