import express, { type Request, type RequestHandler } from 'express';
import { MAX_JSON_DEPTH, pathTooDeep } from './json-depth.js';
import { HttpProblem, unsupportedMediaType } from './problem.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

function checkUtf8(req: Request, _res: unknown, buf: Buffer): void {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i
    .exec(req.get('content-type') ?? '')?.[1]
    ?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') return;
  try {
    utf8.decode(buf);
  } catch {
    throw new HttpProblem(400, 'the request body is not valid UTF-8');
  }
}

export const JSON_TYPES = ['application/json', 'application/*+json'];
export const TEXT_TYPES = ['text/plain'];
export const HTML_TYPES = ['text/html', 'application/xhtml+xml'];

/**
 * Parses a JSON or plain-text body (whichever `accept` lists) up to `limitBytes`, rejecting
 * invalid UTF-8; other media types get 415. The parsed body is `req.body` (unknown).
 * HTML is kept as bytes (a Buffer): a web page names its charset in a `<meta>` as often as in
 * the header, so it is decoded the way a browser would, by the importer's `decodeHtml`.
 */
export function parseBody(
  limitBytes: number,
  accept: { json?: boolean; text?: boolean; html?: boolean },
): RequestHandler[] {
  const handlers: RequestHandler[] = [];
  if (accept.json)
    handlers.push(
      express.json({ limit: limitBytes, type: JSON_TYPES, verify: checkUtf8, strict: false }),
      (req, _res, next) => {
        const path =
          typeof req.body === 'object' && req.is(JSON_TYPES)
            ? pathTooDeep(req.body, MAX_JSON_DEPTH)
            : undefined;
        if (path === undefined) {
          next();
          return;
        }
        next(
          new HttpProblem(400, `the JSON body nests deeper than ${MAX_JSON_DEPTH} levels`, {
            errors: [
              {
                path: path.length > 200 ? `${path.slice(0, 199)}…` : path,
                message: `nests deeper than ${MAX_JSON_DEPTH} levels`,
              },
            ],
          }),
        );
      },
    );
  if (accept.text)
    handlers.push(express.text({ limit: limitBytes, type: TEXT_TYPES, verify: checkUtf8 }));
  if (accept.html) handlers.push(express.raw({ limit: limitBytes, type: HTML_TYPES }));
  const wanted = [
    ...(accept.json ? JSON_TYPES : []),
    ...(accept.text ? TEXT_TYPES : []),
    ...(accept.html ? HTML_TYPES : []),
  ];
  handlers.push((req, _res, next) => {
    const length = req.headers['content-length'];
    if (
      length === '0' ||
      (length === undefined && req.headers['transfer-encoding'] === undefined)
    ) {
      next(
        new HttpProblem(400, 'the request has no body', {
          errors: [{ path: '', message: 'required' }],
        }),
      );
      return;
    }
    if (!req.is(wanted)) {
      const got = req.get('content-type');
      next(
        unsupportedMediaType(
          `send the body as ${wanted.filter((t) => !t.includes('*')).join(' or ')}` +
            (got ? `, not ${got.slice(0, 100)}` : ' with a Content-Type header'),
        ),
      );
      return;
    }
    next();
  });
  return handlers;
}

/** True when the parsed body came in as text/plain. */
export const isTextBody = (req: Request) =>
  typeof req.body === 'string' && req.is(TEXT_TYPES) !== false;

/** The bytes of an HTML body, or undefined when the body is not HTML. */
export function htmlBody(req: Request): Buffer | undefined {
  const body: unknown = req.body;
  return Buffer.isBuffer(body) && req.is(HTML_TYPES) !== false ? body : undefined;
}
