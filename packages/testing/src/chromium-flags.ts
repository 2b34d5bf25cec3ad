// No imports on purpose: the bench loads this file alone (`@broadsheet/testing/chromium-flags`) to
// start Chromium the same way, without pulling playwright and pdf.js into its measuring process.

/** Debian's Chromium; playwright's own browser downloads do not work on these machines. */
export function chromiumPath(): string {
  return process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
}

/**
 * Flags measured to start Debian Chromium headless as root in a container with no network:
 * no sandbox (root), no GPU, nothing that phones home or updates itself, and no QUIC probes.
 */
export const CHROMIUM_FLAGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
