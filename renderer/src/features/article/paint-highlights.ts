import type { Highlight as SavedHighlight, Tag } from '../../../../shared/domain';
import type { TextSpan } from './text-span';
import { spanToRange } from './dom-offsets';
import { overlapSegments } from './overlaps';

/**
 * Paints highlights with the CSS Custom Highlight API: ranges are registered in `CSS.highlights` and styled by
 * `::highlight(name)` rules, so the article's text nodes are never split or re-rendered, however many highlights
 * there are (DESIGN.md, "Rendering highlights"). Both shells run Chromium, which has the API; no `<mark>` fallback
 * is kept for browsers the app never runs in.
 *
 * Each tag has one registry entry; a highlight with several tags is in each of their entries. Where highlights
 * overlap, a layer above them (overlaps.ts) fills the shared stretch in the colour of the one that began first and
 * underlines it in the colour of the next, rather than let translucent colours add up to mud. While the list is
 * filtered, the highlights it hides are painted faint grey instead of their colours.
 */

const PREFIX = 'sa-';
const UNTAGGED = `${PREFIX}untagged`;
const SELECTED = `${PREFIX}selected`;
const PENDING = `${PREFIX}pending`;
const DIMMED = `${PREFIX}dimmed`;
const DISAGREEMENTS = `${PREFIX}disagreements`;
const OVERLAP = `${PREFIX}overlap-`;
const coderHighlightName = (style: number): string => `${PREFIX}coder-${style}`;

/**
 * The line each other coder's highlights carry while every coder is shown, by style number: a colour and a line
 * style of its own, over the text (the underline belongs to overlaps and the selection). The current coder's
 * highlights carry none.
 */
export const CODER_LINES = [
  { colour: '#c01c28', style: 'solid' },
  { colour: '#1c71d8', style: 'dashed' },
  { colour: '#26a269', style: 'dotted' },
  { colour: '#a347ba', style: 'double' },
  { colour: '#e66100', style: 'wavy' },
] as const;

/** Each coder other than the current one, with their line's style number (in name order, wrapping round). */
export function otherCoderStyles(coders: readonly string[], current: string): Map<string, number> | null {
  const others = coders.filter((c) => c !== current);
  if (others.length === 0) return null;
  return new Map(others.map((coder, i) => [coder, i % CODER_LINES.length]));
}

const tagHighlightName = (index: number): string => `${PREFIX}tag-${index}`;
/** The overlap layer's entries: a fill or an underline, in a tag's colour (or the untagged grey). */
const overlapName = (kind: 'fill' | 'line', colour: number | 'untagged'): string => `${OVERLAP}${kind}-${colour}`;

const UNTAGGED_COLOUR = '#9e9e9e';
/** The article's background, under the translucent tag colours. */
const PAGE_COLOUR = '#f6f5f2';
/** How strongly a tag's colour shows over the page. */
const FILL_ALPHA = 0x66 / 0xff;

