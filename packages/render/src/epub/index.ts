export { renderEpub, type EpubOptions } from './render-epub.js';
export { renderCoverPng, type CoverPngOptions } from './cover-png.js';
export { COVER_WIDTH, COVER_HEIGHT } from './cover.js';
export { COVER_PICTURE_MIN_HEIGHT, COVER_PICTURE_MIN_WIDTH } from '../shared/cover-story.js';
export { sniffImage } from './images.js';
