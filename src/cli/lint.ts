/**
 * One `perfguard lint` run: load the config, find the files, read each once, feed them all to one Workspace
 * (so workspace-wide indexes — handler mapping, IaC model, table catalog — see every file), then lint (or fix)
 * each file and collect a report. I/O happens here; the engine stays pure.
 */
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { loadWorkspaceTableData } from '../core/catalog/data';
import { CONFIG_FILE_NAME, defaultConfig, parseConfig, type ResolvedConfig } from '../core/config';
import { languageOfPath } from '../core/engine/languages';
import type { Rule } from '../core/engine/rule';
import { errorMessage, Workspace } from '../core/engine/workspace';
import type { EngineDiagnostic, LanguageId } from '../core/model/types';
import { loadGrammar } from '../core/parse/treesitter';
import { discoverFiles, relPosix } from './discover';
import { grammarsOfPaths, LintPool, plannedThreads, startWorkersEarly, worthWorkers } from './parallel';
import { encodeSource, ioError, isUnreadable, readSource, type SourceEncoding } from './read';
import type { FileReport, LintReport } from './report';

export interface LintRunOptions {
  /** Workspace root (the current folder). */
  root: string;
  paths: readonly string[];
  fix: boolean;
  /** --config, relative to the root or absolute. */
  config?: string;
  quiet: boolean;
  maxWarnings?: number;
  rules: readonly Rule[];
  version: string;
  /** One line to stderr. */
  note(line: string): void;
  /**
   * Threads that lint in parallel (the main thread included); undefined: automatic (the CPUs, at most 8, when
   * there is enough to lint to pay for starting worker threads). 1: no worker threads.
   */
  jobs?: number;
}

interface LoadedConfig {
  config: ResolvedConfig;
  /** Problems, each naming the file; any of them makes the run exit 2. */
  problems: string[];
}

export function loadConfig(
  root: string,
  configArg: string | undefined,
  ruleIds: ReadonlySet<string>,
): LoadedConfig {
  const abs = path.resolve(root, configArg ?? CONFIG_FILE_NAME);
  const display = relPosix(root, abs) || abs;
  let text: string;
  try {
    text = fs.readFileSync(abs, 'utf8');
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (configArg === undefined && code === 'ENOENT') return { config: defaultConfig(), problems: [] };
    return {
      config: defaultConfig(),
      problems: [`${display}: cannot read the configuration file (${ioError(e)}); using the defaults`],
    };
  }
  const config = parseConfig(display, text.replace(/^\uFEFF/, ''), ruleIds);
  return { config, problems: [...new Set(config.problems.map((p) => p.message))] };
}

/** A file read for linting (sent to worker threads as is). */
export interface Source {
  abs: string;
  rel: string;
  language: LanguageId;
  text: string;
  encoding: SourceEncoding;
  bom: boolean;
  bytes: number;
}

export async function runLint(opts: LintRunOptions): Promise<LintReport> {
  const root = path.resolve(opts.root);
  const ruleIds = new Set(opts.rules.map((r) => r.meta.id));
  const diagnostics: EngineDiagnostic[] = [];
  let failed = false;

  const { config, problems } = loadConfig(root, opts.config, ruleIds);
  for (const p of problems) {
    opts.note(`perfguard: config error: ${p}`);
    diagnostics.push({
      file: config.source ?? opts.config ?? CONFIG_FILE_NAME,
      kind: 'config-error',
      message: p,
    });
    failed = true;
  }
  const ws = new Workspace(root, opts.rules, config);

  const configPath = path.resolve(root, opts.config ?? CONFIG_FILE_NAME);
  const found = discoverFiles(opts.paths, {
    root,
    isExcluded: (p) => ws.isExcluded(p),
    handles: (p) => languageOfPath(p) !== undefined,
  });
  const skip = (file: string, reason: string) => {
    opts.note(`perfguard: skipped ${file}: ${reason}`);
    diagnostics.push({ file, kind: 'skipped', message: reason });
  };
  for (const m of found.missing) {
    opts.note(`perfguard: error: no such file or folder: ${m}`);
    failed = true;
  }
  for (const x of found.excludedArgs)
    opts.note(
      `perfguard: nothing linted under ${x.path}: it ${x.reason} (run perfguard from inside it, or name files)`,
    );
  for (const s of found.skipped) skip(s.path, s.reason);

  // Worker threads start now, so that they load while this thread reads the files.
  // (On few CPUs, by default, only once the files are read and found to be many: see MIN_CPUS_FOR_WORKERS.)
  const threads = plannedThreads(found.files.length, opts.jobs, opts.rules, opts.fix);
  const startPool = (): LintPool =>
    LintPool.start(threads - 1, {
      paths: found.files.map((f) => f.rel),
      root,
      ...(opts.config !== undefined ? { config: opts.config } : {}),
      fix: opts.fix,
      quiet: opts.quiet,
    });
  let pool = threads > 1 && startWorkersEarly(opts.jobs) ? startPool() : undefined;

  // The grammars the files need start loading now: their wasm compiles off this thread while it reads the files
  // (`prepareWorkspace` below waits for them and reports a failure).
  for (const g of grammarsOfPaths(found.files.map((f) => f.rel))) loadGrammar(g).catch(() => undefined);

  // Read every file once and give the workspace all of them before linting any.
  const sources: Source[] = [];
  for (const f of found.files) {
    if (f.abs === configPath) continue; // the config is read above, not linted as a JSON template
    const language = languageOfPath(f.rel);
    if (!language) continue;
    const r = readSource(f.abs);
    if (isUnreadable(r)) {
      skip(f.rel, r.skip);
      continue;
    }
    ws.setFile(f.rel, r.text, language);
    sources.push({
      abs: f.abs,
      rel: f.rel,
      language,
      text: r.text,
      encoding: r.encoding,
      bom: r.bom,
      bytes: r.bytes,
    });
  }
  if (found.files.length === 0 && found.missing.length === 0)
    opts.note('perfguard: no files to lint (check the paths, .gitignore and "exclude")');

  if (!(await prepareWorkspace(ws, root, opts.note))) failed = true;

  if (pool && !worthWorkers(sources, opts.jobs)) {
    pool.close();
    pool = undefined;
  } else if (!pool && threads > 1 && worthWorkers(sources, opts.jobs)) pool = startPool();
  const lintOpts = { fix: opts.fix, quiet: opts.quiet };
  let outcomes: FileOutcome[];
  if (pool) {
    outcomes = await pool.lint(ws, sources, lintOpts, opts.note);
  } else {
    outcomes = [];
    for (const s of sources) outcomes.push(await lintOneFile(ws, s, lintOpts));
  }
  const files: FileReport[] = [];
  for (const [i, o] of outcomes.entries()) {
    const s = sources[i] as Source;
    if (o.write !== undefined) {
      try {
        fs.writeFileSync(s.abs, encodeSource(o.write, s.encoding, s.bom));
      } catch (e) {
        opts.note(`perfguard: error: cannot write ${s.rel}: ${ioError(e)}`);
        failed = true;
      }
    }
    diagnostics.push(...o.diagnostics);
    for (const n of o.notes) opts.note(n);
    if (o.failed) failed = true;
    files.push(o.report);
  }
  for (const d of diagnostics) {
    if (d.kind === 'rule-error' || d.kind === 'parse-error' || d.kind === 'timeout')
      opts.note(`perfguard: ${d.file}: ${d.message}`);
  }

  const report: LintReport = {
    root,
    version: opts.version,
    files,
    diagnostics,
    rules: opts.rules.map((r) => ({
      meta: r.meta,
      setting: config.rules[r.meta.id] ?? r.meta.defaultSeverity,
    })),
    failed,
  };
  if (opts.maxWarnings !== undefined) report.maxWarnings = opts.maxWarnings;
  report.threads = pool ? pool.threads : 1;
  return report;
}

