/**
 * Escaping for every format Broadsheet writes, in one place, with one set of characters dropped.
 *
 * Dropped everywhere (XML, XHTML, HTML, PDF text and strings): C0 controls other than tab, LF
 * and CR, DEL and the C1 controls, lone surrogates, and the noncharacters U+FFFE/U+FFFF. XML 1.0
 * forbids the C0 ones, the surrogates and the noncharacters; it allows DEL and C1, but EPUBCheck,
 * reading systems and PDF viewers choke on them, and no reader can see them anyway.
 */
const UNPRINTABLE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The text without the characters no output format may carry (see above); nothing else changes. */
export function dropUnprintable(value: string): string {
  return value.replace(UNPRINTABLE, '');
}

// `&#39;` rather than `&apos;`: HTML 4 and some feed readers do not know `&apos;`; XML and
// XHTML accept both.
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Text for XML, XHTML or HTML content and attribute values: `&`, `<`, `>` (so `]]>` is
 * harmless), both quotes, and no unprintable characters. The same escaping is right for all
 * three, so they share it.
 */
export function escapeMarkup(value: unknown): string {
  return dropUnprintable(String(value)).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** ` name="value"` escaped, or nothing when the value is undefined or empty. */
export function markupAttribute(name: string, value: string | undefined): string {
  return value === undefined || value === '' ? '' : ` ${name}="${escapeMarkup(value)}"`;
}

/**
 * Text for a PDF: drawn text and Info dictionary strings. pdfkit writes the string syntax
 * itself (parentheses, backslashes, UTF-16 for non-Latin-1); what it cannot do is leave out
 * characters that would draw as .notdef boxes or upset PDF/A validators.
 */
export function pdfText(value: string): string {
  return dropUnprintable(value);
}
