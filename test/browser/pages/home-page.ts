import type { Page } from 'playwright-core';
import { BasePage, waitForVisible } from './base-page.js';

export type Role = 'clerk' | 'officer' | 'councillor';

/** The home page; each role has its own. */
export class HomePage extends BasePage {
  static async verifyOnPage(page: Page, role: Role): Promise<HomePage> {
    await waitForVisible(page, page.getByTestId(`home-${role}`), `the ${role}’s home page`);
    return new HomePage(page);
  }
}
