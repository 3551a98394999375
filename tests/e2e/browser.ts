import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];

export function chromiumPath(): string | undefined {
  return CANDIDATES.find((p): p is string => Boolean(p && existsSync(p)));
}

/** In CI a missing browser fails the run; on a laptop without Chromium the scenarios are skipped. */
export function browserAvailable(): boolean {
  if (chromiumPath()) return true;
  if (process.env.CI === 'true')
    throw new Error('CI needs Chromium (apt-get install chromium) for the e2e suite');
  console.warn('e2e: Chromium not found (set CHROMIUM_PATH); browser scenarios skipped');
  return false;
}

/**
 * `extraArgs`: flags one scenario needs on top of these (e.g. a page it rewrites with `page.route`,
 * which Chromium then treats as coming from the public network and keeps from loopback sockets).
 */
export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  // Playwright gives every launch a fresh, empty profile directory of its own.
  return chromium.launch({
    executablePath: chromiumPath()!,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}

export const SCREENSHOTS = 'test-results/screenshots';

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
