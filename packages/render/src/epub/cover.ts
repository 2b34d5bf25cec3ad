import { createRequire } from 'node:module';
import type * as Canvas from '@napi-rs/canvas';

/** What the generated cover shows. All strings are plain text (canvas draws, nothing is parsed). */
export interface CoverSpec {
  masthead: string;
  title: string;
  dateLine: string;
  headlines: string[];
  footer: string;
  language: string;
  direction: 'ltr' | 'rtl';
}

export const COVER_WIDTH = 800;
export const COVER_HEIGHT = 1200;

type CanvasModule = typeof Canvas;
type Context = ReturnType<ReturnType<CanvasModule['createCanvas']>['getContext']>;

const FAMILY = '"DejaVu Serif", "DejaVu Sans"';
let loading: Promise<CanvasModule> | undefined;

/**
 * Loads the canvas module and registers the fonts once per process, on first use: most
 * callers render single articles and never pay for it. Fonts come from the dejavu-fonts-ttf
 * npm package (Latin, Greek, Cyrillic, Arabic, Hebrew), never from the system.
 */
function canvasModule(): Promise<CanvasModule> {
  loading ??= import('@napi-rs/canvas').then((mod) => {
    const require = createRequire(import.meta.url);
    for (const file of ['DejaVuSerif.ttf', 'DejaVuSerif-Bold.ttf', 'DejaVuSans.ttf', 'DejaVuSans-Bold.ttf']) {
      mod.GlobalFonts.registerFromPath(require.resolve(`dejavu-fonts-ttf/ttf/${file}`));
    }
    return mod;
  });
  return loading;
}

/** Greedy line breaking at word boundaries (per character for scripts written without spaces). */
function wrap(ctx: Context, text: string, width: number, language: string, maxLines: number): string[] {
  let segmenter: Intl.Segmenter;
  try {
    segmenter = new Intl.Segmenter(language, { granularity: 'word' });
  } catch {
    segmenter = new Intl.Segmenter('en', { granularity: 'word' });
  }
  const lines: string[] = [];
  let line = '';
  for (const { segment } of segmenter.segment(text)) {
    const candidate = line + segment;
    if (line !== '' && ctx.measureText(candidate.trimEnd()).width > width) {
      lines.push(line.trim());
      line = segment.trimStart();
      if (lines.length === maxLines) break;
    } else {
      line = candidate;
    }
  }
  if (lines.length < maxLines && line.trim() !== '') lines.push(line.trim());
  if (lines.length === maxLines && lines.join(' ').length < text.trim().length) {
    lines[maxLines - 1] = `${(lines[maxLines - 1] ?? '').replace(/\s*\S{0,3}$/, '')}…`;
  }
  return lines;
}

/**
 * Draws a newspaper-style front page (masthead, edition title and date, lead headlines) as a
 * PNG. No clock, no randomness, fonts from npm: the same spec gives the same bytes.
 */
export async function renderCover(spec: CoverSpec): Promise<Uint8Array> {
  const { createCanvas } = await canvasModule();
  const canvas = createCanvas(COVER_WIDTH, COVER_HEIGHT);
  const ctx = canvas.getContext('2d');
  const margin = 56;
  const inner = COVER_WIDTH - 2 * margin;
  const rtl = spec.direction === 'rtl';
  ctx.direction = spec.direction;
  ctx.fillStyle = '#f6f3ea';
  ctx.fillRect(0, 0, COVER_WIDTH, COVER_HEIGHT);
  ctx.fillStyle = '#111111';
  ctx.strokeStyle = '#111111';
  ctx.textBaseline = 'alphabetic';

  const rule = (y: number, weight: number) => {
    ctx.lineWidth = weight;
    ctx.beginPath();
    ctx.moveTo(margin, y);
    ctx.lineTo(COVER_WIDTH - margin, y);
    ctx.stroke();
  };

  let y = 120;
  ctx.textAlign = 'center';
  ctx.font = `bold 64px ${FAMILY}`;
  for (const line of spec.masthead ? wrap(ctx, spec.masthead, inner, spec.language, 2) : ['']) {
    ctx.fillText(line, COVER_WIDTH / 2, y);
    y += 72;
  }
  y -= 30;
  rule(y, 4);
  y += 40;
  ctx.font = `24px ${FAMILY}`;
  ctx.fillText(spec.dateLine, COVER_WIDTH / 2, y);
  y += 20;
  rule(y, 1.5);
  y += 70;

  ctx.font = `bold 44px ${FAMILY}`;
  for (const line of spec.title ? wrap(ctx, spec.title, inner, spec.language, 3) : []) {
    ctx.fillText(line, COVER_WIDTH / 2, y);
    y += 54;
  }
  y += 10;

  ctx.textAlign = rtl ? 'right' : 'left';
  const x = rtl ? COVER_WIDTH - margin : margin;
  const bottom = COVER_HEIGHT - 110;
  spec.headlines.forEach((headline, i) => {
    const size = i === 0 ? 36 : 28;
    if (y + size * 2 > bottom) return;
    rule(y, 1);
    y += size + 22;
    ctx.font = `bold ${size}px ${FAMILY}`;
    for (const line of wrap(ctx, headline, inner, spec.language, i === 0 ? 4 : 3)) {
      if (y > bottom) break;
      ctx.fillText(line, x, y);
      y += Math.round(size * 1.25);
    }
    y += 6;
  });

  rule(COVER_HEIGHT - 90, 1.5);
  ctx.textAlign = 'center';
  ctx.font = `22px ${FAMILY}`;
  ctx.fillText(spec.footer, COVER_WIDTH / 2, COVER_HEIGHT - 55);
  return canvas.encode('png');
}
