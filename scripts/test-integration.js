#!/usr/bin/env node
/**
 * `npm run test:integration`: bundles the integration suites (test/integration → out/integration), copies the
 * fixture workspace to a temporary folder (tests edit files), and runs the suites inside the real VS Code host
 * (scripts/vscode-host.js). Exits with the tests' code.
 *
 *   PERFGUARD_TEST_GREP=<pattern>   run only matching tests
 *   PERFGUARD_KEEP=1                keep the host's user-data dir (logs of the perfguard output channel) in /tmp
 */
'use strict';
const esbuild = require('esbuild');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { runTests, ROOT } = require('./vscode-host');

async function buildSuites() {
  const src = path.join(ROOT, 'test', 'integration');
  const out = path.join(ROOT, 'out', 'integration');
  fs.rmSync(out, { recursive: true, force: true });
  const entryPoints = [path.join(src, 'index.ts')];
  for (const f of fs.readdirSync(path.join(src, 'suite'))) {
    if (f.endsWith('.test.ts')) entryPoints.push(path.join(src, 'suite', f));
  }
  await esbuild.build({
    entryPoints,
    outdir: out,
    outbase: src,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return path.join(out, 'index.js');
}

/** A fresh copy of the fixture workspace in a temporary folder. */
function copyFixture() {
  const fixture = path.join(ROOT, 'test', 'fixtures', 'workspace');
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'perfguard-ws-'));
  fs.cpSync(fixture, workspace, { recursive: true });
  return workspace;
}

module.exports = { buildSuites, copyFixture };

async function main() {
  const tests = await buildSuites();
  const workspace = copyFixture();
  try {
    return await runTests(workspace, tests);
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error(e instanceof Error ? e.stack : e);
      process.exit(2);
    },
  );
}
