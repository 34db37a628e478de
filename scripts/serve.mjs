// `npm run serve -- [--port N] [--data-dir DIR]`: build, then run the browser mode in the foreground.
import path from 'node:path';
import { build, projectRoot, runNodeScript } from './build.mjs';

build();
runNodeScript(path.join(projectRoot, 'out', 'main', 'serve.js'), process.argv.slice(2));
