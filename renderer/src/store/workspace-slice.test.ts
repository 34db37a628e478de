import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { DocumentListing, DocumentsLoaded, Workspace } from '../../../shared/api-contract';
import type { DocumentListItem } from '../../../shared/domain';

// The backend as the store sees it: each method answered with what the test put in `answers` (a value, or a function
// of the call's arguments).
const backend = vi.hoisted(() => {
  const answers = new Map<string, unknown>();
  const calls: string[] = [];
  const args: unknown[] = [];
  return {
    answers,
    calls,
    args,
    callApi: (method: string, payload: unknown) => {
      calls.push(method);
      args.push(payload);
      const answer = answers.get(method);
      if (!answers.has(method)) return Promise.reject(new Error(`${method}: no answer`));
      return Promise.resolve(typeof answer === 'function' ? (answer as (a: unknown) => unknown)(payload) : answer);
    },
  };
});
vi.mock('../api/client', () => ({ callApi: backend.callApi, ApiCallError: class extends Error {} }));

const { appStore } = await import('./app-store');

const listed = (id: string, highlightCount: number): DocumentListItem => ({
  id,
  title: `Title ${id}`,
  meta: {},
  variables: {},
  addedAt: '2026-01-01T00:00:00.000Z',
  highlightCount,
});

/** The workspace as the backend sends it while it still reads the documents. */
const whileLoading: Workspace = {
  startDocumentId: 'a',
  tags: [],
  entities: [],
  variables: [],
  settings: { annotator: 'ann', lastDocumentId: 'a', snapToWords: true, readingPositions: {} },
  history: { undoLabel: null, redoLabel: null },
  suggestedCoder: 'ann',
  notices: ['Opened from the backup.'],
  recoverable: [],
  loading: true,
};

/** The library file's listing, as the backend sends it while it still reads the documents. */
const listingAtOpen = [listed('a', 3), listed('b', 5)];

/** A backend's listDocuments whose listing is `documents` at `revision`, and was `listingAtOpen` at "r0". */
const listing =
  (revision: string, documents: DocumentListItem[]) =>
  ({ unlessRevision }: { unlessRevision?: string }): DocumentListing => {
    if (unlessRevision === revision) return { revision, documents: null };
    if (unlessRevision === undefined) return { revision: 'r0', documents: listingAtOpen };
    return { revision, documents };
  };

beforeEach(() => {
  backend.answers.clear();
  backend.calls.length = 0;
  backend.args.length = 0;
  appStore.setState({ documents: [], documentsListed: false, listingRevision: null });
  backend.answers.set('getWorkspace', whileLoading);
  backend.answers.set('getDocument', {
    document: { ...listed('a', 3), text: 'Some text.', sha256: '0'.repeat(64), source: { kind: 'paste' }, memo: '' },
    highlights: [],
    orphans: [],
  });
});

