import pg from 'pg';
import type { Actor, RoleGrant } from '../../platform/authz/actor.js';
import { createDatabase } from '../../platform/db/pool.js';
import { createMailer } from '../../platform/mail/index.js';
import { makePlanService } from '../plan/service.js';
import type { ScoreBody } from './contract.js';
import { makeRiskService, type RiskCtx } from './service.js';

/**
 * The demo zone's risk analysis, written through the services (rules and audit real): Schoten's 16
 * priority processes in the inventory with owners and review dates; one completed analysis of all
 * 16, scored by three participants (the integrity officer, a head of service and a member of the
 * core group) who disagree on a few, agreed with reasons, with existing controls and recommendations;
 * two recommendations turned into actions of the plan's next version (a draft the officer opened
 * after the analysis).
 */
async function ctxFor(c: pg.Client, email: string): Promise<RiskCtx> {
  const { rows: [u] } = await c.query<{ id: string; display_name: string; locale: 'nl' }>(`SELECT id, display_name, locale FROM app_user WHERE email = $1`, [email]);
  const { rows: grants } = await c.query<RoleGrant>(`SELECT organisation_id AS "organisationId", role FROM role_assignment WHERE user_id = $1 AND withdrawn_at IS NULL`, [u.id]);
  const actor: Actor = { userId: u.id, sessionId: 'demo', email, displayName: u.display_name, locale: u.locale, mfaVerified: true, totpEnabled: true, isPlatformAdmin: false, grants };
  return { actor, audit: { actorUserId: u.id, ip: null } };
}

/** Per catalogue code: agreed likelihood and impact (5 × 5), inherent and aggravating factors, a control and a recommendation. */
const PROFILE: Record<string, { l: number; i: number; inh: [number, number, number, number, number]; agg: [number, number, number, number]; control: string; rec?: string }> = {
  'schoten.recruitment': { l: 2, i: 4, inh: [0, 0, 3, 3, 2], agg: [1, 1, 1, 0], control: 'Selectiecommissie met externe assessor; belangenverklaring van de juryleden.', rec: 'Belangenverklaring ook vragen aan wie de preselectie doet.' },
  'schoten.resources': { l: 3, i: 3, inh: [3, 2, 0, 2, 1], agg: [2, 1, 1, 1], control: 'Budgetopvolging per dienst door de financieel directeur.' },
  'schoten.detained_persons': { l: 2, i: 5, inh: [1, 2, 2, 3, 1], agg: [1, 0, 3, 1], control: 'Camerabewaking van de cellen en register van de bewaking.', rec: 'Jaarlijkse opfriscursus over de behandeling van aangehouden personen.' },
  'schoten.seized_evidence': { l: 4, i: 4, inh: [3, 3, 1, 2, 1], agg: [3, 2, 1, 2], control: 'Beveiligde opslagruimte met toegangsregistratie.', rec: 'Vier-ogenprincipe bij de inontvangstneming en de uitgifte van inbeslagnames.' },
  'schoten.database_consultation': { l: 4, i: 5, inh: [0, 0, 3, 3, 3], agg: [3, 0, 1, 1], control: 'Logging van raadplegingen van de ANG en steekproeven door DIT.', rec: 'Steekproeven op raadplegingen maandelijks in plaats van per kwartaal.' },
  'schoten.gifts': { l: 3, i: 2, inh: [1, 2, 0, 1, 3], agg: [2, 0, 0, 1], control: 'Giftenregister bij het secretariaat van de korpschef.' },
  'schoten.secondary_employment': { l: 2, i: 3, inh: [1, 0, 2, 1, 3], agg: [2, 0, 0, 0], control: 'Toelatingsprocedure voor nevenactiviteiten.' },
  'schoten.material_use': { l: 3, i: 2, inh: [1, 3, 0, 1, 0], agg: [2, 1, 0, 2], control: 'Uitleenregister voor dienstmateriaal.' },
  'schoten.vehicles': { l: 3, i: 2, inh: [1, 3, 0, 1, 0], agg: [2, 0, 1, 1], control: 'Rittenregister per voertuig.' },
  'schoten.damage_cases': { l: 2, i: 3, inh: [2, 1, 1, 1, 2], agg: [1, 1, 1, 1], control: 'Dossierbehandeling door de juridische dienst.' },
  'schoten.fuel_cards': { l: 4, i: 3, inh: [3, 1, 0, 1, 1], agg: [3, 1, 0, 2], control: 'Tankkaart gekoppeld aan het voertuig; maandelijkse factuur.', rec: 'Maandelijkse controle van het verbruik per tankkaart tegen het rittenregister.' },
  'schoten.sim_cards': { l: 2, i: 2, inh: [1, 1, 1, 0, 0], agg: [1, 0, 0, 1], control: 'Inventaris van simkaarten bij de ICT-dienst.' },
  'schoten.working_hours': { l: 3, i: 3, inh: [2, 0, 0, 2, 0], agg: [2, 1, 3, 1], control: 'Goedkeuring van overuren door de leidinggevende.' },
  'schoten.ict_devices': { l: 2, i: 3, inh: [0, 2, 2, 0, 0], agg: [1, 0, 0, 1], control: 'Toestellen op naam, gewist bij inlevering.' },
  'schoten.side_activity_notices': { l: 2, i: 2, inh: [0, 0, 1, 1, 2], agg: [2, 0, 0, 0], control: 'Jaarlijkse herinnering aan de meldingsplicht.' },
  'schoten.purchasing_segregation': { l: 4, i: 4, inh: [3, 2, 1, 3, 3], agg: [2, 3, 1, 3], control: 'Aankopen boven 8.500 euro via het college.', rec: 'Functiescheiding tussen wie bestelt, ontvangt en betaalt, ook onder de drempel.' },
};

