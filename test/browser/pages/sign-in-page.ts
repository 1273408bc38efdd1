import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../../src/demo/demo.js';
import { BasePage, waitForVisible } from './base-page.js';

export class SignInPage extends BasePage {
  static async verifyOnPage(page: Page): Promise<SignInPage> {
    await waitForVisible(page, page.locator('h1', { hasText: /^Sign in to / }), 'the sign-in page');
    await waitForVisible(page, page.getByTestId('sign-in'), 'the sign-in button');
    return new SignInPage(page);
  }

  static async goto(page: Page, baseURL: string): Promise<SignInPage> {
    await page.goto(`${baseURL}/sign-in`);
    return SignInPage.verifyOnPage(page);
  }

  /** Fill in the form and press "Sign in"; the caller verifies where that leads. */
  async signInAs(email: string, password = DEMO_PASSWORD): Promise<void> {
    await this.page.getByLabel('Email address', { exact: true }).fill(email);
    await this.page.getByLabel('Password', { exact: true }).fill(password);
    await this.page.getByTestId('sign-in').click();
  }
}
