import type { Article } from '@broadsheet/model';
import type { ImageLoader } from './images/load-image.js';
import { articleBoxes } from './layout/article.js';
import { composePages } from './layout/compose.js';
import type { PageGeometry } from './layout/geometry.js';
import type { LaidPage } from './layout/page-model.js';

/** Lays out one article on its own pages (pure; no PDF is written). */
export function layoutArticle(
  article: Article,
  geometry: PageGeometry,
  key: string,
  images: ImageLoader,
  align: 'justify' | 'ragged' = 'justify',
): LaidPage[] {
  return composePages(articleBoxes(article, { geometry, key, images, align }), geometry);
}

/** How many pages layoutArticle gives the article, without building what drawing needs. */
export function countArticlePages(
  article: Article,
  geometry: PageGeometry,
  key: string,
  images: ImageLoader,
  align: 'justify' | 'ragged' = 'justify',
): number {
  const boxes = articleBoxes(article, { geometry, key, images, heightsOnly: true, align });
  return composePages(boxes, geometry).length;
}

/** "Headline — Author, 2 May 2018 · Section": what the outline shows for an article. */
export function outlineTitle(article: Article): string {
  const who = article.authors.map((a) => a.name).join(', ');
  const when = (article.publishedAt ?? article.updatedAt)?.slice(0, 10);
  const meta = [who, when].filter(Boolean).join(', ');
  return (
    [article.headline, meta].filter(Boolean).join(' — ') +
    (article.section ? ` · ${article.section}` : '')
  );
}
