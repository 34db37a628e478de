import { useState, type FormEvent } from 'react';
import type { ApiResults, LibrarySearchResult } from '../../../../shared/api-contract';
import { inTreeOrder } from '../../../../shared/tag-paths';
import { callApi } from '../../api/client';
import { appStore, useAppStore } from '../../store/app-store';
import { Modal } from '../../ui/Modal';
import { SaveCsvButton } from './SaveCsvButton';
import { WorkStatus } from '../../ui/WorkStatus';
import { tagLabel } from '../codebook/tag-label';

/** Matches listed at first, and added by "Show more": the first screen comes at once, whatever the total. */
const PAGE = 50;

/** A match's place, as the backend takes it back to code it. */
type MatchSpan = { documentId: string; start: number; end: number };
const spanKey = (m: MatchSpan): string => `${m.documentId}:${m.start}:${m.end}`;

/**
 * Search the whole library (Ctrl/Cmd+Shift+F): words or a phrase, ignoring case and diacritics, or a regular
 * expression; every match as a line in context, opened at the match; and "Code all matches" (or the chosen ones) with
 * a tag, as one step to undo, skipping the matches that already carry it.
 */
export function SearchDialog({ onClose }: { onClose(): void }) {
  const tags = useAppStore((s) => s.tags);
  const openDocument = useAppStore((s) => s.openDocument);
  const setView = useAppStore((s) => s.setView);
  const runChange = useAppStore((s) => s.runChange);
  const refresh = useAppStore((s) => s.refresh);
  const [query, setQuery] = useState('');
  const [regex, setRegex] = useState(false);
  const [result, setResult] = useState<{ query: string; regex: boolean; found: LibrarySearchResult } | null>(null);
  const [tagId, setTagId] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  // The matches ticked in the list, for this search's result only (a new search starts with none).
  const [chosen, setChosen] = useState<ReadonlyMap<string, MatchSpan>>(new Map());

  const search = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!query.trim()) return;
    setBusy('Searching…');
    setMessage(null);
    try {
      setResult({ query, regex, found: await callApi('searchLibrary', { query, regex, limit: PAGE }) });
      setChosen(new Map());
    } catch (error) {
      setResult(null);
      setMessage({ text: (error as Error).message, error: true });
    } finally {
      setBusy(null);
    }
  };

  const showMore = async (): Promise<void> => {
    if (!result) return;
    const limit = result.found.matches.length + PAGE;
    try {
      setResult({
        ...result,
        found: await callApi('searchLibrary', { query: result.query, regex: result.regex, limit }),
      });
    } catch (error) {
      setMessage({ text: (error as Error).message, error: true });
    }
  };

  const open = async (documentId: string, start: number, end: number): Promise<void> => {
    await openDocument(documentId);
    setView('document');
    onClose();
    requestAnimationFrame(() => appStore.getState().articleDom.selectSpan({ start, end }));
  };

  const toggle = (match: MatchSpan, on: boolean): void => {
    const next = new Map(chosen);
    if (on) next.set(spanKey(match), { documentId: match.documentId, start: match.start, end: match.end });
    else next.delete(spanKey(match));
    setChosen(next);
  };

  const code = async (): Promise<void> => {
    if (!result || !tagId) return;
    const only = chosen.size > 0 ? [...chosen.values()] : undefined;
    setBusy(only ? 'Coding the chosen matches…' : 'Coding every match…');
    let answer: ApiResults['codeMatches'] | null = null;
    const ok = await runChange(async () => {
      answer = await callApi('codeMatches', { query: result.query, regex: result.regex, tagId, ...(only && { only }) });
      await refresh();
    });
    setBusy(null);
    const done = answer as ApiResults['codeMatches'] | null;
    if (ok && done) setChosen(new Map());
    setMessage(
      ok && done
        ? { text: codedMessage(done), error: false }
        : {
            text: `Not coded: ${appStore.getState().saveError ?? 'see the status at the top'}`,
            error: true,
          },
    );
  };

  const found = result?.found;
  const perDocument = new Map(found?.documents.map((d) => [d.documentId, d.count]));
  return (
    <Modal title="Search the library" onClose={onClose} className="analysis-area search-dialog">
      <form className="search-form" onSubmit={(e) => void search(e)}>
        <input
          type="search"
          aria-label="Search every text"
          placeholder="Words, a phrase, or a regular expression"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          autoFocus
        />
        <label className="choice">
          <input type="checkbox" checked={regex} onChange={(e) => setRegex(e.target.checked)} />
          Regular expression
        </label>
        <button type="submit" className="primary" disabled={!!busy || !query.trim()}>
          Search
        </button>
      </form>
      <WorkStatus busy={busy} message={message} />
      {found && (
        <>
          <div className="search-summary">
            <p className="count" role="status">
              {found.total} matches in {found.documents.length} documents
              {found.truncated ? ` (the first ${found.matches.length} listed)` : ''}
            </p>
            {found.total > 0 && result && (
              <SaveCsvButton disabled={false} request={{ kind: 'search', query: result.query, regex: result.regex }} />
            )}
          </div>
          {found.total > 0 && (
            <div className="code-all">
              <label className="inline-label">
                Code {chosen.size > 0 ? 'the chosen matches' : 'all matches'} with
                <select value={tagId} onChange={(e) => setTagId(e.target.value)} aria-label="Tag for the matches">
                  <option value="">(choose a tag)</option>
                  {inTreeOrder(tags).map((t) => (
                    <option key={t.id} value={t.id}>
                      {tagLabel(t, tags)}
                    </option>
                  ))}
                </select>
              </label>
              <button type="button" disabled={!tagId || !!busy} onClick={() => void code()}>
                {chosen.size > 0 ? `Code ${chosen.size} chosen` : `Code all ${found.total}`}
              </button>
              {chosen.size > 0 && (
                <button type="button" className="link-button" onClick={() => setChosen(new Map())}>
                  Choose none
                </button>
              )}
            </div>
          )}
          <ul className="search-results" aria-label="Matches">
            {found.matches.map((m, i) => (
              <li key={`${m.documentId}:${m.start}`}>
                <input
                  type="checkbox"
                  aria-label={`Choose match ${i + 1}: “${m.match}” in ${m.title}`}
                  checked={chosen.has(spanKey(m))}
                  onChange={(e) => toggle(m, e.target.checked)}
                />
                <button type="button" className="link-button" onClick={() => void open(m.documentId, m.start, m.end)}>
                  <span className="search-title">
                    {m.title} · {perDocument.get(m.documentId)} in this document
                  </span>
                  <span className="kwic">
                    <span className="kwic-left">{oneLine(m.left)}</span>
                    <mark>{oneLine(m.match)}</mark>
                    <span className="kwic-right">{oneLine(m.right)}</span>
                  </span>
                </button>
              </li>
            ))}
          </ul>
          {found.truncated && (
            <button type="button" className="show-more" onClick={() => void showMore()}>
              Show {Math.min(PAGE, found.total - found.matches.length)} more
            </button>
          )}
        </>
      )}
    </Modal>
  );
}

function codedMessage({ coded, skipped, notFound }: ApiResults['codeMatches']): string {
  const notes = [
    ...(skipped ? [`${skipped} had the tag already`] : []),
    ...(notFound ? [`${notFound} chosen no longer found there: search again`] : []),
  ];
  return `Coded ${coded} matches${notes.length ? ` (${notes.join('; ')})` : ''}. Undo takes them all back.`;
}

/** A context on one line: a paragraph break shows as ¶. */
const oneLine = (text: string): string => text.replace(/\n/g, ' ¶ ');
