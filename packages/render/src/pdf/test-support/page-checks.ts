import { parseArticle, type Article, type ArticleInput } from '@broadsheet/model';
import { pngBytes } from '@broadsheet/testing';
import type { LaidPage } from '../layout/page-model.js';
import { pngDataUri } from './fixtures.js';

const SENTENCES = [
  'The council met again on Monday to discuss the budget, the harbour and the schools.',
  'Residents asked for longer opening hours at the library.',
  'A spokesman said the decision would be taken before the end of the month.',
  'Traffic on the coast road was heavier than usual after the bridge closed.',
  'Teachers welcomed the plan but warned that it came too late for this year.',
];

/** Deterministic, varied articles: paragraphs of 1–9 sentences, headings, figures with captions. */
export function variedArticle(seed: number): Article {
  let state = seed * 7919 + 17;
  const next = (n: number) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
  const body: ArticleInput['body'] = [];
  const blocks = 3 + next(12);
  for (let i = 0; i < blocks; i++) {
    const kind = next(10);
    if (kind === 0) body.push({ type: 'heading', level: 2, text: `Part ${seed}.${i}` });
    if (kind === 1)
      body.push({
        type: 'figure',
        image: {
          src: pngDataUri(pngBytes(40, 20 + next(30), [30, 90, 160])),
          alt: `Picture ${i}`,
          caption: `Caption of picture ${i} of article ${seed}, with its credit.`.repeat(
            1 + next(3),
          ),
        },
      });
    const n = 1 + next(9);
    body.push({
      type: 'paragraph',
      text: Array.from({ length: n }, () => SENTENCES[next(SENTENCES.length)]).join(' '),
    });
  }
  return parseArticle({
    headline: `Article number ${seed} about the harbour`,
    standfirst: next(2) === 0 ? 'What the council decided, and what it means.' : undefined,
    language: 'en',
    publishedAt: '2024-01-02',
    authors: [{ name: `Author ${seed}` }],
    body,
  });
}

/**
 * Page-making faults, read from positions in the layout model: a paragraph piece of one line at
 * the foot (orphan) or top (widow) of a page or column, a heading with nothing below it in its
 * page or column, a figure whose caption is elsewhere. Columns are told apart by position: the
 * next fragment of the flow sits below the previous one in the same column.
 */
export function pageFaults(pages: readonly LaidPage[]): string[] {
  const faults: string[] = [];
  const pieces = new Map<string, number[]>();
  const flat = pages.flatMap((p, page) =>
    p.fragments.flatMap((f) =>
      f.kind === 'rect' || (f.kind === 'text' && f.artifact) ? [] : [{ f, page }],
    ),
  );
  flat.forEach(({ f, page }, i) => {
    const leaf = f.struct.at(-1)!;
    const next = flat[i + 1];
    const below = next && next.page === page && next.f.y > f.y;
    if (f.kind === 'image') {
      const caption = next?.f.struct.at(-1)?.tag === 'Caption';
      if (caption && !below)
        faults.push(`figure ${leaf.key} apart from its caption (page ${page + 1})`);
      return;
    }
    if (/^H[2-6]$/.test(leaf.tag) && !below)
      faults.push(`heading ${leaf.key} ends page ${page + 1}`);
    if (leaf.tag === 'P' || leaf.tag === 'LBody') {
      const list = pieces.get(leaf.key) ?? [];
      list.push(f.lines.length);
      pieces.set(leaf.key, list);
    }
  });
  for (const [key, list] of pieces) {
    if (list.length < 2) continue;
    if (list[0]! < 2) faults.push(`orphan: ${key} leaves one line at a foot`);
    if (list.at(-1)! < 2) faults.push(`widow: ${key} leaves one line at a top`);
  }
  return faults;
}
