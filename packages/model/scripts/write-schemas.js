// @ts-check
// Writes the JSON Schemas of the wire format next to the package for non-TypeScript users.
// Runs after tsc (see the build script) from the compiled dist/, so it needs no TypeScript.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { articleJsonSchema, editionJsonSchema } from '../dist/index.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'schemas');
mkdirSync(dir, { recursive: true });
/** @type {[string, unknown][]} */
const schemas = [
  ['article.schema.json', articleJsonSchema],
  ['edition.schema.json', editionJsonSchema],
];
for (const [name, schema] of schemas) {
  const file = join(dir, name);
  // Temp file + rename: a reader never sees half a schema.
  writeFileSync(`${file}.tmp`, `${JSON.stringify(schema, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}
