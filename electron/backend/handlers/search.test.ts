import { describe, expect, it } from 'vitest';
import { callOk, openSampleBackend, threadBusyShare, useTempDirs } from '../test-support';

const tempDir = useTempDirs();

describe('searching the library, and coding every match', () => {
  it('finds words ignoring case and diacritics, with counts per document and the matches in context', async () => {
    const { backend, document } = await openSampleBackend(await tempDir());
    await callOk(backend, 'importText', { title: 'Second', text: 'Nató said nothing. NATO again.' });
    const result = await callOk(backend, 'searchLibrary', { query: 'nato', limit: 3 });
    expect(result.total).toBeGreaterThan(3);
    expect(result.truncated).toBe(true);
    expect(result.matches).toHaveLength(3);
    expect(result.documents.find((d) => d.title === 'Second')!.count).toBe(2);
    const first = result.matches[0]!;
    expect(first.documentId).toBe(document.id);
    expect(document.text.slice(first.start, first.end)).toBe(first.match);
    expect(first.left + first.match + first.right).toBe(
      document.text.slice(first.start - first.left.length, first.end + first.right.length),
    );
  });

  it('refuses an invalid regular expression, and stops a catastrophic one without blocking the backend', async () => {
    const { backend } = await openSampleBackend(await tempDir());
    await callOk(backend, 'importText', { title: 'Trap', text: `${'a'.repeat(40)}!` });
    const invalid = await backend('searchLibrary', { query: 'a(', regex: true });
    expect(invalid.ok ? '' : invalid.error.message).toContain('The regular expression is not valid');
    const busy = threadBusyShare();
    let slowAnswered = false;
    const slow = backend('searchLibrary', { query: '(a+)+$', regex: true }).finally(() => (slowAnswered = true));
    // Meanwhile the backend answers, and its own thread is nearly idle (the search runs in a worker).
    await callOk(backend, 'getWorkspace', {});
    expect(slowAnswered).toBe(false);
    const answer = await slow;
    expect(busy()).toBeLessThan(0.5);
    expect(answer.ok ? '' : answer.error.message).toContain('took longer than 3 s and was stopped');
  });

  it('codes every match as one step to undo, skipping those already highlighted with the tag', async () => {
    const { backend, store, tagIds, highlight } = await openSampleBackend(await tempDir());
    const refused = await backend('codeMatches', { query: 'peacekeepers', tagId: tagIds[1]! });
    expect(refused.ok ? '' : refused.error.message).toContain('Name the coder first');
    await callOk(backend, 'setCoder', { name: 'ann' });
    await highlight('NATO', [tagIds[1]!]); // the first match is coded already
    const { total } = await callOk(backend, 'searchLibrary', { query: 'NATO' });
    const before = store.data.highlights.length;
    const coded = await callOk(backend, 'codeMatches', { query: 'NATO', tagId: tagIds[1]! });
    expect(total).toBeGreaterThan(3);
    expect(coded).toEqual({ coded: total - 1, skipped: 1, notFound: 0 });
    expect(store.data.highlights).toHaveLength(before + total - 1);
    expect(store.data.highlights.every((h) => h.annotator === 'ann' && h.quote === 'NATO')).toBe(true);
    expect(await callOk(backend, 'codeMatches', { query: 'NATO', tagId: tagIds[1]! })).toEqual({
      coded: 0,
      skipped: total,
      notFound: 0,
    });
    expect((await callOk(backend, 'undo', {})).label).toBe(`Code ${total - 1} matches`);
    expect(store.data.highlights).toHaveLength(before);
  });

  it('codes only the chosen matches, and says which of them the query no longer finds', async () => {
    const { backend, store, tagIds } = await openSampleBackend(await tempDir());
    await callOk(backend, 'setCoder', { name: 'ann' });
    const { matches } = await callOk(backend, 'searchLibrary', { query: 'NATO' });
    const [first, , third] = matches;
    const span = ({ documentId, start, end }: { documentId: string; start: number; end: number }) => ({
      documentId,
      start,
      end,
    });
    const before = store.data.highlights.length;
    // A span that is not a match (one character off) is not coded.
    const stale = { ...span(first!), start: first!.start + 1 };
    const coded = await callOk(backend, 'codeMatches', {
      query: 'NATO',
      tagId: tagIds[1]!,
      only: [span(first!), span(third!), stale],
    });
    expect(coded).toEqual({ coded: 2, skipped: 0, notFound: 1 });
    const added = store.data.highlights.slice(before);
    expect(added.map((h) => [h.documentId, h.start, h.end])).toEqual(
      [first!, third!].map((m) => [m.documentId, m.start, m.end]),
    );
    expect((await callOk(backend, 'undo', {})).label).toBe('Code 2 matches');
    expect(store.data.highlights).toHaveLength(before);
  });
});
