import { describe, expect, it } from 'vitest';
import { hasForbiddenCharacters, text } from './text.js';

describe('the shared text type', () => {
  it('refuses C0 and C1 controls, DEL and lone surrogates; keeps emoji (surrogate pairs) and accents', () => {
    for (const bad of ['\u0000', 'a\u0001', 'a\u001b[31m', 'a\u007f', 'a\u0085', 'a\u009f', '\ud83d', 'x\ude00y', 'a\nb', 'a\tb', 'a\rb']) {
      expect(hasForbiddenCharacters(bad), JSON.stringify(bad)).toBe(true);
    }
    for (const good of ['', 'Lefèvre', 'Groß', 'Ελληνικά', '😀 ok', '\u00a0nbsp', 'a\u2028b']) expect(hasForbiddenCharacters(good), good).toBe(false);
  });

  it('multi-line text keeps line feed, carriage return and tab, nothing else', () => {
    expect(hasForbiddenCharacters('a\r\nb\tc', true)).toBe(false);
    expect(hasForbiddenCharacters('a\u000bb', true)).toBe(true);
    expect(hasForbiddenCharacters('a\u0000b', true)).toBe(true);
  });

  it('reports one translated issue before the length checks, then trims and bounds', () => {
    const s = text({ max: 5, min: 1, trim: true });
    expect(s.safeParse('\u0000'.repeat(10)).error?.issues).toEqual([expect.objectContaining({ code: 'custom', message: 'field.control_characters' })]);
    expect(s.parse('  abc  ')).toBe('abc');
    expect(s.safeParse('   ').success).toBe(false);
    expect(s.safeParse('abcdef').success).toBe(false);
  });
});
