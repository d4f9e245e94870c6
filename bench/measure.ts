/** Measuring helpers for the bench: child processes with CPU time and peak memory, percentiles, machine facts. */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createWorkspace } from '../src/core';

export interface ProcessTiming {
  code: number | null;
  wallMs: number;
  /** user + system CPU time of the process, when /usr/bin/time is available. */
  cpuMs?: number;
  /** Peak resident set size, KB (from /usr/bin/time). */
  maxRssKb?: number;
  stdout: string;
  stderr: string;
}

const TIME = '/usr/bin/time';

/** Run a command to completion, measuring wall time, and CPU time and peak RSS through GNU time when present. */
export function timeProcess(
  cmd: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): ProcessTiming {
  const haveTime = fs.existsSync(TIME);
  const statFile = path.join(os.tmpdir(), `perfguard-bench-time-${process.pid}-${Date.now()}.txt`);
  const [exe, argv] = haveTime
    ? [TIME, ['-f', '%e %U %S %M', '-o', statFile, cmd, ...args]]
    : [cmd, [...args]];
  const t0 = performance.now();
  const r = spawnSync(exe, argv, { cwd, env, encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 });
  const wallMs = performance.now() - t0;
  if (r.error) throw r.error;
  const out: ProcessTiming = { code: r.status, wallMs, stdout: r.stdout, stderr: r.stderr };
  if (haveTime && fs.existsSync(statFile)) {
    const last = fs.readFileSync(statFile, 'utf8').trim().split('\n').pop() ?? '';
    const [, user, sys, rss] = last.split(/\s+/).map(Number);
    if (user !== undefined && sys !== undefined && !Number.isNaN(user + sys)) out.cpuMs = (user + sys) * 1000;
    if (rss !== undefined && !Number.isNaN(rss)) out.maxRssKb = rss;
    fs.rmSync(statFile, { force: true });
  }
  return out;
}

/** Nearest-rank percentile of a sample (p in 0..100). */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * s.length));
  return s[rank - 1] as number;
}

export function median(xs: readonly number[]): number {
  return percentile(xs, 50);
}

export function ms(n: number | undefined, digits = 1): string {
  if (n === undefined || Number.isNaN(n)) return 'n/a';
  return n >= 100 ? `${Math.round(n)} ms` : `${n.toFixed(digits)} ms`;
}

export function seconds(n: number | undefined): string {
  return n === undefined || Number.isNaN(n) ? 'n/a' : `${(n / 1000).toFixed(2)} s`;
}

export function kb(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
}

/** Which command answers (`which`), without running anything else. */
export function which(cmd: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const p = path.join(dir, cmd);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {
      // not here
    }
  }
  return undefined;
}

export function commandVersion(cmd: string, args: readonly string[] = ['--version']): string | undefined {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.error || r.status !== 0) return undefined;
  return (r.stdout || r.stderr).trim().split('\n')[0];
}

export interface Machine {
  commit: string;
  dirty: boolean;
  date: string;
  cpu: string;
  cores: number;
  memory: string;
  node: string;
  os: string;
}

