import { eq, sql } from 'drizzle-orm';
import { organisation } from '../tenancy/schema.js';
import { updateAtRevision } from '../db/revision.js';
import { z } from 'zod';
import { text } from '../../../shared/text.js';
import type { Deps } from '../deps.js';
import type { AuditContext } from '../audit/service.js';
import { recordAudit } from '../audit/service.js';
import { withOrgTx } from '../db/tx.js';
import { AppError, notFound } from '../errors.js';
import { authKeys } from '../crypto/index.js';

/**
 * An organisation's own identity provider (OIDC). The client secret is sealed with the
 * authentication key before it is stored and is never returned: the screen only learns
 * whether one is set.
 */
const issuerUrl = text({ max: 500, trim: true }).url().refine((v) => {
  const u = new URL(v);
  return u.protocol === 'https:' || (u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname));
}, { message: 'auth.issuer_https' });

export const identityProviderBody = z.strictObject({
  issuer: issuerUrl,
  clientId: text({ max: 200, min: 1, trim: true }),
  /** Omitted: keep the stored secret. Empty string: remove it (public client with PKCE). */
  clientSecret: text({ max: 500 }).optional(),
});

export const identityProviderView = z.object({
  configured: z.boolean(),
  issuer: z.string().nullable(),
  clientId: z.string().nullable(),
  hasClientSecret: z.boolean(),
  /** Where users of this organisation start an OIDC sign-in. */
  signInPath: z.string().nullable(),
  redirectUri: z.string(),
  /** Edit revision of this configuration, sent back as If-Match on PUT (ADR 0011). */
  revision: z.number().int(),
});
export type IdentityProviderView = z.infer<typeof identityProviderView>;

interface StoredOidc { issuer: string; clientId: string; clientSecret?: string }

export function makeIdentityProviderService(deps: Pick<Deps, 'config' | 'database'>) {
  const db = deps.database.db;
  const redirectUri = `${deps.config.publicUrl}/api/auth/oidc/callback`;

  const load = async (q: Parameters<Parameters<typeof withOrgTx>[2]>[0], orgId: string) =>
    (await q.execute<{ code: string; oidc: StoredOidc | null; oidc_revision: number }>(sql`SELECT code, oidc, oidc_revision FROM organisation WHERE id = ${orgId} FOR UPDATE`)).rows[0];

  const view = (code: string, oidc: StoredOidc | null, revision: number): IdentityProviderView => ({
    configured: !!oidc?.issuer,
    issuer: oidc?.issuer ?? null,
    clientId: oidc?.clientId ?? null,
    hasClientSecret: !!oidc?.clientSecret,
    signInPath: oidc?.issuer ? `/api/auth/oidc/${encodeURIComponent(code)}/start` : null,
    redirectUri,
    revision,
  });

  return {
    async get(orgId: string): Promise<IdentityProviderView> {
      return withOrgTx(db, orgId, async (tx) => {
        const org = await load(tx, orgId);
        if (!org) throw notFound('organisation');
        return view(org.code, org.oidc, org.oidc_revision);
      });
    },

    async put(ctx: AuditContext, orgId: string, body: z.infer<typeof identityProviderBody>, expected: number): Promise<IdentityProviderView> {
      const keys = await authKeys(deps.config.dataDir);
      return withOrgTx(db, orgId, async (tx) => {
        const org = await load(tx, orgId);
        if (!org) throw notFound('organisation');
        let clientSecret = org.oidc?.clientSecret;
        if (body.clientSecret !== undefined) clientSecret = body.clientSecret === '' ? undefined : keys.seal('oidc', body.clientSecret);
        if (body.clientSecret === undefined && clientSecret && org.oidc?.issuer !== body.issuer) {
          // A secret belongs to one provider: changing the issuer without a new secret would send it elsewhere.
          throw new AppError('oidc_secret_required', 400, {}, 'clientSecret');
        }
        const oidc: StoredOidc = { issuer: body.issuer, clientId: body.clientId, ...(clientSecret ? { clientSecret } : {}) };
        const revision = await updateAtRevision(tx, organisation, eq(organisation.id, orgId), expected, { oidc }, async () => {
          const now = await load(tx, orgId);
          return now && view(now.code, now.oidc, now.oidc_revision);
        }, 'organisation', organisation.oidcRevision);
        await recordAudit(tx, ctx, { organisationId: orgId, action: 'organisation.oidc_update', recordType: 'organisation', recordId: orgId, details: { issuer: body.issuer, secretChanged: body.clientSecret !== undefined } });
        return view(org.code, oidc, revision);
      });
    },

    async remove(ctx: AuditContext, orgId: string): Promise<void> {
      await withOrgTx(db, orgId, async (tx) => {
        const org = await load(tx, orgId);
        if (!org) throw notFound('organisation');
        // The revision moves, so a screen still showing the removed configuration cannot silently put it back.
        await tx.execute(sql`UPDATE organisation SET oidc = NULL, oidc_revision = oidc_revision + 1 WHERE id = ${orgId}`);
        await recordAudit(tx, ctx, { organisationId: orgId, action: 'organisation.oidc_remove', recordType: 'organisation', recordId: orgId });
      });
    },
  };
}

/** The stored client secret in clear; values written before sealing existed are read as they are. */
export async function openClientSecret(dataDir: string, stored: string | undefined): Promise<string | undefined> {
  if (!stored) return undefined;
  if (!stored.startsWith('enc:v1:')) return stored;
  return (await authKeys(dataDir)).open('oidc', stored) ?? undefined;
}
