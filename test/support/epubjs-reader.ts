import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** epub.js and the JSZip it needs, from node_modules: the test never touches a CDN. */
function readerAssets(): Record<string, string> {
  const epubjs = require.resolve('epubjs/dist/epub.min.js');
  const jszip = createRequire(epubjs).resolve('jszip/dist/jszip.min.js');
  return { '/epub.min.js': epubjs, '/jszip.min.js': jszip };
}

/**
 * The reading page: opens /book.epub with epub.js, then displays the first spine item that
 * holds an article headline (an h1), the way a reader opens a book at its first chapter.
 * `window.reader` resolves to what epub.js understood of the book.
 */
const READER_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>epub.js reader</title>
<script src="/jszip.min.js"></script><script src="/epub.min.js"></script>
<style>html,body{margin:0;background:#fff}#viewer{width:800px;height:1000px}</style></head>
<body><div id="viewer"></div>
<script>
window.reader = (async () => {
  const book = ePub('/book.epub');
  await book.ready;
  const rendition = book.renderTo('viewer', { width: 800, height: 1000, flow: 'scrolled-doc' });
  const navigation = await book.loaded.navigation;
  let shown;
  for (const item of book.spine.spineItems) {
    if (!item.linear) continue;
    await rendition.display(item.href);
    const contents = rendition.getContents()[0];
    if (contents && contents.document.querySelector('h1')) { shown = item.href; break; }
  }
  return {
    title: book.packaging.metadata.title,
    language: book.packaging.metadata.language,
    toc: navigation.toc.map((t) => t.label.trim()),
    spine: book.spine.spineItems.map((s) => s.href),
    shown,
  };
})().catch((e) => ({ error: String(e && e.stack || e) }));
</script></body></html>`;

export interface ReaderServer {
  origin: string;
  close(): Promise<void>;
}

/** A static server on 127.0.0.1, port 0, serving the reader page, epub.js and one EPUB. */
export async function serveEpubReader(epub: Uint8Array): Promise<ReaderServer> {
  const assets = readerAssets();
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const send = (type: string, body: string | Uint8Array) => {
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (url.pathname === '/') return send('text/html; charset=utf-8', READER_HTML);
    if (url.pathname === '/book.epub') return send('application/epub+zip', epub);
    const asset = assets[url.pathname];
    if (asset !== undefined) {
      readFile(asset).then(
        (body) => send('text/javascript; charset=utf-8', body),
        () => res.writeHead(500).end(),
      );
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
