#!/usr/bin/env node
/**
 * A real VS Code host, offline: code-server 4.96.4 (VS Code 1.96.4, runs on Node 20) driven by Debian's
 * Chromium through playwright-core. Used by `npm run test:integration` and `npm start`.
 *
 *   node scripts/vscode-host.js ensure                      install the host into .vscode-test/ (once)
 *   node scripts/vscode-host.js test <workspace> <tests.js>  run an extension test module, exit with its code
 *   node scripts/vscode-host.js serve <workspace>            start code-server with perfguard, print the URL
 *
 * The installer repeats code-server's postinstall by hand (it needs downloads otherwise), and skips
 * everything when the cache holds a complete install (marker file).
 */
/* global setTimeout, clearTimeout */
'use strict';
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const http = require('http');
const net = require('net');
const os = require('os');
const path = require('path');
const util = require('util');

const ROOT = path.resolve(__dirname, '..');
const CODE_SERVER_VERSION = '4.96.4';
const CACHE = path.join(ROOT, '.vscode-test', `code-server-${CODE_SERVER_VERSION}`);
const MARKER = path.join(CACHE, '.perfguard-host-complete');
const CODE_SERVER = path.join(CACHE, 'node_modules', 'code-server');
const VSCODE = path.join(CODE_SERVER, 'lib', 'vscode');
const CHROMIUM = process.env.PERFGUARD_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Workbench chatter that is not test output (shown with PERFGUARD_HOST_VERBOSE=1). */
const NOISE =
  /^(Resolving connection token|Resolved connection token|Creating a socket|Ignoring fetching additional builtin|Updating additional builtin|\[Service Worker\])/;

function log(msg) {
  process.stderr.write(`[vscode-host] ${msg}\n`);
}

function run(cmd, args, cwd) {
  log(`${path.relative(ROOT, cwd) || '.'}$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'], env: process.env });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd} (exit ${r.status})`);
}

function which(bin) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    const p = path.join(dir, bin);
    if (fs.existsSync(p)) return p;
  }
  return undefined;
}

/** Install code-server and perform its postinstall steps, once. */
function ensureHost() {
  if (fs.existsSync(MARKER)) return;
  const started = Date.now();
  log(
    `installing code-server ${CODE_SERVER_VERSION} into ${path.relative(ROOT, CACHE)} (about 3 minutes, once)`,
  );
  fs.mkdirSync(CACHE, { recursive: true });
  // Its own package.json and .npmrc, so the project's `ignore-scripts=true` does not apply to the rebuilds.
  fs.writeFileSync(
    path.join(CACHE, 'package.json'),
    JSON.stringify({ name: 'perfguard-vscode-host', private: true }, null, 2) + '\n',
  );
  fs.writeFileSync(path.join(CACHE, '.npmrc'), 'fund=false\naudit=false\n');
  const npm = 'npm';
  if (!fs.existsSync(path.join(CODE_SERVER, 'package.json'))) {
    run(npm, ['install', '--ignore-scripts', '--no-save', `code-server@${CODE_SERVER_VERSION}`], CACHE);
  }

  // 1. @vscode/proxy-agent: a git URL in the shrinkwrap; point it at the registry tarball of the same version.
  const shrinkwrapPath = path.join(VSCODE, 'npm-shrinkwrap.json');
  if (fs.existsSync(shrinkwrapPath)) {
    const sw = JSON.parse(fs.readFileSync(shrinkwrapPath, 'utf8'));
    const fixEntry = (entry) => {
      if (!entry || typeof entry !== 'object') return;
      const version = entry.version && /^\d/.test(entry.version) ? entry.version : '0.27.0';
      entry.version = version;
      entry.resolved = `https://registry.npmjs.org/@vscode/proxy-agent/-/proxy-agent-${version}.tgz`;
      delete entry.integrity;
    };
    if (sw.packages) fixEntry(sw.packages['node_modules/@vscode/proxy-agent']);
    if (sw.dependencies) fixEntry(sw.dependencies['@vscode/proxy-agent']);
    fs.writeFileSync(shrinkwrapPath, JSON.stringify(sw, null, 2) + '\n');
  }
  // 2. VS Code's production dependencies, then the native modules it needs.
  run(npm, ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], VSCODE);
  run(
    npm,
    ['rebuild', '--ignore-scripts=false', 'node-pty', '@vscode/spdlog', 'native-watchdog', '@parcel/watcher'],
    VSCODE,
  );
  // 3. ripgrep from Debian (the npm package downloads it).
  const rg = which('rg');
  if (!rg) throw new Error('ripgrep is missing: apt-get install ripgrep');
  const rgDir = path.join(VSCODE, 'node_modules', '@vscode', 'ripgrep', 'bin');
  fs.mkdirSync(rgDir, { recursive: true });
  fs.copyFileSync(rg, path.join(rgDir, 'rg'));
  fs.chmodSync(path.join(rgDir, 'rg'), 0o755);
  // 4. The server looks for node_modules.asar.
  const asar = path.join(VSCODE, 'node_modules.asar');
  if (!fs.existsSync(asar)) fs.symlinkSync('node_modules', asar);
  // 5. Built-in extensions' dependencies.
  run(
    npm,
    ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'],
    path.join(VSCODE, 'extensions'),
  );
  // 6. argon2 (password hashing; loaded even with --auth none).
  run(npm, ['rebuild', '--ignore-scripts=false', 'argon2'], CACHE);
  fs.writeFileSync(MARKER, `${new Date().toISOString()}\n`);
  log(`host installed in ${Math.round((Date.now() - started) / 1000)} s`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function get(url) {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('error', () => resolve(0));
    req.setTimeout(2000, () => {
      req.destroy();
      resolve(0);
    });
  });
}

