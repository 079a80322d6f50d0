import { Worker } from 'node:worker_threads';
import { renderDocx } from './docx.js';
import type { ExportDocument } from './model.js';
import { renderPdf, type PdfOptions } from './pdf.js';

/**
 * Renders documents in a worker thread, one at a time, so a large export does not stop the event
 * loop (laying out a 15-page plan takes about a second of CPU). The worker starts on the first
 * export and stays, unreferenced while idle. When it cannot start or dies, the document is
 * rendered in the calling thread instead: slower for everyone else, but the export still works.
 */

export interface RenderJob { id: number; format: 'docx' | 'pdf'; doc: ExportDocument; opts?: PdfOptions }
export type RenderResult = { id: number; bytes: Uint8Array } | { id: number; error: string };

interface Pending { job: RenderJob; resolve: (b: Buffer) => void; reject: (e: Error) => void }

let worker: Worker | undefined;
let disabled = false;
let seq = 0;
const pending = new Map<number, Pending>();
const counts = { worker: 0, inline: 0 };

const inline = (job: RenderJob) => {
  counts.inline++;
  return job.format === 'docx' ? renderDocx(job.doc) : renderPdf(job.doc, job.opts);
};

/** Jobs of a worker that failed are rendered here; later ones too, when it never answered at all. */
function fail(w: Worker, started: boolean) {
  if (worker !== w) return;
  worker = undefined;
  if (!started) disabled = true;
  const jobs = [...pending.values()];
  pending.clear();
  for (const p of jobs) inline(p.job).then(p.resolve, p.reject);
}

function start(): Worker {
  // From TypeScript sources the worker registers tsx first (render-worker-boot.mjs); built JavaScript needs nothing.
  const entry = import.meta.url.endsWith('.ts') ? './render-worker-boot.mjs' : './render-worker.js';
  const w = new Worker(new URL(entry, import.meta.url));
  let started = false;
  w.on('message', (r: RenderResult) => {
    started = true;
    const p = pending.get(r.id);
    if (!p) return;
    pending.delete(r.id);
    if ('error' in r) p.reject(new Error(r.error));
    else {
      counts.worker++;
      p.resolve(Buffer.from(r.bytes.buffer, r.bytes.byteOffset, r.bytes.byteLength));
    }
    if (pending.size === 0) w.unref();
  });
  w.on('error', () => fail(w, started));
  w.on('exit', () => fail(w, started));
  return w;
}

/** The document as Word or PDF, laid out off the event loop. */
export function renderDocument(format: 'docx' | 'pdf', doc: ExportDocument, opts?: PdfOptions): Promise<Buffer> {
  const job: RenderJob = { id: ++seq, format, doc, opts };
  if (disabled) return inline(job);
  worker ??= start();
  const w = worker;
  return new Promise<Buffer>((resolve, reject) => {
    pending.set(job.id, { job, resolve, reject });
    w.ref();
    w.postMessage(job);
  });
}

/** How many documents were rendered in the worker and in the calling thread (tests, diagnostics). */
export const renderCounts = (): Readonly<typeof counts> => ({ ...counts });
