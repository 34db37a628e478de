// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Tag } from '../../../../shared/domain';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

vi.mock('../../api/client', () => ({
  callApi: () => new Promise(() => undefined),
  ApiCallError: class extends Error {},
}));

const { appStore } = await import('../../store/app-store');
const { CodebookDialog } = await import('./CodebookDialog');

const tag = (id: string, name: string, description = ''): Tag => ({
  id,
  name,
  color: '#336699',
  description,
  parentId: null,
});

afterEach(() => {
  document.body.innerHTML = '';
});

describe('CodebookDialog', () => {
  it('keeps the focus and the Parent list of a row whose tag is saved meanwhile, and shows what was saved', () => {
    appStore.setState({ tags: [tag('claim', 'Claim'), tag('threat', 'Threat')] });
    const container = document.body.appendChild(document.createElement('div'));
    const root = createRoot(container);
    act(() => root.render(<CodebookDialog onClose={() => undefined} />));
    const parents = () => [...document.querySelectorAll<HTMLSelectElement>('ul[aria-label="Tags"] select')];
    const threatParent = parents().at(-1)!;
    act(() => threatParent.focus());
    expect([...threatParent.options].map((o) => o.text)).toEqual(['(top level)', 'Claim']);

    // The description typed a moment ago is saved (or another window, or Undo, changes the tag).
    act(() => appStore.setState({ tags: [tag('claim', 'Claim'), tag('threat', 'Threat', 'A warning.')] }));
    expect(parents().at(-1)).toBe(threatParent);
    expect(document.activeElement).toBe(threatParent);
    expect([...threatParent.options].map((o) => o.text)).toEqual(['(top level)', 'Claim']);
    const description = document.querySelector<HTMLInputElement>('input[aria-label="Description of Threat"]')!;
    expect(description.value).toBe('A warning.');

    // Renamed elsewhere: the name field follows too.
    act(() => appStore.setState({ tags: [tag('claim', 'Assertion'), tag('threat', 'Threat', 'A warning.')] }));
    expect(document.querySelector<HTMLInputElement>('input[aria-label="Name of Assertion"]')!.value).toBe('Assertion');
    act(() => root.unmount());
  });
});
