/**
 * The organisation setting that sets the smallest count shown in statistics about it
 * (`statisticsSuppressBelow`, organisation settings). Defined here so the platform's oversight
 * helper and the organisations module's settings contract share one range and default; no
 * imports, because the web app reads the settings contract.
 */
export const SUPPRESS_BELOW = { setting: 'statisticsSuppressBelow', min: 3, max: 50, default: 5 } as const;

/** A stored value as the settings contract reads it: an integer in range, else the default. */
export function suppressBelowFrom(raw: unknown): number {
  return typeof raw === 'number' && Number.isInteger(raw) && raw >= SUPPRESS_BELOW.min && raw <= SUPPRESS_BELOW.max ? raw : SUPPRESS_BELOW.default;
}
