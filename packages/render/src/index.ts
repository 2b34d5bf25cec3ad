export * from './epub/index.js';
export * from './pdf/index.js';
