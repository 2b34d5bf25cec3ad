import {
  parseArticle,
  parseEdition,
  ValidationError,
  type Article,
  type Edition,
} from '@broadsheet/model';
import { InputError } from './errors.js';
import type { MetadataKey, MetadataOverrides } from './options.js';

/** The model's field (first part of an issue's path) that each --metadata key sets. */
const KEY_OF_FIELD: Readonly<Record<string, MetadataKey>> = {
  headline: 'title',
  title: 'title',
  authors: 'author',
  author: 'author',
  language: 'language',
  publishedAt: 'date',
  date: 'date',
  publisher: 'publisher',
};

/**
 * `--metadata` applied to every document before anything is written, so a bad value stops
 * the run once, as one line per bad key naming the option (`--metadata: date: must be …`),
 * not once per input and format under the input's name.
 */
export function applyMetadataToAll<T extends { readonly document: Article | Edition }>(
  items: readonly T[],
  m: MetadataOverrides,
): T[] {
  try {
    return items.map((item) => ({ ...item, document: applyMetadata(item.document, m) }));
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const seen = new Set<string>();
    const issues = error.issues.flatMap(({ path, message }) => {
      const field = path.split('.')[0] ?? '';
      const key = KEY_OF_FIELD[field] ?? path;
      if (seen.has(key)) return [];
      seen.add(key);
      return [{ path: key, message }];
    });
    throw new InputError('--metadata', issues);
  }
}

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
