import pg from 'pg';
import type { Actor } from '../../platform/authz/actor.js';
import { createDatabase } from '../../platform/db/pool.js';
import { createMailer } from '../../platform/mail/index.js';
import type { LocalisedText } from '../organisations/schema.js';
import { makeMaturityOversight } from './oversight.js';
import { makeMaturityService, type MaturityCtx } from './service.js';

/**
 * Demo data of the inspectorate's comparison: six more police zones of the demo zone's size (300-599
 * staff) with approved measurements in 2024, 2025 and this year, so the demo zone's peer group and the
 * inspectorate's overview show figures; three more federal units beside DGA-DAS, the four measured
 * this year, a peer group of four that shows no figure. Organisations and their officer and chief
 * (without a password: nobody signs in there) are seeded like the platform's demo; the measurements
 * go through the module's service, so rules and audit are real. Three zones consent to be named.
 */
const ZONES: { code: string; names: LocalisedText; staff: number; consent: boolean }[] = [
  { code: 'PZ-5901', names: { nl: 'Politiezone Kempenland-Noord', fr: 'Zone de police Kempenland-Noord', de: 'Polizeizone Kempenland-Noord', en: 'Kempenland-Noord Police Zone' }, staff: 318, consent: true },
  { code: 'PZ-5902', names: { nl: 'Politiezone Schelde-Rupel', fr: 'Zone de police Schelde-Rupel', de: 'Polizeizone Schelde-Rupel', en: 'Schelde-Rupel Police Zone' }, staff: 356, consent: false },
  { code: 'PZ-5903', names: { nl: 'Politiezone Maasvallei', fr: 'Zone de police Maasvallei', de: 'Polizeizone Maasvallei', en: 'Maasvallei Police Zone' }, staff: 301, consent: true },
  { code: 'PZ-5904', names: { nl: 'Politiezone Haute-Meuse', fr: 'Zone de police Haute-Meuse', de: 'Polizeizone Haute-Meuse', en: 'Haute-Meuse Police Zone' }, staff: 442, consent: false },
  { code: 'PZ-5905', names: { nl: 'Politiezone Condroz-Famenne', fr: 'Zone de police Condroz-Famenne', de: 'Polizeizone Condroz-Famenne', en: 'Condroz-Famenne Police Zone' }, staff: 377, consent: true },
  { code: 'PZ-5906', names: { nl: 'Politiezone Westkust-Polders', fr: 'Zone de police Westkust-Polders', de: 'Polizeizone Westkust-Polders', en: 'Westkust-Polders Police Zone' }, staff: 529, consent: false },
];
const UNITS: { code: string; names: LocalisedText }[] = [
  { code: 'DGA-DAH', names: { nl: 'Directie van de wegpolitie (DAH)', fr: 'Direction de la police de la route (DAH)', de: 'Direktion der Straßenpolizei (DAH)', en: 'Highway Police Directorate (DAH)' } },
  { code: 'DGA-DAC', names: { nl: 'Directie van de luchtvaartpolitie (DAC)', fr: 'Direction de la police aéronautique (DAC)', de: 'Direktion der Luftfahrtpolizei (DAC)', en: 'Aviation Police Directorate (DAC)' } },
  { code: 'DGA-DAR', names: { nl: 'Directie van de spoorwegpolitie (DAR)', fr: 'Direction de la police des chemins de fer (DAR)', de: 'Direktion der Bahnpolizei (DAR)', en: 'Railway Police Directorate (DAR)' } },
];
const FIRST = ['An', 'Bart', 'Els', 'Koen', 'Lies', 'Pieter', 'Sofie', 'Wim', 'Julie', 'Thomas', 'Nathalie', 'Luc'];
const LAST = ['Peeters', 'Janssens', 'Maes', 'Jacobs', 'Mertens', 'Willems', 'Claes', 'Goossens', 'Dubois', 'Lambert', 'Dupont', 'Martin'];

const REASONS = [
  'Vastgesteld op basis van de procedures, verslagen en gesprekken met de diensthoofden.',
  'Bestaat op papier; de toepassing in de diensten wordt opgevolgd door de kerngroep.',
];

async function seedOrganisation(c: pg.Client, kind: string, code: string, names: LocalisedText, parentId: string | null, staff: number): Promise<{ id: string; officer: MaturityCtx; chief: MaturityCtx }> {
  const { rows: [o] } = await c.query<{ id: string }>(`INSERT INTO organisation (kind, code, names, languages, parent_id) VALUES ($1,$2,$3,'{nl,fr}',$4) RETURNING id`, [kind, code, JSON.stringify(names), parentId]);
  if (staff > 0) {
    await c.query(`INSERT INTO person (organisation_id, personnel_number, first_name, last_name, staff_category, start_date)
                   SELECT $1, $2 || lpad(g::text, 4, '0'), ($3::text[])[1 + g % 12], ($4::text[])[1 + (g * 7) % 12],
                          CASE WHEN g % 5 = 0 THEN 'calog' ELSE 'operational' END, DATE '2005-01-01' + (g * 13 % 6000)
                     FROM generate_series(1, $5::int) g`, [o.id, code.replace(/\W/g, ''), FIRST, LAST, staff]);
  }
  return { id: o.id, officer: await seedUser(c, o.id, code, 'integrity_officer'), chief: await seedUser(c, o.id, code, 'chief') };
}

