/**
 * The one stylesheet. Reading systems let readers pick font, size, colours and margins, so the
 * body text gets no font family, colour or absolute size: only relative sizes and spacing.
 */
export const STYLESHEET = `@charset "UTF-8";
html, body { margin: 0; padding: 0; }
p { margin: 0 0 0.8em 0; line-height: 1.5; orphans: 2; widows: 2; }
h1, h2, h3, h4 { line-height: 1.25; page-break-after: avoid; break-after: avoid; hyphens: none; }
h1 { font-size: 1.7em; margin: 0.3em 0 0.4em 0; }
h2 { font-size: 1.3em; margin: 1.2em 0 0.5em 0; }
h3 { font-size: 1.15em; margin: 1em 0 0.4em 0; }
h4 { font-size: 1em; margin: 1em 0 0.3em 0; }
a { text-decoration: underline; }
header { margin-bottom: 1.2em; }
.section, .kicker { font-size: 0.8em; text-transform: uppercase; letter-spacing: 0.06em; margin: 0 0 0.3em 0; }
.kicker { font-weight: bold; }
.standfirst { font-size: 1.1em; font-style: italic; }
.highlights { margin: 0.6em 0 1em 0; padding-inline-start: 1.4em; }
.highlights li { margin-bottom: 0.3em; }
.byline, .dateline, .dates { font-size: 0.85em; margin: 0 0 0.3em 0; }
.dateline { font-weight: bold; text-transform: uppercase; }
figure { margin: 1em 0; page-break-inside: avoid; break-inside: avoid; }
figure img { display: block; max-width: 100%; height: auto; margin: 0 auto; }
figcaption { font-size: 0.85em; margin-top: 0.4em; }
.credit { font-size: 0.9em; font-style: italic; }
figure.no-image figcaption { border-inline-start: 0.2em solid; padding-inline-start: 0.6em; }
blockquote { margin: 1em 1.5em; font-style: italic; }
figure.quote blockquote { margin-bottom: 0.3em; }
.attribution { margin-inline-start: 1.5em; }
ul, ol { margin: 0 0 0.8em 0; padding-inline-start: 1.6em; }
footer { margin-top: 2em; font-size: 0.85em; }
.title-page { text-align: center; margin-top: 20%; }
.title-page .masthead { font-size: 2.2em; font-weight: bold; margin-bottom: 0.2em; }
.title-page p { margin-bottom: 0.5em; }
.contents ol { list-style: none; padding-inline-start: 0; }
.contents li { margin-bottom: 0.4em; }
.contents h2 { font-size: 1.1em; text-transform: uppercase; letter-spacing: 0.05em; }
.contents .kicker { display: inline; font-size: 0.75em; }
.cover-page { margin: 0; padding: 0; text-align: center; }
.cover-page img { max-width: 100%; max-height: 100%; height: auto; }
nav ol { list-style: none; }
`;
