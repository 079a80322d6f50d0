import { describe, expect, it } from 'vitest';
import { filtersOf, validateActionSearch } from './action-search';

const UNIT = '0b6f3c1e-2d4a-4f7b-9c8d-1a2b3c4d5e6f';

describe('the URL search of the plan tree and timeline', () => {
  it('keeps valid filters and the open action', () => {
    expect(validateActionSearch({ unit: UNIT, status: 'late', imfFunction: 'monitor', year: '2026', action: UNIT }))
      .toEqual({ unit: UNIT, status: 'late', imfFunction: 'monitor', year: 2026, action: UNIT });
  });

  it('drops what is not valid, so a stale or hand-edited link still opens the page', () => {
    expect(validateActionSearch({ unit: "x';drop table plan", owner: 42, status: 'gone', imfFunction: 'toString', year: '99999', action: '<script>' })).toEqual({});
    expect(validateActionSearch({ year: '2026.5' })).toEqual({});
    expect(validateActionSearch({ year: 2100 })).toEqual({ year: 2100 });
  });

  it('sends the filters, not the open action, to the API', () => {
    expect(filtersOf({ unit: UNIT, action: UNIT })).toEqual({ unit: UNIT });
  });
});
