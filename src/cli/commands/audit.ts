import { findUnitIdByCode } from '../../modules/audit/audit.repository.ts';
import { createAuditService } from '../../modules/audit/audit.service.ts';
import { systemClock } from '../../shared/clock.ts';
import { t } from '../../shared/i18n/index.ts';
import { type CliCommand, CliError, type CliIo, parseArgs } from '../command.ts';
import { type AppDb, withAppDb } from '../open-app-db.ts';

const auditService = ({ config, dbh }: AppDb) =>
  createAuditService({ db: dbh.db, engine: dbh.engine, clock: systemClock, config });

async function verify(argv: string[], io: CliIo): Promise<number> {
  const { flags } = parseArgs(argv, ['json']);
  return withAppDb({ mustExist: true }, async (app) => {
    const audit = auditService(app);
    const report = await audit.verify();
    if (flags.json) {
      io.out(`${JSON.stringify(report, null, 2)}\n`);
      return report.ok ? 0 : 1;
    }
    const params = { chains: report.chains, events: report.events, count: report.problems.length };
    if (report.ok) {
      io.out(`${t('id', 'audit.verify.ok', params)}\n`);
      return 0;
    }
    const labels = await audit.chainLabels([...new Set(report.problems.map((p) => p.chain))]);
    const lines = [t('id', 'audit.verify.failed', params)];
    for (const p of report.problems) {
      lines.push(
        `  - rantai ${p.chain} (${labels.get(p.chain)}), seq ${p.seq}: ${t('id', `audit.problem.${p.problem}`, { seq: p.seq })}`,
      );
    }
    io.out(`${lines.join('\n')}\n`);
    return 1;
  });
}

async function list(argv: string[], io: CliIo): Promise<number> {
  const { flags } = parseArgs(argv, ['json']);
  const limit = flags.limit === undefined ? 20 : Number(flags.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw new CliError('--limit harus bilangan bulat 1..200');
  return withAppDb({ mustExist: true }, async (app) => {
    let unitId: string | undefined;
    if (typeof flags.unit === 'string') {
      unitId = await findUnitIdByCode(app.dbh.db, flags.unit);
      if (!unitId) throw new CliError(`Unit dengan kode ${flags.unit} tidak ditemukan (unit not found)`, 1);
    }
    const { items, total } = await auditService(app).search({ unitId, page: 1, pageSize: limit });
    if (flags.json) {
      io.out(`${JSON.stringify({ items, total }, null, 2)}\n`);
      return 0;
    }
    const lines = [`${items.length} dari ${total} peristiwa (terbaru dahulu):`];
    for (const e of items) {
      const who = e.actorName ?? e.actorId ?? 'sistem';
      const where = e.unitName ?? e.chain;
      lines.push(
        `  ${e.at}  ${where} #${e.seq}  ${who}${e.actorRole ? ` (${e.actorRole})` : ''}  ${e.action} ${e.entityType}:${e.entityId}`,
      );
      if (e.reason) lines.push(`      alasan: ${e.reason}`);
    }
    io.out(`${lines.join('\n')}\n`);
    return 0;
  });
}

export const auditCommand: CliCommand = {
  name: 'audit',
  summary: 'Periksa rantai hash jejak audit (verify) atau tampilkan peristiwa terbaru (list)',
  usage: 'mutu audit verify [--json]\nmutu audit list [--unit KODE] [--limit N] [--json]',
  examples: ['mutu audit verify', 'mutu audit list --limit 10'],
  async run(argv, io) {
    const [sub, ...rest] = argv;
    if (sub === 'verify') return verify(rest, io);
    if (sub === 'list') return list(rest, io);
    throw new CliError('Gunakan: mutu audit verify | mutu audit list [--unit KODE] [--limit N]');
  },
};
