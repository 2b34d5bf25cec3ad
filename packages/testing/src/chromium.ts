import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { CHROMIUM_FLAGS, chromiumPath } from './chromium-flags.js';
import { requireTool } from './tools.js';

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
      executablePath: requireTool(chromiumPath(), 'chromium'),
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
