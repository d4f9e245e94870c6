/**
 * Code actions in the families vscode-eslint offers: fix this, suggestions, fix all of this rule, ignore for
 * this line / file, show documentation, and `source.fixAll.perfguard` (safe fixes only, through Workspace.fix
 * so the result is checked and idempotent).
 */
import * as vscode from 'vscode';
import { commentPrefixOf, type Finding, type LanguageId } from '../core';
import type { Controller } from './controller';
import { minimalEdit, ruleIdOf, sameRange, toWorkspaceEdit } from './convert';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('perfguard');
export const SHOW_DOCS_COMMAND = 'perfguard.showDocumentation';

export class PerfguardCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
  };

  constructor(private readonly controller: Controller) {}

  async provideCodeActions(
    doc: vscode.TextDocument,
    range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.CodeAction[]> {
    const language = this.controller.languageOf(doc);
    if (!language) return [];
    const only = context.only;
    const actions: vscode.CodeAction[] = [];

    if (only && (FIX_ALL_KIND.contains(only) || only.contains(FIX_ALL_KIND))) {
      const action = await this.fixAllAction(doc, FIX_ALL_KIND, 'Fix all auto-fixable perfguard problems');
      if (action && !token.isCancellationRequested) actions.push(action);
      return actions;
    }
    if (only && !only.contains(vscode.CodeActionKind.QuickFix)) return actions;

    const ours = context.diagnostics.filter((d) => ruleIdOf(d) !== undefined);
    if (ours.length === 0) return actions;
    const findings = await this.controller.findingsOf(doc);
    if (token.isCancellationRequested) return [];
    const matched: { diag: vscode.Diagnostic; finding: Finding }[] = [];
    for (const diag of ours) {
      const ruleId = ruleIdOf(diag);
      const finding =
        findings.find(
          (f) => f.ruleId === ruleId && sameRange(diag.range, f.range) && f.message === diag.message,
        ) ?? findings.find((f) => f.ruleId === ruleId && sameRange(diag.range, f.range));
      if (finding) matched.push({ diag, finding });
    }
    if (matched.length === 0) return actions;

    // 1. Fix this (safe, preferred) and the suggestions.
    for (const { diag, finding } of matched) {
      if (finding.fix) {
        const a = new vscode.CodeAction(finding.fix.title, vscode.CodeActionKind.QuickFix);
        a.edit = toWorkspaceEdit(doc, finding.fix.edits);
        a.diagnostics = [diag];
        a.isPreferred = true;
        actions.push(a);
      }
      for (const s of finding.suggestions ?? []) {
        const a = new vscode.CodeAction(s.title, vscode.CodeActionKind.QuickFix);
        a.edit = toWorkspaceEdit(doc, s.edits);
        a.diagnostics = [diag];
        actions.push(a);
      }
    }

    // 2. Per rule: fix all of it in this file, ignore for this line, for this file, show documentation.
    const seenRules = new Set<string>();
    const seenLines = new Set<string>();
    const prefix = commentPrefixOf(language);
    const tail: vscode.CodeAction[] = [];
    for (const { diag, finding } of matched) {
      const ruleId = finding.ruleId;
      if (!seenRules.has(ruleId)) {
        if (findings.some((f) => f.ruleId === ruleId && f.fix)) {
          const a = await this.fixAllAction(
            doc,
            vscode.CodeActionKind.QuickFix,
            `Fix all ${ruleId} problems in this file`,
            new Set([ruleId]),
          );
          if (a) {
            a.diagnostics = matched.filter((m) => m.finding.ruleId === ruleId).map((m) => m.diag);
            actions.push(a);
          }
        }
      }
      const lineKey = `${ruleId}@${finding.range.start.line}`;
      if (prefix && !seenLines.has(lineKey)) {
        seenLines.add(lineKey);
        const edit = ignoreLineEdit(doc, finding.range.start.line, ruleId, prefix, language);
        if (edit) {
          const a = new vscode.CodeAction(`Ignore ${ruleId} for this line`, vscode.CodeActionKind.QuickFix);
          a.edit = new vscode.WorkspaceEdit();
          a.edit.set(doc.uri, [edit]);
          a.diagnostics = [diag];
          tail.push(a);
        }
      }
      if (!seenRules.has(ruleId)) {
        seenRules.add(ruleId);
        if (prefix) {
          const edit = ignoreFileEdit(doc, ruleId, prefix);
          if (edit) {
            const a = new vscode.CodeAction(`Ignore ${ruleId} for this file`, vscode.CodeActionKind.QuickFix);
            a.edit = new vscode.WorkspaceEdit();
            a.edit.set(doc.uri, [edit]);
            a.diagnostics = [diag];
            tail.push(a);
          }
        }
        const docs = new vscode.CodeAction(
          `Show documentation for ${ruleId}`,
          vscode.CodeActionKind.QuickFix,
        );
        docs.command = { title: docs.title, command: SHOW_DOCS_COMMAND, arguments: [ruleId] };
        tail.push(docs);
      }
    }
    actions.push(...tail);

    // 3. Fix everything fixable when more than one rule has something to fix.
    const fixableRules = new Set(findings.filter((f) => f.fix).map((f) => f.ruleId));
    if (fixableRules.size > 1) {
      const a = await this.fixAllAction(
        doc,
        vscode.CodeActionKind.QuickFix,
        'Fix all auto-fixable perfguard problems',
      );
      if (a) actions.push(a);
    }
    return token.isCancellationRequested ? [] : actions;
  }

  private async fixAllAction(
    doc: vscode.TextDocument,
    kind: vscode.CodeActionKind,
    title: string,
    ruleIds?: ReadonlySet<string>,
  ): Promise<vscode.CodeAction | undefined> {
    const before = doc.getText();
    const version = doc.version;
    const after = await this.controller.fixText(doc, ruleIds);
    if (after === undefined || doc.version !== version) return undefined;
    const edit = minimalEdit(doc, before, after);
    if (!edit) return undefined;
    const a = new vscode.CodeAction(title, kind);
    a.edit = new vscode.WorkspaceEdit();
    a.edit.set(doc.uri, [edit]);
    return a;
  }
}

