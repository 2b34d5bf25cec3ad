/**
 * `@broadsheet/render/display`: how an article's dates, labels and bylines read, and how text
 * is escaped, in every format. Loads neither pdfkit nor epub-gen-memory.
 */
export * from './dates.js';
export * from './labels.js';
export * from './escape.js';
export * from './direction.js';
export * from './display-model.js';
export * from './safe-href.js';
export * from './body-html.js';
