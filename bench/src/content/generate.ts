import { parseArticle, parseEdition } from '@broadsheet/model';
import type { Article, ArticleInput, Block, Edition } from '@broadsheet/model';
import { pick, prng } from './prng.js';

/** Articles per edition section; 1000 articles make 100 sections, the model's maximum. */
export const ARTICLES_PER_SECTION = 10;

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu;

function vocabulary(template: Article): string[] {
  const words = new Set<string>();
  for (const block of template.body) {
    const texts =
      block.type === 'list'
        ? block.items.map((i) => i.text)
        : block.type === 'figure'
          ? []
          : [block.text];
    for (const t of texts) for (const w of t.match(WORD) ?? []) words.add(w);
  }
  return [...words].sort();
}

/** The template's text with about a fifth of its words swapped, so no two articles are alike. */
function vary(text: string, random: () => number, words: readonly string[]): string {
  return text.replace(WORD, (w) => (random() < 0.2 ? pick(random, words) : w));
}

function varyBlock(block: Block, random: () => number, words: readonly string[]): unknown {
  switch (block.type) {
    case 'paragraph':
      return { type: 'paragraph', text: vary(block.text, random, words) };
    case 'heading':
      return { type: 'heading', level: block.level, text: vary(block.text, random, words) };
    case 'quote':
      return {
        type: 'quote',
        text: vary(block.text, random, words),
        ...(block.attribution !== undefined ? { attribution: block.attribution } : {}),
      };
    case 'list':
      return {
        type: 'list',
        ordered: block.ordered,
        items: block.items.map((i) => vary(i.text, random, words)),
      };
    case 'figure':
      return block;
  }
}

/**
 * The n-th generated article: the template's structure and metadata, its words partly
 * shuffled, a distinct headline and publication time, and one paragraph of inline formatting.
 * Deterministic in (template, index).
 */
export function generatedArticle(template: Article, index: number): Article {
  const random = prng(0x5eed + index * 7919);
  const words = vocabulary(template);
  const headlineWords = Array.from({ length: 5 + Math.floor(random() * 5) }, () =>
    pick(random, words),
  ).join(' ');
  const published = new Date(Date.UTC(2018, 4, 2, 12) - index * 3_600_000).toISOString();
  // id and slug are left out so that the schema derives them from the new headline.
  const { id, slug, body, ...rest } = template;
  void id;
  void slug;
  const input = {
    ...rest,
    headline: `${index + 1}. ${headlineWords}`,
    publishedAt: published,
    updatedAt: published,
    body: [
      {
        type: 'paragraph',
        content: [
          { text: 'Filed for the benchmark edition, with ' },
          { text: 'emphasis', emphasis: true },
          { text: ', ' },
          { text: 'strong words', strong: true },
          { text: ' and ' },
          { text: 'a link', href: 'https://example.org/broadsheet' },
          { text: '.' },
        ],
      },
      ...body.map((b) => varyBlock(b, random, words)),
    ],
  } as ArticleInput;
  return parseArticle(input);
}

export function generatedArticles(template: Article, count: number): Article[] {
  return Array.from({ length: count }, (_, i) => generatedArticle(template, i));
}

/** An edition of `count` generated articles in sections of ARTICLES_PER_SECTION. */
export function generatedEdition(template: Article, count: number): Edition {
  const articles = generatedArticles(template, count);
  const sections = [];
  for (let i = 0; i < articles.length; i += ARTICLES_PER_SECTION) {
    sections.push({
      title: `Section ${i / ARTICLES_PER_SECTION + 1}`,
      articles: articles.slice(i, i + ARTICLES_PER_SECTION),
    });
  }
  return parseEdition({
    title: `Benchmark edition of ${count} article${count === 1 ? '' : 's'}`,
    date: '2018-05-02',
    language: template.language,
    ...(template.publisher !== undefined ? { publisher: template.publisher } : {}),
    description: `A generated edition of ${count} articles for benchmarks.`,
    sections,
  });
}
