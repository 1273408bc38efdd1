import type { Locator, Page } from 'playwright-core';
import { BasePage, waitForVisible } from './base-page.js';

export interface ClauseSummary {
  /** "2.3", or a name such as "Intro" for an unnumbered part. */
  number: string;
  /** The section's id, e.g. "clause-2-3". */
  id: string;
  heading: string;
  /** The label shown: Enforced, Routed, Recorded or Guidance. */
  kind: string;
}

/** The council's adopted protocol, clause by clause. */
export class ProtocolPage extends BasePage {
  static async verifyOnPage(page: Page): Promise<ProtocolPage> {
    await waitForVisible(page, page.getByTestId('clause'), 'the protocol page and its clauses');
    return new ProtocolPage(page);
  }

  static async goto(page: Page, baseURL: string): Promise<ProtocolPage> {
    await page.goto(`${baseURL}/protocol`);
    return ProtocolPage.verifyOnPage(page);
  }

  async clauses(): Promise<ClauseSummary[]> {
    return this.page.getByTestId('clause').evaluateAll((sections) =>
      sections.map((section) => {
        const h2 = section.querySelector('h2');
        const caption = h2?.querySelector('.govuk-caption-s')?.textContent?.trim() ?? '';
        const heading = Array.from(h2?.childNodes ?? [])
          .filter((n) => n.nodeType === Node.TEXT_NODE)
          .map((n) => n.textContent ?? '')
          .join(' ')
          .replace(/\s+/g, ' ')
          .trim();
        return {
          number: caption.replace(/^Clause\s+/, ''),
          id: section.id,
          heading,
          kind: section.querySelector('[data-testid="clause-kind"]')?.textContent?.trim() ?? '',
        };
      }),
    );
  }

  /** The section of one clause, found by its anchor: "2.3" → #clause-2-3. */
  clause(number: string): Locator {
    return this.page.locator(`section#clause-${number.replace(/[^A-Za-z0-9]+/g, '-')}`);
  }

  /**
   * Whether the window comes to show the top of a clause's section, as after following a
   * link to it (the browser scrolls once the section is laid out, so this waits for it).
   */
  async scrollsTo(number: string): Promise<boolean> {
    const id = `clause-${number.replace(/[^A-Za-z0-9]+/g, '-')}`;
    return this.page
      .waitForFunction(
        (sectionId) => {
          const box = document.getElementById(sectionId)?.getBoundingClientRect();
          return !!box && box.top >= -1 && box.top < window.innerHeight;
        },
        id,
        { timeout: 10_000 },
      )
      .then(
        () => true,
        () => false,
      );
  }
}
