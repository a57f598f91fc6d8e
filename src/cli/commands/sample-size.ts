import { formatId } from '../../domain/core/rounding.ts';
import { campaignTarget } from '../../domain/targets/krejcie-morgan.ts';
import { type CliCommand, CliError, parseArgs } from '../command.ts';

export const sampleSizeCommand: CliCommand = {
  name: 'sample-size',
  summary: 'Target responden SKM (Krejcie–Morgan) dari populasi tahun sebelumnya (SKM respondent target)',
  usage: [
    'mutu sample-size POPULATION [--divisor 4] [--json]',
    '',
    'POPULATION: previous-year service recipients (a non-negative integer; N/A counts as 0).',
    'periodPopulation = ceil(POPULATION / divisor); target = Krejcie–Morgan (χ² = 3.841, P = 0.5, d = 0.05), rounded half-up.',
  ].join('\n'),
  examples: ['mutu sample-size 12257 --json', 'mutu sample-size 502 --divisor 2'],
  async run(argv, io) {
    const { positionals, flags } = parseArgs(argv, ['json']);
    for (const f of Object.keys(flags))
      if (!['json', 'divisor'].includes(f)) throw new CliError(`Opsi tidak dikenal: --${f} (unknown option)`);
    const [raw, ...extra] = positionals;
    if (raw === undefined) throw new CliError('POPULATION belum disebutkan (missing POPULATION). Contoh: mutu sample-size 75');
    if (extra.length > 0) throw new CliError(`Argumen tidak dikenal: ${extra.join(' ')} (unexpected argument)`);
    const population = parsePopulation(raw);
    const divisorRaw = flags.divisor === undefined ? '4' : String(flags.divisor);
    if (!/^\d+$/.test(divisorRaw) || Number(divisorRaw) < 1)
      throw new CliError(`--divisor harus bilangan bulat positif, bukan "${divisorRaw}" (divisor must be a positive integer)`);
    const t = campaignTarget(population, Number(divisorRaw));
    if (flags.json) {
      io.out(
        `${JSON.stringify({
          population: population ?? 0,
          populationNotAvailable: population === null,
          divisor: t.divisor,
          periodPopulation: t.populationPeriod,
          target: t.target,
          targetExact: t.targetExact.toNumber(),
        })}\n`,
      );
      return 0;
    }
    io.out(
      [
        `Populasi tahun sebelumnya: ${population === null ? 'N/A (dihitung 0)' : formatId(population, 0)}`,
        `Pembagi: ${t.divisor}`,
        `Populasi periode (⌈N/${t.divisor}⌉): ${formatId(t.populationPeriod, 0)}`,
        `Target responden minimal (Krejcie–Morgan): ${formatId(t.target, 0)} (tepat: ${formatId(t.targetExact, 4)})`,
        '',
      ].join('\n'),
    );
    return 0;
  },
};

function parsePopulation(raw: string): number | null {
  const s = raw.trim();
  if (/^n\/?a$/i.test(s)) return null;
  if (!/^\d+$/.test(s))
    throw new CliError(
      `POPULATION harus bilangan bulat tidak negatif, bukan "${raw}" (population must be a non-negative integer)`,
    );
  const n = Number(s);
  if (!Number.isSafeInteger(n)) throw new CliError(`POPULATION terlalu besar: ${raw} (population too large)`);
  return n;
}
