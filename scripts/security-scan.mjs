// Part of `npm test`, after the build: an Electronegativity scan of the built app. It fails on any HIGH or MEDIUM
// finding that security/electronegativity-allowlist.json does not list with its reason. (Electronegativity exits 0
// even with findings, so the SARIF report is read instead; offline, its Electron-releases lookup fails harmlessly.)
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { projectRoot } from './build.mjs';

const packageJson = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8'));
const electronVersion = packageJson.devDependencies.electron.replace(/^[^\d]*/, '');
const allowlist = JSON.parse(
  readFileSync(path.join(projectRoot, 'security', 'electronegativity-allowlist.json'), 'utf8'),
);
const allowed = new Map(allowlist.map((entry) => [entry.ruleId, entry.reason]));
for (const [ruleId, reason] of allowed) {
  if (typeof reason !== 'string' || reason.trim().length < 20) {
    console.error(`security scan: the allowlist entry ${ruleId} needs a real reason.`);
    process.exit(1);
  }
}

// The scan sees what ships: the app's built folders in out/ (not out/bench, the bench's own builds, which include the
// peer it compares against), with the package.json that names the Electron version.
const stage = mkdtempSync(path.join(tmpdir(), 'stance-annotator-scan-'));
try {
  for (const part of ['main', 'preload', 'renderer'])
    cpSync(path.join(projectRoot, 'out', part), path.join(stage, 'app', 'out', part), { recursive: true });
  cpSync(path.join(projectRoot, 'package.json'), path.join(stage, 'app', 'package.json'));
  const report = path.join(stage, 'report.sarif');
  const bin = path.join(projectRoot, 'node_modules', '.bin', 'electronegativity');
  const run = spawnSync(bin, ['-i', path.join(stage, 'app'), '-e', electronVersion, '-s', 'medium', '-o', report], {
    encoding: 'utf8',
    timeout: 5 * 60 * 1000,
  });
  if (!existsSync(report)) {
    console.error(`security scan: Electronegativity wrote no report.\n${run.stdout}\n${run.stderr}`);
    process.exit(1);
  }
  const results = JSON.parse(readFileSync(report, 'utf8')).runs.flatMap((r) => r.results ?? []);
  const unexpected = results.filter((r) => !allowed.has(r.ruleId));
  for (const r of results.filter((x) => allowed.has(x.ruleId))) {
    console.log(`security scan: allowed ${r.ruleId}: ${allowed.get(r.ruleId)}`);
  }
  if (unexpected.length > 0) {
    for (const r of unexpected) {
      const where = r.locations?.[0]?.physicalLocation;
      console.error(
        `security scan: ${r.ruleId} (${r.message?.text}) at ${where?.artifactLocation?.uri}:${where?.region?.startLine}`,
      );
    }
    console.error(
      `security scan: ${unexpected.length} HIGH/MEDIUM finding(s) not in security/electronegativity-allowlist.json.`,
    );
    process.exit(1);
  }
  console.log(`security scan: Electronegativity ${electronVersion}: ${results.length} finding(s), all reviewed.`);
} finally {
  rmSync(stage, { recursive: true, force: true });
}
