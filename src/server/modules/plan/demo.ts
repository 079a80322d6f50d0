import pg from 'pg';
import type { Actor, RoleGrant } from '../../platform/authz/actor.js';
import { createDatabase } from '../../platform/db/pool.js';
import { createMailer } from '../../platform/mail/index.js';
import { makePlanService, type PlanCtx } from './service.js';
import type { ObjectiveNode } from './contract.js';

/**
 * Demo plans, written through the plan service (so rules, history and audit trail are real):
 * the demo zone's 2024–2029 plan built on Schoten's IMF-structured plan, in force, with owners,
 * dates, progress over two years, indicators and an approved 2024 evaluation; and a draft plan of
 * the federal directorate from the federal template.
 */
async function actorFor(c: pg.Client, email: string): Promise<Actor> {
  const { rows: [u] } = await c.query<{ id: string; display_name: string; locale: 'nl' }>(`SELECT id, display_name, locale FROM app_user WHERE email = $1`, [email]);
  const { rows: grants } = await c.query<RoleGrant>(`SELECT organisation_id AS "organisationId", role FROM role_assignment WHERE user_id = $1 AND withdrawn_at IS NULL`, [u.id]);
  return { userId: u.id, sessionId: 'demo', email, displayName: u.display_name, locale: u.locale, mfaVerified: true, totpEnabled: true, isPlatformAdmin: false, grants };
}

function* walk(nodes: ObjectiveNode[]): Generator<ObjectiveNode> {
  for (const n of nodes) { yield n; yield* walk(n.children); }
}

