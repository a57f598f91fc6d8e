import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { boot, loggerOptions } from './bootstrap.ts';
import { loadConfig } from './config.ts';
import { buildApp } from './http/app.ts';

const SHUTDOWN_GRACE_MS = 25_000;

/** Test-only endpoint for the graceful-shutdown test: a request that is still running at SIGTERM. */
function registerTestRoutes(app: FastifyInstance): void {
  app.get('/api/v1/_debug/slow', { config: { auth: 'none' } }, async (req) => {
    const raw = Number((req.query as { ms?: string }).ms ?? 1000);
    const ms = Number.isFinite(raw) ? Math.min(Math.max(raw, 0), 10_000) : 1000;
    await new Promise((r) => setTimeout(r, ms));
    return { sleptMs: ms };
  });
}

async function main() {
  const config = loadConfig();
  const log = pino(loggerOptions(config));
  const { deps, adminCreated, generatedPassword, seededOrganisation, demoFormPath } = await boot(config, log);
  const app = await buildApp(deps);
  if (process.env.NODE_ENV === 'test') registerTestRoutes(app);
  let closing = false;
  // server.close() only reaps sockets idle at that moment: a keep-alive socket whose request was
  // still running would hold the shutdown open, so responses sent while closing end their connection.
  app.addHook('onSend', async (_req, reply) => {
    if (closing) reply.header('connection', 'close');
  });
  await app.listen({ port: config.port, host: config.host });
  // Daily RTL deadline reminders (issue 6): in-process timer, safe on several servers (DB lock + per-day rows).
  const stopReminders = deps.services.rtlReminders.startScheduler(log);
  // Retention purge of personal fields (issue 4): in-process timer, guarded by an advisory lock on PostgreSQL.
  const stopRetention = deps.services.retention.startScheduler(log);

  // PORT=0 picks a free port: show the one actually bound.
  const port = (app.server.address() as AddressInfo).port;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const listening = `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`;
  const base = config.publicUrl ?? listening;
  const lines = [
    '',
    `Mutu berjalan di ${base}${base === listening ? '' : ` (mendengarkan di ${listening})`}  (database: ${deps.dbh.engine === 'sqlite' ? config.sqliteFile : 'PostgreSQL'})`,
  ];
  if (seededOrganisation) lines.push('Organisasi demo BPOM dibuat.');
  if (demoFormPath) lines.push(`Formulir survei: ${base}${demoFormPath}  (kampanye demo)`);
  if (adminCreated) {
    lines.push(`Pengguna admin: ${config.adminUser}`);
    if (generatedPassword) lines.push(`Kata sandi awal (hanya ditampilkan sekali): ${generatedPassword}`);
    lines.push('Ganti kata sandi saat masuk pertama kali.');
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);

  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    stopReminders();
    stopRetention();
    log.info({ signal }, 'shutting down: finishing in-flight requests');
    const timer = setTimeout(() => {
      log.error(`forced exit after ${SHUTDOWN_GRACE_MS / 1000} s`);
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    timer.unref();
    let code = 0;
    try {
      // Stops accepting connections (new requests get 503), waits for in-flight ones, then runs onClose hooks.
      await app.close();
      await deps.dbh.close();
      log.info('shutdown complete');
    } catch (err) {
      log.error({ err }, 'error during shutdown');
      code = 1;
    }
    // Leftover timers or sockets of other modules must not keep a stopped server alive.
    process.exit(code);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err) => {
  process.stderr.write(`Mutu gagal dijalankan: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
