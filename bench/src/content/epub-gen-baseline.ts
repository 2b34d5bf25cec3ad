import type { Article, Edition } from '@broadsheet/model';
import { EPub } from 'epub-gen-memory';
import { articleHtml } from './html.js';

/**
 * The baseline renderEpub is measured against: bare epub-gen-memory with its default
 * templates on the same articles as HTML, no post-processing. Not valid EPUB (PITFALLS), fast.
 */
export async function bareEpubGen(input: Article | Edition): Promise<Buffer> {
  const articles = 'sections' in input ? input.sections.flatMap((s) => s.articles) : [input];
  const title = 'sections' in input ? input.title : input.headline;
  const epub = new EPub(
    {
      title,
      lang: input.language,
      description: title,
      publisher: input.publisher?.name ?? 'Broadsheet',
      verbose: false,
    },
    articles.map((a) => ({ title: a.headline, content: articleHtml(a, 1) })),
  );
  return epub.genEpub();
}
