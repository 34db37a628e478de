import type { Highlight as SavedHighlight, Tag } from '../../../shared/domain';
import type { TextSpan } from '../store/document-slice';
import { spanToRange } from './dom-offsets';

/**
 * Paints highlights with the CSS Custom Highlight API: ranges are registered in `CSS.highlights` and styled by
 * `::highlight(name)` rules, so the article's text nodes are never split or re-rendered, however many highlights
 * there are (DESIGN.md, "Rendering highlights"). Both shells run Chromium, which has the API; no `<mark>` fallback
 * is kept for browsers the app never runs in.
 *
 * Each tag has one registry entry; a highlight with several tags is in each of their entries, and overlapping
 * translucent backgrounds add up, so overlaps show darker.
 */

const PREFIX = 'sa-';
const UNTAGGED = `${PREFIX}untagged`;
const SELECTED = `${PREFIX}selected`;
const PENDING = `${PREFIX}pending`;

const tagHighlightName = (index: number): string => `${PREFIX}tag-${index}`;

let styleSheet: CSSStyleSheet | null = null;

/** One `::highlight()` rule per tag, in a constructed stylesheet (not an inline <style>, which the CSP forbids). */
export function syncHighlightStyles(tags: readonly Tag[]): void {
  if (!styleSheet) {
    styleSheet = new CSSStyleSheet();
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, styleSheet];
  }
  const rules = tags.map((tag, i) => `::highlight(${tagHighlightName(i)}) { background-color: ${tag.color}66; }`);
  rules.push(`::highlight(${UNTAGGED}) { background-color: #9e9e9e55; }`);
  rules.push(`::highlight(${SELECTED}) { text-decoration: underline 3px #1a5fb4; text-underline-offset: 4px; }`);
  rules.push(`::highlight(${PENDING}) { background-color: #1a5fb440; text-decoration: underline 1px dashed #1a5fb4; }`);
  styleSheet.replaceSync(rules.join('\n'));
}

export function paintHighlights(
  paragraphs: readonly HTMLElement[],
  highlights: readonly SavedHighlight[],
  tags: readonly Tag[],
  selectedId: string | null,
): void {
  const registry = CSS.highlights;
  for (const name of [...registry.keys()]) if (name.startsWith(PREFIX) && name !== PENDING) registry.delete(name);

  const tagIndex = new Map(tags.map((tag, i) => [tag.id, i]));
  const byName = new Map<string, Range[]>();
  const add = (name: string, range: Range): void => {
    const list = byName.get(name);
    if (list) list.push(range);
    else byName.set(name, [range]);
  };

  for (const highlight of highlights) {
    const range = spanToRange(paragraphs, highlight);
    if (!range) continue;
    const indices = highlight.tagIds.map((id) => tagIndex.get(id)).filter((i) => i !== undefined);
    if (indices.length === 0) add(UNTAGGED, range);
    for (const i of indices) add(tagHighlightName(i), range);
    if (highlight.id === selectedId) add(SELECTED, range);
  }
  for (const [name, ranges] of byName) {
    const painted = new Highlight(...ranges);
    // The selection outline is drawn above the tag colours.
    if (name === SELECTED) painted.priority = 1;
    registry.set(name, painted);
  }
}

/** Shows the passage about to be tagged (after word snapping), which may differ from the browser's selection. */
export function paintPendingSelection(paragraphs: readonly HTMLElement[], span: TextSpan | null): void {
  const range = span && spanToRange(paragraphs, span);
  if (range) CSS.highlights.set(PENDING, new Highlight(range));
  else CSS.highlights.delete(PENDING);
}
