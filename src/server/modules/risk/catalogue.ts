/**
 * The catalogue a risk inventory starts from (issue 21): the processes and functions the seeds name
 * as vulnerable to integrity violations. An organisation copies entries into its own inventory and
 * adds its own; the catalogue itself is global and read-only.
 *
 * - `schoten.*`: the 16 priority processes of PZ Schoten's integrity policy plan, §3.1.1.4
 *   "Detectie en beoordeling van integriteitsrisico's", titles word for word (OCR spacing fixed).
 * - `federal.*`: the federal police's vulnerable functions and processes (policy note, SD 1: "bepaalde
 *   gespecialiseerde operationele functies of aankoopprocedures", the risk analysis per functionality of
 *   OD 1.1, the complementary structural measures of annex 1: purchasing, financial, information and
 *   personnel policy), and the processes the inspectorate's (AIG) model plan names and Schoten's §2.1
 *   takes over: interactions with the community, handling of evidence, internal investigations.
 *
 * Codes are stable identifiers (an inventory and a dilemma refer to them): never rename one.
 */
export interface LocalisedText { nl: string; fr: string; de: string; en: string }

export interface RiskCatalogueEntry {
  code: string;
  source: 'schoten' | 'federal';
  kind: 'process' | 'function';
  name: LocalisedText;
  description: LocalisedText;
}

