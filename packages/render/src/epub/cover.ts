import { createRequire } from 'node:module';
import type * as Canvas from '@napi-rs/canvas';
import type { TextLine } from '../pdf/text/paragraph.js';
import { coverLines, fillLine, tallness, type CoverText } from './cover-text.js';
import { encodeGrayPng } from './png-gray.js';
import { dropUnprintable } from '../display/escape.js';

/** What the generated cover shows. All strings are plain text (canvas draws, nothing is parsed). */
export interface CoverSpec {
  masthead: string;
  title: string;
  dateLine: string;
  headlines: string[];
  footer: string;
  language: string;
  direction: 'ltr' | 'rtl';
  /** The lead story's picture (PNG, JPEG or GIF bytes), drawn in grey above the headlines. */
  picture?: Uint8Array;
}

/** The cover's pixel size: 2:3, large enough for a library grid, small enough to encode fast. */
export const COVER_WIDTH = 600;
export const COVER_HEIGHT = 900;
/** The layout below is written on an 800 × 1200 grid and scaled down. */
const GRID_WIDTH = 800;
const GRID_HEIGHT = 1200;
const SCALE = COVER_WIDTH / GRID_WIDTH;
/** The tallest a picture is drawn, on the grid: the lead headline always keeps room below it. */
const PICTURE_MAX_HEIGHT = 420;

type CanvasModule = typeof Canvas;
type Context = ReturnType<ReturnType<CanvasModule['createCanvas']>['getContext']>;
type Picture = Awaited<ReturnType<CanvasModule['loadImage']>>;

let canvasLib: CanvasModule | undefined;

/**
 * The canvas module, loaded on first use (callers that render single articles never pay for it)
 * without letting it list the installed fonts. On import it reads every font file under
 * /usr/share/fonts and the user's font folders (0.1 s with a desktop's fonts, 0.3 s with TeX's)
 * unless DISABLE_SYSTEM_FONTS_LOAD is set. The cover draws glyph outlines (cover-text.ts) and
 * never asks the canvas for a font, so nothing here needs that list. The variable is set only
 * while the module loads, synchronously, and only when the environment has not set it: a host
 * that draws canvas text with installed fonts imports the canvas before the first cover.
 */
function canvasModule(): CanvasModule {
  if (canvasLib) return canvasLib;
  const env = process.env;
  if (env.DISABLE_SYSTEM_FONTS_LOAD !== undefined) return (canvasLib = requireCanvas());
  env.DISABLE_SYSTEM_FONTS_LOAD = '1';
  try {
    return (canvasLib = requireCanvas());
  } finally {
    delete env.DISABLE_SYSTEM_FONTS_LOAD;
  }
}

const requireCanvas = () => createRequire(import.meta.url)('@napi-rs/canvas') as CanvasModule;

/**
 * Draws `picture` centred in a box `width` wide and at most `maxHeight` tall from `top` (grid
 * units), never larger than its own pixels, then turns those pixels grey (ITU-R BT.601 luma in
 * integers: the same bytes on every machine) for the grey PNG. Returns the height drawn.
 */
function drawPicture(
  ctx: Context,
  picture: Picture,
  top: number,
  width: number,
  maxHeight: number,
): number {
  const scale = Math.min(width / picture.width, maxHeight / picture.height, 1 / SCALE);
  const w = Math.round(picture.width * scale);
  const h = Math.round(picture.height * scale);
  const left = Math.round((GRID_WIDTH - w) / 2);
  ctx.drawImage(picture, left, top, w, h);
  // Pixel coordinates of the drawn box (the context is scaled from the grid), one pixel wider on
  // each side for the smoothed edge; grey pixels stay as they are.
  const x = Math.floor(left * SCALE) - 1;
  const y = Math.floor(top * SCALE) - 1;
  const box = ctx.getImageData(x, y, Math.ceil(w * SCALE) + 3, Math.ceil(h * SCALE) + 3);
  const px = box.data;
  for (let i = 0; i < px.length; i += 4) {
    const luma = (299 * px[i]! + 587 * px[i + 1]! + 114 * px[i + 2]! + 500) / 1000;
    px[i] = px[i + 1] = px[i + 2] = Math.floor(luma);
  }
  ctx.putImageData(box, x, y);
  return h;
}

