export { isEdition, editionArticles, leadArticles, type EditionEntry } from './edition.js';
export { RENDERER_VERSION } from './version.js';
