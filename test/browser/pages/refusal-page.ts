import type { Locator, Page } from 'playwright-core';
import { BasePage, waitForVisible } from './base-page.js';

/** The page shown when the protocol forbids what was asked: it names the clause. */
export class RefusalPage extends BasePage {
  static async verifyOnPage(page: Page): Promise<RefusalPage> {
    await waitForVisible(page, page.getByTestId('refusal'), 'a refusal naming a clause');
    return new RefusalPage(page);
  }

  get refusal(): Locator {
    return this.page.getByTestId('refusal');
  }

  /** The whole refusal: the sentence naming the clause and the links to each clause. */
  async message(): Promise<string> {
    return (await this.refusal.innerText()).replace(/\s+/g, ' ').trim();
  }

  /** The refusal's stable id, e.g. "individual_instruction". */
  async errorId(): Promise<string | null> {
    return this.refusal.getAttribute('data-error-id');
  }

  clauseLink(number: string): Locator {
    return this.page.getByRole('link', { name: `Read clause ${number} in full` });
  }

  /** The "What you can do instead" paragraph, or "" when there is none. */
  async alternative(): Promise<string> {
    const section = this.page.locator('h2', { hasText: 'What you can do instead' }).locator('xpath=following-sibling::p[1]');
    return (await section.count()) ? (await section.innerText()).trim() : '';
  }
}
