/** Prefix of the public API: `/api/public/orgs/:orgCode/...`. */
export const PUBLIC_API_PREFIX = '/api/public/';

/**
 * Requests of the public pages (the HTML under /p and the public API). For these the server
 * resolves no session, sets no cookie, keeps no address (audit ip NULL) and logs no client data.
 */
export function isPublicPath(url: string): boolean {
  return url.startsWith(PUBLIC_API_PREFIX) || url === '/p' || url.startsWith('/p/') || url.startsWith('/p?');
}
