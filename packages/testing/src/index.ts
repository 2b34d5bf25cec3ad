export * from './epubcheck.js';
