export * from './epubcheck.js';
export * from './epub-zip.js';
export * from './pdf.js';
export * from './chromium-flags.js';
export * from './chromium.js';
export * from './ace.js';
export * from './web-pages.js';
export * from './images.js';
