import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { DocumentsLoaded, Workspace } from '../../../shared/api-contract';
import type { DocumentListItem } from '../../../shared/domain';

// The backend as the store sees it: each method answered with what the test put in `answers`.
const backend = vi.hoisted(() => {
  const answers = new Map<string, unknown>();
  const calls: string[] = [];
  return {
    answers,
    calls,
    callApi: (method: string) => {
      calls.push(method);
      return answers.has(method)
        ? Promise.resolve(answers.get(method))
        : Promise.reject(new Error(`${method}: no answer`));
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

/** The workspace as the backend sends it while it still reads the documents: the library file's listing. */
const whileLoading: Workspace = {
  documents: [listed('a', 3), listed('b', 5)],
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

beforeEach(() => {
  backend.answers.clear();
  backend.calls.length = 0;
  backend.answers.set('getWorkspace', whileLoading);
  backend.answers.set('getDocument', {
    document: { ...listed('a', 3), text: 'Some text.', sha256: '0'.repeat(64), source: { kind: 'paste' }, memo: '' },
    highlights: [],
    orphans: [],
  });
});

describe('loading the workspace while the backend reads the documents', () => {
  it('keeps the listing it has when reading the documents did not change it', async () => {
    const loaded: DocumentsLoaded = { documents: null, notices: whileLoading.notices, recoverable: [] };
    backend.answers.set('documentsLoaded', loaded);
    await appStore.getState().loadWorkspace();
    expect(backend.calls).toEqual(['getWorkspace', 'getDocument', 'documentsLoaded']);
    expect(appStore.getState().documents).toBe(whileLoading.documents);
    expect(appStore.getState().notices).toEqual(['Opened from the backup.']);
    expect(appStore.getState().document?.id).toBe('a');
  });

  it('takes the listing, and the notices that follow, when reading the documents changed it', async () => {
    const corrected = [listed('a', 4)];
    backend.answers.set('documentsLoaded', {
      documents: corrected,
      notices: [...whileLoading.notices, 'The document "Title b" could not be read.'],
      recoverable: [{ documentId: 'b', title: 'Title b', charCount: 40, highlightCount: 5 }],
    });
    await appStore.getState().loadWorkspace();
    const state = appStore.getState();
    expect(state.documents).toEqual(corrected);
    expect(state.notices).toEqual(['Opened from the backup.', 'The document "Title b" could not be read.']);
    expect(state.recoverable.map((r) => r.documentId)).toEqual(['b']);
  });

  it('asks nothing more of a backend that had read them already', async () => {
    backend.answers.set('getWorkspace', { ...whileLoading, loading: false });
    await appStore.getState().loadWorkspace();
    expect(backend.calls).toEqual(['getWorkspace', 'getDocument']);
    expect(appStore.getState().loadState).toBe('ready');
  });
});
