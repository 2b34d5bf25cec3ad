import { ValidationError } from '@broadsheet/model';
import { describe, expect, it } from 'vitest';
import { documentFromJson, looksLikeJson } from './input-document.js';

const article = (headline: string) => ({
  headline,
  language: 'en',
  body: [{ type: 'paragraph', text: 'Text.' }],
});
const edition = {
  title: 'Morning Brief',
  date: '2018-05-02',
  language: 'en',
  sections: [{ title: 'World', articles: [article('One')] }],
};

function issuesOf(value: unknown) {
  try {
    documentFromJson(value);
  } catch (error) {
    if (error instanceof ValidationError) return error.issues;
    throw error;
  }
  throw new Error('accepted');
}

describe('documentFromJson accepts', () => {
  it('an article', () => {
    const doc = documentFromJson(article('Hello'));
    expect(doc.kind === 'articles' && doc.articles.map((a) => a.slug)).toEqual(['hello']);
  });

  it('an array of articles, in order', () => {
    const doc = documentFromJson([article('One'), article('Two')]);
    expect(doc.kind === 'articles' && doc.articles.map((a) => a.headline)).toEqual(['One', 'Two']);
  });

  it('an edition, told apart by its sections', () => {
    const doc = documentFromJson(edition);
    expect(doc.kind).toBe('edition');
    expect(doc.kind === 'edition' && doc.edition.id).toBe('2018-05-02-morning-brief');
  });
});

describe('documentFromJson rejects, naming the field', () => {
  it.each<[string, unknown, { path: string; message: RegExp }[]]>([
    [
      'a string',
      'hello',
      [{ path: '', message: /must be a JSON object .* or an array of articles/ }],
    ],
    ['null', null, [{ path: '', message: /must be a JSON object/ }]],
    ['an empty array', [], [{ path: '', message: /empty array/ }]],
    [
      'an article without headline',
      { language: 'en', body: [{ type: 'paragraph', text: 'x' }] },
      [{ path: 'headline', message: /./ }],
    ],
    [
      'every bad element of an array, by index',
      [
        article('Fine'),
        { ...article('x'), language: 'not a language!' },
        { ...article(''), body: [] },
      ],
      [
        { path: '1.language', message: /BCP 47/ },
        { path: '2.headline', message: /must not be empty/ },
        { path: '2.body', message: /at least one block/ },
      ],
    ],
    [
      'an edition with a bad date',
      { ...edition, date: '2.5.2018' },
      [{ path: 'date', message: /YYYY-MM-DD/ }],
    ],
    [
      'an edition with a bad article',
      {
        ...edition,
        sections: [{ title: 'World', articles: [{ ...article('x'), body: [{ type: 'video' }] }] }],
      },
      [{ path: 'sections.0.articles.0.body.0.type', message: /unknown block type "video"/ }],
    ],
  ])('%s', (_name, value, expected) => {
    const issues = issuesOf(value);
    expect(issues).toHaveLength(expected.length);
    expected.forEach((e, i) => {
      expect(issues[i]?.path).toBe(e.path);
      expect(issues[i]?.message).toMatch(e.message);
    });
  });
});

describe('looksLikeJson', () => {
  it.each([
    ['{"headline": "x"}', true],
    ['  \n{ broken', true],
    ['[{"headline": "x"}]', true],
    ['[\n  {', true],
    ['[]', true],
    ['[Updated] Pakistan and Russia', false],
    ['Pakistan, Russia look at partnership\n\nText.', false],
    ['"quoted headline"\n\nText.', false],
  ])('%j → %s', (text, expected) => {
    expect(looksLikeJson(text)).toBe(expected);
  });
});
