/**
 * `npm run bench`: runs every `bench/*.bench.ts` in sequence, each in its own Node process so that
 * one benchmark's heap and JIT state cannot skew the next. Exits non-zero if any benchmark fails.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

let failed = 0;
for (const f of files) {
  console.log(`\n== ${f}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(dir, f)], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.log(`!! ${f} failed (exit ${r.status ?? r.signal})`);
  }
}
console.log(`\n${files.length - failed} benchmark(s) passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
