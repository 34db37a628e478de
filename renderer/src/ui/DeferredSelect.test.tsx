// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DeferredSelect } from './DeferredSelect';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

afterEach(() => {
  document.body.innerHTML = '';
});

describe('DeferredSelect', () => {
  it('holds its empty and current choices until focused, then every choice, and says which is chosen', () => {
    const choices = Array.from({ length: 1_000 }, (_, i) => ({ value: `e${i}`, label: `Person ${i}` }));
    const asked = vi.fn(() => choices);
    const chosen = vi.fn();
    const container = document.body.appendChild(document.createElement('div'));
    const root = createRoot(container);
    // A thousand rows, as the holders dialog has: before, each made a thousand options with its row.
    act(() =>
      root.render(
        <>
          {choices.map((c) => (
            <DeferredSelect
              key={c.value}
              aria-label={`Merge ${c.label} into`}
              value={c.value === 'e3' ? 'e5' : ''}
              emptyLabel="Merge into…"
              current={c.value === 'e3' ? choices[5] : undefined}
              choices={asked}
              onChoose={chosen}
            />
          ))}
        </>,
      ),
    );
    const selects = [...container.querySelectorAll('select')];
    expect(container.querySelectorAll('option')).toHaveLength(1_001);
    expect(asked).not.toHaveBeenCalled();
    expect(selects[3]!.value).toBe('e5');

    act(() => selects[3]!.dispatchEvent(new FocusEvent('focusin', { bubbles: true })));
    expect(selects[3]!.querySelectorAll('option')).toHaveLength(1_001);
    expect(selects[3]!.value).toBe('e5');
    expect(container.querySelectorAll('option')).toHaveLength(1_001 + 999); // that one's, and each other's empty choice

    act(() => selects[7]!.dispatchEvent(new MouseEvent('mousedown', { bubbles: true })));
    expect(selects[7]!.querySelectorAll('option')).toHaveLength(1_001);
    act(() => {
      selects[7]!.value = 'e9';
      selects[7]!.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(chosen).toHaveBeenCalledWith('e9');
    act(() => root.unmount());
  });
});
