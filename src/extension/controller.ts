/**
 * The linting side of the extension: one engine Workspace per workspace folder (plus one for loose files),
 * `.perfguard.json` + settings as its config, open documents linted on open / type / save into one
 * DiagnosticCollection, and a background index of the workspace's infrastructure and SQL files.
 *
 * Engine calls on one Workspace are serialized (`exclusive`): `Workspace.lint` sets the file's text and then
 * awaits grammar loading, so two interleaved calls on the same path would mix texts.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import {
  CONFIG_FILE_NAME,
  createWorkspace,
  defaultConfig,
  languageOfEditorId,
  languageOfPath,
  overlayConfig,
  parseConfig,
  ruleIds,
  type EngineDiagnostic,
  type Finding,
  type LanguageId,
  type ResolvedConfig,
  type Workspace,
} from '../core';
import { catalogOf, tableLabel } from '../core/catalog/catalog';
import { loadWorkspaceTableData, setTableData, type DataIo } from '../core/catalog/data';
import { scanEstimateAt, scanEstimatesOf, type QueryEstimate } from '../core/sql/lens';
import { SOURCE, toDiagnostic } from './convert';
import { readSettings, type Settings } from './settings';

/** Debounce between a keystroke and the lint it triggers. */
export const TYPE_DEBOUNCE_MS = 250;
/** Files the background index reads: infrastructure, templates, SQL, CDK stacks. */
const INDEX_GLOB = '**/*.{tf,tfvars,yaml,yml,json,template,sql,ts,py}';
/** Every file the workspace scan lints. */
const SCAN_GLOB = '**/*.{py,pyi,js,mjs,cjs,jsx,ts,mts,cts,tsx,sql,tf,tfvars,yaml,yml,json,template,cnf,ini}';
/** Folders never worth walking (the engine's excludes are applied on top). */
const WALK_EXCLUDE =
  '**/{node_modules,.git,.venv,venv,site-packages,cdk.out,.aws-sam,.terraform,.serverless,dist,build,out,.vscode-test}/**';
const MAX_INDEX_FILES = 2000;
const MAX_INDEX_CANDIDATES = 6000;
const MAX_INDEX_BYTES = 1024 * 1024;
const MAX_LINT_BYTES = 2 * 1024 * 1024;
const INFRA_LANGUAGES: readonly LanguageId[] = ['terraform', 'yaml', 'json', 'sql'];

export interface LintEvent {
  uri: vscode.Uri;
  version: number;
  findings: readonly Finding[];
  /** Engine time of this lint, ms. */
  engineMs: number;
}

export interface ScanResult {
  files: number;
  findings: number;
  cancelled: boolean;
  ms: number;
}

interface DocState {
  version: number;
  relPath: string;
  language: LanguageId;
  findings: Finding[];
}

/** One engine Workspace and what belongs to it. */
export class FolderState {
  private queue: Promise<unknown> = Promise.resolve();
  settings: Settings;
  config: ResolvedConfig = defaultConfig();
  readonly ws: Workspace;

  constructor(
    /** Undefined for files outside every workspace folder (paths are then absolute). */
    readonly folder: vscode.WorkspaceFolder | undefined,
  ) {
    this.ws = createWorkspace(folder ? folder.uri.fsPath : '/');
    this.settings = readSettings(folder?.uri);
  }

  get configUri(): vscode.Uri | undefined {
    return this.folder ? vscode.Uri.joinPath(this.folder.uri, CONFIG_FILE_NAME) : undefined;
  }

  /** Run engine work on this workspace one call at a time. */
  exclusive<T>(fn: () => Promise<T> | T): Promise<T> {
    const p = this.queue.then(fn, fn);
    this.queue = p.catch(() => undefined);
    return p;
  }

