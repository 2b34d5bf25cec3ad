// @ts-check
// Writes man/broadsheet-export.1 from the --help text, so the two never disagree.
// Run after tsc (it imports the compiled options module).
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { helpText } from '../dist/options.js';
import { packageVersion } from './package-version.js';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const version = await packageVersion(path.join(root, 'package.json'));

/** roff escapes: backslashes, and a leading dot or quote that would read as a request. */
/** @param {string} line */
const roff = (line) =>
  line
    .replace(/\\/g, '\\e')
    .replace(/-/g, '\\-')
    .replace(/^([.'])/, '\\&$1');

const help = helpText(version).split('\n');
const [usage = '', , description = ''] = help;
const out = [
  `.TH BROADSHEET\\-EXPORT 1 "" "broadsheet-export ${version}" "User Commands"`,
  '.SH NAME',
  `broadsheet\\-export \\- ${roff(
    description
      .trim()
      .replace(/\.$/, '')
      .replace(/^Render/, 'render'),
  )}`,
  '.SH SYNOPSIS',
  `.B ${roff(usage.replace(/^Usage: /, ''))}`,
  '.SH DESCRIPTION',
  roff(description.trim()),
];
// The rest of the help verbatim (it is laid out for a terminal already), one section per
// heading line ("Options:", "Inputs:", ...).
for (const line of help.slice(3)) {
  const heading = /^([A-Z][A-Za-z ()-]*):\s*$/.exec(line) ?? /^(Exit status):/.exec(line);
  if (heading && !line.startsWith(' ')) {
    out.push(`.SH ${roff((heading[1] ?? '').toUpperCase())}`, '.nf');
    const rest = line.slice(heading[0].length).trim();
    if (rest !== '') out.push(roff(rest));
    continue;
  }
  out.push(line.trim() === '' ? '' : roff(line));
}
out.push('.fi', '.SH SEE ALSO', 'pandoc(1), epubcheck(1)', '');
await mkdir(path.join(root, 'man'), { recursive: true });
await writeFile(path.join(root, 'man', 'broadsheet-export.1'), out.join('\n'));
