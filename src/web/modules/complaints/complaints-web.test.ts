import { describe, expect, it } from 'vitest';
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
