/**
 * The metrics controller: reads the `perfguard.aws.*` / `perfguard.metrics.*` settings, loads the AWS bundle
 * (dist/aws.js) with `require` on first need, runs refreshes (one at a time), keeps the latest snapshot for the
 * view, the CodeLens and the report, and auto-refreshes while the view is visible.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import type * as AwsModule from '../../aws';
import { DOCS_BASE_URL, mergeTargets, DEFAULT_TARGETS, type Finding, type Targets } from '../../core';
import {
  buildSnapshot,
  isTimeRange,
  problemSnapshot,
  type MetricsSnapshot,
  type SourceLocation,
  type TimeRange,
} from '../../core/metrics';
import { apiStagesFromWorkspace } from '../../core/metrics/infra';
import { definedFunctionNames, locateHandlers, type EngineFolder, type HandlerLocation } from './handlers';

export interface MetricsSettings {
  profile: string;
  region: string;
  endpoint: string;
  timeRange: TimeRange;
  refreshSeconds: number;
  codeLens: boolean;
}

export function readMetricsSettings(): MetricsSettings {
  const aws = vscode.workspace.getConfiguration('perfguard.aws');
  const m = vscode.workspace.getConfiguration('perfguard.metrics');
  const range = m.get<string>('timeRange');
  const refresh = m.get<number>('refreshSeconds', 60);
  return {
    profile: (aws.get<string>('profile') ?? '').trim(),
    region: (aws.get<string>('region') ?? '').trim(),
    endpoint: (aws.get<string>('endpoint') ?? '').trim(),
    timeRange: isTimeRange(range) ? range : '1h',
    refreshSeconds: typeof refresh === 'number' && Number.isFinite(refresh) && refresh >= 0 ? refresh : 60,
    codeLens: m.get<boolean>('codeLens', true) !== false,
  };
}

/** What the rest of the extension can give the metrics (all optional). */
export interface MetricsDeps {
  /** The engine workspaces (one per folder), for the handler index and targets. */
  engineFolders?: () => readonly EngineFolder[];
  /** The estimate of the SQL query at an editor position (bytes scanned), from the SQL engine. */
  estimateQuery?: (
    document: vscode.TextDocument,
    position: vscode.Position,
  ) =>
    | { bytes: number | null; note?: string }
    | undefined
    | Promise<{ bytes: number | null; note?: string } | undefined>;
}

/** The AWS bundle, loaded once on first need. */
let awsModule: typeof AwsModule | undefined;
export function loadAws(): typeof AwsModule {
  // A second esbuild output, loaded with require (a dynamic import() of a bundled chunk is not found at run time).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  awsModule ??= require(path.join(__dirname, 'aws.js')) as typeof AwsModule;
  return awsModule;
}

export function isAwsLoaded(): boolean {
  return awsModule !== undefined;
}

/** Open perfguard findings in the workspace, from the Problems view's diagnostics. */
export function openFindings(): Finding[] {
  const out: Finding[] = [];
  for (const [uri, diags] of vscode.languages.getDiagnostics()) {
    const file = vscode.workspace.asRelativePath(uri, false);
    for (const d of diags) {
      if (d.source !== 'perfguard') continue;
      const code = typeof d.code === 'object' ? d.code.value : d.code;
      if (code === undefined) continue;
      const r = d.range;
      out.push({
        ruleId: String(code),
        severity:
          d.severity === vscode.DiagnosticSeverity.Error
            ? 'error'
            : d.severity === vscode.DiagnosticSeverity.Warning
              ? 'warning'
              : 'info',
        message: d.message,
        file,
        range: {
          start: { line: r.start.line, character: r.start.character },
          end: { line: r.end.line, character: r.end.character },
          startOffset: 0,
          endOffset: 0,
        },
      });
    }
  }
  return out;
}

export class MetricsController implements vscode.Disposable {
  private latest: MetricsSnapshot | undefined;
  private running: Promise<MetricsSnapshot> | undefined;
  private queued: Promise<MetricsSnapshot> | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private visible = false;
  private rangeOverride: TimeRange | undefined;
  private handlerUris = new Map<string, HandlerLocation>();
  private readonly changed = new vscode.EventEmitter<MetricsSnapshot>();
  private readonly refreshing = new vscode.EventEmitter<boolean>();
  /** Fires with each new snapshot. */
  readonly onDidChange = this.changed.event;
  /** Fires when a refresh starts (true) or ends (false). */
  readonly onDidChangeRefreshing = this.refreshing.event;
  /** Count of refreshes that reached AWS (for tests of the untrusted state). */
  awsRefreshes = 0;

  constructor(private readonly deps: MetricsDeps = {}) {}

  dispose(): void {
    this.stopTimer();
    this.changed.dispose();
    this.refreshing.dispose();
  }

  get snapshot(): MetricsSnapshot | undefined {
    return this.latest;
  }

  get isRefreshing(): boolean {
    return this.running !== undefined;
  }

  get range(): TimeRange {
    return this.rangeOverride ?? readMetricsSettings().timeRange;
  }

