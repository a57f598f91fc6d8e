import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

/** True when every command is on PATH (office tools: poppler-utils, LibreOffice). */
const onPath = (...cmds: string[]): boolean =>
  cmds.every((c) => {
    try {
      execFileSync('sh', ['-c', `command -v ${c}`], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  });

/** Detects the optional engines once per run and hands the answer to every test file. */
export default async function setup(project: TestProject) {
  const pgUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  let hasPostgres = false;
  const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    hasPostgres = true;
  } catch {
    hasPostgres = false;
  } finally {
    await client.end().catch(() => {});
  }
  const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  project.provide('hasPostgres', hasPostgres);
  project.provide('postgresUrl', pgUrl);
  project.provide('hasChromium', existsSync(chromiumPath));
  project.provide('chromiumPath', chromiumPath);
  project.provide('hasPoppler', onPath('pdfinfo', 'pdftotext', 'pdftoppm', 'pdffonts', 'pdfimages'));
  project.provide('hasSoffice', onPath('soffice'));
}
