import type { TestContext } from 'node:test';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { browserSkipReason, launchBrowser, newPage } from './browser.js';
import { testServer, type TestServer } from './server.js';

/**
 * What every browser test file needs: a Concord server on a fresh demo council, one Chromium,
 * and pages of their own (own cookies) that are closed at the end. Where Chromium is missing,
 * `open` skips the test and says why (on CI, `browserSkipReason` fails instead).
 */
export class BrowserSuite {
  readonly skipReason = browserSkipReason();
  private started: { server: TestServer; browser: Browser } | undefined;
  private readonly contexts: BrowserContext[] = [];

  constructor(private readonly options: { template: string; now?: () => Date }) {}

  /** For `before`: does nothing where the tests will be skipped. */
  async start(): Promise<void> {
    if (this.skipReason) return;
    this.started = { server: await testServer({ template: this.options.template, now: this.options.now }), browser: await launchBrowser() };
  }

  /** For `after`. */
  async close(): Promise<void> {
    await Promise.all(this.contexts.map((c) => c.close()));
    await this.started?.browser.close();
    await this.started?.server.close();
  }

  get server(): TestServer {
    if (!this.started) throw new Error('the browser suite has not started');
    return this.started.server;
  }

  /** A page of its own, or undefined when the test was skipped. */
  async open(t: TestContext, options: BrowserContextOptions = {}): Promise<Page | undefined> {
    if (this.skipReason || !this.started) {
      t.skip(this.skipReason);
      return undefined;
    }
    const { context, page } = await newPage(this.started.browser, options);
    this.contexts.push(context);
    return page;
  }
}
