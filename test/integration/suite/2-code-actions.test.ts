import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  api,
  apply,
  codeActions,
  codeOf,
  diagnosticsOf,
  open,
  Originals,
  ours,
  sleep,
  waitFor,
} from '../helpers';

const ORDERS = 'services/orders/app.py';
const ORDERS_TEXT = `import json

import boto3


def lambda_handler(event, context):
    import os
    s3 = boto3.client("s3")
    body = s3.get_object(Bucket=os.environ["BUCKET"], Key=event["key"])["Body"].read()
    return {"statusCode": 200, "body": json.dumps({"size": len(body)})}
`;

async function clientDiagnostic(doc: vscode.TextDocument): Promise<vscode.Diagnostic> {
  return waitFor(
    `client-in-handler reported in ${doc.getText()} / ${JSON.stringify(ours(doc.uri).map((x) => [codeOf(x), x.range.start.line]))} dirty=${doc.isDirty} v=${doc.version}`,
    () => ours(doc.uri).find((x) => codeOf(x) === 'lambda/client-in-handler'),
  );
}

function titles(actions: vscode.CodeAction[]): string[] {
  return actions.map((a) => a.title);
}

suite('code actions', () => {
  const originals = new Originals();

  suiteSetup(async () => {
    await api();
    await originals.remember(
      ORDERS,
      'services/tenant/app.py',
      'services/fixall/app.py',
      'services/catalog/index.ts',
      'sql/report.sql',
    );
  });

  teardown(async () => {
    await originals.restore();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('offers the families ESLint users expect, in order, the safe fix preferred', async () => {
    const doc = await open(ORDERS);
    assert.strictEqual(doc.getText(), ORDERS_TEXT);
    const d = await clientDiagnostic(doc);
    const actions = await codeActions(doc.uri, d.range);
    assert.deepStrictEqual(titles(actions), [
      'Move client to module scope',
      'Fix all lambda/client-in-handler problems in this file',
      'Ignore lambda/client-in-handler for this line',
      'Ignore lambda/client-in-handler for this file',
      'Show documentation for lambda/client-in-handler',
      'Fix all auto-fixable perfguard problems',
    ]);
    for (const a of actions) assert.strictEqual(a.kind?.value, vscode.CodeActionKind.QuickFix.value, a.title);
    assert.strictEqual(actions[0]?.isPreferred, true);
    assert.ok(!actions.slice(1).some((a) => a.isPreferred), 'only the fix of this finding is preferred');
  });

  test('"fix this" moves the client to module scope and the finding goes away', async () => {
    const doc = await open(ORDERS);
    const d = await clientDiagnostic(doc);
    const fix = (await codeActions(doc.uri, d.range)).find((a) => a.isPreferred);
    assert.ok(fix);
    await apply(fix);
    assert.strictEqual(
      doc.getText(),
      `import json

import boto3

s3 = boto3.client("s3")


def lambda_handler(event, context):
    import os
    body = s3.get_object(Bucket=os.environ["BUCKET"], Key=event["key"])["Body"].read()
    return {"statusCode": 200, "body": json.dumps({"size": len(body)})}
`,
    );
    await waitFor(
      'client finding gone',
      () =>
        ours(doc.uri).every((x) => codeOf(x) !== 'lambda/client-in-handler') && ours(doc.uri).length === 1,
    );
  });

  test('a suggestion (event-dependent client) is offered, not preferred, and applies its edit', async () => {
    const doc = await open('services/tenant/app.py');
    const [d] = await diagnosticsOf(doc.uri, 1);
    assert.ok(d);
    const actions = await codeActions(doc.uri, d.range);
    assert.ok(!titles(actions).includes('Move client to module scope'), 'no automatic hoist');
    assert.ok(!titles(actions).some((t) => t.startsWith('Fix all')), 'nothing safe to fix');
    const s = actions.find((a) => a.title === 'Cache clients per key at module scope');
    assert.ok(s, titles(actions).join(' | '));
    assert.notStrictEqual(s.isPreferred, true);
    await apply(s);
    assert.strictEqual(
      doc.getText(),
      `import boto3

_s3_clients = {}


def lambda_handler(event, context):
    region = event["region"]
    s3 = _s3_clients.get(region) or _s3_clients.setdefault(region, boto3.client("s3", region_name=region))
    return s3.list_buckets()
`,
    );
  });

  test('"fix all <rule> problems in this file" fixes that rule only', async () => {
    const doc = await open('services/fixall/app.py');
    const diags = await diagnosticsOf(doc.uri, 3);
    const d = diags.find((x) => codeOf(x) === 'lambda/client-in-handler');
    assert.ok(d);
    const all = (await codeActions(doc.uri, d.range)).find(
      (a) => a.title === 'Fix all lambda/client-in-handler problems in this file',
    );
    assert.ok(all);
    await apply(all);
    assert.strictEqual(
      doc.getText(),
      `import boto3

sqs = boto3.client("sqs")

s3 = boto3.client("s3")


def lambda_handler(event, context):
    import json
    s3.put_object(Bucket="b", Key="k", Body=json.dumps(event))
    return sqs.send_message(QueueUrl="q", MessageBody="done")
`,
    );
    await waitFor('only the import finding left', () => {
      const left = ours(doc.uri).map(codeOf);
      return left.length === 1 && left[0] === 'lambda/import-in-handler';
    });
  });

  test('source.fixAll.perfguard applies every safe fix, and a second run has nothing to do', async () => {
    const doc = await open('services/fixall/app.py');
    await diagnosticsOf(doc.uri, 3);
    const whole = new vscode.Range(0, 0, doc.lineCount, 0);
    const actions = await codeActions(doc.uri, whole, 'source.fixAll.perfguard');
    assert.deepStrictEqual(titles(actions), ['Fix all auto-fixable perfguard problems']);
    assert.strictEqual(actions[0]?.kind?.value, 'source.fixAll.perfguard');
    await apply(actions[0] as vscode.CodeAction);
    const fixed = `import boto3
import json

sqs = boto3.client("sqs")

s3 = boto3.client("s3")


def lambda_handler(event, context):
    s3.put_object(Bucket="b", Key="k", Body=json.dumps(event))
    return sqs.send_message(QueueUrl="q", MessageBody="done")
`;
    assert.strictEqual(doc.getText(), fixed);
    const again = await codeActions(doc.uri, whole, 'source.fixAll.perfguard');
    assert.deepStrictEqual(again, [], 'idempotent: nothing left to fix');
    // Also reachable through the generic source.fixAll kind (editor.codeActionsOnSave).
    await waitFor('no findings left', () => ours(doc.uri).length === 0);
  });

  test('source.fixAll.perfguard runs from editor.codeActionsOnSave', async () => {
    const config = vscode.workspace.getConfiguration('editor');
    await config.update(
      'codeActionsOnSave',
      { 'source.fixAll.perfguard': 'explicit' },
      vscode.ConfigurationTarget.Workspace,
    );
    try {
      await waitFor('setting applied', () =>
        JSON.stringify(vscode.workspace.getConfiguration('editor').get('codeActionsOnSave')).includes(
          'perfguard',
        ),
      );
      await sleep(500);
      const doc = await open(ORDERS);
      const editor = await vscode.window.showTextDocument(doc);
      await clientDiagnostic(doc);
      await editor.edit((e) => e.insert(new vscode.Position(doc.lineCount - 1, 0), '\n'));
      const t0 = Date.now();
      await vscode.commands.executeCommand('workbench.action.files.save');
      await waitFor(
        'fixed on save',
        () => !doc.isDirty && /^s3 = boto3\.client\("s3"\)$/m.test(doc.getText()),
      );
      console.log(`      [speed] save with source.fixAll.perfguard: ${Date.now() - t0} ms`);
      assert.match(doc.getText(), /^import os$/m);
      assert.doesNotMatch(doc.getText(), /^ {4}s3 = /m);
    } finally {
      await config.update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  test('"ignore for this line" appends a perfguard-ignore comment and the finding goes away', async () => {
    const doc = await open(ORDERS);
    const d = await clientDiagnostic(doc);
    const ignore = (await codeActions(doc.uri, d.range)).find(
      (a) => a.title === 'Ignore lambda/client-in-handler for this line',
    );
    assert.ok(ignore);
    await apply(ignore);
    assert.strictEqual(
      doc.lineAt(7).text,
      '    s3 = boto3.client("s3")  # perfguard-ignore lambda/client-in-handler',
    );
    await waitFor('client finding suppressed', () =>
      ours(doc.uri).every((x) => codeOf(x) !== 'lambda/client-in-handler'),
    );
    assert.deepStrictEqual(ours(doc.uri).map(codeOf), ['lambda/import-in-handler']);
  });

  test('"ignore for this line" adds the rule to a directive already on the line', async () => {
    const doc = await open(ORDERS);
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((e) =>
      e.insert(new vscode.Position(7, doc.lineAt(7).text.length), '  # perfguard-ignore cache/missing-ttl'),
    );
    await waitFor(
      'relinted',
      () => ours(doc.uri).length === 2 && ours(doc.uri).some((x) => x.range.start.line === 7),
    );
    const d = await clientDiagnostic(doc);
    const ignore = (await codeActions(doc.uri, d.range)).find((a) => a.title.endsWith('for this line'));
    assert.ok(ignore);
    await apply(ignore);
    assert.strictEqual(
      doc.lineAt(7).text,
      '    s3 = boto3.client("s3")  # perfguard-ignore cache/missing-ttl, lambda/client-in-handler',
    );
  });

  test('"ignore for this file" inserts a perfguard-ignore-file comment at the top', async () => {
    const doc = await open('services/catalog/index.ts');
    const [d] = await diagnosticsOf(doc.uri, 1);
    assert.ok(d);
    const ignore = (await codeActions(doc.uri, d.range)).find(
      (a) => a.title === 'Ignore lambda/client-in-handler for this file',
    );
    assert.ok(ignore);
    await apply(ignore);
    assert.strictEqual(doc.lineAt(0).text, '// perfguard-ignore-file lambda/client-in-handler');
    assert.strictEqual(
      doc.lineAt(1).text,
      "import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';",
    );
    await waitFor('finding suppressed', () => ours(doc.uri).length === 0);
  });

  test('"ignore" uses the SQL comment prefix in SQL files', async () => {
    const doc = await open('sql/report.sql');
    const [d] = await diagnosticsOf(doc.uri, 1);
    assert.ok(d);
    const ignore = (await codeActions(doc.uri, d.range)).find((a) => a.title.endsWith('for this line'));
    assert.ok(ignore);
    await apply(ignore);
    assert.strictEqual(
      doc.lineAt(1).text,
      'FROM analytics.orders -- perfguard-ignore athena/partition-filter',
    );
    await waitFor('finding suppressed', () => ours(doc.uri).length === 0);
  });

  test('"show documentation" opens the rule page', async () => {
    const doc = await open(ORDERS);
    const d = await clientDiagnostic(doc);
    const show = (await codeActions(doc.uri, d.range)).find((a) => a.title.startsWith('Show documentation'));
    assert.ok(show?.command);
    assert.strictEqual(show.command.command, 'perfguard.showDocumentation');
    assert.deepStrictEqual(show.command.arguments, ['lambda/client-in-handler']);
    const opened = await vscode.commands.executeCommand<vscode.Uri>(
      show.command.command,
      ...(show.command.arguments ?? []),
    );
    assert.ok(opened, 'a page was opened');
    assert.ok(opened.path.endsWith('docs/rules/lambda/client-in-handler.md'), opened.toString());
  });

  test('no perfguard actions where there is no finding', async () => {
    const doc = await open(ORDERS);
    await clientDiagnostic(doc);
    await sleep(50);
    const actions = await codeActions(doc.uri, new vscode.Range(0, 0, 0, 4));
    assert.deepStrictEqual(
      titles(actions).filter((t) => /perfguard|lambda\//.test(t)),
      [],
    );
  });
});
