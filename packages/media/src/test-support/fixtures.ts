import sharp, { type Sharp } from 'sharp';

/**
 * Real image files, made by sharp (libvips) when a test starts, so no binary sits in the
 * repository and each format's bytes come from a real encoder.
 */

/** A photo-like picture: a smooth gradient with noise, thousands of colours. */
export function photo(width: number, height: number): Sharp {
  const data = Buffer.alloc(width * height * 3);
  let seed = 42;
  for (let y = 0; y < height; y += 1)
    for (let x = 0; x < width; x += 1) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const i = (y * width + x) * 3;
      data[i] = Math.floor((x / width) * 200) + (seed % 40);
      data[i + 1] = Math.floor((y / height) * 200) + ((seed >> 8) % 40);
      data[i + 2] = 120 + ((seed >> 16) % 60);
    }
  return sharp(data, { raw: { width, height, channels: 3 } });
}

/** Line art: two flat colours on transparency. */
export function lineArt(width: number, height: number): Sharp {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect x="10" y="10" width="${width / 2}" height="${height / 2}" fill="#c00"/><circle cx="${(width * 2) / 3}" cy="${(height * 2) / 3}" r="${height / 5}" fill="#036"/></svg>`;
  return sharp(Buffer.from(svg));
}

export async function encoded(
  format: 'jpeg' | 'png' | 'webp' | 'avif' | 'tiff' | 'gif',
  width = 400,
  height = 300,
): Promise<Buffer> {
  const base = photo(width, height);
  switch (format) {
    case 'jpeg':
      return base.jpeg({ quality: 85 }).toBuffer();
    case 'png':
      return base.png().toBuffer();
    case 'webp':
      return base.webp().toBuffer();
    case 'avif':
      return base.avif({ effort: 0 }).toBuffer();
    case 'tiff':
      return base.tiff().toBuffer();
    case 'gif':
      return base.gif().toBuffer();
  }
}

/** A two-frame animated GIF: a red first frame, a blue second one. */
export async function animatedGif(): Promise<Buffer> {
  const frame = (r: number, b: number) =>
    sharp({ create: { width: 40, height: 30, channels: 3, background: { r, g: 0, b } } })
      .raw()
      .toBuffer();
  const frames = Buffer.concat([await frame(255, 0), await frame(0, 255)]);
  return sharp(frames, { raw: { width: 40, height: 60, channels: 3, pageHeight: 30 } })
    .gif({ loop: 0, delay: [100, 100] })
    .toBuffer();
}

/** A JPEG that says "rotate 90° clockwise" in its EXIF: stored 60×40, shown 40×60. */
export async function rotatedJpeg(): Promise<Buffer> {
  return photo(60, 40).jpeg().withMetadata({ orientation: 6 }).toBuffer();
}
