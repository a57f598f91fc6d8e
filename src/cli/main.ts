import { type CliCommand, CliError, type CliIo } from './command.ts';
import { commands } from './commands/index.ts';

function help(): string {
  const lines = [
    'mutu: SKM, SPKP/SPAK, RTL and SAKIP for BPOM',
    '',
    'Usage: mutu <command> [options]      (mutu <command> --help for details)',
    '',
    'Commands:',
  ];
  const width = Math.max(...commands.map((c) => c.name.length));
  for (const c of commands) lines.push(`  ${c.name.padEnd(width)}  ${c.summary}`);
  lines.push('', 'Examples:');
  for (const c of commands) for (const e of c.examples) lines.push(`  ${e}`);
  return `${lines.join('\n')}\n`;
}

function commandHelp(c: CliCommand): string {
  return `${c.summary}\n\nUsage:\n  ${c.usage.split('\n').join('\n  ')}\n\nExamples:\n${c.examples.map((e) => `  ${e}`).join('\n')}\n`;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(help());
    return 0;
  }
  if (name === '--version') {
    io.out('0.1.0\n');
    return 0;
  }
  const cmd = commands.find((c) => c.name === name);
  if (!cmd) {
    io.err(`Perintah tidak dikenal: ${name} (unknown command). Jalankan: mutu --help\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(commandHelp(cmd));
    return 0;
  }
  try {
    return await cmd.run(rest, io);
  } catch (e) {
    if (e instanceof CliError) {
      io.err(`Galat: ${e.message}\n`);
      return e.exitCode;
    }
    const msg = e instanceof Error ? e.message : String(e);
    io.err(`Galat: ${msg}\n`);
    return 1;
  }
}

const io: CliIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  cwd: process.cwd(),
};

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  runCli(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`Galat: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
