/**
 * A realistic HR export of a police zone, for tests and demo data: Belgian first and last names
 * (Flemish, Walloon, Brussels, East-Belgian), police grades and CALog levels, the units of a zone.
 * Deterministic (seeded), so a test that fails can be replayed.
 */
export interface HrFixtureOptions {
  count: number;
  seed?: number;
  delimiter?: ';' | ',';
  language?: 'nl' | 'fr' | 'en';
  /** Excel on Windows writes a byte-order mark and DD/MM/YYYY. */
  excel?: boolean;
  unitCodes?: string[];
  /** First personnel number; numbers are consecutive. */
  firstNumber?: number;
}

export interface HrFixturePerson {
  personnelNumber: string;
  lastName: string;
  firstName: string;
  email: string;
  staffCategory: 'operational' | 'calog';
  grade: string;
  unitCode: string;
  functionTitle: string;
  startDate: string;
  endDate: string | null;
}

const FIRST = ['Jan', 'Pieter', 'Koen', 'Bart', 'Wouter', 'Stijn', 'Tom', 'Annelies', 'Els', 'Griet', 'Sofie', 'Lien', 'Hanne', 'Jeroen', 'Maarten',
  'Jean-Pierre', 'Olivier', 'Benoît', 'François', 'Sébastien', 'Nathalie', 'Isabelle', 'Véronique', 'Amélie', 'Céline', 'Hélène', 'Mathieu',
  'Jürgen', 'Günther', 'Björn', 'Anke', 'Mohamed', 'Youssef', 'Fatima', 'Nadia', 'Ahmet', 'Elif', 'Kevin', 'Laura', 'Noémie', 'Zoë'];
const LAST = ['Peeters', 'Janssens', 'Maes', 'Jacobs', 'Mertens', 'Willems', 'Claes', 'Goossens', 'Wouters', 'De Smet', 'Van den Broeck',
  'Vermeulen', 'Van Damme', "D'Hondt", 'Dubois', 'Lambert', 'Dupont', 'Martin', 'Leclercq', 'Lejeune', 'Renard', 'Lefèvre', 'Sénéchal',
  'Colignon', 'Delvaux', 'Müller', 'Schmitz', 'Kessler', 'El Amrani', 'Benali', 'Yilmaz', 'Öztürk', 'Van de Velde', 'Verstraete', 'De Backer'];
const OPERATIONAL = [
  { grade: 'INP', functions: { nl: 'Inspecteur interventie', fr: 'Inspecteur intervention', en: 'Response inspector' } },
  { grade: 'INP', functions: { nl: 'Wijkinspecteur', fr: 'Inspecteur de quartier', en: 'Community inspector' } },
  { grade: 'HINP', functions: { nl: 'Ploegchef', fr: "Chef d'équipe", en: 'Team leader' } },
  { grade: 'HINP', functions: { nl: 'Rechercheur', fr: 'Enquêteur', en: 'Detective' } },
  { grade: 'CP', functions: { nl: 'Officier van gerechtelijke politie', fr: 'Officier de police judiciaire', en: 'Judicial police officer' } },
  { grade: 'HCP', functions: { nl: 'Diensthoofd', fr: 'Chef de service', en: 'Head of service' } },
  { grade: 'AGPOL', functions: { nl: 'Agent van politie', fr: 'Agent de police', en: 'Police agent' } },
];
const CALOG = [
  { grade: 'Niveau A', functions: { nl: 'Jurist', fr: 'Juriste', en: 'Legal adviser' } },
  { grade: 'Niveau B', functions: { nl: 'Deskundige personeelsbeheer', fr: 'Consultant gestion du personnel', en: 'HR specialist' } },
  { grade: 'Niveau C', functions: { nl: 'Administratief assistent', fr: 'Assistant administratif', en: 'Administrative assistant' } },
  { grade: 'Niveau D', functions: { nl: 'Medewerker logistiek', fr: 'Collaborateur logistique', en: 'Logistics staff' } },
];
const HEADERS = {
  nl: ['stamnummer', 'naam', 'voornaam', 'e-mail', 'categorie', 'graad', 'dienst', 'functie', 'startdatum', 'einddatum'],
  fr: ['matricule', 'nom', 'prénom', 'e-mail', 'catégorie', 'grade', 'service', 'fonction', 'date_début', 'date_fin'],
  en: ['personnel_number', 'last_name', 'first_name', 'e-mail', 'category', 'grade', 'unit', 'function', 'start_date', 'end_date'],
};
const CATEGORY = { nl: { operational: 'operationeel', calog: 'CALog' }, fr: { operational: 'opérationnel', calog: 'CALog' }, en: { operational: 'operational', calog: 'CALog' } };
export const ZONE_UNITS = ['INT', 'WIJK', 'REC', 'VERK', 'DIT', 'PERS', 'LOG'];

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const ascii = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]/g, '');

export function hrPeople(o: HrFixtureOptions): HrFixturePerson[] {
  const r = rng(o.seed ?? 8122022);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const lang = o.language ?? 'nl';
  const units = o.unitCodes ?? ZONE_UNITS;
  const first = o.firstNumber ?? 100001;
  return Array.from({ length: o.count }, (_, i) => {
    const operational = r() < 0.78; // the share of operational staff in a typical zone
    const job = pick(operational ? OPERATIONAL : CALOG);
    const firstName = pick(FIRST);
    const lastName = pick(LAST);
    const year = 1988 + Math.floor(r() * 36);
    const start = `${year}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
    const left = r() < 0.06;
    return {
      personnelNumber: String(first + i),
      lastName,
      firstName,
      email: `${ascii(firstName)}.${ascii(lastName)}.${first + i}@police.belgium.eu`,
      staffCategory: operational ? 'operational' : 'calog',
      grade: job.grade,
      unitCode: pick(units),
      functionTitle: job.functions[lang],
      startDate: start,
      endDate: left ? `${Math.min(year + 1 + Math.floor(r() * 10), 2024)}-06-30` : null,
    };
  });
}

const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const quote = (v: string, d: string) => (v.includes(d) || v.includes('"') || v.includes('\n') ? `"${v.replace(/"/g, '""')}"` : v);

export function hrCsv(people: HrFixturePerson[], o: Omit<HrFixtureOptions, 'count'> = {}): string {
  const d = o.delimiter ?? ';';
  const lang = o.language ?? 'nl';
  const date = (v: string | null) => (v === null ? '' : o.excel ? dmy(v) : v);
  const lines = [HEADERS[lang].join(d), ...people.map((p) =>
    [p.personnelNumber, p.lastName, p.firstName, p.email, CATEGORY[lang][p.staffCategory], p.grade, p.unitCode, p.functionTitle, date(p.startDate), date(p.endDate)]
      .map((v) => quote(v, d)).join(d))];
  return (o.excel ? '\uFEFF' : '') + lines.join(o.excel ? '\r\n' : '\n') + '\n';
}
