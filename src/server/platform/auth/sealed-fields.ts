import { registerSealedField } from '../crypto/registry.js';

// Secrets the authentication module seals (see platform/crypto): TOTP secrets and the client
// secret of an organisation's identity provider.
registerSealedField({ table: 'app_user', column: 'totp_secret', kind: 'text', purpose: 'totp' });
registerSealedField({ table: 'app_user', column: 'totp_pending_secret', kind: 'text', purpose: 'totp' });
registerSealedField({ table: 'organisation', column: 'oidc', jsonKey: 'clientSecret', kind: 'text', purpose: 'oidc' });
