import type { Article, Edition } from '@broadsheet/model';
import { parseArticle, parseEdition } from '@broadsheet/model';
import type { SiteContext } from '../site.js';

export const site: SiteContext = { baseUrl: 'https://news.example.org', name: 'Broadsheet' };

/** A small article exercising every block type, inline marks and a lead figure without a picture. */
export function sampleArticle(overrides: Record<string, unknown> = {}): Article {
  return parseArticle({
    headline: 'Pakistan, Russia look at strategic partnership',
    kicker: 'Special',
    standfirst: 'Relations are fast evolving into a mature relationship.',
    highlights: ['Relations are at a historic high point.', 'Mutual trust and common interests.'],
    authors: [{ name: 'Jane Doe' }],
    dateline: { place: 'ISLAMABAD' },
    publishedAt: '2018-05-02T10:00:00Z',
    language: 'en',
    section: 'World',
    tags: ['Pakistan', 'Russia'],
    source: { url: 'https://www.arabnews.com/node/1294436/world', name: 'Arab News' },
    image: {
      caption: 'Foreign Office spokesperson Dr. Faisal during a press briefing.',
      credit: 'Pakistan Foreign Office',
    },
    body: [
      {
        type: 'paragraph',
        content: [
          { text: 'Cooperation over ' },
          { text: 'counterterrorism', emphasis: true },
          { text: ', trade and ' },
          { text: 'defense', strong: true },
          { text: '. ' },
          { text: 'Read more', href: 'https://example.org/more' },
        ],
      },
      { type: 'heading', text: 'A long history' },
      {
        type: 'quote',
        text: 'Both states are working for full spectrum connectivity.',
        attribution: 'Qamar Cheema',
      },
      { type: 'list', items: ['military', 'energy'] },
      {
        type: 'figure',
        image: {
          src: 'https://example.org/photo.jpg',
          alt: 'Delegates at a table',
          caption: 'The delegations met in April.',
        },
      },
    ],
    ...overrides,
  });
}

/** Every text field carries markup or a script: pages must show it as text. */
export const HOSTILE =
  '<script>alert(1)</script><img src=x onerror=alert(2)>"\'&</title></script><!--';

export function hostileArticle(): Article {
  return sampleArticle({
    slug: 'hostile',
    headline: `Headline ${HOSTILE}`,
    kicker: `Kicker ${HOSTILE}`,
    standfirst: `Standfirst ${HOSTILE}`,
    highlights: [`Highlight ${HOSTILE}`],
    authors: [{ name: `Author ${HOSTILE}` }],
    tags: [`Tag ${HOSTILE}`],
    section: `Section ${HOSTILE}`,
    image: { caption: `Caption ${HOSTILE}`, credit: `Credit ${HOSTILE}` },
    body: [
      {
        type: 'paragraph',
        content: [
          { text: `Body ${HOSTILE}`, href: 'https://example.org/?a="><script>alert(3)</script>' },
        ],
      },
      { type: 'quote', text: `Quote ${HOSTILE}`, attribution: `Attribution ${HOSTILE}` },
      {
        type: 'figure',
        image: {
          src: 'https://example.org/x.jpg" onerror="alert(4)',
          alt: `Alt ${HOSTILE}`,
          caption: `Figure ${HOSTILE}`,
        },
      },
    ],
  });
}

export function sampleEdition(articles: Article[] = [sampleArticle()]): Edition {
  return parseEdition({
    title: 'Morning Edition',
    date: '2018-05-02',
    language: 'en',
    description: 'The day in brief.',
    sections: [{ title: 'World', articles }],
  });
}
