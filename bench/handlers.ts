/**
 * Handler-rule cost on the generated Python corpus (bench/gen.ts), in process, CPU time (process.cpuUsage).
 *
 *   npx tsx bench/handlers.ts [count=240] [runs=5] [--findings out.json]
 *
 * Each run builds a fresh Workspace over the corpus and lints every file with every rule; reports the
 * min/median whole-corpus CPU time, parsing (`ParsedFile.syntax`: the Python reader, tree-sitter when it declines), and each rule's CPU time (including workspace indexes it is the
 * first to ask for). `--findings` writes every finding (rule, range, message, fix) to compare before/after.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import { defaultConfig } from '../src/core/config';
import type { Rule } from '../src/core/engine/rule';
import { Workspace } from '../src/core/engine/workspace';
import { allRules } from '../src/core/rules';
import { pythonCorpus } from './gen';

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const fi = argv.indexOf('--findings');
  const out = fi >= 0 ? argv.splice(fi, 2)[1] : undefined;
  const count = Number(argv[0] ?? 240);
  const runs = Number(argv[1] ?? 5);
  const files = pythonCorpus(count);
  const bytes = files.reduce((s, f) => s + f.text.length, 0);
  const totals: number[] = [];
  const parses: number[] = [];
  const perRule = new Map<string, number[]>();
  let digest = '';
  for (let run = 0; run < runs; run++) {
    const spent = new Map<string, number>();
    const timed: Rule[] = allRules.map((r) => ({
      meta: r.meta,
      check(ctx) {
        const t0 = cpuMs();
        try {
          r.check(ctx);
        } finally {
          spent.set(r.meta.id, (spent.get(r.meta.id) ?? 0) + cpuMs() - t0);
        }
      },
    }));
    const ws = new Workspace('/bench', timed, defaultConfig());
    for (const f of files) ws.setFile(f.rel, f.text);
    await ws.prepare();
    let parse = 0;
    const all: unknown[] = [];
    const t0 = cpuMs();
    for (const rel of ws.filePaths()) {
      const p0 = cpuMs();
      void ws.getFile(rel)?.syntax;
      parse += cpuMs() - p0;
      const r = ws.lintPrepared(rel);
      for (const f of r.findings)
        all.push([rel, f.ruleId, f.range, f.message, f.severity, f.fix, f.suggestions]);
      for (const d of r.diagnostics) all.push([rel, 'diag', d.kind, d.message]);
    }
    totals.push(cpuMs() - t0);
    parses.push(parse);
    for (const [id, v] of spent) perRule.set(id, [...(perRule.get(id) ?? []), v]);
    const json = JSON.stringify(all);
    digest = crypto.createHash('sha1').update(json).digest('hex').slice(0, 12) + ` (${all.length} findings)`;
    if (out && run === 0) fs.writeFileSync(out, JSON.stringify(all, null, 1));
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const min = (xs: number[]) => Math.min(...xs);
  const f = (n: number) => `${n.toFixed(0)} ms`;
  console.log(`${files.length} files, ${(bytes / 1024).toFixed(0)} KB, ${runs} runs; findings ${digest}`);
  console.log(
    `whole corpus CPU: min ${f(min(totals))}, median ${f(med(totals))}; parsing min ${f(min(parses))}`,
  );
  const rows = [...perRule].filter(([, v]) => med(v) >= 1).sort((a, b) => med(b[1]) - med(a[1]));
  for (const [id, v] of rows)
    console.log(`  ${id.padEnd(34)} min ${f(min(v)).padStart(8)}  median ${f(med(v)).padStart(8)}`);
}

void main();
