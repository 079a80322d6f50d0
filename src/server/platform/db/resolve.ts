import type { Config } from '../config.js';
import { startEmbeddedPostgres } from './embedded.js';

/**
 * The database the process uses: DATABASE_URL, or the embedded cluster under the data dir
 * (started when it does not run yet). Shared by the server and the command-line tools.
 */
export async function resolveDatabaseUrl(config: Config, log: (m: string) => void = () => {}): Promise<{ url: string; embedded: boolean; stop: () => Promise<void> }> {
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: false, stop: async () => {} };
  const handle = await startEmbeddedPostgres(config.dataDir, log);
  return { url: handle.url, embedded: true, stop: handle.stop };
}
