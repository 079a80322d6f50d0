/**
 * The thread documents are laid out in (render.ts): Word's page layout and pdfmake run for a second
 * or more on a large plan, synchronously; here they do not hold up the server's requests.
 */
import { parentPort } from 'node:worker_threads';
import { renderDocx } from './docx.js';
import type { RenderJob, RenderResult } from './render.js';
import { renderPdf } from './pdf.js';

parentPort?.on('message', async (job: RenderJob) => {
  let result: RenderResult;
  try {
    const body = job.format === 'docx' ? await renderDocx(job.doc) : await renderPdf(job.doc, job.opts);
    // A copy with a buffer of its own, handed over without another copy.
    const bytes = new Uint8Array(body);
    result = { id: job.id, bytes };
    parentPort!.postMessage(result, [bytes.buffer]);
  } catch (e) {
    result = { id: job.id, error: e instanceof Error ? e.message : String(e) };
    parentPort!.postMessage(result);
  }
});
