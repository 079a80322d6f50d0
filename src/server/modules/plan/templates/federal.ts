import { ORG, type PlanTemplate } from './types.js';

/**
 * (Over 400 lines because it is data: the seed plan's objectives and actions as written there.)
 *
 * Integrity policy of the Federal Police (permanent note of the
 * Commissaris-generaal, service CG/Integriteit), seed 000.
 *
 * Transcription notes:
 * - The seed is an OCR of a scanned note. Repaired artefacts: "CG/lntegrity"
 *   (lower-case L) -> "CG/Integrity"; "00 9.5" .. "00 9.8" -> "OD 9.5" .. "OD 9.8";
 *   "integriteits management" (lost line-end hyphen) -> "integriteitsmanagement";
 *   "v1s1e" -> "visie"; "con trol" -> "control"; "·--" -> "…"; footnote markers
 *   ("jaarlijks1", "beroepsgeheim2", "CORESPO-methodiek3") dropped.
 * - The seed has no title page; its running footer "PERMANENTE NOTA" is used as title.
 * - No period is stated. No vulnerable processes are listed (SD 1 asks to map them).
 * - `needs` holds the three conditions the 2018-2019 interview round identified.
 * - Owners are only set where the seed names who carries the OD.
 * - Adoption: "de Federale Politie" is written as `ORG`; the federal services the
 *   seed names (CG/Integrity, TIWK, DRI, ANPA, CGC) are kept, as the template is
 *   for entities of the federal police.
 */
