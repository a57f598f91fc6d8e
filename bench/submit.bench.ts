/**
 * Issue 4 §12 (submissions): accepted submissions per second through the real HTTP stack into SQLite
 * must reach at least 50% of a bare Fastify route that inserts the same row into the same kind of
 * SQLite file, with the same load generator in the same run.
 *
 * Real stack: `buildApp` listening on a port, `POST /api/v1/public/responses` (server-to-server, one
 * API key per connection): API-key lookup, the per-key rate-limit counter (booked in the submission's
 * transaction), zod validation against the profile, the
 * duplicate-hint lookups (phone and name blind indexes), AES-GCM encryption of the personal fields,
 * the seqNo update, the insert and the counted-window tally. Bare: Fastify with one JSON route and a
 * prepared better-sqlite3 INSERT of the same row into a migrated Mutu SQLite file.
 * Rate limits are raised for the run (environment, printed); every request has its own idempotency
 * key; every connection its own key. Both servers run in this process and are loaded in alternating
 * slices, so a change in the rest of the machine's load hits both alike. `QUICK=1` (or `--quick`)
 * shortens the run; `ONLY=real|bare` runs one stack (profiling); `CONNECTIONS=n` changes the 16.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const QUICK = process.env.QUICK === '1' || process.argv.includes('--quick');
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 16);
const DURATION_MS = QUICK ? 3_000 : 10_000;
const WARMUP_MS = QUICK ? 500 : 2_000;
const ROUNDS = QUICK ? 3 : 10;
const ONLY = process.env.ONLY;
// Raised before the routes are imported (the limits are read at import time).
process.env.MUTU_PUBLIC_API_POSTS_PER_KEY = '1000000';
process.env.MUTU_PUBLIC_POSTS_PER_IP = '1000000';

const [{ default: Fastify }, { default: pino }, { boot }, { testConfig }, { createDb }, { buildApp }, { newId }] =
  await Promise.all([
    import('fastify'),
    import('pino'),
    import('../src/bootstrap.ts'),
    import('../src/config.ts'),
    import('../src/db/connection.ts'),
    import('../src/http/app.ts'),
    import('../src/shared/ids.ts'),
  ]);
type Actor = import('../src/modules/auth/actor.ts').Actor;

const actor: Actor = {
  userId: 'bench',
  username: 'bench',
  fullName: 'Bench',
  grants: [{ role: 'skm_coordinator', unitId: null }],
  mustChangePassword: false,
  sessionId: '',
  locale: 'id',
};

async function setup(file: string) {
  const dbh = await createDb({ sqliteFile: file });
  const { deps } = await boot(
    testConfig({ seedDemo: false, dataDir: join(file, '..') }),
    pino({ level: 'silent' }),
    undefined,
    dbh,
  );
  await deps.services.organisation.seedDemoOrganisation();
  const unit = await dbh.db.selectFrom('org_unit').select('id').where('code', '=', 'BPOM-TRK').executeTakeFirstOrThrow();
  const year = deps.clock.now().getUTCFullYear();
  const c = await deps.services.campaigns.create(actor, {
    year,
    name: `Bench ${year}`,
    profileCode: 'bpom-2024',
    profileVersion: 1,
    collectionStart: `${year}-01-01`,
    collectionEnd: `${year}-12-31`,
    periodicityLabel: 'tahun',
    units: [{ unitId: unit.id }],
    allowEmbedding: false,
    embedOrigins: [],
  });
  await deps.services.campaigns.transition(actor, c.id, 'targets_set');
  await deps.services.campaigns.transition(actor, c.id, 'collecting');
  const service = await dbh.db
    .selectFrom('campaign_target')
    .select('unit_service_id')
    .where('campaign_id', '=', c.id)
    .orderBy('unit_service_id')
    .executeTakeFirstOrThrow();
  return { dbh, deps, campaignId: c.id, unitId: unit.id, unitServiceId: service.unit_service_id };
}

let serial = 0;
function body(unitServiceId: string) {
  serial++;
  const answers: Record<string, number> = {};
  for (let q = 1; q <= 14; q++) answers[`A${q}`] = 3 + ((serial + q) % 4);
  for (let q = 1; q <= 5; q++) answers[`B${q}`] = 4 + ((serial + q) % 3);
  return JSON.stringify({
    unitServiceId,
    clientSubmissionId: `bench-${process.pid}-${serial}`,
    respondent: {
      fullName: `Responden Bench ${serial}`,
      age: 20 + (serial % 40),
      sex: serial % 2 ? 'laki_laki' : 'perempuan',
      phone: `0812${String(serial).padStart(8, '0')}`,
      education: 'd4_s1',
      occupation: 'pegawai_swasta',
      institution: `PT Bench ${serial % 50}`,
    },
    completionPct: 100,
    answers,
    suggestion: serial % 5 ? null : 'Pertahankan.',
  });
}

interface Tally {
  latencies: number[];
  ok: number;
  failed: number;
  failures: Map<number, number>;
  seconds: number;
  cpuMicros: number;
}
const emptyTally = (): Tally => ({ latencies: [], ok: 0, failed: 0, failures: new Map(), seconds: 0, cpuMicros: 0 });

interface Stack {
  port: number;
  path: string;
  headersOf: (conn: number) => Record<string, string>;
  unitServiceId: string;
  close(): Promise<void>;
}

/** N keep-alive connections, each sending requests back to back until the deadline; adds to `into`. */
async function load(stack: Stack, ms: number, into: Tally): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const deadline = performance.now() + ms;
  const one = (conn: number) =>
    new Promise<void>((resolve, reject) => {
      const payload = body(stack.unitServiceId);
      const t = performance.now();
      const req = http.request(
        {
          port: stack.port,
          host: '127.0.0.1',
          path: stack.path,
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(payload),
            ...stack.headersOf(conn),
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            into.latencies.push(performance.now() - t);
            if (res.statusCode === 201) into.ok++;
            else {
              into.failed++;
              into.failures.set(res.statusCode ?? 0, (into.failures.get(res.statusCode ?? 0) ?? 0) + 1);
            }
            resolve();
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async (_, conn) => {
      while (performance.now() < deadline) await one(conn);
    }),
  );
  const cpu = process.cpuUsage(cpu0);
  into.seconds += (performance.now() - started) / 1000;
  into.cpuMicros += cpu.user + cpu.system;
  agent.destroy();
}

function summary(x: Tally) {
  const sorted = [...x.latencies].sort((a, b) => a - b);
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
  return {
    rps: x.ok / x.seconds,
    p50: pct(0.5),
    p99: pct(0.99),
    // Server and load generator share the process: CPU per request is less sensitive to other load on the machine.
    cpuPerRequest: x.cpuMicros / Math.max(1, x.ok + x.failed),
    ...x,
  };
}

async function startReal(dir: string): Promise<Stack> {
  const real = await setup(join(dir, 'real', 'mutu.sqlite'));
  const keys: string[] = [];
  for (let i = 0; i < CONNECTIONS; i++)
    keys.push(
      (await real.deps.services.apiKeys.create(actor, real.campaignId, { unitId: real.unitId, label: `bench ${i}` })).key,
    );
  const app = await buildApp(real.deps, { webDir: '/nonexistent' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    port: (app.server.address() as AddressInfo).port,
    path: '/api/v1/public/responses',
    headersOf: (conn) => ({ authorization: `Bearer ${keys[conn]}` }),
    unitServiceId: real.unitServiceId,
    close: async () => {
      await app.close();
      await real.dbh.close();
    },
  };
}

/** Fastify with one JSON route and a prepared better-sqlite3 INSERT of the same row into the same kind of file. */
async function startBare(dir: string): Promise<Stack> {
  const bare = await setup(join(dir, 'bare', 'mutu.sqlite'));
  const sqlite = bare.dbh.sqlite;
  if (!sqlite) throw new Error('bare stack needs SQLite');
  const insert = sqlite.prepare(
    `insert into survey_response (id, campaign_id, unit_id, unit_service_id, seq_no, submitted_at, client_submission_id, channel,
      profile_code, profile_version, full_name_enc, phone_enc, institution_enc, age, sex, education, occupation, completion_pct,
      suggestion, answers_json, validity, is_demo, created_at, counted, local_month)
     values (?, ?, ?, ?, ?, ?, ?, 'api', 'bpom-2024', 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'valid', 0, ?, 1, ?)`,
  );
  let seq = 0;
  const bareApp = Fastify({ logger: false });
  bareApp.post('/bare', async (req, reply) => {
    const b = req.body as {
      unitServiceId: string;
      clientSubmissionId: string;
      respondent: Record<string, string | number>;
      completionPct: number;
      answers: Record<string, number>;
      suggestion: string | null;
    };
    const now = new Date().toISOString();
    insert.run(
      newId(),
      bare.campaignId,
      bare.unitId,
      bare.unitServiceId,
      ++seq,
      now,
      b.clientSubmissionId,
      b.respondent.fullName,
      b.respondent.phone,
      b.respondent.institution,
      b.respondent.age,
      b.respondent.sex,
      b.respondent.education,
      b.respondent.occupation,
      b.completionPct,
      b.suggestion,
      JSON.stringify(b.answers),
      now,
      now.slice(0, 7),
    );
    reply.code(201);
    return { seqNo: seq };
  });
  await bareApp.listen({ port: 0, host: '127.0.0.1' });
  return {
    port: (bareApp.server.address() as AddressInfo).port,
    path: '/bare',
    headersOf: () => ({}),
    unitServiceId: bare.unitServiceId,
    close: async () => {
      await bareApp.close();
      await bare.dbh.close();
    },
  };
}

const dir = mkdtempSync(join(tmpdir(), 'mutu-bench-submit-'));
try {
  console.log(
    `submission benchmark: ${CONNECTIONS} keep-alive connections, ${DURATION_MS / 1000} s per stack in ${ROUNDS} alternating slices after ${WARMUP_MS / 1000} s warm-up each${QUICK ? ' (QUICK)' : ''}`,
  );
  console.log(
    'rate limits raised for the run: MUTU_PUBLIC_API_POSTS_PER_KEY=1000000, MUTU_PUBLIC_POSTS_PER_IP=1000000; one API key per connection, one idempotency key per request',
  );
  const stacks: [string, Stack][] = [];
  if (ONLY !== 'bare') stacks.push(['real stack', await startReal(dir)]);
  if (ONLY !== 'real') stacks.push(['bare route', await startBare(dir)]);
  for (const [, stack] of stacks) await load(stack, WARMUP_MS, emptyTally());
  // Alternating slices, the order flipped every round: both stacks see the same load from the rest of the machine.
  const tallies = new Map(stacks.map(([name]) => [name, emptyTally()]));
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 ? [...stacks].reverse() : stacks;
    for (const [name, stack] of order) await load(stack, DURATION_MS / ROUNDS, tallies.get(name) as Tally);
  }
  for (const [, stack] of stacks) await stack.close();

  const results = new Map([...tallies].map(([name, x]) => [name, summary(x)]));
  for (const [name, x] of results)
    console.log(
      `${name.padEnd(12)} ${x.rps.toFixed(0).padStart(6)} accepted/s   p50 ${x.p50.toFixed(2)} ms   p99 ${x.p99.toFixed(2)} ms   CPU ${x.cpuPerRequest.toFixed(0)} µs/request   (${x.ok} accepted, ${x.failed} other${x.failures.size ? `: ${[...x.failures].map(([s, n]) => `${s}×${n}`).join(', ')}` : ''})`,
    );
  const r = results.get('real stack');
  const b = results.get('bare route');
  if (r && b) console.log(`ratio real/bare: ${((r.rps / b.rps) * 100).toFixed(1)}% (target >= 50%)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
