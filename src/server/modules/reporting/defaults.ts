import type { Question } from './contract.js';

/**
 * The questionnaire an organisation starts from (it edits it in the settings): what happened, when,
 * where, who is involved, how the reporter knows, whether it was reported before. Data, not catalog
 * texts: the organisation changes them, and a report keeps the questions as they were asked.
 */
/** A text in the four languages, in the order nl, fr, de, en. */
type InFour = readonly [nl: string, fr: string, de: string, en: string];
const inFour = ([nl, fr, de, en]: InFour) => ({ nl, fr, de, en });

/** A question with its label, and its help and choices if any, each in the four languages. */
function ask(id: string, kind: Question['kind'], required: boolean, label: InFour, help?: InFour, options?: readonly [id: string, label: InFour][]): Question {
  return {
    id, kind, required, label: inFour(label),
    ...(help ? { help: inFour(help) } : {}),
    ...(options ? { options: options.map(([optionId, optionLabel]) => ({ id: optionId, label: inFour(optionLabel) })) } : {}),
  };
}

export const DEFAULT_QUESTIONS: Question[] = [
  ask('what', 'longtext', true, ['Wat is er gebeurd?', "Que s'est-il passé ?", 'Was ist geschehen?', 'What happened?'], [
    'Beschrijf de feiten zo precies mogelijk. Schrijf alleen wat nodig is om ze te begrijpen.',
    "Décrivez les faits aussi précisément que possible. N'écrivez que ce qui est nécessaire pour les comprendre.",
    'Beschreiben Sie die Tatsachen so genau wie möglich. Schreiben Sie nur, was zum Verständnis nötig ist.',
    'Describe the facts as precisely as you can. Write only what is needed to understand them.',
  ]),
  ask('when', 'text', false, ['Wanneer is het gebeurd?', "Quand cela s'est-il passé ?", 'Wann ist es geschehen?', 'When did it happen?'], [
    'Een datum of een periode, bij benadering als u het niet precies weet.',
    'Une date ou une période, approximative si vous ne la connaissez pas exactement.',
    'Ein Datum oder ein Zeitraum, ungefähr, wenn Sie es nicht genau wissen.',
    'A date or a period, approximately if you do not know exactly.',
  ]),
  ask('where', 'text', false, ['Waar is het gebeurd?', "Où cela s'est-il passé ?", 'Wo ist es geschehen?', 'Where did it happen?']),
  ask('who', 'longtext', false, ['Wie is erbij betrokken?', 'Qui est impliqué ?', 'Wer ist beteiligt?', 'Who is involved?'], [
    'Namen of functies van de betrokkenen en van eventuele getuigen.',
    'Noms ou fonctions des personnes impliquées et des témoins éventuels.',
    'Namen oder Funktionen der Beteiligten und etwaiger Zeugen.',
    'Names or functions of the people involved and of any witnesses.',
  ]),
  ask('how_known', 'longtext', false, ['Hoe weet u dit?', 'Comment le savez-vous ?', 'Woher wissen Sie das?', 'How do you know about it?'], [
    'Zelf gezien of gehoord, van iemand anders vernomen, uit documenten …',
    "Vu ou entendu vous-même, appris par quelqu'un d'autre, à partir de documents …",
    'Selbst gesehen oder gehört, von jemand anderem erfahren, aus Dokumenten …',
    'Seen or heard yourself, learnt from someone else, from documents …',
  ]),
  ask('reported_before', 'choice', false,
    ['Hebt u dit al eerder gemeld?', 'Avez-vous déjà signalé ces faits ?', 'Haben Sie dies bereits früher gemeldet?', 'Have you reported this before?'], [
      'Bijvoorbeeld aan uw leidinggevende, een vertrouwenspersoon of het Comité P.',
      'Par exemple à votre supérieur, à une personne de confiance ou au Comité P.',
      'Zum Beispiel Ihrer vorgesetzten Person, einer Vertrauensperson oder dem Comité P.',
      'For instance to your superior, a confidential counsellor or the Comité P.',
    ], [
      ['no', ['Nee', 'Non', 'Nein', 'No']],
      ['yes_internal', ['Ja, binnen de organisatie', "Oui, au sein de l'organisation", 'Ja, innerhalb der Organisation', 'Yes, within the organisation']],
      ['yes_external', ['Ja, buiten de organisatie', "Oui, en dehors de l'organisation", 'Ja, außerhalb der Organisation', 'Yes, outside the organisation']],
    ]),
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