export const federalTemplate: PlanTemplate = {
  key: 'federal',
  seedFile: '000_362ff56fa1e41fd7.txt',
  language: 'nl',
  entityName: 'Federale Politie',
  title: 'PERMANENTE NOTA',
  ambition:
    'Onze visie bestaat erin een open en ethische organisatiecultuur te ontwikkelen waarbij integriteitsthema\'s openlijk bespreekbaar worden, waarbij gewenst gedrag gestimuleerd wordt en ongewenst gedrag ontmoedigd wordt, waarbij controle en stimulans in evenwicht zijn en waarbij we samen werken aan een shift van passieve naar actieve verantwoordelijkheid op het vlak van integriteit in alle geledingen en op alle niveaus van de organisatie.',
  values: [
    { name: 'Integriteit' },
    { name: 'Respect' },
    { name: 'Open geest' },
    { name: 'Flexibiliteit' },
    { name: 'Dienstverlenende ingesteldheid' },
    { name: 'Fierheid' },
  ],
  needs: [
    `een definitie hebben van het begrip "integriteit" op maat van ${ORG}`,
    'een positieve, evenwichtige en mensgerichte benadering hebben van integriteit die verdergaat dan een controlerende en juridische invulling van deontologie',
    'een geïntegreerd integriteitsbeleid voeren, waarbij de samenwerking met en de coördinatie tussen alle interne en externe integriteitsactoren geoptimaliseerd wordt',
  ],
  vulnerableProcesses: [],
  priorityThemes: [],
  strategicObjectives: [
    {
      code: 'SD 1',
      title:
        "Uitwerken van een permanente beeldvorming van kwetsbare functies en processen en van integriteitsrisico's en dilemma's",
      description:
        'In het verleden zijn reeds belangrijke maatregelen getroffen om bepaalde functies en processen, die kwetsbaar zijn op het vlak van integriteit, te vrijwaren. Denken we maar aan bepaalde gespecialiseerde operationele functies of aan aankoopprocedures. Functies en processen hebben echter een evolutief karakter, wat van de organisatie een permanente opvolging vergt.',
      operationalObjectives: [
        {
          code: 'OD 1.1',
          title: `De uitvoering van een risicoanalyse op de kernopdrachten (functionaliteiten) van ${ORG}`,
          description:
            `CG/Integrity voert deze risicoanalyse uit, met de directies-generaal in ondersteuning. De functionaliteitenfiches, ontwikkeld in het kader van het personeelsbehoefteplan, vormen hiervoor de basis. Per functionaliteit die een risico inhoudt worden één of meerdere procesverantwoordelijken aangeduid die een systematische informatie-uitwisseling met CG/Integrity bewerkstelligen, ten einde een globale en permanente beeldvorming inzake integriteitsrisico's in ${ORG} te realiseren.`,
          owner: 'CG/Integrity',
          coActors: ['directies-generaal'],
          actions: [],
        },
        {
          code: 'OD 1.2',
          title:
            `De realisatie van een systematische en gedepersonaliseerde informatie-uitwisseling met betrekking tot integriteit in ${ORG}`,
          description:
            `De diensten die, in alle componenten, belast zijn met de PUF-materie, en in het bijzonder met de interne en kwaliteitscontrole (audit Incl.), met de tucht, met welzijn, met de medische of psychosociale begeleiding, met diversiteit, met leadership, met personeelsbeheer en -management, met privacy en dataprotection rapporteren jaarlijks hun vaststellingen en mogelijke risico's inzake integriteit die het individuele niveau overstijgen en ${ORG} als organisatie kunnen aanbelangen aan CG/Integrity. Dit alles met een strikt respect voor het beroepsgeheim.`,
          actions: [],
        },
        {
          code: 'OD 1.3',
          title: 'De integratie van externe vaststellingen in de beeldvorming',
          owner: 'CG/Integrity',
          actions: [
            {
              title:
                "de integratie van de conclusies en aanbevelingen van de externe instanties (toezichtsorganen, commissies, werkgroepen, …) met betrekking tot integriteitsthema's",
              owner: 'CG/Integrity',
            },
            {
              title:
                'de inwerkingstelling, in samenwerking met de betrokken diensten, van deze conclusies en aanbevelingen',
              owner: 'CG/Integrity',
              coActors: ['de betrokken diensten'],
            },
          ],
        },
      ],
    },
    {
      code: 'SD 2',
      title: 'Uitbouwen van netwerken en overlegstructuren ter bevordering van integriteitsmanagement',
      description:
        `Tussen de integriteitsactoren van ${ORG} wordt een structurele samenwerking en informatie-uitwisseling gerealiseerd, met respect voor het beroepsgeheim.`,
      operationalObjectives: [
        {
          code: 'OD 2.1',
          title:
            'Het verduidelijken van de specifieke taken van CG/Integrity, TIWK, de vertrouwenspersonen welzijn en de vertrouwenspersonen integriteit en het sensibiliseren van onze medewerkers hieromtrent',
          actions: [],
        },
        {
          code: 'OD 2.2',
          title: 'Het aanduiden van een SPOC integriteit per component',
          description:
            `Deze SPOC's vormen het eerste aanspreekpunt van CG/Integrity voor de implementatie en monitoring van integriteitsprojecten binnen de betrokken component en voor de gezamenlijke verdere uitbouw van het integriteitsmanagement van ${ORG}. CG/Integrity staat in voor de vorming en begeleiding van de SPOC's.`,
          actions: [],
        },
        {
          code: 'OD 2.3',
          title: 'Het in plaats stellen van een overlegstructuur tussen de diensten en personen, vermeld in OD 2.1 en 2.2',
          actions: [],
        },
        {
          code: 'OD 2.4',
          title: 'De deelname aan de externe netwerken',
          description:
            `CG/Integrity vertegenwoordigt ${ORG} bij nationale en internationale partners inzake integriteitsmanagement.`,
          owner: 'CG/Integrity',
          actions: [],
        },
      ],
    },
    {
      code: 'SD 3',
      title: 'Het ontwikkelen en implementeren van integriteitsprojecten en -acties in de directies',
      operationalObjectives: [
        {
          code: 'OD 3.1',
          title: 'Het ontwikkelen en implementeren van gerichte integriteitsprojecten en -acties in de directies',
          description:
            "In functie van de beeldvorming, de opdrachten van onze autoriteiten of de initiatieven genomen door het Directiecomité, de directeurs-generaals of de directeurs, worden specifieke acties opgestart die betrekking hebben op welbepaalde directies of diensten of op welbepaalde thema's. CG/Integrity biedt hiertoe de nodige ondersteuning aan de betrokken component, directie of dienst. Zij heeft hiertoe de CORESPO-methodiek ontwikkeld (CORESPO staat voor 'Corporate Responsibility of Police'). CG/Integrity gaat hierbij voornamelijk preventief en proactief te werk.",
          coActors: ['CG/Integrity'],
          // The four steps of the CORESPO methodology as OD 3.1 lists them.
          actions: [
            { title: "de organisatiecultuur en de risico's van de betrokken directie/dienst geanalyseerd worden" },
            { title: "deze risico's getoetst worden aan de bestaande praktijk en regelgeving" },
            { title: 'oplossingen vertaald worden in een integriteitsmanagementplan' },
            {
              title:
                'de ganse inspanning gemonitord en geëvalueerd wordt en teruggekoppeld wordt aan de (algemene) directie',
            },
          ],
        },
        {
          code: 'OD 3.2',
          title:
            'Het transversale thema "integriteit" verder integreren in de basisopleiding en de voortgezette opleiding door ANPA',
          owner: 'ANPA',
          actions: [],
        },
        {
          code: 'OD 3.3',
          title:
            'De personeelsdossiers kwaliteitsvol beheren en opvolgen, met bijzondere aandacht voor het respecteren van de evaluatietermijnen door de personeelsdiensten op de verschillende echelons',
          owner: 'personeelsdiensten',
          actions: [],
        },
      ],
    },
    {
      code: 'SD 4',
      title: 'Het versterken van de omkadering en het bevorderen van ethisch leiderschap',
      description:
        'Voor de realisatie van onze cultuurshift naar actieve verantwoordelijkheid zijn de omkadering van het personeel in het algemeen en de bevordering van ethisch leiderschap in het bijzonder de kritische succesfactoren bij uitstek.',
      operationalObjectives: [
        {
          code: 'OD 4.1',
          title:
            'De verankering van het integriteitsmanagement in het beleid van de directeurs-generaal, van de directeurs en van mezelf',
          description:
            'Dit gebeurt door de expliciete behandeling van integriteitsmanagement in de opdrachtbrieven, visieteksten en ondernemingsplannen.',
          actions: [],
        },
        {
          code: 'OD 4.2',
          title:
            'De ontwikkeling van een visie en actieplan leadership met bijzondere aandacht voor waardengericht leiderschap door CG/Integrity, in samenwerking met de SPOC van de component',
          description:
            'De visie en dit actieplan leadership betreffen zowel het hoger als het middenkader. Het actieplan bevat een analyse van de hiërarchische structuur, met bijzondere aandacht voor de span of control van elke chef, zodanig dat aansturing, ondersteuning, opvolging en controle effectief kunnen worden gerealiseerd. Het beschrijft de verwachtingen ten aanzien van elke chef inzake: voorbeeldgedrag; ethische besluitvorming in werkoverleg en debriefing; operationele briefing en debriefing (naast het operationele luik van de debriefing, dient hierbij aandacht besteed aan het laten ventileren van stressvolle situaties en van ongepast of laakbaar gedrag; opvolging en controle; groepsoverleg, waarbij ook tijd vrij gemaakt wordt voor de bespreking van ethische dilemma\'s en vastgestelde of mogelijke integriteitsproblemen; individueel overleg, waarbij medewerkers ook aangesproken worden op gewenst en ongewenst gedrag; de planning en evaluatie van de medewerkers, waarbij de opdrachten en taken van elke medewerker duidelijk beschreven worden en waarbij zijn/haar professionele verantwoordelijkheden in extenso aan bod komen met behulp van het waardenkompas. Het algemene actieplan "leadership" kan door de verschillende componenten worden aangevuld in functie van hun specifieke opdrachten.',
          owner: 'CG/Integrity',
          coActors: ['SPOC van de component'],
          actions: [],
        },
      ],
    },
    {
      code: 'SD 5',
      title: `Implementeren van de wetgeving rond het melden van integriteitsschendingen binnen ${ORG}`,
      description: 'De dienst CG/Integrity zal daartoe:',
      operationalObjectives: [
        {
          code: 'OD 5.1',
          title: 'Deelnemen aan de federale stuurgroepen ter aanpassing van de betrokken nationale wetgeving',
          owner: 'CG/Integrity',
          actions: [],
        },
        {
          code: 'OD 5.2',
          title:
            `De te volgen procedure met betrekking tot het melden van integriteitsinbreuken in de schoot van ${ORG} uitwerken en toepassen en communiceren over de materie`,
          owner: 'CG/Integrity',
          actions: [],
        },
        {
          code: 'OD 5.3',
          title:
            `Het netwerk van 'Vertrouwenspersonen Integriteit' in de schoot van ${ORG} implementeren en coördineren en duidelijk communiceren over de materie`,
          owner: 'CG/Integrity',
          actions: [],
        },
      ],
    },
    {
      code: 'SD 6',
      title: 'Uitbouw van een klantgericht klachtenbeheer',
      description:
        'Voor de realisering van deze strategische doelstelling is TIWK bevoegd met technische ondersteuning van DRI.',
      operationalObjectives: [
        {
          code: 'OD 6.1',
          title: 'Het garanderen van een betere zichtbaarheid en beschikbaarheid van het unieke klachtenloket voor burgers',
          owner: 'TIWK',
          coActors: ['DRI'],
          actions: [],
        },
        {
          code: 'OD 6.2',
          title: 'De uitbreiding van de klachtenregistratie met nieuwe thematieken en het voorzien van statistische data-analyse',
          owner: 'TIWK',
          coActors: ['DRI'],
          actions: [],
        },
        {
          code: 'OD 6.3',
          title: 'Het verbeteren van de doorlooptijd, de opvolging en de kwaliteit van antwoorden op klachten van burgers',
          owner: 'TIWK',
          coActors: ['DRI'],
          actions: [],
        },
        {
          code: 'OD 6.4',
          title: 'De uitbouw van constructieve relaties met het Comité P, de AIG en UNIA inzake klachtenbeheer',
          owner: 'TIWK',
          coActors: ['DRI'],
          actions: [],
        },
        {
          code: 'OD 6.5',
          title: 'Het realiseren van een jaarverslag klachten van burgers met aanbevelingen',
          owner: 'TIWK',
          coActors: ['DRI'],
          actions: [],
        },
      ],
    },
    {
      code: 'SD 7',
      title: 'Optimalisering van de toepassing van de tuchtprocedure',
      operationalObjectives: [
        {
          code: 'OD 7.1',
          title: 'Het efficiënter maken van de tucht, als onderdeel van het integriteitsbeleid',
          description: 'De tuchtoverheden werken aan de verbetering van de kwaliteit en de doorlooptijden van de tuchtdossiers.',
          owner: 'tuchtoverheden',
          actions: [],
        },
        {
          code: 'OD 7.2',
          title: 'De ontwikkeling van interne partnerschappen',
          description:
            'Met het oog op de verbetering van de behandeling van tuchtdossiers, ontwikkelt TIWK interne partnerschappen en installeert het een samenwerkingscharter met de tuchtoverheden.',
          owner: 'TIWK',
          coActors: ['tuchtoverheden'],
          actions: [],
        },
        {
          code: 'OD 7.3',
          title: 'De redactie van een jaarverslag tucht en het formuleren van aanbevelingen door TIWK',
          description: 'De tuchtoverheden bezorgen daartoe de nodige informatie aan TIWK.',
          owner: 'TIWK',
          coActors: ['tuchtoverheden'],
          actions: [],
        },
      ],
    },
    {
      code: 'SD 8',
      title: 'Realiseren van een evaluatie- en monitoringsysteem voor de projecten en het integriteitsmanagement',
      operationalObjectives: [
        {
          code: 'OD 8.1',
          title:
            'De ontwikkeling door de directeurs-generaal van een intern monitoringssysteem voor de specifieke integriteitsacties- en projecten die voortvloeien uit hun opdrachtbrieven en ondernemingsplannen',
          owner: 'directeurs-generaal',
          actions: [],
        },
        {
          code: 'OD 8.2',
          title: `De ontwikkeling, de monitoring en de evaluatie van het integriteits-managementsysteem van ${ORG}`,
          description: 'CG/Integrity verzekert deze operationele doelstelling door:',
          owner: 'CG/Integrity',
          actions: [
            {
              title:
                'de algemene opvolging van de realisatie van de strategische en operationele doelstellingen, beschreven in deze nota',
              owner: 'CG/Integrity',
            },
            { title: 'de opvolging van specifieke integriteitsprojecten', owner: 'CG/Integrity' },
            { title: 'de jaarlijks rapportering aan het Directiecomité', owner: 'CG/Integrity', timing: 'jaarlijks' },
          ],
        },
      ],
    },
    {
      code: 'SD 9',
      title: 'Verder uitbouwen en kenbaar maken van de rol van CG/Integrity',
      description: 'De dienst CG/Integrity zal daartoe:',
      operationalObjectives: [
        {
          code: 'OD 9.1',
          title:
            'De actieplannen ontwikkelen voor de supra geformuleerde strategische en operationele doelstellingen die aan haar zijn toegekend',
          owner: 'CG/Integrity',
          actions: [],
        },
        {
          code: 'OD 9.2',
          title: 'De coördinatie en coaching verzekeren van de netwerken en overlegstructuren',
          owner: 'CG/Integrity',
          actions: [],
        },
        {
          code: 'OD 9.3',
          title:
            'De resultaten van de beeldvorming en -monitoring inzake integriteitsmanagement op geregelde basis rapporteren aan de Commissaris-generaal en aan het Directiecomité en advies formuleren ter zake',
          owner: 'CG/Integrity',
          actions: [],
        },
        {
          code: 'OD 9.4',
          title: `${ORG} vertegenwoordigen bij de externe partners in deze materie`,
          owner: 'CG/Integrity',
          actions: [],
        },
        {
          code: 'OD 9.5',
          title: 'Een databank met "goede praktijken" ontwikkelen',
          owner: 'CG/Integrity',
          actions: [],
        },
        {
          code: 'OD 9.6',
          title:
            'Een interne communicatiestrategie "integriteit" ontwikkelen in samenwerking met CGC, zodat goede praktijken, projecten en beleid kenbaar gemaakt worden en alle medewerkers verder worden gesensibiliseerd',
          owner: 'CG/Integrity',
          coActors: ['CGC'],
          actions: [],
        },
        {
          code: 'OD 9.7',
          title:
            `De nodige integriteitsmethodieken -en tools ontwikkelen ter ondersteuning van het beleid en de werkzaamheden van de verschillende componenten van ${ORG}`,
          owner: 'CG/Integrity',
          actions: [],
        },
        {
          code: 'OD 9.8',
          title: 'De expertise inzake ethische bedrijfsvoering en integriteitsmanagement verder ontwikkelen',
          owner: 'CG/Integrity',
          actions: [
            {
              title: 'de stimulering van wetenschappelijk onderzoek in samenwerking met de universitaire wereld',
              owner: 'CG/Integrity',
            },
            { title: 'de samenwerking met buitenlandse politionele integriteitsactoren', owner: 'CG/Integrity' },
          ],
        },
      ],
    },
  ],
  actors: [
    {
      name: 'Commissaris-generaal',
      role: 'De Directeurs-generaal en ikzelf engageren zich om het integriteitsbeleid en de concrete uitvoering ervan actief te ondersteunen.',
    },
    {
      name: 'Directeurs-generaal',
      role: 'De Directeurs-generaal en ikzelf engageren zich om het integriteitsbeleid en de concrete uitvoering ervan actief te ondersteunen.',
    },
    {
      name: 'Directeurs en diensthoofden',
      role: 'De directeurs en diensthoofden vertalen dit engagement en dragen dit uit naar hun medewerkers.',
    },
    {
      name: 'Medewerkers',
      role: 'De medewerkers op alle niveaus geven gestalte aan het integriteitsbeleid door hun professioneel en kwaliteitsvol optreden.',
    },
    {
      name: 'CG/Integrity',
      role: `CG/Integrity vertegenwoordigt ${ORG} bij nationale en internationale partners inzake integriteitsmanagement. CG/Integrity staat in voor de vorming en begeleiding van de SPOC's.`,
    },
    {
      name: 'SPOC integriteit per component',
      role: `Deze SPOC's vormen het eerste aanspreekpunt van CG/Integrity voor de implementatie en monitoring van integriteitsprojecten binnen de betrokken component en voor de gezamenlijke verdere uitbouw van het integriteitsmanagement van ${ORG}.`,
    },
    {
      name: 'TIWK',
      role: 'Voor de realisering van deze strategische doelstelling (SD 6) is TIWK bevoegd met technische ondersteuning van DRI. Met het oog op de verbetering van de behandeling van tuchtdossiers, ontwikkelt TIWK interne partnerschappen en installeert het een samenwerkingscharter met de tuchtoverheden.',
    },
    { name: 'DRI', role: 'technische ondersteuning van TIWK (SD 6)' },
    {
      name: 'Tuchtoverheden',
      role: 'De tuchtoverheden werken aan de verbetering van de kwaliteit en de doorlooptijden van de tuchtdossiers.',
    },
    { name: 'Vertrouwenspersonen welzijn', role: 'Integriteitsactor (OD 2.1)' },
    { name: 'Vertrouwenspersonen Integriteit', role: "Het netwerk van 'Vertrouwenspersonen Integriteit' (OD 5.3)" },
    { name: 'ANPA', role: 'Het transversale thema "integriteit" verder integreren in de basisopleiding en de voortgezette opleiding (OD 3.2)' },
    { name: 'CGC', role: 'Een interne communicatiestrategie "integriteit" ontwikkelen in samenwerking met CGC (OD 9.6)' },
    { name: 'Directiecomité', role: 'de jaarlijks rapportering aan het Directiecomité (OD 8.2)' },
  ],
  monitoring:
    `De ontwikkeling door de directeurs-generaal van een intern monitoringssysteem voor de specifieke integriteitsacties- en projecten die voortvloeien uit hun opdrachtbrieven en ondernemingsplannen (OD 8.1); de ontwikkeling, de monitoring en de evaluatie van het integriteits-managementsysteem van ${ORG} door CG/Integrity (OD 8.2).`,
  evaluation:
    'CG/Integrity zal mij geregeld inlichten over de vorderingen in de realisatie van het integriteitsbeleid.',
  communication:
    'Een interne communicatiestrategie "integriteit" ontwikkelen in samenwerking met CGC, zodat goede praktijken, projecten en beleid kenbaar gemaakt worden en alle medewerkers verder worden gesensibiliseerd (OD 9.6).',
};
