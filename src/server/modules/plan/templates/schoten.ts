import { ORG, type PlanTemplate, type TemplateAction } from './types.js';

/**
 * (Over 400 lines because it is data: the seed plan's objectives and actions as written there.)
 *
 * Integriteitsbeleidsplan of police zone Schoten (Politie Schoten), seed 003.
 *
 * Structure mapping. The plan is built on the three IMF pillars (chapter 2
 * "Instrumenten", chapter 3 "Implementeren van processen", chapter 4 "Opzetten
 * van structuren") plus chapter 5 "Evaluatie en verbetering". It does contain
 * explicit objectives: section 3.1 "Strategische en operationele doelstellingen"
 * has four strategic objectives, numbered 3.1.1 .. 3.1.4 and following the IMF
 * functions (define / [lost heading] / monitor / enforce), each introducing
 * "Operationele doelstellingen die hieronder horen zijn:" numbered 3.1.x.y.
 * Those are used as SDs and ODs with the seed's numbering as codes. The
 * bullets under an OD (or its "zullen"/"wordt" statements) are its actions.
 * Chapter 2 (instruments), 3.2 (implementation process), 4 (actors) and 5
 * (evaluation) are not objectives; they feed values, vulnerable processes,
 * actors, monitoring, evaluation and communication. The six-step risk analysis
 * of 2.1 (`schotenRiskAnalysisSteps`) is how the plan determines its needs, so
 * it fills the needs section, one step per line.
 *
 * Transcription notes (the seed is a poor OCR):
 * - Words run together ("Bepalenendefiniérenvanintegriteit") and diacritics are
 *   garbled ("definiéren", "geintegreerd", "codrdinator"); they are restored
 *   ("Bepalen en definiëren van integriteit", "geïntegreerd", "coördinator").
 * - The heading of 3.1.2 was lost in extraction; the section body starts
 *   mid-word with "uctureel integreren van het integriteitsbeleid binnen ons
 *   korps is essentieel ...". The four SDs follow the four IMF functions, and the
 *   other three carry the AIG model's names for them verbatim ("Bepalen en
 *   definiëren van integriteit", "Monitoren van integriteit", "Afdwingen van
 *   integriteit"), so 3.1.2 is the second function: its title is the model's
 *   "Begeleiden naar integriteit", its actions are tagged 'guide', and its body
 *   (completed to "Structureel") is its description.
 * - The bullets of 3.1.2.1 / 3.1.2.2 are separated from their codes by the
 *   two-column layout; "Beleid en structuur" belongs to 3.1.2.1 and
 *   "Leiderschap en cultuur" to 3.1.2.2. The first two sentences under
 *   "Leiderschap en cultuur" are not separated by a blank line and are kept as one action.
 * - Mis-numbered OCR headings in chapter 2 (e.g. "2.1.5 Stap 3") do not affect the data.
 * - No plan period is stated.
 *
 * Adoption: the zone's name ("PZ Schoten", the SCHOTEN acronym, "een veilig
 * Schoten") is written as `ORG` or neutrally, the date of its own korpslesdag
 * (17 September 2024) is dropped, its external confidants "via Politie
 * Antwerpen" become "via een andere politiezone". References to the seed's own
 * chapters point at the plan's sections instead (chapter 4 = section 4 Actoren,
 * 2.3.1 = section 5 Monitoring); the text 3.1.4 refers to (2.3.2, enforcing
 * integrity) is taken into its description.
 */

const define = (title: string, extra: Partial<TemplateAction> = {}): TemplateAction => ({
  title,
  imfFunction: 'define',
  ...extra,
});
const guide = (title: string, extra: Partial<TemplateAction> = {}): TemplateAction => ({
  title,
  imfFunction: 'guide',
  ...extra,
});
const monitor = (title: string, extra: Partial<TemplateAction> = {}): TemplateAction => ({
  title,
  imfFunction: 'monitor',
  ...extra,
});
const enforce = (title: string, extra: Partial<TemplateAction> = {}): TemplateAction => ({
  title,
  imfFunction: 'enforce',
  ...extra,
});

