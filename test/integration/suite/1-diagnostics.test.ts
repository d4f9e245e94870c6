import * as assert from 'assert';
import * as vscode from 'vscode';
import { api, codeOf, diagnosticsOf, open, ours, rangeOf, sleep, uriOf } from '../helpers';

suite('diagnostics', () => {
  suiteSetup(async () => {
    await api();
  });

  test('activates without loading a parser and reports its activation time', async () => {
    const a = await api();
    assert.ok(a.activationMs > 0 && a.activationMs < 5000, `activate() took ${a.activationMs} ms`);
    console.log(`      [speed] activate(): ${a.activationMs.toFixed(1)} ms`);
  });

  test('Python handler: import and client in the handler, with codes, docs links and exact ranges', async () => {
    const doc = await open('services/orders/app.py');
    const diags = await diagnosticsOf(doc.uri, 2);
    const got = diags
      .map((d) => ({ code: codeOf(d), range: rangeOf(d), severity: d.severity }))
      .sort((a, b) => a.range[0] - b.range[0]);
    assert.deepStrictEqual(got, [
      { code: 'lambda/import-in-handler', range: [6, 4, 6, 13], severity: vscode.DiagnosticSeverity.Warning },
      { code: 'lambda/client-in-handler', range: [7, 9, 7, 27], severity: vscode.DiagnosticSeverity.Warning },
    ]);
    for (const d of diags) {
      assert.strictEqual(d.source, 'perfguard');
      const code = d.code as { value: string; target: vscode.Uri };
      assert.strictEqual(typeof code, 'object');
      assert.ok(code.target instanceof vscode.Uri);
      assert.ok(code.target.toString().endsWith(`docs/rules/${code.value}.md`), code.target.toString());
    }
    const client = diags.find((d) => codeOf(d) === 'lambda/client-in-handler');
    assert.match(client?.message ?? '', /boto3 client 's3' is created on every call/);
  });

  test('TypeScript handler: SDK v3 client built per invocation', async () => {
    const doc = await open('services/catalog/index.ts');
    const [d] = await diagnosticsOf(doc.uri, 1);
    assert.ok(d);
    assert.strictEqual(codeOf(d), 'lambda/client-in-handler');
    assert.deepStrictEqual(rangeOf(d), [3, 13, 3, 29]);
    assert.strictEqual(doc.getText(d.range), 'new S3Client({})');
  });

  test('SQL: a query on a partitioned table without a partition filter (table from the DDL in the workspace)', async () => {
    const doc = await open('sql/report.sql');
    const [d] = await diagnosticsOf(doc.uri, 1);
    assert.ok(d);
    assert.strictEqual(codeOf(d), 'athena/partition-filter');
    assert.deepStrictEqual(rangeOf(d), [1, 5, 1, 21]);
    assert.strictEqual(doc.getText(d.range), 'analytics.orders');
  });

  test('Terraform: memory below the guide target for the function', async () => {
    const doc = await open('infra/main.tf');
    const d = (await diagnosticsOf(doc.uri, 1)).find((x) => codeOf(x) === 'lambda/memory');
    assert.ok(d, 'lambda/memory reported');
    assert.deepStrictEqual(rangeOf(d), [5, 2, 5, 21]);
    assert.match(d.message, /512 MB.*3072 MB/);
  });

  test('files under the default excludes (tests/) are not linted', async () => {
    const doc = await open('tests/test_app.py');
    // The same code reports in services/; give the linter time to (not) report here.
    await diagnosticsOf(uriOf('services/orders/app.py'), 1);
    await sleep(600);
    assert.deepStrictEqual(ours(doc.uri), []);
  });

  test('a suppression comment at the end of a line hides that finding only', async () => {
    const doc = await open('services/ignore/app.py');
    const diags = await diagnosticsOf(doc.uri, 1);
    await sleep(300);
    assert.deepStrictEqual(
      ours(doc.uri).map((d) => [codeOf(d), ...rangeOf(d)]),
      [['lambda/client-in-handler', 4, 9, 4, 27]],
    );
    assert.strictEqual(diags.length, 1);
  });

  test('hover on a finding explains the cost and the guide target with the numbers in effect', async () => {
    const doc = await open('services/orders/app.py');
    await diagnosticsOf(doc.uri, 2);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      doc.uri,
      new vscode.Position(7, 12),
    );
    const text = hovers
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : c.value))
      .join('\n');
    assert.match(text, /lambda\/client-in-handler/);
    assert.match(text, /Why it costs/);
    assert.match(text, /warm response < 200 ms/);
    assert.match(text, /cold start < 3000 ms/);
    const none = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      doc.uri,
      new vscode.Position(0, 2),
    );
    assert.ok(
      !none.some((h) => h.contents.some((c) => (typeof c === 'string' ? c : c.value).includes('perfguard'))),
      'no perfguard hover away from findings',
    );
  });
});
