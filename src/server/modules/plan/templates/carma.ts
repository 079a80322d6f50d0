import { ORG, type PlanTemplate, type TemplateOperationalObjective } from './types.js';

/**
 * Integrity policy of police zone CARMA (PZ CARMA), seed 004.
 *
 * Transcription notes:
 * - SDs are headed "Strategische doelstelling N" in the seed; they are coded
 *   "SD N" here. The ODs are rows of an "OPERATIONELE DOELSTELLINGEN | ACTOR"
 *   table per SD and are NOT numbered in the seed: the codes "OD N.M" are
 *   assigned in table order. The ACTOR cell is copied verbatim into `owner`
 *   (e.g. "HR & Cel GWB", "TIWK i.s.m. Cel GWB").
 * - SD titles follow the overview of the seven SDs. The per-SD pages word SD 5
 *   and SD 6 slightly differently ("... van proces van permanente beeldvorming",
 *   "Inzetten om zo preventief als mogelijk ..."); the overview wording is kept.
 * - The rows labelled "Communicatieplan" (SD 3) and "Opleidingsplan" (SD 4 and
 *   SD 5) are not objectives: they say that the subject is worked out in the
 *   zone's communication or training policy. They are notes in the description of
 *   their SD (with the actor the row names), not ODs; their reference to CARMA's
 *   own "beleidslijn N ... van het beleidsplan 23-27" is written neutrally.
 * - "moo" is the OCR of "m.o.o." (met oog op), written out as "met het oog op"
 *   in the seven titles and the one description where it stands. Typing errors
 *   repaired: "beleidsadvixeur" -> "beleidsadviseur", "de de statutaire" -> "de
 *   statutaire". The seed's "dashbord" (a Dutch word too) is kept.
 * - The table lists no separate actions below the ODs, so `actions` is empty.
 * - Period: the integrity policy subscribes to "het beleidsplan 2023-2027 van
 *   politie CARMA"; that period is used.
 * - Adoption: "politie CARMA" and "PZ CARMA" are written as `ORG`.
 * - Values: the values the seed says fall under integrity ("collegialiteit,
 *   betrouwbaarheid, klantgerichtheid, objectiviteit, fatsoenlijkheid,
 *   effectiviteit en efficiëntie").
 */

const od = (code: string, title: string, owner?: string): TemplateOperationalObjective => ({
  code,
  title,
  ...(owner !== undefined ? { owner } : {}),
  actions: [],
});

/** Timing / evaluation items listed at the end of the seed (fragmentary in the extraction). */
export const carmaTimeline: string[] = [
  'Bevraging diensthoofden jan-feb 2023',
  'Nulmeting welzijnsenquête Q3 – Q4 2023',
  'Prioritering doelstellingen op eerstvolgend overleg werkgroep Integriteit.',
  'Realisatie korte termijn doelstellingen 2022 – 2023',
  'Kick-off communicatiecampagne 10 thema’s',
  'Nieuwe bevraging diensthoofden',
  'Navolgend Welzijnsenquête 2024',
  'Eindevaluatie',
];

