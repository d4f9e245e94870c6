/**
 * Running the real CLI as a process: the entry point is bundled once per test run with esbuild (as `npm run
 * build` does, into a temporary folder with the grammar wasm files next to it), and each test copies a fixture
 * folder to a temporary workspace and runs `node cli.js` there, so the fixture is the workspace root.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildSync, type BuildOptions } from 'esbuild';
import { allRules } from '../../../src/core/rules';

export const REPO = path.resolve(__dirname, '..', '..', '..');
export const FIXTURES = path.join(REPO, 'test', 'fixtures', 'cli');

/** The wasm files `npm run build` copies next to the bundles. */
export const WASM: [string, string][] = [
  ['web-tree-sitter', 'tree-sitter.wasm'],
  ['tree-sitter-python', 'tree-sitter-python.wasm'],
  ['tree-sitter-javascript', 'tree-sitter-javascript.wasm'],
  ['tree-sitter-typescript', 'tree-sitter-typescript.wasm'],
  ['tree-sitter-typescript', 'tree-sitter-tsx.wasm'],
  ['@tree-sitter-grammars/tree-sitter-hcl', 'tree-sitter-terraform.wasm'],
];

const temps: string[] = [];

/** A fresh temporary folder, readable by everyone (tests may run the CLI as an unprivileged user). */
export function tempDir(prefix = 'perfguard-cli-'): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(d, 0o755);
  temps.push(d);
  return d;
}

export function cleanTemps(): void {
  for (const d of temps.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

let bundled: string | undefined;

/** Bundle src/cli/main.ts (once) and return the path of the built cli.js. */
export function cliBundle(): string {
  // (cleanTemps of an earlier suite may have removed it: bundle again)
  if (bundled && fs.existsSync(bundled)) return bundled;
  const dir = tempDir('perfguard-cli-bin-');
  bundleInto(dir, { 'cli.js': 'src/cli/main.ts' });
  bundled = path.join(dir, 'cli.js');
  return bundled;
}

// esbuild.js's options for the node bundles (aliases: the CJS build of web-tree-sitter, the ES build of jsonc-parser).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { common } = require('../../../esbuild.js') as { common: BuildOptions };

/** Bundle entry points (repository paths) into `dir` under the given file names, as esbuild.js does, with the wasm files. */
export function bundleInto(dir: string, entries: Record<string, string>): void {
  for (const [out, entry] of Object.entries(entries))
    buildSync({
      ...common,
      absWorkingDir: REPO,
      entryPoints: [path.join(REPO, entry)],
      outfile: path.join(dir, out),
      // Quicker to build, and stack traces name the functions.
      minify: false,
      sourcemap: false,
      logLevel: 'silent',
    });
  for (const [pkg, file] of WASM)
    fs.copyFileSync(path.join(REPO, 'node_modules', pkg, file), path.join(dir, file));
}

/** The two handler rules the CLI tests assert on; every other rule is turned off so new rules do not shift them. */
export const FOCUS_RULES = ['lambda/import-in-handler', 'lambda/client-in-handler'];

/** `.perfguard.json` content: `rules` turns every registered rule but FOCUS_RULES off, then applies `extra`. */
export function focusConfig(extra: { rules?: Record<string, string>; [k: string]: unknown } = {}): string {
  const rules: Record<string, string> = {};
  for (const r of allRules) if (!FOCUS_RULES.includes(r.meta.id)) rules[r.meta.id] = 'off';
  return JSON.stringify({ ...extra, rules: { ...rules, ...extra.rules } }, null, 2);
}

/** Copy a fixture folder (under test/fixtures/cli) to a temporary workspace, with the focus config. */
export function copyFixture(name: string, config: string | null = focusConfig()): string {
  const dest = path.join(tempDir(), name);
  fs.cpSync(path.join(FIXTURES, name), dest, { recursive: true });
  if (config !== null) fs.writeFileSync(path.join(dest, '.perfguard.json'), config);
  return dest;
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(
  cwd: string,
  args: readonly string[],
  opts: { env?: Record<string, string>; uid?: number; gid?: number } = {},
): RunResult {
  const env: Record<string, string | undefined> = {
    ...process.env,
    NO_COLOR: undefined,
    FORCE_COLOR: undefined,
  };
  const r = spawnSync(process.execPath, [cliBundle(), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...env, ...opts.env },
    timeout: 60_000,
    ...(opts.uid !== undefined ? { uid: opts.uid, gid: opts.gid ?? opts.uid } : {}),
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function write(root: string, rel: string, content: string | Buffer): string {
  const p = path.join(root, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, content);
  return p;
}
