import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listTemplates, modelImfFunctions, modelPlanSections, planTemplates, schotenRiskAnalysisSteps } from './index.js';
import { GUIDED_FIELDS, planGuidance } from './guidance.js';
import { ORG, type PlanTemplate } from './types.js';

type Key = PlanTemplate['key'];

/**
 * How a seed is read for comparison. The same repairs that were applied while
 * transcribing are applied to the seed text here, so that every transcribed
 * string can be found verbatim in the (normalised) seed.
 */
interface SeedReading {
  /**
   * [artefact, repair] pairs, applied to the whitespace-collapsed seed text: OCR repairs, and the
   * rewrites made for adoption (the source's name as `ORG`, neutral wording, references to the
   * seed's own chapters), so the rest of each rewritten text is still checked against the seed.
   */
  corrections: [string, string][];
  /**
   * The seed is a poor OCR (words run together, diacritics garbled): compare
   * ignoring whitespace, diacritics and case.
   */
  ocr?: boolean;
  /** The seed writes SD codes differently from the template code (CARMA: "Strategische doelstelling N"). */
  sdCodeInSeed?: (code: string) => string;
  /** The seed does not number its ODs (CARMA): OD codes are assigned and not checked. */
  odCodesAssigned?: boolean;
  /** SD titles that are not in the seed, each explained in the template's comment. */
  sdTitlesNotInSeed?: string[];
}

const reading: Record<Key, SeedReading> = {
  model: {
    corrections: [['rollen enverantwoordelijkheden', 'rollen en verantwoordelijkheden']],
  },
  federal: {
    corrections: [
      ['CG/lntegrity', 'CG/Integrity'],
      ['00 9.', 'OD 9.'],
      ['integriteits management', 'integriteitsmanagement'],
      ['v1s1e', 'visie'],
      [',·--)', ', …)'],
      ['de Federale Politie', ORG],
      ['De Federale Politie', ORG],
    ],
  },
  elsene: {
    corrections: [
      ['de politiezone Brussel HOOFDSTAD Elsene', ORG],
      ['de waarden van PolBru', `de waarden van ${ORG}`],
    ],
  },
  schoten: {
    ocr: true,
    corrections: [
      ['codrdin', 'coördin'],
      ['enrefiectie', 'en reflectie'],
      ['|dentificatie', 'Identificatie'],
      // The heading of 3.1.2 is lost; its body starts mid-word.
      ['uctureel integreren', 'Structureel integreren'],
      // Adoption.
      ['PZ Schoten', ORG],
      ['een veilig Schoten', 'een veilige leefomgeving'],
      ['Op de korpslesdag van 17 september 2024 zullen we samen de waarden achter het acroniem SCHOTEN opnieuw', 'Op een korpslesdag zullen we samen onze waarden opnieuw'],
      ['zoals uiteengezet in hoofdstuk 4', 'zoals beschreven in punt 4 (Actoren) van dit plan'],
    ],
    // Lost heading of 3.1.2: the AIG model's name of the second IMF function (see schoten.ts).
    sdTitlesNotInSeed: ['Begeleiden naar integriteit'],
  },
  carma: {
    corrections: [
      // "m.o.o." (met oog op) came out of the OCR as "moo"; SD 5 doubles the "op".
      ['moo op uitbouw', 'met het oog op uitbouw'],
      ['moo ', 'met het oog op '],
      ['beleidsadvixeur', 'beleidsadviseur'],
      ['de de statutaire', 'de statutaire'],
      ['van politie CARMA', `van ${ORG}`],
      ['PZ CARMA', ORG],
    ],
    sdCodeInSeed: (code) => code.replace(/^SD /, 'Strategische doelstelling '),
    odCodesAssigned: true,
  },
};

/** Expected shape per template, counted by hand from the seeds. */
const expected: Record<
  Key,
  {
    sds: number;
    ods: number;
    odsPerSd: number[];
    actions: number;
    values: number;
    needs: number;
    vulnerableProcesses: number;
    priorityThemes: number;
  }
