// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { pointToOffset, rangeToSpan, spanToRange } from './dom-offsets';
import { splitParagraphs } from './paragraphs';

const TEXT = 'Россия отвергла.\nNATO 😀 and peace.\n\nLast line here.';
let root: HTMLElement;
let paragraphs: HTMLElement[];

beforeEach(() => {
  document.body.innerHTML = '';
  root = document.createElement('article');
  const title = document.createElement('h1');
  title.textContent = 'Title';
  root.append(title);
  for (const p of splitParagraphs(TEXT)) {
    const element = document.createElement('p');
    element.dataset.start = String(p.start);
    if (p.text) element.textContent = p.text;
    root.append(element);
  }
  document.body.append(root);
  paragraphs = [...root.querySelectorAll<HTMLElement>('p[data-start]')];
});

const textOf = (i: number): Text => paragraphs[i]!.firstChild as Text;

describe('pointToOffset', () => {
  it('adds the offset within a paragraph’s text to the paragraph’s start', () => {
    expect(pointToOffset(paragraphs, textOf(0), 0)).toBe(0);
    expect(pointToOffset(paragraphs, textOf(1), 5)).toBe(TEXT.indexOf('😀'));
    expect(pointToOffset(paragraphs, textOf(3), 4)).toBe(TEXT.indexOf('Last') + 4);
  });

  it('snaps points between paragraphs to the next paragraph, and points past the end to the end', () => {
    expect(pointToOffset(paragraphs, root, 0)).toBe(0); // before the title
    expect(pointToOffset(paragraphs, root, 2)).toBe(TEXT.indexOf('NATO')); // between p0 and p1
    expect(pointToOffset(paragraphs, root, root.childNodes.length)).toBe(TEXT.length);
    expect(pointToOffset(paragraphs, paragraphs[2]!, 0)).toBe(TEXT.indexOf('\n\n') + 1); // the empty line
  });
});

describe('rangeToSpan and spanToRange', () => {
  it('round-trip every span of the text, across paragraphs', () => {
    for (let start = 0; start < TEXT.length; start += 3) {
      for (let end = start + 1; end <= TEXT.length; end += 5) {
        const range = spanToRange(paragraphs, { start, end })!;
        expect(rangeToSpan(paragraphs, range), `${start}-${end}`).toEqual({ start, end });
        // The DOM shows the same characters, less the line breaks (which are paragraph boundaries there).
        expect(range.toString()).toBe(TEXT.slice(start, end).replace(/\n/g, ''));
      }
    }
  });

  it('maps a selection from one paragraph into the next to the text between', () => {
    const range = document.createRange();
    range.setStart(textOf(0), 8);
    range.setEnd(textOf(1), 4);
    const span = rangeToSpan(paragraphs, range)!;
    expect(TEXT.slice(span.start, span.end)).toBe('твергла.\nNATO');
  });

  it('is null for a collapsed range', () => {
    const range = document.createRange();
    range.setStart(textOf(1), 2);
    expect(rangeToSpan(paragraphs, range)).toBeNull();
  });
});
