/**
 * dist/cli.js is a loader (src/cli/loader.ts) that runs dist/cli-main.js with a V8 code cache. Built here as
 * `npm run build` builds them (two bundles side by side with the wasm files), run on the demo workspace plus
 * generated handler modules: the report and exit code are those of the bundle run directly, with and without a
 * cache, on one and two threads, with a cache from another build or a broken one, and with caching turned off.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { pythonCorpus } from '../../../bench/gen';
import { bundleInto, cleanTemps, REPO, tempDir, write } from './helpers';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(
  script: string,
  cwd: string,
  args: string[],
  env: Record<string, string | undefined>,
  nodeArgs: string[] = [],
): Run {
  const r = spawnSync(process.execPath, [...nodeArgs, script, ...args], {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      NO_COLOR: undefined,
      FORCE_COLOR: undefined,
      PERFGUARD_NO_CODE_CACHE: undefined,
      ...env,
    },
    timeout: 60_000,
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cli: dist/cli.js runs the CLI bundle with a V8 code cache', function () {
  this.timeout(180_000);
  let bin: string;
  let ws: string;
  let cacheDir: string;
  let direct: Run;
  const caches = (): string[] => (fs.existsSync(cacheDir) ? fs.readdirSync(cacheDir) : []);

  before(() => {
    bin = tempDir('perfguard-loader-bin-');
    bundleInto(bin, { 'cli.js': 'src/cli/loader.ts', 'cli-main.js': 'src/cli/main.ts' });
    ws = path.join(tempDir(), 'ws');
    fs.cpSync(path.join(REPO, 'examples', 'ecommerce-platform'), ws, { recursive: true });
    for (const f of pythonCorpus(20)) write(ws, f.rel, f.text);
    cacheDir = path.join(tempDir(), 'cache');
    direct = run(path.join(bin, 'cli-main.js'), ws, ['lint', '-f', 'json'], {
      PERFGUARD_CACHE_DIR: cacheDir,
    });
    assert.ok(direct.code === 0 || direct.code === 1, direct.stderr);
    assert.ok(JSON.parse(direct.stdout).findings.length > 0, 'the workspace has findings');
  });
  after(cleanTemps);

  it('writes a cache on the first run, reads it on the next, and reports the same as the bundle alone', () => {
    assert.deepStrictEqual(caches(), [], 'running the bundle directly writes no cache');
    const first = run(path.join(bin, 'cli.js'), ws, ['lint', '-f', 'json'], {
      PERFGUARD_CACHE_DIR: cacheDir,
    });
    assert.deepStrictEqual(first, direct);
    const written = caches();
    assert.strictEqual(written.length, 1, `one cache file: ${written.join(', ')}`);
    assert.match(written[0]!, /^cli-main-v\d+\.\d+\.\d+-\w+-\d+-\d+\.v8cache$/);
    const file = path.join(cacheDir, written[0]!);
    const stamp = fs.statSync(file).mtimeMs;
    const second = run(path.join(bin, 'cli.js'), ws, ['lint', '-f', 'json'], {
      PERFGUARD_CACHE_DIR: cacheDir,
    });
    assert.deepStrictEqual(second, direct);
    assert.strictEqual(fs.statSync(file).mtimeMs, stamp, 'an accepted cache is not written again');
  });

  it('worker threads start through the loader and give the same report', () => {
    const two = run(path.join(bin, 'cli.js'), ws, ['lint', '-f', 'json', '--jobs', '2'], {
      PERFGUARD_CACHE_DIR: cacheDir,
    });
    assert.deepStrictEqual(two, direct);
    const stats = run(path.join(bin, 'cli.js'), ws, ['lint', '-f', 'json', '--stats', '--jobs', '2'], {
      PERFGUARD_CACHE_DIR: cacheDir,
    });
    assert.strictEqual(JSON.parse(stats.stdout).threads, 2);
  });

  it('tunes V8 for a short run unless told not to (PERFGUARD_NO_JIT_TUNING, a budget of its own): same report', () => {
    // V8 keeps the flags a code cache was made under in the cache and rejects it under other flags: a run with
    // other flags than the last one writes a new cache, a run with the same flags keeps it.
    const [name] = caches();
    const file = path.join(cacheDir, name!);
    const tuned = fs.readFileSync(file);
    const plain = run(path.join(bin, 'cli.js'), ws, ['lint', '-f', 'json'], {
      PERFGUARD_CACHE_DIR: cacheDir,
      PERFGUARD_NO_JIT_TUNING: '1',
    });
    assert.deepStrictEqual(plain, direct);
    const untuned = fs.readFileSync(file);
    assert.ok(!untuned.equals(tuned), 'the tuned cache is rejected without the tuning, so the flags differ');
    const own = run(
      path.join(bin, 'cli.js'),
      ws,
      ['lint', '-f', 'json'],
      { PERFGUARD_CACHE_DIR: cacheDir },
      ['--interrupt-budget=67584'], // V8's default, as without the tuning
    );
    assert.deepStrictEqual(own, direct);
    assert.ok(
      fs.readFileSync(file).equals(untuned),
      "Node's own budget is kept: the untuned cache is accepted",
    );
    const again = run(path.join(bin, 'cli.js'), ws, ['lint', '-f', 'json'], {
      PERFGUARD_CACHE_DIR: cacheDir,
    });
    assert.deepStrictEqual(again, direct);
    assert.ok(!fs.readFileSync(file).equals(untuned), 'tuned again: the untuned cache is rejected');
  });

  it('a broken cache is rejected and replaced; the report is unchanged', () => {
    const [name] = caches();
    const file = path.join(cacheDir, name!);
    fs.writeFileSync(file, Buffer.from('not a V8 code cache'));
    const r = run(path.join(bin, 'cli.js'), ws, ['lint', '-f', 'json'], { PERFGUARD_CACHE_DIR: cacheDir });
    assert.deepStrictEqual(r, direct);
    assert.ok(fs.statSync(file).size > 10_000, 'the cache was written again');
  });

  it('PERFGUARD_NO_CODE_CACHE runs without one; an unwritable cache folder only means no cache', () => {
    const none = path.join(tempDir(), 'none');
    const r = run(path.join(bin, 'cli.js'), ws, ['lint', '-f', 'json'], {
      PERFGUARD_CACHE_DIR: none,
      PERFGUARD_NO_CODE_CACHE: '1',
    });
    assert.deepStrictEqual(r, direct);
    assert.ok(!fs.existsSync(none));
    const blocked = path.join(tempDir(), 'blocked');
    fs.writeFileSync(blocked, 'a file where the cache folder would be');
    const r2 = run(path.join(bin, 'cli.js'), ws, ['lint', '-f', 'json'], { PERFGUARD_CACHE_DIR: blocked });
    assert.deepStrictEqual(r2, direct);
  });
});