  relPath(uri: vscode.Uri): string {
    if (uri.scheme === 'untitled') return `untitled/${uri.path.replace(/^\/+/, '')}`;
    if (!this.folder) return uri.fsPath.split(path.sep).join('/');
    return path.relative(this.folder.uri.fsPath, uri.fsPath).split(path.sep).join('/');
  }
}

export class Controller implements vscode.Disposable {
  readonly diagnostics = vscode.languages.createDiagnosticCollection(SOURCE);
  private readonly folders = new Map<string, FolderState>();
  private readonly docs = new Map<string, DocState>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[] = [];
  /** Closed files whose diagnostics came from a workspace scan (kept until the next scan or reload). */
  private readonly scanned = new Set<string>();
  private readonly lintEmitter = new vscode.EventEmitter<LintEvent>();
  readonly onDidLint = this.lintEmitter.event;
  private indexPromise: Promise<number> | undefined;
  private relintTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly loggedDiagnostics = new WeakSet<EngineDiagnostic>();

  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly onCountChange: () => void,
  ) {
    this.disposables.push(this.diagnostics, this.lintEmitter);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    if (this.relintTimer) clearTimeout(this.relintTimer);
    for (const d of this.disposables) d.dispose();
    for (const st of this.folders.values()) for (const p of st.ws.filePaths()) st.ws.deleteFile(p);
  }

  /** Wire document events and watchers. Cheap: no parsing, no file reads. */
  start(): void {
    const w = vscode.workspace;
    this.disposables.push(
      w.onDidOpenTextDocument((d) => this.onOpen(d)),
      w.onDidChangeTextDocument((e) => this.onChange(e)),
      w.onDidSaveTextDocument((d) => this.onSave(d)),
      w.onDidCloseTextDocument((d) => this.onClose(d)),
      w.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('perfguard')) void this.reloadAll('settings changed');
      }),
      w.onDidChangeWorkspaceFolders(() => void this.reloadAll('workspace folders changed')),
    );
    const configWatcher = w.createFileSystemWatcher(`**/${CONFIG_FILE_NAME}`);
    const onConfigFile = (uri: vscode.Uri) => {
      const st = this.folderStateFor(uri);
      if (st.configUri && st.configUri.toString() === uri.toString())
        void this.reloadFolder(st, 'config file changed');
    };
    configWatcher.onDidCreate(onConfigFile);
    configWatcher.onDidChange(onConfigFile);
    configWatcher.onDidDelete(onConfigFile);
    const indexWatcher = w.createFileSystemWatcher(INDEX_GLOB);
    indexWatcher.onDidCreate((u) => void this.onIndexFileChanged(u));
    indexWatcher.onDidChange((u) => void this.onIndexFileChanged(u));
    indexWatcher.onDidDelete((u) => this.onIndexFileDeleted(u));
    this.disposables.push(configWatcher, indexWatcher);
  }

  /** First configuration load, lint of the documents already open, then the background index. */
  async initialize(): Promise<void> {
    await Promise.all((vscode.workspace.workspaceFolders ?? []).map((f) => this.loadConfig(this.stateOf(f))));
    for (const d of vscode.workspace.textDocuments) this.onOpen(d);
    this.indexPromise = this.buildIndex().catch((e: unknown) => {
      this.log.error(`workspace index failed: ${String(e)}`);
      return 0;
    });
    await this.indexPromise;
    // Parquet metadata of tables mapped to local data folders (exact scan estimates).
    for (const f of vscode.workspace.workspaceFolders ?? []) await this.loadTableData(this.stateOf(f));
    // The index may name handlers of documents already linted.
    this.scheduleRelintOpen();
  }

  whenIndexed(): Promise<number> {
    return this.indexPromise ?? Promise.resolve(0);
  }

  // ---- folders, config ----

  private stateOf(folder: vscode.WorkspaceFolder | undefined): FolderState {
    const key = folder ? folder.uri.toString() : '';
    let st = this.folders.get(key);
    if (!st) {
      st = new FolderState(folder);
      st.ws.setConfig(overlayConfig(st.config, overlayOf(st.settings)));
      this.folders.set(key, st);
    }
    return st;
  }

  folderStateFor(uri: vscode.Uri): FolderState {
    return this.stateOf(uri.scheme === 'untitled' ? undefined : vscode.workspace.getWorkspaceFolder(uri));
  }

  /** Read `.perfguard.json` (the open editor's text wins), overlay the settings, publish config problems. */
  async loadConfig(st: FolderState): Promise<void> {
    st.settings = readSettings(st.folder?.uri);
    const uri = st.configUri;
    let base = defaultConfig();
    if (uri) {
      const text = await this.readText(uri);
      if (text !== undefined) base = parseConfig(CONFIG_FILE_NAME, text, ruleIds);
      const problems = base.problems.map((p) => {
        const doc = this.openDocument(uri);
        const start = p.offset ?? 0;
        const end = start + (p.length ?? 0);
        const range =
          doc && text !== undefined && doc.getText() === text
            ? new vscode.Range(doc.positionAt(start), doc.positionAt(end))
            : offsetRange(text ?? '', start, end);
        const sev = /using the defaults|must/.test(p.message)
          ? vscode.DiagnosticSeverity.Error
          : vscode.DiagnosticSeverity.Warning;
        const d = new vscode.Diagnostic(range, p.message, sev);
        d.source = SOURCE;
        return d;
      });
      this.diagnostics.set(uri, problems);
      for (const p of base.problems) this.log.warn(p.message);
    }
    st.config = base;
    const resolved = overlayConfig(base, overlayOf(st.settings));
    await st.exclusive(() => st.ws.setConfig(resolved));
    this.onCountChange();
  }

  private async reloadFolder(st: FolderState, why: string): Promise<void> {
    this.log.info(`reloading configuration (${why})`);
    await this.loadConfig(st);
    if (this.indexPromise) await this.loadTableData(st);
    await this.relintFolder(st);
  }

  /**
   * Read the Parquet footers under each `.perfguard.json` `tables[].dataFolder` into the engine workspace, so
   * scan estimates (CodeLens, status bar, athena/scan-budget) are exact. Tables without one lose stale data.
   */
  async loadTableData(st: FolderState): Promise<number> {
    const folder = st.folder;
    if (!folder) return 0;
    const uriOf = (rel: string) => vscode.Uri.joinPath(folder.uri, ...rel.split('/').filter(Boolean));
    const io: DataIo = {
      listDir: async (rel) =>
        (await vscode.workspace.fs.readDirectory(uriOf(rel))).map(([name, type]) => ({
          name,
          isDirectory: (type & vscode.FileType.Directory) !== 0,
        })),
      readFile: (rel) => Promise.resolve(vscode.workspace.fs.readFile(uriOf(rel))),
    };
    const t0 = performance.now();
    try {
      const n = await st.exclusive(async () => {
        for (const t of catalogOf(st.ws).tables)
          if (!t.dataFolder) setTableData(st.ws, tableLabel(t), undefined);
        return loadWorkspaceTableData(st.ws, io);
      });
      if (n > 0)
        this.log.info(`loaded Parquet metadata of ${n} table(s) in ${Math.round(performance.now() - t0)} ms`);
      return n;
    } catch (e) {
      this.log.warn(`Parquet metadata not loaded: ${String(e)}`);
      return 0;
    }
  }

  async reloadAll(why: string): Promise<void> {
    this.log.info(`reloading configuration (${why})`);
    const live = new Set((vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.toString()));
    for (const [key] of this.folders) if (key !== '' && !live.has(key)) this.folders.delete(key);
    for (const f of vscode.workspace.workspaceFolders ?? []) this.stateOf(f);
    await Promise.all([...this.folders.values()].map((st) => this.loadConfig(st)));
    if (this.indexPromise) for (const st of this.folders.values()) await this.loadTableData(st);
    for (const st of this.folders.values()) await this.relintFolder(st);
  }

  private async relintFolder(st: FolderState): Promise<void> {
    for (const d of vscode.workspace.textDocuments) {
      if (this.folderStateFor(d.uri) === st) await this.lintDocument(d, true);
    }
    for (const key of [...this.scanned]) {
      const uri = vscode.Uri.parse(key);
      if (this.openDocument(uri) || this.folderStateFor(uri) !== st) continue;
      await this.lintClosedFile(st, uri);
    }
  }

  // ---- documents ----

  isEnabled(uri: vscode.Uri): boolean {
    return readSettings(uri).enable;
  }

  /** Whether perfguard lints this document at all (scheme, language, config file, size). */
  languageOf(doc: vscode.TextDocument): LanguageId | undefined {
    if (doc.uri.scheme !== 'file' && doc.uri.scheme !== 'untitled') return undefined;
    if (path.basename(doc.uri.fsPath) === CONFIG_FILE_NAME) return undefined;
    if (doc.getText().length > MAX_LINT_BYTES) return undefined;
    return languageOfEditorId(doc.languageId, doc.uri.fsPath);
  }

  private onOpen(doc: vscode.TextDocument): void {
    if (this.isConfigDocument(doc)) return;
    if (this.languageOf(doc)) void this.lintDocument(doc);
  }

  private onChange(e: vscode.TextDocumentChangeEvent): void {
    const doc = e.document;
    if (e.contentChanges.length === 0) return;
    if (this.isConfigDocument(doc)) {
      this.debounce(
        doc.uri.toString(),
        () => void this.reloadFolder(this.folderStateFor(doc.uri), 'config edited'),
      );
      return;
    }
    if (!this.languageOf(doc)) return;
    if (readSettings(doc.uri).run !== 'onType') return;
    this.debounce(doc.uri.toString(), () => void this.lintDocument(doc));
  }

  private onSave(doc: vscode.TextDocument): void {
    if (this.isConfigDocument(doc)) {
      void this.reloadFolder(this.folderStateFor(doc.uri), 'config saved');
      return;
    }
    if (!this.languageOf(doc)) return;
    this.cancelTimer(doc.uri.toString());
    void this.lintDocument(doc);
  }

  private onClose(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    this.cancelTimer(key);
    const state = this.docs.get(key);
    this.docs.delete(key);
    if (this.isConfigDocument(doc)) {
      void this.loadConfig(this.folderStateFor(doc.uri));
      return;
    }
    if (!state) return;
    const st = this.folderStateFor(doc.uri);
    if (!this.scanned.has(key)) this.diagnostics.delete(doc.uri);
    this.onCountChange();
    // The workspace's copy goes back to what is on disk (or away, if it is not an indexed file).
    void st.exclusive(async () => {
      if (this.openDocument(doc.uri)) return;
      const text = doc.uri.scheme === 'file' ? await this.indexText(doc.uri) : undefined;
      if (text !== undefined) st.ws.setFile(state.relPath, text);
      else st.ws.deleteFile(state.relPath);
    });
  }

  private isConfigDocument(doc: vscode.TextDocument): boolean {
    const st = this.folderStateFor(doc.uri);
    return !!st.configUri && st.configUri.toString() === doc.uri.toString();
  }

  private debounce(key: string, fn: () => void): void {
    this.cancelTimer(key);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        fn();
      }, TYPE_DEBOUNCE_MS),
    );
  }

  private cancelTimer(key: string): void {
    const t = this.timers.get(key);
    if (t) clearTimeout(t);
    this.timers.delete(key);
  }

  /** Findings of the current version of a document (linting it first when they are stale). */
  async findingsOf(doc: vscode.TextDocument): Promise<Finding[]> {
    const s = this.docs.get(doc.uri.toString());
    if (s && s.version === doc.version) return s.findings;
    return (await this.lintDocument(doc)) ?? [];
  }

  /** The findings last published for a document, whatever its version (for hover). */
  currentFindings(doc: vscode.TextDocument): Finding[] | undefined {
    const s = this.docs.get(doc.uri.toString());
    return s && s.version === doc.version ? s.findings : undefined;
  }

  /** Lint one open document now and publish its diagnostics. Undefined when it is not linted. */
  /** Lint a document and publish its diagnostics; a failure is logged, never thrown. */
  async lintDocument(doc: vscode.TextDocument, background = false): Promise<Finding[] | undefined> {
    try {
      return await this.lintDocumentOrThrow(doc, background);
    } catch (e) {
      this.log.error(
        `linting ${doc.uri.fsPath} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
      );
      return undefined;
    }
  }

  private async lintDocumentOrThrow(
    doc: vscode.TextDocument,
    background: boolean,
  ): Promise<Finding[] | undefined> {
    const key = doc.uri.toString();
    // With `perfguard.run: onSave`, unsaved text is linted only when the user saves (or asks).
    if (background && doc.isDirty && readSettings(doc.uri).run === 'onSave') {
      return this.docs.get(key)?.findings;
    }
    // The config file's diagnostics are its problems (loadConfig), never findings.
    if (this.isConfigDocument(doc)) return undefined;
    const language = this.languageOf(doc);
    const st = this.folderStateFor(doc.uri);
    const relPath = st.relPath(doc.uri);
    if (!language || !st.settings.enable || doc.isClosed) {
      this.docs.delete(key);
      this.diagnostics.delete(doc.uri);
      this.onCountChange();
      return undefined;
    }
    if (st.ws.isExcluded(relPath)) {
      this.docs.delete(key);
      this.diagnostics.delete(doc.uri);
      this.onCountChange();
      return [];
    }
    const version = doc.version;
    const text = doc.getText();
    let engineMs = 0;
    const result = await st.exclusive(async () => {
      const t0 = performance.now();
      const r = await st.ws.lint(relPath, text, { language });
      engineMs = performance.now() - t0;
      return r;
    });
    this.logEngine(result.diagnostics);
    if (doc.isClosed) return undefined;
    if (doc.version !== version) {
      // A newer version is (or will be) linted; this result describes old text.
      return undefined;
    }
    this.docs.set(key, { version, relPath, language, findings: result.findings });
    this.scanned.delete(key);
    this.diagnostics.set(doc.uri, result.findings.map(toDiagnostic));
    this.onCountChange();
    this.lintEmitter.fire({ uri: doc.uri, version, findings: result.findings, engineMs });
    if (INFRA_LANGUAGES.includes(language)) this.scheduleRelintOpen(doc.uri);
    return result.findings;
  }

  /** Safe fixes of a document's current text, checked and idempotent (Workspace.fix). */
  async fixText(doc: vscode.TextDocument, ruleIdsToFix?: ReadonlySet<string>): Promise<string | undefined> {
    const language = this.languageOf(doc);
    if (!language) return undefined;
    const st = this.folderStateFor(doc.uri);
    const relPath = st.relPath(doc.uri);
    const text = doc.getText();
    const result = await st.exclusive(async () => {
      try {
        return await st.ws.fix(relPath, text, {
          language,
          ...(ruleIdsToFix ? { ruleIds: ruleIdsToFix } : {}),
        });
      } finally {
        // Workspace.fix leaves the fixed text in the workspace; the document still has the original.
        st.ws.setFile(relPath, text, language);
      }
    });
    this.logEngine(result.diagnostics);
    return result.text;
  }

  private logEngine(diags: readonly EngineDiagnostic[]): void {
    for (const d of diags) {
      if (this.loggedDiagnostics.has(d)) continue;
      this.loggedDiagnostics.add(d);
      const line = `${d.kind}: ${d.file}: ${d.message}`;
      if (d.kind === 'skipped') this.log.info(line);
      else this.log.warn(line);
    }
  }

  /** After an infrastructure change, findings of other open files may change (handler mapping, catalog). */
  private scheduleRelintOpen(except?: vscode.Uri): void {
    if (this.relintTimer) clearTimeout(this.relintTimer);
    this.relintTimer = setTimeout(() => {
      this.relintTimer = undefined;
      void (async () => {
        for (const d of vscode.workspace.textDocuments) {
          if (except && d.uri.toString() === except.toString()) continue;
          if (!this.docs.has(d.uri.toString())) continue;
          await this.lintDocument(d, true);
        }
      })();
    }, 300);
  }

  // ---- background index ----

  /** Feed the workspace's infrastructure and SQL files to each engine Workspace (capped). */
  private async buildIndex(): Promise<number> {
    const t0 = performance.now();
    let count = 0;
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const st = this.stateOf(folder);
      const uris = await vscode.workspace.findFiles(
        new vscode.RelativePattern(folder, INDEX_GLOB),
        WALK_EXCLUDE,
        MAX_INDEX_CANDIDATES,
      );
      uris.sort((a, b) => a.fsPath.localeCompare(b.fsPath));
      for (const uri of uris) {
        if (count >= MAX_INDEX_FILES) {
          this.log.info(`workspace index capped at ${MAX_INDEX_FILES} files`);
          break;
        }
        const rel = st.relPath(uri);
        if (st.ws.isExcluded(rel) || this.openDocument(uri)) continue;
        const text = await this.indexText(uri);
        if (text === undefined) continue;
        await st.exclusive(() => st.ws.setFile(rel, text));
        count++;
      }
    }
    this.log.info(`indexed ${count} infrastructure/SQL files in ${Math.round(performance.now() - t0)} ms`);
    return count;
  }

  /** The text of a file if it belongs in the index (infrastructure, templates, SQL, CDK code), else undefined. */
  private async indexText(uri: vscode.Uri): Promise<string | undefined> {
    const lang = languageOfPath(uri.fsPath);
    if (!lang || path.basename(uri.fsPath) === CONFIG_FILE_NAME) return undefined;
    if (!['terraform', 'yaml', 'json', 'sql', 'typescript', 'python'].includes(lang)) return undefined;
    let size: number;
    try {
      size = (await vscode.workspace.fs.stat(uri)).size;
    } catch {
      return undefined;
    }
    if (size > MAX_INDEX_BYTES) return undefined;
    const text = await this.readText(uri);
    if (text === undefined) return undefined;
    switch (lang) {
      case 'terraform':
      case 'sql':
        return text;
      case 'yaml':
        return /^(AWSTemplateFormatVersion|Resources|Transform|functions|provider)\s*:/m.test(text)
          ? text
          : undefined;
      case 'json':
        return /"(AWSTemplateFormatVersion|Resources)"\s*:/.test(text) ? text : undefined;
      default:
        // CDK apps and stacks only.
        return /aws-cdk-lib|@aws-cdk\/|aws_cdk|from constructs import|from 'constructs'/.test(text)
          ? text
          : undefined;
    }
  }

  private async onIndexFileChanged(uri: vscode.Uri): Promise<void> {
    if (this.openDocument(uri)) return; // the open document's text wins
    const st = this.folderStateFor(uri);
    if (!st.folder) return;
    const rel = st.relPath(uri);
    if (st.ws.isExcluded(rel)) return;
    const text = await this.indexText(uri);
    const changed = await st.exclusive(() => {
      if (text !== undefined) {
        st.ws.setFile(rel, text);
        return true;
      }
      if (st.ws.hasFile(rel)) {
        st.ws.deleteFile(rel);
        return true;
      }
      return false;
    });
    if (changed) this.scheduleRelintOpen();
  }

  private onIndexFileDeleted(uri: vscode.Uri): void {
    const st = this.folderStateFor(uri);
    const rel = st.relPath(uri);
    if (this.scanned.delete(uri.toString())) this.diagnostics.delete(uri);
    void st
      .exclusive(() => {
        if (!this.openDocument(uri) && st.ws.hasFile(rel)) st.ws.deleteFile(rel);
      })
      .then(() => this.scheduleRelintOpen());
  }

  // ---- workspace scan ----

  async scanWorkspace(): Promise<ScanResult> {
    const t0 = performance.now();
    return vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: 'perfguard: scanning the workspace',
        cancellable: true,
      },
      async (progress, token) => {
        let files = 0;
        let findings = 0;
        await this.whenIndexed();
        const todo: { st: FolderState; uri: vscode.Uri }[] = [];
        for (const folder of vscode.workspace.workspaceFolders ?? []) {
          const st = this.stateOf(folder);
          if (!st.settings.enable) continue;
          const uris = await vscode.workspace.findFiles(
            new vscode.RelativePattern(folder, SCAN_GLOB),
            WALK_EXCLUDE,
            undefined,
            token,
          );
          for (const uri of uris.sort((a, b) => a.fsPath.localeCompare(b.fsPath))) {
            const rel = st.relPath(uri);
            if (path.basename(uri.fsPath) === CONFIG_FILE_NAME || st.ws.isExcluded(rel)) continue;
            if (!languageOfPath(uri.fsPath)) continue;
            todo.push({ st, uri });
          }
        }
        // Results of an earlier scan that no longer apply (file now excluded or deleted) go away.
        for (const key of this.scanned) this.diagnostics.delete(vscode.Uri.parse(key));
        this.scanned.clear();
        for (const { st, uri } of todo) {
          if (token.isCancellationRequested) break;
          progress.report({ increment: 100 / todo.length, message: st.relPath(uri) });
          const doc = this.openDocument(uri);
          const found = doc ? await this.lintDocument(doc) : await this.lintClosedFile(st, uri);
          if (found === undefined) continue;
          files++;
          findings += found.length;
        }
        const ms = Math.round(performance.now() - t0);
        const cancelled = token.isCancellationRequested;
        this.log.info(
          `workspace scan: ${findings} findings in ${files} files, ${ms} ms${cancelled ? ' (cancelled)' : ''}`,
        );
        this.onCountChange();
        return { files, findings, cancelled, ms };
      },
    );
  }

  /** Lint a file that is not open (from disk); its diagnostics stay until it is opened or rescanned. */
  private async lintClosedFile(st: FolderState, uri: vscode.Uri): Promise<Finding[] | undefined> {
    let size = 0;
    try {
      size = (await vscode.workspace.fs.stat(uri)).size;
    } catch {
      return undefined;
    }
    if (size > MAX_LINT_BYTES) {
      this.log.info(`skipped ${st.relPath(uri)}: over 2 MB`);
      return undefined;
    }
    const text = await this.readText(uri);
    if (text === undefined || text.includes('\u0000')) return undefined;
    const rel = st.relPath(uri);
    const language = languageOfPath(uri.fsPath);
    if (!language) return undefined;
    const indexed = await this.indexText(uri);
    const result = await st.exclusive(async () => {
      const r = await st.ws.lint(rel, text, { language });
      // Only indexed files stay in memory.
      if (indexed === undefined && !this.openDocument(uri)) st.ws.deleteFile(rel);
      return r;
    });
    this.logEngine(result.diagnostics);
    if (this.openDocument(uri)) return result.findings;
    this.scanned.add(uri.toString());
    this.diagnostics.set(uri, result.findings.map(toDiagnostic));
    return result.findings;
  }

  // ---- helpers ----

  openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
    const key = uri.toString();
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key && !d.isClosed);
  }

  /** A file's text: the open document's when it has unsaved changes, else what is on disk. */
  private async readText(uri: vscode.Uri): Promise<string | undefined> {
    const doc = this.openDocument(uri);
    if (doc && (doc.isDirty || doc.uri.scheme !== 'file')) return doc.getText();
    try {
      return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      return undefined;
    }
  }

  /** Findings count of every file in the collection (for the status bar). */
  counts(): { errors: number; warnings: number; infos: number; files: number } {
    const c = { errors: 0, warnings: 0, infos: 0, files: 0 };
    this.diagnostics.forEach((_uri, diags) => {
      let any = false;
      for (const d of diags) {
        if (d.code === undefined) continue; // config problems are not findings
        any = true;
        if (d.severity === vscode.DiagnosticSeverity.Error) c.errors++;
        else if (d.severity === vscode.DiagnosticSeverity.Warning) c.warnings++;
        else c.infos++;
      }
      if (any) c.files++;
    });
    return c;
  }

  /** Every current finding by document (for other parts of the extension, e.g. the report). */
  allFindings(): { uri: vscode.Uri; findings: readonly Finding[] }[] {
    const out: { uri: vscode.Uri; findings: readonly Finding[] }[] = [];
    for (const [key, s] of this.docs) out.push({ uri: vscode.Uri.parse(key), findings: s.findings });
    return out;
  }

  /** The engine workspaces, one per folder (plus loose files), for the metrics view and CodeLens. */
  folderStates(): { folder: vscode.WorkspaceFolder | undefined; ws: Workspace }[] {
    for (const f of vscode.workspace.workspaceFolders ?? []) this.stateOf(f);
    return [...this.folders.values()].map((st) => ({ folder: st.folder, ws: st.ws }));
  }

  /** The scan estimate of the Athena query at a position of an open SQL (or SQL-embedding) document. */
  async estimateAt(
    doc: vscode.TextDocument,
    pos: vscode.Position,
  ): Promise<{ bytes: number | null; note?: string } | undefined> {
    if (!this.languageOf(doc)) return undefined;
    await this.findingsOf(doc); // the workspace holds this version, parsed and prepared
    const st = this.folderStateFor(doc.uri);
    const rel = st.relPath(doc.uri);
    const q = await st.exclusive(() => scanEstimateAt(st.ws, rel, doc.offsetAt(pos)));
    if (!q) return undefined;
    return { bytes: q.estimate.bytes ?? null, note: q.text };
  }

  /** Scan estimates of every Athena query of an open document, for its current version (CodeLens, status bar). */
  async scanEstimates(doc: vscode.TextDocument): Promise<QueryEstimate[]> {
    if (!this.languageOf(doc) || this.isConfigDocument(doc)) return [];
    const st = this.folderStateFor(doc.uri);
    if (!st.settings.enable) return [];
    const rel = st.relPath(doc.uri);
    if (st.ws.isExcluded(rel)) return [];
    if (!this.currentFindings(doc)) {
      // With `perfguard.run: onSave`, unsaved text is not linted (nor estimated) until it is saved.
      if (doc.isDirty && st.settings.run === 'onSave') return [];
      await this.findingsOf(doc); // the workspace then holds this version, parsed and prepared
    }
    return st.exclusive(() => scanEstimatesOf(st.ws, rel));
  }

  clearAll(): void {
    this.docs.clear();
    this.scanned.clear();
    this.diagnostics.clear();
    this.onCountChange();
  }
}

function overlayOf(s: Settings): { rules?: Record<string, unknown>; targets?: unknown; exclude?: unknown } {
  return {
    ...(Object.keys(s.rules).length > 0 ? { rules: s.rules } : {}),
    ...(Object.keys(s.targets).length > 0 ? { targets: s.targets } : {}),
    ...(s.exclude.length > 0 ? { exclude: s.exclude } : {}),
  };
}

function offsetRange(text: string, start: number, end: number): vscode.Range {
  const pos = (o: number) => {
    const before = text.slice(0, o);
    const line = before.split('\n').length - 1;
    return new vscode.Position(line, o - (before.lastIndexOf('\n') + 1));
  };
  return new vscode.Range(pos(start), pos(end));
}
