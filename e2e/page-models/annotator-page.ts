import { expect, type Locator, type Page } from '@playwright/test';
import { SelectedHighlightPanel } from './selected-highlight';

/** The main screen: the article, the codebook and the Highlights list. */
export class AnnotatorPage {
  readonly selected: SelectedHighlightPanel;

  constructor(private readonly currentPage: () => Page) {
    this.selected = new SelectedHighlightPanel(currentPage);
  }

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

  get saveStatus(): Locator {
    return this.page.locator('.save-status');
  }

  /** Waits until every change has been acknowledged by the backend (written to disk). */
  async waitUntilSaved(): Promise<void> {
    await this.saveStatus.getByText('All changes saved').waitFor();
  }

  /** Names who is coding, in the toolbar, and waits until it is saved. */
  async nameCoder(name: string): Promise<void> {
    const field = this.page.getByRole('textbox', { name: 'Coder' });
    await field.fill(name);
    await field.press('Enter');
    await expect(field).toHaveValue(name);
    await this.waitUntilSaved();
  }

  /** Finds `text` in the article, presses a tag's key (1–9) and waits until the highlight is saved. */
  async highlightWithKey(text: string, key: string): Promise<void> {
    await this.findAndSelect(text);
    await this.page.keyboard.press(key);
    await this.waitUntilSaved();
  }

  /** From the Library, "Paste text…": a new document, opened once added. */
  async pasteDocument(title: string, text: string): Promise<void> {
    await this.page.getByRole('button', { name: /^Library/ }).click();
    await this.page.getByRole('button', { name: 'Paste text…' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Paste text as a new document' });
    await dialog.getByLabel('Title').fill(title);
    await dialog.getByLabel('Text').fill(text);
    await dialog.getByRole('button', { name: 'Add document' }).click();
    await this.page.getByRole('heading', { level: 1, name: title }).waitFor();
  }

  /** Keyboard only: Ctrl+F, type, Escape — the first match becomes the selection in the article. */
  async findAndSelect(text: string): Promise<void> {
    await this.page.keyboard.press('Control+f');
    await this.page.getByRole('searchbox', { name: 'Find in article' }).fill(text);
    await this.page.keyboard.press('Escape');
  }

  /** Keyboard only: S, the holder, Enter, the target, Enter, then the value's key (f, a, n or u). */
  async addStance(holder: string, target: string, valueKey: 'f' | 'a' | 'n' | 'u'): Promise<void> {
    // Each key once the field it is for has the focus, as a person sees the field before typing into it: keys sent
    // all at once outran a slow page (a value key pressed before the stance's values were there was lost).
    const focused = this.page.locator(':focus');
    await this.page.keyboard.press('s');
    await expect(focused).toHaveAttribute('aria-label', /^Holder of stance \d+$/);
    await this.page.keyboard.type(holder);
    await this.page.keyboard.press('Enter');
    await expect(focused).toHaveAttribute('aria-label', /^Target of stance \d+$/);
    await this.page.keyboard.type(target);
    await this.page.keyboard.press('Enter');
    await expect(focused).toHaveAttribute('role', 'radio');
    await this.page.keyboard.press(valueKey);
  }

  /** The list item of the highlight whose quote starts with `text`. */
  item(text: string): Locator {
    return this.highlightItems.filter({ has: this.page.locator('.highlight-quote', { hasText: text }) });
  }

  /** Clicks in the middle of the first occurrence of `text` in the article. */
  async clickOnText(text: string): Promise<void> {
    const point = await this.article.evaluate((article, wanted) => {
      for (const paragraph of article.querySelectorAll('p')) {
        const node = paragraph.firstChild;
        const index = node?.textContent?.indexOf(wanted) ?? -1;
        if (!node || index < 0) continue;
        const range = document.createRange();
        range.setStart(node, index + Math.floor(wanted.length / 2));
        range.setEnd(node, index + Math.floor(wanted.length / 2) + 1);
        const rect = range.getBoundingClientRect();
        return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
      }
      return null;
    }, text);
    if (!point) throw new Error(`"${text}" is not in the article.`);
    await this.page.mouse.click(point.x, point.y);
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
