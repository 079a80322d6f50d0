/**
 * The scoring rules of the risk analysis (issue 21), pure functions tested with fixtures
 * (scoring.test.ts):
 *
 * - Inherent vulnerability: the sum of the five inherent factors (money, goods, information,
 *   power/discretion, external parties; each 0..3, so 0..15) gives the level: 0–3 low, 4–7 medium,
 *   8–11 high, 12–15 very high. Aggravating factors (little supervision, combined duties, pressure,
 *   little rotation; each 0..3, so 0..12) that weigh (sum ≥ 6, half their maximum) raise it one level.
 * - Residual risk: the band of the matrix cell (likelihood, impact) of the assessment; the risk
 *   score is likelihood × impact.
 * - Default matrix of L likelihood × I impact levels: the cell's product scaled to a 5 × 5 matrix
 *   (l·i·25 / (L·I)): ≤ 4 low, ≤ 9 medium, ≤ 16 high, above very high.
 * - A matrix is valid when it has L rows of I cells, sizes 3..7, each cell a band, and bands never
 *   go down when likelihood or impact goes up.
 * - Participants disagree on a process when their likelihoods or their impacts are 2 or more levels
 *   apart, or when their scores fall in different bands.
 */
import { AGGRAVATING_FACTORS, BANDS, INHERENT_FACTORS, MAX_LEVELS, MIN_LEVELS, type Band, type Derived, type Movement } from './contract.js';

export type Matrix = Band[][];
export interface FactorScores {
  inherent: Record<string, number>;
  aggravating: Record<string, number>;
  likelihood: number;
  impact: number;
}

export const bandRank = (b: Band) => BANDS.indexOf(b);
const sum = (o: Record<string, number>, keys: readonly string[]) => keys.reduce((a, k) => a + (o[k] ?? 0), 0);

export const inherentScore = (inherent: Record<string, number>) => sum(inherent, INHERENT_FACTORS);
export const aggravatingScore = (aggravating: Record<string, number>) => sum(aggravating, AGGRAVATING_FACTORS);

/** Aggravating factors weigh from this sum on (half their maximum of 12). */
export const AGGRAVATING_WEIGHT = 6;

export function vulnerabilityLevel(inherent: number, aggravating: number): Band {
  const base = inherent <= 3 ? 0 : inherent <= 7 ? 1 : inherent <= 11 ? 2 : 3;
  return BANDS[Math.min(3, base + (aggravating >= AGGRAVATING_WEIGHT ? 1 : 0))];
}

export function defaultBand(l: number, i: number, L: number, I: number): Band {
  const scaled = l * i * 25; // compared with thresholds × L·I: integers only
  const cap = L * I;
  if (scaled <= 4 * cap) return 'low';
  if (scaled <= 9 * cap) return 'medium';
  if (scaled <= 16 * cap) return 'high';
  return 'very_high';
}

export function defaultMatrix(L: number, I: number): Matrix {
  return Array.from({ length: L }, (_, l) => Array.from({ length: I }, (_, i) => defaultBand(l + 1, i + 1, L, I)));
}

export type MatrixProblem = 'size' | 'band' | 'monotone';

/** Why a matrix is refused, or null when it is valid. */
export function matrixProblem(L: number, I: number, matrix: readonly (readonly string[])[]): MatrixProblem | null {
  const inRange = (n: number) => Number.isInteger(n) && n >= MIN_LEVELS && n <= MAX_LEVELS;
  if (!inRange(L) || !inRange(I) || matrix.length !== L || matrix.some((row) => row.length !== I)) return 'size';
  if (matrix.some((row) => row.some((b) => !(BANDS as readonly string[]).includes(b)))) return 'band';
  const m = matrix as Matrix;
  for (let l = 0; l < L; l++) {
    for (let i = 0; i < I; i++) {
      if (l > 0 && bandRank(m[l][i]) < bandRank(m[l - 1][i])) return 'monotone';
      if (i > 0 && bandRank(m[l][i]) < bandRank(m[l][i - 1])) return 'monotone';
    }
  }
  return null;
}

export const bandOf = (matrix: Matrix, likelihood: number, impact: number): Band => matrix[likelihood - 1][impact - 1];
export const inScale = (matrix: Matrix, likelihood: number, impact: number) =>
  likelihood >= 1 && likelihood <= matrix.length && impact >= 1 && impact <= (matrix[0]?.length ?? 0);

export function derive(s: FactorScores, matrix: Matrix): Derived {
  const inh = inherentScore(s.inherent);
  const agg = aggravatingScore(s.aggravating);
  return {
    inherentScore: inh,
    aggravatingScore: agg,
    vulnerability: vulnerabilityLevel(inh, agg),
    riskScore: s.likelihood * s.impact,
    band: bandOf(matrix, s.likelihood, s.impact),
  };
}

/** Spread ≥ this many levels on likelihood or impact is a disagreement. */
export const DISAGREEMENT_SPREAD = 2;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]; // upper median: rounds up on an even count
};

/** The participants' scores of one process compared. */
export function compareScores(scores: readonly { likelihood: number; impact: number }[], matrix: Matrix) {
  if (scores.length === 0) {
    return { likelihoodSpread: null, impactSpread: null, bands: [] as Band[], disagreement: false, suggestedLikelihood: null, suggestedImpact: null };
  }
  const ls = scores.map((s) => s.likelihood);
  const is = scores.map((s) => s.impact);
  const likelihoodSpread = Math.max(...ls) - Math.min(...ls);
  const impactSpread = Math.max(...is) - Math.min(...is);
  const bands = BANDS.filter((b) => scores.some((s) => bandOf(matrix, s.likelihood, s.impact) === b));
  const disagreement = likelihoodSpread >= DISAGREEMENT_SPREAD || impactSpread >= DISAGREEMENT_SPREAD || bands.length > 1;
  return { likelihoodSpread, impactSpread, bands, disagreement, suggestedLikelihood: median(ls), suggestedImpact: median(is) };
}

/** How a process's risk moved between two analyses: band first, then the risk score. */
export function movementOf(from: { band: Band; riskScore: number } | null, to: { band: Band; riskScore: number } | null): Movement {
  if (!from && !to) return 'same';
  if (!from) return 'new';
  if (!to) return 'removed';
  const d = bandRank(to.band) - bandRank(from.band) || Math.sign(to.riskScore - from.riskScore);
  return d > 0 ? 'up' : d < 0 ? 'down' : 'same';
}
