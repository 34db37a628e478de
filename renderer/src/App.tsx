import { useEffect } from 'react';
import { ArticleView } from './features/article/ArticleView';
import { AgreementDialog } from './features/team/AgreementDialog';
import { SearchDialog } from './features/analysis/SearchDialog';
import { StanceMapDialog } from './features/analysis/StanceMapDialog';
import { TagMatrixDialog } from './features/analysis/TagMatrixDialog';
import { TimelineDialog } from './features/analysis/TimelineDialog';
import { CoderDialog } from './features/team/CoderDialog';
import { ComparePane } from './features/team/ComparePane';
import { AnalysisMenu } from './features/analysis/AnalysisMenu';
import { CodedSegmentsDialog } from './features/analysis/CodedSegmentsDialog';
import { CodebookDialog } from './features/codebook/CodebookDialog';
import { ConfirmDialog } from './ui/ConfirmDialog';
import { EntitiesDialog } from './features/stances/EntitiesDialog';
import { ExportDialog } from './features/export/ExportDialog';
import { FindBar } from './features/article/FindBar';
import { ReplaceTextDialog } from './features/library/ReplaceTextDialog';
import { LibraryView } from './features/library/LibraryView';
import { Notices } from './ui/Notices';
import { SaveStatus } from './ui/SaveStatus';
import { SettingsBar } from './ui/SettingsBar';
import { SidePane } from './SidePane';
import { subscribeToMenuCommands } from './menu-commands';
import { appStore, useAppStore } from './store/app-store';
import { useShortcuts } from './use-shortcuts';
import { formatCount } from './ui/format-count';

export function App() {
  const loadState = useAppStore((s) => s.loadState);
  const loadError = useAppStore((s) => s.loadError);
  const title = useAppStore((s) => s.document?.title);
  const openDialog = useAppStore((s) => s.openDialog);
  const setOpenDialog = useAppStore((s) => s.setOpenDialog);
  const findOpen = useAppStore((s) => s.findOpen);
  const canUndo = useAppStore((s) => s.canUndo);
  const canRedo = useAppStore((s) => s.canRedo);
  const undo = useAppStore((s) => s.undo);
  const redo = useAppStore((s) => s.redo);
  const view = useAppStore((s) => s.view);
  const setView = useAppStore((s) => s.setView);
  // Null until the listing has come (it follows the first screen).
  const documentCount = useAppStore((s) => (s.documentsListed ? s.documents.length : null));
  const hasDocument = useAppStore((s) => s.document !== null);
  const documentId = useAppStore((s) => s.document?.id);
  const coderPrompt = useAppStore((s) => s.coderPrompt);
  const curating = useAppStore((s) => s.curating);
  const layerCoder = useAppStore((s) => s.layerCoder);
  const compareCoder = useAppStore((s) => s.compareCoder);
  const setCurating = useAppStore((s) => s.setCurating);
  useShortcuts();

  useEffect(() => {
    void appStore.getState().loadWorkspace();
    const unsubscribe = subscribeToMenuCommands();
    // A note typed just before closing is sent at once rather than after the request before it.
    const flushNotes = (): void => appStore.getState().flushNotes();
    window.addEventListener('pagehide', flushNotes);
    return () => {
      unsubscribe();
      window.removeEventListener('pagehide', flushNotes);
    };
  }, []);

  useEffect(() => {
    document.title = title ? `${title} — Stance Annotator` : 'Stance Annotator';
  }, [title]);

  return (
    <div
      className="app"
      // Files dropped anywhere on the window are imported, and the library shows what happened.
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes('Files')) e.preventDefault();
      }}
      onDrop={(e) => {
        const files = [...e.dataTransfer.files];
        if (files.length === 0) return;
        e.preventDefault();
        setView('library');
        void appStore.getState().importFiles(files);
      }}
    >
      <header className="app-header">
        <span className="app-name">Stance Annotator</span>
        <nav className="toolbar" aria-label="Toolbar">
          <button
            type="button"
            aria-pressed={view === 'library'}
            onClick={() => setView(view === 'library' ? 'document' : 'library')}
          >
            {documentCount === null ? 'Library' : `Library (${formatCount(documentCount)})`}
          </button>
          <button type="button" disabled={!canUndo} aria-keyshortcuts="Control+Z" onClick={() => void undo()}>
            Undo
          </button>
          <button type="button" disabled={!canRedo} aria-keyshortcuts="Control+Shift+Z" onClick={() => void redo()}>
            Redo
          </button>
          <button type="button" onClick={() => setOpenDialog('entities')}>
            Holders &amp; targets
          </button>
          <button
            type="button"
            aria-pressed={curating}
            disabled={!hasDocument}
            onClick={() => {
              setCurating(!curating);
              setView('document');
            }}
          >
            Curate
          </button>
          <AnalysisMenu />
          <button type="button" onClick={() => setOpenDialog('agreement')}>
            Agreement…
          </button>
          <button type="button" aria-keyshortcuts="Control+E" onClick={() => setOpenDialog('export')}>
            Export…
          </button>
        </nav>
        <SettingsBar />
        <SaveStatus />
      </header>
      <Notices />
      {loadState === 'loading' && <p className="loading">Opening the library…</p>}
      {loadState === 'failed' && (
        <p role="alert" className="notice error">
          The library could not be opened: {loadError}
        </p>
      )}
      {loadState === 'ready' && (view === 'library' || !hasDocument) && <LibraryView />}
      {loadState === 'ready' && view === 'document' && hasDocument && (
        <div className="workspace">
          <main className="document-pane">
            {findOpen && <FindBar />}
            {compareCoder === null ? (
              <ArticleView />
            ) : (
              <div className="side-by-side">
                <p className="pane-label">{layerCoder}</p>
                <p className="pane-label">{compareCoder}</p>
                <ArticleView />
                <ComparePane />
              </div>
            )}
          </main>
          <SidePane onManageCodebook={() => setOpenDialog('codebook')} />
        </div>
      )}
      {openDialog === 'codebook' && <CodebookDialog onClose={() => setOpenDialog(null)} />}
      {openDialog === 'entities' && <EntitiesDialog onClose={() => setOpenDialog(null)} />}
      {openDialog === 'export' && <ExportDialog onClose={() => setOpenDialog(null)} />}
      {openDialog === 'agreement' && <AgreementDialog onClose={() => setOpenDialog(null)} />}
      {openDialog === 'search' && <SearchDialog onClose={() => setOpenDialog(null)} />}
      {openDialog === 'stance-map' && <StanceMapDialog onClose={() => setOpenDialog(null)} />}
      {openDialog === 'coded-segments' && <CodedSegmentsDialog onClose={() => setOpenDialog(null)} />}
      {openDialog === 'tag-matrix' && <TagMatrixDialog onClose={() => setOpenDialog(null)} />}
      {openDialog === 'timeline' && <TimelineDialog onClose={() => setOpenDialog(null)} />}
      {openDialog === 'replace-text' && documentId && title !== undefined && (
        <ReplaceTextDialog document={{ id: documentId, title }} onClose={() => setOpenDialog(null)} />
      )}
      {coderPrompt && <CoderDialog />}
      <ConfirmDialog />
    </div>
  );
}
