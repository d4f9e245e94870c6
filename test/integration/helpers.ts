/** Shared helpers for the suites that run inside the VS Code host. */
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { PerfguardApi } from '../../src/extension/extension';

export const EXTENSION_ID = 'perfguard.perfguard';

export async function api(): Promise<PerfguardApi> {
  const ext = vscode.extensions.getExtension<PerfguardApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is loaded`);
  const a = await ext.activate();
  await a.whenIndexed();
  return a;
}

export function root(): vscode.Uri {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'a workspace folder is open');
  return f.uri;
}

export function uriOf(rel: string): vscode.Uri {
  return vscode.Uri.joinPath(root(), ...rel.split('/'));
}

export async function open(rel: string): Promise<vscode.TextDocument> {
  return vscode.workspace.openTextDocument(uriOf(rel));
}

export async function show(rel: string): Promise<vscode.TextEditor> {
  return vscode.window.showTextDocument(await open(rel));
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'perfguard');
}

export function codeOf(d: vscode.Diagnostic): string {
  const c = d.code;
  return typeof c === 'object' && c !== null ? String(c.value) : String(c);
}

/** Poll until `check` returns a value that is not undefined/false, or fail after `ms`. */
export async function waitFor<T>(what: string, check: () => T | undefined | false, ms = 15000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Diagnostics of a file once perfguard has published them (at least `min`). */
export function diagnosticsOf(uri: vscode.Uri, min = 1, ms?: number): Promise<vscode.Diagnostic[]> {
  return waitFor(
    `${min}+ perfguard diagnostics on ${vscode.workspace.asRelativePath(uri)}`,
    () => {
      const d = ours(uri);
      return d.length >= min ? d : undefined;
    },
    ms,
  );
}

/** `[startLine, startChar, endLine, endChar]` */
export function rangeOf(d: { range: vscode.Range }): [number, number, number, number] {
  return [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character];
}

export async function codeActions(
  uri: vscode.Uri,
  range: vscode.Range,
  kind?: string,
): Promise<vscode.CodeAction[]> {
  const r = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    'vscode.executeCodeActionProvider',
    uri,
    range,
    kind,
  );
  return (r ?? []).filter((a): a is vscode.CodeAction => a instanceof vscode.CodeAction);
}

export async function apply(action: vscode.CodeAction): Promise<void> {
  if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), `applied "${action.title}"`);
  if (action.command)
    await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

/**
 * Remembers files' texts and puts them back (in the editor and on disk) after a test changed them, so that
 * every test starts from the fixture.
 */
export class Originals {
  private readonly texts = new Map<string, string>();

  async remember(...rels: string[]): Promise<void> {
    for (const rel of rels) this.texts.set(rel, await readFile(rel));
  }

  async restore(): Promise<void> {
    for (const [rel, text] of this.texts) {
      const doc = await open(rel);
      if (doc.getText() !== text) {
        const edit = new vscode.WorkspaceEdit();
        edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), text);
        await vscode.workspace.applyEdit(edit);
      }
      if (doc.isDirty) await doc.save();
      if ((await readFile(rel)) !== text) await writeFile(rel, text);
    }
  }
}

export async function writeFile(rel: string, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uriOf(rel), new TextEncoder().encode(text));
}

export async function readFile(rel: string): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uriOf(rel)));
}