async function waitHealthy(port, proc, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`code-server exited with ${proc.exitCode}`);
    if ((await get(`http://127.0.0.1:${port}/healthz`)) === 200) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('code-server did not become healthy in time');
}

/**
 * Start code-server on a free loopback port with a fresh user-data dir. Returns { port, proc, userDataDir, stop }.
 * `settings` are merged into the user settings.
 */
async function startServer(workspace, { settings = {}, env = {}, quiet = false, port: fixedPort } = {}) {
  ensureHost();
  const port = fixedPort || (await freePort());
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'perfguard-host-'));
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(path.join(userDataDir, 'ext'), { recursive: true });
  fs.writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify(
      {
        'security.workspace.trust.enabled': false,
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'telemetry.telemetryLevel': 'off',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'update.mode': 'none',
        'workbench.enableExperiments': false,
        ...settings,
      },
      null,
      2,
    ),
  );
  const args = [
    path.join(CODE_SERVER, 'out', 'node', 'entry.js'),
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    path.join(userDataDir, 'ext'),
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    workspace,
  ];
  const proc = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, EXTENSIONS_GALLERY: '{"serviceUrl":""}', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const output = [];
  const keep = (chunk) => {
    output.push(chunk.toString());
    if (output.length > 400) output.shift();
    if (!quiet && process.env.PERFGUARD_HOST_VERBOSE) process.stderr.write(chunk);
  };
  proc.stdout.on('data', keep);
  proc.stderr.on('data', keep);
  const stop = () => {
    if (proc.exitCode === null && proc.signalCode === null) {
      try {
        process.kill(-proc.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
      setTimeout(() => {
        try {
          if (proc.exitCode === null) process.kill(-proc.pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }, 2000).unref();
    }
    if (!process.env.PERFGUARD_KEEP) fs.rmSync(userDataDir, { recursive: true, force: true, maxRetries: 3 });
  };
  try {
    await waitHealthy(port, proc, 60000);
  } catch (e) {
    stop();
    process.stderr.write(output.join(''));
    throw e;
  }
  return { port, proc, userDataDir, stop, output };
}

function workbenchUrl(port, workspace, payload) {
  const q = `folder=${encodeURIComponent(workspace)}`;
  const p = payload ? `&payload=${encodeURIComponent(JSON.stringify(payload))}` : '';
  return `http://127.0.0.1:${port}/?${q}${p}`;
}

function remote(port, absPath) {
  return `vscode-remote://127.0.0.1:${port}${absPath}`;
}

async function launchBrowser() {
  const { chromium } = require('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/**
 * Run an extension test module (exports `run()`) in the real host. Resolves with the exit code.
 * The test runner writes a JSON report to PERFGUARD_TEST_REPORT; its summary is printed too.
 */
async function runTests(workspace, testsModule, { timeoutMs = 10 * 60 * 1000, settings = {} } = {}) {
  const started = Date.now();
  const report = path.join(os.tmpdir(), `perfguard-test-report-${process.pid}-${Date.now()}.json`);
  const server = await startServer(workspace, { settings, env: { PERFGUARD_TEST_REPORT: report } });
  let browser;
  let timer;
  try {
    log(`code-server on 127.0.0.1:${server.port} after ${Date.now() - started} ms`);
    browser = await launchBrowser();
    const page = await browser.newPage();
    const exited = new Promise((resolve) => {
      timer = setTimeout(() => {
        log(`overall timeout after ${timeoutMs} ms`);
        resolve(3);
      }, timeoutMs);
      page
        .exposeFunction('codeAutomationLog', (type, args) => {
          const line = util.format(...(Array.isArray(args) ? args : [args]));
          if (/^\s*$/.test(line) || (!process.env.PERFGUARD_HOST_VERBOSE && NOISE.test(line))) return;
          process.stdout.write(`${line}\n`);
        })
        .catch(() => undefined);
      page.exposeFunction('codeAutomationExit', (code) => resolve(Number(code) || 0)).catch(() => undefined);
    });
    page.on('pageerror', (e) => log(`page error: ${e.message}`));
    const payload = [
      ['extensionDevelopmentPath', remote(server.port, ROOT)],
      ['extensionTestsPath', remote(server.port, path.resolve(testsModule))],
      ['skipWelcome', 'true'],
    ];
    await page.goto(workbenchUrl(server.port, workspace, payload));
    let code = await exited;
    if (fs.existsSync(report)) {
      const r = JSON.parse(fs.readFileSync(report, 'utf8'));
      process.stdout.write(
        `[vscode-host] ${r.passes} passing, ${r.failures} failing, ${r.pending} pending (${Date.now() - started} ms in all)\n`,
      );
      if (r.failures > 0 && code === 0) code = 1;
    } else if (code === 0) {
      log('no test report was written: counting the run as failed');
      code = 1;
    }
    return code;
  } finally {
    clearTimeout(timer);
    if (browser) await browser.close().catch(() => undefined);
    server.stop();
    fs.rmSync(report, { force: true });
  }
}

module.exports = {
  ensureHost,
  startServer,
  runTests,
  launchBrowser,
  workbenchUrl,
  remote,
  ROOT,
  CHROMIUM_ARGS,
};

async function main() {
  const [cmd, ...rest] = process.argv.slice(2);
  if (cmd === 'ensure') {
    ensureHost();
    return 0;
  }
  if (cmd === 'test') {
    const [workspace, tests] = rest;
    if (!workspace || !tests) throw new Error('usage: vscode-host.js test <workspace> <tests module>');
    return runTests(path.resolve(workspace), path.resolve(tests));
  }
  throw new Error('usage: vscode-host.js ensure | test <workspace> <tests module>');
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(2);
    },
  );
}
