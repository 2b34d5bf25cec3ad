import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { articleJsonSchema, editionJsonSchema } from './json-schema.js';

const shipped = (name: string) =>
  JSON.parse(readFileSync(new URL(`../schemas/${name}`, import.meta.url), 'utf8')) as unknown;

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);

describe('JSON Schemas of the wire format', () => {
  it('match the snapshot', () => {
    expect(articleJsonSchema).toMatchSnapshot('article');
    expect(editionJsonSchema).toMatchSnapshot('edition');
  });

  it.each([
    ['article', articleJsonSchema],
    ['edition', editionJsonSchema],
  ])('the %s schema is a frozen plain-JSON object', (_name, schema) => {
    expect(Object.isFrozen(schema)).toBe(true);
    expect(() => {
      (schema as Record<string, unknown>).title = 'changed';
    }).toThrow(TypeError);
    expect(JSON.parse(JSON.stringify(schema))).toEqual({ ...schema });
    expect(Object.keys(schema)).toEqual(
      expect.arrayContaining(['$schema', 'type', 'properties', 'title']),
    );
  });

  it.each([
    ['article.schema.json', articleJsonSchema],
    ['edition.schema.json', editionJsonSchema],
  ])(
    'the committed schemas/%s is the generated schema (run the build to refresh it)',
    (name, schema) => {
      expect(shipped(name)).toEqual(schema);
    },
  );

  const validateArticle = ajv.compile(articleJsonSchema);
  it.each([
    [
      'the minimal article',
      { headline: 'H', language: 'en', body: [{ type: 'paragraph', text: 'x' }] },
      true,
    ],
    [
      'rich text runs',
      {
        headline: 'H',
        language: 'en',
        body: [{ type: 'paragraph', content: [{ text: 'x', emphasis: true }] }],
      },
      true,
    ],
    [
      'a date-only date',
      {
        headline: 'H',
        language: 'en',
        publishedAt: '2018-05-02',
        body: [{ type: 'paragraph', text: 'x' }],
      },
      true,
    ],
    ['a missing headline', { language: 'en', body: [{ type: 'paragraph', text: 'x' }] }, false],
    ['an unknown block type', { headline: 'H', language: 'en', body: [{ type: 'video' }] }, false],
    [
      'a date-time without zone',
      {
        headline: 'H',
        language: 'en',
        publishedAt: '2018-05-02T10:00:00',
        body: [{ type: 'paragraph', text: 'x' }],
      },
      false,
    ],
  ])('article schema: %s → valid %s', (_name, doc, valid) => {
    expect(validateArticle(doc)).toBe(valid);
  });

  it('edition schema accepts an edition', () => {
    const validate = ajv.compile(editionJsonSchema);
    expect(
      validate({
        title: 'T',
        date: '2019-03-03',
        language: 'en',
        sections: [
          {
            title: 'S',
            articles: [{ headline: 'H', language: 'en', body: [{ type: 'paragraph', text: 'x' }] }],
          },
        ],
      }),
    ).toBe(true);
  });
});
