/**
 * Guidance of the AIG model plan (seed 001, "Model van Integriteitsbeleidsplan o.b.v. IMF"): the
 * instructions under each of its seven headings ("Bepaal …", "Geef aan …"). They tell the writer
 * what a field should hold; they are never plan content, so they are not stored in a plan and not
 * exported. The web shows them beside an empty field and collapses them once it is filled.
 *
 * They apply to every plan, whatever template it started from: every plan has the seven sections
 * of the AIG model. They are catalog entries (the web imports this file, as it imports the section
 * headings), so they follow the reader's language: the Dutch entries are the model's own words
 * (checked against the seed in `templates.test.ts`); French, German and English are our
 * translations, not texts published by the AIG.
 */

interface Descriptor { id: string; message: string }

/** The plan fields the model gives guidance for: the section texts, plus objectives and actions. */
export const GUIDED_FIELDS = [
  'identification', 'values', 'needs', 'vulnerableProcesses', 'ambition', 'objectives', 'instruments',
  'actors', 'monitoring', 'evaluationPlanning', 'communication',
] as const;
export type GuidedField = (typeof GUIDED_FIELDS)[number];

export const planGuidance: Record<GuidedField, Descriptor[]> = {
  // 1. Identificatie van de entiteit
  identification: [
    /*i18n*/ { id: 'plan.guidance.identification.1', message: 'State which entity and which period the integrity policy plan covers, and the surname, first name and rank or level of the competent mandate holder / person ultimately responsible for integrity.' },
  ],
  // 2. Meerjarige ambitie, visie en doelstellingen: its first four instructions, one per field.
  values: [
    /*i18n*/ { id: 'plan.guidance.values.1', message: 'Map the core values, codes, norms and/or rules that are central to the day-to-day working of the organisation.' },
  ],
  needs: [
    /*i18n*/ { id: 'plan.guidance.needs.1', message: 'Determine the specific needs.' },
  ],
  vulnerableProcesses: [
    /*i18n*/ { id: 'plan.guidance.vulnerable_processes.1', message: 'Identify the processes and functions that are vulnerable to integrity violations and assess to what extent the organisation is protected against them (both sophisticated and demanding techniques and approaches and simple "common sense" analyses can be used for this).' },
  ],
  // 2.1 Strategische doelstellingen
  ambition: [
    /*i18n*/ { id: 'plan.guidance.ambition.1', message: 'Determine the multi-year ambition, vision and objectives with regard to the needs retained (adapted to the mission, vision, core values and norms of the organisation).' },
  ],
  // The fourth instruction of 2, then 2.2 Operationele doelstellingen.
  objectives: [
    /*i18n*/ { id: 'plan.guidance.objectives.1', message: 'On this basis and on an assessment of priorities, formulate recommendations so that the organisation can better protect itself against integrity violations.' },
    /*i18n*/ { id: 'plan.guidance.objectives.2', message: 'State, per strategic objective, how the core values and norms of the entity are to be carried out in practice and what the needs and expectations are regarding the desired behaviour and/or the intended result (e.g. a 10 % fall in complaints about misuse of databases, …).' },
    /*i18n*/ { id: 'plan.guidance.objectives.3', message: 'The more clearly and measurably the result to be achieved is described, the more easily the evaluation (see point 6 below) can show the results achieved.' },
  ],
  // 3. Instrumenten en acties
  instruments: [
    /*i18n*/ { id: 'plan.guidance.instruments.1', message: 'Determine, per objective, the specific instruments, actions and processes that will actually be used or undertaken and, where applicable, state which means (e.g. time, budget) are needed or must be provided for the intended initiatives and actions.' },
    /*i18n*/ { id: 'plan.guidance.instruments.2', message: 'Ensure a healthy mix of stimulating and controlling initiatives.' },
    /*i18n*/ { id: 'plan.guidance.instruments.3', message: 'Pay attention both to core instruments, processes and actors and to complementary instruments, processes and actors.' },
    /*i18n*/ { id: 'plan.guidance.instruments.4', message: 'Focus on education and training, induction and mentoring, coaching and advice.' },
  ],
  // 4. Actoren
  actors: [
    /*i18n*/ { id: 'plan.guidance.actors.1', message: 'Designate, per objective, the actors and set out their roles and responsibilities.' },
    /*i18n*/ { id: 'plan.guidance.actors.2', message: 'Explain which (formal) responses follow, where applicable, a breach of the rules, norms and values, and determine the role of managers (both senior and middle management) in this.' },
  ],
  // 5. Monitoring
  monitoring: [
    /*i18n*/ { id: 'plan.guidance.monitoring.1', message: 'State, per objective, how and by whom the behaviour of staff will be monitored.' },
    /*i18n*/ { id: 'plan.guidance.monitoring.2', message: 'Both active and passive monitoring can be used for this.' },
  ],
  // 6. Evaluatie en rapportage
  evaluationPlanning: [
    /*i18n*/ { id: 'plan.guidance.evaluation.1', message: 'Explain by whom and how initiatives, progress and results will be followed up.' },
    /*i18n*/ { id: 'plan.guidance.evaluation.2', message: 'Provide, per objective, a clear schedule (how, who, what, when) for the periodic evaluation (e.g. yearly or half-yearly) of the chosen instruments and actions and of any adjustments in one or more areas of attention.' },
  ],
  // 7. Communicatie
  communication: [
    /*i18n*/ { id: 'plan.guidance.communication.1', message: 'Determine how communication will take place, both internally and externally, about integrity, about actions and about possible responses and sanctions.' },
    /*i18n*/ { id: 'plan.guidance.communication.2', message: 'In doing so, do not lose sight of respect for the law (among other things the secrecy of investigations and the right to respect for privacy).' },
  ],
};
