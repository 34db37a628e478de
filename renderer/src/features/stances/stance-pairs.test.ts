import { describe, expect, it } from 'vitest';
import { samePair } from './stance-pairs';

const entities = [
  { id: 'a1', name: 'Grushko' },
  { id: 't1', name: 'NATO' },
];

describe('samePair', () => {
  it('matches by id, or by a typed name that names the same entry (case and spaces aside)', () => {
    const saved = { holder: { id: 'a1' }, target: { id: 't1' } };
    expect(samePair(saved, { holder: { name: ' grushko ' }, target: { name: 'nato' } }, entities)).toBe(true);
    expect(samePair(saved, { holder: { id: 'a1' }, target: { id: 't1' } }, entities)).toBe(true);
  });

  it('tells apart other holders or targets, new names, and an unknown holder', () => {
    const saved = { holder: { id: 'a1' }, target: { id: 't1' } };
    expect(samePair(saved, { holder: null, target: { id: 't1' } }, entities)).toBe(false);
    expect(samePair(saved, { holder: { name: 'Lavrov' }, target: { id: 't1' } }, entities)).toBe(false);
    expect(samePair(saved, { holder: { id: 'a1' }, target: { name: 'Ukraine' } }, entities)).toBe(false);
    const unknown = { holder: null, target: { name: 'New target' } };
    expect(samePair(unknown, { holder: null, target: { name: 'new target' } }, entities)).toBe(true);
  });
});
