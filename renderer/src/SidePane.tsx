import { useDeferredValue } from 'react';
import { CodebookBar } from './features/codebook/CodebookBar';
import { DocumentMemo } from './features/library/DocumentMemo';
import { HighlightList } from './features/highlights/HighlightList';
import { OrphanList } from './features/highlights/OrphanList';
import { SelectedHighlightPanel } from './features/highlights/SelectedHighlightPanel';
import { CurationPanel } from './features/team/CurationPanel';
import { useAppStore } from './store/app-store';

/**
 * The tools beside the article: the codebook, the selected highlight, the list of highlights, the memo. They come in
 * a render of their own after the article's: a document's list is hundreds of elements (800 at 50 highlights, most of
 * the page), and rendered with the article it held the article back; rendered after it, a click elsewhere meanwhile
 * (the Library, say) is not kept waiting for it, since React drops a background render that an urgent one overtakes.
 */
export function SidePane({ onManageCodebook }: { onManageCodebook: () => void }) {
  const curating = useAppStore((s) => s.curating);
  const shown = useDeferredValue(true, false);
  return (
    <aside className="side-pane" aria-label="Annotation tools" aria-busy={!shown}>
      {shown && (
        <>
          <CodebookBar onManage={onManageCodebook} />
          <SelectedHighlightPanel />
          {curating ? <CurationPanel /> : <HighlightList />}
          <OrphanList />
          <DocumentMemo />
        </>
      )}
    </aside>
  );
}
