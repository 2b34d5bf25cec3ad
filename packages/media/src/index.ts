export { MEDIA_ERROR_STATUS, MediaError, type MediaErrorCode } from './media-error.js';
export {
  MEDIA_DEFAULTS,
  processImage,
  type ProcessedImage,
  type ProcessOptions,
  type StoredType,
} from './process-image.js';
export {
  DEFAULT_PLACED_WIDTH_PT,
  EPUB_MAX_EDGE,
  PDF_MAX_DPI,
  rendition,
  renditionKey,
  type RenditionOptions,
} from './rendition.js';
