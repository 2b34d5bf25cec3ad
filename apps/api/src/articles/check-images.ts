import type { Article } from '@broadsheet/model';
import {
  articleImageSources,
  imageSourceProblem,
  type ImageLimits,
} from '@broadsheet/render/images';
import { HttpProblem } from '../http/problem.js';

/**
 * Refuses an article whose `data:` pictures could not be drawn: over the pixel cap by their
 * header (a 255-byte PNG may claim 40000 × 40000), over the byte cap, an unreadable header, or
 * a format the renderers do not take. Only headers are read; nothing is decoded. 422 naming
 * each picture's path and reason, so nothing stored can later fail a render.
 */
export function checkImages(article: Article, limits: ImageLimits): Article {
  const errors = articleImageSources(article).flatMap(({ path, src }) => {
    const reason = imageSourceProblem(src, limits);
    return reason === undefined ? [] : [{ path, message: `the image ${reason}` }];
  });
  if (errors.length > 0) {
    throw new HttpProblem(
      422,
      `${errors.length === 1 ? 'an image' : `${errors.length} images`} cannot be accepted: ${errors
        .slice(0, 3)
        .map((e) => `${e.path}: ${e.message}`)
        .join('; ')}`,
      { errors },
    );
  }
  return article;
}
