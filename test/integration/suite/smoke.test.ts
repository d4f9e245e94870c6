import * as assert from 'assert';
import * as vscode from 'vscode';

suite('host', () => {
  test('runs inside a real VS Code with a folder open', () => {
    assert.ok(vscode.version.startsWith('1.'), vscode.version);
    assert.strictEqual(vscode.workspace.workspaceFolders?.length, 1);
  });
});
