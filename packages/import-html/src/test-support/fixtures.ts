import { readFileSync } from 'node:fs';
import type { Article, Block } from '@broadsheet/model';

/** The text of one HTML fixture page in src/fixtures. */
export function fixture(name: string): string {
  return readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
}

export const paragraphs = (a: Article): string[] =>
  a.body.flatMap((b) => (b.type === 'paragraph' ? [b.text] : []));

export function figures(a: Article): Extract<Block, { type: 'figure' }>['image'][] {
  return a.body.flatMap((b) => (b.type === 'figure' ? [b.image] : []));
}

/** Every image source in the article: the lead figure and the body's figures. */
export function imageSources(a: Article): string[] {
  return [a.image?.src, ...figures(a).map((i) => i.src)].filter(
    (s): s is string => s !== undefined,
  );
}
