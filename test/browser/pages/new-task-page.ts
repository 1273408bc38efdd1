import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { BasePage, waitForVisible } from './base-page.js';

export interface TaskFields {
  title?: string;
  /** The start of the resolution's label in the list, e.g. "Minute 26/45". */
  resolution?: string;
  /** The officer's name as the list shows it, e.g. "Sam Patel". */
  officer?: string;
  details?: string;
  due?: { day: string; month: string; year: string };
}

/** The form through which the Clerk gives an officer a task carrying out a recorded resolution. */
export class NewTaskPage extends BasePage {
  static async verifyOnPage(page: Page): Promise<NewTaskPage> {
    await waitForVisible(page, page.locator('h1', { hasText: 'Give an officer a task' }), 'the new task form');
    await waitForVisible(page, page.getByTestId('save-task'), 'the new task form’s save button');
    return new NewTaskPage(page);
  }

  static async goto(page: Page, baseURL: string): Promise<NewTaskPage> {
    await page.goto(`${baseURL}/tasks/new`);
    return NewTaskPage.verifyOnPage(page);
  }

  async fill(fields: TaskFields): Promise<void> {
    const page = this.page;
    if (fields.title !== undefined) await page.getByLabel('What is to be done', { exact: true }).fill(fields.title);
    if (fields.resolution !== undefined) {
      const select = page.getByLabel('The resolution it carries out', { exact: true });
      const labels = await select.locator('option').allInnerTexts();
      const label = labels.find((l) => l.trim().startsWith(`${fields.resolution},`));
      assert.ok(label, `no resolution ${fields.resolution} among ${JSON.stringify(labels)}`);
      await select.selectOption({ label: label.trim() });
    }
    if (fields.officer !== undefined) {
      const select = page.getByLabel('Officer', { exact: true });
      const labels = await select.locator('option').allInnerTexts();
      const label = labels.find((l) => l.trim().startsWith(`${fields.officer} (`));
      assert.ok(label, `no officer called ${fields.officer} among ${JSON.stringify(labels)}`);
      await select.selectOption({ label: label.trim() });
    }
    if (fields.details !== undefined) await page.getByLabel(/^Details/).fill(fields.details);
    if (fields.due) {
      const due = page.getByRole('group', { name: /^Due date/ });
      await due.getByLabel('Day', { exact: true }).fill(fields.due.day);
      await due.getByLabel('Month', { exact: true }).fill(fields.due.month);
      await due.getByLabel('Year', { exact: true }).fill(fields.due.year);
    }
  }

  /** Press "Save"; the caller verifies where that leads. */
  async save(): Promise<void> {
    await this.page.getByTestId('save-task').click();
  }
}
