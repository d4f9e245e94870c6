/**
 * perfguard's VS Code entry point. `activate()` only wires things up: no parser, grammar or AWS SDK is loaded
 * here (grammars load on the first lint, the SDK when the sidebar needs it). The linting lives in Controller.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { docsPath, docsUrl, ruleById, setWasmDirectory, type Finding } from '../core';
import { FIX_ALL_KIND, PerfguardCodeActions, SHOW_DOCS_COMMAND } from './codeActions';
import { Controller, type LintEvent, type ScanResult } from './controller';
import { minimalEdit } from './convert';
import { PerfguardHover } from './hover';
import { registerMetrics } from './metrics';
import { SQL_LENS_SELECTOR, SqlEstimateStatus, SqlScanCodeLens } from './sqlLens';

/** What `activate()` returns: for tests, automation and other parts of the extension. */
export interface PerfguardApi {
  /** Time spent inside activate(), ms. */
  readonly activationMs: number;
  readonly onDidLint: vscode.Event<LintEvent>;
  /** Lint a document now (not debounced) and publish its diagnostics. */
  lintDocument(doc: vscode.TextDocument): Promise<readonly Finding[] | undefined>;
  /** Resolves when the background workspace index is built, with the number of files it holds. */
  whenIndexed(): Promise<number>;
  /** Workspace-relative paths of the files the engine knows for the folder of `uri`. */
  indexedFiles(uri: vscode.Uri): string[];
  scanWorkspace(): Promise<ScanResult>;
  /** Every open document's current findings. */
  allFindings(): { uri: vscode.Uri; findings: readonly Finding[] }[];
  /** The scan-estimate status bar text for the query at the cursor; undefined while the item is hidden. */
  sqlEstimateStatus(): string | undefined;
}

const DOCUMENT_SELECTOR: vscode.DocumentSelector = [{ scheme: 'file' }, { scheme: 'untitled' }];

export function activate(context: vscode.ExtensionContext): PerfguardApi {
  const t0 = performance.now();
  setWasmDirectory(path.join(context.extensionPath, 'dist'));
  const log = vscode.window.createOutputChannel('perfguard', { log: true });
  const status = vscode.window.createStatusBarItem('perfguard.status', vscode.StatusBarAlignment.Left, 50);
  status.name = 'perfguard';
  status.command = 'workbench.actions.view.problems';
  let statusTimer: ReturnType<typeof setTimeout> | undefined;
  const controller = new Controller(log, () => {
    if (statusTimer) return;
    statusTimer = setTimeout(() => {
      statusTimer = undefined;
      updateStatus(status, controller);
    }, 50);
  });
  context.subscriptions.push(log, status, controller, {
    dispose: () => statusTimer && clearTimeout(statusTimer),
  });

  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider(
      DOCUMENT_SELECTOR,
      new PerfguardCodeActions(controller),
      PerfguardCodeActions.metadata,
    ),
    vscode.languages.registerHoverProvider(DOCUMENT_SELECTOR, new PerfguardHover(controller)),
    vscode.commands.registerCommand('perfguard.scanWorkspace', () => controller.scanWorkspace()),
    vscode.commands.registerCommand('perfguard.fixAll', async (uri?: vscode.Uri) => {
      const doc = uri ? controller.openDocument(uri) : vscode.window.activeTextEditor?.document;
      if (!doc) return false;
      const before = doc.getText();
      const after = await controller.fixText(doc);
      if (after === undefined || doc.getText() !== before) return false;
      const edit = minimalEdit(doc, before, after);
      if (!edit) return false;
      const we = new vscode.WorkspaceEdit();
      we.set(doc.uri, [edit]);
      return vscode.workspace.applyEdit(we);
    }),
    vscode.commands.registerCommand(SHOW_DOCS_COMMAND, (ruleId?: string) =>
      showDocumentation(context, ruleId),
    ),
    vscode.commands.registerCommand('perfguard.showOutput', () => log.show(true)),
  );

  // Athena scan estimates: CodeLens above each query, status bar for the query at the cursor (issue 4).
  const sqlStatus = new SqlEstimateStatus(controller);
  const sqlLens = new SqlScanCodeLens(controller);
  context.subscriptions.push(
    sqlStatus,
    sqlLens,
    vscode.languages.registerCodeLensProvider(SQL_LENS_SELECTOR, sqlLens),
  );

  // The live sidebar, CodeLens and report (issue 7): nothing reaches AWS until the view or a command needs it.
  registerMetrics(context, {
    engineFolders: () => controller.folderStates(),
    estimateQuery: (doc, pos) => controller.estimateAt(doc, pos),
  });

  controller.start();
  status.text = '$(check) perfguard';
  status.tooltip = 'perfguard: no findings';
  status.show();
  // Configuration, open documents and the workspace index: after activation, in the background.
  const ready = new Promise<void>((resolve) => setTimeout(resolve, 0)).then(() => controller.initialize());
  ready.catch((e: unknown) => log.error(`initialization failed: ${String(e)}`));

  const activationMs = performance.now() - t0;
  log.info(`activated in ${activationMs.toFixed(1)} ms (trusted workspace: ${vscode.workspace.isTrusted})`);
  return {
    activationMs,
    onDidLint: controller.onDidLint,
    lintDocument: (doc) => controller.lintDocument(doc),
    whenIndexed: async () => {
      await ready;
      return controller.whenIndexed();
    },
    indexedFiles: (uri) => controller.folderStateFor(uri).ws.filePaths(),
    scanWorkspace: () => controller.scanWorkspace(),
    allFindings: () => controller.allFindings(),
    sqlEstimateStatus: () => sqlStatus.text,
  };
}