> = {
  model: { sds: 0, ods: 0, odsPerSd: [], actions: 0, values: 0, needs: 0, vulnerableProcesses: 0, priorityThemes: 0 },
  federal: {
    sds: 9,
    ods: 33,
    odsPerSd: [3, 4, 3, 2, 3, 5, 3, 2, 8],
    actions: 11,
    values: 6,
    needs: 3,
    vulnerableProcesses: 0,
    priorityThemes: 0,
  },
  elsene: {
    sds: 7,
    ods: 21,
    odsPerSd: [5, 3, 3, 4, 2, 2, 2],
    actions: 0,
    values: 9,
    needs: 12,
    vulnerableProcesses: 0,
    priorityThemes: 0,
  },
  schoten: {
    sds: 4,
    ods: 20,
    odsPerSd: [6, 5, 5, 4],
    actions: 46,
    values: 7,
    // The six steps of the risk analysis (2.1).
    needs: 6,
    vulnerableProcesses: 16,
    priorityThemes: 0,
  },
  carma: {
    sds: 7,
    // The "Communicatieplan" (SD 3) and "Opleidingsplan" (SD 4, SD 5) rows are notes, not ODs.
    ods: 33,
    odsPerSd: [9, 3, 4, 3, 4, 7, 3],
    actions: 0,
    values: 7,
    needs: 0,
    vulnerableProcesses: 0,
    priorityThemes: 10,
  },
};

const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** Ignore whitespace, diacritics and case (for OCR seeds). */
const fold = (s: string): string =>
  s.normalize('NFD').replace(/\p{M}/gu, '').replace(/\s+/g, '').toLowerCase();

function normaliseSeed(raw: string, r: SeedReading): string {
  let s = raw.replace(/\r\n?/g, '\n');
  // Undo hyphenation at line ends ("verant-\nwoording" -> "verantwoording"), but keep
  // a suspended hyphen before "en"/"of" ("selectie-\nen bevordering" -> "selectie- en").
  s = s.replace(/(\p{Ll})-[ \t]*\n\s*(?!(?:en|of)\s)(\p{Ll})/gu, '$1$2');
  // After a capital or digit the hyphen is real ("STARR-\nmethode", "Office365-\ntools"): keep it.
  s = s.replace(/([\p{Lu}\d])-[ \t]*\n\s*(\p{Ll})/gu, '$1-$2');
  s = collapse(s);
  for (const [from, to] of r.corrections) s = s.split(from).join(to);
  return r.ocr ? fold(s) : s;
}

const normaliseText = (t: string, r: SeedReading): string => (r.ocr ? fold(collapse(t)) : collapse(t));

function readSeed(t: PlanTemplate): string {
  return fs.readFileSync(new URL('../seeds/' + t.seedFile, import.meta.url), 'utf8');
}

const allOds = (t: PlanTemplate) => t.strategicObjectives.flatMap((sd) => sd.operationalObjectives);
const allActions = (t: PlanTemplate) => allOds(t).flatMap((od) => od.actions);