/**
 * Load the grammars the files need and the Parquet table data of `.perfguard.json`: what the workspace needs
 * before linting. Returns false after an internal failure (noted).
 */
export async function prepareWorkspace(
  ws: Workspace,
  root: string,
  note: (line: string) => void,
): Promise<boolean> {
  let ok = true;
  try {
    await ws.prepare();
  } catch (e) {
    // Files of that language get a parse-error diagnostic each; the others are linted.
    note(`perfguard: internal error: ${errorMessage(e)}`);
    ok = false;
  }

  // Parquet footers under `.perfguard.json` `tables[].dataFolder`: exact scan estimates (athena/scan-budget).
  try {
    await loadWorkspaceTableData(ws, {
      listDir: async (rel) =>
        (await fs.promises.readdir(path.join(root, rel), { withFileTypes: true })).map((d) => ({
          name: d.name,
          isDirectory: d.isDirectory(),
        })),
      readFile: async (rel) => new Uint8Array(await fs.promises.readFile(path.join(root, rel))),
    });
  } catch (e) {
    note(`perfguard: table data not loaded: ${errorMessage(e)}`);
  }
  return ok;
}

/** What linting (or fixing) one file produced; applied to the report in file order by `runLint`. */
export interface FileOutcome {
  report: FileReport;
  diagnostics: EngineDiagnostic[];
  /** stderr lines about this file. */
  notes: string[];
  /** The fixed text to write back (`--fix`, when it changed). */
  write?: string;
  /** An internal failure (exit code 2). */
  failed: boolean;
}

/** Lint (or fix) one file of a prepared workspace, then free its tree. Never throws. */
export async function lintOneFile(
  ws: Workspace,
  s: Source,
  opts: { fix: boolean; quiet: boolean },
): Promise<FileOutcome> {
  const t0 = performance.now();
  const out: FileOutcome = {
    report: { ...base(s), findings: [], fixed: [] },
    diagnostics: [],
    notes: [],
    failed: false,
  };
  try {
    if (opts.fix) {
      const r = await ws.fix(s.rel, s.text, { ignoreExcludes: true, language: s.language });
      if (r.text !== s.text) out.write = r.text;
      out.diagnostics.push(...r.diagnostics);
      out.report = { ...base(s), findings: r.remaining, fixed: r.fixed };
    } else {
      const r = ws.lintPrepared(s.rel);
      out.diagnostics.push(...r.diagnostics);
      out.report = { ...base(s), findings: r.findings, fixed: [] };
    }
  } catch (e) {
    // The engine catches rule errors; anything else is ours to report, per file.
    const message = `internal error: ${errorMessage(e)}`;
    out.diagnostics.push({ file: s.rel, kind: 'rule-error', message });
    out.notes.push(`perfguard: ${s.rel}: ${message}`);
    out.failed = true;
  }
  out.report.ms = performance.now() - t0;
  ws.releaseParsed(s.rel); // bounded wasm memory over thousands of files
  if (opts.quiet) out.report.findings = out.report.findings.filter((f) => f.severity === 'error');
  return out;
}

function base(s: Source): Omit<FileReport, 'findings' | 'fixed'> {
  return { path: s.rel, language: s.language, bytes: s.bytes, ms: 0 };
}
