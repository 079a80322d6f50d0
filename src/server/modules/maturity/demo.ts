import pg from 'pg';
import type { Actor, RoleGrant } from '../../platform/authz/actor.js';
import { createDatabase } from '../../platform/db/pool.js';
import { createMailer } from '../../platform/mail/index.js';
import type { MeasurementDetail } from './contract.js';
import { makeMaturityEvidence } from './evidence.js';
import { makeMaturityService, type MaturityCtx } from './service.js';

/**
 * Demo measurements of the demo zone, written through the service (rules and audit real): an approved
 * baseline of 2024 and a yearly measurement of 2025 in consolidation, each scored by the integrity
 * officer and the head of service, who disagree on a few criteria.
 */
async function ctxFor(c: pg.Client, email: string): Promise<MaturityCtx> {
  const { rows: [u] } = await c.query<{ id: string; display_name: string; locale: 'nl' }>(`SELECT id, display_name, locale FROM app_user WHERE email = $1`, [email]);
  const { rows: grants } = await c.query<RoleGrant>(`SELECT organisation_id AS "organisationId", role FROM role_assignment WHERE user_id = $1 AND withdrawn_at IS NULL`, [u.id]);
  const actor: Actor = { userId: u.id, sessionId: 'demo', email, displayName: u.display_name, locale: u.locale, mfaVerified: true, totpEnabled: true, isPlatformAdmin: false, grants };
  return { actor, audit: { actorUserId: u.id, ip: null } };
}

/** A plausible level per criterion: the baseline low, a year later a step up where the plan worked. */
const baseLevel = (i: number) => [1, 2, 1, 2, 2, 1, 1, 2, 3, 2, 2, 1, 0, 1, 2, 3, 1, 0, 1, 2, 1, 1, 1, 2, 2, 1, 1, 2][i % 28];

const EVIDENCE = [
  'Zie jaarverslag integriteit en de verslagen van de kerngroep.',
  'Besproken op het directiecomité; nog geen schriftelijke procedure.',
  'Procedure bestaat, maar wordt niet in alle diensten toegepast.',
  'Opgevolgd in het integriteitsbeleidsplan; evaluatie volgt.',
];

async function scoreAll(svc: ReturnType<typeof makeMaturityService>, who: MaturityCtx, zone: string, m: MeasurementDetail, shift: (i: number) => number) {
  for (const [i, row] of m.criteria.entries()) {
    const level = Math.max(0, Math.min(4, baseLevel(i) + shift(i)));
    await svc.putScore(who, zone, m.id, row.criterion.id, { level, evidence: EVIDENCE[i % EVIDENCE.length] }, 0);
  }
}

export async function loadDemoMaturity(url: string): Promise<string[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const database = await createDatabase(url, { max: 2 });
  try {
    const zone = (await c.query<{ id: string }>(`SELECT id FROM organisation WHERE code = 'PZ-5999'`)).rows[0].id;
    const officer = await ctxFor(c, 'integriteit@demo.kompas.be');
    const head = await ctxFor(c, 'diensthoofd@demo.kompas.be');
    const chief = await ctxFor(c, 'korpschef@demo.kompas.be');
    const svc = makeMaturityService({ db: database.db, mailer: createMailer(database.db, { from: 'demo' }), publicUrl: 'http://127.0.0.1:3000' });
    const assessorUserIds = [officer.actor.userId, head.actor.userId];

    // Baseline 2024: scored, consolidated (the lower level where they differ, target one step up), approved.
    const base = await svc.create(officer, zone, { kind: 'baseline', year: 2024, assessorUserIds });
    await scoreAll(svc, officer, zone, base, () => 0);
    await scoreAll(svc, head, zone, base, (i) => (i % 5 === 2 ? 1 : 0));
    await svc.consolidate(officer, zone, base.id);
    const view = await svc.consolidation(officer, zone, base.id);
    for (const row of view.rows) {
      const agreed = row.minLevel ?? 0;
      const reason = row.disagreement
        ? 'De beoordelaars verschilden van mening; het lagere niveau is weerhouden omdat de procedure nog niet in alle diensten wordt toegepast.'
        : 'Beide beoordelaars kwamen tot hetzelfde niveau op basis van de aangeleverde bewijsstukken.';
      await svc.putAgreement(officer, zone, base.id, row.criterion.id, { agreedLevel: agreed, targetLevel: Math.min(4, agreed + 1), reason }, 0);
    }
    await svc.submit(officer, zone, base.id);
    await svc.approve(chief, zone, base.id);

    // Yearly 2025: scored by both, in consolidation, a few criteria agreed so far.
    const yearly = await svc.create(officer, zone, { kind: 'yearly', year: 2025, assessorUserIds });
    await scoreAll(svc, officer, zone, yearly, (i) => (i % 3 === 0 ? 1 : 0));
    await scoreAll(svc, head, zone, yearly, (i) => (i % 3 === 0 ? 1 : 0) + (i % 7 === 4 ? 1 : 0));
    // The officer's score of the first criterion links to an action of the demo zone's policy plan (when there is one).
    const { rows: [action] } = await c.query<{ id: string }>(`SELECT id FROM plan_action WHERE organisation_id = $1 ORDER BY position, id LIMIT 1`, [zone]);
    if (action) {
      const evidence = makeMaturityEvidence({ db: database.db, mailer: createMailer(database.db, { from: 'demo' }), publicUrl: 'http://127.0.0.1:3000' });
      await evidence.link(officer, zone, yearly.id, yearly.criteria[0]!.criterion.id, { kind: 'plan.action', recordId: action.id });
    }
    await svc.consolidate(officer, zone, yearly.id);
    const y = await svc.consolidation(officer, zone, yearly.id);
    for (const row of y.rows.slice(0, 9)) {
      const agreed = row.maxLevel ?? 0;
      await svc.putAgreement(officer, zone, yearly.id, row.criterion.id, { agreedLevel: agreed, targetLevel: Math.min(4, agreed + 1), reason: 'Vooruitgang vastgesteld sinds de nulmeting; bewijsstukken in het dossier van de kerngroep.' }, 0);
    }
    return ['Maturity measurement (Politiezone Heide en Polder): baseline 2024 approved, yearly 2025 in consolidation; assessors integriteit@demo.kompas.be and diensthoofd@demo.kompas.be, approval by korpschef@demo.kompas.be.'];
  } finally {
    await database.close();
    await c.end();
  }
}
