/**
 * Issue 4 §12 (live results): the results of one unit with 100,000 responses and of all BPOM with
 * 1,000,000 must come back in under 200 ms warm on SQLite; the cold figure and PostgreSQL are reported.
 *
 * Rows are generated in bulk straight into `survey_response` (big transactions, not through HTTP),
 * then W1's `recountService` rebuilds every service's counted window and integer tally, exactly as
 * after a cleansing decision. Timed: the real results service (`unitResults`, `campaignResults`):
 *   cold       first call of a fresh service instance (nothing memoised, first queries);
 *   recompute  a fresh service instance per call (JIT and database cache warm, no memoised result);
 *   warm       the same call again (the fingerprint of the inputs is unchanged, so the result is reused).
 * `QUICK=1` (or `--quick`) scales everything down ten times for a smoke run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import pino from 'pino';
import { boot } from '../src/bootstrap.ts';
import { testConfig } from '../src/config.ts';
import { createDb, type DbHandle } from '../src/db/connection.ts';
import type { Actor } from '../src/modules/auth/actor.ts';
import { recountService } from '../src/modules/responses/counted-window.ts';
import { createResultsService } from '../src/modules/results/results.service.ts';
import { newId } from '../src/shared/ids.ts';

const QUICK = process.env.QUICK === '1' || process.argv.includes('--quick');
const UNIT_N = QUICK ? 10_000 : 100_000;
const TOTAL_N = QUICK ? 100_000 : 1_000_000;
const RUNS = 7;

const actor: Actor = {
  userId: 'bench',
  username: 'bench',
  fullName: 'Bench',
  grants: [{ role: 'skm_coordinator', unitId: null }],
  mustChangePassword: false,
  sessionId: '',
  locale: 'id',
};

let seed = 0x2545f491;
const rand = () => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 4294967296;
};
const answer = () => {
  const u = rand();
  return u < 0.02 ? 2 : u < 0.06 ? 3 : u < 0.2 ? 4 : u < 0.6 ? 5 : 6;
};
// 4096 distinct answer sets, reused: the tally is rebuilt from whatever is stored.
const ANSWERS = Array.from({ length: 4096 }, () => {
  const a: Record<string, number> = {};
  for (let q = 1; q <= 14; q++) a[`A${q}`] = answer();
  for (let q = 1; q <= 5; q++) a[`B${q}`] = answer();
  return JSON.stringify(a);
});
const SEX = ['laki_laki', 'perempuan'];
const EDU = ['sma_or_below', 'd1_d3', 'd4_s1', 's2_s3'];
const OCC = ['pns_tni_polri', 'pegawai_swasta', 'wiraswasta', 'ppjk', 'pelajar_mahasiswa', 'pegawai_bumn_bumd', 'lainnya'];

const COLS = [
  'id',
  'campaign_id',
  'unit_id',
  'unit_service_id',
  'seq_no',
  'submitted_at',
  'client_submission_id',
  'channel',
  'profile_code',
  'profile_version',
  'age',
  'sex',
  'education',
  'occupation',
  'completion_pct',
  'answers_json',
  'validity',
  'is_demo',
  'created_at',
  'counted',
  'local_month',
] as const;

type Row = (string | number)[];

function* rowsFor(campaignId: string, unitId: string, services: string[], n: number, seqStart: number): Generator<Row> {
  const t0 = Date.parse('2026-01-02T00:00:00Z');
  const span = Date.parse('2026-10-30T00:00:00Z') - t0;
  for (let i = 0; i < n; i++) {
    const at = new Date(t0 + Math.floor((i / n) * span)).toISOString();
    yield [
      newId(),
      campaignId,
      unitId,
      services[i % services.length] as string,
      seqStart + i,
      at,
      `bench-${unitId.slice(-12)}-${seqStart + i}`,
      'link',
      'bpom-2024',
      1,
      18 + Math.floor(rand() * 50),
      SEX[i % 2] as string,
      EDU[Math.floor(rand() * 4)] as string,
      OCC[Math.floor(rand() * 7)] as string,
      100,
      ANSWERS[i % ANSWERS.length] as string,
      'valid',
      0,
      at,
      1,
      at.slice(0, 7),
    ];
  }
}

async function insertBulk(h: DbHandle, rows: Iterable<Row>): Promise<void> {
  if (h.engine === 'sqlite' && h.sqlite) {
    const stmt = h.sqlite.prepare(`insert into survey_response (${COLS.join(',')}) values (${COLS.map(() => '?').join(',')})`);
    const batch: Row[] = [];
    const flush = h.sqlite.transaction((b: Row[]) => {
      for (const r of b) stmt.run(r);
    });
    for (const r of rows) {
      batch.push(r);
      if (batch.length === 50_000) flush(batch.splice(0));
    }
    flush(batch);
    return;
  }
  // PostgreSQL: one INSERT … SELECT FROM unnest(arrays) per 20,000 rows.
  const types = [
    'text',
    'text',
    'text',
    'text',
    'int',
    'text',
    'text',
    'text',
    'text',
    'int',
    'int',
    'text',
    'text',
    'text',
    'int',
    'text',
    'text',
    'int',
    'text',
    'int',
    'text',
  ];
  let batch: Row[] = [];
  const flush = async () => {
    if (!batch.length) return;
    const arrays = COLS.map((_, c) => batch.map((r) => r[c]));
    const params = arrays.map((a, c) => sql`${a}::${sql.raw(types[c] as string)}[]`);
    await sql`insert into survey_response (${sql.raw(COLS.join(','))}) select * from unnest(${sql.join(params)})`.execute(h.db);
    batch = [];
  };
  for (const r of rows) {
    batch.push(r);
    if (batch.length === 20_000) await flush();
  }
  await flush();
}

async function timeIt(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function run(label: string, h: DbHandle): Promise<void> {
  const gen = performance.now();
  const { deps } = await boot(testConfig({ seedDemo: false }), pino({ level: 'silent' }), undefined, h);
  await deps.services.organisation.seedDemoOrganisation();
  const units = await h.db
    .selectFrom('org_unit')
    .select(['id', 'code'])
    .where('is_public_service_unit', '=', 1)
    .where('active', '=', 1)
    .orderBy('code')
    .execute();
  const year = deps.clock.now().getUTCFullYear();
  const campaign = await deps.services.campaigns.create(actor, {
    year,
    name: `Bench ${year}`,
    profileCode: 'bpom-2024',
    profileVersion: 1,
    collectionStart: `${year}-01-01`,
    collectionEnd: `${year}-12-31`,
    periodicityLabel: 'tahun',
    units: units.map((u) => ({ unitId: u.id })),
    allowEmbedding: false,
    embedOrigins: [],
  });
  const targets = await h.db
    .selectFrom('campaign_target')
    .select(['unit_id', 'unit_service_id'])
    .where('campaign_id', '=', campaign.id)
    .execute();
  const servicesOf = new Map<string, string[]>();
  for (const t of targets) servicesOf.set(t.unit_id, [...(servicesOf.get(t.unit_id) ?? []), t.unit_service_id]);
  const big = units.find((u) => u.code === 'BPOM-TRK') ?? (units[0] as { id: string; code: string });
  const others = units.filter((u) => u.id !== big.id && servicesOf.has(u.id));
  const perOther = Math.floor((TOTAL_N - UNIT_N) / others.length);
  const rows = function* () {
    yield* rowsFor(campaign.id, big.id, servicesOf.get(big.id) as string[], UNIT_N, 1);
    for (const [i, u] of others.entries()) {
      const n = i === others.length - 1 ? TOTAL_N - UNIT_N - perOther * (others.length - 1) : perOther;
      yield* rowsFor(campaign.id, u.id, servicesOf.get(u.id) as string[], n, 1);
    }
  };
  await insertBulk(h, rows());
  const inserted = performance.now();
  // W1's recount: the D5 window, the per-response flags, the counters and the integer tally of every service.
  for (const t of targets) await h.db.transaction().execute((trx) => recountService(trx, campaign.id, t.unit_service_id));
  const recounted = performance.now();
  console.log(
    `[${label}] generated ${TOTAL_N.toLocaleString('en')} responses (${UNIT_N.toLocaleString('en')} in ${big.code}) over ${units.length} units / ${targets.length} services: insert ${((inserted - gen) / 1000).toFixed(1)} s, recount ${((recounted - inserted) / 1000).toFixed(1)} s`,
  );

  const ctx = { db: h.db, engine: h.engine, clock: deps.clock, config: deps.config };
  for (const [name, call] of [
    [`unit (${UNIT_N / 1000}k)`, (s: ReturnType<typeof createResultsService>) => s.unitResults(actor, campaign.id, big.id, 'id')],
    [`BPOM (${TOTAL_N / 1000}k)`, (s: ReturnType<typeof createResultsService>) => s.campaignResults(actor, campaign.id, 'id')],
  ] as const) {
    const service = createResultsService(ctx, { audit: deps.services.audit });
    const cold = await timeIt(() => call(service));
    const recompute: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const fresh = createResultsService(ctx, { audit: deps.services.audit });
      recompute.push(await timeIt(() => call(fresh)));
    }
    const warm: number[] = [];
    for (let i = 0; i < RUNS; i++) warm.push(await timeIt(() => call(service)));
    const body = (await call(service)).body as {
      total?: { counted: number; ikm: { display: string } };
      bpom?: { counted: number; ikm: { display: string } };
    };
    const scope = body.total ?? body.bpom;
    console.log(
      `[${label}] ${name.padEnd(11)} cold ${cold.toFixed(1)} ms | recompute median ${median(recompute).toFixed(1)} ms | warm median ${median(warm).toFixed(1)} ms (target < 200 ms warm) | counted ${scope?.counted.toLocaleString('en')}, IKM ${scope?.ikm.display}`,
    );
  }
}

const dir = mkdtempSync(join(tmpdir(), 'mutu-bench-live-'));
try {
  console.log(`live results benchmark${QUICK ? ' (QUICK: scaled down 10×)' : ''}`);
  const lite = await createDb({ sqliteFile: join(dir, 'bench.sqlite') });
  try {
    await run('sqlite', lite);
  } finally {
    await lite.close();
  }
  const url = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `bench_${Date.now().toString(36)}`;
  let pgh: DbHandle | undefined;
  try {
    pgh = await createDb({ databaseUrl: url, pgSchema: schema, poolSize: 4 });
    await sql`select 1`.execute(pgh.db);
  } catch (e) {
    console.log(`[postgres] skipped: ${(e as Error).message}`);
    pgh = undefined;
  }
  if (pgh) {
    try {
      await run('postgres', pgh);
    } finally {
      await pgh.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop schema if exists "${schema}" cascade`);
      await c.end();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