export function deactivate(): void {}

function updateStatus(status: vscode.StatusBarItem, controller: Controller): void {
  const c = controller.counts();
  const total = c.errors + c.warnings + c.infos;
  if (total === 0) {
    status.text = '$(check) perfguard';
    status.tooltip = 'perfguard: no findings. Click to open the Problems view.';
    return;
  }
  const icon = c.errors > 0 ? '$(error)' : c.warnings > 0 ? '$(warning)' : '$(info)';
  status.text = `${icon} perfguard ${total}`;
  const parts = [
    c.errors > 0 ? `${c.errors} error${c.errors === 1 ? '' : 's'}` : '',
    c.warnings > 0 ? `${c.warnings} warning${c.warnings === 1 ? '' : 's'}` : '',
    c.infos > 0 ? `${c.infos} info` : '',
  ].filter(Boolean);
  status.tooltip = `perfguard: ${total} finding${total === 1 ? '' : 's'} in ${c.files} file${
    c.files === 1 ? '' : 's'
  } (${parts.join(', ')}). Click to open the Problems view.`;
}

/**
 * Open a rule's documentation: the page packaged with the extension in Markdown preview (works offline),
 * else the published page. Returns the Uri that was opened.
 */
async function showDocumentation(
  context: vscode.ExtensionContext,
  ruleId?: string,
): Promise<vscode.Uri | undefined> {
  const id =
    ruleId ??
    (await vscode.window.showInputBox({
      prompt: 'perfguard rule id',
      placeHolder: 'lambda/client-in-handler',
    }));
  if (!id) return undefined;
  if (!ruleById(id)) void vscode.window.showWarningMessage(`perfguard: unknown rule ${id}`);
  const local = path.join(context.extensionPath, docsPath(id));
  if (fs.existsSync(local)) {
    const uri = vscode.Uri.file(local);
    await vscode.commands.executeCommand('markdown.showPreview', uri);
    return uri;
  }
  const uri = vscode.Uri.parse(docsUrl(id));
  await vscode.env.openExternal(uri);
  return uri;
}

export { FIX_ALL_KIND };
