import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { figuresSearch } from './figures-search';

describe('the year of the figures page in its address', () => {
  it('takes a year the channel can have figures for, and ignores anything else', () => {
    expect(figuresSearch({ year: '2025' })).toEqual({ year: 2025 });
    expect(figuresSearch({ year: 2026 })).toEqual({ year: 2026 });
    for (const year of ['2021', '20x5', '2025.5', '', undefined, '99999']) expect(figuresSearch({ year })).toEqual({});
  });
});

describe('the oversight page', () => {
  it('labels every figure the server module sends (same ids, same order)', () => {
    const ids = (file: string, re: RegExp) => [...readFileSync(new URL(file, import.meta.url), 'utf8').matchAll(re)].map((m) => m[1]);
    const server = ids('../../../server/modules/reporting/figures.ts', /\{ id: '(reporting\.[a-z_]+)', organisationId/g);
    const web = ids('./OversightFiguresPage.tsx', /\{ id: '(reporting\.[a-z_]+)', label/g);
    expect(server).toEqual(['reporting.received', 'reporting.ack_late', 'reporting.feedback_late', 'reporting.open']);
    expect(web).toEqual(server);
  });
});
