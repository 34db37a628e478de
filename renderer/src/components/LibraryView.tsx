import { useMemo, useRef, useState } from 'react';
import type { DocumentSummary } from '../../../shared/domain';
import { IMPORTABLE_EXTENSIONS } from '../../../shared/import-formats';
import { useAppStore } from '../store/app-store';
import { DocumentEditDialog } from './DocumentEditDialog';
import { ImportReportView } from './ImportReportView';
import { PasteDialog } from './PasteDialog';
import { RecoverableDocuments } from './RecoverableDocuments';

type SortKey = 'title' | 'outlet' | 'author' | 'publishedAt' | 'addedAt' | 'highlightCount';

const COLUMNS: Array<{ key: SortKey; label: string }> = [
  { key: 'title', label: 'Title' },
  { key: 'outlet', label: 'Outlet' },
  { key: 'author', label: 'Author' },
  { key: 'publishedAt', label: 'Published' },
  { key: 'addedAt', label: 'Added' },
  { key: 'highlightCount', label: 'Highlights' },
];

const valueOf = (d: DocumentSummary, key: SortKey): string | number =>
  key === 'title'
    ? d.title
    : key === 'addedAt'
      ? d.addedAt
      : key === 'highlightCount'
        ? d.highlightCount
        : (d.meta[key] ?? '');

/** The library: every document with its metadata and highlight count; sort, filter, open, edit, delete, import. */
/** Rows rendered at first, and added per "Show more": 2,000 rows at once took half a second to show. */
const PAGE = 200;

export function LibraryView() {
  const documents = useAppStore((s) => s.documents);
  const openDocument = useAppStore((s) => s.openDocument);
  const setView = useAppStore((s) => s.setView);
  const deleteDocument = useAppStore((s) => s.deleteDocument);
  const importFiles = useAppStore((s) => s.importFiles);
  const progress = useAppStore((s) => s.importProgress);
  const [sort, setSort] = useState<{ key: SortKey; ascending: boolean }>({ key: 'addedAt', ascending: false });
  const [filter, setFilter] = useState('');
  const [editing, setEditing] = useState<DocumentSummary | null>(null);
  const [pasting, setPasting] = useState(false);
  const [pages, setPages] = useState(1);
  const fileInput = useRef<HTMLInputElement>(null);

  const shown = useMemo(() => {
    const needle = filter.trim().toLocaleLowerCase();
    const matching = needle
      ? documents.filter((d) =>
          [d.title, d.meta.outlet, d.meta.author, d.meta.publishedAt, d.addedAt].some((v) =>
            v?.toLocaleLowerCase().includes(needle),
          ),
        )
      : documents;
    return [...matching].sort((a, b) => {
      const x = valueOf(a, sort.key);
      const y = valueOf(b, sort.key);
      const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      return sort.ascending ? order : -order;
    });
  }, [documents, filter, sort]);

  const open = async (documentId: string): Promise<void> => {
    await openDocument(documentId);
    setView('document');
  };

  return (
    <section className="library" aria-labelledby="library-heading">
      <div className="library-toolbar">
        <h1 id="library-heading">Library</h1>
        <input
          type="search"
          value={filter}
          placeholder="Filter by title, outlet, author, date"
          aria-label="Filter documents"
          onChange={(e) => setFilter(e.target.value)}
        />
        <button type="button" onClick={() => fileInput.current?.click()} disabled={progress !== null}>
          Import files…
        </button>
        <input
          ref={fileInput}
          type="file"
          multiple
          hidden
          aria-label="Files to import"
          accept={IMPORTABLE_EXTENSIONS.join(',')}
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = '';
            if (files.length) void importFiles(files);
          }}
        />
        <button type="button" onClick={() => setPasting(true)}>
          Paste text…
        </button>
      </div>
      <p className="hint">Or drop files anywhere on the window: .txt, .md, .html, .docx, .pdf.</p>
      {progress && (
        <div className="export-progress" role="status">
          <progress max={progress.total} value={progress.done} aria-label="Import progress" />
          <span>
            Importing {progress.current} ({progress.done + 1} of {progress.total})…
          </span>
        </div>
      )}
      <ImportReportView />
      <RecoverableDocuments />
      <table className="library-table">
        <caption className="visually-hidden">Documents ({shown.length})</caption>
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th
                key={c.key}
                scope="col"
                aria-sort={sort.key === c.key ? (sort.ascending ? 'ascending' : 'descending') : undefined}
              >
                <button
                  type="button"
                  className="sort-button"
                  onClick={() => setSort((s) => ({ key: c.key, ascending: s.key === c.key ? !s.ascending : true }))}
                >
                  {c.label}
                </button>
              </th>
            ))}
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.slice(0, pages * PAGE).map((d) => (
            <tr key={d.id}>
              <td>
                <button type="button" className="link-button" onClick={() => void open(d.id)}>
                  {d.title}
                </button>
              </td>
              <td>{d.meta.outlet}</td>
              <td>{d.meta.author}</td>
              <td>{d.meta.publishedAt?.slice(0, 10)}</td>
              <td>{d.addedAt.slice(0, 10)}</td>
              <td className="number">{d.highlightCount}</td>
              <td className="row-actions">
                <button type="button" aria-label={`Edit ${d.title}`} onClick={() => setEditing(d)}>
                  Edit
                </button>
                <button
                  type="button"
                  className="danger"
                  aria-label={`Delete ${d.title}`}
                  onClick={() => void deleteDocument(d.id)}
                >
                  Delete
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {shown.length > pages * PAGE && (
        <button type="button" className="show-more" onClick={() => setPages((n) => n + 1)}>
          Show {Math.min(PAGE, shown.length - pages * PAGE)} more ({shown.length - pages * PAGE} not shown)
        </button>
      )}
      {shown.length === 0 && <p className="empty">{documents.length ? 'No document matches.' : 'No documents yet.'}</p>}
      {editing && <DocumentEditDialog document={editing} onClose={() => setEditing(null)} />}
      {pasting && <PasteDialog onClose={() => setPasting(false)} />}
    </section>
  );
}
