import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatNumber, intlLocale } from './format';

describe('intlLocale', () => {
  it('maps the UI languages to their regional locale', () => {
    expect(['nl', 'fr', 'de', 'en'].map(intlLocale)).toEqual(['nl-BE', 'fr-BE', 'de-BE', 'en-GB']);
    expect(intlLocale('de-DE')).toBe('de-BE');
    expect(intlLocale('xx')).toBe('nl-BE');
  });
});

describe('formatDate', () => {
  it('shows day, month, year in the order and with the separator of the language', () => {
    expect(formatDate('2026-12-31', 'nl')).toBe('31/12/2026');
    expect(formatDate('2026-12-31', 'fr')).toBe('31/12/2026');
    expect(formatDate('2026-12-31', 'en')).toBe('31/12/2026');
    expect(formatDate('2026-12-31', 'de')).toBe('31.12.2026');
    expect(formatDate('2026-01-05', 'nl')).toBe('05/01/2026');
  });

  it('reads a date-only value as that calendar day, whatever the time zone', () => {
    // new Date('2026-01-01') is midnight UTC: west of Greenwich that is still 31 December.
    expect(formatDate('2026-01-01', 'nl')).toBe('01/01/2026');
  });

  it('shows a dash for nothing and for garbage', () => {
    expect(formatDate(null, 'nl')).toBe('—');
    expect(formatDate(undefined, 'nl')).toBe('—');
    expect(formatDate('', 'nl')).toBe('—');
    expect(formatDate('not a date', 'nl')).toBe('—');
  });

  it('formats timestamps with the time of day', () => {
    const v = new Date(2026, 11, 31, 9, 5).toISOString();
    expect(formatDateTime(v, 'nl')).toMatch(/^31\/12\/2026,? 09:05$/);
    expect(formatDateTime(v, 'de')).toMatch(/^31\.12\.2026,? 09:05$/);
    expect(formatDate(v, 'de')).toBe('31.12.2026');
  });
});

describe('formatNumber', () => {
  it('groups thousands as the language does', () => {
    expect(formatNumber(1234567, 'nl')).toBe('1.234.567');
    expect(formatNumber(1234.5, 'en')).toBe('1,234.5');
  });
});