/**
 * Draws a newspaper-style front page (masthead, edition title and date, lead headlines) as a
 * PNG. No clock, no randomness, fonts from npm: the same spec gives the same bytes.
 */
export async function renderCover(spec: CoverSpec): Promise<Uint8Array> {
  const { createCanvas, loadImage, Path2D } = canvasModule();
  // Characters XML would reject are dropped, as the XHTML drops them.
  spec = {
    ...spec,
    masthead: dropUnprintable(spec.masthead),
    title: dropUnprintable(spec.title),
    dateLine: dropUnprintable(spec.dateLine),
    headlines: spec.headlines.map(dropUnprintable),
    footer: dropUnprintable(spec.footer),
  };
  const canvas = createCanvas(COVER_WIDTH, COVER_HEIGHT);
  const ctx = canvas.getContext('2d');
  ctx.scale(SCALE, COVER_HEIGHT / GRID_HEIGHT);
  const margin = 56;
  const inner = GRID_WIDTH - 2 * margin;
  const rtl = spec.direction === 'rtl';
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, GRID_WIDTH, GRID_HEIGHT);
  ctx.fillStyle = '#111111';
  ctx.strokeStyle = '#111111';

  const rule = (y: number, weight: number) => {
    ctx.lineWidth = weight;
    ctx.beginPath();
    ctx.moveTo(margin, y);
    ctx.lineTo(GRID_WIDTH - margin, y);
    ctx.stroke();
  };
  const lines = (block: CoverText) => coverLines(block, inner, spec.language, rtl);
  const draw = (line: TextLine, baseline: number) => fillLine(ctx, Path2D, line, margin, baseline);
  const one = (text: string, size: number) =>
    lines({ text, size, bold: false, align: 'center', maxLines: 1 });

  const masthead = lines({
    text: spec.masthead,
    size: 64,
    bold: true,
    align: 'center',
    maxLines: 2,
  });
  // Line spacing grows with the script's height: Nastaliq needs almost twice Latin's room.
  const mastheadStep = Math.round(72 * tallness(masthead));
  let y = 48 + mastheadStep;
  // An edition without a masthead keeps the masthead's room, so the page keeps its shape.
  for (const line of masthead.length > 0 ? masthead : [undefined]) {
    if (line) draw(line, y);
    y += mastheadStep;
  }
  y -= 30;
  rule(y, 4);
  y += 40;
  for (const line of one(spec.dateLine, 24)) draw(line, y);
  y += 20;
  rule(y, 1.5);

  const title = lines({ text: spec.title, size: 44, bold: true, align: 'center', maxLines: 3 });
  const titleStep = Math.round(54 * tallness(title));
  y += title.length > 0 ? 16 + titleStep : 20;
  for (const line of title) {
    draw(line, y);
    y += titleStep;
  }
  y += 10;

  const bottom = GRID_HEIGHT - 110;
  if (spec.picture) {
    // Decoded by canvas (Skia): the bytes were sniffed and checked against the pixel cap by the
    // caller, and a picture that still fails to decode leaves a text-only cover.
    const picture = await loadImage(Buffer.from(spec.picture)).catch(() => undefined);
    if (picture && picture.width > 0 && picture.height > 0) {
      const room = Math.min(PICTURE_MAX_HEIGHT, bottom - y - 160);
      if (room > 100) y += drawPicture(ctx, picture, y, inner, room) + 10;
    }
  }

  spec.headlines.forEach((headline, i) => {
    const size = i === 0 ? 36 : 28;
    if (y + size * 2 > bottom) return;
    const headlineLines = lines({
      text: headline,
      size,
      bold: true,
      align: 'start',
      maxLines: i === 0 ? 4 : 3,
    });
    const k = tallness(headlineLines);
    rule(y, 1);
    y += Math.round(size * k) + 22;
    for (const line of headlineLines) {
      if (y > bottom) break;
      draw(line, y);
      y += Math.round(size * 1.25 * k);
    }
    y += 6;
  });

  rule(GRID_HEIGHT - 90, 1.5);
  for (const line of one(spec.footer, 22)) draw(line, GRID_HEIGHT - 55);
  // canvas.data() is the raw pixel buffer, without getImageData's copy and un-premultiply
  // (the page is opaque, so premultiplied and straight values are the same).
  return encodeGrayPng(canvas.data(), COVER_WIDTH, COVER_HEIGHT);
}
