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

/** What is painted for one highlight: the record it was painted from, and its range. */
interface Painted {
  highlight: SavedHighlight;
  range: Range;
}

/** The last paint, kept so the next one changes only what changed. */
let last: { paragraphs: readonly HTMLElement[]; tagKey: string; painted: Map<string, Painted> } | null = null;

/**
 * Paints `highlights` over the article's `paragraphs`, changing only what differs from the last paint: a highlight
 * whose record is the same object as last time keeps its range (the store replaces a record when it changes, never
 * edits it), so adding one highlight to 10,000 creates one range, not 10,000. Another article, or another list of
 * tags (whose positions name the registry entries), starts afresh.
 */
export function paintHighlights(
  paragraphs: readonly HTMLElement[],
  highlights: readonly SavedHighlight[],
  tags: readonly Tag[],
  selectedId: string | null,
): void {
  const registry = CSS.highlights;
  const tagKey = tags.map((t) => t.id).join(' ');
  if (!last || last.paragraphs !== paragraphs || last.tagKey !== tagKey) {
    for (const name of [...registry.keys()]) if (name.startsWith(PREFIX) && name !== PENDING) registry.delete(name);
    last = { paragraphs, tagKey, painted: new Map() };
  }
  const { painted } = last;
  const tagEntryName = new Map(tags.map((tag, i) => [tag.id, tagHighlightName(i)]));
  // Registry entries found or made during this paint: the registry is a browser object, slower to ask than a Map.
  const entries = new Map<string, Highlight>();
  const entry = (name: string): Highlight => {
    let highlight = entries.get(name) ?? registry.get(name);
    if (!highlight) {
      highlight = new Highlight();
      registry.set(name, highlight);
    }
    entries.set(name, highlight);
    return highlight;
  };
  // The registry entries holding a highlight follow from its tags (the list of tags is the same as at its paint).
  const forEachName = (highlight: SavedHighlight, visit: (name: string) => void): void => {
    let tagged = false;
    for (const id of highlight.tagIds) {
      const name = tagEntryName.get(id);
      if (name === undefined) continue;
      visit(name);
      tagged = true;
    }
    if (!tagged) visit(UNTAGGED);
  };
  const unpaint = (old: Painted): void =>
    forEachName(old.highlight, (name) => {
      const highlight = entries.get(name) ?? registry.get(name);
      highlight?.delete(old.range);
      // An entry left with nothing to paint goes, as it would after a full repaint.
      if (highlight?.size === 0) {
        registry.delete(name);
        entries.delete(name);
      }
    });

  const current = new Set<string>();
  for (const highlight of highlights) {
    current.add(highlight.id);
    const old = painted.get(highlight.id);
    if (old?.highlight === highlight) continue;
    if (old) {
      unpaint(old);
      painted.delete(highlight.id);
    }
    const range = spanToRange(paragraphs, highlight);
    if (!range) continue;
    forEachName(highlight, (name) => entry(name).add(range));
    painted.set(highlight.id, { highlight, range });
  }
  for (const [id, old] of painted) {
    if (current.has(id)) continue;
    unpaint(old);
    painted.delete(id);
  }

  const selected = selectedId === null ? undefined : painted.get(selectedId);
  if (selected) {
    const outline = new Highlight(selected.range);
    // The selection outline is drawn above the tag colours.
    outline.priority = 1;
    registry.set(SELECTED, outline);
  } else {
    registry.delete(SELECTED);
  }
}

/** Shows the passage about to be tagged (after word snapping), which may differ from the browser's selection. */
export function paintPendingSelection(paragraphs: readonly HTMLElement[], span: TextSpan | null): void {
  const range = span && spanToRange(paragraphs, span);
  if (range) CSS.highlights.set(PENDING, new Highlight(range));
  else CSS.highlights.delete(PENDING);
}
