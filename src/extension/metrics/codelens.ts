/**
 * CodeLens above each handler mapped to a deployed function: "p95 850 ms · cold start 2.5 s · 1.2k/h".
 * Shown from the latest snapshot only: opening a file never calls AWS.
 */
import * as vscode from 'vscode';
import { codeLensText } from '../../core/metrics';
import { readMetricsSettings, type MetricsController } from './controller';

export class HandlerCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.emitter.event;
  private readonly sub: vscode.Disposable;

  constructor(private readonly controller: MetricsController) {
    this.sub = controller.onDidChange(() => this.emitter.fire());
  }

  dispose(): void {
    this.sub.dispose();
    this.emitter.dispose();
  }

  /** Settings changed (e.g. `perfguard.metrics.codeLens`). */
  refresh(): void {
    this.emitter.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!readMetricsSettings().codeLens) return [];
    const snap = this.controller.snapshot;
    if (!snap) return [];
    const lenses: vscode.CodeLens[] = [];
    for (const fn of snap.lambda.functions) {
      const loc = this.controller.handlerOf(fn.name);
      if (!loc || loc.uri.toString() !== document.uri.toString()) continue;
      const line = Math.min(loc.line, Math.max(document.lineCount - 1, 0));
      const range = new vscode.Range(line, 0, line, 0);
      lenses.push(
        new vscode.CodeLens(range, {
          title: codeLensText(fn),
          tooltip: `${fn.name}: live figures for the last ${snap.range} (perfguard)`,
          command: 'perfguard.metrics.focus',
        }),
      );
    }
    return lenses;
  }
}
