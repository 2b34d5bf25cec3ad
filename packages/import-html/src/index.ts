export { importHtml, type ImportHtmlOptions } from './import-html.js';
export {
  fetchPage,
  FETCH_PAGE_DEFAULTS,
  type FetchPageOptions,
  type FetchedPage,
} from './fetch-page.js';
export { fetchImages, FETCH_IMAGES_DEFAULTS, type FetchImagesOptions } from './fetch-images.js';
export { FetchError, type FetchErrorCode } from './fetch-error.js';
export { decodeHtml, decodeXml, type DecodedXml } from './charset.js';
