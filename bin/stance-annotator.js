#!/usr/bin/env node
// The command-line exporter: `npx stance-annotator --help`. Runs the built CLI, building the project first if needed.
'use strict';
const { existsSync } = require('node:fs');
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const cli = path.join(root, 'out', 'main', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write('stance-annotator: building the project first (once)…\n');
  const build = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  if (build.status !== 0) {
    process.stderr.write('stance-annotator: the build failed; run `npm run build` to see why.\n');
    process.exit(1);
  }
}
require(cli);
