import pino from 'pino';
import { boot } from './bootstrap.ts';
import { loadConfig } from './config.ts';
import { buildApp } from './http/app.ts';

async function main() {
  const config = loadConfig();
  const log = pino({
    level: config.logLevel,
    redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
  });
  const { deps, adminCreated, generatedPassword, seededOrganisation } = await boot(config, log);
  const app = await buildApp(deps);
  await app.listen({ port: config.port, host: config.host });

  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const base = config.publicUrl ?? `http://${shownHost}:${config.port}`;
  const lines = ['', `Mutu berjalan di ${base}  (database: ${deps.dbh.engine === 'sqlite' ? config.sqliteFile : 'PostgreSQL'})`];
  if (seededOrganisation) lines.push('Organisasi demo BPOM dibuat.');
  if (adminCreated) {
    lines.push(`Pengguna admin: ${config.adminUser}`);
    if (generatedPassword) lines.push(`Kata sandi awal (hanya ditampilkan sekali): ${generatedPassword}`);
    lines.push('Ganti kata sandi saat masuk pertama kali.');
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down: finishing in-flight requests');
    const timer = setTimeout(() => {
      log.error('forced exit after 25 s');
      process.exit(1);
    }, 25_000);
    timer.unref();
    try {
      await app.close();
      await deps.dbh.close();
      process.exitCode = 0;
    } catch (err) {
      log.error({ err }, 'error during shutdown');
      process.exitCode = 1;
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err) => {
  process.stderr.write(`Mutu gagal dijalankan: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
