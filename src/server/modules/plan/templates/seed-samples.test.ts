import { describe, expect, it } from 'vitest';
import { adoptTemplate, planTemplates } from './index.js';
import type { ImfFunction, PlanTemplate } from './types.js';

/**
 * Each template against its seed, with the figures and titles written out here by hand (counted and
 * copied from the seed, chapter named beside each), so the check does not depend on how
 * `templates.test.ts` reads the seed files. Titles are compared as an adopting organisation gets them:
 * the source's name replaced, OCR artefacts repaired.
 */

const ENTITY = 'Politiezone Testdorp';

interface Expected {
  /** Strategic objectives, operational objectives per SD, actions per SD. */
  odsPerSd: number[];
  actionsPerSd: number[];
  /** [code, title] of objectives, exactly as the plan gets them. */
  objectives: [string, string][];
  /** Action titles (any objective). */
  actions?: string[];
  /** Actions per IMF function, where the template carries it. */
  imf?: Partial<Record<ImfFunction | 'none', number>>;
}

const expected: Record<PlanTemplate['key'], Expected> = {
  // 001: "Model van Integriteitsbeleidsplan o.b.v. IMF" — seven headings with instructions, no SD, OD or action.
  model: { odsPerSd: [], actionsPerSd: [], objectives: [] },
  // 000: permanent note of the Commissaris-generaal, "Strategische doelstellingen" SD 1–9 with OD 1.1–9.8
  // (OD 9.5–9.8 printed "00 9.5" … by the OCR); actions are the bullets under OD 1.3, 3.1 (CORESPO), 8.2 and 9.8.
  federal: {
    odsPerSd: [3, 4, 3, 2, 3, 5, 3, 2, 8],
    actionsPerSd: [2, 0, 4, 0, 0, 0, 0, 3, 2],
    objectives: [
      ['SD 1', "Uitwerken van een permanente beeldvorming van kwetsbare functies en processen en van integriteitsrisico's en dilemma's"],
      ['SD 6', 'Uitbouw van een klantgericht klachtenbeheer'],
      // Seed: "… van de Federale Politie".
      ['OD 1.1', `De uitvoering van een risicoanalyse op de kernopdrachten (functionaliteiten) van ${ENTITY}`],
      ['OD 9.4', `${ENTITY} vertegenwoordigen bij de externe partners in deze materie`],
      ['OD 9.5', 'Een databank met "goede praktijken" ontwikkelen'],
    ],
    actions: ['de jaarlijks rapportering aan het Directiecomité', 'oplossingen vertaald worden in een integriteitsmanagementplan'],
  },
  // 002: Elsene, chapter "Strategische en operationele doelstellingen": S.D. 1–7 with O.D. 1.1–7.2; the actions
  // are left to a separate "Actieplan Integriteit".
  elsene: {
    odsPerSd: [5, 3, 3, 4, 2, 2, 2],
    actionsPerSd: [0, 0, 0, 0, 0, 0, 0],
    objectives: [
      ['S.D. 5', 'Reageren op en ombuigen van niet-integer gedrag door te voorzien in aangepaste en consequente reacties en oplossingen'],
      ['O.D. 1.2', 'Een management toolbox creëren ter ondersteuning bij coaching, leiding geven en leidinggevende taken'],
      ['O.D. 4.4', 'Integriteitsnetwerk oprichten (intrazonaal)'],
      ['O.D. 6.1', 'Klachtenprocedure overzichtelijker en toegankelijker maken voor de burger'],
    ],
  },
  // 003: Schoten, chapter 3.1 "Strategische en operationele doelstellingen": 3.1.1–3.1.4 with 3.1.x.y; the
  // actions are the bullets or "zullen"/"wordt" statements of each 3.1.x.y (3.1.2: 7 + 7 + 7 + 6 + 2).
  schoten: {
    odsPerSd: [6, 5, 5, 4],
    actionsPerSd: [6, 29, 5, 6],
    objectives: [
      ['3.1.1', 'Bepalen en definiëren van integriteit'],
      // Heading lost in the OCR; the second IMF function (see schoten.ts).
      ['3.1.2', 'Begeleiden naar integriteit'],
      ['3.1.2.2', 'Leiderschap en cultuur'],
      ['3.1.3.2', 'Implementatie van het dashboard integriteitsbeleid'],
      ['3.1.4.3', 'Procedure voor ernstige schendingen'],
    ],
    actions: [
      'Aangrijpen van fouten om eruit te leren en volgende keer beter te doen',
      // Seed: "… van PZ Schoten worden geïllustreerd …".
      `Het imago en de reputatie van ${ENTITY} worden geïllustreerd door een uniforme huisstijl en aandacht voor het persoonlijk voorkomen en gedrag`,
      // Seed: "… zoals uiteengezet in hoofdstuk 4, …".
      'Structuur voor integriteit: De bestaande structuren voor integriteit met alle actoren en hun verantwoordelijkheden zoals beschreven in punt 4 (Actoren) van dit plan, worden gewaarborgd en verder versterkt',
    ],
    // 3.1.1 define, 3.1.2 guide, 3.1.3 monitor, 3.1.4 enforce: every action carries its function.
    imf: { define: 6, guide: 29, monitor: 5, enforce: 6, none: 0 },
  },
  // 004: CARMA, the "OPERATIONELE DOELSTELLINGEN | ACTOR" table of each "Strategische doelstelling 1–7"; the
  // rows after "Communicatieplan" (SD 3) and "Opleidingsplan" (SD 4, SD 5) are notes, not objectives.
  carma: {
    odsPerSd: [9, 3, 4, 3, 4, 7, 3],
    actionsPerSd: [0, 0, 0, 0, 0, 0, 0],
    objectives: [
      // Seed: "… evaluatiesysteem moo gebruik …" ("m.o.o.", met oog op).
      ['SD 7', 'Uitbouw van een klantgericht klachtenbeheer en optimaliseren van de toepassing van het evaluatiesysteem met het oog op gebruik van de tuchtprocedure als uiterste middel'],
      ['OD 1.9', 'Structurele feedback ook intern aan medewerkers voorzien met het oog op transparante communicatie'],
      ['OD 2.3', 'Alle feiten van weerspannigheid vanuit tactisch oogpunt evalueren'],
      ['OD 3.4', 'Uitwerken van campagne om voorbeelden in de kijker te zetten'],
      ['OD 5.4', 'Opleidingen & Stimuleren gebruik bodycams'],
    ],
  },
};

