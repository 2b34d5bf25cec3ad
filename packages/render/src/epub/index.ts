export { renderEpub, type EpubOptions } from './render-epub.js';
