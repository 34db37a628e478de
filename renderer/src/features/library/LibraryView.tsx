import { useMemo, useRef, useState } from 'react';
import type { DocumentListItem, Variable } from '../../../../shared/domain';
import { IMPORTABLE_EXTENSIONS } from '../../../../shared/import-formats';
import { publishedDay } from '../../../../shared/published-date';
import { useAppStore } from '../../store/app-store';
import { BulkEditDialog } from '../highlights/BulkEditDialog';
import { DocumentEditDialog } from './DocumentEditDialog';
import { ImportReportView } from './ImportReportView';
import { PasteDialog } from './PasteDialog';
import { ReplaceTextDialog } from './ReplaceTextDialog';
import { RecoverableDocuments } from './RecoverableDocuments';
import { VariableCell } from './VariableCell';
import { VariablesDialog } from './VariablesDialog';
import { useRowWindow } from './use-row-window';
import { inLibraryOrder, type FixedKey, type SortKey } from './library-order';
import { formatCount } from '../../ui/format-count';

const COLUMNS: Array<{ key: FixedKey; label: string }> = [
  { key: 'title', label: 'Title' },
  { key: 'outlet', label: 'Outlet' },
  { key: 'author', label: 'Author' },
  { key: 'publishedAt', label: 'Published' },
  { key: 'addedAt', label: 'Added' },
  { key: 'highlightCount', label: 'Highlights' },
];

/** Width of a variable's column, and of the table without them (the fixed columns and a title of 14rem), in rem. */
const VARIABLE_COLUMN_REM = 9;
const TABLE_MIN_REM = 70;

/** Whether a document passes a variable's filter: "" any, NO_VALUE none, a category's value, or words in the value. */
const NO_VALUE = '\u0000none';
function passesFilter(d: DocumentListItem, variable: Variable, filter: string): boolean {
  if (!filter) return true;
  const value = d.variables[variable.id];
  if (filter === NO_VALUE) return value === undefined;
  if (value === undefined) return false;
  if (variable.type === 'category') return value === filter;
  return String(value).toLocaleLowerCase().includes(filter.trim().toLocaleLowerCase());
}

/**
 * The library: every document with its metadata and highlight count; sort, filter, open, edit, delete, import. Only
 * the rows in view are rendered (use-row-window.ts): the table scrolls through any number of documents.
 */
