import type { Response } from 'express';

/**
 * The reader pages run no script at all, so their policy forbids every script; the JSON-LD
 * `<script type="application/ld+json">` is a data block, which CSP does not govern. Images may
 * come from article sources on other https origins or be embedded as data: URIs.
 */
export const READER_CSP = [
  "default-src 'none'",
  "script-src 'none'",
  "style-src 'self'",
  "font-src 'self'",
  "img-src 'self' https: data:",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Revalidate every time, unless the route's validators chose a policy (revision-validators.ts). */
function noCacheUnlessChosen(res: Response): void {
  if (!res.hasHeader('Cache-Control')) res.setHeader('Cache-Control', 'no-cache');
}

export function sendHtml(res: Response, html: string, status = 200): void {
  res.status(status);
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Content-Security-Policy', READER_CSP);
  noCacheUnlessChosen(res);
  res.send(html);
}

/**
 * Sends the media type exactly as the OPDS spec writes it: a Buffer body keeps Express from
 * re-formatting the header (it would insert spaces after each `;` when adding a charset).
 */
export function sendXml(res: Response, type: string, xml: string): void {
  res.setHeader('Content-Type', `${type};charset=utf-8`);
  noCacheUnlessChosen(res);
  res.send(Buffer.from(xml, 'utf8'));
}

export function sendJson(res: Response, type: string, body: unknown): void {
  res.setHeader('Content-Type', `${type}; charset=utf-8`);
  noCacheUnlessChosen(res);
  res.send(Buffer.from(JSON.stringify(body), 'utf8'));
}
