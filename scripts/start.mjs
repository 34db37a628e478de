// `npm start`: build, then run the Electron app. Without an Electron binary (and when electron's own installer cannot
// fetch one, as on an offline machine), or without a display, start the browser mode instead and print its URL.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { build, projectRoot, runNodeScript } from './build.mjs';
import { electronExecutable, tryInstallElectron } from './electron-binary.mjs';

const args = process.argv.slice(2);
build();

let executable = electronExecutable();
let reason = null;
if (!executable) {
  const installError = tryInstallElectron();
  executable = electronExecutable();
  if (!executable) reason = `the Electron binary is not installed and could not be downloaded (${installError})`;
}
if (executable && process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  reason = 'there is no display to open a window on';
}

if (reason) {
  console.log(`Stance Annotator: ${reason}; starting the browser mode instead.`);
  runNodeScript(path.join(projectRoot, 'out', 'main', 'serve.js'), args);
} else {
  // Chromium refuses to run as root with its OS sandbox; the renderer stays sandboxed by Electron's own settings.
  const rootArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  const child = spawnSync(executable, [...rootArgs, projectRoot, ...args], { stdio: 'inherit' });
  process.exit(child.status ?? 1);
}
