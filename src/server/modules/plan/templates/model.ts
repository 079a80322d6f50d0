import type { ImfFunction, PlanTemplate } from './types.js';

/**
 * AIG model integrity policy plan ("Model van Integriteitsbeleidsplan o.b.v. IMF"),
 * seed 001.
 *
 * The model has no concrete objectives of its own (its only example is an
 * example *result* — "daling van 10 % van de klachten inzake misbruik van
 * databanken" — not an SD/OD), so `strategicObjectives` is empty. Its 7-section
 * skeleton with the instructions under each heading is exported as
 * `modelPlanSections`. Those instructions ("Bepaal …", "Geef aan …") are
 * guidance, not content: a plan made from the model starts with empty texts and
 * the web shows the guidance (`guidance.ts`) beside them. `actors` holds the
 * example actor types the model lists under "De structuren".
 */

export interface ModelPlanSection {
  number: string;
  title: string;
  guidance: string[];
  subsections?: ModelPlanSection[];
}

/** The seven sections of the AIG model plan, headings and guidance verbatim. */
export const modelPlanSections: ModelPlanSection[] = [
  {
    number: '1',
    title: 'IDENTIFICATIE VAN DE ENTITEIT',
    guidance: [
      'Geef aan op welke entiteit en op welke periode het integriteitsbeleidsplan betrekking heeft en de naam, voornaam, graad / niveau van de bevoegde mandaathouder / eindverantwoordelijke integriteit.',
    ],
  },
  {
    number: '2',
    title: 'MEERJARIGE AMBITIE, VISIE EN DOELSTELLINGEN (‘SMART’)',
    guidance: [
      'Breng de kernwaarden, codes, normen en/of regels in kaart die centraal staan in de dagelijkse werking van de organisatie.',
      'Bepaal de specifieke behoeften.',
      'Identificeer de processen en functies die gevoelig zijn voor integriteitsschendingen en ga na in hoeverre de organisatie hiertegen beschermd is (hiervoor kunnen zowel gesofisticeerde en veeleisende technieken en benaderingen gehanteerd worden als eenvoudige analyses op basis van ‘gezond verstand’).',
      'Formuleer, op basis hiervan en van prioriteiteninschatting, aanbevelingen zodat de organisatie zich beter kan beschermen tegen integriteitsschendingen:',
    ],
    subsections: [
      {
        number: '2.1',
        title: 'Strategische doelstellingen',
        guidance: [
          'Bepaal de meerjarige ambitie, visie en doelstellingen m.b.t. de weerhouden behoeften (aangepast aan de missie, visie, kernwaarden en normen van de organisatie).',
        ],
      },
      {
        number: '2.2',
        title: 'Operationele doelstellingen',
        guidance: [
          'Geef aan, per strategische doelstelling, hoe de kernwaarden en normen van de entiteit in de praktijk moeten worden uitgedragen en wat ter zake de behoeften en verwachtingen zijn m.b.t. het gewenste gedrag en / of het beoogde resultaat (bijv. daling van 10 % van de klachten inzake misbruik van databanken, …).',
          'Hierbij geldt dat hoe duidelijker en meetbaarder het te behalen resultaat wordt beschreven, des te gemakkelijker de evaluatie (cf. punt 6 infra) de geboekte resultaten kan weergeven.',
        ],
      },
    ],
  },
  {
    number: '3',
    title: 'INSTRUMENTEN EN ACTIES',
    guidance: [
      'Bepaal, per doelstelling, specifieke instrumenten, acties, processen die concreet gebruikt / ondernomen zullen worden en, in voorkomend geval, geef aan welke middelen (bijv. tijd, budget) nodig zijn / voorzien (dienen te) worden voor de beoogde initiatieven en acties.',
      'Zorg voor een gezonde mix van stimulerende en controlerende initiatieven.',
      'Heb zowel oog voor kerninstrumenten, processen en actoren als voor complementaire instrumenten, processen en actoren.',
      'Focus op opleiding en training, introductie en mentoring, coaching en advies.',
    ],
  },
  {
    number: '4',
    title: 'ACTOREN',
    guidance: [
      'Wijs, per doelstelling, de actoren aan en duid hun rollen en verantwoordelijkheden aan.',
      'Licht toe welke (formele) reacties in voorkomend geval volgen bij schending van de regels, normen en waarden en bepaal de rol van de leidinggevenden (zowel hoger als middenkader) hierin.',
    ],
  },
  {
    number: '5',
    title: 'MONITORING',
    guidance: [
      'Geef aan, per doelstelling, hoe en door wie het gedrag van medewerkers opgevolgd zal worden.',
      'Hierbij kan zowel gebruik gemaakt worden van actieve als van passieve monitoring.',
    ],
  },
  {
    number: '6',
    title: 'EVALUATIE EN RAPPORTAGE',
    guidance: [
      'Licht toe door wie en hoe initiatieven, vooruitgang en resultaten opgevolgd zullen worden.',
      'Voorzie, per doelstelling, in een heldere planning (hoe, wie, wat, wanneer) m.b.t. de periodieke evaluatie (bijv. jaarlijks of halfjaarlijks) van de gekozen instrumenten en acties en van eventuele bijsturingen op één of meer aandachtsgebieden.',
    ],
  },
  {
    number: '7',
    title: 'COMMUNICATIE',
    guidance: [
      'Bepaal op welke wijze zowel intern als extern over integriteit, over acties en over mogelijke reacties en sancties gecommuniceerd zal worden.',
      'Verlies daarbij het respect voor de wet niet uit het oog (o.a. het geheim van het onderzoeken en het recht op eerbiediging van de privacy).',
    ],
  },
];

