/**
 * `npm run bench`: perfguard's numbers, measured side by side and written to bench/RESULTS.md with a chart.
 *
 *   npm run bench                       everything on generated inputs (bench/.work/, git-ignored)
 *   npm run bench -- --python DIR       use DIR's Python handlers for the pylint comparison
 *   npm run bench -- --cdk DIR          also measure 5,000 lines of DIR's real CDK stacks (templates section)
 *   npm run bench -- --sql DIR          use DIR's .sql queries for the sqlfluff comparison
 *   npm run bench -- --corpus DIR       lint a folder of other people's repositories and account for every file
 *                                       (only that section, unless --all)
 *   npm run bench -- --quick            fewer samples (a smoke run)
 *   npm run bench -- --only pylint,sizes  only these sections (the others in RESULTS.md are kept)
 *
 * The bench never downloads anything. pylint and sqlfluff come from Debian (`apt-get install -y pylint sqlfluff`);
 * when one is missing its comparison says so and the rest still runs.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import { defaultConfig } from '../src/core/config';
import { ExcludeMatcher } from '../src/core/engine/excludes';
import { languageOfPath } from '../src/core/engine/languages';
import type { Rule } from '../src/core/engine/rule';
import { Workspace } from '../src/core/engine/workspace';
import type { LanguageId } from '../src/core/model/types';
import { loadGrammar, type GrammarId } from '../src/core/parse/treesitter';
import { allRules } from '../src/core/rules';
import {
  athenaQueries,
  BENCH_LANGUAGES,
  EXTENSION,
  fileOfLines,
  mixedWorkspace,
  pythonCorpus,
  writeFiles,
  type BenchLanguage,
} from './gen';
import { fixCheck } from './fixcheck';
import type { IacBenchResult } from './iac';
import { runBundled } from './bundle';
import type { TemplatesBenchResult } from './templates';
import { runSqlBench } from './sql';
import {
  commandVersion,
  kb,
  machine,
  median,
  ms,
  percentile,
  seconds,
  timeProcess,
  which,
  type ProcessTiming,
} from './measure';

const REPO = path.resolve(__dirname, '..');
const WORK = path.join(REPO, 'bench', '.work');
const CLI = path.join(REPO, 'dist', 'cli.js');
const RESULTS = path.join(REPO, 'bench', 'RESULTS.md');
const CHART = path.join(REPO, 'bench', 'chart.png');

interface Args {
  python?: string;
  /** A folder of public code whose CDK stacks the templates section measures too (`--cdk DIR`). */
  cdk?: string;
  sql?: string;
  corpus?: string;
  all: boolean;
  quick: boolean;
  /** Run only these sections (pylint, sqlfluff, rulecost, iac, templates, latency, memory, sizes). */
  only?: Set<string>;
  fixCheck: boolean;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { all: false, quick: false, fixCheck: true };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = () => {
      const x = argv[++i];
      if (!x) throw new Error(`${k} needs a folder`);
      return path.resolve(x);
    };
    if (k === '--python') a.python = v();
    else if (k === '--cdk') a.cdk = v();
    else if (k === '--sql') a.sql = v();
    else if (k === '--corpus') a.corpus = v();
    else if (k === '--all') a.all = true;
    else if (k === '--quick') a.quick = true;
    else if (k === '--only') a.only = new Set((argv[++i] ?? '').split(',').filter(Boolean));
    else if (k === '--no-fix-check') a.fixCheck = false;
    else throw new Error(`unknown argument ${k}`);
  }
  return a;
}

function log(s: string): void {
  process.stderr.write(`[bench] ${s}\n`);
}

interface CliJson {
  findings: {
    ruleId: string;
    file: string;
    severity: string;
    message: string;
    range: { start: { line: number } };
  }[];
  diagnostics: { file: string; kind: string; message: string }[];
  summary: { files: number; errors: number; warnings: number; infos: number; fixable: number; fixed: number };
  files?: { path: string; language: string; bytes: number; ms: number; findings: number }[];
  /** Threads that linted (with --stats). */
  threads?: number;
}

function runCliJson(
  dir: string,
  extra: string[] = [],
  env?: NodeJS.ProcessEnv,
): { t: ProcessTiming; json: CliJson } {
  const t = timeProcess(
    process.execPath,
    [CLI, 'lint', '.', '--format', 'json', '--stats', ...extra],
    dir,
    env,
  );
  if (t.code === 2 || !t.stdout.trim())
    throw new Error(`perfguard failed in ${dir} (exit ${t.code}): ${t.stderr}`);
  return { t, json: JSON.parse(t.stdout) as CliJson };
}

/** Chart data collected by the sections. */
const chart: { label: string; ratio: number; goal?: number; note: string }[] = [];

// ---------------------------------------------------------------------------------------------- pylint

