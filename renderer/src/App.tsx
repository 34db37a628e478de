import { useEffect } from 'react';
import { ArticleView } from './components/ArticleView';
import { CodebookBar } from './components/CodebookBar';
import { HighlightList } from './components/HighlightList';
import { Notices } from './components/Notices';
import { SaveStatus } from './components/SaveStatus';
import { appStore, useAppStore } from './store/app-store';
import { useShortcuts } from './use-shortcuts';

export function App() {
  const loadState = useAppStore((s) => s.loadState);
  const loadError = useAppStore((s) => s.loadError);
  const title = useAppStore((s) => s.document?.title);
  useShortcuts();

  useEffect(() => {
    void appStore.getState().loadWorkspace();
  }, []);

  useEffect(() => {
    document.title = title ? `${title} — Stance Annotator` : 'Stance Annotator';
  }, [title]);

  return (
    <div className="app">
      <header className="app-header">
        <span className="app-name">Stance Annotator</span>
        <SaveStatus />
      </header>
      <Notices />
      {loadState === 'loading' && <p className="loading">Opening the library…</p>}
      {loadState === 'failed' && (
        <p role="alert" className="notice error">
          The library could not be opened: {loadError}
        </p>
      )}
      {loadState === 'ready' && (
        <div className="workspace">
          <main className="document-pane">
            <ArticleView />
          </main>
          <aside className="side-pane" aria-label="Annotation tools">
            <CodebookBar />
            <HighlightList />
          </aside>
        </div>
      )}
    </div>
  );
}
