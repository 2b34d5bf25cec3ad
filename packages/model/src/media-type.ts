const BY_EXTENSION: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  jpe: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  svg: 'image/svg+xml',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  bmp: 'image/bmp',
  heic: 'image/heic',
};

/** The media type of an image source: from a data: URI's header or the file extension of a path or URL. */
export function imageMediaType(src: string): string | undefined {
  const data = /^data:(image\/[a-z0-9.+-]+)[;,]/iu.exec(src);
  if (data?.[1]) return data[1].toLowerCase();
  const path = src.replace(/[?#].*$/su, '');
  const ext = /\.([a-z0-9]+)$/iu.exec(path)?.[1]?.toLowerCase();
  return ext === undefined ? undefined : BY_EXTENSION[ext];
}

/** Whether an image source is an absolute http(s) URL (usable by anyone, unlike a local path). */
export function isWebUrl(src: string): boolean {
  return /^https?:\/\//iu.test(src);
}
