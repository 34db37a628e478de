// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DocumentSummary, Variable } from '../../../../shared/domain';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const { VariableCell } = await import('./VariableCell');
const { appStore } = await import('../../store/app-store');

const variable: Variable = { id: 'var-region', name: 'Region', type: 'text', values: [] };
const document_ = {
  id: 'doc-1',
  title: 'Treaty',
  variables: { 'var-region': 'Baltic' },
} as unknown as DocumentSummary;

let root: Root | null = null;
afterEach(() => {
  act(() => root?.unmount());
  root = null;
  document.body.innerHTML = '';
});

/** Renders the cell, opens it for editing, and types `text` into its field. */
function editTo(text: string): { container: HTMLElement; update: ReturnType<typeof vi.fn> } {
  const update = vi.fn(() => Promise.resolve(true));
  appStore.setState({ updateDocumentMeta: update });
  const container = document.body.appendChild(document.createElement('div'));
  root = createRoot(container);
  act(() => root!.render(<VariableCell document={document_} variable={variable} />));
  act(() => container.querySelector('button')!.click());
  const field = container.querySelector('input')!;
  act(() => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(field, text);
    field.dispatchEvent(new Event('input', { bubbles: true }));
  });
  return { container, update };
}

describe('VariableCell', () => {
  it('saves what was typed when its row leaves the rendered rows while it is edited', () => {
    const { update } = editTo('Nordic');
    expect(update).not.toHaveBeenCalled();
    act(() => root!.unmount());
    root = null;
    expect(update).toHaveBeenCalledExactlyOnceWith('doc-1', { variables: { 'var-region': 'Nordic' } });
  });

  it('saves nothing on leaving after Escape, or when the value did not change', () => {
    const { container, update } = editTo('Nordic');
    act(() => {
      container
        .querySelector('.cell-editor')!
        .dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    act(() => root!.unmount());
    root = null;
    const unchanged = editTo('Baltic');
    act(() => root!.unmount());
    root = null;
    expect(update).not.toHaveBeenCalled();
    expect(unchanged.update).not.toHaveBeenCalled();
  });

  it('saves once on Enter, not again when it then leaves', () => {
    const { container, update } = editTo('Nordic');
    act(() => {
      container.querySelector('input')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    });
    act(() => root!.unmount());
    root = null;
    expect(update).toHaveBeenCalledExactlyOnceWith('doc-1', { variables: { 'var-region': 'Nordic' } });
  });
});
