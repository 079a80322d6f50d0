import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('config', () => {
  it('defaults to embedded PostgreSQL with demo data and no trusted proxy', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, host: '127.0.0.1', demo: true, trustProxy: false, secureCookies: false, publicUrl: 'http://127.0.0.1:3000' });
    expect(c.databaseUrl).toBeUndefined();
  });

  it('has no demo data on an external database unless asked', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://x@db/kompas' }).demo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://x@db/kompas', KOMPAS_DEMO: '1' }).demo).toBe(true);
  });

  it('names every bad variable', () => {
    expect(() => loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', SMTP_URL: 'http://mail' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x' });
    } catch (e) {
      expect((e as Error).message).toMatch(/PORT/);
      expect((e as Error).message).toMatch(/DATABASE_URL: must start with postgres:\/\//);
    }
  });

  it('secures cookies behind https and parses the proxy setting', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://kompas.zone.be/' })).toMatchObject({ secureCookies: true, publicUrl: 'https://kompas.zone.be' });
    expect(loadConfig({ KOMPAS_TRUST_PROXY: '1' }).trustProxy).toBe(true);
    expect(() => loadConfig({ KOMPAS_TRUST_PROXY: 'everyone' })).toThrow(/KOMPAS_TRUST_PROXY/);
    expect(loadConfig({ KOMPAS_TRUST_PROXY: '10.0.0.5,10.0.0.6' }).trustProxy).toBe('10.0.0.5,10.0.0.6');
  });
});
