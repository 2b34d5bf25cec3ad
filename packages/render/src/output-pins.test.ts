import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderEpub, renderPdf, RENDERER_VERSION } from './index.js';
import {
  pinnedEdition,
  pinnedPictureEdition,
  pinnedSeedArticle,
} from './test-support/output-pins/inputs.js';

/**
 * Callers key caches on RENDERER_VERSION, so output bytes may only change together with it.
 * The table records the version with the hashes it produced. To update after a deliberate
 * change: bump RENDERER_VERSION, then run (in packages/render)
 *   UPDATE_PINS=1 npx vitest run src/output-pins.test.ts
 * which rewrites pins.json and prints it.
 */
const PINS_FILE = fileURLToPath(new URL('./test-support/output-pins/pins.json', import.meta.url));
const UPDATE_COMMAND = 'UPDATE_PINS=1 npx vitest run src/output-pins.test.ts (in packages/render)';

interface Pins {
  rendererVersion: string;
  sha256: Record<string, string>;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function currentPins(): Promise<Pins> {
  const seed = pinnedSeedArticle();
  const edition = pinnedEdition();
  const pictures = pinnedPictureEdition();
  // One at a time: the PDF renderer keeps process-wide font state, and order must not matter
  // for bytes anyway, but sequential runs keep memory low on a shared machine.
  const outputs: [string, Buffer][] = [
    ['seed.epub', await renderEpub(seed)],
    ['seed.pdf', await renderPdf(seed)],
    ['edition.epub', await renderEpub(edition)],
    ['edition.pdf', await renderPdf(edition)],
    ['pictures.epub', await renderEpub(pictures)],
    ['pictures.pdf', await renderPdf(pictures)],
  ];
  return {
    rendererVersion: RENDERER_VERSION,
    sha256: Object.fromEntries(outputs.map(([name, bytes]) => [name, sha256(bytes)])),
  };
}

/** What the pins say about the current output: undefined when they hold, else why not. */
function pinVerdict(pinned: Pins, current: Pins): string | undefined {
  const names = [...new Set([...Object.keys(pinned.sha256), ...Object.keys(current.sha256)])];
  const changed = names.filter((n) => pinned.sha256[n] !== current.sha256[n]);
  if (changed.length > 0 && current.rendererVersion === pinned.rendererVersion) {
    return (
      `output bytes changed: bump RENDERER_VERSION (packages/render/src/shared/version.ts, ` +
      `now '${current.rendererVersion}') and record the new hashes with ${UPDATE_COMMAND}. ` +
      `Changed: ${changed.join(', ')}`
    );
  }
  if (current.rendererVersion !== pinned.rendererVersion) {
    return (
      `RENDERER_VERSION is '${current.rendererVersion}' but the pins record ` +
      `'${pinned.rendererVersion}': record the hashes it produces with ${UPDATE_COMMAND}`
    );
  }
  return undefined;
}

const format = (pins: Pins) => `${JSON.stringify(pins, null, 2)}\n`;

describe('pinned output bytes', () => {
  it.each([
    ['same bytes, same version', '1', 'a', '1', 'a', undefined],
    ['new bytes, same version', '1', 'a', '1', 'b', 'output bytes changed: bump RENDERER_VERSION'],
    ['new bytes, bumped version', '1', 'a', '2', 'b', "the pins record '1'"],
    ['same bytes, bumped version', '1', 'a', '2', 'a', "the pins record '1'"],
  ])('%s', (_, pinnedVersion, pinnedHash, version, hash, message) => {
    const verdict = pinVerdict(
      { rendererVersion: pinnedVersion, sha256: { 'x.pdf': pinnedHash } },
      { rendererVersion: version, sha256: { 'x.pdf': hash } },
    );
    if (message === undefined) expect(verdict).toBeUndefined();
    else expect(verdict).toContain(message);
  });

  it('the seed and a fixed edition render to the bytes recorded for this RENDERER_VERSION', async () => {
    const pinned = JSON.parse(readFileSync(PINS_FILE, 'utf8')) as Pins;
    const current = await currentPins();
    const verdict = pinVerdict(pinned, current);
    if (process.env.UPDATE_PINS === '1') {
      // Updating never hides a change of bytes under an unchanged version.
      if (verdict?.startsWith('output bytes changed')) {
        throw new Error(`${verdict}\nThe new table:\n${format(current)}`);
      }
      writeFileSync(PINS_FILE, format(current));
      console.log(`wrote ${PINS_FILE}:\n${format(current)}`);
      return;
    }
    expect(
      verdict,
      verdict ? `${verdict}\nThe new table:\n${format(current)}` : '',
    ).toBeUndefined();
  });
});
