export { importHtml, type ImportHtmlOptions } from './import-html.js';
