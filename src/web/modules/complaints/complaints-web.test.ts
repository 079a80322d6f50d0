import { describe, expect, it } from 'vitest';
import { lastFullQuarter } from './listing-period';
import { compactCode, groupCode, listSearch } from './search';

describe('status codes', () => {
  it('groups a long code by four for reading and copying', () => {
    expect(groupCode('1234567890123456')).toBe('1234 5678 9012 3456');
    expect(groupCode('1234 5678 9012 3456')).toBe('1234 5678 9012 3456');
    expect(groupCode('12345')).toBe('12345');
  });

  it('drops the separators people type between the groups', () => {
    expect(compactCode(' 1234 5678-9012.3456 ')).toBe('1234567890123456');
    expect(compactCode('')).toBe('');
  });
});

describe('the list filters in the address', () => {
  it('keeps known values only', () => {
    expect(listSearch({ status: 'triaged', theme: 'use_of_force', late: 'true' })).toEqual({ status: 'triaged', theme: 'use_of_force', late: 'true' });
    expect(listSearch({ status: 'bogus', theme: '<script>', late: 'yes' })).toEqual({});
    expect(listSearch({ late: true })).toEqual({ late: 'true' });
  });
});

describe('the default period of the listing for the authorities', () => {
  it('is the last full quarter, the year before in the first quarter', () => {
    expect(lastFullQuarter(new Date('2026-12-02T10:00:00Z'))).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(lastFullQuarter(new Date('2026-04-01T00:00:00Z'))).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(lastFullQuarter(new Date('2026-02-15T00:00:00Z'))).toEqual({ from: '2025-10-01', to: '2025-12-31' });
    expect(lastFullQuarter(new Date('2024-06-30T00:00:00Z'))).toEqual({ from: '2024-01-01', to: '2024-03-31' });
  });
});