for (const [key, exp] of Object.entries(expected) as [PlanTemplate['key'], Expected][]) {
  describe(`template ${key} against its seed`, () => {
    const t = adoptTemplate(planTemplates[key], ENTITY);
    const sds = t.strategicObjectives;
    const ods = sds.flatMap((sd) => sd.operationalObjectives);
    const actions = ods.flatMap((od) => od.actions);

    it('has the seed\'s number of objectives and actions', () => {
      expect(sds.length).toBe(exp.odsPerSd.length);
      expect(sds.map((sd) => sd.operationalObjectives.length)).toEqual(exp.odsPerSd);
      expect(sds.map((sd) => sd.operationalObjectives.reduce((n, od) => n + od.actions.length, 0))).toEqual(exp.actionsPerSd);
    });

    it('has the sampled titles', () => {
      const byCode = new Map([...sds, ...ods].map((o) => [o.code, o.title]));
      for (const [code, title] of exp.objectives) expect(byCode.get(code), code).toBe(title);
      const titles = new Set(actions.map((a) => a.title));
      for (const title of exp.actions ?? []) expect(titles.has(title), title).toBe(true);
    });

    if (exp.imf) {
      it('carries the IMF function of its actions', () => {
        const count = (fn: ImfFunction | 'none') => actions.filter((a) => (a.imfFunction ?? 'none') === fn).length;
        for (const [fn, n] of Object.entries(exp.imf!)) expect(count(fn as ImfFunction | 'none'), fn).toBe(n);
      });
    }
  });
}

describe('template fixes', () => {
  it('Schoten: the needs are the six steps of the risk analysis (chapter 2.1)', () => {
    const needs = adoptTemplate(planTemplates.schoten, ENTITY).needs;
    expect(needs.map((n) => n.slice(0, n.indexOf(':')))).toEqual([
      'Stap 1. Voorbereiding',
      'Stap 2. Identificatie van kritieke processen en functies',
      'Stap 3. Analyse van ethische dilemma’s',
      'Stap 4. Stakeholderconsultatie',
      'Stap 5. Evaluatie van huidige maatregelen',
      'Stap 6. Formuleren van beleidsaanbevelingen',
    ]);
  });

  it('CARMA: "moo" is gone from every title, the notes are in their SD\'s description', () => {
    const t = planTemplates.carma;
    const all = t.strategicObjectives.flatMap((sd) => [sd, ...sd.operationalObjectives]);
    expect(all.filter((o) => /\bmoo\b/.test(o.title + (o.description ?? ''))).map((o) => o.code)).toEqual([]);
    const titles = all.map((o) => o.title);
    expect(titles.filter((x) => /^(Communicatieplan|Opleidingsplan)|beleidsplan 23-27/.test(x))).toEqual([]);
    const description = (code: string) => t.strategicObjectives.find((sd) => sd.code === code)?.description ?? '';
    expect(description('SD 3')).toMatch(/^Communicatieplan: /);
    expect(description('SD 4')).toMatch(/^Opleidingsplan: /);
    expect(description('SD 5')).toMatch(/^Opleidingsplan: .*\(actor: HR\)\.$/);
  });

  it('no template text refers to a chapter of its seed', () => {
    for (const t of Object.values(planTemplates)) {
      const texts = JSON.stringify(adoptTemplate(t, ENTITY).strategicObjectives);
      expect(texts, t.key).not.toMatch(/hoofdstuk \d|Op de pagina met/);
    }
  });
});
