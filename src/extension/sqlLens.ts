/**
 * Athena scan estimates in the editor (issue 4): a CodeLens above each query ("≈ 1.2 GB scanned · ≈ $0.0059 ·
 * 3 of 365 partitions") in SQL files and in SQL embedded in Python/JS/TS, and a status bar item with the estimate
 * of the query at the cursor (hidden when there is none). The estimates come from the engine (`core/sql/lens.ts`)
 * through the Controller, which serializes engine calls and keeps the Parquet metadata loaded.
 */
import * as vscode from 'vscode';
import type { QueryEstimate } from '../core/sql/lens';
import type { Controller } from './controller';

/** Documents that can hold Athena SQL. */
export const SQL_LENS_SELECTOR: vscode.DocumentSelector = [
  { language: 'sql' },
  { language: 'python' },
  { language: 'javascript' },
  { language: 'typescript' },
  { language: 'javascriptreact' },
  { language: 'typescriptreact' },
];

/** Delay between a cursor move and the status bar update. */
const CURSOR_DEBOUNCE_MS = 100;

export function sqlCodeLensEnabled(scope?: vscode.ConfigurationScope): boolean {
  return vscode.workspace.getConfiguration('perfguard', scope).get<boolean>('sql.codeLens', true) !== false;
}

const SOURCES: Record<QueryEstimate['estimate']['source'], string> = {
  parquet: 'from the local Parquet footers',
  declared: 'from declared table statistics',
  mixed: 'from local Parquet footers and declared statistics',
  none: 'not possible',
};

function tooltipOf(q: QueryEstimate): string {
  const e = q.estimate;
  const lines = [`perfguard: Athena scan estimate ${SOURCES[e.source]}`, q.text];
  if (e.bytes !== undefined)
    lines.push('Athena bills $5 per TB, rounded up to the MB, 10 MB minimum per query.');
  return lines.join('\n');
}

/** The CodeLens provider: one lens per Athena query statement. */
export class SqlScanCodeLens implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.emitter.event;
  private readonly subs: vscode.Disposable[];

  constructor(private readonly controller: Controller) {
    this.subs = [
      controller.onDidLint(() => this.emitter.fire()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('perfguard')) this.emitter.fire();
      }),
    ];
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
    this.emitter.dispose();
  }

  async provideCodeLenses(
    document: vscode.TextDocument,
    token: vscode.CancellationToken,
  ): Promise<vscode.CodeLens[]> {
    if (!sqlCodeLensEnabled(document.uri)) return [];
    const version = document.version;
    const estimates = await this.controller.scanEstimates(document);
    if (token.isCancellationRequested || document.version !== version) return [];
    return estimates.map(
      (q) =>
        new vscode.CodeLens(
          new vscode.Range(
            q.headRange.start.line,
            q.headRange.start.character,
            q.headRange.end.line,
            q.headRange.end.character,
          ),
          { title: q.text, tooltip: tooltipOf(q), command: '' },
        ),
    );
  }
}

/** The status bar item: the estimate of the query at the cursor of the active editor. */
export class SqlEstimateStatus implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem(
    'perfguard.sqlEstimate',
    vscode.StatusBarAlignment.Left,
    49,
  );
  private readonly subs: vscode.Disposable[];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private seq = 0;
  private visible = false;

  constructor(private readonly controller: Controller) {
    this.item.name = 'perfguard scan estimate';
    this.subs = [
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule(0)),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor === vscode.window.activeTextEditor) this.schedule(CURSOR_DEBOUNCE_MS);
      }),
      controller.onDidLint((e) => {
        if (vscode.window.activeTextEditor?.document.uri.toString() === e.uri.toString()) this.schedule(0);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('perfguard')) this.schedule(0);
      }),
    ];
    // The first update follows the first lint of the active document (after the configuration is loaded).
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const s of this.subs) s.dispose();
    this.item.dispose();
  }

  /** The text shown, or undefined while hidden (for tests and automation). */
  get text(): string | undefined {
    return this.visible ? this.item.text : undefined;
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.update().catch(() => this.hide());
    }, ms);
  }

  private hide(): void {
    this.visible = false;
    this.item.hide();
  }

  private async update(): Promise<void> {
    const seq = ++this.seq;
    const editor = vscode.window.activeTextEditor;
    if (!editor) return this.hide();
    const doc = editor.document;
    const version = doc.version;
    const offset = doc.offsetAt(editor.selection.active);
    const estimates = await this.controller.scanEstimates(doc);
    // A newer update started, or the text moved on: that one decides.
    if (seq !== this.seq || doc.version !== version) return;
    const q = estimates.find((x) => x.range.startOffset <= offset && offset <= x.range.endOffset);
    if (!q) return this.hide();
    this.item.text = `$(database) ${q.estimate.bytes === undefined ? 'No scan estimate' : q.text}`;
    this.item.tooltip = tooltipOf(q);
    this.visible = true;
    this.item.show();
  }
}