/**
 * The four IMF instrument functions as the model explains them ("De
 * instrumenten"), with the instrument categories it names per function.
 */
export const modelImfFunctions: { imfFunction: ImfFunction; title: string; instruments: string[] }[] = [
  {
    imfFunction: 'define',
    title: 'Bepalen en definiëren van integriteit',
    instruments: ['Bepaal de behoeftes', 'Omschrijf wat er (niet) verwacht wordt'],
  },
  {
    imfFunction: 'guide',
    title: 'Begeleiden naar integriteit',
    instruments: ['Opleiding en training', 'Introductie en mentoring', 'Coaching en advisering', 'Communicatie'],
  },
  {
    imfFunction: 'monitor',
    title: 'Monitoren van integriteit',
    instruments: ['Passieve monitoring', 'Actieve monitoring'],
  },
  {
    imfFunction: 'enforce',
    title: 'Afdwingen van integriteit',
    instruments: ['Formele sanctieprocedures', 'Informele reacties', 'Draaiboek ‘crisiscommunicatie’'],
  },
];

export const modelTemplate: PlanTemplate = {
  key: 'model',
  seedFile: '001_f4782e02a24a9f61.txt',
  language: 'nl',
  entityName: '',
  title: 'Model van Integriteitsbeleidsplan o.b.v. IMF',
  values: [],
  needs: [],
  vulnerableProcesses: [],
  priorityThemes: [],
  strategicObjectives: [],
  // Example actor types from "De structuren" (level of the corps/entity, then supralocal).
  actors: [
    {
      name: 'Leidinggevenden',
      role: 'Ethisch leiderschap vanwege top- en middenmanagement is van cruciaal belang. Het ethisch gedrag en de integriteit van het management vormen dus een sleutelelement.',
    },
    {
      name: 'Integriteitsverantwoordelijke(n)',
      role: 'Het is van belang dat medewerkers weten dat er een integriteitsverantwoordelijke is (of dat er integriteitsverantwoordelijken zijn), wie deze perso(o)n(en) is (zijn) en wat zijn (hun) functie inhoudt.',
    },
    { name: 'Directiecomité', role: 'Actoren in aanverwante horizontale beleidsdomeinen' },
    { name: 'Integriteitscoördinator', role: 'Actoren in aanverwante horizontale beleidsdomeinen' },
    { name: 'Integriteitscoaches (ambassadeurs, dilemmatrainers)', role: 'Actoren in aanverwante horizontale beleidsdomeinen' },
    {
      name: 'Vertrouwenspersoon integriteit / intern meldpunt klokkenluidersregeling',
      role: 'Actoren in aanverwante horizontale beleidsdomeinen',
    },
    { name: 'DIT (dienst integriteitsbewaking en toezicht)', role: 'Actoren in aanverwante horizontale beleidsdomeinen' },
    { name: 'IKZ (dienst integrale kwaliteitszorg)', role: 'Actoren in aanverwante horizontale beleidsdomeinen' },
    { name: 'HRM', role: 'Actoren in aanverwante horizontale beleidsdomeinen' },
    { name: 'Dienst communicatie', role: 'Actoren in aanverwante horizontale beleidsdomeinen' },
    {
      name: 'Overheden die bevoegd zijn om de tuchtoverheden in kennis te stellen van feiten die mogelijks een tuchtvergrijp uitmaken, AIG, Comité P, COC',
      role: 'Op supralokaal niveau',
    },
  ],
};
