/**
 * Demo complaints for `npm start` (issue 19, "Demo data"): the demo zone's desk open, two years of
 * complaints at the rate of a zone of 300 staff (about 75 a year) across channels, themes,
 * seriousness and outcomes; a handful open past their target today (the late list); exactly one
 * staff member with repeated complaints (every other person named is named at most once a year);
 * the coordinator's recommendations for the yearly report of the last full year. The coordinator
 * klachten@ and the handler diensthoofd@ (complaint_handler) have key pairs from the demo password.
 *
 * The bulk is written through the vault and the repo with the day of each step (the complaints'
 * keys sealed to the coordinator, the handler and the escrow key, content encrypted), without a
 * status code: an Argon2id derivation per code would take minutes at start-up, and nobody holds
 * those codes. A recent complaint goes through the service with its code, which is returned as a
 * line to print with the demo logins (answered, to read the answer on the status page).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Actor, RoleGrant } from '../../platform/authz/actor.js';
import { createDatabase } from '../../platform/db/pool.js';
import { withOrgTx } from '../../platform/db/tx.js';
import { todayInBelgium } from '../../platform/deadlines/index.js';
import { translate } from '../../platform/i18n/index.js';
import { createEscrowKey, createRecordKey, encryptField, escrowStatus, forgetSession, grantRecordKey, unlockAtPasswordSignIn } from '../../platform/vault/index.js';
import type { Locale } from '../../../shared/roles.js';
import { DECISIONS, type Decision } from './contract.js';
import { addEntry, addEvent, ANSWER_FIELD, CONTENT_FIELD, refOf, type ComplaintContent, type ComplaintsCtx } from './context.js';
import { syncComplaintDeadlines } from './deadlines.js';
import { DEFAULT_ANSWER_TEMPLATES, defaultThemes } from './defaults.js';
import { fillTemplate } from './handling.js';
import { decisionLabels } from './messages.js';
import * as repo from './repo.js';
import { makeComplaintsService } from './service.js';
import { saveRecommendations } from './stats-repo.js';

const DEMO_PASSWORD = 'Kompas-demo-2026';
const ZONE = 'PZ-5999';
export const DEMO_COORDINATOR = 'klachten@demo.kompas.be';
export const DEMO_HANDLER = 'diensthoofd@demo.kompas.be';

const INTRO: Record<Locale, string> = {
  nl: 'Bent u ontevreden over een optreden of de houding van een medewerker van Politiezone Heide en Polder? Meld het hier. De klachtencoördinator bevestigt de ontvangst binnen 7 dagen en u krijgt een antwoord binnen 90 dagen. U kunt ook klacht indienen bij het Comité P.',
  fr: "Vous n'êtes pas satisfait d'une intervention ou de l'attitude d'un membre de la zone de police Heide en Polder ? Signalez-le ici. Le coordinateur des plaintes accuse réception dans les 7 jours et vous recevez une réponse dans les 90 jours. Vous pouvez aussi porter plainte auprès du Comité P.",
  de: 'Sind Sie mit einem Einsatz oder dem Verhalten eines Mitarbeiters der Polizeizone Heide en Polder unzufrieden? Melden Sie es hier. Der Beschwerdekoordinator bestätigt den Eingang innerhalb von 7 Tagen, und Sie erhalten innerhalb von 90 Tagen eine Antwort. Sie können sich auch an den Ausschuss P wenden.',
  en: 'Are you dissatisfied with an intervention or the attitude of a member of the Heide en Polder Police Zone? Tell us here. The complaints coordinator acknowledges receipt within 7 days and you receive an answer within 90 days. You can also complain to Committee P.',
};

const FACTS: readonly [theme: string, what: string][] = [
  ['behaviour', 'De agent die mijn aangifte opnam, was kortaf en liet me niet uitspreken.'],
  ['behaviour', 'Bij een controle werd ik op een neerbuigende toon aangesproken voor de ogen van mijn kinderen.'],
  ['traffic', 'Ik kreeg een boete voor fout parkeren terwijl er een geldige bewonerskaart achter de voorruit lag.'],
  ['traffic', 'Een combi reed zonder sirene of zwaailicht met hoge snelheid door de schoolstraat.'],
  ['failure_to_act', 'Ik heb drie keer gebeld over nachtlawaai en er is nooit iemand langsgekomen.'],
  ['failure_to_act', 'Mijn melding van een inbraakpoging werd niet geregistreerd.'],
  ['use_of_force', 'Bij mijn aanhouding werden de handboeien veel te strak aangelegd, mijn polsen waren dagenlang gekneusd.'],
  ['arrest', 'Mijn zoon werd zes uur vastgehouden zonder dat wij werden verwittigd.'],
  ['privacy', 'Een medewerker heeft informatie over mijn dossier gedeeld met mijn buurman.'],
  ['discrimination', 'Ik werd als enige in de groep gecontroleerd, volgens mij vanwege mijn afkomst.'],
  ['handling_of_complaint', 'Ik kreeg nooit antwoord op mijn vorige klacht van vorig jaar.'],
  ['other', 'Het onthaal van het commissariaat was op de aangekondigde openingsuren gesloten.'],
];
const PLACES = ['Marktplein', 'Stationsstraat', 'commissariaat Heide', 'Polderdijk', 'Kerkstraat', 'E34 afrit 7', 'Schoolstraat'];
/** The coordinator's recommendations in the yearly report of the last full year (in clear: they speak of the zone, never of a complainant). */
const RECOMMENDATIONS = [
  'Aanbevelingen van de klachtencoördinator',
  '',
  '1. Houding en gedrag blijven het grootste thema. Alle medewerkers van de interventiedienst volgen in het voorjaar de opleiding verbale communicatie en de-escalatie; het onthaal volgt in het najaar.',
  '2. Eén medewerker werd binnen twaalf maanden in meerdere klachten genoemd. De diensthoofd voert een begeleidingsgesprek en volgt de interventies van de dienst een half jaar mee op; dit is een signaal om te bekijken, geen oordeel.',
  '3. De behandeltermijn van 90 dagen werd in enkele dossiers overschreden, vooral wanneer bodycambeelden moesten worden opgevraagd. Vanaf januari worden beelden bij elke klacht over een interventie binnen de week opgevraagd.',
  '4. Klachten over niet-optreden bij nachtlawaai worden samen met de dispatching besproken; de terugbelprocedure wordt herzien.',
  '5. De publieke versie van dit verslag wordt op de website van de zone gepubliceerd en aan de politieraad voorgesteld.',
].join('\n');

