// A child process for the scaling curve: generates an edition of N articles, renders it once
// to a file, and prints {"renderMs":..,"bytes":..}. Run under GNU time, so its peak RSS is
// the whole cost of one render in a fresh process (module loading, fonts, content).
import { createWriteStream } from 'node:fs';
import { stat, writeFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { finished } from 'node:stream/promises';
import { renderEpub, renderPdfToStream } from '@broadsheet/render';
import { generatedEdition } from '../content/generate.js';
import { templateArticle } from '../content/template.js';

const [format, countArg, out] = process.argv.slice(2);
const count = Number(countArg);
// `none` only builds the edition: its peak RSS is what the input alone costs.
if (
  (format !== 'epub' && format !== 'pdf' && format !== 'none') ||
  !Number.isInteger(count) ||
  count < 1 ||
  !out
) {
  process.stderr.write('usage: render-edition.js epub|pdf|none COUNT OUT\n');
  process.exit(2);
}

const edition = generatedEdition(templateArticle(), count);
const start = performance.now();
if (format === 'none') {
  await writeFile(out, edition.title);
} else if (format === 'epub') {
  await writeFile(out, await renderEpub(edition));
} else {
  const stream = createWriteStream(out);
  await renderPdfToStream(edition, stream);
  if (!stream.writableFinished) await finished(stream);
}
const renderMs = performance.now() - start;
const { size } = await stat(out);
process.stdout.write(`${JSON.stringify({ renderMs, bytes: size })}\n`);
