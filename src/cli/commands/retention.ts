import { createAuditService } from '../../modules/audit/audit.service.ts';
import { createRetentionService, type RetentionRun } from '../../modules/responses/retention.service.ts';
import { systemClock } from '../../shared/clock.ts';
import { type CliCommand, CliError, parseArgs } from '../command.ts';
import { withAppDb } from '../open-app-db.ts';

/** `mutu retention purge [--dry-run] [--json]`: the same pass the server runs on its timer. */
export const retentionCommand: CliCommand = {
  name: 'retention',
  summary: 'Hapus data pribadi responden setelah masa retensi (purge personal fields after the retention period)',
  usage: [
    'mutu retention purge [--dry-run] [--json]',
    '',
    'Closed campaigns whose retention period (RETENTION_DAYS, default 365, or the campaign own) has passed lose the',
    "respondents' name, phone and institution and their blind indexes; answers and counts stay. --dry-run only lists.",
  ].join('\n'),
  examples: ['mutu retention purge --dry-run', 'mutu retention purge'],
  async run(argv, io) {
    const { positionals, flags } = parseArgs(argv, ['dry-run', 'json']);
    const [sub, ...extra] = positionals;
    if (sub !== 'purge') throw new CliError('Gunakan: mutu retention purge [--dry-run] (usage)');
    if (extra.length) throw new CliError(`Argumen tidak dikenal: ${extra.join(' ')} (unexpected argument)`);
    for (const f of Object.keys(flags))
      if (!['dry-run', 'json'].includes(f)) throw new CliError(`Opsi tidak dikenal: --${f} (unknown option)`);
    return withAppDb({ mustExist: true }, async ({ config, dbh }) => {
      const ctx = { db: dbh.db, engine: dbh.engine, clock: systemClock, config };
      const retention = createRetentionService(ctx, { audit: createAuditService(ctx) });
      const run = await retention.purge({ dryRun: flags['dry-run'] === true });
      io.out(flags.json ? `${JSON.stringify(run, null, 2)}\n` : `${render(run)}\n`);
      return 0;
    });
  },
};

function render(run: RetentionRun): string {
  if (run.skipped === 'locked')
    return 'Server lain sedang menjalankan penghapusan; tidak ada yang diubah (another server holds the lock).';
  if (!run.campaigns.length) return 'Tidak ada kampanye yang melewati masa retensi (nothing to purge).';
  const lines = [
    run.dryRun
      ? `Uji coba (--dry-run): ${run.campaigns.length} kampanye akan dihapus data pribadinya; tidak ada yang diubah.`
      : `${run.campaigns.length} kampanye: data pribadi ${run.purgedResponses} respons dihapus.`,
  ];
  for (const c of run.campaigns)
    lines.push(
      `  ${c.name} (${c.year}): ditutup ${c.closedAt.slice(0, 10)}, retensi ${c.retentionDays} hari, ${c.responses} respons`,
    );
  return lines.join('\n');
}