const LINE_DIRECTIVE =
  /perfguard-ignore(?![\w-])[ \t]*((?:[a-z0-9]+\/[a-z0-9-]+)(?:[ \t]*,[ \t]*[a-z0-9]+\/[a-z0-9-]+)*)?/;
const FILE_DIRECTIVE =
  /perfguard-ignore-file(?![\w-])[ \t]*((?:[a-z0-9]+\/[a-z0-9-]+)(?:[ \t]*,[ \t]*[a-z0-9]+\/[a-z0-9-]+)*)?/;

/**
 * `<code>  # perfguard-ignore <rule>` at the end of the line, or the rule added to a directive already there.
 * A line continued with a backslash gets `perfguard-ignore-next-line` above it instead.
 */
function ignoreLineEdit(
  doc: vscode.TextDocument,
  line: number,
  ruleId: string,
  prefix: string,
  language: LanguageId,
): vscode.TextEdit | undefined {
  const text = doc.lineAt(line).text;
  const idx = text.indexOf(prefix);
  const m = idx >= 0 ? LINE_DIRECTIVE.exec(text.slice(idx)) : null;
  if (m && idx >= 0) {
    const ids = m[1];
    if (!ids) return undefined; // already ignores every rule
    if (ids.split(/\s*,\s*/).includes(ruleId)) return undefined;
    const at = idx + m.index + m[0].length;
    return vscode.TextEdit.insert(new vscode.Position(line, at), `, ${ruleId}`);
  }
  if (/\\\s*$/.test(text)) {
    const indent = /^[ \t]*/.exec(text)?.[0] ?? '';
    return vscode.TextEdit.insert(
      new vscode.Position(line, 0),
      `${indent}${prefix} perfguard-ignore-next-line ${ruleId}${eolOf(doc)}`,
    );
  }
  const trimmedEnd = text.replace(/[ \t]+$/, '').length;
  const gap = language === 'python' ? '  ' : ' ';
  return vscode.TextEdit.replace(
    new vscode.Range(line, trimmedEnd, line, text.length),
    `${gap}${prefix} perfguard-ignore ${ruleId}`,
  );
}

/** `# perfguard-ignore-file <rule>` at the top (after a shebang), or the rule added to one already there. */
function ignoreFileEdit(
  doc: vscode.TextDocument,
  ruleId: string,
  prefix: string,
): vscode.TextEdit | undefined {
  for (let i = 0; i < doc.lineCount; i++) {
    const text = doc.lineAt(i).text;
    const idx = text.indexOf(prefix);
    if (idx < 0 || !text.includes('perfguard-ignore-file')) continue;
    const m = FILE_DIRECTIVE.exec(text.slice(idx));
    if (!m) continue;
    const ids = m[1];
    if (!ids) return undefined;
    if (ids.split(/\s*,\s*/).includes(ruleId)) return undefined;
    return vscode.TextEdit.insert(new vscode.Position(i, idx + m.index + m[0].length), `, ${ruleId}`);
  }
  let line = 0;
  if (doc.lineCount > 0 && doc.lineAt(0).text.startsWith('#!')) line = 1;
  // Python's encoding declaration must stay on the first two lines.
  if (doc.languageId === 'python' && line < doc.lineCount && /coding[:=]/.test(doc.lineAt(line).text)) line++;
  if (line >= doc.lineCount) {
    const last = doc.lineAt(doc.lineCount - 1);
    return vscode.TextEdit.insert(last.range.end, `${eolOf(doc)}${prefix} perfguard-ignore-file ${ruleId}`);
  }
  return vscode.TextEdit.insert(
    new vscode.Position(line, 0),
    `${prefix} perfguard-ignore-file ${ruleId}${eolOf(doc)}`,
  );
}

function eolOf(doc: vscode.TextDocument): string {
  return doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
}
