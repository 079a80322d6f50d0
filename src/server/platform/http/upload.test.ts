import multipart from '@fastify/multipart';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerErrorHandling } from './error-handler.js';
import { readUpload } from './upload.js';

/** readUpload on its own: a well-formed body gives the file's bytes; the limits keep their 413. */
const app = Fastify();
beforeAll(async () => {
  registerErrorHandling(app);
  await app.register(multipart, { limits: { fileSize: 16, files: 1, fields: 0, parts: 1 } });
  app.post('/upload', async (req) => {
    const f = await readUpload(req);
    return f ? { filename: f.filename, mimetype: f.mimetype, body: f.data.toString() } : { none: true };
  });
  await app.ready();
});
afterAll(async () => { await app.close(); });

const boundary = '----kompasUpload';
const post = (body: string, contentType = `multipart/form-data; boundary=${boundary}`) =>
  app.inject({ method: 'POST', url: '/upload', payload: Buffer.from(body), headers: { 'content-type': contentType } });
const part = (content: string) =>
  `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\n${content}\r\n--${boundary}--\r\n`;

describe('readUpload', () => {
  it('reads a well-formed file', async () => {
    const r = await post(part('hallo'));
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ filename: 'a.txt', mimetype: 'text/plain', body: 'hallo' });
  });

  it('keeps 413 for a file over the limit and 415 for a body that is not multipart', async () => {
    expect((await post(part('x'.repeat(17)))).statusCode).toBe(413);
    const json = await app.inject({ method: 'POST', url: '/upload', payload: { file: 'aGFsbG8=' } });
    expect(json.statusCode).toBe(415);
  });

  it('answers 400 multipart_invalid to a body cut off before its closing boundary', async () => {
    const r = await post(part('hallo').slice(0, -20));
    expect(r.statusCode, r.body).toBe(400);
    expect(r.json().code).toBe('multipart_invalid');
  });
});
