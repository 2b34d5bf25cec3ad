// @ts-check
// The roff source of man/broadsheet-export.1, made from the --help text (scripts/man.js
// writes it at build time), so the two never disagree.

/** roff escapes: backslashes, and a leading dot or quote that would read as a request. */
/** @param {string} line */
const roff = (line) =>
  line
    .replace(/\\/g, '\\e')
    .replace(/-/g, '\\-')
    .replace(/^([.'])/, '\\&$1');

/**
 * @param {string} helpText the whole --help output
 * @param {string} version
 * @returns {string}
 */
export function manPage(helpText, version) {
  const help = helpText.split('\n');
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
  // heading line ("Options:", "Inputs:", "Feeds (--feed URL, ...):", "Exit status: ..."). The
  // heading's name is upper-cased as man pages have it; a note in brackets after it keeps its
  // case, since options are case-sensitive (`Output (-o)` is `OUTPUT (-o)`, not `(-O)`).
  for (const line of help.slice(3)) {
    const heading =
      /^([A-Z][A-Za-z ]*?)( \([^()]*\))?:\s*$/.exec(line) ?? /^(Exit status)():/.exec(line);
    if (heading) {
      const [whole, name = '', note = ''] = heading;
      out.push(`.SH ${roff(name.toUpperCase() + note)}`, '.nf');
      const rest = line.slice(whole.length).trim();
      if (rest !== '') out.push(roff(rest));
      continue;
    }
    out.push(line.trim() === '' ? '' : roff(line));
  }
  out.push('.fi', '.SH SEE ALSO', 'pandoc(1), epubcheck(1)', '');
  return out.join('\n');
}
