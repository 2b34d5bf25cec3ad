export * from './shared/index.js';
export * from './epub/index.js';
export * from './pdf/index.js';
export * from './display/index.js';
export * from './images/index.js';
