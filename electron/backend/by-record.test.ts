import { describe, expect, it } from 'vitest';
import { ByRecord } from './by-record';

describe('values kept by record', () => {
  it('keeps the same id in two kinds apart, and counts each entry once', () => {
    const values = new ByRecord<number>();
    values.set('highlights', 'a', 1);
    values.set('tags', 'a', 2);
    values.set('highlights', 'a', 3);
    values.set('settings', '', 4);
    expect(values.size).toBe(3);
    expect(values.get('highlights', 'a')).toBe(3);
    expect(values.get('tags', 'a')).toBe(2);
    expect(values.has('entities', 'a')).toBe(false);
    values.delete('tags', 'a');
    values.delete('tags', 'a');
    values.delete('documents', 'x');
    expect(values.size).toBe(2);
    expect(values.has('tags', 'a')).toBe(false);
  });

  it('visits every entry, and stops at the first that fails a test', () => {
    const values = new ByRecord<number>();
    values.set('highlights', 'a', 1);
    values.set('highlights', 'b', 2);
    values.set('tags', 'c', 3);
    const seen: string[] = [];
    values.forEach((value, kind, id) => seen.push(`${kind}:${id}=${value}`));
    expect(seen).toEqual(['highlights:a=1', 'highlights:b=2', 'tags:c=3']);
    const tested: number[] = [];
    expect(values.every((value) => (tested.push(value), value < 2))).toBe(false);
    expect(tested).toEqual([1, 2]);
    expect(values.every((value) => value > 0)).toBe(true);
  });

  it('copies what is kept, so that changing the copy leaves the original as it was', () => {
    const values = new ByRecord<number>();
    values.set('highlights', 'a', 1);
    const copy = values.copy();
    copy.set('highlights', 'b', 2);
    copy.set('highlights', 'a', 5);
    copy.delete('highlights', 'a');
    expect(values.size).toBe(1);
    expect(values.get('highlights', 'a')).toBe(1);
    expect(copy.size).toBe(1);
    expect(copy.get('highlights', 'b')).toBe(2);
  });

  it('makes an entry once, and gives the kept one after', () => {
    const values = new ByRecord<number[]>();
    values.entry('highlights', 'a', () => []).push(1);
    values.entry('highlights', 'a', () => [99]).push(2);
    expect(values.get('highlights', 'a')).toEqual([1, 2]);
    expect(values.size).toBe(1);
  });
});
