import path from 'node:path';
import { importPlainText, ValidationError } from '@broadsheet/model';
import { decodeUtf8 } from './decode-text.js';
import { InputError } from './errors.js';
import { loadImportHtml } from './html-importer.js';
import { documentFromJson, looksLikeJson, type InputDocument } from './input-document.js';
import { parseJsonText } from './json-syntax.js';

/** One input, read and validated. */
export interface LoadedInput {
  /** As the user wrote it, for messages (`-` is shown as `<stdin>`). */
  readonly label: string;
  /** Where relative image paths in it resolve: its directory (the working directory for stdin). */
  readonly baseDir: string;
  readonly document: InputDocument;
}

export interface InputSources {
  readonly cwd: string;
  readonly readFile: (file: string) => Promise<Uint8Array>;
  readonly readStdin: () => Promise<Uint8Array>;
}

export const STDIN_LABEL = '<stdin>';

type Kind = 'json' | 'text' | 'html';

function kindOf(spec: string): Kind {
  const ext = path.extname(spec).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.txt') return 'text';
  if (ext === '.html' || ext === '.htm') return 'html';
  throw new ValidationError([
    {
      path: '',
      message: `unsupported input type "${ext || '(no extension)'}"; expected a .json, .txt or .html file, or - for standard input`,
    },
  ]);
}

async function documentFrom(text: string, kind: 'json' | 'text'): Promise<InputDocument> {
  if (kind === 'json') return documentFromJson(await parseJsonText(text));
  return { kind: 'articles', articles: [importPlainText(text)] };
}

/**
 * A saved web page. Its encoding comes from a BOM or `<meta charset>` as a browser would
 * pick it (pages saved from the web are often windows-1252), not the UTF-8 rule of the
 * other inputs. Links and images resolve against the page's own `<base>`, canonical link
 * or og:url; pages without any keep only absolute ones.
 */
async function htmlDocument(bytes: Uint8Array): Promise<InputDocument> {
  const { decodeHtml, importHtml } = await loadImportHtml();
  return { kind: 'articles', articles: [importHtml(decodeHtml(bytes))] };
}

function readFailure(error: unknown): ValidationError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reasons: Record<string, string> = {
    ENOENT: 'no such file',
    EISDIR: 'is a directory, not a file',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    ENOTDIR: 'a part of the path is not a directory',
    ENAMETOOLONG: 'the file name is too long',
    ERR_FS_FILE_TOO_LARGE: 'the file is too large (2 GiB or more)',
  };
  const reason = code === undefined ? undefined : reasons[code];
  if (reason === undefined) throw error;
  return new ValidationError([{ path: '', message: `cannot read: ${reason}` }]);
}

/**
 * `curl -s URL | broadsheet-export -` pipes a whole page: one that opens with a doctype or an
 * `<html>` tag (after a BOM, blank space or comments) is HTML, not a plain-text article headed
 * "<!DOCTYPE html>". Only the opening is looked at, before the encoding is known: as UTF-16
 * after a UTF-16 BOM (the one way a browser takes a page for UTF-16, and then the importer
 * decodes it so too), otherwise in latin1, where every ASCII-compatible encoding reads alike.
 */
export function looksLikeHtml(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 2048);
  const utf16 =
    head[0] === 0xff && head[1] === 0xfe
      ? 'utf-16le'
      : head[0] === 0xfe && head[1] === 0xff
        ? 'utf-16be'
        : undefined;
  const text = new TextDecoder(utf16 ?? 'latin1').decode(utf16 ? head : head.subarray(0, 1024));
  return /^(?:\xef\xbb\xbf|\ufeff)?\s*(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html)[\s>]/i.test(
    text,
  );
}

/**
 * Reads and validates one INPUT: a `.json` file (an article, an array of articles or an
 * edition), a `.txt` file (a plain-text article), a `.html`/`.htm` web page, or `-` (standard input: an HTML
 * page when it starts as one, JSON when it is JSON, otherwise plain text). Bad input throws InputError naming the file.
 */
export async function readInput(spec: string, sources: InputSources): Promise<LoadedInput> {
  const isStdin = spec === '-';
  const label = isStdin ? STDIN_LABEL : spec;
  try {
    let bytes: Uint8Array;
    let kind: Kind | undefined;
    if (isStdin) {
      bytes = await sources.readStdin();
      if (looksLikeHtml(bytes)) kind = 'html';
    } else {
      kind = kindOf(spec);
      try {
        bytes = await sources.readFile(path.resolve(sources.cwd, spec));
      } catch (error) {
        throw readFailure(error);
      }
    }
    let document: InputDocument;
    if (kind === 'html') {
      document = await htmlDocument(bytes);
    } else {
      const text = decodeUtf8(bytes);
      document = await documentFrom(text, kind ?? (looksLikeJson(text) ? 'json' : 'text'));
    }
    const baseDir = isStdin ? sources.cwd : path.dirname(path.resolve(sources.cwd, spec));
    return { label, baseDir, document };
  } catch (error) {
    if (error instanceof ValidationError) throw new InputError(label, error.issues);
    throw error;
  }
}
