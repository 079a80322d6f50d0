import { describe, expect, it } from 'vitest';
import { addDays, addMonths } from './dates';
import { groupReceipt, receiptDigits } from './receipt';

describe('deadline dates on the follow-up page', () => {
  it('adds days across months and years', () => {
    expect(addDays('2026-05-28', 7)).toBe('2026-06-04');
    expect(addDays('2026-12-30', 7)).toBe('2027-01-06');
    expect(addDays('not a day', 7)).toBeNull();
  });

  it('adds months, keeping the day where the month has it', () => {
    expect(addMonths('2026-02-10', 3)).toBe('2026-05-10');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2028-11-30', 3)).toBe('2029-02-28');
    expect(addMonths('2027-11-29', 3)).toBe('2028-02-29');
  });
});

describe('receipt codes', () => {
  it('groups sixteen digits by four, whatever the reporter typed around them', () => {
    expect(groupReceipt('1234567890123456')).toBe('1234 5678 9012 3456');
    expect(groupReceipt('1234 5678-9012 3456')).toBe('1234 5678 9012 3456');
    expect(groupReceipt('12345')).toBe('12345');
  });
});

describe('typed receipts', () => {
  it('accepts the sixteen digits with spaces or dashes, and nothing else', () => {
    expect(receiptDigits(' 1234 5678-9012.3456 ')).toBe('1234567890123456');
    expect(receiptDigits('1234 5678 9012 345')).toBeNull();
    expect(receiptDigits('1234 5678 9012 345x')).toBeNull();
  });
});