describe('loading the workspace while the backend reads the documents', () => {
  it('asks for the listing once the document has come, and keeps it when reading the documents did not change it', async () => {
    const loaded: DocumentsLoaded = { notices: whileLoading.notices, recoverable: [] };
    backend.answers.set('documentsLoaded', loaded);
    // Once the documents are read, the listing at open is still the listing (the backend answers it at "r1").
    backend.answers.set('listDocuments', (args: { unlessRevision?: string }) =>
      args.unlessRevision === 'r0' ? { revision: 'r1', documents: null } : listing('r1', [])(args),
    );
    await appStore.getState().loadWorkspace();
    expect(backend.calls).toEqual(['getWorkspace', 'getDocument', 'listDocuments', 'documentsLoaded', 'listDocuments']);
    expect(backend.args.at(-1)).toEqual({ unlessRevision: 'r0' });
    expect(appStore.getState().documents).toBe(listingAtOpen);
    expect(appStore.getState().listingRevision).toBe('r1');
    expect(appStore.getState().documentsListed).toBe(true);
    expect(appStore.getState().notices).toEqual(['Opened from the backup.']);
    expect(appStore.getState().document?.id).toBe('a');
  });

  it('takes the listing, and the notices that follow, when reading the documents changed it', async () => {
    const corrected = [listed('a', 4)];
    backend.answers.set('listDocuments', listing('r1', corrected));
    backend.answers.set('documentsLoaded', {
      notices: [...whileLoading.notices, 'The document "Title b" could not be read.'],
      recoverable: [{ documentId: 'b', title: 'Title b', charCount: 40, highlightCount: 5 }],
    });
    await appStore.getState().loadWorkspace();
    const state = appStore.getState();
    expect(state.documents).toEqual(corrected);
    expect(state.notices).toEqual(['Opened from the backup.', 'The document "Title b" could not be read.']);
    expect(state.recoverable.map((r) => r.documentId)).toEqual(['b']);
  });

  it('asks the backend to read the documents only once the page is idle', async () => {
    const idle: Array<() => void> = [];
    vi.stubGlobal('requestIdleCallback', (callback: () => void, options: { timeout: number }) => {
      expect(options.timeout).toBeGreaterThan(0);
      idle.push(callback);
      return idle.length;
    });
    backend.answers.set('listDocuments', listing('r1', listingAtOpen));
    backend.answers.set('documentsLoaded', { notices: whileLoading.notices, recoverable: [] });
    try {
      const loading = appStore.getState().loadWorkspace();
      await vi.waitFor(() => expect(idle).toHaveLength(1));
      expect(backend.calls).toEqual(['getWorkspace', 'getDocument', 'listDocuments']);
      expect(appStore.getState().documentsListed).toBe(true);
      idle[0]!();
      await loading;
      expect(backend.calls).toEqual([
        'getWorkspace',
        'getDocument',
        'listDocuments',
        'documentsLoaded',
        'listDocuments',
      ]);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('asks nothing more of a backend that had read them already', async () => {
    backend.answers.set('getWorkspace', { ...whileLoading, loading: false });
    backend.answers.set('listDocuments', listing('r1', listingAtOpen));
    await appStore.getState().loadWorkspace();
    expect(backend.calls).toEqual(['getWorkspace', 'getDocument', 'listDocuments']);
    expect(appStore.getState().loadState).toBe('ready');
  });
});

describe('a start whose document cannot be opened', () => {
  it('shows the Library with the reason, and its listing', async () => {
    backend.answers.set('getWorkspace', { ...whileLoading, loading: false });
    backend.answers.delete('getDocument');
    backend.answers.set('listDocuments', listing('r1', listingAtOpen));
    await appStore.getState().loadWorkspace();
    const state = appStore.getState();
    expect(state.view).toBe('library');
    expect(state.notices.at(-1)).toMatch(/The last document could not be opened: getDocument: no answer/);
    expect(state.documents).toBe(listingAtOpen);
    expect(state.documentsListed).toBe(true);
  });
});

describe('the listing, asked for again', () => {
  it('is kept when the backend says it has not changed, and replaced when it has', async () => {
    const later = [listed('a', 9)];
    let current = listing('r0', listingAtOpen);
    backend.answers.set('listDocuments', (args: { unlessRevision?: string }) => current(args));
    await appStore.getState().reloadDocuments();
    expect(appStore.getState().documents).toBe(listingAtOpen);
    await appStore.getState().reloadDocuments();
    expect(backend.args.at(-1)).toEqual({ unlessRevision: 'r0' });
    expect(appStore.getState().documents).toBe(listingAtOpen);
    current = listing('r2', later);
    await appStore.getState().reloadDocuments();
    expect(appStore.getState().documents).toBe(later);
    expect(appStore.getState().listingRevision).toBe('r2');
  });

  it('asked for while one is on its way, waits for it and sends the revision it brought', async () => {
    const answers: Array<(listing: DocumentListing) => void> = [];
    backend.answers.set('listDocuments', () => new Promise((resolve) => answers.push(resolve)));
    const first = appStore.getState().reloadDocuments();
    const second = appStore.getState().reloadDocuments();
    await vi.waitFor(() => expect(answers).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(backend.calls).toEqual(['listDocuments']);
    answers[0]!({ revision: 'r1', documents: listingAtOpen });
    await first;
    await vi.waitFor(() => expect(answers).toHaveLength(2));
    expect(backend.args).toEqual([{}, { unlessRevision: 'r1' }]);
    answers[1]!({ revision: 'r1', documents: null });
    await second;
    expect(appStore.getState().documents).toBe(listingAtOpen);
    expect(appStore.getState().listingRevision).toBe('r1');
  });

  it('asked for while one is on its way that fails, is asked for whole', async () => {
    const answers: Array<{ resolve: (listing: DocumentListing) => void; reject: (error: Error) => void }> = [];
    backend.answers.set('listDocuments', () => new Promise((resolve, reject) => answers.push({ resolve, reject })));
    const first = appStore.getState().reloadDocuments();
    const second = appStore.getState().reloadDocuments();
    await vi.waitFor(() => expect(answers).toHaveLength(1));
    answers[0]!.reject(new Error('The backend is gone.'));
    await expect(first).rejects.toThrow('The backend is gone.');
    await vi.waitFor(() => expect(answers).toHaveLength(2));
    expect(backend.args).toEqual([{}, {}]);
    answers[1]!.resolve({ revision: 'r1', documents: listingAtOpen });
    await second;
    expect(appStore.getState().documents).toBe(listingAtOpen);
  });
});
