import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';

/** TOTP per RFC 6238 (30 s, 6 digits, SHA-1: what every authenticator app supports). */
export const TOTP_ISSUER = 'Kompas';

export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

export async function totpEnrolment(secret: string, label: string): Promise<{ otpauthUri: string; qrDataUrl: string }> {
  const otpauthUri = generateURI({ issuer: TOTP_ISSUER, label, secret });
  const qrDataUrl = await QRCode.toDataURL(otpauthUri, { errorCorrectionLevel: 'M', margin: 2, width: 240 });
  return { otpauthUri, qrDataUrl };
}

/**
 * The time step the code belongs to, or null when it is wrong. One step of clock drift is
 * accepted either way; the caller refuses a step that was already used (replay).
 */
export async function totpStep(secret: string, code: string, afterStep?: number | null): Promise<number | null> {
  try {
    const r = await verify({ secret, token: code, epochTolerance: 30, ...(afterStep != null ? { afterTimeStep: afterStep } : {}) });
    return r.valid && 'timeStep' in r ? r.timeStep : null;
  } catch {
    return null; // malformed secret or token
  }
}
