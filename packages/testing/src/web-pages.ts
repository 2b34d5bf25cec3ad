import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A news site on 127.0.0.1 for importer and `--url` tests: a real HTTP server on a free
 * port, so tests exercise real fetches without ever leaving the machine.
 */
export interface LocalWebServer {
  /** http://127.0.0.1:PORT, no trailing slash. */
  origin: string;
  /** Paths requested so far, in order (to prove what was, or was not, fetched). */
  requests: string[];
  close(): Promise<void>;
}

export type WebRoute = (req: IncomingMessage, res: ServerResponse) => void;

/** Serves `routes` by exact path; anything else is a 404 HTML page. */
export async function startLocalWebServer(
  routes: Record<string, WebRoute>,
): Promise<LocalWebServer> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    requests.push(pathname);
    const route = routes[pathname];
    if (route) return route(req, res);
    res
      .writeHead(404, { 'content-type': 'text/html; charset=utf-8' })
      .end('<!DOCTYPE html><title>Not found</title><h1>Not found</h1>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answers with `body` and `type`. */
export function serve(type: string, body: string | Uint8Array, status = 200): WebRoute {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': type }).end(body);
  };
}

/** Sends the headers, then never finishes the body: for timeouts. The server's close() ends it. */
export function stall(type = 'text/html; charset=utf-8'): WebRoute {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': type });
    res.write('<!DOCTYPE html><html><head><title>Slow</title>');
  };
}

/** A redirect to `location` (relative to the server or absolute). */
export function redirect(location: string, status = 302): WebRoute {
  return (_req, res) => {
    res.writeHead(status, { location }).end();
  };
}

export interface NewsPageOptions {
  headline: string;
  /** The page's own address (canonical link and og:url); relative image sources resolve against it. */
  canonical?: string;
  /** Lead figure source, as written in the page (may be relative). */
  imageSrc?: string;
  /** Extra `<meta charset>`; the body text is ASCII apart from what the headline holds. */
  charset?: string;
}

/**
 * A news article page in the shape of a real site (metadata in OpenGraph tags, navigation,
 * share bar, a figure with caption and credit, several paragraphs, a footer), long enough
 * for Readability to take it as an article.
 */
export function newsPage(options: NewsPageOptions): string {
  const { headline } = options;
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  const canonical = options.canonical
    ? `<link rel="canonical" href="${esc(options.canonical)}">
<meta property="og:url" content="${esc(options.canonical)}">`
    : '';
  const figure = options.imageSrc
    ? `<figure><img src="${esc(options.imageSrc)}" alt="The harbour wall at high tide" width="640" height="400">
<figcaption>The harbour wall at high tide on Saturday. <span class="credit">Photo: Kate Pascoe</span></figcaption></figure>`
    : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="${options.charset ?? 'utf-8'}">
<title>${esc(headline)} - The Harbour Herald</title>
${canonical}
<meta property="og:type" content="article">
<meta property="og:title" content="${esc(headline)}">
<meta property="og:description" content="Council engineers raise the harbour wall ahead of the spring tides, the highest for eighteen years.">
<meta property="og:site_name" content="The Harbour Herald">
<meta property="article:published_time" content="2024-03-09T06:30:00+00:00">
<meta name="author" content="Mara Quinn">
<script>window.tracking = true;</script>
</head>
<body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<main>
<article>
<h1>${esc(headline)}</h1>
<p class="byline">By Mara Quinn</p>
<div class="share"><a href="https://share.example/?u=1">Share</a></div>
${figure}
<p>Council engineers worked through the night on Friday to raise the harbour wall by forty centimetres, ahead of spring tides that forecasters expect to be the highest for eighteen years.</p>
<p>The work, which cost the town just under two hundred thousand pounds, adds steel panels to the old granite wall along the quay. Shop owners on the front said they had moved stock upstairs as a precaution.</p>
<p>"We have done what we can in the time we had," said the harbour master, who has worked on the quay for thirty years. "The rest is down to the wind. If it blows from the south-west on Sunday night, we will know whether it was enough."</p>
<h2>What happens next</h2>
<p>The Environment Agency has issued flood alerts for the whole of the estuary and asked people living close to the water to sign up for warnings. Sandbags are available from the fire station on Mill Lane until Sunday afternoon.</p>
<p>A public meeting about a permanent flood barrier will be held at the town hall on March 21. The council says a barrier would take at least four years to plan and build.</p>
</article>
</main>
<footer>The Harbour Herald · Contact · Terms</footer>
</body>
</html>
`;
}

/** A home page: links and teasers, no article (the importer must refuse it). */
export function homePage(): string {
  const teasers = Array.from(
    { length: 12 },
    (_, i) => `<li><a href="/news/story-${i}">Story number ${i} of the day</a></li>`,
  ).join('\n');
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>The Harbour Herald</title></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav><main><h1>The Harbour Herald</h1><ul>${teasers}</ul></main></body></html>`;
}
