// @ts-check
import { readFile } from 'node:fs/promises';

/**
 * The `version` of a package.json.
 * @param {string} file
 * @returns {Promise<string>}
 */
export async function packageVersion(file) {
  /** @type {unknown} */
  const manifest = JSON.parse(await readFile(file, 'utf8'));
  const version =
    typeof manifest === 'object' && manifest !== null && 'version' in manifest
      ? manifest.version
      : undefined;
  if (typeof version !== 'string') throw new Error(`${file} has no version`);
  return version;
}
