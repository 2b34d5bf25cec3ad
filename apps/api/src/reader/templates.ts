import { fileURLToPath } from 'node:url';
import { escapeMarkup } from '@broadsheet/render/display';
import { Eta } from 'eta';

/**
 * Eta compiles the .eta files under src/views once and escapes every `<%= %>` interpolation
 * (autoEscape is Eta's default; it is set here so no one turns it off by accident). Raw output
 * `<%~ %>` is reserved for `include(...)`, the layout's `it.body`, and pre-serialised JSON-LD;
 * templates.test.ts fails if any other raw interpolation appears.
 *
 * The views live in src/ and are read from there by both the sources and the compiled dist/
 * (tsc copies no assets): `../../src/views/` resolves to the same folder from src/reader/ and
 * dist/reader/.
 *
 * The escaping is the renderers' (@broadsheet/render/display): the same characters are dropped
 * from the pages as from the EPUB, the PDF and the feeds.
 */
export const VIEWS_DIR = fileURLToPath(new URL('../../src/views/', import.meta.url));

const eta = new Eta({
  views: VIEWS_DIR,
  cache: true,
  autoEscape: true,
  escapeFunction: escapeMarkup,
  autoTrim: [false, 'nl'],
});

/** Renders `views/<name>.eta` with `data` as `it`. */
export function renderView(name: string, data: object): string {
  return eta.render(`./${name}`, data);
}
