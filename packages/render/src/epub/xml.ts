// Characters XML 1.0 forbids (C0 controls other than tab/LF/CR, lone surrogates, U+FFFE/U+FFFF),
// plus C1 controls and DEL, which XML allows but EPUBCheck and reading systems choke on.
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Drops the characters that cannot appear in an XML 1.0 document (never escaped: they are not allowed at all). */
export function xmlSafe(value: string): string {
  return value.replace(NOT_XML, '');
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes text for XHTML/XML content and attribute values: `&`, `<`, `>` (so `]]>` is harmless),
 * both quotes, and removes characters XML forbids.
 */
export function esc(value: string): string {
  return xmlSafe(value).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** ` name="value"` with the value escaped, or nothing when the value is undefined or empty. */
export function attr(name: string, value: string | undefined): string {
  return value === undefined || value === '' ? '' : ` ${name}="${esc(value)}"`;
}
