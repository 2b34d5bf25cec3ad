export { renderEpub, type EpubOptions } from './render-epub.js';
export { renderCoverPng } from './cover-png.js';
export { COVER_WIDTH, COVER_HEIGHT } from './cover.js';
export { sniffImage } from './images.js';
