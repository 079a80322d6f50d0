import { ORG, type PlanTemplate } from './types.js';

/**
 * Beleidsplan Integriteit of police zone Brussels-Capital Elsene (PolBru), seed 002.
 *
 * Transcription notes:
 * - Codes are written as the seed numbers them ("S.D. 1", "O.D. 1.1"); the
 *   trailing full stop of the list label ("O.D. 1.1.") is dropped.
 * - SD titles follow the SD overview list. The OD page repeats them; for S.D. 7
 *   it differs ("... voor een eenvoudig toepasbare integriteitscode" instead of
 *   "... voor een heldere en duidelijk toepasbare integriteitscode"); the overview
 *   wording is kept. (The variant is a fact about the seed's pages, not plan
 *   content, so it is noted here only.)
 * - The seed lists no actions under the ODs (they are deferred to a separate
 *   "Actieplan Integriteit"), so every OD has an empty action list. The
 *   initiatives under "7. HUIDIGE VERWEZENLIJKINGEN" are existing measures, not
 *   OD actions; they inform actors/monitoring/communication below.
 * - `needs` holds the "beleidsuitdagingen" from which the plan derives its SDs:
 *   the six "hete hangijzers" (integrity issues) followed by the six
 *   integrity-management challenges, both per SEGPol. No vulnerable processes are listed.
 * - No plan period is stated (the plan was drawn up in 2023).
 * - Adoption: the zone's own name ("de politiezone Brussel HOOFDSTAD Elsene",
 *   "PolBru") is written as `ORG`.
 */
