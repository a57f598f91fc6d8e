/** A `mutu` sub-command. Each lives in `src/cli/commands/<name>.ts`. */
export interface CliCommand {
  name: string;
  /** One line for `mutu --help`. */
  summary: string;
  /** Usage line(s), e.g. `mutu sample-size POPULATION [--divisor 4] [--json]`. */
  usage: string;
  /** At least one runnable example. */
  examples: string[];
  run(argv: string[], io: CliIo): Promise<number>;
}

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  cwd: string;
}

/** Thrown for bad input: printed as one clear line, no stack trace, exit code 2. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export interface ParsedArgs {
  positionals: string[];
  flags: Record<string, string | true>;
}

/** Minimal `--flag value` / `--flag=value` / `--bool` parser; `booleans` lists value-less flags. */
export function parseArgs(argv: string[], booleans: readonly string[] = []): ParsedArgs {
  const positionals: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
      if (eq > 0) flags[name] = a.slice(eq + 1);
      else if (booleans.includes(name)) flags[name] = true;
      else {
        const next = argv[i + 1];
        if (next === undefined || next.startsWith('--'))
          throw new CliError(`Opsi --${name} memerlukan nilai (option --${name} needs a value)`);
        flags[name] = next;
        i++;
      }
    } else positionals.push(a);
  }
  return { positionals, flags };
}
