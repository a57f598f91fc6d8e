import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backupSqlite } from '../../src/cli/commands/backup.ts';
import { createDb, type DbHandle } from '../../src/db/connection.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { removeTempDirs, runMutu, tempDir } from './processes.ts';

afterAll(removeTempDirs);

const SLOW = { timeout: 180_000 };

async function liveDatabase(dataDir: string): Promise<DbHandle> {
  const dbh = await createDb({ sqliteFile: join(dataDir, 'mutu.sqlite') });
  await migrateToLatest(dbh.db);
  const now = new Date().toISOString();
  await dbh.db
    .insertInto('app_setting')
    .values(Array.from({ length: 50 }, (_, i) => ({ key: `k${i}`, value: `nilai ${i}`, updated_at: now })))
    .execute();
  return dbh;
}

async function settingsIn(file: string): Promise<string[]> {
  const copy = await createDb({ sqliteFile: file });
  try {
    return (await copy.db.selectFrom('app_setting').select('key').orderBy('key').execute()).map((r) => r.key);
  } finally {
    await copy.close();
  }
}

describe('SQLite file database', () => {
  it('runs in WAL mode with foreign keys on', async () => {
    const dbh = await createDb({ sqliteFile: join(tempDir(), 'mutu.sqlite') });
    expect(dbh.sqlite?.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(dbh.sqlite?.pragma('foreign_keys', { simple: true })).toBe(1);
    await dbh.close();
  });
});

describe('backup', () => {
  it('copies committed data still in the WAL while another connection holds a write transaction', async () => {
    const dataDir = tempDir();
    const live = await liveDatabase(dataDir);
    // Committed rows live in the -wal file until a checkpoint; a plain file copy would miss them.
    expect(existsSync(join(dataDir, 'mutu.sqlite-wal'))).toBe(true);
    const writer = live.sqlite!;
    writer.prepare('begin immediate').run();
    writer.prepare("insert into app_setting (key, value, updated_at) values ('uncommitted', 'x', 'now')").run();

    const dest = join(dataDir, 'backups', 'copy.sqlite');
    const { bytes } = await backupSqlite(join(dataDir, 'mutu.sqlite'), dest);
    writer.prepare('commit').run();
    expect(bytes).toBeGreaterThan(0);

    const keys = await settingsIn(dest);
    expect(keys).toHaveLength(50);
    expect(keys).not.toContain('uncommitted');
    expect(existsSync(`${dest}-wal`)).toBe(false); // self-contained file
    await live.close();
  });

  it('mutu backup FILE works while the database is open and refuses to overwrite without --force', SLOW, async () => {
    const dataDir = tempDir();
    const live = await liveDatabase(dataDir);
    const dest = join(dataDir, 'mutu-backup.sqlite');
    const r = await runMutu(['backup', dest], { DATA_DIR: dataDir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Cadangan dibuat');
    expect(await settingsIn(dest)).toHaveLength(50);

    const again = await runMutu(['backup', dest], { DATA_DIR: dataDir });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('--force');
    await live.close();
  });

  it('refuses on PostgreSQL and points to pg_dump', SLOW, async () => {
    const dest = join(tempDir(), 'x.sqlite');
    const r = await runMutu(['backup', dest], { DATABASE_URL: 'postgres://mutu@127.0.0.1:5432/mutu' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('pg_dump');
    expect(existsSync(dest)).toBe(false);
  });

  it('refuses when the SQLite database does not exist', SLOW, async () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'note.txt'), 'kosong');
    const r = await runMutu(['backup', join(dataDir, 'b.sqlite')], { DATA_DIR: dataDir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('tidak ditemukan');
    expect(readFileSync(join(dataDir, 'note.txt'), 'utf8')).toBe('kosong');
  });
});
