import { Parser } from 'htmlparser2';
import { escapeHtml } from '@broadsheet/model';

/** The text of an HTML fragment (an Atom `type="html"` title), entities decoded, spaces collapsed. */
export function htmlText(html: string): string {
  let text = '';
  const parser = new Parser({ ontext: (t) => (text += t) }, { decodeEntities: true });
  parser.end(html);
  return collapse(text);
}

export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Plain text as HTML paragraphs (blank lines separate them), every character escaped. */
export function textHtml(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('\n');
}
