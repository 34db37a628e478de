import type { Locator, Page } from '@playwright/test';

/** The panel of the selected highlight: quote, ends, stances, note. */
export class SelectedHighlightPanel {
  constructor(private readonly page: () => Page) {}

  get root(): Locator {
    return this.page().locator('.selected-highlight');
  }

  get quote(): Locator {
    return this.root.locator('.selected-quote');
  }

  get note(): Locator {
    return this.root.getByRole('textbox', { name: /Note/ });
  }

  stanceRow(index: number): Locator {
    return this.root.getByRole('list', { name: 'Stances' }).locator(':scope > li').nth(index);
  }
}
