import { describe, expect, it } from 'vitest';
import { catalogueEntry, riskCatalogue } from './catalogue.js';

/** Schoten's 16 priority processes, as the plan (§3.1.1.4) lists them, in its order. */
const SCHOTEN_TITLES = [
  'Rekrutering, selectie en aanwerving van medewerkers',
  'Aanwending van middelen (budget en materiaal)',
  'Behandeling van aangehouden personen',
  'Beheer van inbeslaggenomen overtuigingsstukken',
  'Consultatie van gegevensbanken',
  'Ontvangen van geschenken',
  'Uitoefening van bijkomende beroepsactiviteiten',
  'Opvolging van het gebruik van materiaal',
  'Opvolging van het gebruik van voertuigen',
  'Opvolging van de veroorzaakte schadegevallen',
  'Opvolging van het gebruik van tankkaarten',
  'Opvolging van het gebruik van simkaarten voor telefonie- en dataverkeer',
  'Opvolging van arbeidsprestaties en inconveniënten',
  'Opvolging van het gebruik van de ter beschikking gestelde ICT-toestellen',
  'Opvolging van de kennisgevingen van nevenactiviteiten',
  'Functiescheiding bij aankoop van middelen',
];

describe('risk catalogue', () => {
  it("holds Schoten's 16 priority processes with the plan's titles, in its order", () => {
    const schoten = riskCatalogue.filter((e) => e.source === 'schoten');
    expect(schoten.map((e) => e.name.nl)).toEqual(SCHOTEN_TITLES);
    expect(schoten.every((e) => e.kind === 'process' && e.code.startsWith('schoten.'))).toBe(true);
  });

  it('holds the federal vulnerable functions and the processes of the inspectorate’s model', () => {
    const federal = riskCatalogue.filter((e) => e.source === 'federal');
    expect(federal.every((e) => e.code.startsWith('federal.'))).toBe(true);
    for (const code of ['federal.specialised_operational_functions', 'federal.purchasing_procedures', 'federal.community_interactions', 'federal.evidence_handling', 'federal.internal_investigations']) {
      expect(catalogueEntry(code), code).toBeDefined();
    }
    expect(federal.some((e) => e.kind === 'function')).toBe(true);
  });

  it('has unique, well-formed codes', () => {
    const codes = riskCatalogue.map((e) => e.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes) expect(c).toMatch(/^(schoten|federal)\.[a-z][a-z_]*$/);
  });

  it('names and describes every entry in four languages, without OCR joins or double spaces', () => {
    for (const e of riskCatalogue) {
      for (const field of [e.name, e.description]) {
        for (const lang of ['nl', 'fr', 'de', 'en'] as const) {
          const v = field[lang];
          expect(v.trim().length, `${e.code} ${lang}`).toBeGreaterThan(2);
          expect(v, `${e.code} ${lang}`).toBe(v.trim());
          expect(v, `${e.code} ${lang}`).not.toMatch(/\s{2}/);
        }
      }
      // A description says more than the name; translations are not copies of the Dutch.
      expect(e.description.nl.length).toBeGreaterThan(e.name.nl.length);
      expect(e.description.fr).not.toBe(e.description.nl);
      expect(e.description.de).not.toBe(e.description.nl);
    }
  });
});
