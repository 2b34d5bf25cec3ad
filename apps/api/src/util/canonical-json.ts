import { createHash, type Hash } from 'node:crypto';

/**
 * JSON with object keys sorted at every level, so equal values always give equal strings
 * (content hashes, cache keys) whatever order their keys were built in.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
}

/** Canonical JSON of values declared immutable, by identity. */
const remembered = new WeakMap<object, string>();

/**
 * Canonical JSON of a value that is never modified afterwards (a stored article as the store
 * hands it out), computed once: hashes of larger values that contain it reuse the text.
 */
export function rememberCanonical(value: object): string {
  let text = remembered.get(value);
  if (text === undefined) {
    text = canonicalJson(value);
    remembered.set(value, text);
  }
  return text;
}

/**
 * Writes `value` as JSON.stringify (with sorted keys when `sorted`, as canonicalJson) would,
 * piece by piece into `out`, taking the text of any object `known` has from there instead.
 */
function write(
  value: unknown,
  inArray: boolean,
  sorted: boolean,
  known: (value: object) => string | undefined,
  out: (text: string) => void,
): void {
  if (value === null || typeof value !== 'object') {
    // What JSON.stringify writes for a primitive; undefined and functions in arrays are null.
    out(JSON.stringify(value) ?? (inArray ? 'null' : ''));
    return;
  }
  const text = known(value);
  if (text !== undefined) {
    out(text);
    return;
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    out(sorted ? canonicalJson(value) : JSON.stringify(value));
    return;
  }
  if (Array.isArray(value)) {
    out('[');
    value.forEach((item: unknown, i) => {
      if (i > 0) out(',');
      write(item, true, sorted, known, out);
    });
    out(']');
    return;
  }
  let own = value as Record<string, unknown>;
  if (sorted) {
    // Built as canonicalJson builds it, so integer-like keys come first exactly as there.
    own = {};
    for (const k of Object.keys(value).sort()) own[k] = (value as Record<string, unknown>)[k];
  }
  out('{');
  let first = true;
  for (const [k, v] of Object.entries(own)) {
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    out(first ? `${JSON.stringify(k)}:` : `,${JSON.stringify(k)}:`);
    first = false;
    write(v, false, sorted, known, out);
  }
  out('}');
}

/** UTF-8 JSON of values declared immutable (stored articles), by identity. */
const rememberedJson = new WeakMap<object, Buffer>();

/**
 * Records `bytes` as the UTF-8 of `JSON.stringify(value)` for a value that is never modified
 * afterwards (a stored article and the JSON it was parsed from).
 */
export function rememberJsonBytes(value: object, bytes: Buffer): void {
  rememberedJson.set(value, bytes);
}

/**
 * The UTF-8 of `JSON.stringify(value)`, with the bytes of parts passed to rememberJsonBytes
 * copied in as they are: an edition of stored articles costs a walk of its outline and one
 * copy, not serialising and encoding every article again.
 */
export function jsonBytes(value: unknown): Buffer {
  const parts: Buffer[] = [];
  let text = '';
  write(
    value,
    false,
    false,
    (v) => {
      const bytes = rememberedJson.get(v);
      if (bytes === undefined) return undefined;
      parts.push(Buffer.from(text), bytes);
      text = '';
      return '';
    },
    (piece) => {
      text += piece;
    },
  );
  parts.push(Buffer.from(text));
  return Buffer.concat(parts);
}

/**
 * `JSON.stringify(value)` where the text of some nested objects is known already (an
 * edition's stored articles): only the rest is serialised.
 */
export function jsonWithKnownParts(value: unknown, known: ReadonlyMap<object, string>): string {
  const parts: string[] = [];
  write(
    value,
    false,
    false,
    (v) => known.get(v),
    (text) => parts.push(text),
  );
  return parts.join('');
}

/**
 * SHA-256 (hex) of `canonicalJson(value)`, without building that text: parts passed to
 * rememberCanonical are hashed from their remembered text, so an edition of 50 stored
 * articles costs one pass of SHA-256 rather than sorting and serialising every article again.
 */
export function canonicalSha256(value: unknown): string {
  const hash: Hash = createHash('sha256');
  write(
    value,
    false,
    true,
    (v) => remembered.get(v),
    (text) => hash.update(text),
  );
  return hash.digest('hex');
}
