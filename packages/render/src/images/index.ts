export {
  DEFAULT_IMAGE_LIMITS,
  DEFAULT_MAX_IMAGE_BYTES,
  DEFAULT_MAX_IMAGE_PIXELS,
  dataUriBytes,
  imageSourceProblem,
  inspectImage,
  isDataUri,
  type ImageFormat,
  type ImageHeader,
  type ImageInspection,
  type ImageLimits,
} from './inspect-image.js';
export { articleImageSources, type ImageSourceRef } from './article-images.js';
