/**
 * Benches that time the engine in process run it as users get it: bundled and minified by esbuild with the
 * options of the shipped dist/ bundles (esbuild.js). Run through tsx the same source is slower: tsx compiles with
 * `keepNames`, which wraps every function and class in a naming call (`__name`) that hot closures pay for on
 * each creation (~10–15 % on the dense CDK stacks), and the code is not minified.
 */
import { spawnSync } from 'child_process';
import * as esbuild from 'esbuild';
import * as fs from 'fs';
import * as path from 'path';

const REPO = path.resolve(__dirname, '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { common } = require('../esbuild.js') as { common: esbuild.BuildOptions };

/** Bundles `entry` (a bench script, relative to the repository) into bench/.work/bundles/; returns the file. */
export function bundleBench(entry: string): string {
  const out = path.join(REPO, 'bench', '.work', 'bundles', path.basename(entry).replace(/\.ts$/, '.js'));
  fs.mkdirSync(path.dirname(out), { recursive: true });
  esbuild.buildSync({
    ...common,
    absWorkingDir: REPO,
    entryPoints: [path.join(REPO, entry)],
    outfile: out,
    minify: true,
    sourcemap: false,
    // A bench that bundles itself (templates.ts) never runs that path once bundled.
    external: [...(common.external ?? []), 'esbuild'],
    logLevel: 'error',
  });
  return out;
}

/** Runs a bench script bundled (bundleBench) with `args`; returns its standard output. */
export function runBundled(entry: string, args: readonly string[]): string {
  const file = bundleBench(entry);
  const r = spawnSync(process.execPath, [file, ...args], {
    cwd: REPO,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${entry} (bundled) exited with ${r.status}`);
  return r.stdout;
}
