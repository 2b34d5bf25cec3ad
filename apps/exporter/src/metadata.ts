import {
  parseArticle,
  parseEdition,
  ValidationError,
  type Article,
  type Edition,
} from '@broadsheet/model';
import type { MetadataOverrides } from './options.js';

/**
 * `--metadata` applied to one document, validated again by the model, so a bad value
 * (a language tag that is not BCP 47, an impossible date) is a ValidationError naming the key.
 */
export function applyMetadata(
  document: Article | Edition,
  m: MetadataOverrides,
): Article | Edition {
  if (Object.keys(m).length === 0) return document;
  const publisher =
    m.publisher === undefined
      ? {}
      : { publisher: { ...(document.publisher ?? {}), name: m.publisher } };
  if ('sections' in document) {
    if (m.author !== undefined) {
      throw new ValidationError([
        {
          path: 'author',
          message: 'an edition has no author of its own; its articles name theirs',
        },
      ]);
    }
    return parseEdition({
      ...document,
      ...(m.title !== undefined ? { title: m.title } : {}),
      ...(m.language !== undefined ? { language: m.language } : {}),
      ...(m.date !== undefined ? { date: m.date.slice(0, 10) } : {}),
      ...publisher,
    });
  }
  return parseArticle({
    ...document,
    ...(m.title !== undefined ? { headline: m.title } : {}),
    ...(m.author !== undefined ? { authors: m.author.map((name) => ({ name })) } : {}),
    ...(m.language !== undefined ? { language: m.language } : {}),
    ...(m.date !== undefined ? { publishedAt: m.date } : {}),
    ...publisher,
  });
}