function listFiles(dir: string, ext: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && e.name.endsWith(ext)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

function pylintSection(args: Args): string {
  let dir = args.python;
  let origin: string;
  if (!dir) {
    dir = path.join(WORK, 'python');
    const files = pythonCorpus(240);
    const bytes = writeFiles(dir, files);
    origin = `generated: ${files.length} handler modules, ${kb(bytes)} (bench/gen.ts, fixed seed)`;
  } else origin = `\`${dir}\` (given on the command line)`;
  log(`pylint comparison on ${dir}`);
  const runs = args.quick ? 1 : 5;
  const load0 = os.loadavg()[0] ?? 0;
  // perfguard as users run it (worker threads by default: one per CPU, at most 8, for runs this size) and on
  // one thread (`--jobs 1`), alternating so that a change of machine load hits both alike.
  const pg: ProcessTiming[] = [];
  const pg1: ProcessTiming[] = [];
  // And on one thread without the loader's V8 tuning (src/cli/loader.ts), with a code cache of its own (V8
  // rejects a cache made under other flags).
  const pgPlain: ProcessTiming[] = [];
  // A machine that sets NODE_EXTRA_CA_CERTS (this project's sandboxes do, for their proxy) makes every Node
  // process parse that certificate bundle before it runs a line of JavaScript (~75 ms here); Python never reads
  // it. The rows run without it, as on a machine that does not set it, and once more with it, as set here.
  const extraCa = process.env.NODE_EXTRA_CA_CERTS;
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.NODE_EXTRA_CA_CERTS;
  const pgCa: ProcessTiming[] = [];
  const plainEnv = {
    ...env,
    PERFGUARD_NO_JIT_TUNING: '1',
    PERFGUARD_CACHE_DIR: path.join(WORK, 'code-cache-untuned'),
  };
  let json: CliJson | undefined;
  let threads = 1;
  for (let i = 0; i < runs; i++) {
    const r = runCliJson(dir, [], env);
    pg.push(r.t);
    json = r.json;
    threads = r.json.threads ?? 1;
    pg1.push(runCliJson(dir, ['--jobs', '1'], env).t);
    pgPlain.push(runCliJson(dir, ['--jobs', '1'], plainEnv).t);
    if (extraCa) pgCa.push(runCliJson(dir, [], process.env).t);
  }
  // Node's own start-up, with and without the variable.
  const nodeStart = (e: NodeJS.ProcessEnv) =>
    median(Array.from({ length: 5 }, () => timeProcess(process.execPath, ['-e', '0'], dir, e).wallMs));
  const startWith = extraCa ? nodeStart(process.env) : undefined;
  const startWithout = nodeStart(env);
  const analysed = (json?.files ?? []).filter((f) => f.language === 'python').map((f) => f.path);
  const bytes = (json?.files ?? []).filter((f) => f.language === 'python').reduce((s, f) => s + f.bytes, 0);
  const importFindings = (json?.findings ?? []).filter((f) => f.ruleId === 'lambda/import-in-handler').length;
  const allFindings = json?.findings.length ?? 0;
  const stats = (ts: ProcessTiming[]) => ({
    wall: median(ts.map((t) => t.wallMs)),
    minWall: Math.min(...ts.map((t) => t.wallMs)),
    cpu: ts.every((t) => t.cpuMs !== undefined) ? median(ts.map((t) => t.cpuMs as number)) : undefined,
  });
  const par = stats(pg);
  const one = stats(pg1);
  const plain = stats(pgPlain);
  const withCa = extraCa ? stats(pgCa) : undefined;
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;

  const lines = [
    '## perfguard vs pylint (`import-outside-toplevel`)',
    '',
    `Input: ${origin}; ${analysed.length} Python files, ${kb(bytes)} analysed.`,
    '',
  ];
  const row = (label: string, t: ReturnType<typeof stats>) =>
    `| ${label} | ${seconds(t.wall)} (min ${seconds(t.minWall)}) | ${seconds(t.cpu)} | ${allFindings} (${importFindings} lambda/import-in-handler) |`;
  const pgLabel = `perfguard CLI \`lint --format json\`, all ${allRules.length} rules, default: ${threads} thread${threads === 1 ? '' : 's'} (main + ${threads - 1} worker${threads === 2 ? '' : 's'}), median of ${runs}`;
  const pg1Label = `perfguard CLI, same, \`--jobs 1\` (one thread), median of ${runs}`;
  const plainLabel = `perfguard CLI, \`--jobs 1\` without its V8 tuning (\`PERFGUARD_NO_JIT_TUNING=1\`), median of ${runs}`;
  const caLabel = `perfguard CLI, default, with this machine's \`NODE_EXTRA_CA_CERTS\`, median of ${runs}`;
  // The table's head and perfguard's rows (pylint's follows when it is installed).
  const perfguardRows = [
    `| tool | wall | CPU (user+sys) | findings |`,
    `|---|---|---|---|`,
    row(pgLabel, par),
    row(pg1Label, one),
    row(plainLabel, plain),
    ...(withCa ? [row(caLabel, withCa)] : []),
  ];
  if (!which('pylint')) {
    lines.push(
      'pylint is not installed: `apt-get install -y pylint` (Debian) to compare. perfguard alone:',
      '',
      ...perfguardRows,
    );
    return lines.join('\n');
  }
  const version = commandVersion('pylint')?.replace(/^pylint\s*/, '') ?? '?';
  log(`pylint ${version} on ${analysed.length} files (takes a while)`);
  const py = timeProcess(
    'pylint',
    [
      '--disable=all',
      '--enable=import-outside-toplevel',
      '--score=n',
      '--persistent=n',
      '-j',
      '1',
      ...analysed,
    ],
    dir,
  );
  const load1 = os.loadavg()[0] ?? 0;
  const pyFindings = (py.stdout.match(/import-outside-toplevel/g) ?? []).length;
  const wallRatio = py.wallMs / par.wall;
  const oneRatio = py.wallMs / one.wall;
  const cpuRatio = (t: ReturnType<typeof stats>) =>
    py.cpuMs !== undefined && t.cpu !== undefined ? `${(py.cpuMs / t.cpu).toFixed(1)}×` : 'n/a';
  chart.push({
    label: 'vs pylint',
    ratio: wallRatio,
    goal: 20,
    note: `${analysed.length} Python files, ${threads} threads`,
  });
  lines.push(
    ...perfguardRows,
    `| pylint ${version} (\`--disable=all --enable=import-outside-toplevel -j 1\`) | ${seconds(py.wallMs)} | ${seconds(py.cpuMs)} | ${pyFindings} import-outside-toplevel |`,
    '',
    `**Ratio (wall): perfguard is ${wallRatio.toFixed(1)}× faster by default (${threads} thread${threads === 1 ? '' : 's'} on this ${cores}-CPU machine), ${oneRatio.toFixed(1)}× on one thread (\`--jobs 1\`, as pylint runs with \`-j 1\`).** Goal: ≥ 20×.`,
    `CPU time ratio (pylint CPU / perfguard CPU, all threads counted): ${cpuRatio(par)} by default, ${cpuRatio(one)} with \`--jobs 1\`.`,
    `Machine load (1-minute average) ${load0.toFixed(1)} before the perfguard runs, ${load1.toFixed(1)} after pylint.`,
    '',
    "perfguard's CPU time includes V8's background threads (garbage collection, compilation) and, by default, the",
    "worker threads' start-up (each loads the bundle and the grammars and builds its own workspace), so it is",
    'higher than the wall time on a multi-core machine.',
    ...(withCa && startWith !== undefined
      ? [
          `This machine sets \`NODE_EXTRA_CA_CERTS\` for every process; Node then parses that certificate bundle before running any script (\`node -e 0\`: ${ms(startWith, 0)} with it, ${ms(startWithout, 0)} without), which Python never does. The perfguard rows run without it, as on a machine that does not set it; with it perfguard takes ${seconds(withCa.wall)}: ${(py.wallMs / withCa.wall).toFixed(1)}× by default.`,
        ]
      : [`Node's own start-up (\`node -e 0\`): ${ms(startWithout, 0)}.`]),
    `Without the loader's V8 tuning (a later tier-up: \`--interrupt-budget\`, src/cli/loader.ts) the one-thread run is ${seconds(plain.wall)}: ${(py.wallMs / plain.wall).toFixed(1)}×.`,
    '',
    'pylint flags every import below module level; perfguard reports only those that run per invocation (in a',
    'handler or a function it calls), plus the other rules, so the counts differ by design.',
  );
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------- sqlfluff

function sqlSection(args: Args): string {
  let dir = args.sql;
  let origin: string;
  const n = args.quick ? 3 : 12;
  if (!dir) {
    dir = path.join(WORK, 'sql');
    const files = athenaQueries(n);
    const bytes = writeFiles(dir, files);
    origin = `generated: ${files.length} TPC-DS-style Athena queries, ${kb(bytes)}`;
  } else origin = `\`${dir}\` (given on the command line)`;
  const queries = listFiles(dir, '.sql');
  const lines = [
    '## perfguard SQL analysis vs sqlfluff (`parse --dialect athena`)',
    '',
    `Input: ${origin}.`,
    '',
  ];
  const sqlRules = allRules.filter((r) => r.meta.languages.includes('sql'));
  if (sqlRules.length === 0) {
    lines.push('n/a: no SQL rules are registered yet.');
    return lines.join('\n');
  }
  log(`sqlfluff comparison on ${queries.length} queries`);
  const runs = args.quick ? 1 : 3;
  const pg: ProcessTiming[] = [];
  let json: CliJson | undefined;
  for (let i = 0; i < runs; i++) {
    const r = runCliJson(dir);
    pg.push(r.t);
    json = r.json;
  }
  const pgWall = median(pg.map((t) => t.wallMs));
  const pgCpu = pg.every((t) => t.cpuMs !== undefined) ? median(pg.map((t) => t.cpuMs as number)) : undefined;
  const engineMs = (json?.files ?? []).filter((f) => f.language === 'sql').reduce((s, f) => s + f.ms, 0);
  if (!which('sqlfluff')) {
    lines.push(
      'sqlfluff is not installed: `apt-get install -y sqlfluff` (Debian) to compare. perfguard alone:',
      '',
      `| tool | wall | CPU | per query |`,
      `|---|---|---|---|`,
      `| perfguard (CLI, ${sqlRules.length} SQL rules + the rest) | ${seconds(pgWall)} | ${seconds(pgCpu)} | ${ms(pgWall / queries.length)} |`,
    );
    return lines.join('\n');
  }
  const version = commandVersion('sqlfluff', ['--version'])?.replace(/^sqlfluff, version\s*/, '') ?? '?';
  log(`sqlfluff ${version} (about 1–2 s per query)`);
  const sf = timeProcess('sqlfluff', ['parse', '--dialect', 'athena', '--nocolor', '.'], dir);
  const unparsable = (sf.stdout.match(/unparsable/gi) ?? []).length;
  const ratio = sf.wallMs / pgWall;
  const cpuRatio = sf.cpuMs !== undefined && pgCpu !== undefined ? sf.cpuMs / pgCpu : undefined;
  chart.push({ label: 'vs sqlfluff', ratio, note: `${queries.length} queries` });
  lines.push(
    `| tool | wall | CPU (user+sys) | per query |`,
    `|---|---|---|---|`,
    `| perfguard (CLI, median of ${runs}; engine time ${ms(engineMs)}) | ${seconds(pgWall)} | ${seconds(pgCpu)} | ${ms(pgWall / queries.length)} |`,
    `| sqlfluff ${version} \`parse --dialect athena\` | ${seconds(sf.wallMs)} | ${seconds(sf.cpuMs)} | ${ms(sf.wallMs / queries.length)} |`,
    '',
    `**Ratio: perfguard is ${ratio.toFixed(1)}× faster (wall)${cpuRatio !== undefined ? `, ${cpuRatio.toFixed(1)}× (CPU time)` : ''}.** ` +
      `sqlfluff exit code ${sf.code}${unparsable ? `, ${unparsable} unparsable sections` : ''}; perfguard findings: ${json?.findings.length ?? 0}.`,
  );
  return lines.join('\n');
}

/** SQL coverage and per-file analysis time (bench/sql.ts) on the same queries. */
async function sqlCoverageSection(args: Args): Promise<string> {
  const dir = args.sql ?? path.join(WORK, 'sql');
  if (!fs.existsSync(dir)) return '';
  const r = await runSqlBench(dir);
  return [
    '### SQL coverage (bench/sql.ts, in process)',
    '',
    `${r.analysable}/${r.files} files analysable (${r.coveragePct.toFixed(1)}%); per file median ${ms(r.medianMs, 2)}, ` +
      `p95 ${ms(r.p95Ms, 2)}, max ${ms(r.maxMs, 2)}; timed out ${r.timedOut}.`,
    ...(r.failures.length
      ? ['', ...r.failures.slice(0, 10).map((f) => `- \`${f.file}\`: ${f.message}`)]
      : []),
  ].join('\n');
}

/** Terraform analysis of a 5,000-line file (bench/iac.ts). */
async function iacSection(args: Args): Promise<string> {
  // The bundled engine, as users run it (bench/bundle.ts).
  const r = JSON.parse(
    runBundled('bench/iac.ts', [
      '--bundled',
      '--json',
      '--lines',
      '5000',
      '--runs',
      String(args.quick ? 3 : 20),
    ]),
  ) as IacBenchResult;
  const st = (x: { min: number; median: number }) => `${ms(x.min, 2)} / ${ms(x.median, 2)}`;
  return [
    '## Terraform analysis (bench/iac.ts)',
    '',
    `A generated ${r.lines}-line Terraform file (${r.resources} resources, ${r.findings} findings); CPU time,`,
    `minimum / median of ${r.runs} warm runs of the engine bundled as shipped (bench/bundle.ts).`,
    '',
    '| step | min / median |',
    '|---|---|',
    `| hand-written HCL parser (text → blocks; used for every clean file) | ${st(r.fastParse)} |`,
    `| tree-sitter parse (only for files the parser declines) | ${st(r.parse)} |`,
    `| tree → blocks (the same) | ${st(r.treeToBlocks)} |`,
    `| resource model | ${st(r.model)} |`,
    `| every infrastructure rule (sum of minima) | ${ms(r.rulesTotal, 2)} |`,
    `| first lint (\`Workspace.lint\`) | ${st(r.lint)} |`,
    `| re-lint after a one-character edit | ${st(r.relint)} |`,
    `| re-lint of one file of a five-file module | ${st(r.relintModuleFile)} |`,
    '',
    `Findings digest ${r.findingsDigest} with the hand-written parser, ${r.findingsDigestTreeSitter} with every file`,
    'read through tree-sitter (they must be equal). Goal (issue 5): a 5,000-line file analysed in under 60 ms.',
  ].join('\n');
}

async function templatesSection(args: Args): Promise<string> {
  // The bundled engine, as users run it (bench/bundle.ts).
  const r = JSON.parse(
    runBundled('bench/templates.ts', [
      '--bundled',
      '--json',
      '--lines',
      '5000',
      '--runs',
      String(args.quick ? 3 : 15),
      ...(args.cdk ? ['--real', args.cdk] : []),
    ]),
  ) as TemplatesBenchResult;
  const st = (x: { min: number; median: number }) => `${ms(x.min, 1)} / ${ms(x.median, 1)}`;
  const meets = r.formats.filter((f) => f.lintWall.min < 60);
  const misses = r.formats.filter((f) => f.lintWall.min >= 60);
  const label: Record<string, string> = {
    sam: 'SAM template (YAML)',
    'sam-json': 'SAM template (JSON)',
    serverless: 'serverless.yml',
    'cdk-ts': 'CDK stack (TypeScript)',
    'cdk-py': 'CDK stack (Python)',
    'cdk-ts-real': 'real CDK stacks (TypeScript)',
    'cdk-py-real': 'real CDK stacks (Python)',
  };
  return [
    '## Templates and CDK stacks (bench/templates.ts)',
    '',
    `Files of about 5,000 lines; minimum / median of ${r.runs} warm runs of the engine bundled as shipped (bench/bundle.ts). CPU time counts every thread of the process`,
    '(the garbage collector\'s and compilers\' helper threads too); wall-clock time is what a user waits. "Syntax" is',
    'what lint reads the file with: the template tree (YAML/JSON), the CDK lexer (TypeScript), the Python reader',
    '(Python: its tree is the stack\'s reading). "Front end" is syntax + resources. Generated files unless marked',
    'real: those are whole CDK stack files of the public-code folder given with `--cdk DIR` (never committed),',
    "concatenated to 5,000 lines, at real code's density of constructs.",
    '',
    '| format | lines | resources | findings | syntax (CPU) | front end (CPU) | first lint (CPU) | first lint (wall) | re-lint after a 1-char edit (CPU) | re-lint (wall) |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...r.formats.map(
      (f) =>
        `| ${label[f.format] ?? f.format} | ${f.lines} | ${f.resources} | ${f.findings} | ${st(f.parse)} | ${st(f.model)} | ${st(f.lint)} | ${st(f.lintWall)} | ${st(f.relint)} | ${st(f.relintWall)} |`,
    ),
    '',
    `Goal (issue 6): a 5,000-line template or stack under 60 ms (first lint, wall clock, minimum). Met by: ${meets.map((f) => label[f.format] ?? f.format).join(', ') || 'none'}; not by: ${misses.map((f) => `${label[f.format] ?? f.format} (${ms(f.lintWall.min, 1)})`).join(', ') || 'none'}.`,
    'The generated CDK stacks are the hard case: one construct every 4 lines, three times as dense as the stacks of',
    'aws-cdk-examples (their medians are in the table). No tree-sitter parse is left in them; what remains is the model',
    'of ~1,200 constructs and the garbage collection of the young generation it causes, about a third of the time',
    '(`node --max-semi-space-size=64` takes ~20 ms off; `npx tsx bench/cdk.ts` splits the stages). Of the 708 CDK',
    'TypeScript files of aws-cdk-examples and serverless-patterns, 2 still make the front end parse the whole file with tree-sitter (~70 ms per 5,000 lines).',
    'Timed through tsx instead of the bundle (`npx tsx bench/templates.ts --source`) the same code is ~10–15 % slower:',
    "tsx compiles with esbuild's `keepNames`, which wraps every function in a naming call.",
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------- latency

const LANG_ID: Record<BenchLanguage, LanguageId> = {
  python: 'python',
  typescript: 'typescript',
  javascript: 'javascript',
  terraform: 'terraform',
  sql: 'sql',
};

/** One-character edit in the middle of the file that keeps it valid: a space before a line break. */
function oneCharEdit(text: string, k: number): string {
  let i = text.indexOf('\n', Math.floor(text.length / 2) + k * 7);
  if (i < 0) i = text.length;
  return text.slice(0, i) + ' ' + text.slice(i);
}

/** Grammar load times, measured before anything else loads a grammar in this process. */
const grammarLoads: string[] = [];

async function measureGrammarLoads(): Promise<void> {
  for (const g of ['python', 'typescript', 'javascript', 'tsx', 'terraform'] as GrammarId[]) {
    const t0 = performance.now();
    await loadGrammar(g);
    grammarLoads.push(`${g} ${ms(performance.now() - t0)}`);
  }
}

async function latencySection(args: Args): Promise<string> {
  const sizes = [200, 1000, 5000];
  const counts: Record<number, number> = args.quick
    ? { 200: 5, 1000: 3, 5000: 2 }
    : { 200: 40, 1000: 15, 5000: 6 };
  const repeats = args.quick ? 1 : 3;
  const lines = [
    '## Per-file engine latency',
    '',
    'In process (`Workspace.lint`, every rule), on generated files. **cold**: the first lint of a file (parse +',
    'rules + workspace indexes); **warm**: the same text linted again (parse cached, rules re-run);',
    '**edit**: a one-character edit, then lint (full re-parse). Nearest-rank percentiles over all samples.',
    '',
  ];
  lines.push(
    `Grammar load, once per process (the first includes the runtime): ${grammarLoads.join(', ')}.`,
    '',
  );
  lines.push(
    '| language | lines | files | cold p50 / p95 / p99 | warm p50 / p95 / p99 | edit p50 / p95 / p99 |',
  );
  lines.push('|---|---|---|---|---|---|');
  const fmt = (xs: number[]) =>
    `${ms(percentile(xs, 50))} / ${ms(percentile(xs, 95))} / ${ms(percentile(xs, 99))}`;
  for (const lang of BENCH_LANGUAGES) {
    for (const size of sizes) {
      const n = counts[size] ?? 1;
      const ws = new Workspace('/bench', allRules);
      const cold: number[] = [];
      const warm: number[] = [];
      const edit: number[] = [];
      for (let i = 0; i < n; i++) {
        const rel = `src/f${i}.${EXTENSION[lang]}`;
        const text = fileOfLines(lang, size, size * 1000 + i);
        let t0 = performance.now();
        await ws.lint(rel, text, { language: LANG_ID[lang] });
        cold.push(performance.now() - t0);
        for (let k = 0; k < repeats; k++) {
          t0 = performance.now();
          await ws.lint(rel, text, { language: LANG_ID[lang] });
          warm.push(performance.now() - t0);
        }
        let cur = text;
        for (let k = 0; k < repeats; k++) {
          cur = oneCharEdit(cur, k);
          t0 = performance.now();
          await ws.lint(rel, cur, { language: LANG_ID[lang] });
          edit.push(performance.now() - t0);
        }
      }
      for (const p of ws.filePaths()) ws.deleteFile(p); // free the trees
      lines.push(`| ${lang} | ${size} | ${n} | ${fmt(cold)} | ${fmt(warm)} | ${fmt(edit)} |`);
      log(`latency ${lang} ${size}: cold p50 ${ms(percentile(cold, 50))}`);
    }
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------- rule cost

async function ruleCostSection(): Promise<string> {
  const dir = path.join(WORK, 'python');
  const files = fs.existsSync(dir) ? listFiles(dir, '.py') : [];
  if (files.length === 0) return '';
  const spent = new Map<string, number>();
  const timed: Rule[] = allRules.map((r) => ({
    meta: r.meta,
    check(ctx) {
      const t0 = performance.now();
      try {
        r.check(ctx);
      } finally {
        spent.set(r.meta.id, (spent.get(r.meta.id) ?? 0) + performance.now() - t0);
      }
    },
  }));
  const ws = new Workspace(dir, timed, defaultConfig());
  for (const f of files) ws.setFile(path.relative(dir, f), fs.readFileSync(f, 'utf8'));
  await ws.prepare();
  let parse = 0;
  const t0 = performance.now();
  for (const rel of ws.filePaths()) {
    const p0 = performance.now();
    void ws.getFile(rel)?.tree;
    parse += performance.now() - p0;
    ws.lintPrepared(rel);
  }
  const total = performance.now() - t0;
  const rows = [...spent].filter(([, v]) => v >= 0.5).sort((a, b) => b[1] - a[1]);
  return [
    '## Where the time goes (Python corpus, in process)',
    '',
    `${files.length} files: ${ms(total)} in all, of which parsing ${ms(parse)}; per rule (including the workspace`,
    'indexes a rule is the first to ask for):',
    '',
    '| rule | time | share |',
    '|---|---|---|',
    ...rows.map(([id, v]) => `| ${id} | ${ms(v)} | ${((100 * v) / total).toFixed(0)}% |`),
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------- sizes, memory

function sizesSection(): string {
  const dist = path.join(REPO, 'dist');
  const lines = ['## Bundle sizes', '', '| file | size | gzip |', '|---|---|---|'];
  if (!fs.existsSync(dist)) return [...lines, '| (no dist/: run `npm run build`) | | |'].join('\n');
  for (const f of fs.readdirSync(dist).sort()) {
    if (!/\.(js|wasm)$/.test(f)) continue;
    const buf = fs.readFileSync(path.join(dist, f));
    lines.push(`| dist/${f} | ${kb(buf.length)} | ${kb(zlib.gzipSync(buf).length)} |`);
  }
  return lines.join('\n');
}

function activateRow(): string {
  const file = path.join(WORK, 'activate.json');
  let value: string | undefined = process.env.PERFGUARD_ACTIVATE_MS;
  if (!value && fs.existsSync(file)) {
    try {
      const j = JSON.parse(fs.readFileSync(file, 'utf8')) as { activationMs?: number };
      if (typeof j.activationMs === 'number') value = j.activationMs.toFixed(1);
    } catch {
      // ignore a broken file
    }
  }
  return value
    ? `| \`activate()\` (VS Code host) | ${value} ms |`
    : '| `activate()` (VS Code host) | n/a: measured inside the VS Code host (`PerfguardApi.activationMs`); write it to bench/.work/activate.json as `{"activationMs": N}` or set PERFGUARD_ACTIVATE_MS |';
}

function memorySection(args: Args): string {
  const n = args.quick ? 300 : 2000;
  const dir = path.join(WORK, `workspace-${n}`);
  const files = mixedWorkspace(n);
  const bytes = writeFiles(dir, files);
  const hook = path.join(WORK, 'rss-hook.js');
  const out = path.join(WORK, 'rss.json');
  fs.writeFileSync(
    hook,
    "process.on('exit', () => require('fs').writeFileSync(process.env.PERFGUARD_RSS_OUT, JSON.stringify({ ...process.memoryUsage(), maxRSS: process.resourceUsage().maxRSS })));\n",
  );
  log(`memory: linting a ${n}-file workspace`);
  const t = timeProcess(process.execPath, ['--require', hook, CLI, 'lint', '.', '--format', 'json'], dir, {
    ...process.env,
    PERFGUARD_RSS_OUT: out,
  });
  const mem = fs.existsSync(out)
    ? (JSON.parse(fs.readFileSync(out, 'utf8')) as {
        rss: number;
        heapUsed: number;
        external: number;
        maxRSS: number;
      })
    : undefined;
  const summary = t.stdout.trim() ? (JSON.parse(t.stdout) as CliJson).summary : undefined;
  return [
    '## Memory and a 2,000-file workspace',
    '',
    `A generated workspace of ${files.length} files (${kb(bytes)}; Python, TypeScript, JavaScript, Terraform, SQL),`,
    'linted by the CLI in one process (every file fed to one Workspace, then linted).',
    '',
    '| measure | value |',
    '|---|---|',
    `| files linted | ${summary?.files ?? 'n/a'} (${summary ? summary.errors + summary.warnings + summary.infos : 'n/a'} findings) |`,
    `| wall time | ${seconds(t.wallMs)} (CPU ${seconds(t.cpuMs)}) |`,
    `| resident memory at exit (rss) | ${mem ? kb(mem.rss) : 'n/a'} |`,
    `| peak resident memory (maxRSS) | ${mem ? kb(mem.maxRSS * 1024) : t.maxRssKb ? kb(t.maxRssKb * 1024) : 'n/a'} |`,
    `| JS heap used at exit | ${mem ? kb(mem.heapUsed) : 'n/a'} |`,
    `| external (wasm) at exit | ${mem ? kb(mem.external) : 'n/a'} |`,
    activateRow(),
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------- corpus

function walkAll(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    let es: fs.Dirent[];
    try {
      es = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of es) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== '.git') walk(p);
      } else out.push(p);
    }
  };
  walk(dir);
  return out;
}

function sourceOf(repoDir: string): string {
  const marker = path.join(repoDir, '.bench-source');
  if (fs.existsSync(marker)) return fs.readFileSync(marker, 'utf8').trim();
  if (fs.existsSync(path.join(repoDir, '.git'))) {
    const r = spawnSync('git', ['-C', repoDir, 'rev-parse', 'HEAD'], { encoding: 'utf8' });
    if (r.status === 0) return `${path.basename(repoDir)}@${r.stdout.trim()}`;
  }
  return `${path.basename(repoDir)} (no commit recorded)`;
}

function corpusSection(args: Args): string {
  const dir = args.corpus as string;
  log(`corpus: linting ${dir}`);
  const { t, json } = runCliJson(dir);
  const analysed = new Map((json.files ?? []).map((f) => [f.path, f]));
  const skipped = new Map(
    json.diagnostics.filter((d) => d.kind === 'skipped').map((d) => [d.file, d.message]),
  );
  const excludes = new ExcludeMatcher(defaultConfig().exclude);
  const byReason = new Map<string, number>();
  const count = (k: string) => byReason.set(k, (byReason.get(k) ?? 0) + 1);
  const all = walkAll(dir);
  for (const abs of all) {
    const rel = path.relative(dir, abs).split(path.sep).join('/');
    if (rel.endsWith('.bench-source')) continue;
    if (analysed.has(rel)) count('analysed');
    else if (skipped.has(rel))
      count(
        `skipped: ${skipped
          .get(rel)
          ?.replace(/\(.*\)/, '')
          .trim()}`,
      );
    else if (!languageOfPath(rel))
      count(`not linted: not a language perfguard handles (${path.extname(rel) || 'no extension'})`);
    else if (excludes.isExcluded(rel))
      count('not linted: default excludes (vendored, build output, tests, layers)');
    else count('not linted: .gitignore or "exclude"');
  }
  // Collapse the long tail of extensions.
  const unhandled = [...byReason].filter(([k]) => k.startsWith('not linted: not a language'));
  const unhandledTotal = unhandled.reduce((s, [, v]) => s + v, 0);
  const topExt = unhandled
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([k, v]) => `${/\(([^)]*)\)/.exec(k)?.[1]} ${v}`)
    .join(', ');
  const rows = [...byReason]
    .filter(([k]) => !k.startsWith('not linted: not a language'))
    .sort((a, b) => b[1] - a[1]);
  const times = (json.files ?? []).map((f) => f.ms);
  const byLang = new Map<string, { n: number; ms: number; bytes: number }>();
  for (const f of json.files ?? []) {
    const x = byLang.get(f.language) ?? { n: 0, ms: 0, bytes: 0 };
    x.n++;
    x.ms += f.ms;
    x.bytes += f.bytes;
    byLang.set(f.language, x);
  }
  const byRule = new Map<string, number>();
  for (const f of json.findings) byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);
  const repos = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => {
      const prefix = `${e.name}/`;
      const files = [...analysed.keys()].filter((p) => p.startsWith(prefix)).length;
      const findings = json.findings.filter((f) => f.file.startsWith(prefix)).length;
      return `| ${sourceOf(path.join(dir, e.name))} | ${files} | ${findings} |`;
    });
  const slowest = [...(json.files ?? [])].sort((a, b) => b.ms - a.ms).slice(0, 5);
  const lines = [
    '## Real public code',
    '',
    `\`perfguard lint . --format json --stats\` in the corpus folder: ${all.length} files on disk, ${analysed.size} analysed,`,
    `${json.findings.length} findings, ${json.diagnostics.filter((d) => d.kind !== 'skipped').length} engine diagnostics; wall ${seconds(t.wallMs)}, CPU ${seconds(t.cpuMs)}, peak RSS ${t.maxRssKb ? kb(t.maxRssKb * 1024) : 'n/a'}.`,
    '',
    '| repository@commit | files analysed | findings |',
    '|---|---|---|',
    ...repos,
    '',
    'Every file accounted for:',
    '',
    '| outcome | files |',
    '|---|---|',
    ...rows.map(([k, v]) => `| ${k} | ${v} |`),
    `| not linted: not a language perfguard handles | ${unhandledTotal} (${topExt}) |`,
    '',
    `Time per analysed file: p50 ${ms(percentile(times, 50))}, p95 ${ms(percentile(times, 95))}, p99 ${ms(percentile(times, 99))}, max ${ms(Math.max(0, ...times))}.`,
    '',
    '| language | files | size | engine time | per file |',
    '|---|---|---|---|---|',
    ...[...byLang]
      .sort((a, b) => b[1].n - a[1].n)
      .map(([l, x]) => `| ${l} | ${x.n} | ${kb(x.bytes)} | ${ms(x.ms)} | ${ms(x.ms / x.n, 2)} |`),
    '',
    `Slowest files: ${slowest.map((f) => `\`${f.path}\` ${ms(f.ms)}`).join(', ')}.`,
    '',
    '| rule | findings |',
    '|---|---|',
    ...[...byRule].sort((a, b) => b[1] - a[1]).map(([id, n]) => `| ${id} | ${n} |`),
  ];
  if (args.fixCheck) lines.push('', fixCheck(dir, CLI, path.join(WORK, 'fixcheck')));
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------- output

/** Replace (or append) the `<!-- bench:name -->` … `<!-- /bench:name -->` sections of RESULTS.md. */
function updateResults(sections: Record<string, string>): void {
  let text = fs.existsSync(RESULTS) ? fs.readFileSync(RESULTS, 'utf8') : '# perfguard bench results\n';
  for (const [name, body] of Object.entries(sections)) {
    const open = `<!-- bench:${name} -->`;
    const close = `<!-- /bench:${name} -->`;
    const block = `${open}\n${body.trim()}\n${close}`;
    const i = text.indexOf(open);
    const j = text.indexOf(close);
    if (i >= 0 && j > i) text = text.slice(0, i) + block + text.slice(j + close.length);
    else text = `${text.trimEnd()}\n\n${block}\n`;
  }
  fs.writeFileSync(RESULTS, text.trimEnd() + '\n');
}

function chartSvg(): string {
  const w = 760;
  const rowH = 56;
  const h = 70 + rowH * chart.length + 40;
  const max = Math.max(25, ...chart.map((c) => c.ratio)) * 1.1;
  const x0 = 150;
  const scale = (v: number) => x0 + ((w - x0 - 40) * v) / max;
  const bars = chart
    .map((c, i) => {
      const y = 60 + i * rowH;
      const goal =
        c.goal !== undefined
          ? `<line x1="${scale(c.goal)}" y1="${y - 6}" x2="${scale(c.goal)}" y2="${y + 36}" stroke="#c0392b" stroke-width="2" stroke-dasharray="5,4"/><text x="${scale(c.goal) + 4}" y="${y - 8}" font-size="12" fill="#c0392b">goal ${c.goal}×</text>`
          : '';
      return `<text x="10" y="${y + 20}" font-size="15" fill="#222">${c.label}</text><text x="10" y="${y + 36}" font-size="11" fill="#666">${c.note}</text><rect x="${x0}" y="${y}" width="${Math.max(2, scale(c.ratio) - x0)}" height="30" fill="#2e86de"/><text x="${scale(c.ratio) + 6}" y="${y + 20}" font-size="14" fill="#222">${c.ratio.toFixed(1)}×</text>${goal}`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="DejaVu Sans, Arial, sans-serif"><rect width="100%" height="100%" fill="#fff"/><text x="10" y="30" font-size="18" font-weight="bold" fill="#111">perfguard speed-up over peer tools (wall clock, same files, one run)</text>${bars}<line x1="${x0}" y1="50" x2="${x0}" y2="${h - 30}" stroke="#999"/></svg>`;
}

/** Ratios of earlier runs (bench/chart.json) for the comparisons this run did not measure. */
function mergeChartData(): void {
  const file = path.join(REPO, 'bench', 'chart.json');
  let old: typeof chart = [];
  try {
    old = JSON.parse(fs.readFileSync(file, 'utf8')) as typeof chart;
  } catch {
    // first run
  }
  for (const o of old) if (!chart.some((c) => c.label === o.label)) chart.push(o);
  chart.sort((a, b) => a.label.localeCompare(b.label));
  fs.writeFileSync(file, JSON.stringify(chart, null, 2) + '\n');
}

function renderChart(): string {
  mergeChartData();
  if (chart.length === 0) return 'no ratios measured';
  const svg = chartSvg();
  const svgPath = path.join(WORK, 'chart.svg');
  fs.writeFileSync(svgPath, svg);
  const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser', which('chromium')].find(
    (p): p is string => !!p && fs.existsSync(p),
  );
  if (!chromium) return 'chart not rendered: no Chromium (the SVG is in bench/.work/chart.svg)';
  const html = path.join(WORK, 'chart.html');
  const m = /height="(\d+)"/.exec(svg);
  fs.writeFileSync(html, `<!doctype html><html><body style="margin:0">${svg}</body></html>`);
  const r = spawnSync(
    chromium,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--hide-scrollbars',
      `--screenshot=${CHART}`,
      `--window-size=760,${m?.[1] ?? 300}`,
      `file://${html}`,
    ],
    { encoding: 'utf8', timeout: 60_000 },
  );
  return r.status === 0 && fs.existsSync(CHART) ? 'ok' : `chart not rendered: ${r.stderr.slice(0, 200)}`;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(CLI))
    throw new Error('dist/cli.js is missing: run `node esbuild.js` (npm run bench does)');
  fs.mkdirSync(WORK, { recursive: true });
  const m = machine(REPO);
  const header = [
    `Last run: ${m.date}, commit \`${m.commit}\`${m.dirty ? ' (with uncommitted changes)' : ''}.`,
    '',
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memory} memory, ${m.os}; Node ${m.node}.`,
    `Shared machine: absolute times drift, so comparisons are measured side by side in one run and given as ratios.`,
    `Reproduce with \`npm run bench\` (inputs generated with fixed seeds into bench/.work/); see bench/run.ts.`,
  ].join('\n');
  const sections: Record<string, string> = { machine: header };
  await measureGrammarLoads();
  const onlyCorpus = args.corpus !== undefined && !args.all;
  if (!onlyCorpus) {
    const want = (name: string) => !args.only || args.only.has(name);
    if (want('pylint')) sections.pylint = pylintSection(args);
    if (want('sqlfluff'))
      sections.sqlfluff = `${sqlSection(args)}\n\n${await sqlCoverageSection(args)}`.trim();
    if (want('iac')) sections.iac = await iacSection(args);
    if (want('templates')) sections.templates = await templatesSection(args);
    if (want('rulecost')) sections.rulecost = await ruleCostSection();
    if (want('latency')) sections.latency = await latencySection(args);
    if (want('memory')) sections.memory = memorySection(args);
    if (want('sizes')) sections.sizes = sizesSection();
    const c = renderChart();
    sections.chart = c === 'ok' ? '![perfguard vs peers](chart.png)' : c;
  }
  if (args.corpus) sections.corpus = corpusSection(args);
  updateResults(sections);
  log(`wrote ${path.relative(REPO, RESULTS)}`);
  for (const [k, v] of Object.entries(sections)) if (k !== 'machine') process.stdout.write(`${v}\n\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`[bench] failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
