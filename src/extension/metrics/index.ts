/**
 * Live metrics in the editor: the `perfguard.metrics` sidebar view, `perfguard.metrics.refresh` (returns the
 * snapshot it rendered), `perfguard.report` (the guide's results template as Markdown), and CodeLens above
 * handlers. The AWS SDK bundle is loaded only when the view opens or a command needs it; in an untrusted
 * workspace nothing calls AWS.
 *
 *   registerMetrics(context, { engineFolders: () => …, estimateQuery: (doc, pos) => … })
 */
import * as vscode from 'vscode';
import {
  formatUsd,
  renderReport,
  statusAgainst,
  athenaCostUsd,
  type MetricsSnapshot,
} from '../../core/metrics';
import { HandlerCodeLensProvider } from './codelens';
import { MetricsController, openFindings, type MetricsDeps } from './controller';
import { MetricsViewProvider, VIEW_ID } from './view';

export type { MetricsDeps } from './controller';
export { MetricsController } from './controller';

export interface MetricsApi {
  controller: MetricsController;
  view: MetricsViewProvider;
  codeLens: HandlerCodeLensProvider;
}

const CODE_SELECTOR: vscode.DocumentSelector = [
  { language: 'python' },
  { language: 'javascript' },
  { language: 'typescript' },
  { language: 'javascriptreact' },
  { language: 'typescriptreact' },
];

/** The report for a snapshot, with the workspace's open findings as recommendations. */
export function reportMarkdown(controller: MetricsController, snapshot: MetricsSnapshot): string {
  return renderReport({
    snapshot,
    targets: controller.targets(),
    findings: openFindings(),
    workspaceName: vscode.workspace.name ?? undefined,
  });
}

export function registerMetrics(context: vscode.ExtensionContext, deps: MetricsDeps = {}): MetricsApi {
  const log = vscode.window.createOutputChannel('perfguard metrics');
  const controller = new MetricsController(deps);
  const view = new MetricsViewProvider(context.extensionUri, controller, log);
  const codeLens = new HandlerCodeLensProvider(controller);

  context.subscriptions.push(
    log,
    controller,
    view,
    codeLens,
    vscode.window.registerWebviewViewProvider(VIEW_ID, view),
    vscode.languages.registerCodeLensProvider(CODE_SELECTOR, codeLens),
    vscode.commands.registerCommand('perfguard.metrics.refresh', () => controller.refresh()),
    vscode.commands.registerCommand('perfguard.report', async () => {
      const snapshot = await controller.refresh();
      const markdown = reportMarkdown(controller, snapshot);
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
      await vscode.window.showTextDocument(doc, { preview: false });
      return markdown;
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('perfguard.metrics.timeRange')) controller.resetRange();
      if (e.affectsConfiguration('perfguard.metrics.refreshSeconds')) controller.settingsChanged();
      if (e.affectsConfiguration('perfguard.metrics.codeLens')) codeLens.refresh();
      if (
        (e.affectsConfiguration('perfguard.aws') || e.affectsConfiguration('perfguard.metrics.timeRange')) &&
        (view.isResolved || controller.snapshot)
      )
        void controller.refresh();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      if (view.isResolved) void controller.refresh();
    }),
  );

  // The estimate of the SQL at the cursor, when the SQL engine supplies one.
  const estimateQuery = deps.estimateQuery;
  if (estimateQuery) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const update = (editor: vscode.TextEditor | undefined) => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        if (!editor || !view.isResolved) return;
        void Promise.resolve(estimateQuery(editor.document, editor.selection.active))
          .then((e) => {
            if (!e) return view.setEstimate(null);
            const targets = controller.targets();
            const cost = athenaCostUsd(e.bytes, targets.athena);
            view.setEstimate({
              file: vscode.workspace.asRelativePath(editor.document.uri, false),
              line: editor.selection.active.line,
              bytes: e.bytes,
              costUsd: cost,
              ...(e.note
                ? { note: e.note }
                : cost !== null
                  ? { note: `about ${formatUsd(cost)} per run` }
                  : {}),
              status: statusAgainst(e.bytes, targets.athena.maxBytesScannedPerQuery),
            });
          })
          .catch(() => view.setEstimate(null));
      }, 300);
    };
    context.subscriptions.push(
      vscode.window.onDidChangeTextEditorSelection((e) => update(e.textEditor)),
      vscode.window.onDidChangeActiveTextEditor((e) => update(e)),
      { dispose: () => timer && clearTimeout(timer) },
    );
  }

  return { controller, view, codeLens };
}
