import * as assert from 'assert';
import * as vscode from 'vscode';
import { api, codeOf, ours, uriOf } from '../helpers';

interface ScanResult {
  files: number;
  findings: number;
  cancelled: boolean;
}

suite('workspace', () => {
  test('the background index holds the infrastructure and SQL files, not handler code', async () => {
    const a = await api();
    const files = a.indexedFiles(uriOf('infra/main.tf'));
    assert.ok(files.includes('infra/main.tf'), files.join(', '));
    assert.ok(files.includes('sql/tables.sql'), files.join(', '));
    assert.ok(!files.includes('services/analytics/handler.py'), 'handler files are not indexed');
  });

  test('perfguard.scanWorkspace lints closed files into the Problems view, respecting excludes', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const result = await vscode.commands.executeCommand<ScanResult>('perfguard.scanWorkspace');
    assert.ok(result, 'the command returns its summary');
    assert.strictEqual(result.cancelled, false);
    assert.ok(result.files >= 8, `${result.files} files`);
    const tenant = ours(uriOf('services/tenant/app.py'));
    assert.deepStrictEqual(tenant.map(codeOf), ['lambda/client-in-handler']);
    assert.deepStrictEqual(ours(uriOf('sql/report.sql')).map(codeOf), ['athena/partition-filter']);
    assert.deepStrictEqual(ours(uriOf('tests/test_app.py')), [], 'tests/ is excluded by default');
    const all = vscode.languages
      .getDiagnostics()
      .flatMap(([, ds]) => ds.filter((d) => d.source === 'perfguard' && d.code !== undefined));
    assert.strictEqual(all.length, result.findings);
  });
});
