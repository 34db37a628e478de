import { describe, expect, it } from 'vitest';
import { exportChoicesFrom } from './export-choices';

describe('exportChoicesFrom', () => {
  it('defaults to every document’s annotations', () => {
    expect(exportChoicesFrom({})).toEqual({ kind: 'annotations', scope: 'all', bom: true, formulaEscape: true });
  });

  it('gives the choices remembered, and the default kind for one this version does not know', () => {
    const remembered = { kind: 'documents', scope: 'filtered' as const, bom: false, formulaEscape: false };
    expect(exportChoicesFrom({ exportChoices: remembered })).toEqual(remembered);
    expect(exportChoicesFrom({ exportChoices: { ...remembered, kind: 'qdpx-from-the-future' } })).toEqual({
      ...remembered,
      kind: 'annotations',
    });
  });
});
