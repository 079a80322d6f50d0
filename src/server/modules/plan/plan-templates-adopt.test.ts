import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, createTestApp, createUser, sessionFor, type Session, type TestApp } from '../../../test/app.js';
import type { ObjectiveNode, PlanTree } from './contract.js';
import { docxText, YEAR } from './plan.testkit.js';
import { listTemplates, modelPlanSections } from './templates/index.js';
import type { PlanTemplate } from './templates/types.js';

/**
 * A plan made from a template belongs to the organisation that adopts it: no other organisation's
 * name survives in it, and the AIG model's instructions are guidance, never plan content.
 */

const ENTITY = 'Politiezone Testdorp';

/** The names each seed gives its own organisation (and the partners only it has), as they could survive. */
const sourceNames: Record<PlanTemplate['key'], string[]> = {
  model: [],
  federal: ['Federale Politie', 'federale politie van', 'FedPol'],
  elsene: ['Elsene', 'Ixelles', 'PolBru', 'Brussel', 'HOOFDSTAD'],
  schoten: ['Schoten', 'SCHOTEN', 'Antwerpen', '17 september 2024'],
  carma: ['CARMA', 'Carma'],
};
const allNames = Object.values(sourceNames).flat();

/** The model's instructions ("Bepaal …", "Geef aan …"), each recognised by its opening words. */
const instructions = modelPlanSections.flatMap((s) => [s, ...(s.subsections ?? [])]).flatMap((s) => s.guidance).map((g) => g.slice(0, 45));

const flat = (nodes: ObjectiveNode[]): ObjectiveNode[] => nodes.flatMap((n) => [n, ...flat(n.children)]);

let t: TestApp;
let org: string;
let officer: Session;
const plans = new Map<PlanTemplate['key'], PlanTree>();

beforeAll(async () => {
  t = await createTestApp();
  org = await createOrganisation(t, { name: ENTITY });
  officer = await sessionFor(t, (await createUser(t, { roles: [{ orgId: org, role: 'integrity_officer' }] })).id);
  for (const tpl of listTemplates()) {
    const r = await officer.post(`/api/orgs/${org}/plans`, { title: 'Integriteitsbeleidsplan', periodFrom: YEAR, periodTo: YEAR + 4, templateKey: tpl.key });
    expect(r.statusCode, r.body).toBe(201);
    // Read back what was stored, not only what creation answered.
    const read = await officer.get(`/api/orgs/${org}/plans/${(r.json() as PlanTree).plan.id}`);
    plans.set(tpl.key, read.json());
  }
});
afterAll(async () => { await t.close(); });

/** Every text of the plan an adopting organisation works with: sections, objectives, indicators and actions. */
function contentOf(plan: PlanTree): string {
  return JSON.stringify({ sections: plan.plan.sections, objectives: plan.objectives });
}

describe.each(listTemplates().map((tpl) => [tpl.key] as const))('a plan adopted from the %s template', (key) => {
  it('names no other organisation', () => {
    const text = contentOf(plans.get(key)!);
    // Every template's names, not only its own: a plan carries no trace of any seed's organisation.
    expect(allNames.filter((n) => text.includes(n))).toEqual([]);
    expect(text).not.toContain('{organisatie}');
  });

  it('is the adopting organisation\'s plan', () => {
    expect(plans.get(key)!.plan.sections.identification.entityName).toBe(ENTITY);
  });

  it('holds none of the AIG model\'s instructions as content', () => {
    const text = contentOf(plans.get(key)!);
    expect(instructions.filter((i) => text.includes(i))).toEqual([]);
  });
});

describe('adoption rewrites', () => {
  it('puts the adopting organisation where the seed named itself', () => {
    const elsene = plans.get('elsene')!;
    expect(elsene.plan.sections.ambition).toMatch(new RegExp(`^Ook in ${ENTITY} is de optimalisatie van het integriteitsbeleid`));
    expect(elsene.plan.sections.values[0].description).toContain(`in overeenstemming met de waarden van ${ENTITY} en de deontologische code`);
    expect(plans.get('carma')!.plan.sections.ambition).toMatch(new RegExp(`is een permanente doelstelling van ${ENTITY}\\.$`));
    const carma = flat(plans.get('carma')!.objectives);
    expect(carma.find((o) => o.code === 'OD 1.6')?.title).toBe(`Jaarlijks worden de cijfers van het klachtenmanagement anoniem gepubliceerd in het jaarverslag van ${ENTITY}`);
    const federal = flat(plans.get('federal')!.objectives);
    expect(federal.find((o) => o.code === 'OD 9.4')?.title).toBe(`${ENTITY} vertegenwoordigen bij de externe partners in deze materie`);
    const schotenActions = flat(plans.get('schoten')!.objectives).flatMap((o) => o.actions);
    expect(schotenActions.filter((a) => a.title.includes(ENTITY))).toHaveLength(4);
  });

  it('starts a plan from the AIG model with empty texts (the model\'s instructions are guidance)', () => {
    const s = plans.get('model')!.plan.sections;
    expect({ ambition: s.ambition, monitoring: s.monitoring, evaluationPlanning: s.evaluationPlanning, communication: s.communication })
      .toEqual({ ambition: '', monitoring: '', evaluationPlanning: '', communication: '' });
    expect(s.actors.length).toBeGreaterThan(0); // the model's example actors are content to adapt
  });

  it('gives Schoten\'s plan its risk analysis as needs and the IMF function on every action', () => {
    const plan = plans.get('schoten')!;
    expect(plan.plan.sections.needs).toHaveLength(6);
    expect(plan.plan.sections.needs[0]).toMatch(/^Stap 1\. Voorbereiding: Wij stellen een team samen/);
    const guide = plan.objectives.find((sd) => sd.code === '3.1.2')!;
    const actions = guide.children.flatMap((od) => od.actions);
    expect(actions).toHaveLength(29);
    expect(actions.every((a) => a.imfFunction === 'guide')).toBe(true);
    expect(flat(plan.objectives).flatMap((o) => o.actions).filter((a) => a.imfFunction === null)).toEqual([]);
  });

  it('exports the model plan without the model\'s instructions', async () => {
    const r = await officer.get(`/api/orgs/${org}/plans/${plans.get('model')!.plan.id}/export.docx`);
    expect(r.statusCode).toBe(200);
    const text = docxText(r.rawPayload);
    expect(text).toContain(ENTITY);
    expect(instructions.filter((i) => text.includes(i))).toEqual([]);
  });
});
