import {
  parseArticle,
  parseEdition,
  type Article,
  type ArticleInput,
  type Edition,
} from '@broadsheet/model';
import { pngBytes } from '@broadsheet/testing';

export const pngDataUri = (png: Buffer) => `data:image/png;base64,${png.toString('base64')}`;

/** An article that uses every part of the model the PDF shows. */
export function richArticleInput(overrides: Partial<ArticleInput> = {}): ArticleInput {
  return {
    headline: 'Harbour reopens after storm & flood <review>',
    kicker: 'Analysis',
    standfirst: 'The port handled its first ships in a week on Tuesday.',
    highlights: ['Cranes back in service', 'Ferries resume on Friday'],
    authors: [
      { name: 'Ana Souza', role: 'reporter', affiliation: 'Reuters' },
      { name: 'Jonas Berg' },
    ],
    dateline: { place: 'LISBON', agency: 'Reuters' },
    publishedAt: '2024-03-05T09:30:00Z',
    updatedAt: '2024-03-06T11:00:00Z',
    language: 'en',
    section: 'World',
    tags: ['ports', 'weather'],
    publisher: { name: 'The Daily Test' },
    image: {
      src: pngDataUri(pngBytes(40, 20, [30, 90, 160])),
      alt: 'The harbour at dawn',
      caption: 'Cranes at the harbour.',
      credit: 'Photo: A. Souza',
    },
    body: [
      {
        type: 'paragraph',
        content: [
          { text: 'The harbour ' },
          { text: 'reopened', emphasis: true },
          { text: ' on ' },
          { text: 'Tuesday', strong: true },
          { text: ', according to ' },
          { text: 'the port authority', href: 'https://example.org/port' },
          { text: '.' },
        ],
      },
      { type: 'heading', level: 2, text: 'What happened' },
      { type: 'paragraph', text: 'Storm surge flooded the quays for three days.' },
      { type: 'quote', text: 'We have never seen water this high.', attribution: 'Harbour master' },
      {
        type: 'list',
        ordered: true,
        items: ['Quays cleared', 'Cranes inspected', 'Ships admitted'],
      },
      { type: 'list', items: ['Fuel', 'Food'] },
      { type: 'heading', level: 3, text: 'Pictures' },
      {
        type: 'figure',
        image: {
          src: 'https://example.org/remote.jpg',
          alt: 'Remote',
          caption: 'A remote picture is never fetched.',
        },
      },
      {
        type: 'figure',
        image: {
          src: 'data:image/png;base64,AAAA',
          alt: 'Broken',
          caption: 'A broken picture keeps its caption.',
        },
      },
      { type: 'paragraph', text: 'Officials expect full traffic by the weekend.' },
    ],
    ...overrides,
  };
}

export function richArticle(overrides: Partial<ArticleInput> = {}): Article {
  return parseArticle(richArticleInput(overrides));
}

export function longArticle(paragraphs: number, seed = 1): Article {
  const body: ArticleInput['body'] = [];
  for (let i = 0; i < paragraphs; i++) {
    if (i % 5 === 4) body.push({ type: 'heading', level: 2, text: `Part ${seed}.${i}` });
    body.push({
      type: 'paragraph',
      text:
        `Paragraph ${i} of article ${seed}. ` +
        'The council met again on Monday to discuss the budget, the harbour and the schools. '.repeat(
          4,
        ),
    });
  }
  return parseArticle({
    headline: `Article number ${seed}`,
    language: 'en',
    publishedAt: '2024-01-02',
    authors: [{ name: `Author ${seed}` }],
    body,
  });
}

export function sampleEdition(articlesPerSection = 2): Edition {
  return parseEdition({
    title: 'Morning Edition',
    date: '2024-03-06',
    language: 'en',
    publisher: { name: 'The Daily Test' },
    description: 'The news of the day.',
    sections: [
      {
        title: 'World',
        articles: Array.from({ length: articlesPerSection }, (_, i) =>
          richArticleInput({ headline: `World story ${i + 1}` }),
        ),
      },
      {
        title: 'Local',
        articles: Array.from({ length: articlesPerSection }, (_, i) => ({
          ...longArticleInput(6 + i * 4, i + 10),
        })),
      },
    ],
  });
}

function longArticleInput(paragraphs: number, seed: number): ArticleInput {
  const a = longArticle(paragraphs, seed);
  return {
    headline: a.headline,
    language: a.language,
    publishedAt: a.publishedAt,
    authors: a.authors,
    body: a.body,
  };
}
