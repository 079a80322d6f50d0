import { pathToFileURL } from 'node:url';
import { ConfigError, loadConfig, type Config } from '../src/server/platform/config.js';

/** Output of a command-line tool; tests pass their own to read what it printed. */
export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

export const consoleIo: Io = { out: console.log, err: console.error };

/** The configuration, or undefined after printing which variable is wrong (the caller exits 2). */
export function cliConfig(env: NodeJS.ProcessEnv, io: Io): Config | undefined {
  try {
    return loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      io.err(err.message);
      return undefined;
    }
    throw err;
  }
}

/**
 * A tool's arguments and configuration, or undefined after printing what is wrong (the caller
 * exits 2). `parse` returns the arguments or the message to print (usage included).
 */
export function cliInputs<A>(argv: string[], env: NodeJS.ProcessEnv, io: Io, parse: (argv: string[]) => A | string, envOf: (args: A) => NodeJS.ProcessEnv = () => env): { args: A; config: Config } | undefined {
  const args = parse(argv);
  if (typeof args === 'string') {
    io.err(args);
    return undefined;
  }
  const config = cliConfig(envOf(args), io);
  return config ? { args, config } : undefined;
}

/** For a tool that takes no arguments: `--help` prints the usage, anything else is refused with it. */
export const noArguments = (usage: string) => (argv: string[]): Record<string, never> | string =>
  argv.length === 0 ? {} : argv[0] === '--help' || argv[0] === '-h' ? usage : `unknown argument ${argv[0]}\n${usage}`;

/**
 * Runs a tool's `main` when its file is the process entry point (`tsx scripts/<tool>.ts`): the
 * number it returns is the exit code (0 done, 1 refused or failed check, 2 bad usage or
 * configuration, or a crash, printed as one line without stack or personal data).
 */
export function runAsCli(moduleUrl: string, name: string, main: (argv: string[], env: NodeJS.ProcessEnv) => Promise<number>): void {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(process.argv[1]).href) return;
  const done = (code: number) => {
    process.exitCode = code;
    // A connection or child process left open by a bug must not keep an ops script (cron,
    // systemd) hanging after its work is done: exit anyway after a grace period. Unref'd, the
    // timer does not itself keep the process alive when everything closed properly.
    setTimeout(() => process.exit(code), 10_000).unref();
  };
  main(process.argv.slice(2), process.env).then(done, (err: Error) => {
    console.error(`${name} failed: ${err.message}`);
    done(2);
  });
}
