/**
 * The `perfguard.metrics` webview view: strict CSP with a per-load nonce from `crypto`, the browser bundle
 * dist/webview.js, and the typed protocol of src/core/metrics/protocol.ts in both directions. VS Code tears a
 * hidden view down; when it is shown again the page loads anew, says `ready`, and gets the latest snapshot.
 */
import { randomBytes } from 'crypto';
import * as vscode from 'vscode';
import {
  parseViewMessage,
  type ExtensionMessage,
  type QueryEstimate,
  type ViewMessage,
} from '../../core/metrics';
import { readMetricsSettings, ruleDocUri, type MetricsController } from './controller';

export const VIEW_ID = 'perfguard.metrics';

export function nonce(): string {
  return randomBytes(18)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, '');
}

export function viewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, n: string): string {
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js'));
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} data:`,
    `style-src ${webview.cspSource} 'nonce-${n}'`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${n}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>perfguard metrics</title>
</head>
<body>
<main id="app" data-state="loading" data-nonce="${n}"><p class="muted">Loading metrics…</p></main>
<script type="module" nonce="${n}" src="${script.toString()}"></script>
</body>
</html>`;
}

export class MetricsViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private estimate: QueryEstimate | null = null;
  /** Messages the view sent (validated), newest last: for tests and diagnostics. */
  readonly received: ViewMessage[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly controller: MetricsController,
    private readonly log?: vscode.OutputChannel,
  ) {
    this.disposables.push(
      controller.onDidChange((snapshot) => this.post({ type: 'snapshot', snapshot })),
      controller.onDidChangeRefreshing(() => this.postStatus()),
    );
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  get isResolved(): boolean {
    return this.view !== undefined;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    view.webview.options = {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist')],
    };
    view.webview.html = viewHtml(view.webview, this.extensionUri, nonce());
    this.disposables.push(
      view.webview.onDidReceiveMessage((m: unknown) =>
        this.receive(m).catch((e: unknown) =>
          this.log?.appendLine(`metrics view: ${e instanceof Error ? e.message : String(e)}`),
        ),
      ),
      view.onDidChangeVisibility(() => this.controller.setVisible(view.visible)),
      view.onDidDispose(() => {
        this.view = undefined;
        this.controller.setVisible(false);
      }),
    );
    this.controller.setVisible(view.visible);
  }

  setEstimate(estimate: QueryEstimate | null): void {
    this.estimate = estimate;
    this.post({ type: 'estimate', estimate });
  }

  private post(message: ExtensionMessage): void {
    if (!this.view) return;
    void Promise.resolve(this.view.webview.postMessage(message)).then(undefined, () => undefined);
  }

  private postStatus(): void {
    const s = readMetricsSettings();
    this.post({
      type: 'status',
      refreshing: this.controller.isRefreshing,
      range: this.controller.range,
      refreshSeconds: s.refreshSeconds,
    });
  }

  private async receive(raw: unknown): Promise<void> {
    const m = parseViewMessage(raw);
    if (!m) {
      this.log?.appendLine(`metrics view: ignored a malformed message ${JSON.stringify(raw)?.slice(0, 200)}`);
      return;
    }
    this.received.push(m);
    if (this.received.length > 200) this.received.splice(0, this.received.length - 200);
    switch (m.type) {
      case 'ready': {
        this.postStatus();
        const snap = this.controller.snapshot;
        if (snap) this.post({ type: 'snapshot', snapshot: snap });
        if (this.estimate) this.post({ type: 'estimate', estimate: this.estimate });
        if (!snap && !this.controller.isRefreshing) void this.controller.refresh();
        return;
      }
      case 'refresh':
        void this.controller.refresh();
        return;
      case 'setTimeRange':
        this.controller.setRange(m.range);
        this.postStatus();
        return;
      case 'openFunction': {
        const loc = this.controller.handlerOf(m.name);
        if (!loc) {
          void vscode.window.showInformationMessage(
            `perfguard: no handler in this workspace is mapped to the function ${m.name}.`,
          );
          return;
        }
        await openAt(loc.uri, loc.line);
        return;
      }
      case 'openLocation': {
        const folder = vscode.workspace.workspaceFolders?.[0];
        if (!folder) return;
        await openAt(vscode.Uri.joinPath(folder.uri, m.file), m.line);
        return;
      }
      case 'openRule': {
        const { local, remote } = ruleDocUri(this.extensionUri, m.ruleId);
        try {
          await vscode.workspace.fs.stat(local);
          await vscode.commands.executeCommand('markdown.showPreview', local);
        } catch {
          await vscode.env.openExternal(remote);
        }
        return;
      }
    }
  }
}

export async function openAt(uri: vscode.Uri, line: number): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const pos = new vscode.Position(Math.min(line, Math.max(doc.lineCount - 1, 0)), 0);
  await vscode.window.showTextDocument(doc, { selection: new vscode.Range(pos, pos), preview: false });
}
