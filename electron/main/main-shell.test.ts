import { beforeEach, describe, expect, it, vi } from 'vitest';

// The Electron binary is not needed: the shell's modules are checked against a recording mock of the API.
const mocks = vi.hoisted(() => ({
  handlers: new Map<string, (...args: unknown[]) => unknown>(),
  appEvents: new Map<string, (...args: unknown[]) => void>(),
  permissionRequestHandler: undefined as undefined | ((...args: unknown[]) => void),
  permissionCheckHandler: undefined as undefined | (() => boolean),
  protocolHandler: undefined as undefined | ((request: Request) => Promise<Response>),
  openedExternally: [] as string[],
  saveDialogAnswer: { canceled: true, filePath: undefined } as { canceled: boolean; filePath?: string },
  privileged: [] as unknown[],
}));

vi.mock('electron', () => ({
  dialog: { showSaveDialog: async () => mocks.saveDialogAnswer },
  shell: { openExternal: async (url: string) => void mocks.openedExternally.push(url) },
  Menu: { buildFromTemplate: vi.fn(), setApplicationMenu: vi.fn() },
  ipcMain: { handle: (channel: string, fn: (...args: unknown[]) => unknown) => mocks.handlers.set(channel, fn) },
  app: { on: (event: string, fn: (...args: unknown[]) => void) => mocks.appEvents.set(event, fn) },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (fn: (...args: unknown[]) => void) => (mocks.permissionRequestHandler = fn),
      setPermissionCheckHandler: (fn: () => boolean) => (mocks.permissionCheckHandler = fn),
    },
  },
  protocol: {
    registerSchemesAsPrivileged: (schemes: unknown[]) => mocks.privileged.push(...schemes),
    handle: (_scheme: string, fn: (request: Request) => Promise<Response>) => (mocks.protocolHandler = fn),
  },
}));

const { apiMethods } = await import('../../shared/api-contract');
const { registerApiHandlers } = await import('./ipc');
const { hardenWebContents } = await import('./hardening');
const { secureWebPreferences } = await import('./main-window');
const { APP_ORIGIN, handleAppProtocol, registerAppSchemeAsPrivileged } = await import('./app-protocol');

beforeEach(() => mocks.handlers.clear());

describe('IPC', () => {
  let backend = vi.fn();
  beforeEach(() => {
    backend = vi.fn(async () => ({ ok: true as const, value: { highlightId: 'x' } }));
  });
  const event = (url: string | undefined) => ({ sender: { id: 1 }, senderFrame: url === undefined ? null : { url } });

  it('registers exactly one channel per API method', () => {
    registerApiHandlers(backend, [APP_ORIGIN]);
    expect([...mocks.handlers.keys()].sort()).toEqual(apiMethods.map((m) => `api:${m}`).sort());
  });

  it('passes the payload of the app’s own page to the backend, untouched', async () => {
    registerApiHandlers(backend, [APP_ORIGIN]);
    const payload = { highlightId: 'h1' };
    await mocks.handlers.get('api:deleteHighlight')!(event(`${APP_ORIGIN}/index.html`), payload);
    // With the window's own session, for its own undo history.
    expect(backend).toHaveBeenCalledWith('deleteHighlight', payload, 'window-1');
  });

  it('refuses calls from any other frame', async () => {
    registerApiHandlers(backend, [APP_ORIGIN]);
    for (const url of [
      'https://evil.example/',
      'file:///etc/passwd',
      'app://other/index.html',
      'not a url',
      undefined,
    ]) {
      const result = await mocks.handlers.get('api:getWorkspace')!(event(url), {});
      expect(result).toMatchObject({ ok: false });
    }
    expect(backend).not.toHaveBeenCalled();
  });
});

describe('window and web contents', () => {
  it('uses the secure web preferences', () => {
    expect(secureWebPreferences('/p.js')).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
  });

  it('denies permissions, navigation, new windows and webviews', () => {
    hardenWebContents();
    const callback = vi.fn();
    mocks.permissionRequestHandler!({}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(mocks.permissionCheckHandler!()).toBe(false);

    const listeners = new Map<string, (event: { preventDefault(): void }) => void>();
    let openHandler: ((details: { url: string }) => unknown) | undefined;
    const contents = {
      on: (name: string, fn: (event: { preventDefault(): void }) => void) => listeners.set(name, fn),
      setWindowOpenHandler: (fn: (details: { url: string }) => unknown) => (openHandler = fn),
    };
    mocks.appEvents.get('web-contents-created')!({}, contents);
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const preventDefault = vi.fn();
      listeners.get(name)!({ preventDefault });
      expect(preventDefault, name).toHaveBeenCalled();
    }
    for (const url of [
      'https://example.org/article',
      'http://example.org/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://share/x',
      'not a url',
    ]) {
      expect(openHandler!({ url }), url).toEqual({ action: 'deny' });
    }
    // Only the https link went to the system browser.
    expect(mocks.openedExternally).toEqual(['https://example.org/article']);
  });
});

describe('app:// protocol', () => {
  it('is registered as a standard, secure scheme', () => {
    registerAppSchemeAsPrivileged();
    expect(mocks.privileged).toContainEqual({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    });
  });

  it('serves the renderer folder with the CSP and refuses everything outside it', async () => {
    const { mkdtemp, writeFile, mkdir } = await import('node:fs/promises');
    const path = await import('node:path');
    const os = await import('node:os');
    const root = await mkdtemp(path.join(os.tmpdir(), 'sa-proto-'));
    await mkdir(path.join(root, 'renderer'));
    await writeFile(path.join(root, 'renderer', 'index.html'), '<title>ok</title>');
    await writeFile(path.join(root, 'secret.txt'), 'secret');
    handleAppProtocol(path.join(root, 'renderer'));

    const ok = await mocks.protocolHandler!(new Request(`${APP_ORIGIN}/index.html`));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toContain("script-src 'self'");
    for (const url of [
      `${APP_ORIGIN}/%2e%2e/secret.txt`,
      `${APP_ORIGIN}/..%2fsecret.txt`,
      `${APP_ORIGIN}/%2Fetc%2Fpasswd`,
      `${APP_ORIGIN}//etc/passwd`,
      `${APP_ORIGIN}/${encodeURIComponent(root)}%2Fsecret.txt`,
      'app://other/index.html',
    ]) {
      expect((await mocks.protocolHandler!(new Request(url))).status, url).toBe(404);
    }
  });
});

