export * from './schema.js';
export { LIMITS } from './limits.js';
export { normalizeText } from './normalize-text.js';
export { parseArticle, parseEdition } from './parse.js';
export { slugify, SLUG_PATTERN } from './slugify.js';
export { sha256Hex, uuidFromName } from './hash.js';
export { ValidationError, type ValidationIssue } from './validation-error.js';
export {
  plainText,
  bodyText,
  wordCount,
  countWords,
  readingTime,
  textDirection,
  WORDS_PER_MINUTE,
} from './derived.js';
export { importPlainText, type ImportOptions } from './import-plain-text/index.js';
export * from './news/index.js';
export { toJsonLd, jsonLdScriptText, type JsonLd, type JsonLdOptions } from './json-ld.js';
export * from './ninjs/index.js';
export { bodyHtml } from './html/body-html.js';
export {
  htmlToBlocks,
  readBlocks,
  readInlineRuns,
  type BlockReader,
  type HtmlTree,
} from './html/html-blocks.js';
export { escapeHtml } from './html/escape.js';
export { imageMediaType } from './media-type.js';
export { articleJsonSchema, editionJsonSchema } from './json-schema.js';
