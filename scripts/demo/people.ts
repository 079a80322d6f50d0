/** Deterministic, realistic staff for the demo zone: Belgian names, grades and services. */
const FIRST = ['Jan', 'Sofie', 'Pieter', 'Lotte', 'Koen', 'Els', 'Tom', 'An', 'Bart', 'Katrien', 'Wim', 'Nathalie', 'Dirk', 'Sarah', 'Kevin', 'Inge', 'Jeroen', 'Liesbeth', 'Stijn', 'Evelien', 'Mohamed', 'Fatima', 'Youssef', 'Amina', 'Thomas', 'Julie', 'Nicolas', 'Marie', 'Luc', 'Isabelle', 'Geert', 'Veerle', 'Joris', 'Hanne', 'Ruben', 'Laura', 'Kris', 'Sandra', 'Filip', 'Ann-Sophie'];
const LAST = ['Peeters', 'Janssens', 'Maes', 'Jacobs', 'Mertens', 'Willems', 'Claes', 'Goossens', 'Wouters', 'De Smet', 'Dubois', 'Lambert', 'Dupont', 'Vermeulen', 'Van den Broeck', 'Hermans', 'Aerts', 'Pauwels', 'Segers', 'De Backer', 'Van Damme', 'El Amrani', 'Bogaert', 'Coppens', 'Michiels', 'Verstraete', 'Lemmens', 'Smets', 'Van Dyck', 'De Clercq', 'Martens', 'Leroy', 'Vandenberghe', 'Cools', 'Stevens', 'Declercq', 'Desmet', 'Hendrickx', 'Laenen', 'Verhoeven'];
const OPERATIONAL_GRADES = ['INP', 'INP', 'INP', 'HINP', 'HINP', 'CP', 'HCP', 'AGP'];
const CALOG_GRADES = ['Niveau A', 'Niveau B', 'Niveau C', 'Niveau C', 'Niveau D'];

export const DEMO_UNITS: { code: string; name: string; parent?: string }[] = [
  { code: 'DIR', name: 'Directie korpschef' },
  { code: 'DIT', name: 'Dienst Intern Toezicht', parent: 'DIR' },
  { code: 'INT', name: 'Interventie' },
  { code: 'WIJK', name: 'Wijkwerking' },
  { code: 'REC', name: 'Lokale Recherche' },
  { code: 'VER', name: 'Verkeer' },
  { code: 'ONT', name: 'Onthaal en slachtofferbejegening' },
  { code: 'PLOG', name: 'Personeel en Logistiek' },
  { code: 'ICT', name: 'ICT en informatiebeheer', parent: 'PLOG' },
];
const UNIT_WEIGHTS: Record<string, number> = { DIR: 4, DIT: 3, INT: 30, WIJK: 20, REC: 14, VER: 10, ONT: 7, PLOG: 8, ICT: 4 };

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export interface DemoPerson {
  personnelNumber: string;
  firstName: string;
  lastName: string;
  staffCategory: 'operational' | 'calog';
  grade: string;
  unitCode: string;
  functionTitle: string;
  startDate: string;
  endDate: string | null;
}

export function demoStaff(count: number, seed = 5999): DemoPerson[] {
  const rnd = prng(seed);
  const pick = <T,>(a: T[]) => a[Math.floor(rnd() * a.length)];
  const unitBag = Object.entries(UNIT_WEIGHTS).flatMap(([code, w]) => Array<string>(w).fill(code));
  const out: DemoPerson[] = [];
  for (let i = 0; i < count; i++) {
    const unitCode = pick(unitBag);
    const calog = ['PLOG', 'ICT', 'ONT'].includes(unitCode) ? rnd() < 0.8 : rnd() < 0.08;
    const year = 1995 + Math.floor(rnd() * 30);
    const left = rnd() < 0.06;
    out.push({
      personnelNumber: String(82_000_000 + i * 37 + Math.floor(rnd() * 30)).padStart(8, '0'),
      firstName: pick(FIRST),
      lastName: pick(LAST),
      staffCategory: calog ? 'calog' : 'operational',
      grade: calog ? pick(CALOG_GRADES) : pick(OPERATIONAL_GRADES),
      unitCode,
      functionTitle: calog ? pick(['Administratief medewerker', 'Dossierbeheerder', 'Logistiek medewerker', 'ICT-medewerker', 'Onthaalmedewerker']) : pick(['Interventieploeg', 'Wijkinspecteur', 'Rechercheur', 'Verkeersinspecteur', 'Ploegverantwoordelijke', 'Officier van dienst']),
      startDate: `${year}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-01`,
      endDate: left ? `2025-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-28` : null,
    });
  }
  return out;
}
