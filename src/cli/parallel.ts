/**
 * Linting the files of one run on several threads: the main thread and `jobs - 1` worker threads.
 *
 * Every worker runs the CLI bundle itself (`runLintWorker`), builds a Workspace with every file of the run (so
 * the workspace-wide indexes — handler mapping, IaC model, table catalog — are the same as in the main thread)
 * and lints only the files it is handed, a few at a time, from one shared queue; the main thread lints from the
 * same queue between messages. Results are put back in file order, so the report is byte for byte the one of a
 * single-threaded run. A worker that cannot start or stops hands its unfinished files back to the queue: the
 * main thread lints them, nothing is lost. `--fix` runs on one thread (see `plannedThreads`).
 *
 * Workers are started as soon as the files are found (`LintPool.start`), so that loading the bundle and the
 * grammars overlaps with reading the files in the main thread — on fewer than MIN_CPUS_FOR_WORKERS CPUs, by
 * default, only once the files are read and found to be many.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { isMainThread, parentPort, Worker, workerData } from 'worker_threads';
import { grammarOf } from '../core/engine/file';
import { languageOfPath } from '../core/engine/languages';
import type { Rule } from '../core/engine/rule';
import { Workspace } from '../core/engine/workspace';
import { loadGrammar, type GrammarId } from '../core/parse/treesitter';
import { allRules } from '../core/rules';
import { lintOneFile, loadConfig, prepareWorkspace, type FileOutcome, type Source } from './lint';

/**
 * Below this much source text (UTF-16 code units) the automatic mode lints on the main thread alone. A worker
 * is ready about 0.25 s after it is started (bundle, grammars, workspace), by which time the main thread has
 * linted some 200 KB of handler code on its own: below this size a worker adds CPU time for little or no gain.
 */
export const MIN_PARALLEL_CHARS = 384 * 1024;
/** …and below this many files (at least this many files per thread). */
export const MIN_FILES_PER_THREAD = 16;
/** At most this many threads by default (--jobs may ask for more, up to 64). */
export const MAX_JOBS = 8;

const WORKER_KIND = 'perfguard-lint-worker';

/**
 * Test hook: `PERFGUARD_WORKER_FAULT=start` makes every worker fail before it is ready, `batch` makes it exit
 * when it is handed its first files, `result` after it sent the result of its first file.
 */
const FAULT_ENV = 'PERFGUARD_WORKER_FAULT';

/**
 * Below this many CPUs, worker threads are started only once the files are read and only for much more source
 * (MIN_PARALLEL_CHARS_FEW_CPUS). Every worker loads the bundle and builds the workspace-wide indexes again, and
 * V8's garbage collection and compilation already keep a second CPU busy in a one-thread run. On 2 CPUs: 240
 * handler modules (1.5 MB) 1.05 s on one thread against 1.17 s on two, aws-cdk-examples (2.0 MB) 2.9 s against
 * 3.9 s, serverless-patterns (11.3 MB) 40.3 s against 31.8 s.
 */
export const MIN_CPUS_FOR_WORKERS = 4;
export const MIN_PARALLEL_CHARS_FEW_CPUS = 6 * 1024 * 1024;

