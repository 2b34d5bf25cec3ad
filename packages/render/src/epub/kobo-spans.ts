/** Elements that start a new paragraph number in Kobo's span ids. */
const BLOCK = /^(p|h[1-6]|li|figcaption|blockquote|dd|dt|td|th|caption|div|header|footer)$/;
/** Elements whose text is not reading text. */
const SKIP = /^(script|style|title|head)$/;

/**
 * Kobo's reading-position markup (what its own kepubify does): each sentence of running text
 * wrapped in `<span class="koboSpan" id="kobo.P.S">`, P counting block elements, S the
 * sentences in each. Spans never cross tags: each text node is split on its own, so the
 * markup stays well-formed. `xhtml` is our own serialised XHTML (escaped text, no CDATA).
 */
export function koboSpans(xhtml: string, language: string): string {
  const sentences = new Intl.Segmenter(language, { granularity: 'sentence' });
  let paragraph = 0;
  let sentence = 0;
  let skipping = 0;
  return xhtml.replace(
    /(<[^>]*>)|([^<]+)/g,
    (_, tag: string | undefined, text: string | undefined) => {
      if (tag !== undefined) {
        const m = /^<(\/?)([a-zA-Z][\w:-]*)/.exec(tag);
        const name = m?.[2]?.toLowerCase() ?? '';
        const closing = m?.[1] === '/';
        const selfClosing = tag.endsWith('/>');
        if (SKIP.test(name) && !selfClosing) skipping += closing ? -1 : 1;
        if (!closing && BLOCK.test(name)) {
          paragraph += 1;
          sentence = 0;
        }
        return tag;
      }
      if (text === undefined || skipping > 0 || text.trim() === '' || paragraph === 0)
        return text ?? '';
      let out = '';
      for (const { segment } of sentences.segment(text)) {
        if (segment.trim() === '') {
          out += segment;
          continue;
        }
        sentence += 1;
        out += `<span class="koboSpan" id="kobo.${paragraph}.${sentence}">${segment}</span>`;
      }
      return out;
    },
  );
}