export async function loadDemoPlans(url: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const database = await createDatabase(url, { max: 2 });
  try {
    const orgOf = async (code: string) => (await c.query<{ id: string }>(`SELECT id FROM organisation WHERE code = $1`, [code])).rows[0].id;
    const zone = await orgOf('PZ-5999');
    const federal = await orgOf('DGA-DAS');
    const officer: PlanCtx = { actor: await actorFor(c, 'integriteit@demo.kompas.be'), audit: { actorUserId: null, ip: null } };
    officer.audit.actorUserId = officer.actor.userId;
    const chief: PlanCtx = { actor: await actorFor(c, 'korpschef@demo.kompas.be'), audit: { actorUserId: null, ip: null } };
    chief.audit.actorUserId = chief.actor.userId;
    const staff = await actorFor(c, 'medewerker@demo.kompas.be');
    const head = await actorFor(c, 'diensthoofd@demo.kompas.be');
    const { rows: units } = await c.query<{ id: string; code: string }>(`SELECT id, code FROM org_unit WHERE organisation_id = $1`, [zone]);
    const unit = (code: string) => units.find((u) => u.code === code)!.id;

    const svc = makePlanService({ db: database.db, mailer: createMailer(database.db, { from: 'demo' }), publicUrl: 'http://127.0.0.1:3000' });
    const plan = await svc.create(officer, zone, { title: 'Integriteitsbeleidsplan 2024–2029', periodFrom: 2024, periodTo: 2029, templateKey: 'schoten' });
    await svc.update(officer, zone, plan.plan.id, {
      confidentialNotes: 'Bespreking kerngroep: extra aandacht voor raadplegingen ANG na het dossier van 2023.',
      sections: { ...plan.plan.sections, identification: { ...plan.plan.sections.identification, responsible: [{ name: 'Hilde Verbruggen', role: 'Korpschef (mandaathouder)' }, { name: 'Marc Van Loon', role: 'Verantwoordelijke integriteit' }] } },
    }, plan.plan.revision);

    // Give the template's actions owners, dates and a realistic state of progress.
    const owners = [
      { ownerUserId: staff.userId }, { ownerUserId: head.userId }, { ownerUnitId: unit('DIT') }, { ownerUserId: officer.actor.userId },
      { ownerUnitId: unit('PLOG') }, { ownerUserId: head.userId }, { ownerUnitId: unit('INT') },
    ];
    const actions = [...walk(plan.objectives)].flatMap((o) => o.actions);
    for (const [i, a] of actions.entries()) {
      const start = `${2024 + Math.floor(i / 16)}-${String(1 + (i * 5) % 12).padStart(2, '0')}-01`;
      const dueYear = 2024 + Math.floor(i / 12) + (i % 3 === 0 ? 1 : 0);
      const due = `${dueYear}-${String(1 + (i * 7) % 12).padStart(2, '0')}-${i % 2 ? '15' : '28'}`;
      await svc.updateAction(officer, zone, plan.plan.id, a.id, { ...owners[i % owners.length], startDate: start, dueDate: due < start ? start : due, meansBudgetEur: i % 4 === 0 ? 1500 + i * 250 : null, meansTime: i % 3 === 0 ? `${4 + (i % 5) * 2} uur per maand` : null }, a.revision);
    }
    // Monitoring: two indicators with baseline, target and yearly measurements.
    const [sd1] = plan.objectives;
    const ind1 = await svc.createIndicator(officer, zone, plan.plan.id, sd1.id, { name: 'Aandeel medewerkers dat de dilemmatraining volgde', unit: '%', baseline: 12, target: 90 });
    const ind2 = await svc.createIndicator(officer, zone, plan.plan.id, sd1.id, { name: 'Steekproeven reden van raadpleging ANG per jaar', unit: 'steekproeven', baseline: 0, target: 12 });

    // A plan is submitted with someone responsible for every operational objective (issue 17).
    const odOwners = ['Integriteitsbeleidsverantwoordelijke', 'Diensthoofd Recherche', 'Diensthoofd Interventie', 'Directeur Operaties'];
    const ownerless = [...walk(plan.objectives)].filter((o) => o.parentId && !o.owner && !o.ownerUnit && !o.ownerLabel);
    for (const [i, od] of ownerless.entries()) await svc.updateObjective(officer, zone, plan.plan.id, od.id, { ownerLabel: odOwners[i % odOwners.length] }, od.revision);
    await svc.transition(officer, zone, plan.plan.id, 'submit', '2024-02-12');
    await svc.transition(chief, zone, plan.plan.id, 'approve', '2024-02-26');
    const steps: [number, 'in_progress' | 'done' | 'stopped', string][] = [
      [25, 'in_progress', 'Opgestart met de werkgroep; eerste overleg gepland.'],
      [60, 'in_progress', 'Ontwerp klaar, feedback van de kerngroep verwerkt.'],
      [100, 'done', 'Afgerond en gecommuniceerd op het personeelsoverleg.'],
    ];
    for (const [i, a] of actions.entries()) {
      const depth = i < 18 ? 3 : i < 32 ? (i % 2 ? 2 : 1) : 0;
      for (const [progress, status, note] of steps.slice(0, depth)) await svc.reportProgress(officer, zone, plan.plan.id, a.id, { progress, status, note });
      if (i === 40) await svc.reportProgress(officer, zone, plan.plan.id, a.id, { status: 'stopped', note: 'Opgenomen in de zonale opleidingsplanning; hier niet meer opgevolgd.' });
    }

    await svc.putMeasurement(officer, zone, plan.plan.id, ind1.id, 2024, { value: 41, note: 'Zes sessies in het najaar.' }, 0);
    await svc.putMeasurement(officer, zone, plan.plan.id, ind1.id, 2025, { value: 68 }, 0);
    await svc.putMeasurement(officer, zone, plan.plan.id, ind2.id, 2024, { value: 6 }, 0);
    await svc.putMeasurement(officer, zone, plan.plan.id, ind2.id, 2025, { value: 11 }, 0);
    await svc.createEvaluation(officer, zone, plan.plan.id, {
      year: 2024,
      doneText: 'De integriteitscharter werd door alle diensten besproken; de eerste reeks dilemmatrainingen liep in het najaar; de steekproeven op raadplegingen van de ANG zijn opgestart.',
      indicatorsText: 'Dilemmatraining: 41 % (doel 90 %). Steekproeven ANG: 6 (doel 12).',
      changesText: 'In 2025 de dilemmatraining ook aanbieden in de avondploeg; steekproeven maandelijks plannen via DIT.',
    });
    await svc.approveEvaluation(chief, zone, plan.plan.id, 2024);
    // The service stamps the real time; the demo tells a history that began in 2024.
    await c.query(`UPDATE plan SET submitted_at = '2024-02-12T10:00:00Z', approved_at = '2024-02-26T15:30:00Z', in_force_at = '2024-02-26T15:30:00Z', created_at = '2024-01-15T09:00:00Z' WHERE id = $1`, [plan.plan.id]);
    await c.query(`UPDATE plan_evaluation SET approved_at = '2025-02-24T11:00:00Z' WHERE plan_id = $1 AND year = 2024`, [plan.plan.id]);
    await svc.createEvaluation(officer, zone, plan.plan.id, { year: 2025, doneText: 'Lopend jaar: zie voortgang per actie.' });

    const fedOfficer: PlanCtx = { actor: await actorFor(c, 'integrite@fed.demo.kompas.be'), audit: { actorUserId: null, ip: null } };
    fedOfficer.audit.actorUserId = fedOfficer.actor.userId;
    await svc.create(fedOfficer, federal, { title: 'Integriteitsbeleid DAS 2026–2030', periodFrom: 2026, periodTo: 2030, templateKey: 'federal' });
  } finally {
    await database.close();
    await c.end();
  }
}
