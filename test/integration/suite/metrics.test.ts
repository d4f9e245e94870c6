/**
 * Live metrics inside the real VS Code host: the settings point at the loopback AWS fake (started here, in the
 * extension host), and the commands, CodeLens and report run against it with the real SDK.
 */
import * as assert from 'assert';
import * as net from 'net';
import * as vscode from 'vscode';
import type { MetricsSnapshot } from '../../../src/core/metrics/types';
import { FakeAws } from '../../fakes/aws/server';

const G = vscode.ConfigurationTarget.Global;

async function until(what: string, ok: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

const HANDLER = `import json

import boto3

s3 = boto3.client("s3")


def lambda_handler(event, context):
    return {"statusCode": 200, "body": json.dumps({"ok": True})}
`;

const INFRA = `resource "aws_lambda_function" "auth" {
  function_name = "ecommerce-auth-service"
  handler       = "app.lambda_handler"
  runtime       = "python3.12"
  memory_size   = 512
  filename      = "auth.zip"
  role          = "arn:aws:iam::123456789012:role/auth"
}
`;

/** Refresh until the auth function is in the snapshot (the workspace index picks up the new .tf file). */
async function refreshWithAuth(): Promise<MetricsSnapshot> {
  const deadline = Date.now() + 30000;
  for (;;) {
    const snap = await vscode.commands.executeCommand<MetricsSnapshot>('perfguard.metrics.refresh');
    if (snap?.lambda.functions.some((f) => f.name === 'ecommerce-auth-service')) return snap;
    if (Date.now() > deadline) return snap;
    await new Promise((r) => setTimeout(r, 500));
  }
}

suite('metrics: live AWS figures against the loopback fake', () => {
  let fake: FakeAws;
  const savedEnv: Record<string, string | undefined> = {};
  const ENV = [
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_PROFILE',
    'AWS_EC2_METADATA_DISABLED',
    'AWS_REGION',
  ];
  let handlerUri: vscode.Uri;

  async function settings(values: Record<string, unknown>): Promise<void> {
    const c = vscode.workspace.getConfiguration('perfguard');
    for (const [k, v] of Object.entries(values)) await c.update(k, v, G);
  }

  async function refresh(): Promise<MetricsSnapshot> {
    const snap = await vscode.commands.executeCommand<MetricsSnapshot>('perfguard.metrics.refresh');
    assert.ok(snap, 'perfguard.metrics.refresh returns the snapshot');
    return snap;
  }

  suiteSetup(async () => {
    fake = new FakeAws();
    await fake.start();
    for (const k of ENV) savedEnv[k] = process.env[k];
    delete process.env.AWS_PROFILE;
    delete process.env.AWS_REGION;
    process.env.AWS_ACCESS_KEY_ID = 'AKIDINTEGRATION';
    process.env.AWS_SECRET_ACCESS_KEY = 'integration-secret';
    process.env.AWS_EC2_METADATA_DISABLED = 'true';
    const folder = vscode.workspace.workspaceFolders![0]!.uri;
    handlerUri = vscode.Uri.joinPath(folder, 'services', 'auth', 'app.py');
    await vscode.workspace.fs.writeFile(handlerUri, new TextEncoder().encode(HANDLER));
    // The workspace defines the function, so it is shown even where other infrastructure narrows the list.
    const infra = vscode.Uri.joinPath(folder, 'infra', 'metrics-auth.tf');
    await vscode.workspace.fs.writeFile(infra, new TextEncoder().encode(INFRA));
    await vscode.workspace.openTextDocument(infra);
    await settings({
      'aws.endpoint': fake.url,
      'aws.region': 'us-east-1',
      'aws.profile': '',
      'metrics.refreshSeconds': 0,
      'metrics.timeRange': '1h',
      'metrics.codeLens': true,
    });
  });

  suiteTeardown(async () => {
    await settings({
      'aws.endpoint': undefined,
      'aws.region': undefined,
      'aws.profile': undefined,
      'metrics.refreshSeconds': undefined,
      'metrics.timeRange': undefined,
      'metrics.codeLens': undefined,
    });
    for (const k of ENV) {
      if (savedEnv[k] === undefined) delete process.env[k];
      else process.env[k] = savedEnv[k];
    }
    await fake.stop();
  });

  setup(() => {
    fake.faults = [];
    fake.calls.length = 0;
  });

  test('perfguard.metrics.refresh returns the snapshot it rendered', async () => {
    const snap = await refreshWithAuth();
    assert.strictEqual(snap.problem, undefined, snap.problem?.message);
    assert.strictEqual(snap.region, 'us-east-1');
    const auth = snap.lambda.functions.find((f) => f.name === 'ecommerce-auth-service');
    assert.ok(auth, JSON.stringify(snap.lambda.functions.map((f) => f.name)));
    assert.strictEqual(auth.invocations, 1200);
    assert.strictEqual(auth.durationP95Ms, 850);
    assert.strictEqual(auth.initP95Ms, 2500);
    assert.strictEqual(auth.coldStarts, 24);
    assert.strictEqual(auth.memorySizeMb, 512);
    assert.strictEqual(auth.status.durationP95Ms, 'bad');
    // The handler was found in the workspace from the deployed Handler setting (app.lambda_handler).
    assert.deepStrictEqual(auth.source, { file: 'services/auth/app.py', line: 7 });
    const stage = snap.apiGateway.stages[0]!;
    assert.deepStrictEqual([stage.apiName, stage.stage, stage.latencyP95Ms], ['ecommerce-api', 'prod', 850]);
    const join = snap.athena.queries.find((q) => q.id === 'q-join-0003');
    assert.ok(join);
    assert.strictEqual(join.dataScannedBytes, Math.round(1.2 * 1024 ** 3));
    assert.strictEqual(join.overScanBudget, true);
    assert.strictEqual(snap.metricCalls, 1);
    // The real SDK spoke each protocol to the fake, signed with the environment's credentials.
    const gmd = fake.callsOf('GetMetricData')[0]!;
    assert.strictEqual(gmd.headers['x-amz-target'], 'GraniteServiceVersion20100801.GetMetricData');
    assert.strictEqual(gmd.accessKeyId, 'AKIDINTEGRATION');
  });

  test('CodeLens above the handler mapped to a deployed function, and a setting turns it off', async () => {
    await refresh();
    const doc = await vscode.workspace.openTextDocument(handlerUri);
    await vscode.window.showTextDocument(doc);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
      'vscode.executeCodeLensProvider',
      handlerUri,
    );
    const ours = lenses.filter((l) => l.command?.title.startsWith('p95'));
    assert.strictEqual(ours.length, 1, JSON.stringify(lenses.map((l) => l.command?.title)));
    assert.strictEqual(ours[0]!.command!.title, 'p95 850 ms · cold start 2.5 s · 1.2k/h');
    assert.strictEqual(ours[0]!.range.start.line, 7);

    await settings({ 'metrics.codeLens': false });
    const off = await vscode.commands.executeCommand<vscode.CodeLens[]>(
      'vscode.executeCodeLensProvider',
      handlerUri,
    );
    assert.strictEqual(off.filter((l) => l.command?.title.startsWith('p95')).length, 0);
    await settings({ 'metrics.codeLens': true });
  });

  test("perfguard.report writes the guide's results template from live data", async () => {
    const md = await vscode.commands.executeCommand<string>('perfguard.report');
    assert.ok(typeof md === 'string');
    assert.match(md, /#### Lambda Performance/);
    assert.match(md, /\| ecommerce-auth-service \| 150ms \| 2800ms \| 2500ms \|/);
    assert.match(md, /#### Athena Query Performance/);
    assert.match(md, /\| Complex \| `SELECT o\.order_id.*\| 8\.5s \| 1\.20 GB \| .* \| ⚠ \|/);
    assert.match(md, /- P95 Response Time: 850ms ✓/);
    assert.match(md, /### Recommendations/);
    const editor = vscode.window.activeTextEditor;
    assert.strictEqual(editor?.document.languageId, 'markdown');
    assert.strictEqual(editor?.document.getText(), md);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('auto-refreshes while the view is visible and pauses while it is hidden', async () => {
    await settings({ 'metrics.refreshSeconds': 1 });
    try {
      await vscode.commands.executeCommand('perfguard.metrics.focus');
      const calls = () => fake.callsOf('GetMetricData').length;
      await until('auto-refreshes while visible', () => calls() >= 3, 15000);
      await vscode.commands.executeCommand('workbench.action.closeSidebar');
      await new Promise((r) => setTimeout(r, 1500));
      const paused = calls();
      await new Promise((r) => setTimeout(r, 2500));
      assert.strictEqual(calls(), paused, 'no refresh while hidden');
      await vscode.commands.executeCommand('perfguard.metrics.focus');
      await until('refreshes again once shown', () => calls() > paused, 15000);
    } finally {
      await settings({ 'metrics.refreshSeconds': 0 });
      await vscode.commands.executeCommand('workbench.action.closeSidebar');
    }
  });

  test('AccessDenied becomes a plain state naming the IAM action', async () => {
    fake.faults = [{ operation: 'GetMetricData', kind: 'access-denied' }];
    const snap = await refresh();
    assert.strictEqual(snap.problem, undefined);
    assert.strictEqual(snap.lambda.problem?.kind, 'access-denied');
    assert.strictEqual(snap.lambda.problem?.action, 'cloudwatch:GetMetricData');
    assert.ok(snap.athena.queries.length > 0, 'Athena still shows');
  });

  test('an unreachable endpoint becomes a plain state', async () => {
    const port = await closedPort();
    await settings({ 'aws.endpoint': `http://127.0.0.1:${port}` });
    try {
      const snap = await refresh();
      assert.strictEqual(snap.problem?.kind, 'unreachable');
      assert.match(snap.problem!.message, new RegExp(`127\\.0\\.0\\.1:${port}`));
    } finally {
      await settings({ 'aws.endpoint': fake.url });
    }
  });
});
