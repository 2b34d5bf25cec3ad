/**
 * Bumped whenever a change to the renderers changes their output bytes; callers put it in
 * cache keys so cached EPUB/PDF files are rebuilt after an upgrade.
 */
export const RENDERER_VERSION = '14';