function cpuCount(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

/** The default --jobs: the CPUs available to this process, at most MAX_JOBS. */
export function defaultJobs(): number {
  return Math.max(1, Math.min(MAX_JOBS, cpuCount()));
}

/** Whether workers start as soon as the files are found (explicit --jobs, or enough CPUs), before reading them. */
export function startWorkersEarly(jobs: number | undefined): boolean {
  return jobs !== undefined || cpuCount() >= MIN_CPUS_FOR_WORKERS;
}

/** The bundled CLI (this file's bundle), which is also the worker's entry point; undefined when not bundled. */
function workerScript(): string | undefined {
  if (!__filename.endsWith('.js')) return undefined;
  // dist/cli-main.js is started by the loader dist/cli.js (code cache): workers start the same way.
  const loader = path.join(path.dirname(__filename), 'cli.js');
  return path.basename(__filename) === 'cli-main.js' && fs.existsSync(loader) ? loader : __filename;
}

/**
 * How many threads may lint `files` files (before reading them): --jobs when given, else one per CPU (at most
 * MAX_JOBS) with at least MIN_FILES_PER_THREAD files each. Worker threads run the bundled CLI with the built-in
 * rules; anything else (tests with their own rules, the TypeScript sources run by tsx) lints on the main thread.
 */
export function plannedThreads(
  files: number,
  jobs: number | undefined,
  rules: readonly Rule[],
  fix = false,
): number {
  // --fix stays on one thread: a file is fixed in a workspace that already holds the fixed text of the files
  // before it, and a fix can change what another file's rules see (an API Gateway timeout against the Lambda
  // timeout, a table's DDL against its queries), so the order of the files is part of the result.
  if (fix) return 1;
  if (rules !== allRules || !workerScript() || files < 2) return 1;
  if (jobs !== undefined) return Math.max(1, Math.min(jobs, 64, files));
  return Math.max(1, Math.min(defaultJobs(), Math.floor(files / MIN_FILES_PER_THREAD)));
}

/** The tree-sitter grammars files of these paths may need, each once. */
export function grammarsOfPaths(paths: readonly string[]): GrammarId[] {
  const out = new Set<GrammarId>();
  for (const p of paths) {
    const language = languageOfPath(p);
    const g = language ? grammarOf(language) : undefined;
    if (g) out.add(g);
  }
  return [...out];
}

/** Whether the automatic mode keeps its workers for what was read (explicit --jobs always does). */
export function worthWorkers(sources: readonly Source[], jobs: number | undefined): boolean {
  if (jobs !== undefined) return true;
  const min = cpuCount() >= MIN_CPUS_FOR_WORKERS ? MIN_PARALLEL_CHARS : MIN_PARALLEL_CHARS_FEW_CPUS;
  return sources.reduce((n, s) => n + s.text.length, 0) >= min;
}

type ToWorker =
  { type: 'sources'; sources: readonly Source[] } | { type: 'batch'; ids: number[] } | { type: 'stop' };
type FromWorker = { type: 'ready' } | { type: 'result'; id: number; outcome: FileOutcome };

interface WorkerInit {
  kind: typeof WORKER_KIND;
  /** Grammars to load while the main thread reads the files. */
  grammars: GrammarId[];
  root: string;
  config?: string;
  fix: boolean;
  quiet: boolean;
}

interface PoolWorker {
  worker: Worker;
  outstanding: Set<number>;
  ready: boolean;
  gone: boolean;
}

export interface PoolOptions {
  /** Workspace-relative paths of the files found (for the grammars to load early). */
  paths: readonly string[];
  root: string;
  config?: string;
  fix: boolean;
  quiet: boolean;
}

/** Worker threads for one run. */
export class LintPool {
  private readonly workers: PoolWorker[] = [];
  /** Why workers stopped early (one stderr note each). */
  private readonly stopped: string[] = [];
  private onEvent: (() => void) | undefined;
  private onResult: ((id: number, outcome: FileOutcome, w: PoolWorker) => void) | undefined;
  private onLost: ((w: PoolWorker) => void) | undefined;

  private constructor() {}

  /** Start `count` worker threads (each builds its workspace once it has the sources). */
  static start(count: number, opts: PoolOptions): LintPool {
    const pool = new LintPool();
    const init: WorkerInit = {
      kind: WORKER_KIND,
      grammars: grammarsOfPaths(opts.paths),
      root: opts.root,
      ...(opts.config !== undefined ? { config: opts.config } : {}),
      fix: opts.fix,
      quiet: opts.quiet,
    };
    const script = workerScript();
    for (let t = 0; t < count && script; t++) {
      let worker: Worker;
      try {
        worker = new Worker(script, { workerData: init });
      } catch (e) {
        pool.stopped.push(`could not start: ${e instanceof Error ? e.message : String(e)}`);
        break;
      }
      // Not keeping the process alive unless it is linting (see `lint`).
      worker.unref();
      const w: PoolWorker = { worker, outstanding: new Set(), ready: false, gone: false };
      pool.workers.push(w);
      worker.on('message', (m: FromWorker) => {
        if (w.gone) return;
        if (m.type === 'ready') w.ready = true;
        else if (m.type === 'result' && w.outstanding.delete(m.id)) pool.onResult?.(m.id, m.outcome, w);
        pool.onEvent?.();
      });
      worker.on('error', (e) => pool.lose(w, e instanceof Error ? e.message : String(e)));
      worker.on('exit', (code) => pool.lose(w, `exited with code ${code}`));
    }
    return pool;
  }

  /** Threads that can lint (the main thread and the workers that have not stopped). */
  get threads(): number {
    return this.used ?? 1 + this.workers.filter((w) => !w.gone).length;
  }

  /** Threads that were there when linting started. */
  private used: number | undefined;

  private lose(w: PoolWorker, why: string): void {
    if (w.gone) return;
    w.gone = true;
    this.onLost?.(w);
    w.outstanding.clear();
    this.stopped.push(why);
    void w.worker.terminate().catch(() => undefined);
    this.onEvent?.();
  }

  /**
   * Lint every source on the main thread (`ws`) and the workers; the outcomes are in the order of `sources`.
   * Notes why a worker stopped (its files are linted here).
   */
  async lint(
    ws: Workspace,
    sources: readonly Source[],
    opts: { fix: boolean; quiet: boolean },
    note: (line: string) => void,
  ): Promise<FileOutcome[]> {
    const n = sources.length;
    this.used = this.threads;
    const outcomes: (FileOutcome | undefined)[] = new Array(n);
    const queue: number[] = [];
    for (let i = 0; i < n; i++) queue.push(i);
    let done = 0;
    // Small batches keep every thread busy until the end; a worker gets more before it runs out.
    const batch = Math.max(1, Math.min(8, Math.ceil(n / (this.threads * 16))));
    const feed = (w: PoolWorker) => {
      if (w.gone || !w.ready) return;
      while (w.outstanding.size <= Math.ceil(batch / 2) && queue.length > 0) {
        // Smaller batches towards the end, so that no thread is left with several files while others wait.
        const size = Math.max(1, Math.min(batch, Math.floor(queue.length / (2 * this.threads))));
        const ids = queue.splice(0, size);
        for (const id of ids) w.outstanding.add(id);
        w.worker.postMessage({ type: 'batch', ids } satisfies ToWorker);
      }
    };
    let wake: (() => void) | undefined;
    this.onEvent = () => {
      for (const w of this.workers) feed(w);
      const f = wake;
      wake = undefined;
      f?.();
    };
    this.onResult = (id, outcome) => {
      if (outcomes[id] !== undefined) return;
      outcomes[id] = outcome;
      done++;
    };
    // Unfinished files of a worker that stopped go back to the front of the queue.
    this.onLost = (w) => queue.unshift(...[...w.outstanding].sort((a, b) => a - b));
    for (const w of this.workers) {
      if (w.gone) continue;
      try {
        // Waiting for a worker's results must keep the process alive.
        w.worker.ref();
        w.worker.postMessage({ type: 'sources', sources } satisfies ToWorker);
      } catch (e) {
        this.lose(w, e instanceof Error ? e.message : String(e));
      }
    }
    this.onEvent();
    try {
      while (done < n) {
        const id = queue.shift();
        if (id !== undefined) {
          if (outcomes[id] === undefined) {
            outcomes[id] = await lintOneFile(ws, sources[id] as Source, opts);
            done++;
          }
          // Let worker messages in (results, readiness) between two files.
          await new Promise<void>((resolve) => setImmediate(resolve));
          continue;
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    } finally {
      this.close();
    }
    for (const why of this.stopped)
      note(
        `perfguard: note: a lint worker thread stopped (${why}); its files were linted on the main thread`,
      );
    return outcomes as FileOutcome[];
  }

  /** Stop every worker (they exit on their own; the process does not wait for them). */
  close(): void {
    this.onEvent = undefined;
    this.onResult = undefined;
    this.onLost = undefined;
    for (const w of this.workers) {
      if (w.gone) continue;
      w.gone = true;
      try {
        w.worker.postMessage({ type: 'stop' } satisfies ToWorker);
      } catch {
        // already gone
      }
      w.worker.unref();
    }
  }
}

/** Whether this thread is a lint worker started by `LintPool`. */
export function isLintWorker(): boolean {
  return !isMainThread && (workerData as Partial<WorkerInit> | null)?.kind === WORKER_KIND;
}

/** The worker thread's side: build the workspace, then lint the files the main thread sends. */
export function runLintWorker(): void {
  const init = workerData as WorkerInit;
  const port = parentPort;
  if (!port) return;
  const fault = process.env[FAULT_ENV];
  if (fault === 'start') throw new Error(`${FAULT_ENV}=start`);
  // Load the grammars while the main thread reads the files (a failure shows again in prepareWorkspace).
  const grammars = Promise.all(init.grammars.map((g) => loadGrammar(g).catch(() => undefined)));
  let sources: readonly Source[] = [];
  let ws: Workspace | undefined;
  let ready: Promise<void> | undefined;
  const opts = { fix: init.fix, quiet: init.quiet };
  const pending: number[] = [];
  let running = false;
  let sent = 0;
  const drain = async () => {
    if (running) return;
    running = true;
    await ready;
    while (pending.length > 0 && ws) {
      const id = pending.shift() as number;
      const outcome = await lintOneFile(ws, sources[id] as Source, opts);
      port.postMessage({ type: 'result', id, outcome } satisfies FromWorker);
      if (fault === 'result' && ++sent === 1) process.exit(4);
      // Let the next batch in while this one is being linted.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    running = false;
  };
  port.on('message', (m: ToWorker) => {
    if (m.type === 'stop') {
      port.close();
    } else if (m.type === 'sources') {
      sources = m.sources;
      ready = (async () => {
        await grammars;
        const ruleIds = new Set(allRules.map((r) => r.meta.id));
        // Config problems are the main thread's to report; here only the resolved config matters.
        const { config } = loadConfig(init.root, init.config, ruleIds);
        const w = new Workspace(init.root, allRules, config);
        for (const s of sources) w.setFile(s.rel, s.text, s.language);
        await prepareWorkspace(w, init.root, () => undefined);
        ws = w;
        port.postMessage({ type: 'ready' } satisfies FromWorker);
      })();
    } else {
      if (fault === 'batch') process.exit(3);
      pending.push(...m.ids);
      void drain();
    }
  });
}
