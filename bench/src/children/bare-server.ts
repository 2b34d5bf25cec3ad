// Baseline servers for the API benchmarks, each its own process like the API:
//   bare-server.js bytes FILE CONTENT_TYPE  → GET /r answers FILE's bytes (a bare Express route)
//   bare-server.js static DIR               → express.static(DIR) at /
// Prints {"port":N} once listening on 127.0.0.1.
import { readFileSync } from 'node:fs';
import express from 'express';

const [mode, target, contentType] = process.argv.slice(2);
const app = express();
app.get('/health', (_req, res) => {
  res.send('ok');
});
if (mode === 'bytes' && target && contentType) {
  const body = readFileSync(target);
  app.get('/r', (_req, res) => {
    res.type(contentType).send(body);
  });
} else if (mode === 'static' && target) {
  app.use(express.static(target));
} else {
  process.stderr.write('usage: bare-server.js bytes FILE TYPE | static DIR\n');
  process.exit(2);
}
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object')
    process.stdout.write(`${JSON.stringify({ port: address.port })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
