import { creditLine, splitCaptionCredit } from '@broadsheet/model';
import { findImage } from './images.js';
import type { ImageInput } from './model-types.js';
import { cleanText } from './text.js';

const CREDIT_CLASS = /credit|copyright|source|photographer|byline|rights|attribution/i;
const CREDIT_ITEMPROP = /copyrightHolder|creditText|author|copyrightNotice/i;

export interface CaptionParts {
  caption?: string;
  credit?: string;
}

/** Splits a figcaption into the caption and the credit (a marked element or a "Photo: …" tail). */
export function splitCaption(figcaption: Element | null | undefined): CaptionParts {
  if (!figcaption) return {};
  const clone = figcaption.cloneNode(true) as Element;
  let credit: string | undefined;
  for (const el of Array.from(clone.querySelectorAll('*'))) {
    const marked =
      CREDIT_CLASS.test(el.getAttribute('class') ?? '') ||
      CREDIT_ITEMPROP.test(el.getAttribute('itemprop') ?? '');
    if (!marked || !clone.contains(el)) continue;
    const text = cleanText(el.textContent);
    // "Photograph: Jane Doe" in a credit element: the name is the credit.
    if (text) credit ??= creditLine(text) ?? text;
    el.remove();
  }
  let caption = cleanText(clone.textContent);
  if (!credit) {
    // "… Photo: Jane Doe/Reuters", "… (Photograph: Jane Doe)", as the plain-text importer reads them.
    const split = splitCaptionCredit(caption, false);
    if (split) ({ caption, credit } = split);
  }
  const parts: CaptionParts = {};
  if (caption) parts.caption = caption;
  if (credit) parts.credit = credit;
  return parts;
}

/**
 * Whether `box` holds more than one `<img>`, walking only until the second: counting them all
 * for each picture of a box holding thousands made a gallery page quadratic.
 */
function holdsTwoImages(box: Element): boolean {
  const walker = box.ownerDocument.createTreeWalker(box, 1 /* NodeFilter.SHOW_ELEMENT */);
  let seen = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeName === 'IMG' && ++seen > 1) return true;
  }
  return false;
}

/** A caption written without <figure>: `<div class="image"><img><div class="image__caption">…` */
function nearbyCaption(img: Element): Element | null {
  for (
    let box = img.parentElement, depth = 0;
    box && depth < 3;
    box = box.parentElement, depth += 1
  ) {
    if (holdsTwoImages(box)) return null;
    const caption = box.querySelector(
      ':scope > [class*="caption" i], :scope > [class*="credit" i]',
    );
    if (caption) return caption;
  }
  return null;
}

/** The model image of a `<figure>`, `<picture>` or `<img>`, with caption and credit; undefined without a real picture. */
export function figureImage(el: Element, base: string | undefined): ImageInput | undefined {
  const found = findImage(el, base);
  if (!found) return undefined;
  const image: ImageInput = { src: found.src, alt: found.alt };
  if (found.width !== undefined) image.width = found.width;
  if (found.height !== undefined) image.height = found.height;
  const figure = el.tagName === 'FIGURE' ? el : el.closest('figure');
  const { caption, credit } = splitCaption(
    figure?.querySelector('figcaption') ?? nearbyCaption(el),
  );
  if (caption) image.caption = caption;
  if (credit) image.credit = credit;
  return image;
}
