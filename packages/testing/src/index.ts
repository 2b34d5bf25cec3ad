export * from './epubcheck.js';
export * from './epub-zip.js';
