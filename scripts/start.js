#!/usr/bin/env node
/**
 * `npm start`: builds perfguard, makes sure the offline VS Code host is installed (.vscode-test/), starts
 * code-server with perfguard loaded on examples/ecommerce-platform, prints the address to open in a browser
 * and the CLI's report of the example. Stops with Ctrl+C.
 *
 *   node scripts/start.js --screenshot   take media/screenshot.png (squiggles and a quick fix) and exit
 *   PERFGUARD_PORT=8080                  fixed port instead of a free one
 */
/* global setTimeout */
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { ensureHost, startServer, launchBrowser, workbenchUrl, remote, ROOT } = require('./vscode-host');

const EXAMPLE = path.join(ROOT, 'examples', 'ecommerce-platform');
const screenshot = process.argv.includes('--screenshot');

function step(msg) {
  process.stdout.write(`\n▶ ${msg}\n`);
}

function build() {
  step('building perfguard (npm run build)');
  const r = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('build failed');
}

function cliReport() {
  const cli = path.join(ROOT, 'dist', 'cli.js');
  if (!fs.existsSync(cli)) {
    step('the CLI (dist/cli.js) is not built yet: skipping the report');
    return;
  }
  step('perfguard lint examples/ecommerce-platform');
  spawnSync(process.execPath, [cli, 'lint', '.'], { cwd: EXAMPLE, stdio: 'inherit' });
}

async function takeScreenshot(port) {
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    const payload = [
      ['extensionDevelopmentPath', remote(port, ROOT)],
      ['skipWelcome', 'true'],
    ];
    await page.goto(workbenchUrl(port, EXAMPLE, payload));
    await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
    await page.waitForTimeout(4000);
    // Open the analytics handler through Quick Open.
    await page.keyboard.press('Control+P');
    await page.waitForSelector('.quick-input-widget', { state: 'visible' });
    await page.keyboard.type('analytics/app.py');
    await page.waitForSelector('.quick-input-list .monaco-list-row[aria-label*="app.py"]', {
      timeout: 20000,
    });
    await page.waitForTimeout(300);
    await page.keyboard.press('Enter');
    await page.waitForSelector('.monaco-editor .view-lines', { timeout: 20000 }).catch(async (e) => {
      await page.screenshot({ path: path.join(ROOT, 'test-results', 'start-failure.png') });
      throw e;
    });
    await page.waitForSelector('.squiggly-warning, .squiggly-error', { timeout: 30000 });
    // The cursor on the client built in the handler, then the quick fix menu.
    await page.keyboard.press('Control+G');
    await page.keyboard.type('8:16');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(800);
    await page.keyboard.press('Control+.');
    await page.waitForSelector('.action-widget', { state: 'visible', timeout: 15000 });
    await page.waitForTimeout(800);
    const out = path.join(ROOT, 'media', 'screenshot.png');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    await page.screenshot({ path: out });
    step(`screenshot saved to ${path.relative(ROOT, out)}`);
  } finally {
    await browser.close();
  }
}

async function main() {
  build();
  step('preparing the VS Code host (.vscode-test/, once)');
  ensureHost();
  step('starting code-server');
  const server = await startServer(EXAMPLE, {
    settings: {
      'workbench.colorTheme': 'Default Light Modern',
      'editor.minimap.enabled': false,
      'git.openRepositoryInParentFolders': 'never',
      'git.enabled': false,
    },
    port: process.env.PERFGUARD_PORT ? Number(process.env.PERFGUARD_PORT) : undefined,
  });
  const stop = () => {
    server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const url = workbenchUrl(server.port, EXAMPLE, [
    ['extensionDevelopmentPath', remote(server.port, ROOT)],
    ['skipWelcome', 'true'],
  ]);
  cliReport();
  if (screenshot) {
    try {
      await takeScreenshot(server.port);
    } finally {
      server.stop();
    }
    return;
  }
  step('perfguard is running on the example. Open this address in a browser (Ctrl+C stops it):');
  process.stdout.write(`\n    ${url}\n\n`);
  await new Promise(() => setTimeout(() => undefined, 2 ** 31 - 1));
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
