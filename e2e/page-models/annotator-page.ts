import type { Locator, Page } from '@playwright/test';

/** The main screen: the article, the codebook and the Highlights list. */
export class AnnotatorPage {
  constructor(private readonly currentPage: () => Page) {}

  get page(): Page {
    return this.currentPage();
  }

  get article(): Locator {
    return this.page.locator('article');
  }

  get highlightsList(): Locator {
    return this.page.getByRole('list', { name: 'Highlights' });
  }

  /** The list's own items (each holds a nested list of tags). */
  get highlightItems(): Locator {
    return this.highlightsList.locator(':scope > li');
  }

  tagButton(name: string): Locator {
    return this.page.locator('.codebook').getByRole('button', { name: new RegExp(`\\b${name}$`) });
  }

  /** Selects the first occurrence of `text` in the article with a real mouse drag, first to last character. */
  async selectWithMouse(text: string): Promise<void> {
    const points = await this.article.evaluate((article, wanted) => {
      for (const paragraph of article.querySelectorAll('p')) {
        const node = paragraph.firstChild;
        const index = node?.textContent?.indexOf(wanted) ?? -1;
        if (!node || index < 0) continue;
        const range = document.createRange();
        range.setStart(node, index);
        range.setEnd(node, index + 1);
        const first = range.getBoundingClientRect();
        range.setStart(node, index + wanted.length - 1);
        range.setEnd(node, index + wanted.length);
        const last = range.getBoundingClientRect();
        return {
          from: { x: first.left + 1, y: first.top + first.height / 2 },
          to: { x: last.right - 1, y: last.top + last.height / 2 },
        };
      }
      return null;
    }, text);
    if (!points) throw new Error(`"${text}" is not in the article.`);
    await this.page.mouse.move(points.from.x, points.from.y);
    await this.page.mouse.down();
    await this.page.mouse.move(points.to.x, points.to.y, { steps: 8 });
    await this.page.mouse.up();
  }

  /** How many ranges each of the app's CSS highlights paints, by registry name. */
  async paintedRanges(): Promise<Record<string, number>> {
    return this.page.evaluate(() => {
      const counts: Record<string, number> = {};
      for (const [name, highlight] of CSS.highlights) counts[name] = highlight.size;
      return counts;
    });
  }
}
