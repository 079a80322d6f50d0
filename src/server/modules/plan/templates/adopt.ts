import { ORG, type PlanTemplate } from './types.js';

/** Used when the adopting organisation has no name in any language (it always has one in practice). */
const UNNAMED = 'de organisatie';

/** A template text as the adopting organisation reads it: the `ORG` placeholder becomes its name. */
export function adoptText(text: string, entityName: string): string {
  return text.split(ORG).join(entityName.trim() || UNNAMED);
}

function adoptValue<T>(value: T, entityName: string): T {
  if (typeof value === 'string') return adoptText(value, entityName) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => adoptValue(v, entityName)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, adoptValue(v, entityName)])) as T;
  }
  return value;
}

/**
 * A copy of the template for one organisation: every text (sections, objectives, actions, owners,
 * timings) with the placeholder replaced. The template's own identity (key, seed file, source
 * name and title) is kept as it is: it says where the plan came from, it is not plan content.
 */
export function adoptTemplate(t: PlanTemplate, entityName: string): PlanTemplate {
  const { key, seedFile, entityName: source, title, ...content } = t;
  return { key, seedFile, entityName: source, title, ...adoptValue(content, entityName) };
}
