// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// The backend, as the dialog sees it: each call recorded, and answered (or failed) when the test says so.
const backend = vi.hoisted(() => {
  const calls: {
    method: string;
    args: Record<string, unknown>;
    answer(value: unknown): void;
    fail(error: Error): void;
  }[] = [];
  class ApiCallError extends Error {
    constructor(readonly error: { code: string; message: string }) {
      super(error.message);
    }
  }
  return {
    calls,
    ApiCallError,
    callApi: (method: string, args: Record<string, unknown>) =>
      new Promise((resolve, reject) => calls.push({ method, args, answer: resolve, fail: reject })),
  };
});
vi.mock('../../api/client', () => ({ callApi: backend.callApi, ApiCallError: backend.ApiCallError }));

const { ReplaceTextDialog } = await import('./ReplaceTextDialog');
const { appStore } = await import('../../store/app-store');

const wait = (ms: number) => act(() => new Promise((resolve) => setTimeout(resolve, ms)));
const pending = (method: string) => backend.calls.filter((c) => c.method === method);

/** Types `text` as the new text, and submits the form. */
function replaceWith(container: HTMLElement, text: string): void {
  const field = container.querySelector('textarea')!;
  act(() => {
    Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!.call(field, text);
    field.dispatchEvent(new Event('input', { bubbles: true }));
  });
  act(() => container.querySelector('form')!.requestSubmit());
}

afterEach(() => {
  document.body.innerHTML = '';
  backend.calls.length = 0;
});

describe('ReplaceTextDialog', () => {
  it('shows how far the re-anchoring is, and Cancel stops it with nothing replaced', async () => {
    const container = document.body.appendChild(document.createElement('div'));
    const root = createRoot(container);
    const onClose = vi.fn();
    act(() => root.render(<ReplaceTextDialog document={{ id: 'doc', title: 'Treaty' }} onClose={onClose} />));
    replaceWith(container, 'A different text.');
    await wait(0);
    const [replace] = pending('replaceDocumentText');
    expect(replace!.args).toMatchObject({ documentId: 'doc', text: 'A different text.', jobId: expect.any(String) });

    // The page asks how far the job is (every quarter of a second), and shows it.
    while (pending('getJobProgress').length === 0) await wait(50);
    for (const ask of pending('getJobProgress')) {
      expect(ask.args).toEqual({ jobId: replace!.args.jobId });
      ask.answer({ done: 1_200, total: 10_000 });
    }
    await wait(0);
    expect(container.textContent).toContain('Re-anchoring highlight 1,200 of 10,000…');
    expect(container.querySelector('progress')!.getAttribute('value')).toBe('1200');

    // Cancel stops the job (the dialog stays open), and says that nothing changed.
    const cancel = [...container.querySelectorAll('button')].find((b) => b.textContent === 'Cancel')!;
    act(() => cancel.click());
    expect(pending('cancelJob').map((c) => c.args)).toEqual([{ jobId: replace!.args.jobId }]);
    expect(onClose).not.toHaveBeenCalled();
    replace!.fail(
      new backend.ApiCallError({ code: 'cancelled', message: 'Cancelled: nothing was changed or written.' }),
    );
    await wait(0);
    // Said, not alerted: cancelling was the analyst's choice, nothing went wrong.
    expect(container.querySelector('[role="status"]')!.textContent).toBe(
      'Cancelled: the text was not replaced, and nothing changed.',
    );
    expect(container.querySelector('[role="alert"]')).toBeNull();
    expect(container.querySelector('progress')).toBeNull();
    // Nothing failed, and nothing is there to undo.
    expect(appStore.getState()).toMatchObject({ saveState: 'saved', canUndo: false, saveError: null });
    // Once stopped, Cancel closes the dialog again.
    act(() => [...container.querySelectorAll('button')].find((b) => b.textContent === 'Cancel')!.click());
    expect(onClose).toHaveBeenCalledOnce();
    act(() => root.unmount());
  });

  it('stops the replacement when the dialog is closed while it runs', async () => {
    const container = document.body.appendChild(document.createElement('div'));
    const root = createRoot(container);
    let open = true;
    const render = () =>
      root.render(
        open ? (
          <ReplaceTextDialog
            document={{ id: 'doc', title: 'Treaty' }}
            onClose={() => {
              open = false;
              render();
            }}
          />
        ) : null,
      );
    act(render);
    replaceWith(container, 'A different text.');
    await wait(0);
    const [replace] = pending('replaceDocumentText');
    // Closed with its × (Escape does the same: both are the dialog's onClose) while the job runs.
    act(() => container.querySelector<HTMLButtonElement>('button[aria-label="Close"]')!.click());
    expect(container.querySelector('dialog')).toBeNull();
    expect(pending('cancelJob').map((c) => c.args)).toEqual([{ jobId: replace!.args.jobId }]);
    // Nor does the page go on asking how far it is.
    const asked = pending('getJobProgress').length;
    await wait(600);
    expect(pending('getJobProgress').length).toBe(asked);
    replace!.fail(
      new backend.ApiCallError({ code: 'cancelled', message: 'Cancelled: nothing was changed or written.' }),
    );
    await wait(0);
    expect(appStore.getState()).toMatchObject({ saveState: 'saved', canUndo: false, saveError: null });
    act(() => root.unmount());
  });
});
