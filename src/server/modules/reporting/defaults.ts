import type { Question } from './contract.js';

/**
 * The questionnaire an organisation starts from (it edits it in the settings): what happened, when,
 * where, who is involved, how the reporter knows, whether it was reported before. Data, not catalog
 * texts: the organisation changes them, and a report keeps the questions as they were asked.
 */
export const DEFAULT_QUESTIONS: Question[] = [
  {
    id: 'what', kind: 'longtext', required: true,
    label: { nl: 'Wat is er gebeurd?', fr: "Que s'est-il passé ?", de: 'Was ist geschehen?', en: 'What happened?' },
    help: {
      nl: 'Beschrijf de feiten zo precies mogelijk. Schrijf alleen wat nodig is om ze te begrijpen.',
      fr: "Décrivez les faits aussi précisément que possible. N'écrivez que ce qui est nécessaire pour les comprendre.",
      de: 'Beschreiben Sie die Tatsachen so genau wie möglich. Schreiben Sie nur, was zum Verständnis nötig ist.',
      en: 'Describe the facts as precisely as you can. Write only what is needed to understand them.',
    },
  },
  {
    id: 'when', kind: 'text', required: false,
    label: { nl: 'Wanneer is het gebeurd?', fr: "Quand cela s'est-il passé ?", de: 'Wann ist es geschehen?', en: 'When did it happen?' },
    help: {
      nl: 'Een datum of een periode, bij benadering als u het niet precies weet.',
      fr: 'Une date ou une période, approximative si vous ne la connaissez pas exactement.',
      de: 'Ein Datum oder ein Zeitraum, ungefähr, wenn Sie es nicht genau wissen.',
      en: 'A date or a period, approximately if you do not know exactly.',
    },
  },
  {
    id: 'where', kind: 'text', required: false,
    label: { nl: 'Waar is het gebeurd?', fr: "Où cela s'est-il passé ?", de: 'Wo ist es geschehen?', en: 'Where did it happen?' },
  },
  {
    id: 'who', kind: 'longtext', required: false,
    label: { nl: 'Wie is erbij betrokken?', fr: 'Qui est impliqué ?', de: 'Wer ist beteiligt?', en: 'Who is involved?' },
    help: {
      nl: 'Namen of functies van de betrokkenen en van eventuele getuigen.',
      fr: 'Noms ou fonctions des personnes impliquées et des témoins éventuels.',
      de: 'Namen oder Funktionen der Beteiligten und etwaiger Zeugen.',
      en: 'Names or functions of the people involved and of any witnesses.',
    },
  },
  {
    id: 'how_known', kind: 'longtext', required: false,
    label: { nl: 'Hoe weet u dit?', fr: 'Comment le savez-vous ?', de: 'Woher wissen Sie das?', en: 'How do you know about it?' },
    help: {
      nl: 'Zelf gezien of gehoord, van iemand anders vernomen, uit documenten …',
      fr: "Vu ou entendu vous-même, appris par quelqu'un d'autre, à partir de documents …",
      de: 'Selbst gesehen oder gehört, von jemand anderem erfahren, aus Dokumenten …',
      en: 'Seen or heard yourself, learnt from someone else, from documents …',
    },
  },
  {
    id: 'reported_before', kind: 'choice', required: false,
    label: {
      nl: 'Hebt u dit al eerder gemeld?', fr: 'Avez-vous déjà signalé ces faits ?', de: 'Haben Sie dies bereits früher gemeldet?', en: 'Have you reported this before?',
    },
    help: {
      nl: 'Bijvoorbeeld aan uw leidinggevende, een vertrouwenspersoon of het Comité P.',
      fr: 'Par exemple à votre supérieur, à une personne de confiance ou au Comité P.',
      de: 'Zum Beispiel Ihrer vorgesetzten Person, einer Vertrauensperson oder dem Comité P.',
      en: 'For instance to your superior, a confidential counsellor or the Comité P.',
    },
    options: [
      { id: 'no', label: { nl: 'Nee', fr: 'Non', de: 'Nein', en: 'No' } },
      { id: 'yes_internal', label: { nl: 'Ja, binnen de organisatie', fr: "Oui, au sein de l'organisation", de: 'Ja, innerhalb der Organisation', en: 'Yes, within the organisation' } },
      { id: 'yes_external', label: { nl: 'Ja, buiten de organisatie', fr: "Oui, en dehors de l'organisation", de: 'Ja, außerhalb der Organisation', en: 'Yes, outside the organisation' } },
    ],
  },
];

export const DEFAULT_SETTINGS = {
  open: false,
  intro: {} as Record<string, string>,
  questions: DEFAULT_QUESTIONS,
  ackDays: 7,
  feedbackMonths: 3,
  alertDaysBefore: 2,
  reprisalCheckMonths: [3, 6, 12],
  retentionMonths: 60,
  autoAck: null as Record<string, string> | null,
  revision: 0,
};
