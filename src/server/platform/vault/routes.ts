import { verify } from '@node-rs/argon2';
import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit, recordAuditMany } from '../audit/service.js';
import * as authRepo from '../auth/repo.js';
import { policy } from '../authz/route-policy.js';
import { withOrgTx, withSystemTx } from '../db/tx.js';
import type { Deps } from '../deps.js';
import { invalid } from '../errors.js';
import { actorOf, auditContext } from '../http/context.js';
import { orgParams } from '../http/params.js';
import { uuidArray } from '../deadlines/service.js';
import { createEscrowKey, escrowKeyPair, escrowStatus, grantFromEscrow, pendingGrants, recoverGrants, staleGrants } from './escrow.js';
import { unlockedKeys, putUnlocked } from './keyring.js';
import { createUserKey, openUserKey, userKeyOf } from './user-keys.js';

/** Who keeps the escrow key and restores access (the integrity officer, who also receives reports). */
const ESCROW_ROLES = ['integrity_officer'] as const;
/** A key passphrase (single sign-on accounts) is the only thing between a copy of the database and their reports. */
const PASSPHRASE_MIN = 12;
const throttled = { max: 10, timeWindow: '1 minute' } as const;

const vaultStatus = z.object({ hasKey: z.boolean(), unlocked: z.boolean(), secretKind: z.enum(['password', 'passphrase']) });
const escrowView = z.object({
  escrow: z.object({ fingerprint: z.string(), createdAt: z.string() }).nullable(),
  /**
   * Per person: `count` grants sealed to a key pair they no longer have (password reset), `pending`
   * records they may read but hold no grant on (no key pair when the record was made). Both wait for the escrow key.
   */
  waitingForRecovery: z.array(z.object({ userId: z.string(), displayName: z.string(), count: z.number().int(), pending: z.number().int() })),
});

/**
 * The person's key for encrypted records (status, unlock after a restart or for single sign-on)
 * and the organisation's escrow key (create once, recover a person's access after a password reset,
 * grant records made before the person had a key pair).
 * Decision 0016; docs/operations.md "Escrow key".
 */
export const vaultRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const db = deps.database.db;
  const tags = ['vault'];

  app.get('/auth/vault', { config: { policy: policy.signedIn() }, schema: { tags, response: { 200: vaultStatus } } }, async (req) => {
    const actor = actorOf(req);
    const [stored, u] = await Promise.all([userKeyOf(db, actor.userId), authRepo.userById(db, actor.userId)]);
    return {
      hasKey: stored !== null,
      unlocked: unlockedKeys(actor.sessionId, actor.userId) !== null,
      secretKind: stored?.secretKind ?? (u?.passwordHash ? 'password' : 'passphrase'),
    };
  });

  app.post('/auth/vault/unlock', {
    config: { policy: policy.signedIn(), rateLimit: throttled },
    schema: { tags, body: z.strictObject({ secret: z.string().min(1).max(1024) }), response: { 200: vaultStatus } },
  }, async (req) => {
    const actor = actorOf(req);
    const { secret } = req.body;
    const stored = await userKeyOf(db, actor.userId);
    const u = await authRepo.userById(db, actor.userId);
    let keys;
    if (stored) keys = await openUserKey(stored, secret);
    else if (u?.passwordHash) keys = (await verify(u.passwordHash, secret).catch(() => false)) ? await createUserKey(db, actor.userId, secret, 'password') : null;
    else {
      if (secret.length < PASSPHRASE_MIN) throw invalid('vault_passphrase_short', 'secret', { min: PASSPHRASE_MIN });
      keys = await createUserKey(db, actor.userId, secret, 'passphrase');
    }
    await withSystemTx(db, (tx) => recordAudit(tx, auditContext(req), { organisationId: null, action: keys ? 'vault.unlock' : 'vault.unlock_failed', recordType: 'user', recordId: actor.userId }));
    if (!keys) throw invalid('vault_secret_invalid', 'secret');
    putUnlocked(actor.sessionId, actor.userId, keys);
    return { hasKey: true, unlocked: true, secretKind: stored?.secretKind ?? (u?.passwordHash ? 'password' : 'passphrase') };
  });

  const escrowConfig = { policy: policy.roles(...ESCROW_ROLES) };

  app.get('/orgs/:orgId/vault/escrow', { config: escrowConfig, schema: { tags, params: orgParams, response: { 200: escrowView } } }, async (req) =>
    withOrgTx(db, req.params.orgId, async (tx) => {
      const waiting = new Map<string, { count: number; pending: number }>();
      const of = (u: string) => waiting.get(u) ?? waiting.set(u, { count: 0, pending: 0 }).get(u)!;
      for (const s of await staleGrants(tx, req.params.orgId)) of(s.userId).count = s.count;
      for (const p of await pendingGrants(tx, req.params.orgId)) of(p.userId).pending++;
      const ids = [...waiting.keys()];
      const names = ids.length ? await tx.execute<{ id: string; display_name: string }>(sql`SELECT id, display_name FROM app_user WHERE id = ANY(${uuidArray(ids)}::uuid[]) ORDER BY display_name, id`) : { rows: [] };
      return {
        escrow: await escrowStatus(tx, req.params.orgId),
        waitingForRecovery: names.rows.map((r) => ({ userId: r.id, displayName: r.display_name, ...waiting.get(r.id)! })),
      };
    }));

  app.post('/orgs/:orgId/vault/escrow', {
    config: escrowConfig,
    schema: { tags, params: orgParams, body: z.strictObject({}).optional(), response: { 201: z.object({ privateKey: z.string(), fingerprint: z.string() }) } },
  }, async (req, reply) => {
    const actor = actorOf(req);
    const created = await withOrgTx(db, req.params.orgId, async (tx) => {
      const r = await createEscrowKey(tx, req.params.orgId, actor.userId);
      await recordAudit(tx, auditContext(req), { organisationId: req.params.orgId, action: 'vault.escrow_create', details: { fingerprint: r.fingerprint } });
      return r;
    });
    return reply.status(201).send({ privateKey: created.privateKeyText, fingerprint: created.fingerprint });
  });

  app.post('/orgs/:orgId/vault/recover', {
    config: { ...escrowConfig, rateLimit: throttled },
    schema: {
      tags, params: orgParams, body: z.strictObject({ escrowKey: z.string().min(1).max(200), userId: z.uuid() }),
      response: { 200: z.object({ renewed: z.number().int(), granted: z.number().int() }) },
    },
  }, async (req) => withOrgTx(db, req.params.orgId, async (tx) => {
    const escrow = await escrowKeyPair(tx, req.params.orgId, req.body.escrowKey);
    try {
      // Grants sealed to a replaced key pair are renewed; records the person may read but was never sealed to are granted.
      const renewed = await recoverGrants(tx, req.params.orgId, req.body.userId, escrow);
      const granted = await grantFromEscrow(tx, req.params.orgId, req.body.userId, escrow, actorOf(req).userId);
      await recordAuditMany(tx, auditContext(req), granted.map((g) => ({
        organisationId: req.params.orgId, action: 'vault.escrow_grant', recordType: g.recordType, recordId: g.recordId, details: { userId: req.body.userId },
      })));
      await recordAudit(tx, auditContext(req), {
        organisationId: req.params.orgId, action: 'vault.recover', recordType: 'user', recordId: req.body.userId, details: { renewed, granted: granted.length },
      });
      return { renewed, granted: granted.length };
    } finally {
      escrow.privateKey.fill(0);
    }
  }));
};
