/**
 * `npm run fuzz`: 100,000 mutation cases (override with --cases N, --seed S) plus every truncation of each seed.
 * Exits 1 on any failure or any case over 1 s.
 */
import * as path from 'path';
import { fuzz, truncations } from './fuzz';
import { loadSeeds } from './seeds';

async function main() {
  const arg = (name: string, dflt: number) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? Number(process.argv[i + 1]) : dflt;
  };
  const cases = arg('--cases', 100_000);
  const seed = arg('--seed', 20261127);
  const root = path.join(__dirname, '..', '..');
  const seeds = loadSeeds([path.join(root, 'examples'), path.join(root, 'test', 'fixtures')], 200);
  console.log(`fuzz: ${seeds.length} seeds, ${cases} cases, seed ${seed}`);
  const t0 = Date.now();
  let truncFailures = 0;
  for (const s of seeds) {
    const f = await truncations(s, 2000);
    truncFailures += f.length;
    for (const x of f.slice(0, 3)) console.log(`FAIL ${x.seed} ${x.mutation}: ${x.problem}`);
  }
  const stats = await fuzz(seeds, { seed, cases, fixEvery: 10, huge: true });
  for (const f of stats.failures.slice(0, 20)) console.log(`FAIL ${f.seed} ${f.mutation}: ${f.problem}`);
  for (const s of stats.slow.slice(0, 20)) console.log(`SLOW ${s.case}: ${s.ms.toFixed(0)} ms`);
  console.log(
    `fuzz: ${stats.cases} cases + truncations in ${((Date.now() - t0) / 1000).toFixed(1)} s; ` +
      `${stats.failures.length + truncFailures} failures; ${stats.slow.length} over 1 s; ` +
      `slowest ${stats.maxMs.toFixed(0)} ms (${stats.maxCase}); fixes checked ${stats.fixesChecked}; ` +
      `RSS growth ${stats.rssGrowthMb.toFixed(0)} MB`,
  );
  process.exit(stats.failures.length + truncFailures + stats.slow.length > 0 ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
