import { describe, expect, it } from 'vitest';
import { displaySafe, formatInputError } from './display.js';
import { InputError } from './errors.js';

describe('displaySafe', () => {
  it.each([
    ['plain.json', 'plain.json'],
    ['ünïcødé/日本.json', 'ünïcødé/日本.json'],
    ['evil\x1b[2J.json', 'evil\\x1b[2J.json'],
    ['bell\x07', 'bell\\x07'],
    ['rtl\u202Eoverride', 'rtl\\u{202e}override'],
  ])('%j → %j', (text, expected) => {
    expect(displaySafe(text)).toBe(expected);
  });
});

describe('formatInputError', () => {
  it('prints FILE: field: reason, one line per issue', () => {
    const error = new InputError('in/a.json', [
      { path: 'headline', message: 'must not be empty' },
      { path: '', message: 'is not valid UTF-8 text' },
    ]);
    expect(formatInputError(error)).toEqual([
      'in/a.json: headline: must not be empty',
      'in/a.json: is not valid UTF-8 text',
    ]);
  });

  it('caps a flood of issues', () => {
    const issues = Array.from({ length: 30 }, (_, i) => ({
      path: `${i}.headline`,
      message: 'must not be empty',
    }));
    const lines = formatInputError(new InputError('a.json', issues), 20);
    expect(lines).toHaveLength(21);
    expect(lines.at(-1)).toBe('a.json: (and 10 more problems)');
  });
});
