import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { hash } from '@node-rs/argon2';
import { MFA_ROLES, type Role } from '../../src/shared/roles.js';
import { DEMO_UNITS, demoStaff } from './people.js';
import { modules as registeredModules } from '../../src/server/modules/index.js';
import type { ServerModule } from '../../src/server/platform/module.js';

/**
 * Demo data for `npm start` (embedded PostgreSQL, KOMPAS_DEMO=1): a fictional local police zone
 * with ~300 staff, a federal directorate with a unit, the inspectorate (AIG) and Comité P, and
 * one login per role. Loaded only into an empty database. Fictional people, real structures.
 */
export const DEMO_PASSWORD = 'Kompas-demo-2026';
/** Demo accounts with a confidential role share this TOTP secret (print codes: npm run demo:totp). */
export const DEMO_TOTP_SECRET = 'KVKFKRCPNZQUYMLXOVYDSQKJKZDTSRLD';

interface DemoLogin { email: string; name: string; org: 'zone' | 'federal' | 'aig' | 'comitep'; roles: Role[]; platformAdmin?: boolean }

const LOGINS: DemoLogin[] = [
  { email: 'korpschef@demo.kompas.be', name: 'Hilde Verbruggen', org: 'zone', roles: ['chief'] },
  { email: 'integriteit@demo.kompas.be', name: 'Marc Van Loon', org: 'zone', roles: ['integrity_officer', 'staff_member'] },
  { email: 'vertrouwenspersoon@demo.kompas.be', name: 'Greet Stevens', org: 'zone', roles: ['confidential_counsellor', 'staff_member'] },
  { email: 'kerngroep@demo.kompas.be', name: 'Tom Janssens', org: 'zone', roles: ['core_group_member', 'staff_member'] },
  { email: 'onderzoeker@demo.kompas.be', name: 'Sarah De Smet', org: 'zone', roles: ['integrity_investigator', 'staff_member'] },
  { email: 'klachten@demo.kompas.be', name: 'Olivier Lambert', org: 'zone', roles: ['complaints_coordinator', 'staff_member'] },
  { email: 'diensthoofd@demo.kompas.be', name: 'Ilse Martens', org: 'zone', roles: ['head_of_service', 'complaint_handler', 'staff_member'] },
  { email: 'medewerker@demo.kompas.be', name: 'Kevin Aerts', org: 'zone', roles: ['staff_member'] },
  { email: 'dpo@demo.kompas.be', name: 'Nadia El Idrissi', org: 'zone', roles: ['dpo'] },
  { email: 'admin@demo.kompas.be', name: 'Bert Claes', org: 'zone', roles: ['administrator'], platformAdmin: true },
  { email: 'integrite@fed.demo.kompas.be', name: 'Catherine Dumont', org: 'federal', roles: ['integrity_officer', 'administrator'] },
  { email: 'aig@demo.kompas.be', name: 'Johan De Wilde', org: 'aig', roles: ['oversight'] },
  { email: 'comitep@demo.kompas.be', name: 'Sophie Renard', org: 'comitep', roles: ['oversight'] },
];

/** The same rule as the server's (needsMfa): any role of MFA_ROLES, or platform administrator. */
const needsTotp = (l: DemoLogin) => (l.platformAdmin ?? false) || l.roles.some((r) => MFA_ROLES.includes(r));

export function demoLogins(): { email: string; roles: string; password: string; totp: boolean }[] {
  return LOGINS.map((l) => ({ email: l.email, roles: `${l.roles.join(', ')}${needsTotp(l) ? ' (TOTP)' : ''}`, password: DEMO_PASSWORD, totp: needsTotp(l) }));
}

const NOTES_FILE = 'demo-notes.txt';

/**
 * Keeps what the modules' demos printed (a demo receipt, the demo escrow key) in the data directory,
 * readable by its owner only, so that every later start prints it again with the logins.
 */
export function saveDemoNotes(dataDir: string, notes: readonly string[]): void {
  if (notes.length) writeFileSync(path.join(dataDir, NOTES_FILE), `${notes.join('\n')}\n`, { mode: 0o600 });
}

export function demoNotes(dataDir: string): string[] {
  const file = path.join(dataDir, NOTES_FILE);
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter((l) => l !== '') : [];
}

/**
 * The platform's demo organisations, people and logins, then each module's demo data (`ServerModule.demo`)
 * in the order of the registry. False, and nothing changed, when the database already holds organisations.
 * What the modules' demos ask to print with the logins (e.g. a demo receipt) is added to `notes`.
 */
