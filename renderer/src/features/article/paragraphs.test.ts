import { describe, expect, it } from 'vitest';
import { splitParagraphs, trimSpan } from './paragraphs';

describe('splitParagraphs', () => {
  it('gives each line with its offset, so that offsets add up to the text', () => {
    const text = 'First line.\n\nThird — with ёмоджи 😀.\nLast';
    const paragraphs = splitParagraphs(text);
    expect(paragraphs.map((p) => p.text)).toEqual(['First line.', '', 'Third — with ёмоджи 😀.', 'Last']);
    for (const p of paragraphs) expect(text.slice(p.start, p.start + p.text.length)).toBe(p.text);
  });
});

describe('trimSpan', () => {
  it('drops white space at either end and keeps inner white space', () => {
    const text = '  a b \n';
    expect(trimSpan(text, 0, text.length)).toEqual({ start: 2, end: 5 });
  });
  it('is null for white space alone', () => {
    expect(trimSpan(' \n\t ', 0, 4)).toBeNull();
  });
});
