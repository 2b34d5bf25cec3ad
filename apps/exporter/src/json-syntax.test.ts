import { ValidationError } from '@broadsheet/model';
import { describe, expect, it } from 'vitest';
import { lineAndColumn, parseJsonText } from './json-syntax.js';

async function syntaxIssue(text: string) {
  try {
    await parseJsonText(text);
  } catch (error) {
    if (error instanceof ValidationError) return error.issues;
    throw error;
  }
  throw new Error('parsed');
}

describe('parseJsonText', () => {
  it('parses valid JSON', async () => {
    expect(await parseJsonText('{"a": [1, "ü"]}')).toEqual({ a: [1, 'ü'] });
  });

  it.each([
    ['{\n  "headline": "x",\n  "body": }', 'line 3, column 11', /Unexpected token '}'/],
    ['{"a": 1,}', 'line 1, column 9', /property name/],
    ['[1 2]', 'line 1, column 4', /Expected ',' or '\]'/],
    ['{"a": 1', 'line 1, column 8', /Expected ',' or '}'/],
    ['', 'line 1, column 1', /unexpected end of input/],
    ['{"a":1}\r\n\r\nx', 'line 3, column 1', /non-whitespace/],
    ['{"ü": "é", x}', 'line 1, column 12', /property name/],
  ])('%j fails at %s', async (text, where, reason) => {
    const [issue, ...rest] = await syntaxIssue(text);
    expect(rest).toEqual([]);
    expect(issue?.path).toBe(where);
    expect(issue?.message).toMatch(/^invalid JSON: /);
    expect(issue?.message).toMatch(reason);
    // The whole input is never echoed back (it may be megabytes).
    expect(issue?.message).not.toContain('is not valid JSON');
  });
});

describe('lineAndColumn', () => {
  it.each([
    ['abc', 0, 1, 1],
    ['abc', 3, 1, 4],
    ['a\nb', 2, 2, 1],
    ['a\r\nb', 3, 2, 1],
    ['😀x', 2, 1, 2],
  ])('%j at %i is line %i column %i', (text, offset, line, column) => {
    expect(lineAndColumn(text, offset)).toEqual({ line, column });
  });
});