const NAMES = ['J. Peeters', 'A. Dubois', 'M. Maes', 'S. Jacobs', 'K. Mertens', 'L. Willems', 'F. Claes', 'N. Goossens'];

/** A small deterministic generator: the demo is the same on every start. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

async function personFor(c: pg.Client, email: string) {
  const { rows: [u] } = await c.query<{ id: string; display_name: string; locale: Locale }>(`SELECT id, display_name, locale FROM app_user WHERE email = $1`, [email]);
  if (!u) throw new Error(`demo login ${email} is missing`);
  const { rows: grants } = await c.query<RoleGrant>(`SELECT organisation_id AS "organisationId", role FROM role_assignment WHERE user_id = $1 AND withdrawn_at IS NULL`, [u.id]);
  const sessionId = `demo-complaints:${email}`;
  const actor: Actor = { userId: u.id, sessionId, email, displayName: u.display_name, locale: u.locale, mfaVerified: true, totpEnabled: true, isPlatformAdmin: false, grants };
  const ctx: ComplaintsCtx = { actor, audit: { actorUserId: u.id, ip: null } };
  return { ctx, userId: u.id, sessionId };
}

/** Loads the complaints demo into the demo zone; returns the lines to print with the demo logins. */
export async function loadDemoComplaints(url: string): Promise<string[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const database = await createDatabase(url, { max: 2 });
  const db = database.db;
  const sessions: string[] = [];
  try {
    const { rows: [{ id: zone }] } = await c.query<{ id: string }>(`SELECT id FROM organisation WHERE code = $1`, [ZONE]);
    const coordinator = await personFor(c, DEMO_COORDINATOR);
    const handler = await personFor(c, DEMO_HANDLER);
    for (const p of [coordinator, handler]) {
      if (!(await unlockAtPasswordSignIn(db, p.userId, p.sessionId, DEMO_PASSWORD))) throw new Error('demo key pair did not open');
      sessions.push(p.sessionId);
    }
    const { rows: staff } = await c.query<{ id: string; unit_id: string | null }>(`SELECT id, unit_id FROM person WHERE organisation_id = $1 AND end_date IS NULL AND staff_category = 'operational' ORDER BY personnel_number LIMIT 120`, [zone]);
    const { rows: units } = await c.query<{ id: string }>(`SELECT id FROM org_unit WHERE organisation_id = $1 ORDER BY code`, [zone]);
    const repeated = staff[7];
    // The others named in turn, so that nobody else reaches the repeated-complaints signal (3 within 12 months).
    const others = staff.filter((p) => p !== repeated);
    let nextOther = 0;

    const today = todayInBelgium();
    await withOrgTx(db, zone, async (tx) => {
      if (!(await escrowStatus(tx, zone))) await createEscrowKey(tx, zone, coordinator.userId);
      await repo.saveSettings(tx, zone, { open: true, intro: INTRO, themes: defaultThemes(), triageDays: 14, answerTemplates: { ...DEFAULT_ANSWER_TEMPLATES } }, 0);
    });

    // Two years back to today, about 75 a year, a few more in spring and summer.
    const rand = rng(19);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
    const channels = ['online', 'online', 'online', 'phone', 'letter', 'email', 'email', 'desk', 'forwarded'] as const;
    const start = addDays(today, -730);
    let day = start;
    let n = 0;
    // One transaction for the bulk: a transaction per complaint made start-up seconds slower.
    await withOrgTx(db, zone, async (tx) => { while (true) {
      day = addDays(day, 2 + Math.floor(rand() * 8));
      if (day > addDays(today, -3)) break;
      n++;
      const [theme, what] = pick(FACTS);
      const channel = pick(channels);
      const anonymous = channel === 'online' && rand() < 0.2;
      const age = Math.round((Date.parse(today) - Date.parse(day)) / 86_400_000);
      const involved = n % 9 === 0 ? repeated : others.length ? others[nextOther++ % others.length] : undefined;
      // Open past their target today, for the late list: a few not acknowledged within 7 days, a few not answered within 90.
      const lateStep = age >= 9 && age < 30 && n % 3 === 0 ? 'acknowledge' : age > 95 && age < 200 && n % 4 === 0 ? 'resolve' : null;
      await (async () => {
        const id = randomUUID();
        const content: ComplaintContent = {
          v: 1, name: anonymous ? null : pick(NAMES), email: anonymous ? null : `burger${n}@example.org`, phone: null, address: null,
          what, occurredOn: addDays(day, -Math.floor(rand() * 5)), where: pick(PLACES), involved: rand() < 0.4 ? 'Combi, twee agenten' : null,
        };
        const { recordKey: key } = await createRecordKey(tx, refOf(zone, id), { users: [coordinator.userId] });
        const reference = await repo.nextReference(tx, zone, Number(day.slice(0, 4)));
        await repo.insertComplaint(tx, {
          id, organisationId: zone, reference, channel, forwardedBy: channel === 'forwarded' ? pick(['comite_p', 'aig', 'mayor', 'prosecutor'] as const) : null,
          forwardingReference: channel === 'forwarded' ? `CP/${day.slice(0, 4)}/${1000 + n}` : null, anonymous, language: 'nl', receivedOn: day,
          registeredBy: channel === 'online' ? null : coordinator.userId, codeHash: randomBytes(32).toString('hex'), content: encryptField(key, CONTENT_FIELD, JSON.stringify(content)),
        });
        await addEvent(tx, key, { orgId: zone, complaintId: id, kind: 'received', on: day, byUserId: null, details: { channel } });
        if (lateStep === 'acknowledge') return;
        const by = coordinator.userId;
        // How far the complaint went: the older, the further; a few stay late.
        const ackOn = addDays(day, 1 + Math.floor(rand() * (n % 11 === 0 ? 12 : 5)));
        if (ackOn >= today) return;
        await repo.updateComplaint(tx, zone, id, { status: 'acknowledged', acknowledged_on: ackOn }, false);
        await addEvent(tx, null, { orgId: zone, complaintId: id, kind: 'acknowledged', on: ackOn, byUserId: by });
        const triageOn = addDays(ackOn, 2 + Math.floor(rand() * 10));
        if (triageOn >= today) return;
        if (lateStep !== 'resolve' && rand() < 0.08) {
          await repo.updateComplaint(tx, zone, id, { status: 'inadmissible', admissible: false, triaged_on: triageOn, closed_on: triageOn }, false);
          await addEvent(tx, key, { orgId: zone, complaintId: id, kind: 'inadmissible', on: triageOn, byUserId: by, note: 'Geen feiten die een politiemedewerker betreffen.' });
          return;
        }
        if (lateStep !== 'resolve' && rand() < 0.06) {
          await repo.updateComplaint(tx, zone, id, { status: 'forwarded', forwarded_to: pick(['comite_p', 'judicial', 'disciplinary'] as const), forwarded_on: triageOn, closed_on: triageOn }, false);
          await addEvent(tx, key, { orgId: zone, complaintId: id, kind: 'forwarded', on: triageOn, byUserId: by, note: 'Strafrechtelijke feiten: doorgestuurd.' });
          return;
        }
        const handlerId = rand() < 0.7 ? handler.userId : coordinator.userId;
        await grantRecordKey(tx, key, [handlerId], { grantedBy: by });
        await repo.updateComplaint(tx, zone, id, {
          status: 'triaged', admissible: true, triaged_on: triageOn, seriousness: theme === 'use_of_force' || theme === 'discrimination' ? 'high' : pick(['low', 'low', 'medium'] as const),
          unit_id: involved?.unit_id ?? (units.length ? pick(units).id : null), handler_user_id: handlerId,
        }, false);
        await repo.setThemes(tx, zone, id, rand() < 0.2 && theme !== 'behaviour' ? [theme, 'behaviour'] : [theme]);
        if (involved) await repo.setStaff(tx, zone, id, [involved.id]);
        await addEvent(tx, null, { orgId: zone, complaintId: id, kind: 'triaged', on: triageOn, byUserId: by, details: { themes: [theme], handlerUserId: handlerId } });
        await addEntry(tx, key, { kind: 'hearing', on: addDays(triageOn, 7), byUserId: handlerId, body: 'Verhoor van de betrokken medewerker: hij geeft zijn versie van de feiten; de bodycambeelden worden opgevraagd.' });
        // Most are answered within the 90 days; a few recent ones wait, and a few old ones are late.
        const lead = 20 + Math.floor(rand() * (n % 13 === 0 ? 140 : 60));
        const answerOn = addDays(day, lead);
        if (answerOn >= today || lateStep === 'resolve' || (age < 200 && n % 13 === 0)) return;
        const decision: Decision = pick([...DECISIONS, 'unfounded', 'unfounded', 'partly_founded']);
        const text = fillTemplate(DEFAULT_ANSWER_TEMPLATES.nl, { reference, receivedOn: day, decision: translate('nl', decisionLabels[decision]) });
        await repo.updateComplaint(tx, zone, id, { status: 'answered', decision, decided_on: answerOn, answered_on: answerOn, answer: encryptField(key, ANSWER_FIELD, text) }, false);
        await addEvent(tx, null, { orgId: zone, complaintId: id, kind: 'answered', on: answerOn, byUserId: handlerId, details: { decision } });
        const closeOn = addDays(answerOn, 3 + Math.floor(rand() * 10));
        if (closeOn >= today) return;
        if (decision === 'well_founded' || decision === 'partly_founded') {
          await addEntry(tx, key, { kind: 'measure', on: closeOn, byUserId: handlerId, body: 'Functioneringsgesprek met de betrokken medewerker; opleiding verbale communicatie ingepland.' });
        }
        await repo.updateComplaint(tx, zone, id, { status: 'closed', closed_on: closeOn }, false);
        await addEvent(tx, null, { orgId: zone, complaintId: id, kind: 'closed', on: closeOn, byUserId: handlerId });
      })();
    } });

    // A recent complaint through the service, with its code: answered, for the status page.
    const svc = makeComplaintsService({ db, today: () => addDays(today, -20) });
    const answered = await svc.register(coordinator.ctx, zone, {
      channel: 'email', anonymous: false, name: 'Els Vermeulen', email: 'els.vermeulen@example.org', language: 'nl',
      what: 'Bij de verkeerscontrole op de Polderdijk sprak de inspecteur mij onbeleefd aan en weigerde hij zijn naam te geven.', where: 'Polderdijk', occurredOn: addDays(today, -24),
    }, []);
    let s = await svc.acknowledge(coordinator.ctx, zone, answered.id, 1);
    s = await svc.triage(coordinator.ctx, zone, answered.id, { admissible: true, themes: ['behaviour', 'traffic'], seriousness: 'low', staff: repeated ? [repeated.id] : [], unitId: repeated?.unit_id ?? null, handlerUserId: handler.userId }, s.revision);
    const svcLater = makeComplaintsService({ db, today: () => addDays(today, -4) });
    const view = await svcLater.view(handler.ctx, zone, answered.id);
    await svcLater.answer(handler.ctx, zone, answered.id, { decision: 'partly_founded', text: view.answerDraft.replace(/\[Toelichting\]/, 'De inspecteur had zijn naam moeten geven; hij werd daarop aangesproken. Voor het overige verliep de controle volgens de regels.') }, s.revision);

    const lastYear = Number(today.slice(0, 4)) - 1;
    const late = await withOrgTx(db, zone, async (tx) => {
      await syncComplaintDeadlines(tx, zone);
      // Written in January, after the year closed (or today, early in a year).
      const writtenOn = [today, `${lastYear + 1}-01-20`].sort()[0];
      await saveRecommendations(tx, zone, lastYear, 0, RECOMMENDATIONS, coordinator.userId, writtenOn);
      return (await repo.homeCounts(tx, zone, coordinator.userId, true, today)).late;
    });
    return [
      `Complaints desk (Politiezone Heide en Polder), ${n + 1} complaints, ${late} late, the yearly report ${lastYear} with recommendations — coordinator ${DEMO_COORDINATOR}, handler ${DEMO_HANDLER} (complaint_handler). DEMO ONLY:`,
      `  status code of ${answered.reference} (answered): ${answered.code}`,
    ];
  } finally {
    for (const s of sessions) forgetSession(s);
    await c.end();
    await database.close();
  }
}