export const elseneTemplate: PlanTemplate = {
  key: 'elsene',
  seedFile: '002_45b846c377d29db4.txt',
  language: 'nl',
  entityName: 'Politiezone Brussel HOOFDSTAD Elsene',
  title: 'Beleidsplan Integriteit',
  ambition:
    `Ook in ${ORG} is de optimalisatie van het integriteitsbeleid met als streefdoel een politie die zich onderscheidt door haar dienstverlenende ingesteldheid en haar integer gedrag, een permanente doelstelling en absolute prioriteit.`,
  values: [
    {
      name: 'Integriteit',
      description:
        `Met de eerste waarde Integriteit bedoelen we het handelen in overeenstemming met de waarden van ${ORG} en de deontologische code. Het gaat over onpartijdigheid, respect, … waarbij medewerkers het vertrouwen van de collega’s, diensthoofden, van de burger en andere diensten niet misbruiken en waarbij ze in alle omstandigheden, zowel in het privé- als in het beroepsleven, het goede voorbeeld geven.`,
    },
    {
      name: 'Teamwork',
      description:
        'Teamwork omvat onder meer collegialiteit en solidariteit, het samen op zoek gaan naar gemeenschappelijke oplossingen, begrip tonen voor het werk van een ander, samen in dialoog gaan, …',
    },
    {
      name: 'Professionalisme',
      description:
        'Professionalisme veruiterlijkt zich in de capaciteit om zich aan te passen aan alle omstandigheden, in een voortdurend streven naar verbetering, het gebruik maken van middelen en openstaan voor nieuwe ideeën op een effectieve en efficiënte manier.',
    },
    {
      name: 'Respect',
      description:
        'Respect is ons uithangbord, ons imago, … Wees respectabel om gerespecteerd te worden. Behandel iedereen zoals je zelf behandeld wil worden: met respect. Stel de samenhorigheid en de goede verstandhouding voorop.',
    },
    {
      name: 'Klantgerichtheid',
      description:
        'Klantgerichtheid gaat over de klant tevredenstellen (intern en extern) door op de best mogelijke manier te antwoorden op zijn vraag (door te helpen, door te verwijzen) met eerbied voor het reglementair kader en hem op de hoogte te houden over de opvolging. Het is belangrijk om blijk te geven van openheid, beschikbaarheid en empathie. Ook werken met (interne of externe) partners telkens wanneer dit een toegevoegde waarde kan betekenen refereert naar klantgerichtheid.',
    },
    {
      name: 'Transparantie',
      description:
        'Voor een leidinggevende verwijst transparantie onder meer naar het geven van duidelijke instructies en relevante informatie opdat ondergeschikten hun opdrachten goed zouden kunnen uitvoeren. Het gaat ook over feedback geven over de dingen die goed gaan en die niet goed gaan met als doel een constante verbetering na te streven. Het samen zoeken naar oplossingen geldt voor iedereen. Onder transparantie wordt ook verstaan dat je het waarom van een beslissing kunt rechtvaardigen en onder woorden brengen. Dit geldt zowel voor diensthoofden als voor ondergeschikten naar burgers of partners toe. Het gaat om elkaar op de hoogte houden van belangrijke wijzigingen zoals op het vlak van wetgeving, procedures, enz.',
    },
    {
      name: 'Creativiteit',
      description:
        'Het steeds opnieuw vernieuwen, het stimuleren van een open geest en de zin voor initiatief maken deel uit van de waarde ‘Creativiteit’. Maar het gaat ook om creatief omspringen met de middelen die er ter beschikking worden gesteld, over oplossingen zoeken voor problemen waar geen pasklaar antwoord op bestaat.',
    },
    {
      name: 'Doorzettingsvermogen',
      description:
        'De welwillendheid tonen om ervoor te willen gaan, om vooruit te willen gaan. Je stelt alles in het werk om je werk (taak, missie) naar behoren uit te voeren ondanks de moeilijkheden. Je neemt verantwoordelijkheid en past je waar nodig aan aan verandering.',
    },
    {
      name: 'Loyaliteit',
      description:
        'Loyaliteit betekent in de eerste plaats trouw aan en respect voor de democratische instellingen en de bestaande regelgeving. Je onderschrijft de missie, visie en waarden van de politiezone en je ziet deze als een gemeenschappelijke opdracht. Het gaat over het belang om weloverwogen genomen beslissingen te respecteren en de taken die aan de politiemensen toegewezen zijn loyaal uit te voeren. Je houdt je aan beloftes en opdrachten. Je doet wat je zegt dat je zult doen of wat je wordt gevraagd, ook al heb je soms een andere mening. Loyaliteit is ook belangrijk onder collega’s. Je probeert daarom om met hen op eenzelfde golflengte te zitten, goed samen te werken en elkaar te helpen waar nodig. Loyaliteit betekent niet dat je je leidinggevende niet op een respectvolle en eerlijke manier mag aanspreken wanneer er zich een probleem voortdoet. Integendeel. Integer handelen kan ook betekenen dat je je ogen niet kan sluiten voor sommige situaties. Licht je leidinggevende in als je zaken binnen de organisatie vaststelt die in jouw ogen niet passen in het kader van integer handelen.',
    },
  ],
  needs: [
    // Zes hete hangijzers inzake politionele integriteit volgens SEGPOL
    'De aanwending van organisatiemiddelen',
    'Misbruik van professionele macht',
    'Problematische nevenactiviteiten',
    'Belangenconflicten',
    'Respect en diversiteit op de werkplek en op sociale media',
    'Professioneel profileren',
    // Zes uitdagingen op het vlak van integriteitsmanagement volgens SEGPOL
    'De rol van de leidinggevende inzake integriteitsmanagement',
    'De rol van de integriteitsverantwoordelijke in de politie',
    'Tucht: laatste redmiddel of eerste actie?',
    'Integriteit ontwikkelen tijdens de carrière bij individuen, bij teams en in de organisatie',
    'De bescherming van melders en de uitbouw van een meldingssysteem',
    'Een gecoördineerd en gemeenschappelijk integriteitsbeleid voor de GPI',
  ],
  vulnerableProcesses: [],
  priorityThemes: [],
  strategicObjectives: [
    {
      code: 'S.D. 1',
      title:
        'Versterken van de omkadering en het bevorderen van het bewustzijn en de voorbeeldfunctie via ethisch leiderschap op alle niveaus',
      operationalObjectives: [
        {
          code: 'O.D. 1.1',
          title:
            'Vormingsaanbod uitbreiden voor het management en leidinggevenden in de brede zin, zowel nu als in de toekomst met het oog op het aanscherpen van leidinggevende vaardigheden met een bijzondere aandacht voor de voorbeeldfunctie',
          actions: [],
        },
        {
          code: 'O.D. 1.2',
          title: 'Een management toolbox creëren ter ondersteuning bij coaching, leiding geven en leidinggevende taken',
          actions: [],
        },
        {
          code: 'O.D. 1.3',
          title:
            'Een kader en processen ontwikkelen om de kennis en ervaringsuitwisseling te bevorderen tussen de leidinggevenden/management',
          actions: [],
        },
        {
          code: 'O.D. 1.4',
          title:
            'De vaardigheden inzake ethisch leiderschap toetsen tijdens de aanwervings- en selectieprocedure en in de planningsgesprekken',
          actions: [],
        },
        {
          code: 'O.D. 1.5',
          title: 'Diensthoofden en management beter betrekken bij de concrete uitoefening van de taken van hun personeel',
          actions: [],
        },
      ],
    },
    {
      code: 'S.D. 2',
      title:
        'Aan de hand van zowel interne als externe transparante communicatie periodiek aandacht besteden aan integriteit zodat het een blijvend, levend en actueel thema op de agenda is en ervaringen en voortschrijdend inzicht groeien',
      operationalObjectives: [
        {
          code: 'O.D. 2.1',
          title:
            'Gebruiksvriendelijke communicatiekanalen ontwikkelen en communicatiekanalen vereenvoudigen voor de medewerkers voor betere, transparantere en kwalitatievere informatie en communicatie binnen het korps',
          actions: [],
        },
        {
          code: 'O.D. 2.2',
          title: 'Interne sensibiliseringscampagnes organiseren met het oog op het bevorderen van integriteit en wederzijds respect',
          actions: [],
        },
        {
          code: 'O.D. 2.3',
          title: 'Engagement delen met de burger en buitenwereld om o.a. imago van politie in stand te houden of te verbeteren',
          actions: [],
        },
      ],
    },
    {
      code: 'S.D. 3',
      title:
        'Het versterken van het integriteitsbeleid in de zone, het aanwakkeren van een integere organisatiecultuur en werken aan de morele fitheid van medewerkers om druk en verleiding te beperken en integriteitsdilemma’s te leren herkennen en ermee om te gaan',
      operationalObjectives: [
        {
          code: 'O.D. 3.1',
          title: 'Inzetten op preventie en inperken van integriteitsrisico’s door het actief aanbieden van opleidingen in de brede zin',
          actions: [],
        },
        {
          code: 'O.D. 3.2',
          title: 'Een informatieveiligheidsbeleid uitwerken en communiceren aan de medewerkers',
          actions: [],
        },
        {
          code: 'O.D. 3.3',
          title: 'Onthaalbeleid t.a.v. nieuwe collega’s aanpassen met specifieke nadruk op integriteit',
          actions: [],
        },
      ],
    },
    {
      code: 'S.D. 4',
      title:
        'De institutionele verankering van overlegstructuren met het oog op het bevorderen van de bespreekbaarheid en meldingsbereidheid',
      operationalObjectives: [
        {
          code: 'O.D. 4.1',
          title: 'Een advies- en overlegstructuur m.b.t. ethisch verantwoord handelen in het leven roepen',
          actions: [],
        },
        { code: 'O.D. 4.2', title: 'We stimuleren de meldingsbereidheid bij personeel', actions: [] },
        {
          code: 'O.D. 4.3',
          title: 'Interactie en betrokkenheid met andere diensten versterken ter ondersteuning van integriteit',
          actions: [],
        },
        { code: 'O.D. 4.4', title: 'Integriteitsnetwerk oprichten (intrazonaal)', actions: [] },
      ],
    },
    {
      code: 'S.D. 5',
      title: 'Reageren op en ombuigen van niet-integer gedrag door te voorzien in aangepaste en consequente reacties en oplossingen',
      operationalObjectives: [
        {
          code: 'O.D. 5.1',
          title: 'Onderzoeken van alternatieve reacties bij integriteitskwesties en intern communiceren hierover',
          actions: [],
        },
        {
          code: 'O.D. 5.2',
          title: 'Opvolgen/analyseren van voorgaande incidenten met het oog op preventie van toekomstige escalaties',
          actions: [],
        },
      ],
    },
    {
      code: 'S.D. 6',
      title:
        'Via beeldvorming, objectivering, monitoring en evaluatie grip behouden op integriteitsrisico’s, deze zoveel mogelijk voorkomen en integriteitsschendingen zo spoedig mogelijk signaleren en onderzoeken',
      operationalObjectives: [
        {
          code: 'O.D. 6.1',
          title: 'Klachtenprocedure overzichtelijker en toegankelijker maken voor de burger',
          actions: [],
        },
        {
          code: 'O.D. 6.2',
          title:
            'Consequente en regelmatige opvolging van integriteit (metingen) met bijhorende rapportage over alle actiepunten van het integriteitsplan',
          actions: [],
        },
      ],
    },
    {
      code: 'S.D. 7',
      title:
        'Inzetten op een helder en duidelijk beleid, regelingen en afspraken voor een heldere en duidelijk toepasbare integriteitscode',
      operationalObjectives: [
        {
          code: 'O.D. 7.1',
          title: 'De werking en/of processen overeen laten stemmen met de regelgeving',
          actions: [],
        },
        {
          code: 'O.D. 7.2',
          title: 'Thema’s detecteren waar onduidelijkheid of twijfels over bestaan en richtlijnen uitwerken om duidelijkheid te scheppen',
          actions: [],
        },
      ],
    },
  ],
  actors: [
    {
      name: 'Korpschef',
      role: 'Als jullie korpschef wil ik jullie hierbij zo goed mogelijk ondersteunen en jullie alles in handen geven om jullie werk naar behoren uit te oefenen.',
    },
    {
      name: 'Stuurgroep Integriteit',
      role: 'De stuurgroep bestond uit een vertegenwoordiging van de vier pijlers in onze politiezone (De functionele pijler DGF, de territoriale pijler DGT, de operationele pijler DGO en de beleidspijler DGG). Zij vormden de schakel met de diensten en vroegen hun feedback over de verschillende kwesties en agendapunten.',
    },
    {
      name: 'Selectiecommissie',
      role: 'Toepassing van de principes “Waardengericht rekruteren” door leden van de selectiecommissie',
    },
    {
      name: 'Mentoren',
      role: 'centrale opvolging en begeleiding van probatiestagiairs door mentoren gedurende 6 maanden',
    },
    { name: 'Interne Dienst voor Preventie en Bescherming op het Werk', role: 'Coaching & advisering' },
    { name: 'Vertrouwenspersonen Welzijn', role: 'Coaching & advisering' },
    { name: 'S-team', role: 'Coaching & advisering' },
    {
      name: 'HRM/Soc',
      role: 'De interne sociale ondersteuningsdienst op het werk die voorziet in psychosociale steun door een luisterend oor aan te bieden en samen met jou en eventueel jouw dienst of diensthoofd zoekt naar oplossingen in een sfeer van vertrouwen en objectiviteit',
    },
    {
      name: 'Data Protection Officer',
      role: 'waakt over de bescherming van persoonlijke gegevensverwerking en -verzameling binnen de politieorganisatie, verzekert dat de processen in de organisatie conform de GDPR-wetgeving verlopen en geeft indien nodig hierover advies om de processen in overeenstemming te brengen',
    },
    { name: 'Dienst Interne Zaken', role: 'Communicatie via het jaarverslag van de Dienst Interne Zaken' },
  ],
  monitoring:
    'Integriteit moet gemonitord worden. De zone moet ook zicht hebben op de mate waarin integriteit daadwerkelijk bestaat. Dat kan door passief monitoren en actief monitoren: bodycams; dagelijkse supervisie door het management; formele controles, zoals bijvoorbeeld inspecties; systematische registratie van klachten, onderzoeken, enz.',
  evaluation:
    'Via het PDCA-principe (Plan-Do-Check-Act) zal er de komende jaren continu gestreefd worden naar verbetering.',
  communication:
    'Over integriteit en over mogelijke reacties wordt gecommuniceerd via een doordachte combinatie van interne en externe communicatiemiddelen: via het Woord van de Korpschef; via teamoverleg en briefings; via de wekelijkse Vigilance vergaderingen; via het jaarverslag van de Dienst Interne Zaken; via brochures zoals bijvoorbeeld de brochure “Geweldloze communicatie”.',
};
