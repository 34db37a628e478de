// @vitest-environment happy-dom
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('../api/client', () => ({ callApi: () => new Promise(() => undefined), ApiCallError: class extends Error {} }));

const { appStore } = await import('../store/app-store');
const { SettingsBar } = await import('./SettingsBar');

afterEach(() => {
  document.body.innerHTML = '';
});

describe('SettingsBar', () => {
  it('takes a coder name only once the library is open, showing the saved one', () => {
    const settings = { annotator: '', lastDocumentId: null, snapToWords: true, readingPositions: {} };
    appStore.setState({ loadState: 'loading', settings });
    const container = document.body.appendChild(document.createElement('div'));
    const root = createRoot(container);
    flushSync(() => root.render(<SettingsBar />));
    const field = container.querySelector<HTMLInputElement>('input[placeholder="Your name"]')!;
    expect(field.disabled).toBe(true);

    flushSync(() => appStore.setState({ loadState: 'ready', settings: { ...settings, annotator: 'Tester' } }));
    expect(field.disabled).toBe(false);
    expect(field.value).toBe('Tester');
    root.unmount();
  });
});
