import path from 'node:path';
import { parseArticle, type ArticleInput } from '@broadsheet/model';
import { describe, expect, it } from 'vitest';
import { editionFromInputs, newestPublicationDate } from './build-edition.js';
import { InputError } from './errors.js';
import type { LoadedInput } from './read-input.js';

const article = (headline: string, extra: Partial<ArticleInput> = {}) =>
  parseArticle({
    headline,
    language: 'en',
    body: [{ type: 'paragraph', text: 'Text.' }],
    ...extra,
  });

const input = (baseDir: string, ...articles: ReturnType<typeof article>[]): LoadedInput => ({
  label: `${baseDir}/in.json`,
  baseDir,
  document: { kind: 'articles', articles },
});

describe('newestPublicationDate', () => {
  it.each<[(string | undefined)[], string | undefined]>([
    [[], undefined],
    [[undefined], undefined],
    [['2018-05-01', '2018-05-02T09:00:00Z', undefined], '2018-05-02'],
    // The date as written in its own zone, never shifted to UTC or the machine's zone.
    [['2018-05-02T01:00:00+05:00'], '2018-05-02'],
    [['2018-05-02T23:30:00-04:00', '2018-05-03T01:00:00+05:00'], '2018-05-02'],
  ])('%j → %s', (dates, expected) => {
    const articles = dates.map((d, i) =>
      article(`A${i}`, d === undefined ? {} : { publishedAt: d }),
    );
    expect(newestPublicationDate(articles)).toBe(expected);
  });
});

describe('editionFromInputs', () => {
  it('takes the newest publication date, the first language and sections in order of appearance', () => {
    const { edition } = editionFromInputs(
      'Morning Brief',
      [
        input(
          '/in',
          article('Один', { language: 'ru', section: 'World', publishedAt: '2018-05-01' }),
        ),
        input(
          '/in',
          article('Two', { publishedAt: '2018-05-03T08:00:00Z' }),
          article('Three', { section: 'World' }),
        ),
      ],
      '2026-01-01',
    );
    expect(edition).toMatchObject({
      title: 'Morning Brief',
      date: '2018-05-03',
      language: 'ru',
      id: '2018-05-03-morning-brief',
    });
    expect(edition.sections.map((s) => [s.title, s.articles.map((a) => a.headline)])).toEqual([
      ['World', ['Один', 'Three']],
      ['Morning Brief', ['Two']],
    ]);
  });

  it("uses today's date when no article has one", () => {
    const { edition } = editionFromInputs('Brief', [input('/in', article('One'))], '2026-11-28');
    expect(edition.date).toBe('2026-11-28');
  });

  it('names the publisher only when every article shares it', () => {
    const shared = { publisher: { name: 'Arab News' } };
    expect(
      editionFromInputs('B', [input('/', article('1', shared), article('2', shared))], '2026-01-01')
        .edition.publisher?.name,
    ).toBe('Arab News');
    expect(
      editionFromInputs(
        'B',
        [input('/', article('1', shared), article('2', { publisher: { name: 'Reuters' } }))],
        '2026-01-01',
      ).edition.publisher,
    ).toBeUndefined();
  });

  it('rebases relative images of inputs from different directories on their common directory', () => {
    const pictured = (src: string) => article(src, { image: { src, alt: 'x' } });
    const { edition, baseDir } = editionFromInputs(
      'B',
      [
        input('/data/a', pictured('pics/one.png')),
        input('/data/b/c', pictured('two.jpg'), pictured('https://example.com/x.png')),
      ],
      '2026-01-01',
    );
    expect(baseDir).toBe(path.resolve('/data'));
    expect(edition.sections[0]?.articles.map((a) => a.image?.src)).toEqual([
      'a/pics/one.png',
      'b/c/two.jpg',
      'https://example.com/x.png',
    ]);
  });

  it.each<[string, string]>([
    ['', 'title'],
    ['x'.repeat(400), 'title'],
  ])('rejects the title %j as --edition: %s', (title, field) => {
    let caught: unknown;
    try {
      editionFromInputs(title, [input('/', article('One'))], '2026-01-01');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InputError);
    expect((caught as InputError).label).toBe('--edition');
    expect((caught as InputError).issues[0]?.path).toBe(field);
  });

  it('rejects more articles than an edition may hold', () => {
    const many = Array.from({ length: 1001 }, (_, i) => article(`Article ${i}`));
    expect(() => editionFromInputs('Big', [input('/', ...many)], '2026-01-01')).toThrow(
      /at most 1000/,
    );
  });
});
