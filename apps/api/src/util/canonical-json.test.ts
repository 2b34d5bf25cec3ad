import { describe, expect, it } from 'vitest';
import { defaultArticle } from '@broadsheet/content';
import {
  canonicalJson,
  canonicalSha256,
  jsonBytes,
  jsonWithKnownParts,
  rememberCanonical,
  rememberJsonBytes,
} from './canonical-json.js';
import { sha256 } from './hash.js';

// The seed article: rich text runs, links, images, every optional field the importer fills.
const article = defaultArticle();

const values: [string, unknown][] = [
  ['a string', 'héllo "quoted" \n \u2028'],
  ['a number', 1.5e-7],
  ['null', null],
  ['nested objects in any key order', { b: { d: 1, c: [1, 'x'] }, a: true }],
  ['integer-like keys', { b: 1, 10: 'ten', 9: 'nine', a: { 2: 'two', 1: 'one' } }],
  ['undefined properties and array items', { a: undefined, b: [undefined, 1, () => 1], c: 2 }],
  ['empty containers', { a: {}, b: [], c: [{}] }],
  ['a date', { at: new Date(Date.UTC(2018, 4, 2)) }],
  ['unicode keys', { ä: 1, z: 2, Z: 3, '\u{1F600}': 4 }],
  ['an article', article],
  [
    'an edition with a remembered article',
    { id: 'e', sections: [{ title: 'News', articles: [article, article] }], title: 'T' },
  ],
];

describe('canonicalSha256', () => {
  it.each(values)('equals sha256(canonicalJson(x)) for %s', (_name, value) => {
    const expected = sha256(canonicalJson(value));
    expect(canonicalSha256(value)).toBe(expected);
    if (typeof value === 'object' && value !== null) {
      rememberCanonical(article);
      expect(canonicalSha256(value)).toBe(expected);
    }
  });
});

describe('jsonWithKnownParts', () => {
  it.each(values)('equals JSON.stringify(x) for %s', (_name, value) => {
    const known = new Map<object, string>([[article, JSON.stringify(article)]]);
    expect(jsonWithKnownParts(value, known)).toBe(JSON.stringify(value));
    expect(jsonWithKnownParts(value, new Map())).toBe(JSON.stringify(value));
  });

  it('uses the known text as it is', () => {
    const known = new Map<object, string>([[article, '"stand-in"']]);
    expect(jsonWithKnownParts({ a: [article] }, known)).toBe('{"a":["stand-in"]}');
  });
});

describe('jsonBytes', () => {
  it.each(values)('is the UTF-8 of JSON.stringify(x) for %s', (_name, value) => {
    const expected = Buffer.from(JSON.stringify(value) ?? '');
    expect(Buffer.compare(jsonBytes(value), expected)).toBe(0);
    rememberJsonBytes(article, Buffer.from(JSON.stringify(article)));
    expect(Buffer.compare(jsonBytes(value), expected)).toBe(0);
  });

  it('copies remembered bytes in as they are', () => {
    const part = { big: true };
    rememberJsonBytes(part, Buffer.from('"stand-in"'));
    expect(jsonBytes({ a: [part, 1] }).toString()).toBe('{"a":["stand-in",1]}');
  });
});
