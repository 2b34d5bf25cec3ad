// The news heuristics both importers use: plain text and web pages read the same byline,
// dateline, credit, date and language from the same words.
export { AGENCIES, isAgency } from './agencies.js';
export { parseAuthorNames, parseByline, type BylineAuthor } from './byline.js';
export { creditLine, creditOf, splitCaptionCredit, type Credited } from './credit.js';
export { splitDateline, type DatelineSplit } from './dateline.js';
export { findDate, normalizeDate, parseDateLine, type DateInfo } from './dates-in-text.js';
export { detectLanguage, normalizeLanguage } from './language.js';
