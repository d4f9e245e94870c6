import * as assert from 'assert';
import * as vscode from 'vscode';
import { api, codeOf, diagnosticsOf, open, Originals, ours, sleep, waitFor } from '../helpers';

const TYPING = 'services/typing/app.py';

function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
}

suite('as you type', () => {
  const originals = new Originals();

  suiteSetup(async () => {
    await api();
    await originals.remember(TYPING);
  });

  teardown(async () => {
    await vscode.workspace
      .getConfiguration('perfguard')
      .update('run', undefined, vscode.ConfigurationTarget.Workspace);
    await originals.restore();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('squiggles appear and disappear as code is typed (keystroke-to-squiggle time logged)', async () => {
    const doc = await open(TYPING);
    const editor = await vscode.window.showTextDocument(doc);
    await sleep(400);
    assert.deepStrictEqual(ours(doc.uri), [], 'clean to start with');
    const line = '    s3 = boto3.client("s3")\n';
    const times: number[] = [];
    for (let round = 0; round < 3; round++) {
      // Type the line one character at a time, as a person would.
      const at = new vscode.Position(6, 0);
      const t0 = { v: 0 };
      for (let i = 0; i < line.length; i++) {
        await editor.edit((e) => e.insert(at.translate(0, i), line[i] as string), {
          undoStopBefore: false,
          undoStopAfter: false,
        });
        t0.v = performance.now();
      }
      const d = await waitFor('squiggle on the typed client', () =>
        ours(doc.uri).find((x) => codeOf(x) === 'lambda/client-in-handler'),
      );
      times.push(performance.now() - t0.v);
      assert.deepStrictEqual(
        [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character],
        [6, 9, 6, 27],
      );
      // Delete it again: the squiggle goes away.
      await editor.edit((e) => e.delete(new vscode.Range(6, 0, 7, 0)));
      await waitFor('squiggle gone', () => ours(doc.uri).length === 0);
    }
    console.log(
      `      [speed] keystroke-to-squiggle (debounce ${250} ms included): ${times.map((t) => t.toFixed(0)).join(', ')} ms`,
    );
  });

  test('engine re-lint of a 1,000-line file after an edit (p95 logged)', async () => {
    const a = await api();
    const body: string[] = ['import json', 'import boto3', '', 'client = boto3.client("s3")', ''];
    for (let i = 0; body.length < 1000; i++) {
      body.push(
        `def helper_${i}(items):`,
        `    total = sum(len(json.dumps(x)) for x in items)`,
        `    return total + ${i}`,
        '',
        '',
      );
    }
    body.push('def lambda_handler(event, context):', '    return helper_0(event["items"])', '');
    const doc = await vscode.workspace.openTextDocument({ language: 'python', content: body.join('\n') });
    assert.ok(doc.lineCount >= 1000, `${doc.lineCount} lines`);
    const editor = await vscode.window.showTextDocument(doc);
    await a.lintDocument(doc);
    const times: number[] = [];
    const sub = a.onDidLint((e) => {
      if (e.uri.toString() === doc.uri.toString()) times.push(e.engineMs);
    });
    try {
      for (let i = 0; i < 30; i++) {
        await editor.edit((e) => e.insert(new vscode.Position(10 + i, 0), '# edit\n'));
        await a.lintDocument(doc);
      }
    } finally {
      sub.dispose();
    }
    assert.ok(times.length >= 20, `${times.length} lints measured`);
    console.log(
      `      [speed] engine re-lint of ${doc.lineCount} lines: p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms`,
    );
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('perfguard.run = onSave: typing does not lint, saving does', async () => {
    await vscode.workspace
      .getConfiguration('perfguard')
      .update('run', 'onSave', vscode.ConfigurationTarget.Workspace);
    await sleep(300);
    const doc = await open(TYPING);
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((e) => e.insert(new vscode.Position(6, 0), '    s3 = boto3.client("s3")\n'));
    await sleep(900);
    assert.deepStrictEqual(ours(doc.uri), [], 'no lint while typing');
    await doc.save();
    const [d] = await diagnosticsOf(doc.uri, 1);
    assert.strictEqual(codeOf(d as vscode.Diagnostic), 'lambda/client-in-handler');
  });
});