describe('plan templates', () => {
  it('has one template per key, in listTemplates() order', () => {
    const keys = listTemplates().map((t) => t.key);
    expect(keys).toEqual(['model', 'federal', 'elsene', 'schoten', 'carma']);
    for (const [key, t] of Object.entries(planTemplates)) expect(t.key).toBe(key);
    expect(new Set(listTemplates().map((t) => t.seedFile)).size).toBe(5);
  });

  for (const t of listTemplates()) {
    describe(`${t.key} (${t.seedFile})`, () => {
      const r = reading[t.key];
      const exp = expected[t.key];
      const seed = normaliseSeed(readSeed(t), r);
      const inSeed = (text: string) => seed.includes(normaliseText(text, r));
      /** Collect the strings that are missing from the seed, so a failure lists them all. */
      const missing = (texts: string[]) => texts.filter((x) => !inSeed(x));

      it('has the expected counts', () => {
        expect(t.language).toBe('nl');
        expect(t.strategicObjectives.length).toBe(exp.sds);
        expect(allOds(t).length).toBe(exp.ods);
        expect(t.strategicObjectives.map((sd) => sd.operationalObjectives.length)).toEqual(exp.odsPerSd);
        expect(allActions(t).length).toBe(exp.actions);
        expect(t.values.length).toBe(exp.values);
        expect(t.needs.length).toBe(exp.needs);
        expect(t.vulnerableProcesses.length).toBe(exp.vulnerableProcesses);
        expect(t.priorityThemes.length).toBe(exp.priorityThemes);
      });

      it('has unique SD and OD codes', () => {
        const codes = [...t.strategicObjectives.map((sd) => sd.code), ...allOds(t).map((od) => od.code)];
        expect(new Set(codes).size).toBe(codes.length);
      });

      it('takes every SD and OD title and code from the seed', () => {
        const sdTitles = t.strategicObjectives.map((sd) => sd.title).filter((x) => !r.sdTitlesNotInSeed?.includes(x));
        const odTitles = allOds(t).map((od) => od.title);
        expect(missing(sdTitles)).toEqual([]);
        expect(missing(odTitles)).toEqual([]);
        const sdCodes = t.strategicObjectives.map((sd) => (r.sdCodeInSeed ? r.sdCodeInSeed(sd.code) : sd.code));
        expect(missing(sdCodes)).toEqual([]);
        if (!r.odCodesAssigned) expect(missing(allOds(t).map((od) => od.code))).toEqual([]);
      });

      it('takes every OD owner and action from the seed', () => {
        const owners = allOds(t).flatMap((od) => (od.owner ? [od.owner] : []));
        expect(missing(owners)).toEqual([]);
        expect(missing(allActions(t).map((a) => a.title))).toEqual([]);
      });

      it('takes every value from the seed', () => {
        const lowerSeed = seed.toLowerCase();
        const names = t.values.map((v) => v.name).filter((n) => !lowerSeed.includes(normaliseText(n, r).toLowerCase()));
        expect(names).toEqual([]);
        expect(missing(t.values.flatMap((v) => (v.description ? [v.description] : [])))).toEqual([]);
      });

      it('takes needs, vulnerable processes, priority themes and ambition from the seed', () => {
        // Schoten's needs are its risk-analysis steps, "Stap N. Title: description.".
        expect(missing(t.needs.map((n) => n.replace(/^Stap \d\. [^:]+: /, '').replace(/\.$/, '')))).toEqual([]);
        expect(missing(t.vulnerableProcesses)).toEqual([]);
        expect(missing(t.priorityThemes)).toEqual([]);
        if (t.ambition) expect(missing([t.ambition])).toEqual([]);
      });
    });
  }

  describe('model skeleton', () => {
    const r = reading.model;
    const seed = normaliseSeed(readSeed(planTemplates.model), r);
    const inSeed = (text: string) => seed.includes(normaliseText(text, r));

    it('has the seven sections of the AIG model, verbatim', () => {
      expect(modelPlanSections.map((s) => s.number)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
      const all = modelPlanSections.flatMap((s) => [s, ...(s.subsections ?? [])]);
      expect(all.filter((s) => !inSeed(`${s.number}${s.number.includes('.') ? '' : '.'} ${s.title}`))).toEqual([]);
      expect(all.flatMap((s) => s.guidance).filter((g) => !inSeed(g))).toEqual([]);
    });

    it('gives the model\'s guidance per field, in Dutch verbatim and in French and German', () => {
      const catalog = JSON.parse(fs.readFileSync(new URL('../../../../../locales/translations/plan-templates.json', import.meta.url), 'utf8')) as Record<string, Record<'nl' | 'fr' | 'de', string>>;
      expect(Object.keys(planGuidance).sort()).toEqual([...GUIDED_FIELDS].sort());
      const descriptors = GUIDED_FIELDS.flatMap((f) => planGuidance[f]);
      for (const d of descriptors) {
        expect(catalog[d.id], d.id).toBeDefined();
        for (const l of ['nl', 'fr', 'de'] as const) expect(catalog[d.id][l]?.trim(), `${d.id} ${l}`).toBeTruthy();
      }
      // Every instruction of the model is guidance of exactly one field, in the model's words (a
      // sentence that introduces 2.1 and 2.2 with a colon ends with a full stop on its own).
      const dutch = descriptors.map((d) => catalog[d.id].nl.replace(/\.$/, ''));
      const modelGuidance = modelPlanSections.flatMap((x) => [x, ...(x.subsections ?? [])]).flatMap((x) => x.guidance).map((g) => g.replace(/[.:]$/, ''));
      expect([...dutch].sort()).toEqual([...modelGuidance].sort());
      expect(dutch.filter((g) => !inSeed(g))).toEqual([]);
    });

    it('has the four IMF functions with their instruments', () => {
      expect(modelImfFunctions.map((f) => f.imfFunction)).toEqual(['define', 'guide', 'monitor', 'enforce']);
      const texts = modelImfFunctions.flatMap((f) => [f.title, ...f.instruments]);
      expect(texts.filter((x) => !inSeed(x))).toEqual([]);
    });
  });

  describe('schoten risk analysis', () => {
    it('has the six steps of the seed', () => {
      const r = reading.schoten;
      const seed = normaliseSeed(readSeed(planTemplates.schoten), r);
      expect(schotenRiskAnalysisSteps.map((s) => s.step)).toEqual([1, 2, 3, 4, 5, 6]);
      const texts = schotenRiskAnalysisSteps.flatMap((s) => [s.title, s.description]);
      expect(texts.filter((x) => !seed.includes(normaliseText(x, r)))).toEqual([]);
    });
  });
});