/** The colour a translucent tag colour shows over the page, as an opaque colour: it covers what is beneath it. */
function onPage(colour: string): string {
  const channel = (hex: string, at: number) => parseInt(hex.slice(at, at + 2), 16);
  const mixed = [1, 3, 5].map((at) =>
    Math.round(channel(PAGE_COLOUR, at) * (1 - FILL_ALPHA) + channel(colour, at) * FILL_ALPHA),
  );
  return `#${mixed.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

/** What is painted for one highlight: the record it was painted from, its range, and whether the filter hides it. */
interface Painted {
  highlight: SavedHighlight;
  range: Range;
  dimmed: boolean;
}

/** The last paint, kept so the next one changes only what changed. */
interface LastPaint {
  paragraphs: readonly HTMLElement[];
  tagKey: string;
  painted: Map<string, Painted>;
  /** The overlap layer's stretches, by what they are (span and colours): kept while they stay the same. */
  overlaps: Map<string, PaintedOverlap>;
}

/** One stretch of the overlap layer: its range, in a fill entry and an underline entry. */
interface PaintedOverlap {
  range: Range;
  fill: string;
  line: string;
}

/**
 * The article's painter: its tags' stylesheet and its last paint, so that the next paint changes only what changed.
 * One per store (`AppState.painter`): a test's fresh store, or a fresh painter, starts from nothing painted.
 */
export class ArticlePainter {
  private styleSheet: CSSStyleSheet | null = null;
  private rules = '';
  private last: LastPaint | null = null;

  /**
   * `::highlight()` rules for the tags that `highlights` use, in a constructed stylesheet (not an inline <style>,
   * which the CSP forbids). Only those: Chromium's cost of highlight rules grows with the square of their number, and
   * a codebook of 5,000 tags (a REFI-QDA import) made opening a document take over a minute. The sheet is replaced
   * only when its rules change, since replacing it restyles the whole article.
   */
  syncStyles(tags: readonly Tag[], highlights: readonly Pick<SavedHighlight, 'tagIds'>[]): void {
    if (!this.styleSheet) {
      this.styleSheet = new CSSStyleSheet();
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, this.styleSheet];
    }
    const used = new Set<string>();
    for (const highlight of highlights) for (const id of highlight.tagIds) used.add(id);
    const overlapRules = (key: number | 'untagged', colour: string) => [
      `::highlight(${overlapName('fill', key)}) { background-color: ${onPage(colour)}; }`,
      `::highlight(${overlapName('line', key)}) { text-decoration: underline 3px ${colour}; text-underline-offset: 3px; }`,
    ];
    const rules = tags.flatMap((tag, i) =>
      used.has(tag.id)
        ? [`::highlight(${tagHighlightName(i)}) { background-color: ${tag.color}66; }`, ...overlapRules(i, tag.color)]
        : [],
    );
    rules.push(`::highlight(${UNTAGGED}) { background-color: ${UNTAGGED_COLOUR}55; }`);
    rules.push(...overlapRules('untagged', UNTAGGED_COLOUR));
    rules.push(`::highlight(${DIMMED}) { background-color: ${UNTAGGED_COLOUR}22; }`);
    CODER_LINES.forEach(({ colour, style }, i) =>
      rules.push(`::highlight(${coderHighlightName(i)}) { text-decoration: overline 2px ${style} ${colour}; }`),
    );
    rules.push(`::highlight(${SELECTED}) { text-decoration: underline 3px #1a5fb4; text-underline-offset: 4px; }`);
    rules.push(`::highlight(${DISAGREEMENTS}) { text-decoration: underline 2px wavy #c01c28; }`);
    rules.push(
      `::highlight(${PENDING}) { background-color: #1a5fb440; text-decoration: underline 1px dashed #1a5fb4; }`,
    );
    const text = rules.join('\n');
    if (text === this.rules) return;
    this.rules = text;
    this.styleSheet.replaceSync(text);
  }

  /**
   * Paints `highlights` over the article's `paragraphs`, changing only what differs from the last paint: a highlight
   * whose record is the same object as last time keeps its range (the store replaces a record when it changes, never
   * edits it), so adding one highlight to 10,000 creates one range, not 10,000. Another article, or another list of
   * tags (whose positions name the registry entries), starts afresh.
   */
  paint(
    paragraphs: readonly HTMLElement[],
    highlights: readonly SavedHighlight[],
    tags: readonly Tag[],
    selectedId: string | null,
    /** The highlights the filtered list shows; null when the list is not filtered. */
    shownIds: ReadonlySet<string> | null = null,
    /** Other coders' line styles (otherCoderStyles), or null for none. */
    coderStyles: ReadonlyMap<string, number> | null = null,
  ): void {
    const registry = CSS.highlights;
    // The entries a highlight is in follow from the tags' positions and the coders' styles: either changed, start afresh.
    const tagKey = `${tags.map((t) => t.id).join(' ')}|${coderStyles ? [...coderStyles].join(' ') : ''}`;
    if (!this.last || this.last.paragraphs !== paragraphs || this.last.tagKey !== tagKey) {
      for (const name of [...registry.keys()]) {
        if (name.startsWith(PREFIX) && name !== PENDING && name !== DISAGREEMENTS) registry.delete(name);
      }
      this.last = { paragraphs, tagKey, painted: new Map(), overlaps: new Map() };
    }
    const { painted, overlaps } = this.last;
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
    const forEachName = (
      { highlight, dimmed }: Pick<Painted, 'highlight' | 'dimmed'>,
      visit: (name: string) => void,
    ) => {
      if (dimmed) return visit(DIMMED);
      const coderStyle = coderStyles?.get(highlight.annotator);
      if (coderStyle !== undefined) visit(coderHighlightName(coderStyle));
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
      forEachName(old, (name) => {
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
      const dimmed = shownIds !== null && !shownIds.has(highlight.id);
      const old = painted.get(highlight.id);
      if (old?.highlight === highlight && old.dimmed === dimmed) continue;
      if (old) {
        unpaint(old);
        painted.delete(highlight.id);
      }
      const range = spanToRange(paragraphs, highlight);
      if (!range) continue;
      const paint: Painted = { highlight, range, dimmed };
      forEachName(paint, (name) => entry(name).add(range));
      painted.set(highlight.id, paint);
    }
    for (const [id, old] of painted) {
      if (current.has(id)) continue;
      unpaint(old);
      painted.delete(id);
    }

    paintOverlaps(paragraphs, highlights, shownIds, new Map(tags.map((tag, i) => [tag.id, i])), overlaps);

    const selected = selectedId === null ? undefined : painted.get(selectedId);
    if (selected) {
      const outline = new Highlight(selected.range);
      // The selection outline is drawn above the tag colours and the overlap layer.
      outline.priority = 2;
      registry.set(SELECTED, outline);
    } else {
      registry.delete(SELECTED);
    }
  }
}

/**
 * The overlap layer, above the tag colours: a fill and an underline per stretch where the shown highlights overlap
 * (overlaps.ts). Worked out at every paint, since a stretch depends on its neighbours, but a stretch that stays the
 * same keeps its range: adding one highlight to a document of thousands of overlaps changes a few.
 */
function paintOverlaps(
  paragraphs: readonly HTMLElement[],
  highlights: readonly SavedHighlight[],
  shownIds: ReadonlySet<string> | null,
  tagIndex: ReadonlyMap<string, number>,
  painted: Map<string, PaintedOverlap>,
): void {
  const registry = CSS.highlights;
  const shown = shownIds ? highlights.filter((h) => shownIds.has(h.id)) : highlights;
  const segments = overlapSegments(shown);
  const byId = segments.length > 0 ? new Map(shown.map((h) => [h.id, h])) : null;
  const colourKey = (id: string): number | 'untagged' => {
    for (const tagId of byId!.get(id)!.tagIds) {
      const index = tagIndex.get(tagId);
      if (index !== undefined) return index;
    }
    return 'untagged';
  };
  const entry = (name: string): Highlight => {
    let highlight = registry.get(name);
    if (!highlight) {
      highlight = new Highlight();
      highlight.priority = 1;
      registry.set(name, highlight);
    }
    return highlight;
  };
  const wanted = new Set<string>();
  for (const segment of segments) {
    const fill = overlapName('fill', colourKey(segment.fillId));
    const line = overlapName('line', colourKey(segment.underlineId));
    const key = `${segment.start}:${segment.end}:${fill}:${line}`;
    wanted.add(key);
    if (painted.has(key)) continue;
    const range = spanToRange(paragraphs, segment);
    if (!range) continue;
    entry(fill).add(range);
    entry(line).add(range);
    painted.set(key, { range, fill, line });
  }
  for (const [key, old] of painted) {
    if (wanted.has(key)) continue;
    for (const name of [old.fill, old.line]) {
      const highlight = registry.get(name);
      highlight?.delete(old.range);
      if (highlight?.size === 0) registry.delete(name);
    }
    painted.delete(key);
  }
}

/** Shows the passage about to be tagged (after word snapping), which may differ from the browser's selection. */
export function paintPendingSelection(paragraphs: readonly HTMLElement[], span: TextSpan | null): void {
  const range = span && spanToRange(paragraphs, span);
  if (range) CSS.highlights.set(PENDING, new Highlight(range));
  else CSS.highlights.delete(PENDING);
}

/** Curation: the passages where coders disagree and that are still open, with a wavy line under them. */
export function paintDisagreements(paragraphs: readonly HTMLElement[], spans: readonly TextSpan[]): void {
  const ranges = spans.flatMap((span) => spanToRange(paragraphs, span) ?? []);
  if (ranges.length > 0) CSS.highlights.set(DISAGREEMENTS, new Highlight(...ranges));
  else CSS.highlights.delete(DISAGREEMENTS);
}
