import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createDb } from '../../db/connection.ts';
import { type CliCommand, CliError, parseArgs } from '../command.ts';
import { loadAppConfig } from '../open-app-db.ts';

/**
 * Consistent online copy through SQLite's backup API: it includes what is still in the WAL and
 * may run while the server writes (the copy is one committed state).
 */
export async function backupSqlite(sourceFile: string, destFile: string): Promise<{ bytes: number }> {
  const src = await createDb({ sqliteFile: sourceFile });
  try {
    if (!src.sqlite) throw new Error('not a SQLite database');
    mkdirSync(dirname(destFile), { recursive: true });
    await src.sqlite.backup(destFile);
  } finally {
    await src.close();
  }
  // Check the copy before calling it a backup; closing the last connection folds its WAL back in.
  const copy = await createDb({ sqliteFile: destFile });
  try {
    const check = copy.sqlite?.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`salinan rusak (quick_check: ${String(check)})`);
  } finally {
    await copy.close();
  }
  return { bytes: statSync(destFile).size };
}

export const backupCommand: CliCommand = {
  name: 'backup',
  summary: 'Salinan daring yang konsisten dari basis data SQLite (boleh saat Mutu berjalan)',
  usage: 'mutu backup FILE [--force]',
  examples: ['mutu backup backups/mutu-2026-01-31.sqlite'],
  async run(argv, io) {
    const { positionals, flags } = parseArgs(argv, ['force']);
    const [target] = positionals;
    if (!target || positionals.length > 1) throw new CliError('Sebutkan satu berkas tujuan: mutu backup FILE');
    const config = loadAppConfig();
    if (config.databaseUrl) {
      throw new CliError(
        'Mutu memakai PostgreSQL (DATABASE_URL): cadangkan dengan pg_dump, mis. pg_dump -Fc "$DATABASE_URL" > mutu.dump ' +
          '(PostgreSQL: use pg_dump; restore with pg_restore)',
      );
    }
    if (!existsSync(config.sqliteFile))
      throw new CliError(`Basis data tidak ditemukan: ${config.sqliteFile} (periksa DATA_DIR)`, 1);
    const dest = resolve(io.cwd, target);
    if (dest === config.sqliteFile) throw new CliError('Berkas tujuan sama dengan basis data yang dicadangkan');
    if (existsSync(dest) && !flags.force) throw new CliError(`Berkas ${dest} sudah ada; pakai --force untuk menimpa`);
    const { bytes } = await backupSqlite(config.sqliteFile, dest);
    io.out(`Cadangan dibuat: ${dest} (${Math.ceil(bytes / 1024)} KB) dari ${config.sqliteFile}\n`);
    io.out(
      'Pemulihan: hentikan Mutu, ganti DATA_DIR/mutu.sqlite dengan salinan ini, hapus mutu.sqlite-wal/-shm, jalankan lagi.\n',
    );
    return 0;
  },
};
