import { z } from 'zod';
import { text } from '../../../../shared/text.js';

/** Building blocks of the plan's request schemas; internal to contract/ (contract.ts does not re-export them). */

// Building blocks ----------------------------------------------------------------------------

/** Strings come from the shared text type: no control characters; text areas keep line breaks. */
export const line = (max: number) => text({ max, min: 1, trim: true });
export const longText = text({ max: 50_000, multiline: true });
export const optText = (max: number, multiline = false) => text({ max, multiline }).nullable().optional();
export const isoDate = z.iso.date();
export const year = z.number().int().min(2000).max(2100);
/** Amounts and indicator values: finite, bounded, at most 2 decimals are kept by the database. */
export const amount = z.number().finite().min(-1e12).max(1e12);
