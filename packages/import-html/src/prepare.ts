import { findImage } from './images.js';
import { cleanText } from './text.js';

// Never content, and unsafe to keep: active content, embeds, forms, and presentation.
const DANGEROUS =
  'script, style, link, meta, base, iframe, frame, frameset, object, embed, applet, template, form, button, input, select, textarea, svg, math, canvas, video, audio, map, dialog, portal';

// Page furniture by class or id: consent banners, share bars, paywall prompts, comment
// threads, recommendation rails, newsletter boxes, screen-reader-only labels.
const CHROME =
  /(?:^|[\s_-])(?:cookies?|consent|gdpr|cmp|onetrust|didomi|share|shares|sharing|sharebar|social|newsletter|subscribe|subscription|paywall-(?:prompt|message|banner|modal|cta|offer|overlay)|regwall|gateway|piano|promo|advert|advertisement|ads?|ad-slot|sponsored|comments?|disqus|respond|related|recommended|recirc|outbrain|taboola|most-read|mostread|popular|trending|breadcrumbs?|sidebar|toolbar|signup|sign-up|skip-link|visually-hidden|sr-only|screen-reader-text|modal|overlay|popup)(?:[\s_-]|$)/i;
const CHROME_ROLES =
  /^(?:dialog|alertdialog|navigation|complementary|contentinfo|search|menu|menubar|banner)$/i;
const CHROME_TAGS = new Set(['NAV', 'ASIDE', 'FOOTER', 'HEADER']);

function isChrome(el: Element): boolean {
  // A quote's <footer> names the speaker; a figure's <header> is part of the figure.
  if (CHROME_TAGS.has(el.tagName)) return !el.parentElement?.closest('blockquote, figure');
  if (
    el.hasAttribute('hidden') ||
    el.getAttribute('aria-hidden') === 'true' ||
    el.getAttribute('aria-modal') === 'true'
  )
    return true;
  if (/display\s*:\s*none|visibility\s*:\s*hidden/i.test(el.getAttribute('style') ?? ''))
    return true;
  if (CHROME_ROLES.test(el.getAttribute('role') ?? '')) return true;
  return CHROME.test(`${el.id} ${el.getAttribute('class') ?? ''}`);
}

/** An element whose removal would take the story with it (wrappers named "has-comments"…). */
function holdsStory(el: Element, bodyChars: number): boolean {
  if (el.matches('html, body, main, article, [itemprop="articleBody"]')) return true;
  if (el.querySelector('h1, article, [itemprop="articleBody"]')) return true;
  return cleanText(el.textContent).length > bodyChars * 0.4;
}

/** Swaps lazy-loading placeholders for the `<img>` in the following `<noscript>`. */
function unwrapNoscriptImages(doc: Document, base: string | undefined): void {
  for (const noscript of Array.from(doc.querySelectorAll('noscript'))) {
    const img = noscript.querySelector('img');
    const prev = noscript.previousElementSibling;
    if (
      img &&
      prev &&
      (prev.tagName === 'IMG' || prev.tagName === 'PICTURE') &&
      !findImage(prev, base)
    ) {
      prev.replaceWith(img);
    } else if (img && !prev?.matches('img, picture')) {
      noscript.replaceWith(img);
      continue;
    }
    noscript.remove();
  }
}

/** Rewrites every picture to one plain `<img src>` with its real absolute address, or removes it. */
function resolveImages(doc: Document, base: string | undefined): void {
  for (const picture of Array.from(doc.querySelectorAll('picture'))) {
    const found = findImage(picture, base);
    const img = picture.querySelector('img');
    if (!found || !img) {
      picture.remove();
      continue;
    }
    img.setAttribute('src', found.src);
    picture.replaceWith(img);
  }
  for (const img of Array.from(doc.querySelectorAll('img'))) {
    const found = findImage(img, base);
    if (!found) {
      img.remove();
      continue;
    }
    img.setAttribute('src', found.src);
    for (const attr of Array.from(img.attributes)) {
      if (/^(srcset|sizes|data-|loading)/i.test(attr.name)) img.removeAttribute(attr.name);
    }
  }
}

/** Readability drops every <footer>, including the one naming a quote's speaker: keep it as a marked paragraph. */
function keepQuoteAttributions(doc: Document): void {
  for (const footer of Array.from(doc.querySelectorAll('blockquote footer'))) {
    const p = doc.createElement('p');
    p.className = 'quote-attribution';
    p.append(...Array.from(footer.childNodes));
    footer.replaceWith(p);
  }
}

/**
 * Readability drops blocks with many pictures and few paragraphs, which is every photo
 * gallery; a caption wrapped in a paragraph counts as one, so captioned galleries survive.
 */
function captionsAsParagraphs(doc: Document): void {
  for (const caption of Array.from(doc.querySelectorAll('figcaption'))) {
    if (caption.querySelector('p') || cleanText(caption.textContent) === '') continue;
    const p = doc.createElement('p');
    p.append(...Array.from(caption.childNodes));
    caption.append(p);
  }
}

/**
 * Takes out of the live document everything that must not reach the model and the page
 * furniture Readability tends to keep; resolves lazy images. Metadata must be read before.
 */
export function prepareDocument(doc: Document, base: string | undefined): void {
  unwrapNoscriptImages(doc, base);
  keepQuoteAttributions(doc);
  for (const el of Array.from(doc.querySelectorAll(DANGEROUS))) el.remove();
  const bodyChars = cleanText(doc.body?.textContent).length;
  for (const el of Array.from(doc.body?.querySelectorAll('*') ?? [])) {
    if (!el.isConnected) continue;
    if (isChrome(el) && !holdsStory(el, bodyChars)) el.remove();
  }
  for (const el of Array.from(doc.querySelectorAll('*'))) {
    for (const attr of Array.from(el.attributes))
      if (/^on/i.test(attr.name)) el.removeAttribute(attr.name);
  }
  resolveImages(doc, base);
  captionsAsParagraphs(doc);
}
