import { migrateToLatest, migrations } from '../../db/migrate.ts';
import type { CliCommand } from '../command.ts';
import { withAppDb } from '../open-app-db.ts';

export const migrateCommand: CliCommand = {
  name: 'migrate',
  summary: 'Jalankan migrasi basis data yang belum diterapkan (SQLite atau PostgreSQL)',
  usage: 'mutu migrate',
  examples: ['mutu migrate', 'DATABASE_URL=postgres://mutu@db:5432/mutu mutu migrate'],
  async run(_argv, io) {
    return withAppDb({}, async ({ config, dbh }) => {
      const where = dbh.engine === 'sqlite' ? config.sqliteFile : 'PostgreSQL (DATABASE_URL)';
      const applied = await migrateToLatest(dbh.db);
      if (applied.length === 0) {
        io.out(`Basis data sudah mutakhir: ${Object.keys(migrations).length} migrasi (${where}).\n`);
        return 0;
      }
      io.out(`Migrasi diterapkan pada ${where}:\n${applied.map((m) => `  ${m}`).join('\n')}\n`);
      return 0;
    });
  },
};