export function LibraryView() {
  const documents = useAppStore((s) => s.documents);
  const listed = useAppStore((s) => s.documentsListed);
  const variables = useAppStore((s) => s.variables);
  const openDocument = useAppStore((s) => s.openDocument);
  const setView = useAppStore((s) => s.setView);
  const deleteDocument = useAppStore((s) => s.deleteDocument);
  const importFiles = useAppStore((s) => s.importFiles);
  const progress = useAppStore((s) => s.importProgress);
  const [sort, setSort] = useState<{ key: SortKey; ascending: boolean }>({ key: 'addedAt', ascending: false });
  const [filter, setFilter] = useState('');
  const [variableFilters, setVariableFilters] = useState<Record<string, string>>({});
  const selected = useAppStore((s) => s.tickedDocumentIds);
  const setSelected = useAppStore((s) => s.setTickedDocumentIds);
  const [editing, setEditing] = useState<DocumentListItem | null>(null);
  const [replacing, setReplacing] = useState<DocumentListItem | null>(null);
  const [dialog, setDialog] = useState<'paste' | 'variables' | 'bulk' | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const scroller = useRef<HTMLElement>(null);
  const body = useRef<HTMLTableSectionElement>(null);

  const shown = useMemo(() => {
    const needle = filter.trim().toLocaleLowerCase();
    const matching = documents.filter(
      (d) =>
        (!needle ||
          [
            d.title,
            d.meta.outlet,
            d.meta.author,
            d.meta.publishedAt,
            d.meta.publishedText,
            d.addedAt,
            ...Object.values(d.variables).map(String),
          ].some((v) => v?.toLocaleLowerCase().includes(needle))) &&
        variables.every((v) => passesFilter(d, v, variableFilters[v.id] ?? '')),
    );
    return inLibraryOrder(matching, sort.key, sort.ascending);
  }, [documents, variables, filter, variableFilters, sort]);

  // Only the rows in view (and a margin) are rendered; spacers stand in for the others, so the table scrolls whole.
  const rows = useRowWindow(shown.length, scroller, body);
  const columnCount = COLUMNS.length + variables.length + 2;

  const selectedShown = shown.filter((d) => selected.has(d.id));
  const allShownSelected = shown.length > 0 && selectedShown.length === shown.length;

  const open = async (documentId: string): Promise<void> => {
    await openDocument(documentId);
    setView('document');
  };
  const toggle = (documentId: string): void =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(documentId)) next.delete(documentId);
      else next.add(documentId);
      return next;
    });
  const sortButton = (key: SortKey, label: string) => (
    <button
      type="button"
      className="sort-button"
      onClick={() => setSort((s) => ({ key, ascending: s.key === key ? !s.ascending : true }))}
    >
      {label}
    </button>
  );
  const ariaSort = (key: SortKey) =>
    sort.key === key ? (sort.ascending ? ('ascending' as const) : ('descending' as const)) : undefined;

  return (
    <section className="library" aria-labelledby="library-heading" ref={scroller}>
      <div className="library-toolbar">
        <h1 id="library-heading">Library</h1>
        <input
          type="search"
          value={filter}
          placeholder="Filter by title, outlet, author, date, variable"
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
        <button type="button" onClick={() => setDialog('paste')}>
          Paste text…
        </button>
        <button type="button" onClick={() => setDialog('variables')}>
          Variables…
        </button>
        <button type="button" disabled={selectedShown.length === 0} onClick={() => setDialog('bulk')}>
          Edit {selectedShown.length || ''} selected…
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
      <div className="library-table-scroller">
        <table
          className="library-table"
          aria-rowcount={shown.length + (variables.length > 0 ? 2 : 1)}
          style={{ minWidth: `${TABLE_MIN_REM + variables.length * VARIABLE_COLUMN_REM}rem` }}
        >
          <caption className="visually-hidden">Documents ({shown.length})</caption>
          {/* Fixed widths: a row's cells fit one line, so every row has one height (use-row-window.ts), and the
              columns keep their widths while rows scroll in and out. */}
          <colgroup>
            <col className="select-column" />
            {COLUMNS.map((c) => (
              <col key={c.key} className={`column-${c.key}`} />
            ))}
            {variables.map((v) => (
              <col key={v.id} style={{ width: `${VARIABLE_COLUMN_REM}rem` }} />
            ))}
            <col className="column-actions" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col" className="select-column">
                <input
                  type="checkbox"
                  aria-label="Select every document shown"
                  checked={allShownSelected}
                  onChange={() => setSelected(() => (allShownSelected ? new Set() : new Set(shown.map((d) => d.id))))}
                />
              </th>
              {COLUMNS.map((c) => (
                <th key={c.key} scope="col" aria-sort={ariaSort(c.key)}>
                  {sortButton(c.key, c.label)}
                </th>
              ))}
              {variables.map((v) => (
                <th key={v.id} scope="col" aria-sort={ariaSort(`variable:${v.id}`)} className="variable-column">
                  {sortButton(`variable:${v.id}`, v.name)}
                </th>
              ))}
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
            {variables.length > 0 && (
              <tr className="filter-row">
                <td colSpan={COLUMNS.length + 1} />
                {variables.map((v) => (
                  <td key={v.id}>
                    <VariableFilter
                      variable={v}
                      value={variableFilters[v.id] ?? ''}
                      onChange={(value) => setVariableFilters((f) => ({ ...f, [v.id]: value }))}
                    />
                  </td>
                ))}
                <td />
              </tr>
            )}
          </thead>
          <tbody ref={body}>
            {rows.first > 0 && <RowSpacer rows={rows.first} rowHeight={rows.rowHeight} columns={columnCount} />}
            {shown.slice(rows.first, rows.end).map((d, i) => (
              <tr
                key={d.id}
                data-row
                aria-rowindex={rows.first + i + (variables.length > 0 ? 3 : 2)}
                aria-selected={selected.has(d.id)}
              >
                <td className="select-column">
                  <input
                    type="checkbox"
                    aria-label={`Select ${d.title}`}
                    checked={selected.has(d.id)}
                    onChange={() => toggle(d.id)}
                  />
                </td>
                <td>
                  <button type="button" className="link-button" title={d.title} onClick={() => void open(d.id)}>
                    {d.title}
                  </button>
                </td>
                <td title={d.meta.outlet}>{d.meta.outlet}</td>
                <td title={d.meta.author}>{d.meta.author}</td>
                <td className="date-cell">
                  {d.meta.publishedAt ? (
                    <time dateTime={d.meta.publishedAt} title={d.meta.publishedAt}>
                      {publishedDay(d.meta.publishedAt)}
                    </time>
                  ) : (
                    d.meta.publishedText && (
                      <span className="not-a-date" title="Not a date: choose the day in Edit">
                        {d.meta.publishedText}
                      </span>
                    )
                  )}
                </td>
                <td className="date-cell">{d.addedAt.slice(0, 10)}</td>
                <td className="number">{formatCount(d.highlightCount)}</td>
                {variables.map((v) => (
                  <td key={v.id} className={v.type === 'number' ? 'number' : undefined}>
                    <VariableCell document={d} variable={v} />
                  </td>
                ))}
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
            {rows.end < shown.length && (
              <RowSpacer rows={shown.length - rows.end} rowHeight={rows.rowHeight} columns={columnCount} />
            )}
          </tbody>
        </table>
      </div>
      {shown.length === 0 && (
        <p className="empty" role={listed ? undefined : 'status'}>
          {!listed ? 'Listing the documents…' : documents.length ? 'No document matches.' : 'No documents yet.'}
        </p>
      )}
      {editing && (
        <DocumentEditDialog
          document={editing}
          onClose={() => setEditing(null)}
          onReplaceText={() => {
            setReplacing(editing);
            setEditing(null);
          }}
        />
      )}
      {replacing && <ReplaceTextDialog document={replacing} onClose={() => setReplacing(null)} />}
      {dialog === 'paste' && <PasteDialog onClose={() => setDialog(null)} />}
      {dialog === 'variables' && <VariablesDialog onClose={() => setDialog(null)} />}
      {dialog === 'bulk' && (
        <BulkEditDialog documentIds={selectedShown.map((d) => d.id)} onClose={() => setDialog(null)} />
      )}
    </section>
  );
}

/** Stands in for rows not rendered, at their height: the scroll bar and the rows' positions are the whole table's. */
function RowSpacer({ rows, rowHeight, columns }: { rows: number; rowHeight: number; columns: number }) {
  return (
    <tr className="row-spacer" aria-hidden="true" style={{ height: rows * rowHeight }}>
      <td colSpan={columns} />
    </tr>
  );
}

/** A variable column's filter: a category's values (or none) to choose from; words to find in any other. */
function VariableFilter({
  variable,
  value,
  onChange,
}: {
  variable: Variable;
  value: string;
  onChange(value: string): void;
}) {
  const label = `Filter by ${variable.name}`;
  if (variable.type === 'category') {
    return (
      <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Any</option>
        <option value={NO_VALUE}>(no value)</option>
        {variable.values.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
    );
  }
  return (
    <input
      type="search"
      aria-label={label}
      placeholder="Filter"
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
