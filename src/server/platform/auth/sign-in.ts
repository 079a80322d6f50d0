import { verify } from '@node-rs/argon2';
import { recordAudit, type AuditContext } from '../audit/service.js';
import type { Queryable } from '../db/pool.js';
import { withSystemTx } from '../db/tx.js';
import type { Deps } from '../deps.js';
import { AppError } from '../errors.js';
import './sign-in-messages.js';
import { trustedDevice, withNewDevice } from './device-cookie.js';
import * as repo from './repo.js';
import { signInKeys } from './sign-in-keys.js';
import { activePause, clearKey, clientNetwork, registerFailure, throttleKey, type Pause, type ThrottleKind } from './throttle.js';

/** 423 for a paused account or device, 429 for a paused client address; `retryAfter` feeds the Retry-After header. */
export const pausedError = (p: { kind: ThrottleKind; seconds: number }) =>
  p.kind === 'address' ? new AppError('sign_in_throttled', 429, { retryAfter: p.seconds }) : new AppError('sign_in_locked', 423, { retryAfter: p.seconds });
const invalidCredentials = () => new AppError('invalid_credentials', 401);

type AuditFn = (q: Queryable, ctx: AuditContext, userId: string | null, action: string, details?: Record<string, unknown>) => Promise<unknown>;

/**
 * Password sign-in with abuse protection (docs/auth.md, "Throttling"). Every answer and the work
 * behind it are the same for an unknown address as for a known one: the same lookups, one
 * Argon2id verification, the same counters keyed on the address, the same pauses.
 */
export function makePasswordSignIn(deps: Pick<Deps, 'config' | 'database'>, audit: AuditFn, burnVerify: (password: string) => Promise<void>) {
  const db = deps.database.db;
  const keys = () => signInKeys(deps.config.dataDir);

  /** Checks the password; returns the user id, or throws the answer for the client. The session is the caller's business. */
  async function check(ctx: AuditContext, body: { email: string; password: string }, deviceCookie: string | undefined): Promise<string> {
    const k = keys();
    const email = body.email.trim().toLowerCase();
    const accountKey = throttleKey('account', k.name('account', email));
    const addressKey = throttleKey('address', k.name('address', clientNetwork(ctx.ip)));
    const u = await repo.userByEmail(db, email);
    const device = u ? trustedDevice(k, deviceCookie, u.id, u.passwordHash) : null;
    const deviceKey = device ? throttleKey('device', device) : null;
    // A trusted device answers to its own budget only; everyone else to the address's and the client's.
    const pause = await activePause(db, deviceKey ? [deviceKey] : [accountKey, addressKey]);
    if (pause) {
      await burnVerify(body.password);
      await withSystemTx(db, (tx) => audit(tx, ctx, u?.id ?? null, 'auth.login_failed', { reason: 'paused', scope: pause.kind }));
      throw pausedError(pause);
    }
    const ok = u?.passwordHash ? await verify(u.passwordHash, body.password).catch(() => false) : (await burnVerify(body.password), false);
    if (u && ok && !u.disabledAt) {
      // The right password: the failures counted on the way it came in were the owner's typos.
      await withSystemTx(db, (tx) => clearKey(tx, deviceKey ?? accountKey));
      return u.id;
    }

    const reason = !u ? 'unknown_account' : !u.passwordHash ? 'no_password' : !ok ? 'wrong_password' : 'disabled';
    const paused = await withSystemTx(db, async (tx) => {
      await audit(tx, ctx, u?.id ?? null, 'auth.login_failed', { reason });
      if (deviceKey) return countFailure(tx, ctx, deviceKey, u!.id);
      const a = await countFailure(tx, ctx, accountKey, u?.id ?? null);
      const i = await countFailure(tx, ctx, addressKey, null);
      return a ?? i;
    });
    throw paused ? pausedError(paused) : invalidCredentials();
  }

  /**
   * Counts the failure on one key; when it starts a pause, records that the account (or device,
   * or address) is under attack in the platform's trail. The account is named by its id when it
   * exists and by the first characters of the keyed hash otherwise, never by its address.
   */
  async function countFailure(tx: Queryable, ctx: AuditContext, key: string, userId: string | null): Promise<Pause | null> {
    const r = await registerFailure(tx, key, userId);
    if (r.pauseSeconds === 0) return null;
    const kind = key.startsWith('acct:') ? 'account' : key.startsWith('dev:') ? 'device' : 'address';
    await recordAudit(tx, { actorUserId: null, ip: ctx.ip }, {
      organisationId: null, action: 'auth.sign_in_paused', recordType: userId ? 'user' : undefined, recordId: userId ?? undefined,
      details: { scope: kind, failures: r.failures, minutes: Math.ceil(r.pauseSeconds / 60), ...(userId ? {} : { key: key.slice(key.indexOf(':') + 1, key.indexOf(':') + 13) }) },
    });
    return { key, kind, seconds: r.pauseSeconds };
  }

  /** After the whole sign-in (password and second factor) succeeded: the new device-cookie value that trusts this browser. */
  async function trustDevice(userId: string, deviceCookie: string | undefined): Promise<string> {
    const u = await repo.userById(db, userId);
    return withNewDevice(keys(), deviceCookie, userId, u?.passwordHash ?? null);
  }

  return { check, trustDevice };
}
