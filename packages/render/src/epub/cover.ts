import type * as Canvas from '@napi-rs/canvas';
import { coverFontFamily } from './cover-fonts.js';
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
  /** Arabic-script text (Urdu, Arabic, Persian): drawn with Naskh first, so words stay joined. */
  arabicScript: boolean;
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

let loading: Promise<CanvasModule> | undefined;

/**
 * Loads the canvas module once per process, on first use: callers that render single articles
 * never pay for it. Fonts come from npm packages (cover-fonts.ts), never from the system.
 */
function canvasModule(): Promise<CanvasModule> {
  loading ??= import('@napi-rs/canvas');
  return loading;
}

/**
 * The pieces a line may break between: after white space, and, inside a run too wide for a
 * line (Chinese or Japanese, written without spaces), between grapheme clusters.
 */
function breakPieces(ctx: Context, text: string, width: number): string[] {
  const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return text
    .split(/(?<=\s)/)
    .flatMap((piece) =>
      ctx.measureText(piece.trimEnd()).width <= width
        ? [piece]
        : Array.from(graphemes.segment(piece), (g) => g.segment),
    );
}

/** Greedy line breaking; the last line allowed ends with an ellipsis when text is left over. */
function wrap(ctx: Context, text: string, width: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  let truncated = false;
  for (const piece of breakPieces(ctx, text, width)) {
    const candidate = line + piece;
    if (line !== '' && ctx.measureText(candidate.trimEnd()).width > width) {
      lines.push(line.trim());
      line = piece.trimStart();
      if (lines.length === maxLines) {
        truncated = true;
        break;
      }
    } else {
      line = candidate;
    }
  }
  if (!truncated && line.trim() !== '') lines.push(line.trim());
  if (truncated) lines[maxLines - 1] = `${(lines[maxLines - 1] ?? '').replace(/\s*\S{0,3}$/, '')}…`;
  return lines;
}

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
  const { createCanvas, GlobalFonts, loadImage } = await canvasModule();
  // Canvas draws U+FFFD for what XML would reject; drop those characters as the XHTML does.
  spec = {
    ...spec,
    masthead: dropUnprintable(spec.masthead),
    title: dropUnprintable(spec.title),
    dateLine: dropUnprintable(spec.dateLine),
    headlines: spec.headlines.map(dropUnprintable),
    footer: dropUnprintable(spec.footer),
  };
  const family = coverFontFamily(
    GlobalFonts,
    [spec.masthead, spec.title, spec.dateLine, ...spec.headlines, spec.footer].join(' '),
    spec.language,
    spec.arabicScript,
  );
  const canvas = createCanvas(COVER_WIDTH, COVER_HEIGHT);
  const ctx = canvas.getContext('2d');
  ctx.scale(SCALE, COVER_HEIGHT / GRID_HEIGHT);
  const margin = 56;
  const inner = GRID_WIDTH - 2 * margin;
  const rtl = spec.direction === 'rtl';
  ctx.direction = spec.direction;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, GRID_WIDTH, GRID_HEIGHT);
  ctx.fillStyle = '#111111';
  ctx.strokeStyle = '#111111';
  ctx.textBaseline = 'alphabetic';

  const rule = (y: number, weight: number) => {
    ctx.lineWidth = weight;
    ctx.beginPath();
    ctx.moveTo(margin, y);
    ctx.lineTo(GRID_WIDTH - margin, y);
    ctx.stroke();
  };

  let y = 120;
  ctx.textAlign = 'center';
  ctx.font = `bold 64px ${family}`;
  for (const line of spec.masthead ? wrap(ctx, spec.masthead, inner, 2) : ['']) {
    ctx.fillText(line, GRID_WIDTH / 2, y);
    y += 72;
  }
  y -= 30;
  rule(y, 4);
  y += 40;
  ctx.font = `24px ${family}`;
  ctx.fillText(spec.dateLine, GRID_WIDTH / 2, y);
  y += 20;
  rule(y, 1.5);
  y += spec.title ? 70 : 20;

  ctx.font = `bold 44px ${family}`;
  for (const line of spec.title ? wrap(ctx, spec.title, inner, 3) : []) {
    ctx.fillText(line, GRID_WIDTH / 2, y);
    y += 54;
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

  ctx.textAlign = rtl ? 'right' : 'left';
  const x = rtl ? GRID_WIDTH - margin : margin;
  spec.headlines.forEach((headline, i) => {
    const size = i === 0 ? 36 : 28;
    if (y + size * 2 > bottom) return;
    rule(y, 1);
    y += size + 22;
    ctx.font = `bold ${size}px ${family}`;
    for (const line of wrap(ctx, headline, inner, i === 0 ? 4 : 3)) {
      if (y > bottom) break;
      ctx.fillText(line, x, y);
      y += Math.round(size * 1.25);
    }
    y += 6;
  });

  rule(GRID_HEIGHT - 90, 1.5);
  ctx.textAlign = 'center';
  ctx.font = `22px ${family}`;
  ctx.fillText(spec.footer, GRID_WIDTH / 2, GRID_HEIGHT - 55);
  // canvas.data() is the raw pixel buffer, without getImageData's copy and un-premultiply
  // (the page is opaque, so premultiplied and straight values are the same).
  return encodeGrayPng(canvas.data(), COVER_WIDTH, COVER_HEIGHT);
}
