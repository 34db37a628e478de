// @vitest-environment happy-dom
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { testDocument, testHighlight } from './test-records';

vi.mock('./api/client', () => ({ callApi: () => new Promise(() => undefined), ApiCallError: class extends Error {} }));

const { appStore } = await import('./store/app-store');
const { SidePane } = await import('./SidePane');

const highlight = testHighlight();

afterEach(() => {
  document.body.innerHTML = '';
});

describe('SidePane', () => {
  it('leaves its tools out of the render that shows the article, and fills in right after it', async () => {
    appStore.setState({ document: testDocument(), highlights: [highlight], tags: [], entities: [] });
    const container = document.body.appendChild(document.createElement('div'));
    const root = createRoot(container);
    // The render the article is painted in: the pane is there, still empty.
    flushSync(() => root.render(<SidePane onManageCodebook={() => undefined} />));
    const pane = container.querySelector('aside.side-pane')!;
    expect(pane.getAttribute('aria-busy')).toBe('true');
    expect(pane.querySelector('.highlight-list')).toBeNull();

    // The render of its own that follows: the list of highlights, and the pane no longer busy.
    await vi.waitFor(() => expect(pane.querySelector('.highlight-list q')?.textContent).toBe('NATO'));
    expect(pane.getAttribute('aria-busy')).toBe('false');
    root.unmount();
  });
});
