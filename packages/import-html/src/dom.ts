import { JSDOM, VirtualConsole } from 'jsdom';

/**
 * Parses a page with jsdom: no scripts run, no subresource is fetched, and CSS parse errors
 * are not printed (a silent virtual console). `url` only sets the document address that
 * relative links resolve against.
 */
export function parseHtml(html: string, url: string | undefined): Document {
  const dom = new JSDOM(html, {
    contentType: 'text/html',
    virtualConsole: new VirtualConsole(),
    ...(url === undefined ? {} : { url }),
  });
  return dom.window.document;
}