  setRange(range: TimeRange): void {
    if (range === this.range) return;
    this.rangeOverride = range;
    void this.refresh();
  }

  /** Forget the view's range choice (after the setting changed). */
  resetRange(): void {
    this.rangeOverride = undefined;
  }

  targets(): Targets {
    const folders = this.deps.engineFolders?.() ?? [];
    const fromEngine = folders.find((f) => f.folder)?.ws.targets ?? folders[0]?.ws.targets;
    if (fromEngine) return fromEngine;
    const setting = vscode.workspace.getConfiguration('perfguard').get<unknown>('targets');
    return mergeTargets(structuredClone(DEFAULT_TARGETS), setting ?? {}, []);
  }

  handlerOf(functionName: string): HandlerLocation | undefined {
    return this.handlerUris.get(functionName);
  }

  /**
   * Refresh and return the snapshot this call rendered: when a refresh is already running, one more runs after
   * it (shared by every caller meanwhile), so settings or data changed before the call are always seen.
   */
  refresh(): Promise<MetricsSnapshot> {
    if (!this.running) return this.start();
    this.queued ??= this.running
      .then(
        () => undefined,
        () => undefined,
      )
      .then(() => {
        this.queued = undefined;
        return this.start();
      });
    return this.queued;
  }

  /** Refresh unless one is already running (timer ticks). */
  refreshIfIdle(): Promise<MetricsSnapshot> {
    return this.running ?? this.start();
  }

  private start(): Promise<MetricsSnapshot> {
    const run = this.doRefresh().finally(() => {
      if (this.running === run) this.running = undefined;
      this.refreshing.fire(false);
    });
    this.running = run;
    return run;
  }

  private async doRefresh(): Promise<MetricsSnapshot> {
    this.refreshing.fire(true);
    const range = this.range;
    const now = Date.now();
    let snap: MetricsSnapshot;
    if (!vscode.workspace.isTrusted) {
      snap = problemSnapshot(
        {
          kind: 'untrusted',
          message:
            'This workspace is not trusted: perfguard does not call AWS here. Trust the workspace to see live metrics.',
        },
        range,
        now,
      );
    } else {
      try {
        snap = await this.collect(range, now);
      } catch (e) {
        snap = problemSnapshot(
          { kind: 'error', message: `Could not refresh: ${e instanceof Error ? e.message : String(e)}` },
          range,
          now,
        );
      }
    }
    this.latest = snap;
    this.changed.fire(snap);
    return snap;
  }

  private async collect(range: TimeRange, now: number): Promise<MetricsSnapshot> {
    const settings = readMetricsSettings();
    const folders = this.deps.engineFolders?.() ?? [];
    const aws = loadAws();
    this.awsRefreshes++;
    const raw = await aws.collect({
      range,
      now,
      profile: settings.profile,
      region: settings.region,
      endpoint: settings.endpoint,
      definedFunctionNames: definedFunctionNames(folders),
      apiStages: folders.flatMap((f) => apiStagesFromWorkspace(f.ws)),
    });
    const targets = this.targets();
    if (raw.problem)
      return { ...problemSnapshot(raw.problem, range, now), ...(raw.region ? { region: raw.region } : {}) };
    this.handlerUris = await locateHandlers(raw.functions, folders);
    const handlers = new Map<string, SourceLocation>();
    for (const [name, loc] of this.handlerUris) handlers.set(name, { file: loc.file, line: loc.line });
    return buildSnapshot(raw, { targets, handlers, findings: openFindings(), now });
  }

  /** The view became visible or hidden: auto-refresh only while it is visible. */
  setVisible(visible: boolean): void {
    this.visible = visible;
    this.stopTimer();
    if (!visible) return;
    const seconds = readMetricsSettings().refreshSeconds;
    // Shown again: the view already got the latest snapshot on `ready`; refresh only when it is due.
    const stale = !this.latest || (seconds > 0 && Date.now() - this.latest.generatedAt >= seconds * 1000);
    if (stale) void this.refreshIfIdle();
    if (seconds > 0) this.timer = setInterval(() => void this.refreshIfIdle(), seconds * 1000);
  }

  /** Settings changed: restart the timer with the new interval. */
  settingsChanged(): void {
    if (this.visible) {
      this.stopTimer();
      const seconds = readMetricsSettings().refreshSeconds;
      if (seconds > 0) this.timer = setInterval(() => void this.refreshIfIdle(), seconds * 1000);
    }
  }

  get isVisible(): boolean {
    return this.visible;
  }

  get isAutoRefreshing(): boolean {
    return this.timer !== undefined;
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}

/** Where a rule's documentation is: the page shipped with the extension, else the published one. */
export function ruleDocUri(
  extensionUri: vscode.Uri,
  ruleId: string,
): { local: vscode.Uri; remote: vscode.Uri } {
  return {
    local: vscode.Uri.joinPath(extensionUri, 'docs', 'rules', `${ruleId}.md`),
    remote: vscode.Uri.parse(`${DOCS_BASE_URL}docs/rules/${ruleId}.md`),
  };
}
