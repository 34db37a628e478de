// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Entity, Stance } from '../../../../shared/domain';
import { testHighlight } from '../../test-records';
import type { StanceInput } from '../../../../shared/api-contract';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// The backend, as the editor sees it: each call recorded, and answered when the test says so.
const backend = vi.hoisted(() => {
  const calls: { method: string; args: Record<string, unknown>; answer(value: unknown): void }[] = [];
  return {
    calls,
    callApi: (method: string, args: Record<string, unknown>) =>
      new Promise((resolve) => calls.push({ method, args, answer: resolve })),
  };
});
vi.mock('../../api/client', () => ({ callApi: backend.callApi, ApiCallError: class extends Error {} }));

const { appStore, useAppStore } = await import('../../store/app-store');
const { StanceEditor } = await import('./StanceEditor');

const highlight = testHighlight();

/** The editor for the highlight as the store holds it, as the side panel shows it. */
function Panel() {
  const shown = useAppStore((s) => s.highlights.find((h) => h.id === 'h1'));
  return shown ? <StanceEditor highlight={shown} /> : null;
}

/** The editor shown for a highlight without stances, in a new page. */
function renderPanel() {
  appStore.setState({ highlights: [highlight], entities: [] });
  const container = document.body.appendChild(document.createElement('div'));
  const root = createRoot(container);
  act(() => root.render(<Panel />));
  return { container, root };
}

const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 0)));

function key(target: Element, name: string): void {
  act(() => void target.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true })));
}

/** Types a name into the focused field and presses Enter, as a person does. */
function typeAndEnter(text: string): void {
  const field = document.activeElement as HTMLInputElement;
  act(() => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(field, text);
    field.dispatchEvent(new Event('input', { bubbles: true }));
  });
  key(field, 'Enter');
}

/** S, a holder, a target, then the value's key: one stance typed. */
function typeStance(holder: string, target: string, value: string): void {
  key(document.body, 's');
  typeAndEnter(holder);
  typeAndEnter(target);
  key(document.activeElement!, value);
}

/** The backend's answer to a save: the stances as sent, with new names given ids. */
function answerSave(entities: Entity[]): Stance[] {
  const call = backend.calls.findLast((c) => c.method === 'updateHighlight')!;
  const idOf = (name: string) => {
    const known = entities.find((e) => e.name === name);
    if (known) return known.id;
    entities.push({ id: `e-${name}`, name });
    return `e-${name}`;
  };
  const stances = (call.args.stances as StanceInput[]).map((s) => ({
    holderId: s.holderName === undefined ? (s.holderId ?? null) : idOf(s.holderName),
    targetId: s.targetId ?? idOf(s.targetName!),
    stance: s.stance,
  })) as Stance[];
  call.answer({ ...highlight, stances });
  return stances;
}

afterEach(() => {
  document.body.innerHTML = '';
  backend.calls.length = 0;
});

describe('StanceEditor', () => {
  it('gives a value key to the draft even when the stance before it is saved while the draft is typed', async () => {
    const { container, root } = renderPanel();

    typeStance('Grushko', 'NATO', 'a');
    await settle();
    expect(backend.calls.map((c) => c.method)).toEqual(['updateHighlight']);

    // The second stance's holder and target are typed while the first is on its way; then the first is saved, and
    // its new names are being fetched, when the second's value key comes.
    key(document.body, 's');
    typeAndEnter('Stoltenberg');
    typeAndEnter('Russia');
    const entities: Entity[] = [];
    answerSave(entities);
    await settle();
    expect(backend.calls.map((c) => c.method)).toEqual(['updateHighlight', 'getWorkspace']);
    // Shown once, at its saved place with its names as typed, not also as "being sent".
    const holders = () => [...container.querySelectorAll<HTMLInputElement>('input[aria-label^="Holder"]')];
    expect(holders().map((f) => f.value)).toEqual(['Grushko', 'Stoltenberg']);

    key(document.activeElement!, 'f');
    const workspace = backend.calls.find((c) => c.method === 'getWorkspace')!;
    workspace.answer({ entities, variables: [] });
    await settle();

    const saves = backend.calls.filter((c) => c.method === 'updateHighlight');
    expect(saves).toHaveLength(2);
    expect((saves[1]!.args.stances as StanceInput[]).map((s) => s.stance)).toEqual(['against', 'favor']);
    answerSave(entities);
    await settle();
    expect(appStore.getState().highlights[0]!.stances.map((s) => s.stance)).toEqual(['against', 'favor']);
    act(() => root.unmount());
  });

  it('sends a value key pressed after a stance is saved to that stance', async () => {
    const { root } = renderPanel();
    typeStance('Grushko', 'NATO', 'a');
    await settle();
    const entities: Entity[] = [];
    answerSave(entities);
    await settle();
    backend.calls.find((c) => c.method === 'getWorkspace')!.answer({ entities, variables: [] });
    await settle();

    // Changed my mind: the value was favor.
    key(document.body, 'f');
    await settle();
    const saves = backend.calls.filter((c) => c.method === 'updateHighlight');
    expect(saves).toHaveLength(2);
    expect(saves[1]!.args.stances).toEqual([{ holderId: 'e-Grushko', targetId: 'e-NATO', stance: 'favor' }]);
    act(() => root.unmount());
  });
});