export function machine(repo: string): Machine {
  const git = (args: string[]) => spawnSync('git', args, { cwd: repo, encoding: 'utf8' }).stdout.trim();
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  if (cpu === 'unknown' && fs.existsSync('/proc/cpuinfo')) {
    const m = /model name\s*:\s*(.+)/.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'));
    if (m?.[1]) cpu = m[1];
  }
  return {
    commit: git(['rev-parse', '--short=12', 'HEAD']) || 'unknown',
    dirty: git(['status', '--porcelain', '--untracked-files=no']) !== '',
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    cpu: cpu.trim(),
    cores: os.cpus().length,
    memory: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GB`,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

// ---- Warm CPU samples (bench/iac.ts, bench/templates.ts, bench/cdk.ts) ----------------------------------------

/** Minimum and median CPU milliseconds of warm runs. */
export interface Stat {
  min: number;
  median: number;
}

/** CPU milliseconds (user + system) spent in `f`. */
export function cpuMs(f: () => void): number {
  const t0 = process.cpuUsage();
  f();
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1000;
}

export async function cpuMsAsync(f: () => Promise<unknown>): Promise<number> {
  const t0 = process.cpuUsage();
  await f();
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1000;
}

export function stat(xs: number[]): Stat {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0] ?? NaN, median: s[Math.floor((s.length - 1) / 2)] ?? NaN };
}

/** A full GC before a sample when node runs with --expose-gc (otherwise nothing). */
function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** `f` timed `runs` times after 3 warm-up runs; `setup` (untimed) before each. */
export function sample(runs: number, f: () => void, setup?: () => void): Stat {
  const xs: number[] = [];
  for (let i = 0; i < runs + 3; i++) {
    setup?.();
    gc();
    const t = cpuMs(f);
    if (i >= 3) xs.push(t);
  }
  return stat(xs);
}

export async function sampleAsync(
  runs: number,
  f: () => Promise<unknown>,
  setup?: () => void,
): Promise<Stat> {
  return (await sampleAsyncTimes(runs, f, setup)).cpu;
}

/**
 * `f` timed `runs` times after 3 warm-up runs, both in CPU time (every thread of the process: the garbage
 * collector's and the compilers' helper threads too) and in wall-clock time (what a user waits).
 */
export async function sampleAsyncTimes(
  runs: number,
  f: () => Promise<unknown>,
  setup?: () => void,
): Promise<{ cpu: Stat; wall: Stat }> {
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let i = 0; i < runs + 3; i++) {
    setup?.();
    gc();
    const t0 = performance.now();
    const t = await cpuMsAsync(f);
    const w = performance.now() - t0;
    if (i >= 3) {
      cpu.push(t);
      wall.push(w);
    }
  }
  return { cpu: stat(cpu), wall: stat(wall) };
}

/** A one-character edit that keeps the text valid: the last digit of the first `marker` match toggled on odd `k`. */
export function oneCharEditAt(text: string, marker: RegExp, k: number): string {
  const m = marker.exec(text);
  if (!m) return text + (k % 2 ? ' ' : '');
  const at = m.index + m[0].length - 1;
  const d = text[at] === '1' ? '2' : '1';
  return text.slice(0, at) + (k % 2 ? d : text[at]) + text.slice(at + 1);
}

/** A stat as two aligned columns, min and median (bench text reports). */
export function fmtStat(s: Stat): string {
  return `${s.min.toFixed(1).padStart(7)} ${s.median.toFixed(1).padStart(7)}`;
}

/** The value after `--name` on a bench's command line. */
export function argValue(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

/**
 * `text` at `file` linted in a fresh workspace (`lint`), and linted again after a one-character edit at `marker`
 * (`relint`, see `oneCharEditAt`), each sampled `runs` times; `findings` of the first lint.
 */
export async function sampleLintAndRelint(
  file: string,
  text: string,
  marker: RegExp,
  runs: number,
): Promise<{ lint: Stat; relint: Stat; lintWall: Stat; relintWall: Stat; findings: number }> {
  let fresh = createWorkspace('/bench');
  const lint = await sampleAsyncTimes(
    runs,
    () => fresh.lint(file, text),
    () => {
      fresh = createWorkspace('/bench');
    },
  );
  const warm = createWorkspace('/bench');
  const first = await warm.lint(file, text);
  let k = 0;
  const relint = await sampleAsyncTimes(runs, () => warm.lint(file, oneCharEditAt(text, marker, ++k)));
  return {
    lint: lint.cpu,
    relint: relint.cpu,
    lintWall: lint.wall,
    relintWall: relint.wall,
    findings: first.findings.length,
  };
}

/**
 * For the main of a bench script that times the engine in process: unless it was given `--source` (time the
 * TypeScript source under tsx) or runs bundled already, runs the script bundled as the engine ships
 * (bench/bundle.ts), writes its output through and returns true (the caller is done).
 */
export function ranAsShipped(entry: string, argv: readonly string[]): boolean {
  if (argv.includes('--source') || argv.includes('--bundled')) return false;
  // (Loaded here only: the bundled script never needs esbuild.)
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { runBundled } = require('./bundle') as typeof import('./bundle');
  process.stdout.write(runBundled(entry, [...argv, '--bundled']));
  return true;
}
