// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

vi.mock('../../api/client', () => ({
  callApi: () => new Promise(() => undefined),
  ApiCallError: class extends Error {},
}));

const { appStore } = await import('../../store/app-store');
const { EntitiesDialog } = await import('./EntitiesDialog');

afterEach(() => {
  document.body.innerHTML = '';
});

describe('EntitiesDialog', () => {
  it('keeps the focus and the "Merge into" list of a row whose entry is renamed meanwhile', () => {
    appStore.setState({
      entities: [
        { id: 'nato', name: 'NATO' },
        { id: 'grushko', name: 'Grushko' },
      ],
    });
    const container = document.body.appendChild(document.createElement('div'));
    const root = createRoot(container);
    act(() => root.render(<EntitiesDialog onClose={() => undefined} />));
    const merge = () => document.querySelector<HTMLSelectElement>('select[aria-label^="Merge Grushko"]')!;
    const select = merge();
    act(() => select.focus());
    expect([...select.options].map((o) => o.text)).toEqual(['Merge into…', 'NATO']);

    // Its rename, typed a moment ago, is saved while the analyst is on its "Merge into" list.
    act(() =>
      appStore.setState({
        entities: [
          { id: 'nato', name: 'NATO' },
          { id: 'grushko', name: 'Alexander Grushko' },
        ],
      }),
    );
    const renamed = document.querySelector<HTMLSelectElement>('select[aria-label="Merge Alexander Grushko into"]');
    expect(renamed).toBe(select);
    expect(document.activeElement).toBe(select);
    expect([...select.options].map((o) => o.text)).toEqual(['Merge into…', 'NATO']);
    expect(document.querySelector<HTMLInputElement>('input[aria-label="Name of Alexander Grushko"]')!.value).toBe(
      'Alexander Grushko',
    );
    act(() => root.unmount());
  });
});
