import { z } from 'zod';
import { text } from '../../../shared/text.js';
import { LOCALES, ORGANISATION_KINDS, ROLES } from '../../../shared/roles.js';
import { orgParams, orgParamsWith } from '../http/params.js';

/** Requests and answers of sign-in and accounts; the web app imports these. */
export const email = text({ max: 254, trim: true }).toLowerCase().pipe(z.email());
const password = text({ max: 1024, min: 1 });
/** New passwords: long rather than complex (NIST SP 800-63B). */
export const newPassword = text({ max: 1024, min: 12 });
const totpCode = text({ max: 32, trim: true }).regex(/^\d{6}$/);
export const locale = z.enum(LOCALES);

export const loginBody = z.strictObject({ email, password });
export const codeBody = z.strictObject({ code: totpCode });
export const localeBody = z.strictObject({ locale });
export const forgotBody = z.strictObject({ email });
export const resetBody = z.strictObject({ token: text({ max: 128, min: 16 }), password: newPassword });
export const changePasswordBody = z.strictObject({ currentPassword: password, newPassword });
/** First set-up: nothing. Replacing an active authenticator: the current password as well. */
export const totpSetupBody = z.strictObject({ currentPassword: password.optional() }).nullish();
export const idParam = z.strictObject({ id: z.uuid() });
/** Actions without input: no body at all (what the web client sends), or an empty object. */
export const emptyBody = z.strictObject({}).nullish();

export const meResponse = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  locale,
  totpEnabled: z.boolean(),
  mfaVerified: z.boolean(),
  mfaRequired: z.boolean(),
  isPlatformAdmin: z.boolean(),
  organisations: z.array(z.object({
    id: z.uuid(),
    code: z.string(),
    kind: z.enum(ORGANISATION_KINDS).or(z.string()),
    names: z.record(z.string(), z.string()),
    roles: z.array(z.enum(ROLES)),
  })),
});
export type Me = z.infer<typeof meResponse>;

export const loginResponse = z.object({ next: z.enum(['done', 'totp', 'totp_setup']), me: meResponse });
export const totpSetupResponse = z.object({ secret: z.string(), otpauthUri: z.string(), qrDataUrl: z.string() });

export const sessionsResponse = z.object({
  sessions: z.array(z.object({ id: z.uuid(), createdAt: z.string(), lastSeenAt: z.string(), userAgent: z.string().nullable(), current: z.boolean() })),
});

// Administration of accounts inside an organisation.
export { orgParams };
export const orgUserParams = orgParamsWith({ userId: z.uuid() });
export const createUserBody = z.strictObject({ email, displayName: text({ max: 200, min: 1, trim: true }), locale });
/** The same answer whether the address was new or already had an account (docs/security.md). */
export const createUserResponse = z.object({ id: z.uuid(), invited: z.literal(true) });
export const orgUsersResponse = z.object({
  users: z.array(z.object({
    id: z.uuid(), email: z.string(), displayName: z.string(),
    /** invited: not signed in since this organisation added them (nothing more is shown until then). */
    state: z.enum(['invited', 'active', 'disabled']), disabled: z.boolean(),
    /** This organisation owns the account: its administrators may disable it and reset its second factor. */
    home: z.boolean(),
    roles: z.array(z.enum(ROLES)),
  })),
});

export const oidcStartParams = z.strictObject({ orgCode: text({ max: 64, min: 1 }) });
export const oidcCallbackQuery = z.object({
  code: text({ max: 4096 }).optional(),
  state: text({ max: 512 }).optional(),
  error: text({ max: 200 }).optional(),
}).passthrough();
