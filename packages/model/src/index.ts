export * from './schema.js';
export { LIMITS } from './limits.js';
export { normalizeText } from './normalize-text.js';
export { parseArticle, parseEdition } from './parse.js';
export { slugify, SLUG_PATTERN } from './slugify.js';
export { sha256Hex, uuidFromName } from './hash.js';
export { ValidationError, type ValidationIssue } from './validation-error.js';
export { plainText, bodyText, wordCount, readingTime, textDirection, WORDS_PER_MINUTE } from './derived.js';
export { importPlainText, detectLanguage, type ImportOptions } from './import-plain-text/index.js';
