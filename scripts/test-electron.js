#!/usr/bin/env node
/**
 * `npm run test:electron`: the same integration suites in a desktop VS Code that @vscode/test-electron
 * downloads (for machines with network access; CI uses the offline host of `npm run test:integration`).
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { runTests } = require('@vscode/test-electron');
const { buildSuites, copyFixture } = require('./test-integration');

const ROOT = path.resolve(__dirname, '..');

async function main() {
  const tests = await buildSuites();
  const workspace = copyFixture();
  try {
    await runTests({
      version: process.env.PERFGUARD_VSCODE_VERSION || '1.96.4',
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: tests,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    });
    return 0;
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    return 1;
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code));
