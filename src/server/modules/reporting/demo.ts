/**
 * Demo reports for `npm start` (issue 18, "Demo data"), written through the reporting service, the
 * reporter's portal and the vault, so that encryption, grants, history, deadlines and audit are the
 * real ones: the demo zone's escrow key, key pairs for the people of the channel (from the demo
 * password, so signing in unlocks them), the settings with the intro texts and the default
 * questionnaire, and five reports across the procedure, dated over the past months by the service's
 * clock (`ReportingDeps.today`).
 *
 * The escrow key's private half and the receipt of the newest (anonymous) report are returned as
 * lines to print with the demo logins: in a real organisation neither is ever printed or kept.
 */
import pg from 'pg';
import { recordAudit } from '../../platform/audit/service.js';
import type { Actor, RoleGrant } from '../../platform/authz/actor.js';
import { createDatabase } from '../../platform/db/pool.js';
import { withOrgTx } from '../../platform/db/tx.js';
import { todayInBelgium } from '../../platform/deadlines/index.js';
import type { Upload } from '../../platform/http/upload.js';
import { createMailer } from '../../platform/mail/index.js';
import { createEscrowKey, createUserKey, forgetSession, unlockAtPasswordSignIn } from '../../platform/vault/index.js';
import type { Locale } from '../../../shared/roles.js';
import type { NewReportBody, ReportSummary, SettingsBody } from './contract.js';
import { makeAdvice } from './advice.js';
import { makeReportingContext, type ReportingCtx, type ReportingDeps } from './context.js';
import { syncReportDeadlines } from './deadlines.js';
import { DEFAULT_QUESTIONS } from './defaults.js';
import { PortalSessions } from './portal.js';
import { makeReprisals } from './reprisals.js';
import { makeReportingService } from './service.js';

/** The demo password (scripts/demo/load.ts): the key pairs are wrapped under it, as a first sign-in would. */
const DEMO_PASSWORD = 'Kompas-demo-2026';
const ZONE = 'PZ-5999';

const PEOPLE = {
  officer: 'integriteit@demo.kompas.be',
  counsellor: 'vertrouwenspersoon@demo.kompas.be',
  coreGroup: 'kerngroep@demo.kompas.be',
  investigator: 'onderzoeker@demo.kompas.be',
  chief: 'korpschef@demo.kompas.be',
} as const;

