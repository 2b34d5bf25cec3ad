import { parseArticle, parseEdition } from '@broadsheet/model';
import { describe, expect, it } from 'vitest';
import { articleDisplay, editionDisplay } from './display-model.js';

const words = (s: string | undefined) => s?.replace(/\s+/gu, ' ');

describe('articleDisplay', () => {
  it('computes what an article shows around its text, in its language', () => {
    const article = parseArticle({
      headline: 'H',
      language: 'en',
      publishedAt: '2026-11-28T23:30:00-05:00',
      updatedAt: '2026-11-29',
      authors: [
        { name: 'Jane Doe' },
        { name: 'Omar Khan', role: 'editor', affiliation: 'Reuters' },
      ],
      dateline: { place: 'PARIS', agency: 'AFP' },
      body: [{ type: 'paragraph', text: 'word '.repeat(460) }],
    });
    const d = articleDisplay(article);
    expect(d).toMatchObject({ lang: 'en', dir: 'ltr', dateline: 'PARIS (AFP)' });
    expect(d.byline).toBe('By Jane Doe and Omar Khan (editor, Reuters)');
    expect(words(d.dateLine)).toBe(
      'Published November 28, 2026 at 11:30 PM GMT-5 · Updated November 29, 2026',
    );
    expect(d.listingDate?.iso).toBe('2026-11-28T23:30:00-05:00');
    expect(d.readingTime).toEqual({ minutes: 2, text: '2 min read' });
    expect(articleDisplay(article)).toBe(d);
  });

  it('an Arabic article reads right to left with Arabic labels', () => {
    const d = articleDisplay(
      parseArticle({
        headline: 'ع',
        language: 'ar',
        publishedAt: '2018-05-03',
        authors: [{ name: 'سعيد' }],
        body: [{ type: 'paragraph', text: 'نص' }],
      }),
    );
    expect(d.dir).toBe('rtl');
    expect(d.dateLine).toBe('نُشر في 3 مايو 2018');
    expect(d.byline).toBe('بقلم سعيد');
  });

  it('leaves out what the article does not have', () => {
    const d = articleDisplay(
      parseArticle({ headline: 'H', language: 'fr', body: [{ type: 'paragraph', text: 'x' }] }),
    );
    expect(d.dateLine).toBeUndefined();
    expect(d.byline).toBeUndefined();
    expect(d.dateline).toBeUndefined();
    expect(words(d.readingTime.text)).toBe('1 min de lecture');
  });

  it('shows only the update date when the article has no publication date', () => {
    const d = articleDisplay(
      parseArticle({
        headline: 'H',
        language: 'en',
        updatedAt: '2026-01-02',
        body: [{ type: 'paragraph', text: 'x' }],
      }),
    );
    expect(d.dateLine).toBe('Updated January 2, 2026');
    expect(d.listingDate?.text).toBe('January 2, 2026');
  });
});

describe('editionDisplay', () => {
  it('dates and counts an edition in its language', () => {
    const edition = parseEdition({
      title: 'Т',
      date: '2026-11-28',
      language: 'ru',
      sections: [
        {
          title: 'S',
          articles: [1, 2, 3, 4, 5].map((i) => ({
            headline: `H${i}`,
            language: 'ru',
            body: [{ type: 'paragraph', text: 'x' }],
          })),
        },
      ],
    });
    const d = editionDisplay(edition);
    expect(d.date.text).toBe('28 ноября 2026 г.');
    expect(d.articleCount).toBe('5 статей');
  });
});
