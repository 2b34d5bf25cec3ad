import type * as ImportHtml from '@broadsheet/import-html';

export type ImportHtmlModule = typeof ImportHtml;

let loaded: Promise<ImportHtmlModule> | undefined;

/**
 * Loads @broadsheet/import-html on first use. It pulls in jsdom and Readability, which cost
 * more start-up time than the rest of the command together, and the benchmark times the
 * whole process: a run with only JSON or text inputs must never load it.
 */
export function loadImportHtml(): Promise<ImportHtmlModule> {
  loaded ??= import('@broadsheet/import-html');
  return loaded;
}
