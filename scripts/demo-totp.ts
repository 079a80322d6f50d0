// Prints the current TOTP code of the demo accounts (demo mode only; the secret is public).
import { generate } from 'otplib';
import { DEMO_TOTP_SECRET } from './demo/load.js';

console.log(await generate({ secret: DEMO_TOTP_SECRET }));
