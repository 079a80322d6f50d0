import { z } from 'zod';

/**
 * The one string type of every request contract (bodies, query strings, path parameters).
 *
 * PostgreSQL refuses NUL in text (a 500 when it got that far), and other control characters
 * in a name, title or search term are invisible on screen yet end up in CSV, Word and PDF
 * exports, mails and log lines. Lone UTF-16 surrogates cannot be encoded as UTF-8 at all.
 * So the edge refuses them with a 400 that names the field:
 * - single-line fields: every C0 and C1 control character, line breaks and tabs included;
 * - multi-line fields (text areas): the same, except line feed, carriage return and tab.
 */
export const CONTROL_CHARACTERS_MESSAGE = 'field.control_characters';

/** True when `s` holds a character a field of this kind must not carry (see above). */
export function hasForbiddenCharacters(s: string, multiline = false): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20) {
      if (multiline && (c === 0x09 || c === 0x0a || c === 0x0d)) continue;
      return true;
    }
    if (c < 0x7f) continue;
    if (c <= 0x9f) return true; // DEL and the C1 controls
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) { i++; continue; }
      return true;
    }
    if (c >= 0xdc00 && c <= 0xdfff) return true;
  }
  return false;
}

export interface TextOptions {
  /** Upper bound in UTF-16 code units; every string of a contract is bounded. */
  max: number;
  min?: number;
  /** Text areas: line breaks and tabs allowed. */
  multiline?: boolean;
  /** Strip surrounding white space before the length checks. */
  trim?: boolean;
}

/**
 * A bounded string without control characters. Returns a plain `z.string()` schema, so a
 * contract can go on with `.regex()`, `.toLowerCase()`, `.pipe()`, `.optional()` and so on.
 */
export function text({ max, min, multiline = false, trim = false }: TextOptions) {
  // Checked first and aborting: a NUL should not also be reported as "too long".
  let s = z.string().refine((v) => !hasForbiddenCharacters(v, multiline), { message: CONTROL_CHARACTERS_MESSAGE, abort: true });
  if (trim) s = s.trim();
  if (min !== undefined) s = s.min(min);
  return s.max(max);
}
