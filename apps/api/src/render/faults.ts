import type { Article, Edition } from '@broadsheet/model';

export type InjectedFault = 'crash' | 'hang' | 'throw';

const MARKER = /broadsheet-fault:(crash|hang|throw)/;

/**
 * The fault a test asked for by writing `broadsheet-fault:crash|hang|throw` into an article's
 * headline, or an edition's title or any of its headlines. Only consulted by the worker when
 * BROADSHEET_RENDER_FAULTS=1.
 */
export function injectedFault(input: Article | Edition): InjectedFault | undefined {
  const texts =
    'sections' in input
      ? [input.title, ...input.sections.flatMap((s) => s.articles.map((a) => a.headline))]
      : [input.headline];
  for (const text of texts) {
    const match = MARKER.exec(text);
    if (match) return match[1] as InjectedFault;
  }
  return undefined;
}
