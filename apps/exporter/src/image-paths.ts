import path from 'node:path';
import type { Article, Image } from '@broadsheet/model';

/** A relative file path, the only image source whose meaning depends on a base directory. */
export function isRelativeImagePath(src: string): boolean {
  return !/^[a-z][a-z0-9+.-]*:/i.test(src);
}

/** The deepest directory that contains every one of `dirs` (absolute paths). */
export function commonDirectory(dirs: readonly string[]): string {
  const [first, ...rest] = dirs.map((d) => path.resolve(d).split(path.sep));
  if (first === undefined) return process.cwd();
  let length = first.length;
  for (const parts of rest) {
    let i = 0;
    while (i < length && i < parts.length && parts[i] === first[i]) i += 1;
    length = i;
  }
  return first.slice(0, length).join(path.sep) || path.sep;
}

/**
 * Rewrites the relative image paths of an article read from `fromDir` so that they resolve
 * against `toDir`, an ancestor of it. An edition built from files in several directories has
 * one image base directory; the model forbids `..`, so the base must be a common ancestor.
 */
export function rebaseImages(article: Article, fromDir: string, toDir: string): Article {
  if (path.resolve(fromDir) === path.resolve(toDir)) return article;
  const prefix = path.relative(toDir, fromDir).split(path.sep).join('/');
  const move = (src: string) =>
    isRelativeImagePath(src) ? `${prefix}/${src.replace(/^\.\//, '')}` : src;
  const moveImage = (image: Image): Image =>
    image.src === undefined ? image : { ...image, src: move(image.src) };
  return {
    ...article,
    ...(article.image ? { image: moveImage(article.image) } : {}),
    ...(article.publisher?.logo !== undefined
      ? { publisher: { ...article.publisher, logo: move(article.publisher.logo) } }
      : {}),
    body: article.body.map((block) =>
      block.type === 'figure' ? { ...block, image: moveImage(block.image) } : block,
    ),
  };
}