const factorsOf = (inh: number[], agg: number[]) => ({
  inherent: { money: inh[0], goods: inh[1], information: inh[2], power: inh[3], external: inh[4] },
  aggravating: { supervision: agg[0], combined_duties: agg[1], pressure: agg[2], rotation: agg[3] },
});
const clamp = (n: number) => Math.max(1, Math.min(5, n));

export async function loadDemoRisk(url: string): Promise<string[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const database = await createDatabase(url, { max: 2 });
  try {
    const zone = (await c.query<{ id: string }>(`SELECT id FROM organisation WHERE code = 'PZ-5999'`)).rows[0].id;
    const officer = await ctxFor(c, 'integriteit@demo.kompas.be');
    const head = await ctxFor(c, 'diensthoofd@demo.kompas.be');
    const core = await ctxFor(c, 'kerngroep@demo.kompas.be');
    const deps = { db: database.db, mailer: createMailer(database.db, { from: 'demo' }), publicUrl: 'http://127.0.0.1:3000' };
    const svc = makeRiskService(deps);
    const plan = makePlanService(deps);

    // The inventory: the 16 priority processes, owners from the staff list, review dates (two overdue).
    const y = new Date().getFullYear();
    const codes = Object.keys(PROFILE);
    const added = (await svc.addFromCatalogue(officer, zone, { codes })).items;
    const owners = (await svc.ownerCandidates(officer, zone)).items;
    const byCode = new Map(added.map((p) => [p.catalogueCode!, p]));
    for (const [n, code] of codes.entries()) {
      const p = byCode.get(code)!;
      const reviewDate = n === 3 || n === 10 ? `${y - 1}-06-30` : `${y + 1 + (n % 2)}-${String(3 + (n % 9)).padStart(2, '0')}-30`;
      await svc.updateProcess(officer, zone, p.id, { ownerPersonId: owners[(n * 17) % owners.length].personId, reviewDate }, p.revision);
    }

    // The analysis: all 16, three participants scoring on their own.
    const participants = [officer, head, core];
    const created = await svc.create(officer, zone, {
      title: `Risicoanalyse kwetsbare processen ${y - 1}`,
      scopeNote: 'De 16 prioritaire processen uit het integriteitsbeleidsplan (§3.1.1.4), beoordeeld in een workshop met de integriteitsverantwoordelijke, een diensthoofd en de kerngroep.',
      processIds: added.map((p) => p.id),
      participantUserIds: participants.map((p) => p.actor.userId),
    });
    const a = await svc.start(officer, zone, created.id);
    for (const [k, who] of participants.entries()) {
      for (const [n, row] of a.processes.entries()) {
        const prof = PROFILE[row.process.catalogueCode!];
        // The head of service sees less risk in a few processes, the core group more in others: they disagree there.
        const dl = k === 1 && n % 5 === 3 ? -2 : k === 2 && n % 4 === 0 ? 1 : 0;
        const di = k === 2 && n % 6 === 1 ? -1 : 0;
        const body: ScoreBody = {
          ...factorsOf(prof.inh.map((x, j) => Math.max(0, Math.min(3, x + (k === 1 && j === 1 ? -1 : 0)))), prof.agg),
          likelihood: clamp(prof.l + dl), impact: clamp(prof.i + di),
          comment: dl < 0 ? 'In mijn dienst zie ik weinig gelegenheid; de controles werken.' : dl > 0 ? 'Er is weinig toezicht buiten de kantooruren.' : '',
        };
        await svc.putScore(who, zone, a.id, row.process.id, body, 0);
      }
    }
    await svc.consolidate(officer, zone, a.id);
    const view = await svc.consolidation(officer, zone, a.id);
    for (const row of view.rows) {
      const prof = PROFILE[row.process.catalogueCode!];
      await svc.putAgreement(officer, zone, a.id, row.process.id, {
        ...factorsOf(prof.inh, prof.agg), likelihood: prof.l, impact: prof.i, comment: '',
        reason: row.disagreement
          ? 'De deelnemers verschilden van mening over de kans; na bespreking van de incidenten van de voorbije twee jaar is de hogere inschatting weerhouden.'
          : 'Eensgezind beoordeeld.',
      }, 0);
    }

    // Controls and recommendations; two recommendations become actions of the plan's next version.
    const recs: { id: string; code: string }[] = [];
    for (const row of view.rows) {
      const code = row.process.catalogueCode!;
      const prof = PROFILE[code];
      await svc.createControl(officer, zone, a.id, row.process.id, { description: prof.control, type: code.endsWith('consultation') ? 'detective' : 'preventive', effectiveness: prof.l >= 4 ? 'partly' : 'effective' });
      if (prof.rec) {
        const n = recs.length;
        const r = await svc.createRecommendation(officer, zone, a.id, row.process.id, {
          text: prof.rec, ownerPersonId: owners[(n * 23 + 5) % owners.length].personId, dueDate: n === 2 ? `${y}-01-31` : `${y + 1}-${String(3 + n).padStart(2, '0')}-30`,
        });
        recs.push({ id: r.id, code });
      }
    }
    await svc.complete(officer, zone, a.id);

    const inForce = (await c.query<{ id: string }>(`SELECT id FROM plan WHERE organisation_id = $1 AND status = 'in_force' ORDER BY version DESC LIMIT 1`, [zone])).rows[0];
    const notes = ['Risk analysis (Politiezone Heide en Polder): the 16 priority processes, one completed analysis with three participants (integriteit@, diensthoofd@, kerngroep@demo.kompas.be), register and heat map.'];
    if (inForce) {
      const draft = await plan.newVersion(officer, zone, inForce.id);
      const objective = draft.objectives[0];
      for (const code of ['schoten.seized_evidence', 'schoten.purchasing_segregation']) {
        const r = recs.find((x) => x.code === code)!;
        await svc.createPlanEntry(officer, zone, a.id, r.id, { planId: draft.plan.id, kind: 'action', objectiveId: objective.id });
      }
      notes.push('Two recommendations of the risk analysis are actions in the draft version 2 of the zone\'s plan.');
    }
    // The service stamps the real time; the demo tells a workshop of last November.
    await c.query(`UPDATE risk_analysis SET created_at = $2, started_at = $3, consolidation_started_at = $4, completed_at = $5 WHERE id = $1`,
      [a.id, `${y - 1}-10-20T09:00:00Z`, `${y - 1}-10-27T09:00:00Z`, `${y - 1}-11-14T13:00:00Z`, `${y - 1}-11-21T16:00:00Z`]);
    return notes;
  } finally {
    await database.close();
    await c.end();
  }
}
