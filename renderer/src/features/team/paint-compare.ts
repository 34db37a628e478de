import type { Highlight as SavedHighlight, Tag } from '../../../../shared/domain';
import { spanToRange } from '../article/dom-offsets';

/**
 * Painting of the second copy of the article, side by side with the first: one coder's highlights in their tags'
 * colours, and the selected one outlined. Its registry entries have names of their own (`sb-…`), so the two copies
 * never touch each other's ranges. Repainted whole: it shows one coder's highlights of one document, for reading.
 */

const PREFIX = 'sb-';
const UNTAGGED = `${PREFIX}untagged`;
const SELECTED = `${PREFIX}selected`;
const tagName = (index: number): string => `${PREFIX}tag-${index}`;

/** One pane's painter: its stylesheet is its own, adopted while the pane is shown and let go by `dispose`. */
export class ComparePainter {
  private styleSheet: CSSStyleSheet | null = null;

  paint(
    paragraphs: readonly HTMLElement[],
    highlights: readonly SavedHighlight[],
    tags: readonly Tag[],
    selectedId: string | null,
  ): void {
    if (!this.styleSheet) {
      this.styleSheet = new CSSStyleSheet();
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, this.styleSheet];
    }
    // Rules for the tags these highlights use only: highlight rules cost Chromium the square of their number
    // (ArticlePainter.syncStyles).
    const used = new Set(highlights.flatMap((h) => h.tagIds));
    this.styleSheet.replaceSync(
      [
        ...tags.flatMap((tag, i) =>
          used.has(tag.id) ? [`::highlight(${tagName(i)}) { background-color: ${tag.color}66; }`] : [],
        ),
        `::highlight(${UNTAGGED}) { background-color: #9e9e9e55; }`,
        `::highlight(${SELECTED}) { text-decoration: underline 3px #1a5fb4; text-underline-offset: 4px; }`,
      ].join('\n'),
    );
    clearComparePane();
    const index = new Map(tags.map((tag, i) => [tag.id, i]));
    const entries = new Map<string, Highlight>();
    const entry = (name: string): Highlight => {
      let highlight = entries.get(name);
      if (!highlight) {
        highlight = new Highlight();
        entries.set(name, highlight);
        CSS.highlights.set(name, highlight);
      }
      return highlight;
    };
    for (const highlight of highlights) {
      const range = spanToRange(paragraphs, highlight);
      if (!range) continue;
      const names = highlight.tagIds.flatMap((id) => (index.has(id) ? [tagName(index.get(id)!)] : []));
      for (const name of names.length > 0 ? names : [UNTAGGED]) entry(name).add(range);
      if (highlight.id === selectedId) {
        const outline = new Highlight(range);
        outline.priority = 2;
        CSS.highlights.set(SELECTED, outline);
      }
    }
  }

  /** Takes the pane's paint and its stylesheet away (the pane is closed). */
  dispose(): void {
    clearComparePane();
    const sheet = this.styleSheet;
    if (sheet) document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    this.styleSheet = null;
  }
}

function clearComparePane(): void {
  for (const name of [...CSS.highlights.keys()]) if (name.startsWith(PREFIX)) CSS.highlights.delete(name);
}
