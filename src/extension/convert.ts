/** Engine values → VS Code values. The adapter only adapts: no rule logic here. */
import * as vscode from 'vscode';
import { docsUrl, type Finding, type Severity, type TextEdit } from '../core';

export const SOURCE = 'perfguard';

export function toSeverity(s: Severity): vscode.DiagnosticSeverity {
  switch (s) {
    case 'error':
      return vscode.DiagnosticSeverity.Error;
    case 'warning':
      return vscode.DiagnosticSeverity.Warning;
    default:
      return vscode.DiagnosticSeverity.Information;
  }
}

export function toRange(r: Finding['range']): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

/** The published docs page of a rule (the diagnostic's code link, as ESLint's extension does). */
export function docsUri(ruleId: string): vscode.Uri {
  return vscode.Uri.parse(docsUrl(ruleId));
}

export function toDiagnostic(f: Finding): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toRange(f.range), f.message, toSeverity(f.severity));
  d.source = SOURCE;
  d.code = { value: f.ruleId, target: docsUri(f.ruleId) };
  return d;
}

export function ruleIdOf(d: vscode.Diagnostic): string | undefined {
  if (d.source !== SOURCE) return undefined;
  const c = d.code;
  if (typeof c === 'object' && c !== null) return String(c.value);
  return c === undefined ? undefined : String(c);
}

/** Engine edits → a WorkspaceEdit on one document (offsets resolved against the document). */
export function toWorkspaceEdit(
  doc: vscode.TextDocument,
  edits: readonly TextEdit[],
  into = new vscode.WorkspaceEdit(),
): vscode.WorkspaceEdit {
  for (const e of edits) {
    const range = new vscode.Range(doc.positionAt(e.range.startOffset), doc.positionAt(e.range.endOffset));
    into.replace(doc.uri, range, e.newText);
  }
  return into;
}

/** The smallest single edit that turns `before` into `after` (keeps cursors and folding where they were). */
export function minimalEdit(
  doc: vscode.TextDocument,
  before: string,
  after: string,
): vscode.TextEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before.charCodeAt(endB - 1) === after.charCodeAt(endA - 1)) {
    endB--;
    endA--;
  }
  return vscode.TextEdit.replace(
    new vscode.Range(doc.positionAt(start), doc.positionAt(endB)),
    after.slice(start, endA),
  );
}

export function sameRange(a: vscode.Range, b: Finding['range']): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}
