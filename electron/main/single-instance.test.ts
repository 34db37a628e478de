import { beforeEach, describe, expect, it, vi } from 'vitest';

// The app's entry module, loaded against a mocked Electron: what it does about a second instance.
const electron = vi.hoisted(() => ({
  gotLock: true,
  quit: vi.fn(),
  handlers: new Map<string, (...args: unknown[]) => void>(),
}));

vi.mock('electron', () => ({
  app: {
    requestSingleInstanceLock: () => electron.gotLock,
    quit: electron.quit,
    on: (event: string, fn: (...args: unknown[]) => void) => electron.handlers.set(event, fn),
    whenReady: () => new Promise(() => undefined), // the window itself is not under test here
  },
  protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
  BrowserWindow: vi.fn(),
  dialog: {},
  ipcMain: { handle: vi.fn() },
  session: {},
  shell: {},
  Menu: {},
}));

beforeEach(() => {
  vi.resetModules();
  electron.quit.mockClear();
  electron.handlers.clear();
});

describe('single instance', () => {
  it('a second instance hands over to the first and quits before touching any data', async () => {
    electron.gotLock = false;
    await import('./index');
    expect(electron.quit).toHaveBeenCalled();
    expect(electron.handlers.has('second-instance')).toBe(false);
  });

  it('the first instance keeps the lock and listens for the second', async () => {
    electron.gotLock = true;
    await import('./index');
    expect(electron.quit).not.toHaveBeenCalled();
    expect(electron.handlers.has('second-instance')).toBe(true);
    expect(electron.handlers.has('before-quit')).toBe(true);
  });
});
