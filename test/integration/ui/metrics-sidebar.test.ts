/**
 * The metrics sidebar as people see it: the real VS Code host (code-server + Chromium, scripts/vscode-host.js)
 * with perfguard loaded and its settings pointing at the loopback AWS fake. Playwright opens the perfguard
 * activity-bar view, reads the figures from the webview's frame, follows a link, switches the theme, and keeps a
 * screenshot of the sidebar in test-results/.
 *
 *   npm run test:ui        (after `npm run build`)
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { FakeAws } from '../../fakes/aws/server';

interface Host {
  startServer(
    workspace: string,
    options: { settings?: Record<string, unknown>; env?: Record<string, string>; quiet?: boolean },
  ): Promise<{ port: number; userDataDir: string; stop(): void; output: string[] }>;
  launchBrowser(): Promise<Browser>;
  workbenchUrl(port: number, workspace: string, payload: [string, string][]): string;
  remote(port: number, absPath: string): string;
  ROOT: string;
}

// The host driver is plain CommonJS shared with `npm run test:integration`.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const host = require('../../../scripts/vscode-host.js') as Host;

const ARTIFACTS = path.join(host.ROOT, 'test-results');
const HANDLER =
  'import json\n\n\ndef lambda_handler(event, context):\n    import boto3\n\n    return {"statusCode": 200, "body": json.dumps({"s3": str(boto3)})}\n';

async function until<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 60000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

/** The frame that holds the metrics view's document (VS Code nests it in two iframes). */
async function metricsFrame(page: Page): Promise<Frame> {
  return until('the metrics webview', async () => {
    for (const f of page.frames()) {
      const state = await f
        .locator('main#app')
        .getAttribute('data-state', { timeout: 200 })
        .catch(() => null);
      if (state === 'ready' || state === 'problem') return f;
    }
    return undefined;
  });
}

