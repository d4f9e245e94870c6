import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  api,
  codeOf,
  diagnosticsOf,
  open,
  Originals,
  ours,
  sleep,
  uriOf,
  waitFor,
  writeFile,
} from '../helpers';

const ORDERS = 'services/orders/app.py';
const CONFIG = '.perfguard.json';

suite('configuration', () => {
  const originals = new Originals();

  suiteSetup(async () => {
    await api();
    await originals.remember(CONFIG, ORDERS);
  });

  teardown(async () => {
    const c = vscode.workspace.getConfiguration('perfguard');
    for (const k of ['rules', 'exclude', 'enable', 'targets'])
      await c.update(k, undefined, vscode.ConfigurationTarget.Workspace);
    await originals.restore();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await sleep(300);
  });

  test('a change of .perfguard.json on disk reloads it (rule turned off, then back on)', async () => {
    const doc = await open(ORDERS);
    await diagnosticsOf(doc.uri, 2);
    await writeFile(CONFIG, '{ "rules": { "lambda/client-in-handler": "off" } }\n');
    await waitFor(
      'client finding gone',
      () => ours(doc.uri).map(codeOf).join() === 'lambda/import-in-handler',
    );
    await writeFile(CONFIG, '{ "rules": { "lambda/client-in-handler": "error" } }\n');
    const d = await waitFor('client finding back as error', () =>
      ours(doc.uri).find(
        (x) => codeOf(x) === 'lambda/client-in-handler' && x.severity === vscode.DiagnosticSeverity.Error,
      ),
    );
    assert.ok(d);
  });

  test('a broken .perfguard.json gets a diagnostic on itself and the defaults apply', async () => {
    const doc = await open(ORDERS);
    await writeFile(
      CONFIG,
      '{\n  "rules": {\n    "lambda/client-in-handler": "off",\n  }\n  "exclude": []\n}\n',
    );
    const [problem] = await diagnosticsOf(uriOf(CONFIG), 1);
    assert.ok(problem);
    assert.strictEqual(problem.source, 'perfguard');
    assert.strictEqual(problem.severity, vscode.DiagnosticSeverity.Error);
    assert.match(
      problem.message,
      /\.perfguard\.json: line 5, column 3: a comma was expected; using the defaults/,
    );
    assert.deepStrictEqual([problem.range.start.line, problem.range.start.character], [4, 2]);
    // Defaults: the rule the broken file turns off still reports.
    await waitFor('defaults apply', () =>
      ours(doc.uri).some((x) => codeOf(x) === 'lambda/client-in-handler'),
    );
    await writeFile(CONFIG, '{}\n');
    await waitFor('config diagnostic cleared', () => ours(uriOf(CONFIG)).length === 0);
  });

  test('an unknown rule id in .perfguard.json is pointed at', async () => {
    await writeFile(CONFIG, '{ "rules": { "lambda/not-a-rule": "off" } }\n');
    const [problem] = await diagnosticsOf(uriOf(CONFIG), 1);
    assert.ok(problem);
    assert.match(problem.message, /unknown rule "lambda\/not-a-rule"/);
    assert.strictEqual(problem.severity, vscode.DiagnosticSeverity.Warning);
    assert.deepStrictEqual([problem.range.start.character, problem.range.end.character], [13, 32]);
  });

  test('editing .perfguard.json in the editor applies before it is saved', async () => {
    const doc = await open(ORDERS);
    await diagnosticsOf(doc.uri, 2);
    const cfg = await open(CONFIG);
    assert.strictEqual(cfg.languageId, 'jsonc', 'comments are allowed in .perfguard.json');
    const editor = await vscode.window.showTextDocument(cfg);
    await editor.edit((e) =>
      e.replace(
        new vscode.Range(0, 0, cfg.lineCount, 0),
        '{ "rules": { "lambda/import-in-handler": "off" } }\n',
      ),
    );
    await waitFor(
      'import finding gone',
      () => ours(doc.uri).map(codeOf).join() === 'lambda/client-in-handler',
    );
  });

  test('perfguard.rules overrides the file: severity and off', async () => {
    const doc = await open(ORDERS);
    await diagnosticsOf(doc.uri, 2);
    const c = vscode.workspace.getConfiguration('perfguard');
    await c.update('rules', { 'lambda/import-in-handler': 'error' }, vscode.ConfigurationTarget.Workspace);
    await waitFor('import finding is an error', () =>
      ours(doc.uri).some(
        (x) => codeOf(x) === 'lambda/import-in-handler' && x.severity === vscode.DiagnosticSeverity.Error,
      ),
    );
    await c.update('rules', { 'lambda/import-in-handler': 'off' }, vscode.ConfigurationTarget.Workspace);
    await waitFor(
      'import finding off',
      () => !ours(doc.uri).some((x) => codeOf(x) === 'lambda/import-in-handler'),
    );
  });

  test('perfguard.targets changes the numbers rules measure against', async () => {
    const doc = await open('infra/main.tf');
    await waitFor('memory finding', () => ours(doc.uri).some((x) => /target 3072 MB/.test(x.message)));
    await vscode.workspace
      .getConfiguration('perfguard')
      .update(
        'targets',
        { lambda: { memoryByFunction: [{ pattern: 'market', memoryMb: 2048 }] } },
        vscode.ConfigurationTarget.Workspace,
      );
    await waitFor('memory target from settings', () =>
      ours(doc.uri).some((x) => /target 2048 MB/.test(x.message)),
    );
  });

  test('perfguard.exclude and perfguard.enable', async () => {
    const doc = await open(ORDERS);
    await diagnosticsOf(doc.uri, 2);
    const c = vscode.workspace.getConfiguration('perfguard');
    await c.update('exclude', ['services/orders/'], vscode.ConfigurationTarget.Workspace);
    await waitFor('excluded file cleared', () => ours(doc.uri).length === 0);
    await c.update('exclude', undefined, vscode.ConfigurationTarget.Workspace);
    await diagnosticsOf(doc.uri, 2);
    await c.update('enable', false, vscode.ConfigurationTarget.Workspace);
    await waitFor('disabled', () => ours(doc.uri).length === 0);
    await c.update('enable', undefined, vscode.ConfigurationTarget.Workspace);
    await diagnosticsOf(doc.uri, 2);
  });
});
