import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import Fastify from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import { describe, expect, it } from 'vitest';
import { registerSecurityHeaders } from './security-headers.js';

const OPTIONS: HelmetOptions[] = [
  {
    contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], imgSrc: ["'self'", 'data:'], frameAncestors: ["'none'"], upgradeInsecureRequests: null } },
    hsts: false,
  },
  {}, // helmet's defaults, Strict-Transport-Security included
];

/** The headers helmet's own middleware puts on a real response. */
function helmetOnRealResponse(options: HelmetOptions): Record<string, unknown> {
  const res = new ServerResponse(new IncomingMessage(new Socket()));
  res.setHeader('x-powered-by', 'something');
  helmet(options)(res.req, res, () => {});
  return res.getHeaders();
}

async function appWith(options: HelmetOptions) {
  const app = Fastify({ logger: false });
  registerSecurityHeaders(app, options);
  app.get('/ok', async () => ({ ok: true }));
  app.get('/own-csp', async (_req, reply) => reply.header('content-security-policy', "default-src 'none'").send('x'));
  app.get('/fails', async () => { throw new Error('boom'); });
  await app.ready();
  return app;
}

describe('security headers', () => {
  it('puts exactly what helmet sets on every answer: success, not found, error', async () => {
    for (const options of OPTIONS) {
      const expected = helmetOnRealResponse(options);
      expect(expected['x-powered-by']).toBeUndefined();
      const app = await appWith(options);
      for (const url of ['/ok', '/nope', '/fails']) {
        const r = await app.inject({ method: 'GET', url });
        for (const [name, value] of Object.entries(expected)) expect(r.headers[name], `${url} ${name}`).toBe(value);
        const helmetNames = Object.keys(helmetOnRealResponse({})).concat(Object.keys(expected));
        for (const name of Object.keys(r.headers)) {
          if (helmetNames.includes(name)) expect(name in expected, `${url} ${name}`).toBe(true);
        }
      }
      await app.close();
    }
  });

  it('lets a route set its own Content-Security-Policy', async () => {
    const app = await appWith(OPTIONS[0]);
    expect((await app.inject({ method: 'GET', url: '/own-csp' })).headers['content-security-policy']).toBe("default-src 'none'");
    await app.close();
  });

  it('refuses a directive computed per request, which cannot be computed once', () => {
    const app = Fastify({ logger: false });
    expect(() => registerSecurityHeaders(app, { contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], scriptSrc: [() => "'nonce-x'"] } } }))
      .toThrow(/computed per request/);
  });
});