async function seedUser(c: pg.Client, orgId: string, code: string, role: 'integrity_officer' | 'chief'): Promise<MaturityCtx> {
  const email = `${role === 'chief' ? 'chef' : 'integriteit'}.${code.toLowerCase()}@demo.kompas.be`;
  const name = `${role === 'chief' ? 'Korpschef' : 'Integriteitsverantwoordelijke'} ${code}`;
  // Their roles ask for a second factor: the demo's shared secret, as the platform's demo gives its accounts with such roles.
  const { rows: [u] } = await c.query<{ id: string }>(`
    INSERT INTO app_user (email, display_name, locale, totp_secret, totp_enabled_at)
    SELECT $1, $2, 'nl', s.totp_secret, s.totp_enabled_at
      FROM (SELECT NULL) x LEFT JOIN (SELECT totp_secret, totp_enabled_at FROM app_user WHERE email = 'korpschef@demo.kompas.be') s ON true
    RETURNING id`, [email, name]);
  await c.query(`INSERT INTO role_assignment (organisation_id, user_id, role, valid_from) VALUES ($1, $2, $3, '2023-01-01')`, [orgId, u.id, role]);
  await c.query(`INSERT INTO organisation_member (organisation_id, user_id, display_name, joined_at) VALUES ($1, $2, $3, now())`, [orgId, u.id, name]);
  await c.query(`UPDATE app_user SET home_organisation_id = $1 WHERE id = $2`, [orgId, u.id]);
  return ctxOf(u.id, email, name, [{ organisationId: orgId, role }]);
}

const ctxOf = (userId: string, email: string, displayName: string, grants: Actor['grants']): MaturityCtx => ({
  actor: { userId, sessionId: 'demo', email, displayName, locale: 'nl', mfaVerified: true, totpEnabled: true, isPlatformAdmin: false, grants },
  audit: { actorUserId: userId, ip: null },
});

/** An approved measurement scored by the officer alone: level per criterion from the organisation's profile and the year. */
async function approvedMeasurement(svc: ReturnType<typeof makeMaturityService>, org: { id: string; officer: MaturityCtx; chief: MaturityCtx }, year: number, level: (i: number) => number, kind: 'baseline' | 'yearly') {
  const officer = org.officer;
  const m = await svc.create(officer, org.id, { kind, year, assessorUserIds: [officer.actor.userId] });
  for (const [i, row] of m.criteria.entries()) await svc.putScore(officer, org.id, m.id, row.criterion.id, { level: level(i), evidence: REASONS[i % 2] }, 0);
  await svc.consolidate(officer, org.id, m.id);
  for (const [i, row] of m.criteria.entries()) {
    await svc.putAgreement(officer, org.id, m.id, row.criterion.id, { agreedLevel: level(i), targetLevel: Math.min(4, level(i) + 1), reason: REASONS[i % 2] }, 0);
  }
  await svc.submit(officer, org.id, m.id);
  await svc.approve(org.chief, org.id, m.id);
}

const clamp = (n: number) => Math.max(0, Math.min(4, n));

export async function loadDemoMaturityPeers(url: string): Promise<string[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const database = await createDatabase(url, { max: 6 });
  try {
    const thisYear = new Date().getFullYear();
    const years = [...new Set([2024, 2025, thisYear])].sort();
    await c.query('BEGIN');
    const dga = (await c.query<{ id: string }>(`SELECT id FROM organisation WHERE code = 'DGA'`)).rows[0]?.id ?? null;
    const zones = [];
    for (const z of ZONES) zones.push({ ...z, org: await seedOrganisation(c, 'local_police_zone', z.code, z.names, null, z.staff) });
    const units = [];
    for (const u of UNITS) units.push(await seedOrganisation(c, 'federal_unit', u.code, u.names, dga, 0));
    // DGA-DAS of the platform's demo: its officer runs the measurement, a chief without a login approves it.
    const das = (await c.query<{ id: string }>(`SELECT id FROM organisation WHERE code = 'DGA-DAS'`)).rows[0];
    if (das) {
      const { rows: [o] } = await c.query<{ id: string; display_name: string }>(`SELECT id, display_name FROM app_user WHERE email = 'integrite@fed.demo.kompas.be'`);
      const officer = o ? ctxOf(o.id, 'integrite@fed.demo.kompas.be', o.display_name, [{ organisationId: das.id, role: 'integrity_officer' }]) : await seedUser(c, das.id, 'DGA-DAS', 'integrity_officer');
      units.push({ id: das.id, officer, chief: await seedUser(c, das.id, 'DGA-DAS', 'chief') });
    }
    await c.query('COMMIT');

    const svc = makeMaturityService({ db: database.db, mailer: createMailer(database.db, { from: 'demo' }), publicUrl: 'http://127.0.0.1:3000' });
    const oversight = makeMaturityOversight(database.db);
    // Each organisation on its own connection: their measurements do not touch each other.
    await Promise.all([
      ...zones.map(async (z, zi) => {
        for (const [yi, year] of years.entries()) {
          // A profile per zone, a step up on some criteria every year.
          await approvedMeasurement(svc, z.org, year, (i) => clamp(((i * 3 + zi * 5) % 7 === 0 ? 0 : 1) + ((i + zi) % 4 === 0 ? 1 : 0) + (yi > 0 && (i + yi + zi) % 3 === 0 ? 1 : 0) + (yi > 1 && i % 5 === zi % 5 ? 1 : 0)), yi === 0 ? 'baseline' : 'yearly');
        }
        if (z.consent) await oversight.setConsent(z.org.chief, z.org.id, { consented: true }, 0);
      }),
      ...units.map((u, ui) => approvedMeasurement(svc, u, thisYear, (i) => clamp(1 + ((i + ui) % 3 === 0 ? 1 : 0)), 'baseline')),
    ]);
    return [`Maturity comparison: six more zones of 300-599 staff (PZ-5901 to PZ-5906) measured ${years.join(', ')}; four federal units measured ${thisYear} (too few for figures); seen by aig@demo.kompas.be.`];
  } catch (err) {
    await c.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    await database.close();
    await c.end();
  }
}
