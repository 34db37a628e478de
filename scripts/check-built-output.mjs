// Part of `npm test`, after the build: checks of what ships, for the Electron security checklist items that can be
// read off the built files without an Electron binary. Each failure names the file and the rule.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from './build.mjs';

const out = path.join(projectRoot, 'out');
const read = (...parts) => readFileSync(path.join(out, ...parts), 'utf8');
const jsIn = (dir) =>
  readdirSync(path.join(out, dir), { recursive: true })
    .filter((f) => String(f).endsWith('.js'))
    .map((f) => ({ file: path.join(dir, String(f)), text: read(dir, String(f)) }));
const failures = [];
const check = (ok, message) => ok || failures.push(message);

// Preload: exactly the app's three named objects, never ipcRenderer itself.
const preload = read('preload', 'index.js');
const exposed = [...preload.matchAll(/exposeInMainWorld\(\s*([A-Z_]+|"[^"]+"|'[^']+')\s*,\s*([\w.]+)\s*\)/g)];
check(exposed.length === 3, `preload: expected 3 exposeInMainWorld calls, found ${exposed.length}`);
check(!exposed.some((m) => /ipcRenderer/.test(m[2])), 'preload: ipcRenderer itself is exposed to the page');
check(!/contextBridge\.exposeInMainWorld\([^)]*ipcRenderer/.test(preload), 'preload: ipcRenderer reaches the page');
check(!/require\(["'](?!electron["'])/.test(preload), 'preload: a sandboxed preload may require only electron');

// Main: the window's secure settings and the navigation, window and permission guards.
const main = jsIn('main')
  .map((f) => f.text)
  .join('\n');
for (const setting of [
  'contextIsolation: true',
  'sandbox: true',
  'nodeIntegration: false',
  'webSecurity: true',
  'allowRunningInsecureContent: false',
  'experimentalFeatures: false',
  'webviewTag: false',
]) {
  check(main.includes(setting), `main: missing "${setting}"`);
}
for (const bad of ['nodeIntegration: true', 'contextIsolation: false', 'sandbox: false', 'webSecurity: false']) {
  check(!main.includes(bad), `main: found "${bad}"`);
}
for (const guard of [
  'setWindowOpenHandler',
  '"will-navigate"',
  'setPermissionRequestHandler',
  'setPermissionCheckHandler',
  'requestSingleInstanceLock',
]) {
  check(main.includes(guard), `main: missing ${guard}`);
}
check(!/loadFile\(|file:\/\//.test(read('main', 'index.js')), 'main: the renderer must not load from file://');

// The Content-Security-Policy the shells send.
const csp = /\[\s*"default-src[\s\S]*?\]\.join\("; "\)/.exec(main)?.[0] ?? '';
check(csp !== '', 'CSP: the policy was not found in the built main process');
check(csp.includes("script-src 'self'"), 'CSP: script-src is not limited to the app');
check(!/unsafe-inline|unsafe-eval/.test(csp), 'CSP: unsafe-inline or unsafe-eval');

// Renderer: no inline script or style, no eval.
const html = read('renderer', 'index.html');
check(!/<script(?![^>]*\bsrc=)[^>]*>/i.test(html), 'renderer: inline <script> in index.html');
check(!/\son[a-z]+=/i.test(html) && !/\sstyle=/i.test(html), 'renderer: inline handler or style in index.html');
for (const { file, text } of jsIn('renderer')) {
  check(!/\beval\(|new Function\(/.test(text), `${file}: eval or new Function (blocked by the CSP)`);
}

if (failures.length > 0) {
  for (const f of failures) console.error(`built output: ${f}`);
  process.exit(1);
}
console.log('built output: secure window settings, guards, CSP, preload surface and renderer checked.');
