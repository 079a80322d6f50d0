/**
 * Data types for the integrity-policy plan templates.
 *
 * Each template transcribes one source document (a Dutch text file in
 * `../seeds/`) as written: titles are verbatim, only PDF-extraction artefacts
 * (broken hyphenation, stray page numbers, OCR glyph errors, footnote markers)
 * are repaired. Code and comments are English; the data itself is Dutch.
 *
 * A template is a starting point for another organisation, so what only fits the source does
 * not survive adoption: the source's own name is written as the placeholder `ORG` (replaced by
 * the adopting organisation's name, see `adopt.ts`) or rewritten neutrally, and references to
 * the seed's own chapters point at the plan's sections or are dropped. Instruction text of the
 * AIG model is never content: it is guidance (`guidance.ts`), shown beside empty fields.
 */

/** Stands for the adopting organisation's name in template texts ("Ook in {organisatie} is …"). */
export const ORG = '{organisatie}';

/** The four functions of an integrity instrument in the Integrity Management Framework (IMF). */
export type ImfFunction = 'define' | 'guide' | 'monitor' | 'enforce';

export interface TemplateAction {
  title: string;
  owner?: string;
  coActors?: string[];
  timing?: string;
  means?: string;
  /** Only set where the seed makes the IMF function evident. */
  imfFunction?: ImfFunction;
  nature?: 'stimulating' | 'controlling';
}

export interface TemplateOperationalObjective {
  /** e.g. "OD 1.1", exactly as the seed numbers it. */
  code: string;
  title: string;
  description?: string;
  owner?: string;
  coActors?: string[];
  indicators?: string[];
  actions: TemplateAction[];
}

export interface TemplateStrategicObjective {
  /** e.g. "SD 1". */
  code: string;
  title: string;
  description?: string;
  operationalObjectives: TemplateOperationalObjective[];
}

export interface TemplateValue {
  name: string;
  description?: string;
}

export interface PlanTemplate {
  key: 'model' | 'federal' | 'elsene' | 'schoten' | 'carma';
  /** File name of the seed in `../seeds/`, e.g. '004_03ba6eb213bca16b.txt'. */
  seedFile: string;
  language: 'nl';
  /** The organisation as the seed names it ('' for the model). */
  entityName: string;
  title: string;
  period?: { from: number; to: number };
  ambition?: string;
  values: TemplateValue[];
  needs: string[];
  vulnerableProcesses: string[];
  /** CARMA's ten priority themes; empty elsewhere. */
  priorityThemes: string[];
  strategicObjectives: TemplateStrategicObjective[];
  actors: { name: string; role: string }[];
  /** Short section texts from the seed when present. */
  monitoring?: string;
  evaluation?: string;
  communication?: string;
}
