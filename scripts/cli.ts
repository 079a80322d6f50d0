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
