import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/** What helmet does to every answer for these options: the headers it sets and the ones it removes. */
export function helmetHeaders(options: HelmetOptions): { set: [string, string][]; remove: string[] } {
  const directives = options.contentSecurityPolicy && typeof options.contentSecurityPolicy === 'object'
    ? Object.values(options.contentSecurityPolicy.directives ?? {}) : [];
  // A directive computed per request (a nonce) cannot be computed once.
  if (directives.some((d) => typeof d === 'function' || (Array.isArray(d) && d.some((x) => typeof x === 'function')))) {
    throw new Error('security headers: a Content-Security-Policy directive computed per request is not supported');
  }
  const set = new Map<string, string>();
  const remove: string[] = [];
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => { set.set(name, String(value)); },
    removeHeader: (name: string) => { set.delete(name); remove.push(name); },
  };
  let failure: unknown;
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (err?: unknown) => { failure = err; });
  if (failure) throw failure;
  return { set: [...set], remove };
}

/**
 * Helmet's headers on every answer. They depend on the options only (no nonces), so they are
 * computed once at start-up rather than by building helmet's middleware again for each request
 * as @fastify/helmet did (its per-request cost showed in bench/api); set on the raw response
 * like helmet does, so a route's own header (the public pages' CSP) still wins.
 */
export function registerSecurityHeaders(app: FastifyInstance, options: HelmetOptions): void {
  const { set, remove } = helmetHeaders(options);
  app.addHook('onRequest', (_req, reply, done) => {
    const res = reply.raw;
    for (const name of remove) res.removeHeader(name);
    for (const [name, value] of set) res.setHeader(name, value);
    done();
  });
}
