export { renderEpub, type EpubOptions } from './render-epub.js';
export { isEdition, RENDERER_VERSION } from '../shared/index.js';
