import { z } from 'zod';
import { text } from '../../../shared/text.js';
import { LOCALES, ORGANISATION_KINDS } from '../../../shared/roles.js';
import { orgParams, orgParamsWith } from '../../platform/http/params.js';
import { SUPPRESS_BELOW } from '../../platform/oversight/threshold.js';

export { orgParams };
export const uuidParam = z.uuid();
export const unitParams = orgParamsWith({ unitId: z.uuid() });

const locale = z.enum(LOCALES);
const trimmed = (max: number) => text({ max, min: 1, trim: true });

/** Official names per language; at least one. */
export const localisedNames = z
  .strictObject({ nl: trimmed(200).optional(), fr: trimmed(200).optional(), de: trimmed(200).optional(), en: trimmed(200).optional() })
  .refine((n) => Object.values(n).some(Boolean), { message: 'org.names_required' });

/** A free text in up to four languages (welcome text, integrity charter). */
const localisedText = z.strictObject({
  nl: text({ max: 20_000, multiline: true }).optional(),
  fr: text({ max: 20_000, multiline: true }).optional(),
  de: text({ max: 20_000, multiline: true }).optional(),
  en: text({ max: 20_000, multiline: true }).optional(),
});

export const workingLanguages = z
  .array(locale)
  .min(1)
  .max(LOCALES.length)
  .refine((l) => new Set(l).size === l.length, { message: 'org.languages_duplicate' });

const int = (min: number, max: number) => z.number().int().min(min).max(max);

/**
 * Settings of an organisation that the other modules read through getOrganisationSettings().
 * Stored as jsonb; a missing key takes its default, so adding a setting needs no migration.
 * Ranges are legal or sensible bounds (the law of 8 December 2022 caps acknowledgement at
 * 7 days and feedback at 3 months, so an organisation may be stricter but never laxer).
 */
const settingsFields = {
  complaintAcknowledgeDays: int(1, 60),
  complaintResolveDays: int(1, 365),
  reportAcknowledgeDays: int(1, 7),
  reportFeedbackMonths: int(1, 3),
  /** Counts below this are never shown in statistics for oversight or staff (re-identification; platform/oversight). */
  statisticsSuppressBelow: int(SUPPRESS_BELOW.min, SUPPRESS_BELOW.max),
  sideActivityAdviceDays: int(1, 90),
  giftDeclarationThresholdEur: int(0, 1000),
  reminderDaysBeforeDue: int(0, 90),
  monthlyListingDay: int(1, 28),
  welcomeText: localisedText,
  integrityCharterText: localisedText,
  /** How citizens and reporters reach the organisation, on its public page /p/<code> (public). */
  publicContactText: localisedText,
};

export const organisationSettings = z.strictObject(settingsFields);
export type OrganisationSettings = z.infer<typeof organisationSettings>;

export const DEFAULT_SETTINGS: OrganisationSettings = {
  complaintAcknowledgeDays: 7,
  complaintResolveDays: 90,
  reportAcknowledgeDays: 7,
  reportFeedbackMonths: 3,
  statisticsSuppressBelow: SUPPRESS_BELOW.default,
  sideActivityAdviceDays: 45,
  giftDeclarationThresholdEur: 25,
  reminderDaysBeforeDue: 14,
  monthlyListingDay: 1,
  welcomeText: {},
  integrityCharterText: {},
  publicContactText: {},
};

/** Stored settings with defaults for missing or no longer valid keys: readers never fail on old data. */
export function parseSettings(raw: unknown): OrganisationSettings {
  const src = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(settingsFields)) {
    const r = (schema as z.ZodType).safeParse(src[key]);
    out[key] = r.success ? r.data : DEFAULT_SETTINGS[key as keyof OrganisationSettings];
  }
  return out as OrganisationSettings;
}

/**
 * What a PUT may change in the settings: any subset, merged over the current values. The complaint
 * lead times are not among them: the complaints desk's settings edit them (complaints/settings.ts),
 * under that page's revision, so two screens never overwrite each other's targets.
 */
const { complaintAcknowledgeDays: _ack, complaintResolveDays: _resolve, ...patchable } = settingsFields;
export const organisationSettingsPatch = z.strictObject(patchable).partial();

export const organisationKind = z.enum(ORGANISATION_KINDS);

export const organisationView = z.object({
  id: z.uuid(),
  code: z.string(),
  kind: organisationKind,
  names: z.object({ nl: z.string().optional(), fr: z.string().optional(), de: z.string().optional(), en: z.string().optional() }),
  languages: z.array(locale),
  parentId: z.uuid().nullable(),
  settings: organisationSettings,
  /** Edit revision of names, languages and settings: sent back as If-Match on PUT (ADR 0011). */
  revision: z.number().int(),
});
export type OrganisationView = z.infer<typeof organisationView>;

export const updateOrganisationBody = z
  .strictObject({ names: localisedNames.optional(), languages: workingLanguages.optional(), settings: organisationSettingsPatch.optional() })
  .refine((b) => b.names !== undefined || b.languages !== undefined || b.settings !== undefined, { message: 'org.nothing_to_update' });

export const orgCode = trimmed(40).regex(/^[A-Za-z0-9][A-Za-z0-9 ./_-]*$/);

export const createOrganisationBody = z.strictObject({
  code: orgCode,
  kind: organisationKind,
  names: localisedNames,
  languages: workingLanguages.default(['nl']),
  parentId: z.uuid().nullable().optional(),
});

export const organisationTreeItem = organisationView.omit({ settings: true, revision: true }).extend({ depth: z.number().int() });
export const organisationTree = z.object({ items: z.array(organisationTreeItem) });

// Units ------------------------------------------------------------------------------------

export const unitCode = trimmed(30).regex(/^[A-Za-z0-9][A-Za-z0-9./_-]*$/);

export const unitView = z.object({ id: z.uuid(), code: z.string(), name: z.string(), parentId: z.uuid().nullable(), revision: z.number().int() });
export type UnitView = z.infer<typeof unitView>;
export const unitList = z.object({ items: z.array(unitView) });

export const createUnitBody = z.strictObject({ code: unitCode, name: trimmed(200), parentId: z.uuid().nullable().optional() });
export const updateUnitBody = z
  .strictObject({ code: unitCode.optional(), name: trimmed(200).optional(), parentId: z.uuid().nullable().optional() })
  .refine((b) => Object.keys(b).length > 0, { message: 'org.nothing_to_update' });

// Oversight --------------------------------------------------------------------------------

export const oversightOrganisation = z.object({
  id: z.uuid(),
  code: z.string(),
  kind: organisationKind,
  names: organisationView.shape.names,
  parentId: z.uuid().nullable(),
  /** Active staff; null when below the organisation's suppression threshold. */
  headcount: z.number().int().nullable(),
  suppressed: z.boolean(),
});
export const oversightOrganisations = z.object({
  items: z.array(oversightOrganisation),
  /** Each organisation's threshold: a suppressed headcount reads "< n" (n from the organisation's settings). */
  suppressBelow: z.record(z.uuid(), z.number().int()),
});

// Public page ------------------------------------------------------------------------------

/** GET /api/public/orgs/:orgCode — what the organisation's public landing page shows (no sign-in). */
export const publicOrganisationView = z.object({
  code: z.string(),
  names: z.partialRecord(locale, z.string()),
  languages: z.array(locale),
  contactText: z.partialRecord(locale, z.string()),
  services: z.array(z.object({ id: z.string() })),
});
export type PublicOrganisationView = z.infer<typeof publicOrganisationView>;
