import { readFileSync } from 'node:fs';
import { parseArticle, parseEdition, type Article, type Edition } from '@broadsheet/model';

/**
 * The inputs whose output bytes are pinned. They are frozen here, not derived from the seed
 * importer or the shared test fixtures: a change to those is not a renderer change, and the
 * API's cache key already covers its input. Only a renderer change may move these hashes.
 */

/** The seed article as @broadsheet/content imported it when the pins were recorded. */
export function pinnedSeedArticle(): Article {
  const json: unknown = JSON.parse(
    readFileSync(new URL('./seed-article.json', import.meta.url), 'utf8'),
  );
  return parseArticle(json);
}

const PNG_1X1 =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

/**
 * A small edition in three scripts (Latin, Cyrillic, Arabic right to left), with a picture,
 * an offset date-time, a UTC instant and a date only: it reaches the cover, the contents,
 * font fallback and both directions, which the seed alone does not.
 */
export function pinnedEdition(): Edition {
  return parseEdition({
    title: 'Pinned Edition',
    date: '2024-03-06',
    language: 'en',
    publisher: { name: 'The Daily Test' },
    description: 'A fixed edition whose output bytes are pinned.',
    sections: [
      {
        title: 'World',
        articles: [
          {
            headline: 'Harbour reopens after the storm',
            kicker: 'Analysis',
            standfirst: 'The port handled its first ships in a week.',
            authors: [{ name: 'Ana Souza', role: 'reporter' }],
            dateline: { place: 'LISBON', agency: 'Reuters' },
            publishedAt: '2024-03-05T09:30:00+01:00',
            language: 'en',
            image: { src: PNG_1X1, alt: 'A grey dot', caption: 'The harbour.', credit: 'A. Souza' },
            body: [
              { type: 'paragraph', text: 'The harbour reopened on Tuesday.' },
              { type: 'quote', text: 'Never this high.', attribution: 'Harbour master' },
              { type: 'list', ordered: true, items: ['Quays cleared', 'Ships admitted'] },
            ],
          },
          {
            headline: 'Порт снова открыт',
            publishedAt: '2024-03-05T12:00:00Z',
            language: 'ru',
            body: [{ type: 'paragraph', text: 'Первые суда вошли в порт во вторник.' }],
          },
        ],
      },
      {
        title: 'Region',
        articles: [
          {
            headline: 'إعادة فتح الميناء',
            publishedAt: '2024-03-05',
            language: 'ar',
            authors: [{ name: 'سارة أحمد' }],
            body: [{ type: 'paragraph', text: 'دخلت أولى السفن إلى الميناء يوم الثلاثاء.' }],
          },
        ],
      },
    ],
  });
}

/** A 320 × 200 PNG, frozen as bytes (a zlib upgrade must not move the pins). */
const PNG_320X200 =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAUAAAADICAIAAAAWZq/8AAACYElEQVR4nO3TQQ0AIBDAsBOGJoShEg98yJImFbDPZu0DRM33AuCZgSHMwBBmYAgzMIQZGMIMDGEGhjADQ5iBIczAEGZgCDMwhBkYwgwMYQaGMANDmIEhzMAQZmAIMzCEGRjCDAxhBoYwA0OYgSHMwBBmYAgzMIQZGMIMDGEGhjADQ5iBIczAEGZgCDMwhBkYwgwMYQaGMANDmIEhzMAQZmAIMzCEGRjCDAxhBoYwA0OYgSHMwBBmYAgzMIQZGMIMDGEGhjADQ5iBIczAEGZgCDMwhBkYwgwMYQaGMANDmIEhzMAQZmAIMzCEGRjCDAxhBoYwA0OYgSHMwBBmYAgzMIQZGMIMDGEGhjADQ5iBIczAEGZgCDMwhBkYwgwMYQaGMANDmIEhzMAQZmAIMzCEGRjCDAxhBoYwA0OYgSHMwBBmYAgzMIQZGMIMDGEGhjADQ5iBIczAEGZgCDMwhBkYwgwMYQaGMANDmIEhzMAQZmAIMzCEGRjCDAxhBoYwA0OYgSHMwBBmYAgzMIQZGMIMDGEGhjADQ5iBIczAEGZgCDMwhBkYwgwMYQaGMANDmIEhzMAQZmAIMzCEGRjCDAxhBoYwA0OYgSHMwBBmYAgzMIQZGMIMDGEGhjADQ5iBIczAEGZgCDMwhBkYwgwMYQaGMANDmIEhzMAQZmAIMzCEGRjCDAxhBoYwA0OYgSHMwBBmYAgzMIQZGMIMDGEGhjADQ5iBIczAEGZgCDMwhBkYwgwMYQaGMANDmIEhzMAQZmAIMzCEGRjCDAxhBoYwA0OYgSHMwBBmYAgzMIQZGMIMDGEXfe0bdesjW8YAAAAASUVORK5CYII=';

/**
 * An edition whose lead story has a picture large enough for the cover (300 × 200 or more):
 * pins the cover drawn with a picture in the EPUB, and the PDF's pictures.
 */
export function pinnedPictureEdition(): Edition {
  return parseEdition({
    title: 'Pinned Pictures',
    date: '2024-03-06',
    language: 'en',
    sections: [
      {
        title: 'Harbour',
        articles: [
          {
            headline: 'Harbour wall raised',
            publishedAt: '2024-03-06',
            language: 'en',
            image: { src: PNG_320X200, alt: 'The harbour wall at high tide', caption: 'The wall.' },
            body: [{ type: 'paragraph', text: 'The wall was raised by a metre.' }],
          },
        ],
      },
    ],
  });
}
