import { describe, expect, it } from 'vitest';
import { compareScores, defaultMatrix, derive, matrixProblem, movementOf, vulnerabilityLevel } from './scoring.js';

const zeroInh = { money: 0, goods: 0, information: 0, power: 0, external: 0 };
const zeroAgg = { supervision: 0, combined_duties: 0, pressure: 0, rotation: 0 };

describe('risk scoring rules', () => {
  it('derives the default 5 × 5 matrix from likelihood × impact', () => {
    const m = defaultMatrix(5, 5);
    expect(m).toEqual([
      ['low', 'low', 'low', 'low', 'medium'],
      ['low', 'low', 'medium', 'medium', 'high'],
      ['low', 'medium', 'medium', 'high', 'high'],
      ['low', 'medium', 'high', 'high', 'very_high'],
      ['medium', 'high', 'high', 'very_high', 'very_high'],
    ]);
    expect(matrixProblem(5, 5, m)).toBeNull();
  });

  it('derives valid default matrices of every allowed size', () => {
    for (let L = 3; L <= 7; L++) {
      for (let I = 3; I <= 7; I++) {
        const m = defaultMatrix(L, I);
        expect(matrixProblem(L, I, m), `${L}×${I}`).toBeNull();
        expect(m[0][0]).toBe('low');
        expect(m[L - 1][I - 1]).toBe('very_high');
      }
    }
    expect(defaultMatrix(3, 3)).toEqual([
      ['low', 'medium', 'medium'],
      ['medium', 'high', 'very_high'],
      ['medium', 'very_high', 'very_high'],
    ]);
  });

  it('refuses matrices of a wrong size, unknown bands and bands that go down', () => {
    expect(matrixProblem(2, 5, defaultMatrix(5, 5).slice(0, 2))).toBe('size');
    expect(matrixProblem(8, 5, Array.from({ length: 8 }, () => Array(5).fill('low')))).toBe('size');
    expect(matrixProblem(5, 5, defaultMatrix(5, 4))).toBe('size');
    const unknown = defaultMatrix(3, 3).map((r) => [...r]) as string[][];
    unknown[1][1] = 'extreme';
    expect(matrixProblem(3, 3, unknown)).toBe('band');
    const downInImpact = defaultMatrix(3, 3).map((r) => [...r]);
    downInImpact[2][2] = 'medium'; // left of it is high
    expect(matrixProblem(3, 3, downInImpact)).toBe('monotone');
    const downInLikelihood = [
      ['low', 'medium', 'medium'],
      ['low', 'low', 'high'],
      ['low', 'high', 'high'],
    ] as const;
    expect(matrixProblem(3, 3, downInLikelihood.map((r) => [...r]))).toBe('monotone');
    expect(matrixProblem(3, 3, [['low', 'low', 'low'], ['low', 'low', 'low'], ['low', 'low', 'low']])).toBeNull();
  });

  it('scores inherent vulnerability and lets weighing aggravating factors raise it one level', () => {
    expect(vulnerabilityLevel(0, 0)).toBe('low');
    expect(vulnerabilityLevel(3, 5)).toBe('low');
    expect(vulnerabilityLevel(3, 6)).toBe('medium');
    expect(vulnerabilityLevel(4, 0)).toBe('medium');
    expect(vulnerabilityLevel(8, 0)).toBe('high');
    expect(vulnerabilityLevel(11, 12)).toBe('very_high');
    expect(vulnerabilityLevel(12, 0)).toBe('very_high');
    expect(vulnerabilityLevel(15, 12)).toBe('very_high');
    const d = derive({ inherent: { money: 3, goods: 2, information: 1, power: 2, external: 0 }, aggravating: { supervision: 3, combined_duties: 2, pressure: 1, rotation: 0 }, likelihood: 4, impact: 3 }, defaultMatrix(5, 5));
    expect(d).toEqual({ inherentScore: 8, aggravatingScore: 6, vulnerability: 'very_high', riskScore: 12, band: 'high' });
  });

  it('takes the residual band from the (configured) matrix cell', () => {
    const all = (b: 'low' | 'high') => Array.from({ length: 3 }, () => Array(3).fill(b));
    expect(derive({ inherent: zeroInh, aggravating: zeroAgg, likelihood: 3, impact: 3 }, all('low')).band).toBe('low');
    expect(derive({ inherent: zeroInh, aggravating: zeroAgg, likelihood: 1, impact: 1 }, all('high')).band).toBe('high');
  });

  it('flags disagreement on a spread of two levels or different bands, not on a one-level spread in one band', () => {
    const m = defaultMatrix(5, 5);
    expect(compareScores([{ likelihood: 2, impact: 2 }, { likelihood: 1, impact: 2 }], m)).toMatchObject({ likelihoodSpread: 1, impactSpread: 0, bands: ['low'], disagreement: false });
    expect(compareScores([{ likelihood: 1, impact: 1 }, { likelihood: 3, impact: 1 }], m)).toMatchObject({ likelihoodSpread: 2, bands: ['low'], disagreement: true });
    expect(compareScores([{ likelihood: 2, impact: 2 }, { likelihood: 2, impact: 3 }], m)).toMatchObject({ impactSpread: 1, bands: ['low', 'medium'], disagreement: true });
    expect(compareScores([{ likelihood: 4, impact: 2 }, { likelihood: 2, impact: 4 }, { likelihood: 5, impact: 5 }], m)).toMatchObject({ suggestedLikelihood: 4, suggestedImpact: 4 });
    expect(compareScores([], m)).toMatchObject({ likelihoodSpread: null, disagreement: false, suggestedLikelihood: null });
  });

  it('tells how a risk moved: band first, then score', () => {
    expect(movementOf({ band: 'medium', riskScore: 9 }, { band: 'high', riskScore: 10 })).toBe('up');
    expect(movementOf({ band: 'high', riskScore: 16 }, { band: 'high', riskScore: 12 })).toBe('down');
    expect(movementOf({ band: 'low', riskScore: 4 }, { band: 'low', riskScore: 4 })).toBe('same');
    expect(movementOf(null, { band: 'low', riskScore: 1 })).toBe('new');
    expect(movementOf({ band: 'low', riskScore: 1 }, null)).toBe('removed');
  });
});