/** The six-step risk analysis of section 2.1 ("stappenplan"). */
export const schotenRiskAnalysisSteps: { step: number; title: string; description: string }[] = [
  {
    step: 1,
    title: 'Voorbereiding',
    description:
      'Wij stellen een team samen van diverse afdelingen en functies binnen het korps om verschillende perspectieven te waarborgen. Vervolgens definiëren wij de doelstellingen van de risicoanalyse en bepalen welke processen en functies onderzocht zullen worden.',
  },
  {
    step: 2,
    title: 'Identificatie van kritieke processen en functies',
    description:
      'Wij brengen alle processen en functies binnen het korps in kaart. Daarna identificeren wij de processen en functies die het meest gevoelig zijn voor integriteitsschendingen, zoals interne onderzoeken, omgang met bewijsstukken en interacties met de gemeenschap',
  },
  {
    step: 3,
    title: 'Analyse van ethische dilemma’s',
    description:
      'We willen begrijpen welke ethische dilemma’s politieambtenaren in hun dagelijks werk tegenkomen. Dit zouden we kunnen doen aan de hand van werkgroepen, interviews of een interne enquête.',
  },
  {
    step: 4,
    title: 'Stakeholderconsultatie',
    description:
      'We raadplegen belangrijke stakeholders, zoals gemeenteraadsleden, buurtcomités, en medewerkers, om hun bezorgdheden en verwachtingen ten aanzien van integriteit te verzamelen.',
  },
  {
    step: 5,
    title: 'Evaluatie van huidige maatregelen',
    description:
      'Wij evalueren daarom de bestaande integriteitsmaatregelen en procedures om te bepalen of ze voldoende zijn om de geïdentificeerde risico’s te beheersen. Daarbij identificeren wij eventuele tekortkomingen in de huidige maatregelen.',
  },
  {
    step: 6,
    title: 'Formuleren van beleidsaanbevelingen',
    description:
      'Op basis van de risicoanalyse en de input van stakeholders formuleren we concrete beleidsaanbevelingen.',
  },
];

