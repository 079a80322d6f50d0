import { createHash } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';

/**
 * The Kompas backup file (docs/decisions/0012): one gzip stream of entries. Each entry is a JSON
 * header line; a `framed` entry is followed by its bytes as frames (4-byte big-endian length, then
 * the bytes) ended by an empty frame, then a JSON trailer line with the row count and SHA-256 of
 * those bytes. Table data is PostgreSQL's COPY text format, streamed in and out unchanged, so no
 * table is ever held in memory. The last entry is `end`: a file cut short is detected.
 */
export const MAGIC = 'KOMPAS-BACKUP 1\n';

export interface MetaEntry {
  kind: 'meta';
  createdAt: string;
  /** drizzle's journal of the source database, in order: the schema the data belongs to. */
  migrations: { hash: string; createdAt: number }[];
  server: string;
  /** The sealing key at backup time: a key file in the backup ('file'), one left out with --without-key ('apart'), KOMPAS_AUTH_KEY, or none yet. */
  sealingKey: 'file' | 'apart' | 'environment' | 'none';
  partitions: { name: string; parent: string; bound: string }[];
  sequences: { name: string; value: number | null }[];
}
export interface TableEntry { kind: 'table'; name: string; columns: string[]; framed: true }
export interface FileEntry { kind: 'file'; path: string; mode: number; framed: true }
export interface EndEntry { kind: 'end'; tables: number; rows: number; files: number }
export type Entry = MetaEntry | TableEntry | FileEntry | EndEntry;
export interface Trailer { rows: number; bytes: number; sha256: string }

/** Writes a backup to `tmpFile` (mode 0600 from the first byte: it holds personal data and keys). */
export class BackupWriter {
  private gz = zlib.createGzip({ level: 6 });
  private done: Promise<void>;

  constructor(tmpFile: string) {
    this.done = pipeline(this.gz, fs.createWriteStream(tmpFile, { mode: 0o600, flags: 'wx' }));
    // pipeline's promise rejects on a write error; keep it from being unhandled until finish().
    this.done.catch(() => {});
  }

  private async write(buf: Buffer): Promise<void> {
    if (!this.gz.write(buf)) await once(this.gz, 'drain');
  }

  async start(): Promise<void> {
    await this.write(Buffer.from(MAGIC));
  }

  async header(e: Entry): Promise<void> {
    await this.write(Buffer.from(`${JSON.stringify(e)}\n`));
  }

  /** Frames `source` after a framed header; counts newline-ended lines (COPY text: one per row). */
  async frames(source: AsyncIterable<Buffer>): Promise<Trailer> {
    const hash = createHash('sha256');
    let rows = 0;
    let bytes = 0;
    for await (const chunk of source) {
      const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      if (b.length === 0) continue;
      hash.update(b);
      bytes += b.length;
      for (let i = b.indexOf(10); i !== -1; i = b.indexOf(10, i + 1)) rows++;
      const len = Buffer.alloc(4);
      len.writeUInt32BE(b.length);
      await this.write(len);
      await this.write(b);
    }
    await this.write(Buffer.alloc(4));
    const trailer = { rows, bytes, sha256: hash.digest('hex') };
    await this.write(Buffer.from(`${JSON.stringify(trailer)}\n`));
    return trailer;
  }

  async finish(): Promise<void> {
    this.gz.end();
    await this.done;
  }

  async abort(): Promise<void> {
    this.gz.destroy();
    await this.done.catch(() => {});
  }
}

export class BackupFormatError extends Error {}

/** Reads a backup entry by entry; every framed entry must be read through `frames()` before the next. */
export class BackupReader {
  private buf: Buffer = Buffer.alloc(0);
  private it: AsyncIterator<Buffer>;
  private eof = false;

  constructor(file: string) {
    const gunzip = zlib.createGunzip();
    const input = fs.createReadStream(file);
    input.on('error', (err) => gunzip.destroy(err));
    input.pipe(gunzip);
    this.it = gunzip[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  }

  private async more(): Promise<boolean> {
    if (this.eof) return false;
    let r;
    try {
      r = await this.it.next();
    } catch (err) {
      throw new BackupFormatError(`the backup file is damaged or not a Kompas backup (${(err as { code?: string }).code ?? (err as Error).message})`);
    }
    if (r.done) {
      this.eof = true;
      return false;
    }
    this.buf = this.buf.length ? Buffer.concat([this.buf, r.value]) : r.value;
    return true;
  }

  private async exact(n: number): Promise<Buffer> {
    while (this.buf.length < n) if (!(await this.more())) throw new BackupFormatError('the backup file ends too early: it is incomplete');
    const out = this.buf.subarray(0, n);
    this.buf = this.buf.subarray(n);
    return out;
  }

  private async line(max = 64 * 1024 * 1024): Promise<string> {
    for (;;) {
      const i = this.buf.indexOf(10);
      if (i !== -1) {
        const l = this.buf.subarray(0, i).toString('utf8');
        this.buf = this.buf.subarray(i + 1);
        return l;
      }
      if (this.buf.length > max) throw new BackupFormatError('the backup file is damaged (a header line is too long)');
      if (!(await this.more())) throw new BackupFormatError('the backup file ends too early: it is incomplete');
    }
  }

  async start(): Promise<void> {
    const head = await this.exact(MAGIC.length).catch(() => Buffer.alloc(0));
    if (head.toString('latin1') !== MAGIC) throw new BackupFormatError('this is not a Kompas backup file (made by npm run backup)');
  }

  async next(): Promise<Entry> {
    try {
      return JSON.parse(await this.line()) as Entry;
    } catch (err) {
      if (err instanceof BackupFormatError) throw err;
      throw new BackupFormatError('the backup file is damaged (unreadable entry header)');
    }
  }

  /** The frames of the current entry; after the last one, checks the trailer (rows, SHA-256). */
  async *frames(onTrailer: (t: Trailer) => void): AsyncGenerator<Buffer> {
    const hash = createHash('sha256');
    let bytes = 0;
    for (;;) {
      const len = (await this.exact(4)).readUInt32BE(0);
      if (len === 0) break;
      const b = Buffer.from(await this.exact(len));
      hash.update(b);
      bytes += len;
      yield b;
    }
    let trailer: Trailer;
    try {
      trailer = JSON.parse(await this.line()) as Trailer;
    } catch {
      throw new BackupFormatError('the backup file is damaged (unreadable entry trailer)');
    }
    if (trailer.bytes !== bytes || trailer.sha256 !== hash.digest('hex')) throw new BackupFormatError('the backup file is damaged (an entry does not match its checksum)');
    onTrailer(trailer);
  }
}

/** Files written by backup and restore that hold secrets: 0600, folder 0700, all or nothing. */
export function writePrivateFile(file: string, content: Buffer, mode = 0o600): void {
  fs.mkdirSync(pathDir(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, content, { mode });
  fs.chmodSync(tmp, mode); // the umask may have taken bits away, never added
  fs.renameSync(tmp, file);
}

const pathDir = (file: string) => file.slice(0, Math.max(file.lastIndexOf('/'), 1));