/** Who receives, the protection the law gives and the external channels, in the four languages. */
export const DEMO_INTRO: Record<Locale, string> = {
  nl: [
    'Via dit meldingskanaal meldt u een vermoeden van een integriteitsschending binnen Politiezone Heide en Polder, zoals bedoeld in de wet van 8 december 2022 betreffende de meldingskanalen en de bescherming van de melders van integriteitsschendingen in de federale overheidsinstanties en bij de geïntegreerde politie.',
    'Wie ontvangt uw melding? De verantwoordelijke integriteit van de zone. Gaat uw melding over die persoon, dan kunt u hem of haar uitsluiten: uw melding gaat dan naar een lid van de kerngroep integriteit. Wie u uitsluit, ziet uw melding nooit.',
    'U kiest zelf: met uw naam, vertrouwelijk (alleen de ontvanger kent uw naam) of anoniem. Bewaar het ontvangstnummer dat u na het verzenden krijgt: daarmee leest u later de berichten en antwoorden, zonder account.',
    'Binnen 7 dagen bevestigen wij de ontvangst; binnen 3 maanden daarna krijgt u feedback over de opvolging. De wet beschermt u tegen elke vorm van represaille (ook een dreiging of poging) wanneer u te goeder trouw meldt. Uw identiteit wordt niet zonder uw toestemming doorgegeven.',
    'U kunt ook extern melden: bij het Vast Comité van Toezicht op de politiediensten (Comité P), of bij de federale Ombudsman (Centrum Integriteit), het externe meldingskanaal voor de federale administratie, dat melders ook informeert en ondersteunt. Wilt u eerst in vertrouwen praten, neem dan contact op met de vertrouwenspersoon integriteit.',
  ].join('\n\n'),
  fr: [
    "Ce canal vous permet de signaler une suspicion d'atteinte à l'intégrité au sein de la zone de police Heide en Polder, au sens de la loi du 8 décembre 2022 relative aux canaux de signalement et à la protection des auteurs de signalement d'atteintes à l'intégrité dans les organismes du secteur public fédéral et au sein de la police intégrée.",
    "Qui reçoit votre signalement ? Le responsable de l'intégrité de la zone. Si votre signalement le concerne, vous pouvez l'exclure : votre signalement est alors adressé à un membre du groupe central intégrité. Une personne exclue ne voit jamais votre signalement.",
    "Vous choisissez : avec votre nom, de manière confidentielle (seul le destinataire connaît votre nom) ou anonymement. Conservez le numéro de réception affiché après l'envoi : il vous permet de lire plus tard les messages et les réponses, sans compte.",
    "Nous accusons réception dans les 7 jours ; vous recevez un retour sur le suivi dans les 3 mois qui suivent. La loi vous protège contre toute forme de représailles (y compris la menace ou la tentative) lorsque vous signalez de bonne foi. Votre identité n'est pas communiquée sans votre consentement.",
    "Vous pouvez aussi signaler en externe : au Comité permanent de contrôle des services de police (Comité P), ou au Médiateur fédéral (Centre Intégrité), canal de signalement externe pour l'administration fédérale, qui informe et soutient aussi les auteurs de signalement. Pour en parler d'abord en confiance, adressez-vous à la personne de confiance intégrité.",
  ].join('\n\n'),
  de: [
    'Über diesen Meldekanal melden Sie einen Verdacht auf eine Integritätsverletzung in der Polizeizone Heide en Polder im Sinne des Gesetzes vom 8. Dezember 2022 über die Meldekanäle und den Schutz von Hinweisgebern bei Integritätsverletzungen in den föderalen öffentlichen Einrichtungen und bei der integrierten Polizei.',
    'Wer erhält Ihre Meldung? Der Integritätsverantwortliche der Zone. Betrifft Ihre Meldung diese Person, können Sie sie ausschließen: Ihre Meldung geht dann an ein Mitglied der Kerngruppe Integrität. Eine ausgeschlossene Person sieht Ihre Meldung nie.',
    'Sie wählen selbst: mit Ihrem Namen, vertraulich (nur der Empfänger kennt Ihren Namen) oder anonym. Bewahren Sie die Eingangsnummer auf, die Sie nach dem Absenden erhalten: Damit lesen Sie später Nachrichten und Antworten, ohne Konto.',
    'Innerhalb von 7 Tagen bestätigen wir den Eingang; innerhalb von 3 Monaten danach erhalten Sie eine Rückmeldung zur Weiterverfolgung. Das Gesetz schützt Sie vor jeder Form von Repressalien (auch Drohungen oder Versuchen), wenn Sie in gutem Glauben melden. Ihre Identität wird nicht ohne Ihre Zustimmung weitergegeben.',
    'Sie können auch extern melden: beim Ständigen Ausschuss für die Kontrolle über die Polizeidienste (Ausschuss P) oder beim Föderalen Ombudsmann (Zentrum Integrität), dem externen Meldekanal für die föderale Verwaltung, der Hinweisgeber auch informiert und unterstützt. Möchten Sie zuerst vertraulich sprechen, wenden Sie sich an die Vertrauensperson Integrität.',
  ].join('\n\n'),
  en: [
    'Through this channel you report a suspected integrity violation within the Heide en Polder Police Zone, as meant by the Act of 8 December 2022 on reporting channels and the protection of reporters of integrity violations in federal public bodies and the integrated police.',
    'Who receives your report? The zone\'s integrity officer. If your report concerns that person, you can exclude them: your report then goes to a member of the integrity core group. A person you exclude never sees your report.',
    'You choose: with your name, confidentially (only the recipient knows your name) or anonymously. Keep the receipt number you get after sending: with it you read messages and answers later, without an account.',
    'We acknowledge receipt within 7 days, and give you feedback on the follow-up within 3 months after that. The law protects you against any form of reprisal (including threats and attempts) when you report in good faith. Your identity is not disclosed without your consent.',
    'You can also report externally: to the Standing Police Monitoring Committee (Committee P), or to the Federal Ombudsman (Integrity Centre), the external reporting channel for the federal administration, which also informs and supports reporters. To talk in confidence first, contact the integrity confidential counsellor.',
  ].join('\n\n'),
};

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** A small one-page PDF with the given lines (ASCII), so the demo's attachment opens in a browser. */
export function demoPdf(lines: readonly string[]): Buffer {
  const esc = (s: string) => s.replace(/[\\()]/g, (ch) => `\\${ch}`);
  const stream = `BT /F1 11 Tf 56 780 Td 15 TL ${lines.map((l) => `(${esc(l)}) '`).join(' ')} ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((n) => `${String(n).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

interface Person { ctx: ReportingCtx; userId: string; sessionId: string }

async function personFor(c: pg.Client, email: string): Promise<Person> {
  const { rows: [u] } = await c.query<{ id: string; display_name: string; locale: Locale }>(`SELECT id, display_name, locale FROM app_user WHERE email = $1`, [email]);
  if (!u) throw new Error(`demo login ${email} is missing`);
  const { rows: grants } = await c.query<RoleGrant>(`SELECT organisation_id AS "organisationId", role FROM role_assignment WHERE user_id = $1 AND withdrawn_at IS NULL`, [u.id]);
  const sessionId = `demo-reporting:${email}`;
  const actor: Actor = { userId: u.id, sessionId, email, displayName: u.display_name, locale: u.locale, mfaVerified: true, totpEnabled: true, isPlatformAdmin: false, grants };
  return { ctx: { actor, audit: { actorUserId: u.id, ip: null } }, userId: u.id, sessionId };
}

/** Loads the reporting demo into the demo zone; returns the lines to print with the demo logins. */
export async function loadDemoReporting(url: string): Promise<string[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const database = await createDatabase(url, { max: 2 });
  const sessions: string[] = [];
  try {
    const { rows: [{ id: zone }] } = await c.query<{ id: string }>(`SELECT id FROM organisation WHERE code = $1`, [ZONE]);
    const officer = await personFor(c, PEOPLE.officer);
    const counsellor = await personFor(c, PEOPLE.counsellor);
    const coreGroup = await personFor(c, PEOPLE.coreGroup);
    const investigator = await personFor(c, PEOPLE.investigator);
    const chief = await personFor(c, PEOPLE.chief);
    const db = database.db;

    // Key pairs wrapped under the demo password, exactly as at a first sign-in; those who act here are unlocked for it.
    for (const p of [officer, counsellor, coreGroup, investigator]) {
      if (!(await unlockAtPasswordSignIn(db, p.userId, p.sessionId, DEMO_PASSWORD))) throw new Error('demo key pair did not open');
      sessions.push(p.sessionId);
    }
    await createUserKey(db, chief.userId, DEMO_PASSWORD, 'password');

    const escrow = await withOrgTx(db, zone, async (tx) => {
      const r = await createEscrowKey(tx, zone, officer.userId);
      await recordAudit(tx, officer.ctx.audit, { organisationId: zone, action: 'vault.escrow_create', details: { fingerprint: r.fingerprint } });
      return r;
    });

    // The service's clock walks through the past months; every step is dated by it.
    const today = todayInBelgium();
    let day = today;
    const at = (daysAgo: number) => { day = addDays(today, -daysAgo); };
    const deps: ReportingDeps = { db, mailer: createMailer(db, { from: 'demo' }), publicUrl: 'http://127.0.0.1:3000', today: () => day };
    const portalSessions = new PortalSessions();
    const svc = makeReportingService(deps, portalSessions);
    const advice = makeAdvice(makeReportingContext(deps));
    const reprisals = makeReprisals(makeReportingContext(deps), portalSessions);

    at(200);
    const settings: SettingsBody = {
      open: true, intro: DEMO_INTRO, questions: DEFAULT_QUESTIONS, ackDays: 7, feedbackMonths: 3, alertDaysBefore: 2,
      reprisalCheckMonths: [3, 6, 12], retentionMonths: 60, autoAck: null,
      // The integrity officer receives; the core group's member stands in when the reporter excludes the officer.
      recipients: [{ userId: officer.userId, kind: 'primary' }, { userId: coreGroup.userId, kind: 'alternate' }],
    };
    await svc.putSettings(officer.ctx, zone, settings, 0);

    /** A report filed in Dutch through the public page (or by the counsellor `via`). */
    const file = (body: Omit<NewReportBody, 'exclude' | 'language'>, uploads: Upload[] = [], via?: Person) =>
      svc.fileReport({ orgId: zone, body: { exclude: [], language: 'nl', ...body }, uploads, locale: 'nl', counsellor: via?.ctx });
    /** The reporter returns with the receipt, reads, and writes (or does `act` with the portal token). */
    const portal = async (receipt: string, body: string | null, uploads: Upload[] = [], act?: (token: string) => Promise<unknown>) => {
      const { token } = await svc.portal.access(zone, receipt);
      await svc.portal.view(zone, token);
      if (body !== null) await svc.portal.send(zone, token, body, uploads);
      if (act) await act(token);
      svc.portal.leave(token);
    };
    const read = (p: Person, id: string) => svc.view(p.ctx, zone, id);
    /** A recipient writes to the reporter (no files). */
    const write = (p: Person, id: string, body: string) => svc.message(p.ctx, zone, id, body, [], undefined);
    /**
     * The officer's first steps, each on its day: reads the report and acknowledges it, then finds
     * it admissible (and names an investigator, if given). Returns the report as it then stands.
     */
    const intake = async (id: string, steps: { ackOn: number; ack: string; admitOn: number; reason: string; investigator?: Person }) => {
      at(steps.ackOn);
      let s: ReportSummary = await read(officer, id);
      s = await svc.acknowledge(officer.ctx, zone, id, steps.ack, s.revision);
      at(steps.admitOn);
      s = await svc.admissibility(officer.ctx, zone, id, { admissible: true, reason: steps.reason }, s.revision);
      if (steps.investigator) s = await svc.investigator(officer.ctx, zone, id, steps.investigator.userId, s.revision);
      return s;
    };

    // 1. Closed, founded with measures; confidential; the reporter is followed up for reprisals. ---------------
    at(150);
    const r1 = await file({
      identityMode: 'confidential', name: 'Lotte Vermeulen', contact: 'Bereikbaar via mijn privé-gsm 0470 12 34 56, liefst na 17 uur.',
      category: 'misuse_of_resources',
      answers: {
        what: 'Een collega van de verkeersdienst gebruikt al maanden het anonieme dienstvoertuig (grijze Skoda) om na de dienst naar huis te rijden en in het weekend boodschappen te doen. Hij tankt met de tankkaart van de zone. In het rittenboek staan die ritten als "controle snelheid" ingevuld.',
        when: 'Sinds ongeveer september, bijna elke week',
        where: 'Post Polder, parking achteraan; tankstation aan de Steenweg',
        who: 'Een inspecteur van de verkeersdienst (vroege ploeg). Twee collega\'s van de ploeg weten het ook.',
        how_known: 'Ik heb het voertuig zelf meermaals op zaterdag aan zijn woning zien staan en heb de ritten in het rittenboek vergeleken met de planning.',
        reported_before: 'yes_internal',
      },
    });
    let s1 = await intake(r1.id, {
      ackOn: 147, ack: 'Beste melder, wij hebben uw melding goed ontvangen. De verantwoordelijke integriteit behandelt ze vertrouwelijk; u hoort binnen drie maanden van ons.',
      admitOn: 143, reason: 'Concreet vermoeden van oneigenlijk gebruik van middelen van de zone (voertuig en tankkaart), binnen het toepassingsgebied van de wet.', investigator,
    });
    at(138);
    await write(investigator, r1.id, 'Dank u voor uw melding. Weet u of de ritten ook in het elektronische rittenregister van de vloot staan, of enkel in het papieren rittenboek?');
    at(135);
    await portal(r1.receipt, 'Enkel in het papieren rittenboek, voor zover ik weet. Het voertuig heeft volgens mij geen track-and-trace.');
    at(90);
    s1 = await svc.feedback(officer.ctx, zone, r1.id, 'Het onderzoek heeft uw vermoeden bevestigd. De korpsleiding heeft maatregelen genomen; de details daarvan kunnen wij u om redenen van privacy niet meedelen. Wij ronden het dossier binnenkort af.', s1.revision);
    at(45);
    await read(officer, r1.id);
    await svc.close(officer.ctx, zone, r1.id, {
      outcome: 'founded_measures',
      body: 'Wij sluiten uw melding af: ze was gegrond en er werden maatregelen genomen (terugvordering van de brandstofkosten, een tuchtprocedure en een aangepaste regeling voor het gebruik van de anonieme voertuigen). Wij vragen u de komende maanden via dit kanaal of u na uw melding nadelige gevolgen hebt ondervonden. U kunt dat ook zelf op elk moment melden.',
    }, s1.revision);
    at(44);
    await reprisals.recordMeasure(officer.ctx, zone, r1.id, { takenOn: addDays(today, -45), description: 'Geen wijziging van ploeg, post of uurrooster van de melder zonder voorafgaand advies van de verantwoordelijke integriteit, gedurende twaalf maanden. Afgesproken met de korpschef en het diensthoofd verkeer.' });
    // The 3-month check-in (from the acknowledgement): the reporter answers through the portal that something changed.
    at(30);
    await portal(r1.receipt, null, [], (token) => reprisals.answerReprisal(zone, token, {
      months: 3, suffered: true,
      description: 'Sinds twee weken word ik niet meer ingepland voor de snelheidscontroles, die ik al jaren doe. Niemand wil zeggen waarom. Ik vermoed dat het met mijn melding te maken heeft.',
    }));
    at(27);
    const [reported] = (await reprisals.protectionView(officer.ctx, zone, r1.id)).reprisals;
    await reprisals.reprisalHandled(officer.ctx, zone, r1.id, reported.id);
    await reprisals.recordMeasure(officer.ctx, zone, r1.id, { takenOn: addDays(today, -27), description: 'Gesprek met het diensthoofd verkeer: de planning van de melder hersteld vanaf de volgende maand; de wijziging was niet met de verantwoordelijke integriteit besproken. Opvolging bij de volgende bevraging.' });

    // 2. In progress with the core group's advice; named. ------------------------------------------------------
    at(30);
    const r2 = await file({
      identityMode: 'named', name: 'Jasper Willems', contact: 'jasper.willems@example.be',
      category: 'conflict_of_interest',
      answers: {
        what: 'Bij een ongeval met takelen bellen de ploegen van de interventiedienst bijna altijd hetzelfde takelbedrijf, ook als dat niet aan de beurt is volgens de beurtrol. De zaakvoerder is de schoonbroer van een van de ploegchefs, die de ploegen daartoe aanspoort. Er zouden ook geschenken zijn gegeven aan het einde van het jaar (flessen wijn, bonnen).',
        when: 'Vooral de laatste zes maanden',
        where: 'Grondgebied van de zone, vooral de snelweg en de ring',
        who: 'Een ploegchef van de interventiedienst; de zaakvoerder van het takelbedrijf. Andere ploegleden weten ervan.',
        how_known: 'Ik ben zelf lid van een interventieploeg en heb het meermaals meegemaakt; een collega vertelde me over de geschenken.',
        reported_before: 'no',
      },
    });
    await intake(r2.id, {
      ackOn: 28, ack: 'Beste heer Willems, wij hebben uw melding goed ontvangen en behandelen ze vertrouwelijk.',
      admitOn: 26, reason: 'Mogelijk belangenconflict en aanvaarding van geschenken; raakt aan de beurtrol van de takeldiensten (gemeentelijk reglement).',
    });
    at(25);
    await advice.askAdvice(officer.ctx, zone, r2.id, {
      // The grant ends at the real end of `until`: a day still to come, or the member could not open it (the advice ends it anyway).
      userIds: [coreGroup.userId], until: addDays(today, 7),
      question: 'Graag het advies van de kerngroep over de volgende stappen: een intern onderzoek, het parket inlichten, of eerst een analyse van de beurtrol en de oproepen via de dispatching?',
    });
    at(20);
    const [asked] = (await advice.adviceView(coreGroup.ctx, zone, r2.id)).requests;
    await advice.giveAdvice(coreGroup.ctx, zone, r2.id, asked.id, 'Eerst de beurtrol en de oproepen van de dispatching van de laatste zes maanden analyseren. Zijn er aanwijzingen van voordelen, dan het parket inlichten (mogelijke omkoping). De ploegchef in afwachting niet meer betrekken bij takelopdrachten; geen contact met de melder over het onderzoek.');
    at(19);
    await write(officer, r2.id, 'Wij hebben uw melding voorgelegd aan de kerngroep integriteit. Kunt u ongeveer zeggen bij hoeveel tussenkomsten u dit zelf hebt meegemaakt?');

    // 3. Acknowledged and in progress, messages both ways with an attachment; anonymous; feedback overdue. ------
    at(102);
    const r3 = await file({
      identityMode: 'anonymous', category: 'information_breach',
      answers: {
        what: 'Een collega van de wijkdienst raadpleegt de ANG en het rijksregister over buren en kennissen, zonder dat daar een dossier of opdracht voor is. Hij vertelde in de refter over de "antecedenten" van de nieuwe vriend van zijn dochter.',
        when: 'Meermaals de afgelopen maanden',
        where: 'Wijkpost Heide',
        who: 'Een hoofdinspecteur van de wijkdienst',
        how_known: 'Ik was zelf aanwezig in de refter en heb het gehoord.',
        reported_before: 'no',
      },
    });
    await intake(r3.id, {
      ackOn: 100, ack: 'Wij hebben uw melding goed ontvangen. U kunt via dit kanaal berichten lezen en beantwoorden met uw ontvangstnummer.',
      admitOn: 97, reason: 'Raadplegingen van politionele gegevensbanken zonder wettige reden: ontvankelijk.', investigator,
    });
    at(95);
    await write(investigator, r3.id, 'Dank u voor uw melding. Herinnert u zich ongeveer op welke dagen dit gesprek plaatsvond? Dan kunnen wij de logbestanden van de raadplegingen gericht nakijken.');
    at(92);
    await portal(r3.receipt, 'Ik heb bijgehouden wanneer het ter sprake kwam; zie het bijgevoegde overzicht.', [{
      filename: 'overzicht-data.pdf', mimetype: 'application/pdf',
      data: demoPdf(['Overzicht - gesprekken in de refter', '', '12 augustus, middagpauze: over de nieuwe vriend van zijn dochter', '3 september, nachtdienst: over een buur met een parkeerconflict', '21 september, ochtend: "even nagekeken in de ANG"']),
    }]);
    at(88);
    await read(investigator, r3.id);
    await write(investigator, r3.id, 'Dank u, dit helpt ons verder. Het onderzoek loopt; wij houden u via dit kanaal op de hoogte.');
    at(60);
    await portal(r3.receipt, 'Is er al iets bekend? Ik merk dat de sfeer in de wijkpost gespannen is.');
    await read(officer, r3.id);
    // No feedback yet: its deadline (3 months after the acknowledgement) has passed.
    at(2);
    await advice.askAdvice(officer.ctx, zone, r3.id, {
      userIds: [coreGroup.userId], until: addDays(today, 12),
      question: 'De logbestanden tonen raadplegingen zonder dossier op de gemelde data. Volstaat een tuchtprocedure, of moet dit ook aan het parket (artikel 29 Sv.) en aan de DPO als datalek?',
    });

    // 4. Confidential, filed by the counsellor for someone who came to her; not yet acknowledged. ---------------
    at(5);
    await file({
      identityMode: 'confidential', name: 'Yasmine Bouzid', contact: 'Via de vertrouwenspersoon (Greet Stevens), niet rechtstreeks contacteren.',
      category: 'harassment_discrimination',
      answers: {
        what: 'Een jonge inspecteur (in dienst sinds vorig jaar) kwam bij mij langs. In haar interventieploeg worden geregeld racistische grappen gemaakt over haar afkomst, ook in de groepschat van de ploeg. Toen zij er iets van zei, kreeg zij de minst gewilde diensten. Zij wil dit melden maar is bang voor de gevolgen en wil dat ik het voor haar indien.',
        when: 'Sinds de zomer',
        where: 'Interventiedienst, ploeg C; groepschat van de ploeg',
        who: 'Twee inspecteurs van ploeg C; de ploegchef laat het gebeuren.',
        how_known: 'Gesprek met de melder op de vertrouwenspost; zij toonde mij schermafbeeldingen van de groepschat.',
        reported_before: 'no',
      },
    }, [], counsellor);

    // 5. Anonymous, just received through the public page: its receipt is printed to try the follow-up page. ---
    at(0);
    const r5 = await file({
      identityMode: 'anonymous', category: 'corruption',
      answers: {
        what: 'Bij de garage aan de industriezone krijgen enkele collega\'s van de verkeersdienst korting op onderhoud en banden voor hun privéwagen. In ruil wordt bij controles op de ring "een oogje dichtgeknepen" voor de bestelwagens van de garage.',
        when: 'Al minstens een jaar',
        where: 'Industriezone Noord; controles op de ring',
        how_known: 'Ik heb het horen vertellen door een van de betrokkenen.',
        reported_before: 'no',
      },
    });

    // What the next morning's run does: the reports' deadlines follow the rule (one feedback overdue, one acknowledgement soon).
    await withOrgTx(db, zone, (tx) => syncReportDeadlines(tx, zone));

    return [
      'Reporting channel (Politiezone Heide en Polder), DEMO ONLY — a real organisation never prints these:',
      `  receipt of the newest anonymous report ${r5.reference}: ${r5.receipt}  (follow-up page: /p/${ZONE}/report/follow-up)`,
      `  escrow key (private; for password recovery): ${escrow.privateKeyText}`,
    ];
  } finally {
    for (const s of sessions) forgetSession(s);
    await database.close();
    await c.end();
  }
}