export const carmaTemplate: PlanTemplate = {
  key: 'carma',
  seedFile: '004_03ba6eb213bca16b.txt',
  language: 'nl',
  entityName: 'PZ CARMA',
  title: 'Integriteitsbeleid',
  period: { from: 2023, to: 2027 },
  ambition:
    `De optimalisatie van het integriteitsbeleid met als streefdoel een politie die zich onderscheidt door haar dienstverlenende ingesteldheid en haar integer gedrag, is een permanente doelstelling van ${ORG}.`,
  values: [
    { name: 'Collegialiteit' },
    { name: 'Betrouwbaarheid' },
    { name: 'Klantgerichtheid' },
    { name: 'Objectiviteit' },
    { name: 'Fatsoenlijkheid' },
    { name: 'Effectiviteit' },
    { name: 'Efficiëntie' },
  ],
  needs: [],
  vulnerableProcesses: [],
  // "Binnen het integriteitsbeleid van PZ Carma worden 10 aandachtspunten weerhouden
  // om specifiek prioritair preventief en proactief op in te zetten"
  priorityThemes: [
    'Attenties, aanbiedingen en incidentele vergoedingen, corruptie',
    'Onverenigbare functies',
    'Respect voor het materiaal',
    'Respect voor de verkeersregels',
    'Respect voor de statutaire bepalingen',
    'Respect voor de gezagsbevoegdheid',
    'Rechtmatig gebruik van de politionele info',
    'Gewenst gedrag tijdens het uitvoeren van de functie',
    'Gewenst gedrag in privé tijd',
    'Rechtmatig gebruik van geweld',
  ],
  strategicObjectives: [
    {
      code: 'SD 1',
      title: 'Opzetten van een structurele verankering van het integriteitsbeleid binnen de organisatie',
      description:
        'De korpschef is de gewone tuchtoverheid. Kwaliteit en integriteit worden binnen het organogram structureel verankerd bij de dienst Toezicht op de Interne Werking en Kwaliteit (TIWK). Deze dienst wordt ondersteund door gedeconcentreerde personeelsleden die volgens het principe van taakaccenten werken.',
      operationalObjectives: [
        od('OD 1.1', 'Verankering in organogram beleidsplan 2023 - 2027', 'Korpsleiding'),
        od('OD 1.2', 'Functieomschrijving van beleidsadviseur CP TIWK', 'Korpsleiding'),
        od(
          'OD 1.3',
          'De operationalisering van het integriteitsbeleid volgens een welbepaalde periodiciteit evalueren',
          'Korpsleiding',
        ),
        od(
          'OD 1.4',
          'Het toezien op de operationalisering en implementatie van het integriteitsplan in de organisatie door toepassen van het concept van het eigenaarschap van de verschillende SD’s',
          'Korpsleiding',
        ),
        od(
          'OD 1.5',
          'Een maandelijkse listing met activiteiten wordt door de dienst intern toezicht overgemaakt aan de diensthoofden, aan het directiecomité en aan het politiecollege',
          'Korpsleiding',
        ),
        od(
          'OD 1.6',
          `Jaarlijks worden de cijfers van het klachtenmanagement anoniem gepubliceerd in het jaarverslag van ${ORG}`,
          'Korpsleiding',
        ),
        od(
          'OD 1.7',
          'Bestuderen van de optimalisatiemogelijkheden van de registratie van de klachten- en tuchtdossiers die momenteel gevat worden in ISLP in het intern register',
          'Korpsleiding',
        ),
        od(
          'OD 1.8',
          'Opmaak dashbord en voorzien in procedurele bij voorkeur automatische voeding ervan met het oog op monitoring en analyse van klachten en de resultaten van de behandeling ervan',
          'Korpsleiding',
        ),
        od(
          'OD 1.9',
          'Structurele feedback ook intern aan medewerkers voorzien met het oog op transparante communicatie',
          'Korpsleiding',
        ),
      ],
    },
    {
      code: 'SD 2',
      title: 'Uitbouwen van een netwerk en overlegstructuren ter bevordering van het integriteitsmanagement',
      description:
        'Elke dienst binnen onze politiezone heeft een structureel overlegmoment waarop kwaliteit en welzijn (Q&W) besproken wordt. Dit kan een team Q&W zijn, met vertegenwoordigers van de ganse dienst, of dit kan een structureel overlegmoment zijn (bv een teamoverleg) waar dit een vast agendapunt betreft.',
      operationalObjectives: [
        od(
          'OD 2.1',
          'Een vast agendapunt ‘operationele integriteitsrisico’s’ voorzien in de meest kritieke overlegorganen zoals de (middenkader)overlegstructuren in de operationele diensten en het diensthoofdenoverleg',
          'Korpsleiding',
        ),
        od('OD 2.2', 'In het HR comité en preventiecomité een vast item integriteit voorzien', 'Korpsleiding'),
        od('OD 2.3', 'Alle feiten van weerspannigheid vanuit tactisch oogpunt evalueren', 'TIWK i.s.m. Cel GWB'),
      ],
    },
    {
      code: 'SD 3',
      title: 'Ontwikkelen en implementeren van een preventieve integriteitscommunicatie',
      description:
        'Communicatieplan: inzetten op zowel interne als externe communicatie als onderdeel van het communicatiebeleid dat in het beleidsplan van de zone wordt weerhouden (actor: Communicatiecomité).',
      operationalObjectives: [
        od(
          'OD 3.1',
          'Bewaken, evalueren, bijsturen en optimaliseren procedure korpsrichtlijnen met eenvormige, duidelijke en transparante procedures en processen op het centraal digitaal voor iedereen raadpleegbaar platform SP',
          'Juridische dienst beleid',
        ),
        od(
          'OD 3.2',
          'Doorzetten van de transparantie in communicatie via SP van verslagen van het diensthoofdenoverleg met terugkoppeling van de verschillende structurele comités, via de pushberichten op SP, via de verschillende teamsgroepen die de samenwerkings- en overlegstructuren weerspiegelen of via andere Office365-tools',
          'Korpsleiding & Communicatie',
        ),
        od(
          'OD 3.3',
          'In samenwerking met de dienst communicatie dient er gewerkt te worden aan een sensibiliseringscampagne omtrent de 10 thema’s die als aandachtspunt in ons integriteitsbeleid weerhouden worden',
          'Communicatiecomité',
        ),
        od('OD 3.4', 'Uitwerken van campagne om voorbeelden in de kijker te zetten', 'Communicatiecomité'),
      ],
    },
    {
      code: 'SD 4',
      title: 'Versterken van de omkadering en het bevorderen van ethisch leiderschap',
      description:
        'Opleidingsplan: inzetten op vormen en omkadering wordt weerhouden in het opleidingsbeleid dat binnen het welzijnsbeleid van het beleidsplan van de zone wordt uitgewerkt.',
      operationalObjectives: [
        od(
          'OD 4.1',
          'Aandacht voor integriteitsvaardigheden in de selectie van alle leidinggevenden en in de planningsgesprekken',
          'HR',
        ),
        od(
          'OD 4.2',
          'Uitwerken van een Coachingstraject voor leidinggevenden: ‘insights’, workshops en/of begeleiding naar analogie van de opleiding verzuimgesprekken',
          'HR-comité',
        ),
        od(
          'OD 4.3',
          'Reflectiesessies als agendapunt op het diensthoofdenoverleg en/of in het operationeel comité omtrent handhavings- en werkprocescontrole en inzake discipline en sancties',
          'Adjunct KC',
        ),
      ],
    },
    {
      code: 'SD 5',
      title:
        'Uitwerken en implementeren van het proces van permanente beeldvorming rond integriteitsrisico’s en dilemma’s met het oog op uitbouw van systeem van opleidingen en trainingen terzake',
      description:
        'Opleidingsplan: inzetten op vormen en omkadering wordt weerhouden in het opleidingsbeleid dat binnen het welzijnsbeleid van het beleidsplan van de zone wordt uitgewerkt (actor: HR).',
      operationalObjectives: [
        od('OD 5.1', 'Training geweldbeheersing: optimalisatie en evaluatie', 'Cel GWB'),
        od('OD 5.2', 'Dilemmatraining organiseren en evalueren', 'HR & Cel GWB'),
        od(
          'OD 5.3',
          'Opleidingen die inzetten op preventie: Excited delirium, / Rijvaardigheidscursus prioritair rijden / BDO om etnisch profileren tegen te gaan / enz...',
          'Cel GWB, HR, Preventieadviseur',
        ),
        od('OD 5.4', 'Opleidingen & Stimuleren gebruik bodycams', 'Cel GWB'),
      ],
    },
    {
      code: 'SD 6',
      title:
        'Inzetten op operationeel zo preventief als mogelijk te werk te gaan om risico’s te detecteren en de nodige maatregelen hierop af te stemmen met het oog op reductie van de risico’s',
      description:
        'Inzetten om operationeel zo preventief mogelijk te werk te gaan om risico’s te detecteren en de nodige maatregelen hierop af te stemmen met het oog op reductie van de risico’s met als doelstelling situaties maximaal te vermijden waar onze medewerkers in terecht komen waarin geweld gebruikt moet worden of waarbij slachtoffers of schade gemaakt kunnen worden. Indien deze situaties vermeden kunnen worden, komen onze medewerkers ook niet in deze moeilijke integriteitsdilemma’s terecht en kunnen al dan niet terechte klachten of al dan niet opzettelijke fouten vermeden worden.',
      operationalObjectives: [
        od(
          'OD 6.1',
          'Operationeel preventief: risicoanalyses in het kader van de toepassing van de richtlijn OOP41 door de structurele verankering van de operationele coördinatie binnen een groter Lokaal Informatie en Coördinatie Kruispunt (LICK) dat binnen een nieuw organogram najaar 2022 vorm krijgt',
          'Korpsleiding',
        ),
        od(
          'OD 6.2',
          'Operationeel preventief deëscalerend werken dmv inzet spotters bij voetbal en spitters bij andere evenementen => nieuwe spittercoördinator werkt aan beleidsplan structurele verankering samenwerking LICK/GBOR en Spitters',
          'Information Officer (spittercoördinator)',
        ),
        od(
          'OD 6.3',
          'Optimalisatie informatieproces om veiligheid van operaties te verhogen: uitbouw LICK sinds 01/10/21 obv verschillende werkgroepen samengesteld uit terreinmedewerkers. => overgaan tot structurele verankering van verbindende samenwerkingsvormen (Drugs, Personen en Vermogen olv domeinverantwoordelijke recherche)',
          'Operationeel Comité',
        ),
        od(
          'OD 6.4',
          'Vernieuwen, evalueren en bijsturen van het functieprofiel van de OBP ikv opvolging van incidenten en evenementen tijdens zijn of haar permanentieweek met het oog op het creëren van betrokkenheid en verantwoording en met als doelstelling medewerkers die in een situatie terecht gekomen zijn waarbij zich een integriteitsdilemma gesteld heeft te begeleiden en te coachen',
          'Korpsleiding + OBP\'s',
        ),
        od(
          'OD 6.5',
          'Evaluatie en structurele opvolging van en bijstand bij feiten van (on)gewapende weerspannigheid',
          'Cel GWB & HR',
        ),
        od(
          'OD 6.6',
          'Inzetten op procedurele verankering van integriteitsrisico’s ikv screening (zowel van kandidaten als externe firma’s die op de site werken uitvoeren of diensten leveren), antecedentenonderzoek, werving en selectie',
          'Diensthoofd Wijk & HR & DPO',
        ),
        od(
          'OD 6.7',
          'Inzetten op procedurele verankering van integriteitsrisico’s ikv rekrutering (mentorschap, verwelkomingstrajecten, onthaalprocedure)',
          'HR',
        ),
      ],
    },
    {
      code: 'SD 7',
      title:
        'Uitbouw van een klantgericht klachtenbeheer en optimaliseren van de toepassing van het evaluatiesysteem met het oog op gebruik van de tuchtprocedure als uiterste middel',
      operationalObjectives: [
        od(
          'OD 7.1',
          'Opmaak van een draaiboek Intern Toezicht en evaluatie en bijsturing hiervan',
          'Verantwoordelijke TIWK',
        ),
        od(
          'OD 7.2',
          'Stimuleren gebruik bodycams door systematische inzet bij acties en ordediensten, door sensibiliseringsactie adhv positieve voorbeelden en door systematische opvraging igv klachten',
          'Operationeel Comité',
        ),
        od(
          'OD 7.3',
          'Uitbouw cel beeldverwerking binnen grotere LICK-structuur met het oog op stimuleren van gebruik van beelden ter staving van klachtenbeheer (zowel dronebeelden, bodycams als beschikbare ANPR- en andere camera’s)',
          'INNO',
        ),
      ],
    },
  ],
  actors: [
    { name: 'Korpschef', role: 'De Korpschef is de Gewone Tuchtoverheid (GTO). Dit betreft geen delegatiebevoegdheid.' },
    { name: 'Korpsleiding', role: 'De korpsleiding coördineert de dossiers. Dit betreft vertrouwelijke informatie.' },
    {
      name: 'Dienst Toezicht op de Interne Werking en Kwaliteit (TIWK)',
      role: 'Kwaliteit en integriteit worden binnen het organogram structureel verankerd bij de dienst Toezicht op de Interne Werking en Kwaliteit (TIWK).',
    },
    {
      name: 'Juridische dienst van het beleidssecretariaat',
      role: 'De juridische bijstand en expertise ikv de procedures inzake intern toezicht en tucht wordt geleverd door de juridische dienst.',
    },
    { name: '1 calog-medewerker', role: 'Levert administratieve ondersteuning in deze dossiers' },
    { name: '(adj.) Diensthoofd LICK AdCo', role: 'Zij zijn verantwoordelijk voor het functioneel beheer.' },
    {
      name: 'Diensthoofden van operationele diensten (DH Interventie, Overlast, Verkeer, Intake; DH Wijk; DH Fenomeenwerking; DH Recherche)',
      role: 'De diensthoofden kunnen gevraagd worden om intern het onderzoek nav een klacht te voeren.',
    },
    {
      name: 'Beleidsadviseur SPOC Burgemeesters',
      role: 'De beleidsadviseur verzorgt als SPOC burgemeesters de terugkoppeling aan de kabinetten van de burgemeesters.',
    },
    {
      name: 'Drie hoofdinspecteurs afkomstig uit Interventie, Verkeer, Wijk en Fenomeenwerking',
      role: 'De HINP’s worden gevraagd om na het intern onderzoek de persoonlijke en schriftelijke terugkoppeling te doen naar de klager.',
    },
    {
      name: 'Directiecomité',
      role: 'Vanuit deze Q&W-insteek vertrekken optimalisatie- en/of innovatievoorstellen in het kader van kwaliteit en welzijn na validatie door het betreffende diensthoofd rechtstreeks naar het directiecomité, het wekelijks overleg van de korpsleiding.',
    },
    { name: 'Preventiecomité', role: 'indien het onderwerp de materie van de preventieambtenaar betreft' },
    {
      name: 'HR-comité',
      role: 'indien het personeelsaangelegenheden betreft (aanwervingen, selecties, opleidingen, enz.)',
    },
    { name: 'Communicatiecomité', role: 'indien het onderwerp de interne en/of externe communicatie betreft' },
    {
      name: 'Aankoopcomité',
      role: 'indien het onderwerp een aankoop en/of bijhorende financiële investeringen vergt en het aankoopproces in werking dient te worden gesteld',
    },
    {
      name: 'Operationeel Comité',
      role: 'indien het onderwerp operationeel van aard is en het betrekking heeft op de onderlinge werkafspraken en de bijhorende processen van de verschillende criminele fenomenen',
    },
    {
      name: 'Q-team',
      role: 'Het Q-team komt maandelijks samen, wordt gecoördineerd door de verantwoordelijke van het innovatieteam en omvat deelnemers vanuit noodhulp, verkeer, recherche, wijk & Fenomeenwerking, preventieadviseur en logistiek.',
    },
    {
      name: 'Voertuigcomité',
      role: 'Indien de aankoop een nieuw voertuig betreft bestaat hiervoor een apart Voertuigcomité',
    },
    {
      name: 'Cel Geweldsbeheersing (Cel GWB)',
      role: 'Als het onderwerp bewapening, training of opleiding GPIb48 behelst, wordt dit behandeld door de Cel Geweldsbeheersing.',
    },
  ],
  evaluation:
    'Evaluatie: Werkgroep integriteit; Operationeel comité; Nieuwe bevraging diensthoofden; Navolgend Welzijnsenquête 2024; Eindevaluatie. Timing: Bevraging diensthoofden jan-feb 2023; Nulmeting welzijnsenquête Q3 – Q4 2023; Realisatie korte termijn doelstellingen 2022 – 2023.',
  communication:
    'Deze communicatieflow omvat ook een feedbacksysteem dat loopt via het structureel wekelijks managementoverleg. De diensthoofden op hun beurt koppelen terug via een middenkaderoverleg dat per dienst per periode wordt georganiseerd en aan de hand van een maandelijkse nieuwsbrief en/of a.d.h.v. teamoverlegmomenten. Uiteraard wordt deze communicatie korpsbreed gecombineerd met berichten via onze sharepointpagina en verslagen van de verschillende overlegmomenten die hier raadpleegbaar zijn.',
};