export const riskCatalogue: readonly RiskCatalogueEntry[] = [
  // PZ Schoten, §3.1.1.4 — in the plan's order.
  {
    code: 'schoten.recruitment', source: 'schoten', kind: 'process',
    name: { nl: 'Rekrutering, selectie en aanwerving van medewerkers', fr: 'Recrutement, sélection et engagement des collaborateurs', de: 'Anwerbung, Auswahl und Einstellung von Mitarbeitern', en: 'Recruitment, selection and hiring of staff' },
    description: {
      nl: 'Vacatures, selectieproeven, jury’s en aanwervingsbeslissingen: risico op bevoordeling van kennissen, belangenconflicten in de jury en lekken van proeven.',
      fr: 'Vacances d’emploi, épreuves de sélection, jurys et décisions d’engagement : risque de favoritisme envers des connaissances, de conflits d’intérêts au sein du jury et de fuite des épreuves.',
      de: 'Stellenausschreibungen, Auswahlprüfungen, Prüfungsausschüsse und Einstellungsentscheidungen: Risiko der Bevorzugung von Bekannten, von Interessenkonflikten im Ausschuss und der Weitergabe von Prüfungen.',
      en: 'Vacancies, selection tests, panels and hiring decisions: risk of favouring acquaintances, conflicts of interest on the panel and leaked tests.',
    },
  },
  {
    code: 'schoten.resources', source: 'schoten', kind: 'process',
    name: { nl: 'Aanwending van middelen (budget en materiaal)', fr: 'Utilisation des moyens (budget et matériel)', de: 'Einsatz der Mittel (Haushalt und Material)', en: 'Use of resources (budget and material)' },
    description: {
      nl: 'Besteding van het budget en inzet van materiaal van de zone: risico op privégebruik, verspilling en uitgaven zonder rechtvaardiging.',
      fr: 'Dépense du budget et utilisation du matériel de la zone : risque d’usage privé, de gaspillage et de dépenses non justifiées.',
      de: 'Verwendung des Haushalts und Einsatz des Materials der Zone: Risiko privater Nutzung, von Verschwendung und nicht gerechtfertigten Ausgaben.',
      en: 'Spending the zone’s budget and using its material: risk of private use, waste and unjustified expenditure.',
    },
  },
  {
    code: 'schoten.detained_persons', source: 'schoten', kind: 'process',
    name: { nl: 'Behandeling van aangehouden personen', fr: 'Traitement des personnes arrêtées', de: 'Behandlung festgenommener Personen', en: 'Treatment of detained persons' },
    description: {
      nl: 'Aanhouding, fouillering, opsluiting en overbrenging: risico op onnodig of buitensporig geweld, vernedering en het niet respecteren van de rechten van de aangehoudene.',
      fr: 'Arrestation, fouille, mise en cellule et transfert : risque de recours inutile ou excessif à la force, de traitement dégradant et de non-respect des droits de la personne arrêtée.',
      de: 'Festnahme, Durchsuchung, Unterbringung in der Zelle und Überführung: Risiko unnötiger oder übermäßiger Gewalt, erniedrigender Behandlung und der Missachtung der Rechte der festgenommenen Person.',
      en: 'Arrest, search, custody and transfer: risk of unnecessary or excessive force, degrading treatment and disregard of the detained person’s rights.',
    },
  },
  {
    code: 'schoten.seized_evidence', source: 'schoten', kind: 'process',
    name: { nl: 'Beheer van inbeslaggenomen overtuigingsstukken', fr: 'Gestion des pièces à conviction saisies', de: 'Verwaltung beschlagnahmter Beweisstücke', en: 'Management of seized evidence' },
    description: {
      nl: 'Registratie, bewaring en overdracht van inbeslaggenomen goederen, geld en drugs: risico op verlies, diefstal of manipulatie.',
      fr: 'Enregistrement, conservation et transmission des biens, de l’argent et des stupéfiants saisis : risque de perte, de vol ou de manipulation.',
      de: 'Registrierung, Aufbewahrung und Übergabe beschlagnahmter Güter, Gelder und Drogen: Risiko von Verlust, Diebstahl oder Manipulation.',
      en: 'Registering, keeping and handing over seized goods, money and drugs: risk of loss, theft or tampering.',
    },
  },
  {
    code: 'schoten.database_consultation', source: 'schoten', kind: 'process',
    name: { nl: 'Consultatie van gegevensbanken', fr: 'Consultation des banques de données', de: 'Abfrage von Datenbanken', en: 'Database consultation' },
    description: {
      nl: 'Opzoekingen in de politionele gegevensbanken: risico op consultatie zonder dienstreden en het doorgeven van gegevens aan derden.',
      fr: 'Recherches dans les banques de données policières : risque de consultation sans motif de service et de communication de données à des tiers.',
      de: 'Abfragen in den polizeilichen Datenbanken: Risiko von Abfragen ohne dienstlichen Grund und der Weitergabe von Daten an Dritte.',
      en: 'Searches in police databases: risk of consultation without an operational reason and of passing data on to third parties.',
    },
  },
  {
    code: 'schoten.gifts', source: 'schoten', kind: 'process',
    name: { nl: 'Ontvangen van geschenken', fr: 'Réception de cadeaux', de: 'Annahme von Geschenken', en: 'Receiving gifts' },
    description: {
      nl: 'Geschenken, uitnodigingen en voordelen van burgers, handelaars en leveranciers: risico op afhankelijkheid en de schijn van partijdigheid.',
      fr: 'Cadeaux, invitations et avantages offerts par des citoyens, commerçants et fournisseurs : risque de dépendance et d’apparence de partialité.',
      de: 'Geschenke, Einladungen und Vorteile von Bürgern, Geschäftsleuten und Lieferanten: Risiko der Abhängigkeit und des Anscheins der Parteilichkeit.',
      en: 'Gifts, invitations and favours from citizens, shopkeepers and suppliers: risk of dependence and of appearing partial.',
    },
  },
  {
    code: 'schoten.secondary_employment', source: 'schoten', kind: 'process',
    name: { nl: 'Uitoefening van bijkomende beroepsactiviteiten', fr: 'Exercice d’activités professionnelles complémentaires', de: 'Ausübung zusätzlicher beruflicher Tätigkeiten', en: 'Secondary professional activities' },
    description: {
      nl: 'Betaalde activiteiten naast het politieambt: risico op onverenigbaarheid, belangenconflicten en gebruik van politie-informatie of -middelen.',
      fr: 'Activités rémunérées exercées à côté de la fonction de police : risque d’incompatibilité, de conflits d’intérêts et d’utilisation d’informations ou de moyens de la police.',
      de: 'Bezahlte Tätigkeiten neben dem Polizeiamt: Risiko der Unvereinbarkeit, von Interessenkonflikten und der Nutzung polizeilicher Informationen oder Mittel.',
      en: 'Paid activities alongside police work: risk of incompatibility, conflicts of interest and use of police information or resources.',
    },
  },
  {
    code: 'schoten.material_use', source: 'schoten', kind: 'process',
    name: { nl: 'Opvolging van het gebruik van materiaal', fr: 'Suivi de l’utilisation du matériel', de: 'Kontrolle der Nutzung des Materials', en: 'Monitoring the use of material' },
    description: {
      nl: 'Uitlening, inventaris en terugname van dienstmateriaal: risico op verlies, privégebruik en ontbrekende controle.',
      fr: 'Prêt, inventaire et restitution du matériel de service : risque de perte, d’usage privé et d’absence de contrôle.',
      de: 'Ausleihe, Inventar und Rückgabe des Dienstmaterials: Risiko von Verlust, privater Nutzung und fehlender Kontrolle.',
      en: 'Lending, inventory and return of service equipment: risk of loss, private use and missing checks.',
    },
  },
  {
    code: 'schoten.vehicles', source: 'schoten', kind: 'process',
    name: { nl: 'Opvolging van het gebruik van voertuigen', fr: 'Suivi de l’utilisation des véhicules', de: 'Kontrolle der Nutzung der Fahrzeuge', en: 'Monitoring the use of vehicles' },
    description: {
      nl: 'Ritten, kilometerstanden en snelheidsovertredingen met dienstvoertuigen: risico op privéritten en onverantwoord rijgedrag.',
      fr: 'Trajets, kilométrages et excès de vitesse avec les véhicules de service : risque de trajets privés et de conduite irresponsable.',
      de: 'Fahrten, Kilometerstände und Geschwindigkeitsüberschreitungen mit Dienstfahrzeugen: Risiko privater Fahrten und unverantwortlichen Fahrverhaltens.',
      en: 'Trips, mileage and speeding with service vehicles: risk of private trips and irresponsible driving.',
    },
  },
  {
    code: 'schoten.damage_cases', source: 'schoten', kind: 'process',
    name: { nl: 'Opvolging van de veroorzaakte schadegevallen', fr: 'Suivi des dommages causés', de: 'Kontrolle der verursachten Schadensfälle', en: 'Monitoring damage caused' },
    description: {
      nl: 'Aangifte en afhandeling van schade aan voertuigen en materiaal: risico op verzwijgen, verkeerde voorstelling van de feiten en herhaling zonder gevolg.',
      fr: 'Déclaration et traitement des dommages aux véhicules et au matériel : risque de dissimulation, de présentation inexacte des faits et de répétition sans suite.',
      de: 'Meldung und Abwicklung von Schäden an Fahrzeugen und Material: Risiko des Verschweigens, falscher Darstellung des Sachverhalts und folgenloser Wiederholung.',
      en: 'Reporting and handling damage to vehicles and equipment: risk of concealment, misrepresenting the facts and repeats without consequence.',
    },
  },
  {
    code: 'schoten.fuel_cards', source: 'schoten', kind: 'process',
    name: { nl: 'Opvolging van het gebruik van tankkaarten', fr: 'Suivi de l’utilisation des cartes carburant', de: 'Kontrolle der Nutzung der Tankkarten', en: 'Monitoring the use of fuel cards' },
    description: {
      nl: 'Tankbeurten met de kaarten van de zone: risico op tanken voor privévoertuigen en onverklaarde verbruiken.',
      fr: 'Pleins effectués avec les cartes de la zone : risque de pleins pour des véhicules privés et de consommations inexpliquées.',
      de: 'Tankvorgänge mit den Karten der Zone: Risiko des Tankens für Privatfahrzeuge und unerklärter Verbräuche.',
      en: 'Refuelling with the zone’s cards: risk of filling private vehicles and unexplained consumption.',
    },
  },
  {
    code: 'schoten.sim_cards', source: 'schoten', kind: 'process',
    name: { nl: 'Opvolging van het gebruik van simkaarten voor telefonie- en dataverkeer', fr: 'Suivi de l’utilisation des cartes SIM pour la téléphonie et les données', de: 'Kontrolle der Nutzung der SIM-Karten für Telefonie und Datenverkehr', en: 'Monitoring the use of SIM cards for calls and data' },
    description: {
      nl: 'Dienstabonnementen voor telefonie en data: risico op privégebruik en kosten die niet aan de dienst toe te schrijven zijn.',
      fr: 'Abonnements de service pour la téléphonie et les données : risque d’usage privé et de coûts non imputables au service.',
      de: 'Dienstabonnements für Telefonie und Daten: Risiko privater Nutzung und nicht dienstlich begründeter Kosten.',
      en: 'Service subscriptions for calls and data: risk of private use and costs not attributable to the service.',
    },
  },
  {
    code: 'schoten.working_hours', source: 'schoten', kind: 'process',
    name: { nl: 'Opvolging van arbeidsprestaties en inconveniënten', fr: 'Suivi des prestations de travail et des inconvénients', de: 'Kontrolle der Arbeitsleistungen und Zulagen für Unannehmlichkeiten', en: 'Monitoring working hours and inconvenience allowances' },
    description: {
      nl: 'Registratie van prestaties, overuren en toelagen voor nacht-, weekend- en feestdagwerk: risico op onjuiste registratie en onterechte vergoedingen.',
      fr: 'Enregistrement des prestations, des heures supplémentaires et des allocations pour travail de nuit, de week-end et de jour férié : risque d’enregistrement inexact et d’indemnités indues.',
      de: 'Erfassung der Leistungen, Überstunden und Zulagen für Nacht-, Wochenend- und Feiertagsarbeit: Risiko falscher Erfassung und ungerechtfertigter Vergütungen.',
      en: 'Recording hours, overtime and allowances for night, weekend and holiday work: risk of false records and undue payments.',
    },
  },
  {
    code: 'schoten.ict_devices', source: 'schoten', kind: 'process',
    name: { nl: 'Opvolging van het gebruik van de ter beschikking gestelde ICT-toestellen', fr: 'Suivi de l’utilisation des appareils ICT mis à disposition', de: 'Kontrolle der Nutzung der zur Verfügung gestellten IKT-Geräte', en: 'Monitoring the use of the ICT devices provided' },
    description: {
      nl: 'Laptops, smartphones en andere toestellen van de zone: risico op verlies, privégebruik en onveilige omgang met politie-informatie.',
      fr: 'Ordinateurs portables, smartphones et autres appareils de la zone : risque de perte, d’usage privé et de traitement non sécurisé des informations policières.',
      de: 'Laptops, Smartphones und andere Geräte der Zone: Risiko von Verlust, privater Nutzung und unsicherem Umgang mit polizeilichen Informationen.',
      en: 'The zone’s laptops, smartphones and other devices: risk of loss, private use and unsafe handling of police information.',
    },
  },
  {
    code: 'schoten.side_activity_notices', source: 'schoten', kind: 'process',
    name: { nl: 'Opvolging van de kennisgevingen van nevenactiviteiten', fr: 'Suivi des notifications d’activités accessoires', de: 'Kontrolle der Meldungen von Nebentätigkeiten', en: 'Following up notifications of side activities' },
    description: {
      nl: 'Ontvangst, advies en opvolging van gemelde nevenactiviteiten: risico op niet-gemelde of onverenigbare activiteiten die niet worden opgemerkt.',
      fr: 'Réception, avis et suivi des activités accessoires notifiées : risque que des activités non déclarées ou incompatibles passent inaperçues.',
      de: 'Eingang, Stellungnahme und Kontrolle gemeldeter Nebentätigkeiten: Risiko, dass nicht gemeldete oder unvereinbare Tätigkeiten unbemerkt bleiben.',
      en: 'Receiving, advising on and following up declared side activities: risk that undeclared or incompatible activities go unnoticed.',
    },
  },
  {
    code: 'schoten.purchasing_segregation', source: 'schoten', kind: 'process',
    name: { nl: 'Functiescheiding bij aankoop van middelen', fr: 'Séparation des fonctions lors de l’achat de moyens', de: 'Funktionstrennung beim Einkauf von Mitteln', en: 'Segregation of duties in purchasing' },
    description: {
      nl: 'Wie een aankoop vraagt, bestelt, ontvangt en betaalt: risico wanneer één persoon meerdere van die taken in handen heeft.',
      fr: 'Qui demande, commande, réceptionne et paie un achat : risque lorsqu’une seule personne cumule plusieurs de ces tâches.',
      de: 'Wer einen Einkauf beantragt, bestellt, entgegennimmt und bezahlt: Risiko, wenn eine Person mehrere dieser Aufgaben in der Hand hat.',
      en: 'Who requests, orders, receives and pays for a purchase: risk when one person holds several of these duties.',
    },
  },

  // Federal police (policy note SD 1, OD 1.1, annex 1).
  {
    code: 'federal.specialised_operational_functions', source: 'federal', kind: 'function',
    name: { nl: 'Gespecialiseerde operationele functies', fr: 'Fonctions opérationnelles spécialisées', de: 'Spezialisierte operative Funktionen', en: 'Specialised operational functions' },
    description: {
      nl: 'Functies met bijzondere bevoegdheden of toegang tot gevoelige informatie, zoals bijzondere opsporingsmethoden en het beheer van informanten: risico op misbruik van bevoegdheid en ongepaste contacten.',
      fr: 'Fonctions dotées de compétences particulières ou d’un accès à des informations sensibles, comme les méthodes particulières de recherche et la gestion des indicateurs : risque d’abus de pouvoir et de contacts inappropriés.',
      de: 'Funktionen mit besonderen Befugnissen oder Zugang zu sensiblen Informationen, etwa besondere Ermittlungsmethoden und die Führung von Informanten: Risiko des Machtmissbrauchs und unangemessener Kontakte.',
      en: 'Functions with special powers or access to sensitive information, such as special investigation techniques and informant handling: risk of abuse of power and improper contacts.',
    },
  },
  {
    code: 'federal.purchasing_procedures', source: 'federal', kind: 'process',
    name: { nl: 'Aankoopprocedures', fr: 'Procédures d’achat', de: 'Einkaufsverfahren', en: 'Purchasing procedures' },
    description: {
      nl: 'Overheidsopdrachten, offertes en de keuze van leveranciers: risico op bevoordeling, belangenconflicten en het opsplitsen van opdrachten.',
      fr: 'Marchés publics, offres et choix des fournisseurs : risque de favoritisme, de conflits d’intérêts et de scission des marchés.',
      de: 'Öffentliche Aufträge, Angebote und Wahl der Lieferanten: Risiko der Bevorzugung, von Interessenkonflikten und der Aufteilung von Aufträgen.',
      en: 'Public procurement, quotations and the choice of suppliers: risk of favouritism, conflicts of interest and splitting contracts.',
    },
  },
  {
    code: 'federal.financial_management', source: 'federal', kind: 'process',
    name: { nl: 'Financieel beheer', fr: 'Gestion financière', de: 'Finanzverwaltung', en: 'Financial management' },
    description: {
      nl: 'Betalingen, kassen, voorschotten en onkostennota’s: risico op verduistering en onvoldoende controle op uitgaven.',
      fr: 'Paiements, caisses, avances et notes de frais : risque de détournement et de contrôle insuffisant des dépenses.',
      de: 'Zahlungen, Kassen, Vorschüsse und Spesenabrechnungen: Risiko der Veruntreuung und unzureichender Ausgabenkontrolle.',
      en: 'Payments, cash, advances and expense claims: risk of embezzlement and insufficient control of spending.',
    },
  },
  {
    code: 'federal.information_management', source: 'federal', kind: 'process',
    name: { nl: 'Informatiebeheer', fr: 'Gestion de l’information', de: 'Informationsmanagement', en: 'Information management' },
    description: {
      nl: 'Verwerking, bewaring en doorgifte van politionele informatie en persoonsgegevens: risico op lekken, ongeoorloofde verwerking en schending van het beroepsgeheim.',
      fr: 'Traitement, conservation et communication des informations policières et des données à caractère personnel : risque de fuite, de traitement non autorisé et de violation du secret professionnel.',
      de: 'Verarbeitung, Aufbewahrung und Weitergabe polizeilicher Informationen und personenbezogener Daten: Risiko von Lecks, unbefugter Verarbeitung und Verletzung des Berufsgeheimnisses.',
      en: 'Processing, keeping and passing on police information and personal data: risk of leaks, unauthorised processing and breach of professional secrecy.',
    },
  },
  {
    code: 'federal.personnel_management', source: 'federal', kind: 'process',
    name: { nl: 'Personeelsbeheer', fr: 'Gestion du personnel', de: 'Personalverwaltung', en: 'Personnel management' },
    description: {
      nl: 'Mutaties, bevorderingen, evaluaties en verloven: risico op willekeur, vriendjespolitiek en ongelijke behandeling.',
      fr: 'Mutations, promotions, évaluations et congés : risque d’arbitraire, de favoritisme et d’inégalité de traitement.',
      de: 'Versetzungen, Beförderungen, Beurteilungen und Urlaub: Risiko von Willkür, Vetternwirtschaft und Ungleichbehandlung.',
      en: 'Transfers, promotions, appraisals and leave: risk of arbitrariness, cronyism and unequal treatment.',
    },
  },
  // The inspectorate's model plan (AIG, 2024), as Schoten's §2.1 cites it.
  {
    code: 'federal.community_interactions', source: 'federal', kind: 'process',
    name: { nl: 'Interacties met de gemeenschap', fr: 'Interactions avec la population', de: 'Interaktionen mit der Bevölkerung', en: 'Interactions with the community' },
    description: {
      nl: 'Contacten met burgers bij interventies, controles en in de wijk: transparante communicatie en verantwoording zijn nodig om vertrouwen op te bouwen en te behouden.',
      fr: 'Contacts avec les citoyens lors des interventions, des contrôles et dans le quartier : une communication transparente et la reddition de comptes sont nécessaires pour construire et garder la confiance.',
      de: 'Kontakte mit Bürgern bei Einsätzen, Kontrollen und im Viertel: transparente Kommunikation und Rechenschaft sind nötig, um Vertrauen aufzubauen und zu erhalten.',
      en: 'Contact with citizens during interventions, checks and in the neighbourhood: transparent communication and accountability are needed to build and keep trust.',
    },
  },
  {
    code: 'federal.evidence_handling', source: 'federal', kind: 'process',
    name: { nl: 'Omgang met bewijsstukken', fr: 'Traitement des éléments de preuve', de: 'Umgang mit Beweismitteln', en: 'Handling of evidence' },
    description: {
      nl: 'Beheer en opslag van bewijsstukken moeten strikt gecontroleerd worden om verlies, diefstal of manipulatie te voorkomen.',
      fr: 'La gestion et le stockage des éléments de preuve doivent être strictement contrôlés afin d’éviter la perte, le vol ou la manipulation.',
      de: 'Verwaltung und Lagerung von Beweismitteln müssen streng kontrolliert werden, um Verlust, Diebstahl oder Manipulation zu verhindern.',
      en: 'Managing and storing evidence must be strictly controlled to prevent loss, theft or tampering.',
    },
  },
  {
    code: 'federal.internal_investigations', source: 'federal', kind: 'process',
    name: { nl: 'Interne onderzoeken', fr: 'Enquêtes internes', de: 'Interne Ermittlungen', en: 'Internal investigations' },
    description: {
      nl: 'Onderzoeken naar collega’s bij klachten en vermoedelijke integriteitsschendingen: de onpartijdigheid en eerlijkheid ervan moeten gewaarborgd zijn.',
      fr: 'Enquêtes visant des collègues à la suite de plaintes et de manquements présumés à l’intégrité : leur impartialité et leur équité doivent être garanties.',
      de: 'Ermittlungen gegen Kollegen nach Beschwerden und mutmaßlichen Integritätsverstößen: ihre Unparteilichkeit und Fairness müssen gewährleistet sein.',
      en: 'Investigations into colleagues after complaints and suspected integrity violations: their impartiality and fairness must be safeguarded.',
    },
  },
];

/** The entry with this code, or undefined. */
export const catalogueEntry = (code: string): RiskCatalogueEntry | undefined => riskCatalogue.find((e) => e.code === code);
