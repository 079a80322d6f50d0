import type { Theme } from './contract.js';

/**
 * What a new desk starts from (the coordinator edits it in the settings): the themes and the answer
 * templates. Data, not catalog texts: the organisation changes them.
 */
type InFour = readonly [nl: string, fr: string, de: string, en: string];
const inFour = ([nl, fr, de, en]: InFour) => ({ nl, fr, de, en });

const THEMES: readonly [string, InFour][] = [
  ['behaviour', ['Houding en gedrag', 'Attitude et comportement', 'Haltung und Verhalten', 'Behaviour and attitude']],
  ['use_of_force', ['Gebruik van geweld', 'Usage de la force', 'Gewaltanwendung', 'Use of force']],
  ['failure_to_act', ['Niet-optreden', "Absence d'intervention", 'Nichttätigwerden', 'Failure to act']],
  ['arrest', ['Aanhouding en vrijheidsberoving', 'Arrestation et privation de liberté', 'Festnahme und Freiheitsentzug', 'Arrest and detention']],
  ['traffic', ['Verkeer', 'Circulation', 'Verkehr', 'Traffic']],
  ['privacy', ['Privacy en gegevens', 'Vie privée et données', 'Privatsphäre und Daten', 'Privacy and data']],
  ['discrimination', ['Discriminatie', 'Discrimination', 'Diskriminierung', 'Discrimination']],
  ['handling_of_complaint', ['Behandeling van een eerdere klacht', "Traitement d'une plainte antérieure", 'Bearbeitung einer früheren Beschwerde', 'Handling of an earlier complaint']],
  ['other', ['Andere', 'Autre', 'Sonstiges', 'Other']],
];

export const defaultThemes = (): Theme[] => THEMES.map(([id, label]) => ({ id, label: inFour(label), active: true }));

/** Placeholders: {reference}, {receivedOn}, {decision}. */
export const DEFAULT_ANSWER_TEMPLATES: Record<string, string> = inFour([
  'Geachte,\n\nOp {receivedOn} ontvingen wij uw klacht met referentie {reference}. Wij hebben ze onderzocht.\n\nOnze beslissing: de klacht is {decision}.\n\n[Toelichting]\n\nMet vriendelijke groeten,',
  "Madame, Monsieur,\n\nLe {receivedOn}, nous avons reçu votre plainte portant la référence {reference}. Nous l'avons examinée.\n\nNotre décision : la plainte est {decision}.\n\n[Explication]\n\nVeuillez agréer nos salutations distinguées,",
  'Sehr geehrte Damen und Herren,\n\nam {receivedOn} haben wir Ihre Beschwerde mit dem Aktenzeichen {reference} erhalten. Wir haben sie geprüft.\n\nUnsere Entscheidung: Die Beschwerde ist {decision}.\n\n[Begründung]\n\nMit freundlichen Grüßen',
  'Dear Sir or Madam,\n\nOn {receivedOn} we received your complaint with reference {reference}. We have looked into it.\n\nOur decision: the complaint is {decision}.\n\n[Explanation]\n\nYours sincerely,',
]);

export const DEFAULT_TRIAGE_DAYS = 14;
