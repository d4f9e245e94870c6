/**
 * `perfguard` starts here (dist/cli.js): it runs the CLI bundle (dist/cli-main.js) with a V8 code cache, as
 * Python keeps `.pyc` files. Compiling the 760 KB bundle, and then each function the run calls, takes about
 * 150–250 ms of a short run; with the cache of an earlier run V8 skips both. The cache is written at the end of a
 * run that had none (or one V8 rejected: another Node version, another bundle), so it holds the functions that
 * run compiled. It lives in the temp folder (`PERFGUARD_CACHE_DIR` to choose another,
 * `PERFGUARD_NO_CODE_CACHE=1` to go without), keyed by the bundle's size and time and by Node's version and
 * architecture; writing it is atomic and any failure only means running without it. Worker threads (`--jobs`)
 * start here too and read the same cache; only the main thread writes it.
 *
 * It also lets V8 run a function's bytecode longer before optimising it (`--interrupt-budget`, see tuneJit): a
 * lint is a short run, and with V8's default budget, tuned for long-lived pages and servers, much of it went into
 * optimising functions early on too little feedback and throwing that code away again.
 */
import * as fs from 'fs';
import Module from 'module';
import * as os from 'os';
import * as path from 'path';
import * as v8 from 'v8';
import * as vm from 'vm';
import { isMainThread } from 'worker_threads';

const BUNDLE = path.join(__dirname, 'cli-main.js');

/**
 * Bytecode a function runs before V8 considers optimising it (V8's default: 67,584). Measured with `npm run bench`
 * on this project's 2-CPU machines (Node 20): 240 generated handler modules lint in 0.91 s instead of 1.06 s with
 * 150–300 K (and 25 % less CPU time: fewer optimisations and deoptimisations), 600 K is slower again; public
 * repositories of 700 to 4,000 files (aws-cdk-examples, serverless-patterns) lint as fast or faster.
 */
const INTERRUPT_BUDGET = 200_000;

/**
 * Sets V8's interrupt budget for this process (V8 flags are per process: worker threads share it), unless Node
 * was started with one of its own (`node --interrupt-budget=… dist/cli.js`) or PERFGUARD_NO_JIT_TUNING is set.
 * Set before the bundle is compiled, so that its code cache is made and checked under the same flags.
 */
function tuneJit(): void {
  if (!isMainThread || process.env.PERFGUARD_NO_JIT_TUNING) return;
  if (process.execArgv.some((a) => /^--interrupt[-_]budget\b/.test(a))) return;
  try {
    v8.setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
  } catch {
    // Default tuning then.
  }
}

interface Loadable extends Module {
  filename: string;
  paths: string[];
}

/** The cache file for this bundle and this Node, or undefined when caching is off or the bundle is missing. */
function cacheFileOf(bundle: string): string | undefined {
  if (process.env.PERFGUARD_NO_CODE_CACHE) return undefined;
  let stat: fs.Stats;
  try {
    stat = fs.statSync(bundle);
  } catch {
    return undefined;
  }
  const dir = process.env.PERFGUARD_CACHE_DIR || path.join(os.tmpdir(), 'perfguard-code-cache');
  const key = `${process.version}-${process.arch}-${stat.size}-${Math.floor(stat.mtimeMs)}`;
  return path.join(dir, `cli-main-${key}.v8cache`);
}

function readCache(file: string | undefined): Buffer | undefined {
  if (!file) return undefined;
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

function writeCache(file: string, script: vm.Script): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, script.createCachedData());
    fs.renameSync(tmp, file);
  } catch {
    // No cache this time.
  }
}

function run(): void {
  const cacheFile = cacheFileOf(BUNDLE);
  const cachedData = readCache(cacheFile);
  let script: vm.Script;
  try {
    const source = fs.readFileSync(BUNDLE, 'utf8');
    script = new vm.Script(Module.wrap(source), { filename: BUNDLE, ...(cachedData ? { cachedData } : {}) });
  } catch {
    // Anything unexpected: load the bundle as Node would.
    Module.createRequire(__filename)(BUNDLE);
    return;
  }
  if (cacheFile && isMainThread && (!cachedData || script.cachedDataRejected))
    process.once('exit', () => writeCache(cacheFile, script));
  const fn = script.runInThisContext() as (
    exports: unknown,
    require: NodeJS.Require,
    module: Module,
    filename: string,
    dirname: string,
  ) => void;
  const m = new Module(BUNDLE, module) as Loadable;
  m.filename = BUNDLE;
  m.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(
    path.dirname(BUNDLE),
  );
  const req = Module.createRequire(BUNDLE);
  // The bundle runs its command line when it is the main module (`require.main === module`).
  if (require.main === module) (req as { main: Module }).main = m;
  fn.call(m.exports, m.exports, req, m, BUNDLE, path.dirname(BUNDLE));
}

tuneJit();
run();