export const schotenTemplate: PlanTemplate = {
  key: 'schoten',
  seedFile: '003_ed242ede88da23fb.txt',
  language: 'nl',
  entityName: 'Politie Schoten',
  title: 'Integriteitsbeleidsplan',
  ambition: 'We willen van integriteit een belangrijk aandachtspunt maken in onze organisatie.',
  // SCHOTEN! — one value per letter, with the current wording (section 2.2.1.1).
  values: [
    { name: 'Samenwerking', description: 'We werken positief samen met onze partners aan een veilige leefomgeving.' },
    { name: 'Collegialiteit', description: 'We zijn één team met respect en waardering voor ieders taak.' },
    { name: 'Hulpvaardigheid', description: 'We zijn betrokken en flexibel. We staan ten dienste van de bevolking.' },
    { name: 'Objectiviteit', description: 'We onthouden ons van elke vorm van discriminatie en partijdigheid.' },
    { name: 'Transparantie', description: 'We leggen verantwoording af, zijn open van geest en zichtbaar aanwezig.' },
    {
      name: 'Excellentie',
      description:
        'We streven naar een optimale dienstverlening op een klantgerichte, kwaliteitsvolle en probleemoplossende manier.',
    },
    {
      name: 'Normen',
      description: 'We zijn integer, vervullen een voorbeeldrol en houden ons aan onze deontologische code.',
    },
  ],
  // Chapter 2.1: the needs are determined by a risk analysis in six steps.
  needs: schotenRiskAnalysisSteps.map((s) => `Stap ${s.step}. ${s.title}: ${s.description}${/[.!?]$/.test(s.description) ? '' : '.'}`),
  // The 16 processes given priority in OD 3.1.1.4.
  vulnerableProcesses: [
    'Rekrutering, selectie en aanwerving van medewerkers',
    'Aanwending van middelen (budget en materiaal)',
    'Behandeling van aangehouden personen',
    'Beheer van in beslag genomen overtuigingsstukken',
    'Consultatie van gegevensbanken',
    'Ontvangen van geschenken',
    'Uitoefening van bijkomende beroepsactiviteiten',
    'Opvolging van het gebruik van materiaal',
    'Opvolging van het gebruik van voertuigen',
    'Opvolging van de veroorzaakte schadegevallen',
    'Opvolging van het gebruik van tankkaarten',
    'Opvolging van het gebruik van simkaarten voor telefonie- en dataverkeer',
    'Opvolging van arbeidsprestaties en inconveniënten',
    'Opvolging van het gebruik van de ter beschikking gestelde ICT-toestellen',
    'Opvolging van de kennisgevingen van nevenactiviteiten',
    'Functiescheiding bij aankoop van middelen',
  ],
  priorityThemes: [],
  strategicObjectives: [
    {
      code: '3.1.1',
      title: 'Bepalen en definiëren van integriteit',
      description:
        'Om integer handelen binnen ons korps te waarborgen, is het cruciaal om allereerst een duidelijke definitie van integriteit te formuleren. Deze definitie vormt de basis voor een gedetailleerd integriteitsbeleid met duidelijke richtlijnen en een passend sanctiebeleid voor alle medewerkers.',
      operationalObjectives: [
        {
          code: '3.1.1.1',
          title: 'Herdefiniëring van onze waarden',
          actions: [
            define('Op een korpslesdag zullen we samen onze waarden opnieuw definiëren', { timing: 'korpslesdag' }),
          ],
        },
        {
          code: '3.1.1.2',
          title: 'Identificatie van ethische dilemma’s',
          actions: [
            define(
              'Op dezelfde korpslesdag zullen we inventariseren welke ethische dilemma’s momenteel binnen het korps spelen door middel van een gezamenlijke denksessie',
              { timing: 'dezelfde korpslesdag' },
            ),
          ],
        },
        {
          code: '3.1.1.3',
          title: 'Ontwikkeling van een ethisch kompas',
          description:
            'Het ethisch kompas dient als: referentiekader voor integer werken en vakmanschap; handelingskader voor het omgaan met ethische dilemma’s; richtinggevend kader voor ethisch leiderschap en besluitvorming op leidinggevend niveau.',
          actions: [
            define(
              'Op basis van de geïdentificeerde dilemma’s en onze waarden zullen we een ethisch kompas ontwikkelen',
            ),
          ],
        },
        {
          code: '3.1.1.4',
          title: 'Detectie en beoordeling van integriteitsrisico’s',
          // The 16 priority processes themselves are in `vulnerableProcesses`.
          description:
            'Prioritaire processen: Rekrutering, selectie en aanwerving van medewerkers; Aanwending van middelen (budget en materiaal); Behandeling van aangehouden personen; Beheer van in beslag genomen overtuigingsstukken; Consultatie van gegevensbanken; Ontvangen van geschenken; Uitoefening van bijkomende beroepsactiviteiten; Opvolging van het gebruik van materiaal; Opvolging van het gebruik van voertuigen; Opvolging van de veroorzaakte schadegevallen; Opvolging van het gebruik van tankkaarten; Opvolging van het gebruik van simkaarten voor telefonie- en dataverkeer; Opvolging van arbeidsprestaties en inconveniënten; Opvolging van het gebruik van de ter beschikking gestelde ICT-toestellen; Opvolging van de kennisgevingen van nevenactiviteiten; Functiescheiding bij aankoop van middelen.',
          actions: [
            define(
              `We zullen integriteitsrisico’s binnen ${ORG} systematisch identificeren en in kaart brengen, waarbij we prioriteit geven aan de volgende processen`,
            ),
          ],
        },
        {
          code: '3.1.1.5',
          title: 'Integriteit in het personeelsbeleid',
          actions: [
            define(
              'We zullen systematisch aandacht besteden aan de geïntegreerde integriteitswaarden en -competenties in de functieprofielen voor het rekruterings-, selectie- en het bevorderingsbeleid',
            ),
          ],
        },
        {
          code: '3.1.1.6',
          title: 'Integriteit in het welzijnsbeleid',
          actions: [
            define(
              'We zullen het informatieveiligheidsbeleid versterken en waarborgen dat alle regelgeving inzake informatiebeheer wordt nageleefd, met het oog op een wettelijk gebruik van persoonsgegevens en informatie uit databanken',
            ),
          ],
        },
      ],
    },
    {
      code: '3.1.2',
      // Heading lost in the seed; see the file comment.
      title: 'Begeleiden naar integriteit',
      description:
        'Structureel integreren van het integriteitsbeleid binnen ons korps is essentieel voor het bevorderen van een cultuur van integriteit. Dit vereist een reeks operationele doelstellingen die bijdragen aan de dagelijkse naleving en versterking van onze kernwaarden.',
      operationalObjectives: [
        {
          code: '3.1.2.1',
          title: 'Beleid en structuur',
          actions: [
            guide('Een integriteitscoördinator wordt aangesteld als referentiepersoon en aanspreekpunt om het integriteitsbeleid uit te dragen, te ondersteunen en te coördineren waar nodig'),
            guide('Structuur voor integriteit: De bestaande structuren voor integriteit met alle actoren en hun verantwoordelijkheden zoals beschreven in punt 4 (Actoren) van dit plan, worden gewaarborgd en verder versterkt'),
            guide('Alle medewerkers van onze zone ondertekenen het integriteitscharter om hun betrokkenheid bij integriteit te bevestigen'),
            guide('De deontologische code is het beoordelingskader voor het handelen en voor eventuele disfuncties'),
            guide('We ontwikkelen heldere structuren en richtlijnen voor onder andere rekrutering, klachtafhandeling en klokkenluidersregelingen en zorgen ervoor dat deze voor iedereen toegankelijk zijn'),
            guide('Bespreking van het thema diversiteit en integriteit tijdens het intakegesprek van nieuwe medewerkers met de mandaathouder'),
            guide('Mentorschap voor nieuwe medewerkers: bijvoorbeeld aan de hand van een peter-meter systeem'),
          ],
        },
        {
          code: '3.1.2.2',
          title: 'Leiderschap en cultuur',
          actions: [
            guide('Leidinggevenden vervullen hun voorbeeldfunctie door ethisch leiderschap en het bespreken van integriteitsvraagstukken in een veilige werkomgeving. Leidinggevenden spelen een cruciale rol in het bevorderen van een integriteitscultuur door dienend leiderschap en het uitdragen van de organisatiewaarden', { owner: 'Leidinggevenden' }),
            guide('Oprichting van een integriteitsnetwerk: Het netwerk houdt de thematiek van integriteit levend en ondersteunt de implementatie van het integriteitsbeleid'),
            guide('Er wordt een positieve feedbackcultuur gecreëerd voor medewerkers die vakmanschap en integriteit tonen in hun werk'),
            guide('Dynamiseren van de visie, missie en waarden: De interne organisatie- en cultuurontwikkeling wordt gedynamiseerd door een hernieuwde focus op de visie, missie en waarden'),
            guide('Adequaat reageren op afwijkend gedrag door bespreken, afspreken, aanspreken en opvolgen'),
            guide('Stimuleren van een open cultuur over gedrag (dat beter kan)'),
            guide('Aangrijpen van fouten om eruit te leren en volgende keer beter te doen'),
          ],
        },
        {
          code: '3.1.2.3',
          title: 'HR-processen en opleidingen',
          actions: [
            guide('Integriteitsthema’s worden geïntegreerd in alle HR-processen, zoals aanwerving, onboarding, en evaluatie'),
            guide('De waarden en integriteitscompetenties van kandidaten worden tijdens selectie- en bevorderingsprocedures grondig getoetst'),
            guide('Tijdens de eedaflegging en onboarding van nieuwe leden ligt de focus op integriteit, met speciale aandacht voor het verstrekken van informatie over het integriteitsbeleid'),
            guide('Integriteit inbedden in functionerings- en evaluatiegesprekken: Integriteit en bijhorende competenties worden besproken tijdens de feedback, beoordeling en evaluatiecyclus van elke medewerker'),
            guide('We bevorderen deelname aan opleidingen en trainingen rond ethische besluitvorming, ethiek en deontologie, zowel voor medewerkers als leidinggevenden'),
            guide("Verduidelijken in gesprekken met medewerkers over ‘het belang van het moreel kompas'"),
            guide('Beoordelen van de competentie ‘integriteit’ in het adviesformulier voor kandidaat leidinggevenden als binair: je bent ‘integer’ of je bent het niet'),
          ],
        },
        {
          code: '3.1.2.4',
          title: 'Communicatie en informatiebeheer',
          actions: [
            guide('We implementeren een inclusieve communicatiestrategie die zowel interne als externe communicatie dekt, waarbij rekening wordt gehouden met de diversiteit binnen het korps en de gemeente'),
            guide('Via interne communicatie maken we het integriteitsbeleid transparant en bevorderen we het integriteitsbewustzijn'),
            guide(`Het imago en de reputatie van ${ORG} worden geïllustreerd door een uniforme huisstijl en aandacht voor het persoonlijk voorkomen en gedrag`),
            guide('We optimaliseren de informatiefluxen onder andere door in te stappen op het kennisplatform Learnr en BlueConnect en door het beheer van onze Sharepoint pagina’s'),
            guide('We bewaken de naleving van interne richtlijnen betreffende het gebruik van personele, materiële en budgettaire middelen'),
            guide('Opvolging van het gebruik van de databanken door periodieke steekproeven (logging controle) van de ‘redenraadpleging’ van entiteiten per medewerker', { timing: 'periodieke steekproeven' }),
          ],
        },
        {
          code: '3.1.2.5',
          title: 'Externe betrokkenheid en reflectie',
          actions: [
            guide('Integriteitsthema’s worden besproken tijdens reguliere overlegmomenten zoals korpslesdagen, stuurgroepen en teamvergaderingen'),
            guide('Deelname aan externe activiteiten en evenementen op het gebied van integriteit, om intern kennis en expertise te versterken en te borgen'),
          ],
        },
      ],
    },
    {
      code: '3.1.3',
      title: 'Monitoren van integriteit',
      description:
        'Om het integriteitsbeleid continu te verbeteren, implementeren we een evaluatiesysteem dat jaarlijkse monitoring en aanpassingen mogelijk maakt. We verbinden ons ertoe om jaarlijks zowel onze strategische als operationele doelstellingen te evalueren (zie punt 5, Monitoring).',
      operationalObjectives: [
        {
          code: '3.1.3.1',
          title: 'Ontwikkeling en uitvoering van het actieplan',
          description:
            'Dit actieplan dient als hefboom voor de resultaatgerichte uitvoering van het integriteitsbeleidsplan.',
          actions: [monitor('We stellen een actieplan op dat periodiek wordt opgevolgd en geëvalueerd', { timing: 'periodiek' })],
        },
        {
          code: '3.1.3.2',
          title: 'Implementatie van het dashboard integriteitsbeleid',
          description:
            'Dit dashboard faciliteert de monitoring en evaluatie van zowel het interne beleid als de interne strategie met betrekking tot integriteit.',
          actions: [
            monitor(
              'Als onderdeel van onze organisatiebeheersing, wordt een “dashboard integriteitsbeleid” geïmplementeerd',
            ),
          ],
        },
        {
          code: '3.1.3.3',
          title: 'Verbetermaatregelen en risicobeheersing',
          description:
            'De focus ligt hierbij op de volgende processen: Rekrutering, selectie en aanwerving van medewerkers; Aanwending van middelen (budget en materiaal); Omgaan met aangehouden personen; Beheer van in beslag genomen overtuigingsstukken; Consultatie van gegevensbanken; Ontvangen van geschenken; Uitoefening van bijkomende beroepsactiviteiten.',
          actions: [
            monitor(
              'Als het nodig is, nemen we verbetermaatregelen om integriteitsrisico’s te beheersen die onze kernprocessen en strategische doelen kunnen bedreigen',
            ),
          ],
        },
        {
          code: '3.1.3.4',
          title: 'Klachten- en risicoanalyse',
          actions: [
            monitor(
              `We analyseren het aantal en de aard van klachten, alsook tucht- of gerechtelijke dossiers tegen medewerkers van ${ORG}, om organisatorische risico’s voortvloeiend uit individuele disfuncties te identificeren en passende maatregelen te nemen`,
            ),
          ],
        },
        {
          code: '3.1.3.5',
          title: 'Toezicht op gegevensgebruik',
          actions: [
            monitor(
              'Er wordt toezicht gehouden op de reglementaire consultatie en het gebruik van persoonsgegevens en informatie uit databanken bij de uitvoering van opdrachten',
            ),
          ],
        },
      ],
    },
    {
      code: '3.1.4',
      title: 'Afdwingen van integriteit',
      description:
        'Hoewel we ernaar streven om integriteitsschendingen te voorkomen, is het essentieel om een effectief sanctiebeleid te hebben voor situaties waarin dit toch nodig blijkt. Het afdwingen van integriteit gebeurt door middel van informele en formele sancties. Informele sancties kunnen bestaan uit mondelinge terechtwijzingen, functioneringsgesprekken of sociale controle, terwijl formele sancties disciplinair of juridisch van aard kunnen zijn, afhankelijk van de ernst van de schending. Het is essentieel dat deze maatregelen rechtvaardig en consistent worden toegepast.',
      operationalObjectives: [
        {
          code: '3.1.4.1',
          title: 'Preventie en meldplicht',
          actions: [
            enforce(
              'Alle medewerkers worden aangemoedigd om ongepast gedrag te voorkomen, elkaar hierop aan te spreken en indien nodig melding te maken van dergelijk gedrag',
            ),
          ],
        },
        {
          code: '3.1.4.2',
          title: 'Reactie van leidinggevenden op integriteitsschendingen',
          description:
            'Dit omvat directe interventie, zoals het aanspreken van de betrokken medewerker, het voeren van een feedbackgesprek of het geven van een mondelinge waarschuwing. Indien nodig wordt dit gedrag gemeld aan de korpsleiding.',
          owner: 'Leidinggevenden',
          actions: [
            enforce(
              'Leidinggevenden dienen bij integriteitsschendingen of ongepast gedrag op te treden volgens het principe van “leiderschap met lef.”',
              { owner: 'Leidinggevenden' },
            ),
          ],
        },
        {
          code: '3.1.4.3',
          title: 'Procedure voor ernstige schendingen',
          description:
            'Dit kan inhouden: het opstellen van een functioneringsnota, het opstarten van een administratieve of tuchtprocedure, of het in gang zetten van strafrechtelijke procedures bij strafrechtelijke overtredingen.',
          actions: [
            enforce(
              'Conform de Wet van 8 december 2022 betreffende meldingskanalen en de bescherming van melders, worden integriteitsschendingen aangepakt door middel van formele maatregelen',
            ),
          ],
        },
        {
          code: '3.1.4.4',
          title: 'Registratie en rapportage',
          actions: [
            enforce(
              `Klachten worden geregistreerd en gerapporteerd. Tevens wordt een overzicht bijgehouden van het aantal klachten, formele functioneringsnota’s, ordemaatregelen en (geïnitieerde) tucht- en gerechtelijke dossiers met betrekking tot leden van ${ORG}`,
            ),
            enforce(
              'Deze informatie wordt periodiek overgemaakt aan de respectieve overheden (burgemeester, Vast Comité P, Tuchtraad, ...)',
              { timing: 'periodiek' },
            ),
            enforce(
              'Jaarlijks wordt er op geanonimiseerde wijze feedback gegeven aan de medewerkers van de organisatie',
              { timing: 'jaarlijks' },
            ),
          ],
        },
      ],
    },
  ],
  actors: [
    {
      name: 'De tuchtoverheden (burgemeester en korpschef)',
      role: 'Zij kunnen beslissen om, na kennisname van een mogelijk tuchtvergrijp en na voorafgaand onderzoek, het dossier te klasseren zonder gevolg of om een lichte of zware sanctie op te leggen.',
    },
    {
      name: 'Verantwoordelijke integriteit (integriteitscoördinator: de adviseur Innovatie)',
      role: 'Zij is verantwoordelijk voor het ontwikkelen, implementeren en evalueren van het integriteitsbeleid en coördineert de verschillende integriteitsinitiatieven binnen de zone. Daarnaast ontvangt en volgt zij formeel de meldingen op, adviseert zij de korpschef over eventuele vervolgstappen, volgt zij intern de maatregelen op, registreert zij de meldingen en rapporteert zij hierover jaarlijks aan de korpschef.',
    },
    {
      name: 'Vertrouwenspersonen integriteit (de vertrouwenspersonen Welzijn op het werk)',
      role: 'Hun taak is om eerstelijnsondersteuning te bieden aan medewerkers, vertrouwelijke meldingen te behandelen en indien nodig de meldingen door te verwijzen naar de verantwoordelijke integriteit.',
    },
    {
      name: 'Externe vertrouwenspersonen integriteit via een andere politiezone',
      role: 'een extra laag van onafhankelijkheid en ondersteuning bieden aan de interne structuur',
    },
    {
      name: 'Onderzoeker integriteit',
      role: 'De rol van de onderzoeker integriteit is om onpartijdige onderzoeken te voeren naar meldingen van integriteitsschendingen. Deze functie wordt ad hoc ingevuld.',
    },
    {
      name: 'Integriteitsnetwerk',
      role: 'Dit netwerk bestaat uit medewerkers van diverse teams en graden, die zich inzetten voor de implementatie en naleving van het integriteitsbeleid.',
    },
    {
      name: 'Kerngroep integriteit',
      role: 'Het is hun taak om collegiaal te beraadslagen over meldingen, de verantwoordelijke integriteit te adviseren over te nemen stappen en te zorgen voor een professionele en deskundige aanpak.',
    },
    {
      name: 'Verantwoordelijke van intern toezicht/klachtencoördinator',
      role: 'is belast met de coördinatie van interne klachten en houdt toezicht op de naleving van de integriteitsrichtlijnen binnen de organisatie.',
    },
    {
      name: 'Strategisch team en leidinggevenden',
      role: 'Door middel van dienend leiderschap en actieve betrokkenheid dragen zij bij aan de structurele verankering van integriteit in de organisatie.',
    },
    {
      name: 'Medewerkers',
      role: 'Alle medewerkers zijn verantwoordelijk voor het naleven van de integriteitsrichtlijnen en kunnen meldingen doen via de verschillende meldsystemen.',
    },
    {
      name: 'Korpsleiding',
      role: 'De korpsleiding stelt voldoende middelen beschikbaar om het integriteitsbeleid effectief uit te voeren. Dit omvat budget voor opleidingen, sensibiliseringscampagnes en de aanstelling van vertrouwenspersonen en onderzoekers.',
    },
    {
      name: 'Vast Comité P van toezicht op de Politiediensten',
      role: 'Zij behandelt klachten en meldingen over de werkwijze, interventies, handelingen of nalatigheden van politiediensten.',
    },
    {
      name: 'De algemene inspectie van de federale politie en de lokale politie',
      role: 'De algemene inspectie van de federale politie en lokale politie is verantwoordelijk voor het verbeteren van de werking en organisatie van politiediensten.',
    },
    {
      name: 'Het Openbaar Ministerie',
      role: 'Het is de Procureur des Konings die beslist over de finaliteit van het onderzoek.',
    },
  ],
  monitoring:
    'Actieve monitoring omvat maatregelen zoals dagelijkse supervisie door het management, formele controles en inspecties en de systematische registratie en analyse van klachten en meldingen. Passieve monitoring betreft de kanalen en mechanismen voor het melden van integriteitsschendingen, zoals klachtensystemen en klokkenluidersregelingen.',
  evaluation:
    'We organiseren jaarlijkse evaluaties van ons integriteitsbeleid en de stand van zaken over integriteit binnen ons korps. Tijdens deze evaluaties beoordelen we de implementatie en effectiviteit van de beleidsinstrumenten. Evaluatiecriteria zullen door het integriteitsnetwerk worden voorgesteld en door de korpsleiding gevalideerd.',
  communication:
    'Een effectieve en inclusieve communicatiestrategie is essentieel voor het bevorderen van integriteit binnen onze organisatie. Integriteit moet een integraal onderdeel vormen van al onze communicatie-inspanningen, zodat alle medewerkers en belanghebbenden zich bewust zijn van onze normen en waarden.',
};
