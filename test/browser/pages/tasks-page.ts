import type { Page } from 'playwright-core';
import { BasePage, tableRows, waitForVisible } from './base-page.js';

/** Officers’ tasks: the list, and for the Clerk and officers a way to add one. */
export class TasksPage extends BasePage {
  static async verifyOnPage(page: Page): Promise<TasksPage> {
    await waitForVisible(page, page.locator('h1', { hasText: 'Officers’ tasks' }), 'the officers’ tasks page');
    return new TasksPage(page);
  }

  static async goto(page: Page, baseURL: string): Promise<TasksPage> {
    await page.goto(`${baseURL}/tasks`);
    return TasksPage.verifyOnPage(page);
  }

  /** Press "Give an officer a task"; the caller verifies the form. */
  async startNewTask(): Promise<void> {
    await this.page.getByTestId('new-task').click();
  }

  /** Each task as its cells: reference, title, officer, decision, due date, status. */
  async rows(): Promise<string[][]> {
    const table = this.page.getByTestId('tasks');
    return (await table.count()) ? tableRows(table) : [];
  }
}
