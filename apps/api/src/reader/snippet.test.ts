import { describe, expect, it } from 'vitest';
import { queryTerms, snippet } from './snippet.js';

describe('queryTerms', () => {
  it.each([
    ['Pakistan Russia', ['pakistan', 'russia']],
    ['  a  Bb bb ', ['bb']],
    ['پاکستان', ['پاکستان']],
    ['<script>', ['script']],
    ['(.*)', []],
  ])('%j → %j', (q, terms) => expect(queryTerms(q)).toEqual(terms));
});

describe('snippet', () => {
  const text = `${'Lorem ipsum dolor sit amet. '.repeat(10)}Russia and Pakistan met. ${'Consectetur adipiscing elit. '.repeat(10)}`;

  it('centres on the first match, marks every match and cuts at word boundaries', () => {
    const parts = snippet(text, 'pakistan russia', 40);
    expect(parts.filter((p) => p.match).map((p) => p.text)).toEqual(['Russia', 'Pakistan']);
    const joined = parts.map((p) => p.text).join('');
    expect(joined.startsWith('…')).toBe(true);
    expect(joined.endsWith('…')).toBe(true);
    expect(joined).toContain('Russia and Pakistan met.');
  });

  it('starts at the beginning when nothing matches', () => {
    const parts = snippet(text, 'zebra', 20);
    expect(parts).toEqual([{ text: 'Lorem ipsum dolor sit amet. Lorem ipsum…', match: false }]);
  });

  it('treats regular-expression characters in the query as text', () => {
    expect(snippet('a+b (cd) e', '(cd)').filter((p) => p.match)).toEqual([
      { text: 'cd', match: true },
    ]);
  });
});