describe('quitting', () => {
  it('waits for calls under way before it is idle', async () => {
    const { whenIdle, callsInFlight } = await import('./ipc');
    let finish: () => void = () => undefined;
    type Answer = { ok: true; value: { highlightId: string } };
    const slow = vi.fn(
      () => new Promise<Answer>((resolve) => (finish = () => resolve({ ok: true, value: { highlightId: 'x' } }))),
    );
    registerApiHandlers(slow, [APP_ORIGIN]);
    void mocks.handlers.get('api:deleteHighlight')!(
      { sender: { id: 1 }, senderFrame: { url: `${APP_ORIGIN}/` } },
      { highlightId: 'x' },
    );
    expect(callsInFlight()).toBe(1);
    let idle = false;
    const waiting = whenIdle().then(() => (idle = true));
    await Promise.resolve();
    expect(idle).toBe(false);
    finish();
    await waiting;
    expect(callsInFlight()).toBe(0);
  });
});

describe('native menu', () => {
  it('sends Undo, Redo and Find to the page, showing shortcuts the page handles itself', async () => {
    const { buildAppMenuTemplate } = await import('./app-menu');
    const sent: string[] = [];
    const template = buildAppMenuTemplate((command) => sent.push(command));
    const items = template.flatMap((menu) => (Array.isArray(menu.submenu) ? menu.submenu : []));
    const byLabel = (label: string) => items.find((item) => item.label === label)!;
    for (const [label, accelerator] of [
      ['Undo', 'CmdOrCtrl+Z'],
      ['Redo', 'Shift+CmdOrCtrl+Z'],
      ['Find in Article', 'CmdOrCtrl+F'],
    ] as const) {
      expect(byLabel(label)).toMatchObject({ accelerator, registerAccelerator: false });
    }
    for (const label of [
      'Undo',
      'Redo',
      'Find in Article',
      'Edit Codebook…',
      'Holders and Targets…',
      'Replace Text of Document…',
      'Intercoder Agreement…',
      'Curate Document',
      'Search Library…',
      'Coded Segments…',
      'Stance Map…',
      'Tags by Document…',
      'Stances over Time…',
    ]) {
      (byLabel(label).click as () => void)();
    }
    expect(sent).toEqual([
      'undo',
      'redo',
      'find',
      'edit-codebook',
      'edit-entities',
      'replace-text',
      'agreement',
      'curate',
      'search-library',
      'coded-segments',
      'stance-map',
      'tag-matrix',
      'stances-over-time',
    ]);
  });
});

describe('saving an export from Electron', () => {
  it('asks where with a native dialog, has the backend write there, and refuses bad requests and strangers', async () => {
    const { registerSaveExport } = await import('./save-export');
    const { mkdir, mkdtemp, readFile, readdir, rm } = await import('node:fs/promises');
    const path = await import('node:path');
    const os = await import('node:os');
    const { openSampleBackend, SAMPLE_CLAIM } = await import('../backend/test-support');
    const { buildExport } = await import('../../shared/export/build-export');
    const folder = await mkdtemp(path.join(os.tmpdir(), 'sa-save-'));
    const { store, highlight } = await openSampleBackend(path.join(folder, 'library'));
    await highlight(SAMPLE_CLAIM);
    registerSaveExport(() => null, [APP_ORIGIN], store);
    const save = mocks.handlers.get('shell:save-export')!;
    const fromApp = { senderFrame: { url: `${APP_ORIGIN}/index.html` } };
    const exportsFolder = path.join(folder, 'exports');
    await mkdir(exportsFolder);

    expect(await save({ senderFrame: { url: 'https://evil.example/' } }, { kind: 'annotations' })).toMatchObject({
      saved: false,
      error: expect.stringContaining('from the app only'),
    });
    expect(await save(fromApp, { kind: 'annotations', filePath: '/etc/cron.d/x' })).toMatchObject({
      saved: false,
      error: expect.stringContaining('Invalid export request'),
    });
    mocks.saveDialogAnswer = { canceled: true };
    expect(await save(fromApp, { kind: 'annotations' })).toEqual({ saved: false });
    expect(await readdir(exportsFolder)).toEqual([]);

    const target = path.join(exportsFolder, 'chosen.csv');
    mocks.saveDialogAnswer = { canceled: false, filePath: target };
    expect(await save(fromApp, { kind: 'annotations', bom: false })).toEqual({ saved: true, path: target });
    const expected = buildExport(store.data, 'annotations', {}, { bom: false, formulaEscape: true }).content;
    expect(await readFile(target, 'utf8')).toBe(expected);
    expect(expected).toContain(SAMPLE_CLAIM);

    mocks.saveDialogAnswer = { canceled: false, filePath: path.join(folder, 'missing', 'x.csv') };
    expect(await save(fromApp, { kind: 'codebook' })).toMatchObject({
      saved: false,
      error: expect.stringMatching(/^Could not write .*x\.csv: The folder .* does not exist\.$/),
    });
    await rm(folder, { recursive: true, force: true });
  });
});
