import { describe, expect, it } from 'vitest';
import { mutu } from './run.ts';

describe('mutu sample-size', () => {
  it.each([
    ['12257', [], 3065, 341],
    ['75', [], 19, 18],
    ['2377', [], 595, 234],
    ['502', ['--divisor', '2'], 251, 152],
    ['44', ['--divisor', '1'], 44, 40],
    ['0', [], 0, 0],
    ['N/A', [], 0, 0],
    ['8', ['--divisor=4'], 2, 2],
  ])('%s %j → period %i, target %i', async (pop, extra, period, target) => {
    const r = await mutu(['sample-size', pop, ...extra, '--json']);
    expect(r.err).toBe('');
    const j = r.json();
    expect(j).toMatchObject({ periodPopulation: period, target });
    expect(Number.isInteger(j.population) && Number.isInteger(j.periodPopulation) && Number.isInteger(j.target)).toBe(true);
    expect(Math.round(j.targetExact)).toBe(target);
  });

  it('prints Indonesian text without --json', async () => {
    const r = await mutu(['sample-size', '12257']);
    expect(r.out).toMatch(/Populasi tahun sebelumnya: 12\.257/);
    expect(r.out).toMatch(/Populasi periode \(⌈N\/4⌉\): 3\.065/);
    expect(r.out).toMatch(/Target responden minimal \(Krejcie–Morgan\): 341 \(tepat: 341,4247\)/);
  });

  it.each([['abc'], ['12.5'], ['-3'], ['1e3'], ['']])('rejects population %j', async (pop) => {
    const r = await mutu(['sample-size', pop, '--json']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/POPULATION harus bilangan bulat tidak negatif/);
  });

  it('rejects a bad divisor, a missing population and unknown options', async () => {
    expect((await mutu(['sample-size', '10', '--divisor', '0'])).err).toMatch(/--divisor harus bilangan bulat positif/);
    expect((await mutu(['sample-size', '10', '--divisor', 'x'])).code).toBe(2);
    expect((await mutu(['sample-size'])).err).toMatch(/POPULATION belum disebutkan/);
    expect((await mutu(['sample-size', '10', '--chi', '3.84'])).err).toMatch(/Opsi tidak dikenal: --chi/);
  });
});
