import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { testConfig } from '../../src/config.ts';
import { createDb, type DbHandle } from '../../src/db/connection.ts';
import { migrateToLatest, migrations } from '../../src/db/migrate.ts';
import { createAuditService } from '../../src/modules/audit/audit.service.ts';
import { removeTempDirs, runMutu, tempDir } from './processes.ts';

afterAll(removeTempDirs);

const SLOW = { timeout: 180_000 };

async function recordEvents(dbh: DbHandle) {
  const audit = createAuditService({ db: dbh.db, engine: dbh.engine, clock: { now: () => new Date() }, config: testConfig() });
  for (const unitId of ['unit-a', 'unit-a', 'unit-a', null, null]) {
    await audit.record(dbh.db, { unitId, actor: null, entityType: 'org_unit', entityId: 'x', action: 'update', after: { n: 1 } });
  }
}

describe('mutu CLI', () => {
  it('prints help listing the commands and exits 0', SLOW, async () => {
    const r = await runMutu(['--help'], {});
    expect(r.code).toBe(0);
    for (const name of ['audit', 'backup', 'migrate']) expect(r.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    const sub = await runMutu(['audit', '--help'], {});
    expect(sub.code).toBe(0);
    expect(sub.stdout).toContain('mutu audit verify');
  });

  it('migrate applies pending migrations on the configured SQLite file and reports none the second time', SLOW, async () => {
    const dataDir = tempDir();
    const first = await runMutu(['migrate'], { DATA_DIR: dataDir });
    expect(first.code, first.stderr).toBe(0);
    for (const name of Object.keys(migrations)) expect(first.stdout).toContain(name);
    expect(existsSync(join(dataDir, 'mutu.sqlite'))).toBe(true);
    const second = await runMutu(['migrate'], { DATA_DIR: dataDir });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('sudah mutakhir');
  });

  it(
    'audit verify passes on an intact SQLite trail and fails, naming chain and seq, after an edit or a removal',
    SLOW,
    async () => {
      const dataDir = tempDir();
      const file = join(dataDir, 'mutu.sqlite');
      let dbh = await createDb({ sqliteFile: file });
      await migrateToLatest(dbh.db);
      await recordEvents(dbh);
      await dbh.close();

      const ok = await runMutu(['audit', 'verify'], { DATA_DIR: dataDir });
      expect(ok.code, ok.stderr).toBe(0);
      expect(ok.stdout).toContain('Jejak audit utuh: 2 rantai, 5 peristiwa diperiksa.');

      dbh = await createDb({ sqliteFile: file });
      await sql`update audit_event set after_json = '{"n":2}' where chain = 'unit-a' and seq = 2`.execute(dbh.db);
      await dbh.close();
      const edited = await runMutu(['audit', 'verify'], { DATA_DIR: dataDir });
      expect(edited.code).toBe(1);
      expect(edited.stdout).toContain('Jejak audit RUSAK');
      expect(edited.stdout).toMatch(/rantai unit-a .*seq 2: Baris 2 diubah/);

      dbh = await createDb({ sqliteFile: file });
      await sql`update audit_event set after_json = '{"n":1}' where chain = 'unit-a' and seq = 2`.execute(dbh.db);
      await sql`delete from audit_event where chain = 'global' and seq = 1`.execute(dbh.db);
      await dbh.close();
      const removed = await runMutu(['audit', 'verify', '--json'], { DATA_DIR: dataDir });
      expect(removed.code).toBe(1);
      expect(JSON.parse(removed.stdout)).toMatchObject({
        ok: false,
        problems: [{ chain: 'global', seq: 1, problem: 'seq_gap' }],
      });

      const list = await runMutu(['audit', 'list', '--limit', '2'], { DATA_DIR: dataDir });
      expect(list.code).toBe(0);
      expect(list.stdout).toContain('2 dari 4 peristiwa');
    },
  );

  it('audit verify refuses a DATA_DIR without a database instead of creating one', SLOW, async () => {
    const dataDir = tempDir();
    const r = await runMutu(['audit', 'verify'], { DATA_DIR: dataDir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Basis data tidak ditemukan');
    expect(existsSync(join(dataDir, 'mutu.sqlite'))).toBe(false);
  });

  // Without PostgreSQL this is skipped, except under CI=true where it runs and fails.
  const pgIt = inject('hasPostgres') || process.env.CI === 'true' ? it : it.skip;
  pgIt('migrate and audit verify work on PostgreSQL through DATABASE_URL', SLOW, async () => {
    const base = inject('postgresUrl');
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const dbh = await createDb({ databaseUrl: base, pgSchema: schema });
    const url = `${base}${base.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    try {
      const mig = await runMutu(['migrate'], { DATABASE_URL: url });
      expect(mig.code, mig.stderr).toBe(0);
      expect(mig.stdout).toContain('PostgreSQL');
      await recordEvents(dbh);
      expect((await runMutu(['audit', 'verify'], { DATABASE_URL: url })).code).toBe(0);
      await sql`update audit_event set entity_id = 'y' where chain = 'unit-a' and seq = 3`.execute(dbh.db);
      const bad = await runMutu(['audit', 'verify'], { DATABASE_URL: url });
      expect(bad.code).toBe(1);
      expect(bad.stdout).toMatch(/rantai unit-a .*seq 3/);
    } finally {
      await dbh.close();
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop schema if exists "${schema}" cascade`);
      await c.end();
    }
  });
});
