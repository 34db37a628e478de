// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Highlight as SavedHighlight, Tag } from '../../../../shared/domain';
import { ArticlePainter } from './paint-highlights';
import { splitParagraphs } from './paragraphs';

// happy-dom has no CSS Custom Highlight API: a registry and a Highlight that are what Chromium's are, a Map and a Set.
class FakeHighlight extends Set<Range> {
  priority = 0;
  constructor(...ranges: Range[]) {
    super(ranges);
  }
}

const TEXT = 'NATO and peacekeeping do not go hand in hand.\nA second paragraph, with more words.';
const tags: Tag[] = ['Claim', 'Evidence'].map((name, i) => ({
  id: `t${i}`,
  name,
  color: '#f2c94c',
  description: '',
  parentId: null,
}));
let paragraphs: HTMLElement[];
let registry: Map<string, FakeHighlight>;

const highlight = (id: string, start: number, end: number, tagIds = ['t0']): SavedHighlight => ({
  id,
  documentId: 'd',
  start,
  end,
  quote: TEXT.slice(start, end),
  prefix: '',
  suffix: '',
  tagIds,
  stances: [],
  note: '',
  annotator: '',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

const painted = () => Object.fromEntries([...registry].map(([name, h]) => [name, h.size]));

let painter: ArticlePainter;
const paintHighlights = (...args: Parameters<ArticlePainter['paint']>): void => painter.paint(...args);

beforeEach(() => {
  // A fresh painter each test: nothing painted before, as in a fresh store.
  painter = new ArticlePainter();
  registry = new Map();
  vi.stubGlobal('CSS', { highlights: registry });
  vi.stubGlobal('Highlight', FakeHighlight);
  document.body.innerHTML = '';
  paragraphs = splitParagraphs(TEXT).map((p) => {
    const element = document.createElement('p');
    element.dataset.start = String(p.start);
    element.textContent = p.text;
    document.body.append(element);
    return element;
  });
});
afterEach(() => vi.unstubAllGlobals());

describe('ArticlePainter.paint', () => {
  it('paints each highlight under its tags, and the selected one with an outline', () => {
    paintHighlights(
      paragraphs,
      [highlight('a', 0, 4), highlight('b', 9, 21, ['t0', 't1']), highlight('c', 50, 56, [])],
      tags,
      'b',
    );
    expect(painted()).toEqual({ 'sa-tag-0': 2, 'sa-tag-1': 1, 'sa-untagged': 1, 'sa-selected': 1 });
    // Above the tag colours and the overlap layer.
    expect(registry.get('sa-selected')!.priority).toBe(2);
  });

  it('shows an overlap as one fill and one underline, not two colours added up', () => {
    // "NATO and peacekeeping" (Claim) and "peacekeeping do not" (Evidence) share "peacekeeping".
    paintHighlights(paragraphs, [highlight('a', 0, 21), highlight('b', 9, 28, ['t1'])], tags, null);
    expect(painted()).toEqual({
      'sa-tag-0': 1,
      'sa-tag-1': 1,
      'sa-overlap-fill-0': 1,
      'sa-overlap-line-1': 1,
    });
    const [shared] = [...registry.get('sa-overlap-fill-0')!];
    expect(shared!.toString()).toBe('peacekeeping');
    expect(registry.get('sa-overlap-fill-0')!.priority).toBe(1);
    // Another highlight elsewhere leaves the overlap's range as it was: not made again.
    paintHighlights(
      paragraphs,
      [highlight('a', 0, 21), highlight('b', 9, 28, ['t1']), highlight('c', 50, 56)],
      tags,
      null,
    );
    expect([...registry.get('sa-overlap-fill-0')!][0]).toBe(shared);
    // Apart again: the layer goes.
    paintHighlights(paragraphs, [highlight('a', 0, 4), highlight('b', 9, 28, ['t1'])], tags, null);
    expect(Object.keys(painted()).filter((name) => name.startsWith('sa-overlap'))).toEqual([]);
  });

  it('dims what the filtered list hides, and paints it again in its colours once the filter is cleared', () => {
    const a = highlight('a', 0, 4);
    const b = highlight('b', 9, 21, ['t1']);
    paintHighlights(paragraphs, [a, b], tags, null, new Set(['b']));
    expect(painted()).toEqual({ 'sa-dimmed': 1, 'sa-tag-1': 1 });
    paintHighlights(paragraphs, [a, b], tags, null, null);
    expect(painted()).toEqual({ 'sa-tag-0': 1, 'sa-tag-1': 1 });
  });

  it('keeps the ranges of unchanged highlights, and changes only what changed', () => {
    const a = highlight('a', 0, 4);
    const b = highlight('b', 9, 21);
    paintHighlights(paragraphs, [a, b], tags, null);
    const [rangeA, rangeB] = [...registry.get('sa-tag-0')!];

    const c = highlight('c', 50, 56, ['t1']);
    const retaggedB = { ...b, tagIds: ['t1'] };
    paintHighlights(paragraphs, [a, retaggedB, c], tags, null);
    expect(registry.get('sa-tag-0')!.size).toBe(1);
    expect([...registry.get('sa-tag-0')!][0]).toBe(rangeA); // the same Range object: not made again
    expect(registry.get('sa-tag-1')!.size).toBe(2);
    expect(registry.get('sa-tag-1')!.has(rangeB!)).toBe(false);

    paintHighlights(paragraphs, [retaggedB], tags, null);
    expect(painted()).toEqual({ 'sa-tag-1': 1 });
  });

  it('starts afresh for another article or another list of tags', () => {
    const a = highlight('a', 0, 4);
    paintHighlights(paragraphs, [a], tags, null);
    const before = [...registry.get('sa-tag-0')!][0];
    paintHighlights(paragraphs, [a], [...tags].reverse(), null);
    expect(painted()).toEqual({ 'sa-tag-1': 1 });
    paintHighlights([...paragraphs], [a], [...tags].reverse(), null);
    expect([...registry.get('sa-tag-1')!][0]).not.toBe(before);
  });
});

describe('ArticlePainter.syncStyles', () => {
  /** A constructed stylesheet as far as the painter uses one: the rules it was last given, and how often. */
  class FakeSheet {
    text = '';
    replaced = 0;
    replaceSync(text: string): void {
      this.text = text;
      this.replaced++;
    }
  }
  let sheet: FakeSheet;
  beforeEach(() => {
    vi.stubGlobal(
      'CSSStyleSheet',
      class {
        constructor() {
          sheet = new FakeSheet();
          return sheet;
        }
      },
    );
    Object.defineProperty(document, 'adoptedStyleSheets', { value: [], writable: true, configurable: true });
  });

  it('writes rules for the tags the highlights use, not for the whole codebook, and only when they change', () => {
    const codebook: Tag[] = Array.from({ length: 5_000 }, (_, i) => ({ ...tags[0]!, id: `k${i}`, name: `Code ${i}` }));
    painter.syncStyles(codebook, [highlight('a', 0, 4, ['k7']), highlight('b', 9, 21, ['k7', 'k4999'])]);
    // Chromium's cost grows with the square of the number of highlight rules: 15,000 for 5,000 tags took minutes.
    expect(sheet.text).toContain('::highlight(sa-tag-7)');
    expect(sheet.text).toContain('::highlight(sa-tag-4999)');
    expect(sheet.text).toContain('::highlight(sa-overlap-fill-7)');
    expect(sheet.text).not.toContain('::highlight(sa-tag-0)');
    expect(sheet.text.split('\n').length).toBeLessThan(30);
    // Another highlight with a tag already used: the same rules, the sheet left as it is (replacing it restyles the
    // whole article).
    painter.syncStyles(codebook, [
      highlight('a', 0, 4, ['k7']),
      highlight('b', 9, 21, ['k7', 'k4999']),
      highlight('c', 30, 34, ['k7']),
    ]);
    expect(sheet.replaced).toBe(1);
    painter.syncStyles(codebook, [highlight('c', 30, 34, ['k1'])]);
    expect(sheet.replaced).toBe(2);
    expect(sheet.text).toContain('::highlight(sa-tag-1)');
    expect(sheet.text).not.toContain('::highlight(sa-tag-7)');
  });
});
