import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

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

export interface ChromiumSession {
  /** A browser context with its own fresh profile; open pages with `context.newPage()`. */
  context: BrowserContext;
  /** The temporary `--user-data-dir`, removed by `close()`. */
  userDataDir: string;
  close(): Promise<void>;
}

export interface ChromiumOptions {
  viewport?: { width: number; height: number };
  /** Emulated `prefers-color-scheme`. */
  colorScheme?: 'light' | 'dark';
  locale?: string;
}

/**
 * Launches Debian Chromium through playwright-core with a fresh profile directory (so no state
 * leaks between test files) and downloads enabled.
 */
export async function launchChromium(options: ChromiumOptions = {}): Promise<ChromiumSession> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'broadsheet-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumPath(),
      headless: true,
      args: [...CHROMIUM_FLAGS],
      acceptDownloads: true,
      viewport: options.viewport ?? { width: 1280, height: 900 },
      colorScheme: options.colorScheme ?? 'light',
      locale: options.locale ?? 'en-GB',
      timeout: 60_000,
    });
  } catch (err) {
    await rm(userDataDir, { recursive: true, force: true });
    throw err;
  }
  return {
    context,
    userDataDir,
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