describe('metrics sidebar in the real VS Code host', function () {
  this.timeout(240000);
  let fake: FakeAws;
  let server: Awaited<ReturnType<Host['startServer']>> | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let workspace: string;
  const consoleErrors: string[] = [];

  before(async function () {
    if (!fs.existsSync('/usr/bin/chromium') && !process.env.PERFGUARD_CHROMIUM) this.skip();
    if (!fs.existsSync(path.join(host.ROOT, 'dist', 'webview.js')))
      throw new Error('run `npm run build` first');
    fake = new FakeAws();
    await fake.start();
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'perfguard-ui-'));
    fs.mkdirSync(path.join(workspace, 'services', 'auth'), { recursive: true });
    fs.writeFileSync(path.join(workspace, 'services', 'auth', 'app.py'), HANDLER);
    fs.mkdirSync(path.join(workspace, 'queries'), { recursive: true });
    fs.writeFileSync(
      path.join(workspace, 'queries', 'report.sql'),
      "SELECT customer_id, email\nFROM customers\nWHERE customer_id = 'CUST001';\n",
    );
    server = await host.startServer(workspace, {
      settings: {
        'perfguard.aws.endpoint': fake.url,
        'perfguard.aws.region': 'us-east-1',
        'perfguard.metrics.refreshSeconds': 0,
      },
      env: {
        AWS_ACCESS_KEY_ID: 'AKIDUITEST',
        AWS_SECRET_ACCESS_KEY: 'ui-secret',
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_PROFILE: '',
      },
    });
    browser = await host.launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text()))
        consoleErrors.push(m.text());
    });
    const payload: [string, string][] = [
      ['extensionDevelopmentPath', host.remote(server.port, host.ROOT)],
      ['skipWelcome', 'true'],
    ];
    await page.goto(host.workbenchUrl(server.port, workspace, payload));
    await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    server?.stop();
    await fake?.stop();
    if (workspace) fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('opens from the activity bar and renders the figures against the targets', async () => {
    const icon = page.locator('.activitybar .action-item a[aria-label^="perfguard"]').first();
    await icon.waitFor({ timeout: 60000 });
    await icon.click();
    const frame = await metricsFrame(page);
    assert.equal(await frame.locator('main#app').getAttribute('data-state'), 'ready');

    const fn = frame.locator('[data-function="ecommerce-auth-service"]');
    await fn.waitFor();
    assert.equal(await frame.locator('[data-testid="lambda-function"]').count(), 5);
    const fig = (owner: string, key: string) => frame.locator(`[data-owner="${owner}"][data-key="${key}"]`);
    assert.equal(
      await fig('ecommerce-auth-service', 'durationP95Ms').locator('.value').innerText(),
      '850 ms',
    );
    assert.equal(await fig('ecommerce-auth-service', 'durationP95Ms').getAttribute('data-status'), 'bad');
    assert.equal(
      await fig('ecommerce-auth-service', 'durationAvgMs').locator('.value').innerText(),
      '150 ms',
    );
    assert.equal(await fig('ecommerce-auth-service', 'durationAvgMs').getAttribute('data-status'), 'ok');
    assert.equal(await fig('ecommerce-auth-service', 'initP95Ms').locator('.value').innerText(), '2.5 s');
    assert.equal(await fig('ecommerce-auth-service', 'invocations').locator('.value').innerText(), '1.2k');
    assert.equal(await fig('ecommerce-auth-service', 'memory').locator('.value').innerText(), '301 / 512 MB');
    assert.equal(await fn.locator('[data-testid="sparkline"] canvas').count(), 1);

    assert.equal(await fig('ecommerce-api/prod', 'latencyAvgMs').locator('.value').innerText(), '450 ms');
    assert.equal(await fig('ecommerce-api/prod', 'cacheHitRatePct').locator('.value').innerText(), '75%');

    assert.equal(await frame.locator('[data-testid="athena-query"]').count(), 4);
    assert.equal(await fig('q-join-0003', 'dataScannedBytes').locator('.value').innerText(), '1.2 GB');
    assert.equal(await frame.locator('[data-query="q-join-0003"] [data-testid="over-budget"]').count(), 1);
    assert.equal(await frame.locator('[data-query="q-simple-0001"] [data-testid="over-budget"]').count(), 0);
    assert.deepEqual(consoleErrors, [], 'no CSP violations');

    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.mouse.move(900, 600);
    await page.locator('.part.sidebar').screenshot({ path: path.join(ARTIFACTS, 'metrics-sidebar.png') });
    await page.screenshot({ path: path.join(ARTIFACTS, 'metrics-workbench.png') });
    assert.ok(fs.statSync(path.join(ARTIFACTS, 'metrics-sidebar.png')).size > 10000);
  });

  it('refreshes from its button', async () => {
    const frame = await metricsFrame(page);
    const before = fake.callsOf('GetMetricData').length;
    const stamp = await frame.locator('main#app').getAttribute('data-generated-at');
    await frame.locator('[data-testid="refresh"]').click();
    await until('a new snapshot', async () =>
      (await frame.locator('main#app').getAttribute('data-generated-at')) !== stamp ? true : undefined,
    );
    assert.equal(fake.callsOf('GetMetricData').length, before + 1);
  });

  it("opens a function's handler when its name is clicked", async () => {
    const frame = await metricsFrame(page);
    await frame.locator('[data-function="ecommerce-auth-service"] [data-testid="function-link"]').click();
    await page.locator('.tabs-container .tab[aria-label*="app.py"]').first().waitFor({ timeout: 30000 });
    // The CodeLens shows above the handler once the snapshot exists.
    await page
      .locator('.contentWidgets .codelens-decoration', { hasText: 'p95 850 ms · cold start 2.5 s · 1.2k/h' })
      .first()
      .waitFor({ timeout: 30000 });
  });

  it("links the handler's open findings to their rule's page", async () => {
    const frame = await metricsFrame(page);
    // app.py is open now, so its diagnostics exist; the next snapshot carries them.
    const ruleLink = frame.locator('[data-function="ecommerce-auth-service"] [data-testid="rule-link"]', {
      hasText: 'lambda/import-in-handler',
    });
    await until('the finding in the sidebar', async () => {
      if ((await ruleLink.count()) > 0) return true;
      await frame.locator('[data-testid="refresh"]').click();
      await new Promise((r) => setTimeout(r, 1000));
      return undefined;
    });
    await ruleLink.first().click();
    await page
      .locator('.tabs-container .tab[aria-label*="import-in-handler"]')
      .first()
      .waitFor({ timeout: 30000 });
  });

  it('shows the estimate of the query at the cursor', async () => {
    const frame = await metricsFrame(page);
    await page.locator('.monaco-workbench').click({ position: { x: 900, y: 500 } });
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input.input');
    await input.waitFor();
    await input.fill('report.sql');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'report.sql' }).first().click();
    await page.locator('.tabs-container .tab[aria-label*="report.sql"]').first().waitFor({ timeout: 30000 });
    await page.locator('.monaco-editor .view-line', { hasText: 'FROM customers' }).first().click();
    const box = frame.locator('[data-testid="estimate"]');
    await box.waitFor({ timeout: 30000 });
    assert.match(await box.innerText(), /Query at queries\/report\.sql:\d/);
    // The view re-renders as estimates arrive: retry until the scroll lands on an attached element.
    await until('the Athena section in view', async () => {
      await box.scrollIntoViewIfNeeded({ timeout: 1000 });
      return true;
    });
    await page.mouse.move(900, 600);
    await page
      .locator('.part.sidebar')
      .screenshot({ path: path.join(ARTIFACTS, 'metrics-sidebar-athena.png') });
  });

  it('redraws the sparklines when the theme changes', async () => {
    const frame = await metricsFrame(page);
    const spark = frame.locator('[data-function="ecommerce-auth-service"] [data-testid="sparkline"]');
    const before = await spark.getAttribute('data-stroke');
    const themeBefore = (await frame.locator('body').getAttribute('class')) ?? '';
    await page.locator('.monaco-workbench').click({ position: { x: 900, y: 500 } });
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input.input');
    await input.waitFor();
    await input.fill('>Toggle between Light/Dark Themes');
    await page
      .locator('.quick-input-list .monaco-list-row', { hasText: 'Toggle between Light/Dark Themes' })
      .first()
      .click();
    const themeAfter = await until('the new theme in the webview', async () => {
      const t = await frame.locator('main#app').getAttribute('data-theme');
      return t && t !== themeBefore ? t : undefined;
    });
    assert.notEqual(
      /vscode-light/.test(themeAfter),
      /vscode-light/.test(themeBefore),
      `${themeBefore} → ${themeAfter}`,
    );
    const after = await until('the redrawn sparkline', async () => {
      const stroke = await spark.getAttribute('data-stroke');
      return stroke && stroke !== before ? stroke : undefined;
    });
    assert.notEqual(after, before);
    await page.mouse.move(900, 600);
    await page
      .locator('.part.sidebar')
      .screenshot({ path: path.join(ARTIFACTS, 'metrics-sidebar-toggled-theme.png') });
  });
});