export async function loadDemoData(url: string, modules: readonly ServerModule[] = registeredModules, notes: string[] = []): Promise<boolean> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ n: number }>('SELECT count(*)::int AS n FROM organisation');
    if (rows[0].n > 0) return false;
    await c.query('BEGIN');
    const org = async (kind: string, code: string, names: Record<string, string>, languages: string[], parentId: string | null = null) =>
      (await c.query<{ id: string }>(`INSERT INTO organisation (kind, code, names, languages, parent_id) VALUES ($1,$2,$3,$4,$5) RETURNING id`,
        [kind, code, JSON.stringify(names), languages, parentId])).rows[0].id;

    const aig = await org('inspectorate', 'AIG', { nl: 'Algemene Inspectie van de federale politie en van de lokale politie', fr: "Inspection générale de la police fédérale et de la police locale", de: 'Generalinspektion der föderalen Polizei und der lokalen Polizei', en: 'General Inspectorate of the Federal and Local Police' }, ['nl', 'fr', 'de']);
    const comitep = await org('oversight_body', 'COMITE-P', { nl: 'Vast Comité van Toezicht op de politiediensten (Comité P)', fr: 'Comité permanent de contrôle des services de police (Comité P)', de: 'Ständiger Ausschuss für die Kontrolle über die Polizeidienste (Ausschuss P)', en: 'Standing Police Monitoring Committee (Committee P)' }, ['nl', 'fr']);
    const dga = await org('federal_directorate', 'DGA', { nl: 'Algemene directie van de bestuurlijke politie (DGA)', fr: 'Direction générale de la police administrative (DGA)', de: 'Generaldirektion der Verwaltungspolizei (DGA)', en: 'Directorate-General of Administrative Police (DGA)' }, ['nl', 'fr', 'de']);
    const federal = await org('federal_unit', 'DGA-DAS', { nl: 'Directie openbare veiligheid (DAS)', fr: 'Direction de la sécurité publique (DAS)', de: 'Direktion der öffentlichen Sicherheit (DAS)', en: 'Public Security Directorate (DAS)' }, ['nl', 'fr'], dga);
    const zone = await org('local_police_zone', 'PZ-5999', { nl: 'Politiezone Heide en Polder', fr: 'Zone de police Heide en Polder', de: 'Polizeizone Heide en Polder', en: 'Heide en Polder Police Zone' }, ['nl']);
    const orgIds = { zone, federal, aig, comitep };

    const unitIds = new Map<string, string>();
    for (const u of DEMO_UNITS) {
      const { rows: [r] } = await c.query<{ id: string }>(`INSERT INTO org_unit (organisation_id, parent_id, code, name) VALUES ($1,$2,$3,$4) RETURNING id`, [zone, u.parent ? unitIds.get(u.parent) : null, u.code, u.name]);
      unitIds.set(u.code, r.id);
    }
    for (const p of demoStaff(312)) {
      await c.query(`INSERT INTO person (organisation_id, personnel_number, first_name, last_name, staff_category, grade, unit_id, function_title, start_date, end_date)
                     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
        [zone, p.personnelNumber, p.firstName, p.lastName, p.staffCategory, p.grade, unitIds.get(p.unitCode), p.functionTitle, p.startDate, p.endDate]);
    }

    const passwordHash = await hash(DEMO_PASSWORD);
    for (const [i, l] of LOGINS.entries()) {
      const mfa = needsTotp(l);
      const { rows: [u] } = await c.query<{ id: string }>(
        `INSERT INTO app_user (email, display_name, password_hash, locale, totp_secret, totp_enabled_at, is_platform_admin)
         VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id`,
        [l.email, l.name, passwordHash, l.org === 'federal' || l.org === 'comitep' ? 'fr' : 'nl', mfa ? DEMO_TOTP_SECRET : null, mfa ? new Date() : null, l.platformAdmin ?? false]);
      for (const role of l.roles) {
        await c.query(`INSERT INTO role_assignment (organisation_id, user_id, role, valid_from) VALUES ($1,$2,$3,$4)`, [orgIds[l.org], u.id, role, '2023-01-01']);
      }
      // Each demo person belongs to the organisation that gave them roles (platform administrators to the platform).
      if (l.roles.length > 0) {
        await c.query(`INSERT INTO organisation_member (organisation_id, user_id, display_name, joined_at) VALUES ($1,$2,$3,now())`, [orgIds[l.org], u.id, l.name]);
        if (!l.platformAdmin) await c.query(`UPDATE app_user SET home_organisation_id = $1 WHERE id = $2`, [orgIds[l.org], u.id]);
      }
      if (l.org === 'zone') {
        const [first, ...rest] = l.name.split(' ');
        await c.query(`INSERT INTO person (organisation_id, personnel_number, first_name, last_name, email, staff_category, grade, unit_id, function_title, start_date, user_id)
                       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`,
          [zone, `DEMO${String(i + 1).padStart(4, '0')}`, first, rest.join(' '), l.email, l.roles.includes('dpo') ? 'calog' : 'operational', l.roles.includes('chief') ? 'HCP' : 'CP', unitIds.get(l.roles.includes('chief') || l.roles.includes('integrity_officer') ? 'DIR' : 'DIT'), l.roles[0], '2015-09-01', u.id]);
      }
    }
    await c.query('COMMIT');
    for (const m of modules) notes.push(...((await m.demo?.(url)) ?? []));
    return true;
  } catch (err) {
    await c.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    await c.end();
  }
}
