import path from 'node:path';
import pg from 'pg';
import type { Actor, RoleGrant } from '../../platform/authz/actor.js';
import { createDatabase } from '../../platform/db/pool.js';
import { todayInBelgium } from '../../platform/deadlines/service.js';
import type { DilemmaStatus, DilemmaTheme } from './dilemma-contract.js';
import { makeDilemmaService, type DilemmaCtx } from './dilemma-service.js';

/**
 * Demo dilemmas of the demo zone (PZ-5999), written through the service (sealing and audit real): the
 * situations Schoten's plan (2.1, step 3) and the inspectorate's model name — confidential information,
 * enforcing rules on acquaintances, gifts from grateful citizens — and a few more of daily police work,
 * some named, some anonymous, some already reviewed or used in the dilemma training.
 */
async function ctxFor(c: pg.Client, email: string): Promise<DilemmaCtx> {
  const { rows: [u] } = await c.query<{ id: string; display_name: string; locale: 'nl' }>(`SELECT id, display_name, locale FROM app_user WHERE email = $1`, [email]);
  const { rows: grants } = await c.query<RoleGrant>(`SELECT organisation_id AS "organisationId", role FROM role_assignment WHERE user_id = $1 AND withdrawn_at IS NULL`, [u.id]);
  const actor: Actor = { userId: u.id, sessionId: 'demo', email, displayName: u.display_name, locale: u.locale, mfaVerified: true, totpEnabled: true, isPlatformAdmin: false, grants };
  return { actor, audit: { actorUserId: u.id, ip: null } };
}

interface DemoDilemma {
  by: string | null;
  daysAgo: number;
  text: string;
  whatIDid?: string;
  whatWouldHelp?: string;
  processCode?: string;
  themes: DilemmaTheme[];
  review?: { status: DilemmaStatus; note?: string };
}

const DILEMMAS: DemoDilemma[] = [
  {
    by: null, daysAgo: 62, processCode: 'schoten.database_consultation', themes: ['confidential_information'],
    text: 'Een vriendin vroeg me na een feestje of ik eens "in het systeem" wilde kijken of haar nieuwe vriend gekend is bij de politie. Ze maakt zich echt zorgen om haar kinderen.',
    whatIDid: 'Ik heb geweigerd en haar aangeraden naar de wijkagent te stappen, maar ik twijfel of ik haar zo niet in de steek liet.',
    whatWouldHelp: 'Een duidelijke uitleg die ik aan vrienden kan geven over waarom we dat niet mogen, en waar ze dan wel terechtkunnen.',
    review: { status: 'used_in_training', note: 'Gebruikt als casus in de dilemmatraining van de korpslesdag.' },
  },
  {
    by: 'medewerker@demo.kompas.be', daysAgo: 55, processCode: 'schoten.gifts', themes: ['gifts_and_favours'],
    text: 'Na een inbraak bracht het slachtoffer een doos pralines en een fles wijn naar het commissariaat als bedankje voor de ploeg.',
    whatIDid: 'De pralines hebben we met de ploeg gedeeld, de wijn heb ik teruggegeven. Ik weet niet of dat de juiste grens was.',
    whatWouldHelp: 'Een eenvoudige regel voor kleine geschenken van dankbare burgers en een plaats om ze te melden.',
    review: { status: 'reviewed', note: 'Aansluiten bij het register geschenken; verduidelijken in de nieuwsbrief.' },
  },
  {
    by: null, daysAgo: 41, processCode: 'federal.community_interactions', themes: ['rules_and_acquaintances'],
    text: 'Bij een verkeerscontrole hield ik de buurman van mijn ouders tegen. Hij had te veel gedronken en zei dat ik "toch wel een oogje kon dichtknijpen voor een bekende".',
    whatIDid: 'Ik heb een collega gevraagd de vaststelling over te nemen.',
    review: { status: 'used_in_training' },
  },
  {
    by: null, daysAgo: 30, themes: ['loyalty_to_colleagues', 'use_of_force'], processCode: 'schoten.detained_persons',
    text: 'Een ervaren collega gaf een aangehouden persoon in de cel een duw die niet nodig was. Niemand zei iets. Ik ben nog maar een jaar in dienst.',
    whatWouldHelp: 'Weten bij wie ik terechtkan zonder dat de hele ploeg het te weten komt.',
  },
  {
    by: 'diensthoofd@demo.kompas.be', daysAgo: 21, themes: ['conflicts_of_interest'], processCode: 'schoten.secondary_employment',
    text: 'Een inspecteur van mijn dienst wil als bijberoep beveiligingsadvies geven aan handelaars in de zone. Sommigen van hen zijn ook klanten van onze preventiedienst.',
    whatIDid: 'Ik heb hem gevraagd de nevenactiviteit eerst te melden en de korpschef om advies gevraagd.',
  },
  {
    by: null, daysAgo: 12, themes: ['private_life_and_social_media'],
    text: 'In een besloten groep op sociale media delen collega\'s foto\'s van interventies, soms met herkenbare mensen erop. Het wordt als grappig bedoeld.',
    whatWouldHelp: 'Afspraken over wat wel en niet kan, uitgelegd aan de hand van voorbeelden.',
    review: { status: 'reviewed', note: 'Bespreken met de kerngroep; mogelijk thema voor een communicatiecampagne.' },
  },
  {
    by: 'medewerker@demo.kompas.be', daysAgo: 5, themes: ['use_of_resources'], processCode: 'schoten.vehicles',
    text: 'Na een late dienst stelde een collega voor om met het dienstvoertuig even langs zijn huis te rijden, "want het is toch op de weg".',
  },
  {
    by: null, daysAgo: 2, themes: ['gifts_and_favours', 'rules_and_acquaintances'], processCode: 'schoten.gifts',
    text: 'De uitbater van het café op de markt geeft ons altijd gratis koffie en zegt er lachend bij dat we "zijn terras toch wel door de vingers zien" bij de controle op de terrasvergunningen.',
  },
];

function dayBefore(today: string, days: number): string {
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/** Loads the demo dilemmas; the module's `demo` calls it after the platform's demo organisations and logins. */
export async function loadDemoDilemmas(url: string): Promise<string[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const database = await createDatabase(url, { max: 2 });
  try {
    const zone = (await c.query<{ id: string }>(`SELECT id FROM organisation WHERE code = 'PZ-5999'`)).rows[0]?.id;
    if (!zone) return [];
    const officer = await ctxFor(c, 'integriteit@demo.kompas.be');
    const dataDir = path.resolve(process.env.KOMPAS_DATA_DIR || './data');
    const today = todayInBelgium();
    for (const d of DILEMMAS) {
      const day = dayBefore(today, d.daysAgo);
      const svc = makeDilemmaService({ db: database.db, dataDir, today: () => day });
      // Anonymous ones are shared by the demo staff member: nothing of them is stored.
      const author = await ctxFor(c, d.by ?? 'medewerker@demo.kompas.be');
      const body = { text: d.text, whatIDid: d.whatIDid, whatWouldHelp: d.whatWouldHelp, processCode: d.processCode ?? null, themes: d.themes, anonymous: d.by === null };
      await svc.submit(d.by ? author : { actor: author.actor, audit: { actorUserId: null, ip: null } }, zone, body);
      if (d.review) {
        const listed = await svc.list(officer, zone, {});
        const row = listed.dilemmas.find((x) => x.text === d.text)!;
        await svc.update(officer, zone, row.id, { status: d.review.status, ...(d.review.note ? { officerNote: d.review.note } : {}) }, row.revision);
      }
    }
    return [];
  } finally {
    await database.close();
    await c.end();
  }
}
