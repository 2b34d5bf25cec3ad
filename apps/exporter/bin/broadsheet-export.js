#!/usr/bin/env node
// The installed command. It is committed (dist/ is built later) because npm links a bin at
// install time only if its file already exists: with the bin pointing into dist/,
// `npx broadsheet-export` after `npm ci` asked the registry for a package of that name.
import { existsSync } from 'node:fs';
import module from 'node:module';

const main = new URL('../dist/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write(
    'broadsheet-export is not built yet: run `npm run build` (or `npx turbo run build --filter=@broadsheet/exporter`) in the repository first\n',
  );
  process.exit(1);
}
// Node 22.1+ keeps compiled bytecode of the bundle between runs (start-up is most of a
// short export); Node 20 lacks the API and starts as before.
module.enableCompileCache?.();
await import(main.href);
