import { describe, expect, it } from 'vitest';
import { perceptionIndexCommand } from '../../src/cli/commands/perception-index.ts';
import { sampleSizeCommand } from '../../src/cli/commands/sample-size.ts';
import { skmIndexCommand } from '../../src/cli/commands/skm-index.ts';
import { mutu } from './run.ts';

// Every example printed by `mutu --help` for these commands must run as written.
describe('help examples run', () => {
  const examples = [skmIndexCommand, sampleSizeCommand, perceptionIndexCommand].flatMap((c) => c.examples);
  it.each(examples)('%s', async (example) => {
    const r = await mutu(example.split(' ').slice(1));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out.length).toBeGreaterThan(0);
  });
});
