import { expect } from 'vitest';
import { ifMatch, type Session } from '../../../test/app.js';
import type { ObjectiveNode, PlanTree } from './contract.js';

const flat = (nodes: ObjectiveNode[]): ObjectiveNode[] => nodes.flatMap((n) => [n, ...flat(n.children)]);

/**
 * Makes a draft plan complete enough to be submitted (issue 17), through the API as an officer would:
 * fills the AIG model's sections that are still empty, adds a strategic objective with an operational
 * objective and an action when the plan has none, and describes the owner of every operational
 * objective and action without one. Leaves whatever the test already set as it is.
 */
export async function completeForSubmission(officer: Session, orgId: string, planId: string): Promise<PlanTree> {
  const base = `/api/orgs/${orgId}/plans/${planId}`;
  const read = async () => {
    const r = await officer.get(base);
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as PlanTree;
  };
  let tree = await read();
  const s = tree.plan.sections;
  const blank = (v: string) => v.trim() === '';
  const sections = {
    identification: {
      entityName: blank(s.identification.entityName) ? 'Politiezone Test' : s.identification.entityName,
      responsible: s.identification.responsible.length ? s.identification.responsible : [{ name: 'Korpschef Test', role: 'Mandaathouder' }],
    },
    ambition: blank(s.ambition) ? 'Een integere politiezone waar iedereen zich veilig voelt om dilemma\'s te bespreken.' : s.ambition,
    values: s.values.length ? s.values : [{ name: 'Integriteit', description: 'Eerlijk en betrouwbaar handelen.' }],
    needs: s.needs.length + s.vulnerableProcesses.length + s.priorityThemes.length ? s.needs : ['Bewustzijn van integriteitsrisico\'s'],
    actors: s.actors.length ? s.actors : [{ name: 'Integriteitsbeleidsverantwoordelijke', role: 'Coördineert het plan.' }],
    monitoring: blank(s.monitoring) ? 'Halfjaarlijkse opvolging in het directiecomité.' : s.monitoring,
    evaluationPlanning: blank(s.evaluationPlanning) ? 'Jaarlijkse evaluatie in het eerste kwartaal.' : s.evaluationPlanning,
    communication: blank(s.communication) ? 'Intranet en personeelsvergadering.' : s.communication,
  };
  const patched = await officer.patch(base, { sections }, ifMatch(tree.plan.revision));
  expect(patched.statusCode, patched.body).toBe(200);
  tree = patched.json() as PlanTree;

  const hasOd = tree.objectives.some((sd) => sd.children.length > 0);
  if (!hasOd) {
    const sd = (await officer.post(`${base}/objectives`, { code: 'SD 9', title: 'Integriteit bevorderen' })).json();
    const od = await officer.post(`${base}/objectives`, { parentId: sd.id, code: 'OD 9.1', title: 'Dilemmatrainingen organiseren', ownerLabel: 'Dienst opleiding' });
    expect(od.statusCode, od.body).toBe(201);
  }
  tree = await read();
  const ods = flat(tree.objectives).filter((o) => o.parentId !== null);
  if (tree.counts.actions === 0) {
    const a = await officer.post(`${base}/actions`, { objectiveId: ods[0].id, title: 'Dilemmatraining voor alle leidinggevenden', ownerLabel: 'Dienst opleiding' });
    expect(a.statusCode, a.body).toBe(201);
    tree = await read();
  }
  for (const od of flat(tree.objectives).filter((o) => o.parentId !== null && !o.owner && !o.ownerUnit && !o.ownerLabel)) {
    const r = await officer.patch(`${base}/objectives/${od.id}`, { ownerLabel: 'Integriteitsbeleidsverantwoordelijke' }, ifMatch(od.revision));
    expect(r.statusCode, r.body).toBe(200);
  }
  for (const a of flat(tree.objectives).flatMap((o) => o.actions).filter((x) => !x.owner && !x.ownerUnit && !x.ownerLabel)) {
    const r = await officer.patch(`${base}/actions/${a.id}`, { ownerLabel: 'Integriteitsbeleidsverantwoordelijke' }, ifMatch(a.revision));
    expect(r.statusCode, r.body).toBe(200);
  }
  return read();
}
