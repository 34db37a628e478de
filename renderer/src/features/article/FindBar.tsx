import { useEffect, useRef, useState } from 'react';
import { snapToWords } from './word-boundaries';
import { appStore, useAppStore } from '../../store/app-store';
import type { TextSpan } from './text-span';

/** Every occurrence of `query` in `text`, ignoring case. */
export function findAll(text: string, query: string): TextSpan[] {
  const needle = query.toLocaleLowerCase();
  if (!needle) return [];
  const haystack = text.toLocaleLowerCase();
  const found: TextSpan[] = [];
  // Lower-casing can change lengths in rare scripts; fall back to exact matching there, so offsets stay right.
  const exact = haystack.length !== text.length;
  const source = exact ? text : haystack;
  const wanted = exact ? query : needle;
  for (let i = source.indexOf(wanted); i >= 0; i = source.indexOf(wanted, i + 1)) {
    found.push({ start: i, end: i + wanted.length });
  }
  return found;
}

/**
 * Find in the article (Ctrl/Cmd+F): each match becomes the pending selection, so a number key tags it. Enter goes to
 * the next match, Shift+Enter to the previous; Escape closes the bar and leaves the match selected in the article.
 */
export function FindBar() {
  const text = useAppStore((s) => s.document?.text ?? '');
  const setFindOpen = useAppStore((s) => s.setFindOpen);
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const matches = findAll(text, query);
  const current = matches.length > 0 ? matches[index % matches.length]! : null;

  useEffect(() => inputRef.current?.focus(), []);

  useEffect(() => {
    const state = appStore.getState();
    if (!current) return;
    state.setPendingSelection(state.settings.snapToWords ? snapToWords(text, current) : current);
    state.articleDom.scrollSpanIntoView(current);
  }, [text, current]);

  const close = (): void => {
    setFindOpen(false);
    if (current) appStore.getState().articleDom.selectSpan(current);
  };

  return (
    <div className="find-bar" role="search" aria-label="Find in article">
      <input
        ref={inputRef}
        type="search"
        value={query}
        aria-label="Find in article"
        placeholder="Find in article"
        onChange={(e) => {
          setQuery(e.target.value);
          setIndex(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            setIndex((i) => (matches.length ? (i + (e.shiftKey ? matches.length - 1 : 1)) % matches.length : 0));
          } else if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            close();
          }
        }}
      />
      <span className="find-count" aria-live="polite">
        {query ? (matches.length ? `${(index % matches.length) + 1} of ${matches.length}` : 'No match') : ''}
      </span>
      <button type="button" onClick={close}>
        Done
      </button>
    </div>
  );
}
