import { fileURLToPath } from 'node:url';

const PRELOAD = fileURLToPath(new URL('./local-names.mjs', import.meta.url));

/** NODE_OPTIONS for a spawned server: local names only (see local-names.mjs), kept with the caller's. */
export function localNamesNodeOptions(current = process.env.NODE_OPTIONS): string {
  return [current, `--import=${PRELOAD}`].filter((o) => o !== undefined && o !== '').join(' ');
}
