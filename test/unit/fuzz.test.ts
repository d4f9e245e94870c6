import * as assert from 'assert';
import * as path from 'path';
import { fuzz, truncations } from '../fuzz/fuzz';
import { BUILTIN_SEEDS, loadSeeds } from '../fuzz/seeds';

/** A fixed-seed slice of the fuzzer (npm run fuzz runs 100,000 cases). Timings are reported, not asserted. */
describe('fuzz (fixed seed)', function () {
  this.timeout(300_000);
  const root = path.join(__dirname, '..', '..');

  it('survives every truncation of each built-in seed', async () => {
    for (const s of BUILTIN_SEEDS) {
      const failures = await truncations(s, 150);
      assert.deepStrictEqual(
        failures.map((f) => `${f.seed} ${f.mutation}: ${f.problem}`),
        [],
      );
    }
  });

  it('survives 2,500 stacked mutations with fixes checked, and a 5 MB file per language', async () => {
    const seeds = loadSeeds([path.join(root, 'examples')], 40);
    const stats = await fuzz(seeds, { seed: 1127, cases: 2500, fixEvery: 25, huge: true });
    console.log(
      `      ${stats.cases} cases, slowest ${stats.maxMs.toFixed(0)} ms (${stats.maxCase}), ` +
        `${stats.fixesChecked} fix runs, RSS growth ${stats.rssGrowthMb.toFixed(0)} MB`,
    );
    assert.deepStrictEqual(
      stats.failures.slice(0, 10).map((f) => `${f.seed} ${f.mutation}: ${f.problem}`),
      [],
    );
    // Trees are freed: memory stays bounded over thousands of parses. RSS is read without a forced GC, so the
    // bound leaves room for the JS heap's own timing (43–190 MB seen alone, 435 MB once under heavy load); one
    // leaked tree per case over 2,500 cases would be gigabytes.
    assert.ok(stats.rssGrowthMb < 700, `RSS grew by ${stats.rssGrowthMb.toFixed(0)} MB`);
  });
});
