/**
 * SQL coverage and speed: every `.sql` file under a folder (e.g. the TPC-DS queries of
 * awslabs/aws-athena-query-federation, fetched outside the repository) is parsed and analysed the way the rules
 * do it. Reports the share of files whose statements all parse ("analysable"), and per-file analysis time
 * (parse + catalog analysis + every SQL rule) median / p95 / max.
 *
 *   npx tsx bench/sql.ts <folder> [--cold] [--templates]
 *
 * `--cold` measures without the warm-up pass. `--templates` also substitutes the benchmark's own template placeholders (`[ TABLE_SUFFIX ]`) to show what
 * they cost; by default files are read as written.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Workspace } from '../src/core/engine/workspace';
import { sqlRules } from '../src/core/rules/sql-rules';
import { parseSql } from '../src/core/sql/parser';

export interface SqlBenchResult {
  files: number;
  analysable: number;
  coveragePct: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  timedOut: number;
  failures: { file: string; message: string }[];
}

function sqlFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.sql')) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

export async function runSqlBench(
  dir: string,
  options: { templates?: boolean; warm?: boolean } = {},
): Promise<SqlBenchResult> {
  const files = sqlFiles(dir);
  const ws = new Workspace(dir, sqlRules);
  const times: number[] = [];
  const failures: SqlBenchResult['failures'] = [];
  let analysable = 0;
  let timedOut = 0;
  // Warm up the JIT with one untimed pass (the editor and the CLI lint many files in one process).
  if (options.warm !== false)
    for (const f of files) {
      const rel = path.relative(dir, f).replace(/\\/g, '/');
      await ws.lint(rel, fs.readFileSync(f, 'utf8'), { ignoreExcludes: true });
      ws.deleteFile(rel);
    }
  for (const f of files) {
    let text = fs.readFileSync(f, 'utf8');
    if (options.templates) text = text.replace(/\[\s*TABLE_SUFFIX\s*\]/g, '');
    const rel = path.relative(dir, f).replace(/\\/g, '/');
    const t0 = performance.now();
    const res = await ws.lint(rel, text, { ignoreExcludes: true });
    times.push(performance.now() - t0);
    const parsed = parseSql(text);
    const errs = parsed.statements.flatMap((s) => s.errors);
    if (parsed.statements.some((s) => s.timedOut)) timedOut++;
    if (errs.length === 0 && parsed.lexErrors.length === 0 && res.diagnostics.length === 0) analysable++;
    else
      failures.push({
        file: rel,
        message: errs[0]?.message ?? res.diagnostics[0]?.message ?? 'lexical error',
      });
    ws.deleteFile(rel);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return {
    files: files.length,
    analysable,
    coveragePct: files.length ? (100 * analysable) / files.length : 0,
    medianMs: at(0.5),
    p95Ms: at(0.95),
    maxMs: sorted[sorted.length - 1] ?? 0,
    timedOut,
    failures,
  };
}

if (require.main === module) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: tsx bench/sql.ts <folder-with-.sql-files> [--templates]');
    process.exit(2);
  }
  void runSqlBench(dir, {
    templates: process.argv.includes('--templates'),
    warm: !process.argv.includes('--cold'),
  }).then((r) => {
    console.log(
      `${r.analysable}/${r.files} analysable (${r.coveragePct.toFixed(1)} %), per file median ${r.medianMs.toFixed(2)} ms, ` +
        `p95 ${r.p95Ms.toFixed(2)} ms, max ${r.maxMs.toFixed(2)} ms, timed out ${r.timedOut}`,
    );
    for (const f of r.failures) console.log(`  ${f.file}: ${f.message}`);
  });
}
