import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RecordsById } from './records-by-id';

interface Row {
  readonly id: string;
  readonly version: number;
}

type Operation = { kind: 'set'; id: string; version: number } | { kind: 'delete'; id: string };

// Few distinct ids, so that sets replace, deletes find, and removed places are taken again.
const ids = fc.constantFrom(...Array.from({ length: 40 }, (_, i) => `id-${i}`), '', 'é', '\u{1F600}');
const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), id: ids, version: fc.nat(5) }),
  fc.record({ kind: fc.constant('delete' as const), id: ids }),
);

describe('RecordsById', () => {
  it('answers as a Map by id would, through any mix of sets, replacements and deletions', () => {
    fc.assert(
      fc.property(fc.nat(100), fc.array(operation, { maxLength: 400 }), (expected, operations) => {
        const table = new RecordsById<Row>(expected);
        const model = new Map<string, Row>();
        for (const op of operations) {
          if (op.kind === 'set') {
            const row = { id: op.id, version: op.version };
            table.set(row);
            model.set(op.id, row);
          } else {
            expect(table.delete(op.id)).toBe(model.delete(op.id));
          }
          expect(table.size).toBe(model.size);
        }
        for (const id of ['', 'é', '\u{1F600}', ...Array.from({ length: 40 }, (_, i) => `id-${i}`)]) {
          expect(table.get(id)).toBe(model.get(id));
          expect(table.has(id)).toBe(model.has(id));
        }
      }),
    );
  });

  it('starts with room for the records it is made for, and a seventh more', () => {
    const table = new RecordsById<Row>(1_000_000);
    expect(table.places).toBe(Math.ceil(1_000_000 / 0.7));
    for (let i = 0; i < 1_100_000; i++) table.set({ id: `h${i}`, version: i });
    expect(table.places).toBe(Math.ceil(1_000_000 / 0.7));
  });

  it('keeps every record through its growth, and finds each after many were removed and put back', () => {
    const table = new RecordsById<Row>();
    const rows = Array.from({ length: 20_000 }, (_, i) => ({ id: crypto.randomUUID(), version: i }));
    for (const row of rows) table.set(row);
    expect(table.size).toBe(rows.length);
    // Removal marks fill the table: it is cleaned, not grown without end, and lookups still end.
    for (let round = 0; round < 5; round++) {
      for (const row of rows.slice(0, 15_000)) expect(table.delete(row.id)).toBe(true);
      for (const row of rows.slice(0, 15_000)) table.set(row);
    }
    expect(table.size).toBe(rows.length);
    expect(table.places).toBeLessThan(rows.length / 0.4);
    for (const row of rows) expect(table.get(row.id)).toBe(row);
    expect(table.get('missing')).toBeUndefined();
    expect(table.delete('missing')).toBe(false);
  });
});
