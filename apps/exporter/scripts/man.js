// @ts-check
// Writes man/broadsheet-export.1 from the --help text, so the two never disagree.
// Run after tsc (it imports the compiled options module).
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { helpText } from '../dist/options.js';
import { manPage } from './man-page.js';
import { packageVersion } from './package-version.js';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const version = await packageVersion(path.join(root, 'package.json'));

await mkdir(path.join(root, 'man'), { recursive: true });
await writeFile(path.join(root, 'man', 'broadsheet-export.1'), manPage(helpText(version), version));
