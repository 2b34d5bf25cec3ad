import type { Article } from '@broadsheet/model';

export interface ImageSourceRef {
  /** Dotted path as validation errors give it, e.g. `body.3.image.src`. */
  path: string;
  src: string;
}

/** Every image source an article carries, with its path: lead image, figures, publisher logo. */
export function articleImageSources(article: Article): ImageSourceRef[] {
  const refs: ImageSourceRef[] = [];
  if (article.image?.src !== undefined) refs.push({ path: 'image.src', src: article.image.src });
  article.body.forEach((block, index) => {
    if (block.type === 'figure' && block.image.src !== undefined)
      refs.push({ path: `body.${index}.image.src`, src: block.image.src });
  });
  if (article.publisher?.logo !== undefined)
    refs.push({ path: 'publisher.logo', src: article.publisher.logo });
  return refs;
}
