import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';

/** How long a page object waits for the page it expects before saying which page it got. */
const VERIFY_TIMEOUT_MS = 15_000;

/**
 * Wait until `locator` is visible; if it never is, fail naming the page that was shown
 * instead (its URL and headings), which is what one needs to read a failed journey.
 */
export async function waitForVisible(page: Page, locator: Locator, expected: string): Promise<void> {
  try {
    await locator.first().waitFor({ state: 'visible', timeout: VERIFY_TIMEOUT_MS });
  } catch {
    const headings = await page
      .locator('h1')
      .allInnerTexts()
      .catch(() => [] as string[]);
    assert.fail(`expected ${expected}, but the browser shows ${page.url()} headed ${JSON.stringify(headings)}`);
  }
}

/** A cell-by-cell reading of a table's body rows, whitespace collapsed. */
export async function tableRows(table: Locator): Promise<string[][]> {
  return table
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((row) => Array.from(row.querySelectorAll('th, td'), (cell) => (cell.textContent ?? '').replace(/\s+/g, ' ').trim())));
}

/** What every Concord page has: its heading, the service navigation, the sign-out button. */
export abstract class BasePage {
  constructor(readonly page: Page) {}

  get heading(): Locator {
    return this.page.locator('h1');
  }

  async headingText(): Promise<string> {
    return (await this.heading.innerText()).trim();
  }

  /** The messages in the error summary, in order. */
  async errors(): Promise<string[]> {
    const items = await this.page.locator('.govuk-error-summary__list li').allInnerTexts();
    return items.map((s) => s.trim());
  }

  /** The text of the success banner, if one is shown. */
  async banner(): Promise<string> {
    const banner = this.page.locator('.govuk-notification-banner');
    return (await banner.count()) ? (await banner.innerText()).replace(/\s+/g, ' ').trim() : '';
  }

  /** Follow a link in the service navigation ("Home", "Protocol", "Tasks", ...). */
  /**
   * Follow the service navigation to a page: directly, or through its group ("Meetings and
   * decisions") and then the group's own list of pages.
   */
  async navigateTo(name: string, group?: string): Promise<void> {
    if (group) {
      await this.page.locator('.govuk-service-navigation').getByRole('link', { name: group, exact: true }).click();
      await this.page.getByTestId('sub-navigation').getByRole('link', { name, exact: true }).click();
      return;
    }
    await this.page.locator('.govuk-service-navigation').getByRole('link', { name, exact: true }).click();
  }

  /** Press "Sign out"; the caller verifies the sign-in page that follows. */
  async signOut(): Promise<void> {
    await this.page.getByTestId('sign-out').click();
  }
}
