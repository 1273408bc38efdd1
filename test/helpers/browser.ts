import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

/**
 * Chromium for browser tests: Debian's, never one downloaded by Playwright.
 * `CHROMIUM_PATH` wins; otherwise /usr/bin/chromium.
 */
export const CHROMIUM_LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

/**
 * Why the browser tests cannot run here, or undefined when they can. On CI a missing
 * browser is a failure, not a skip: a suite that silently skips proves nothing.
 */
export function browserSkipReason(): string | undefined {
  const path = chromiumPath();
  if (existsSync(path)) return undefined;
  const reason = `Chromium not found at ${path}: install it with apt-get install chromium (or set CHROMIUM_PATH)`;
  if (onCI()) throw new Error(`${reason}. Browser tests must run on CI.`);
  return reason;
}

function onCI(): boolean {
  const ci = process.env.CI?.trim().toLowerCase();
  return !!ci && ci !== 'false' && ci !== '0';
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: [...CHROMIUM_LAUNCH_ARGS] });
}

/** A fresh context (its own cookies) set to London time and British English, and a page in it. */
export async function newPage(browser: Browser, options: BrowserContextOptions = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ timezoneId: 'Europe/London', locale: 'en-GB', ...options });
  const page = await context.newPage();
  return { context, page };
}
