import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Helpers that run the real `mutu` CLI and the real server as child processes. */

export const ROOT = resolve(import.meta.dirname, '../..');

const created: string[] = [];

export function tempDir(prefix = 'mutu-ops-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** Call from `afterAll`: removes every directory `tempDir` made in this file. */
export function removeTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** The parent's environment without any Mutu setting, plus `extra`. */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of Object.keys(env)) {
    if (k.startsWith('MUTU_') || ['DATABASE_URL', 'DATA_DIR', 'PORT', 'HOST', 'PUBLIC_URL', 'LOG_LEVEL'].includes(k))
      delete env[k];
  }
  return { ...env, ...extra };
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runMutu(args: string[], env: Record<string, string>): Promise<RunResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/mutu.mjs'), ...args], { cwd: ROOT, env: cleanEnv(env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

export interface RunningServer {
  child: ChildProcess;
  baseUrl: string;
  /** Everything printed so far. */
  output(): string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  stop(): Promise<number | null>;
}

/** Starts `src/main.ts` and waits for its banner (which names the port actually bound). */
export function startServer(env: Record<string, string>, timeoutMs = 90_000): Promise<RunningServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: cleanEnv({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...env }),
  });
  let out = '';
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((r) =>
    child.on('exit', (code, signal) => {
      exitCode = code ?? (signal ? -1 : null);
      r(exitCode);
    }),
  );
  child.stdout.on('data', (d) => {
    out += d;
  });
  child.stderr.on('data', (d) => {
    out += d;
  });
  return new Promise((done, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`server did not start within ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    const check = () => {
      const m = /Mutu berjalan di (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        done({
          child,
          baseUrl: m[1] as string,
          output: () => out,
          exited,
          stop: async () => {
            if (exitCode === undefined) child.kill('SIGTERM');
            return exited;
          },
        });
      }
    };
    child.stdout.on('data', check);
    exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`server exited (${code}) before its banner:\n${out}`));
    });
  });
}
