/**
 * "Fixes never break code": apply every safe fix perfguard has to every file of a folder, the way
 * `perfguard lint --fix` does (one workspace fed every file, so the handler mapping, the IaC model and the table
 * catalog see them all), then check each changed file:
 *
 * - it still parses: `python3 -m py_compile` semantics for Python, `node --check` for JavaScript, the tree-sitter
 *   grammar (no new ERROR/MISSING nodes) for TypeScript, TSX, Terraform and as a second opinion for Python and
 *   JavaScript, the `yaml` package for YAML, `JSON.parse` for JSON, the engine's own counter for SQL; a file that
 *   did not parse before is judged by "no more errors than before";
 * - a second run (a fresh workspace over the fixed files) makes no edit;
 * - no fix moved code that depends on a handler's inputs to module level: every line added at module level of
 *   a handler file is checked for uses of the parameters of a per-invocation function (handler or helper it
 *   reaches) or of a local derived from them, and for uses of other locals of those functions that the module
 *   does not define.
 *
 * Nothing is written to the folders checked: fixed texts stay in memory; the parse checks write copies into a
 * temporary folder.
 *
 *   tsx bench/fixcheck.ts DIR… [--json FILE] [--verbose]
 *
 * Exit code 1 when a file is broken, a second run edits, or a fix moved input-dependent code; 2 on usage errors.
 * `runFixCheck(dirs)` is the same check for `bench/run.ts`.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { parseAllDocuments } from 'yaml';
import { discoverFiles } from '../src/cli/discover';
import { loadConfig } from '../src/cli/lint';
import { isUnreadable, readSource } from '../src/cli/read';
import { createWorkspace, Workspace } from '../src/core';
import { CONFIG_FILE_NAME } from '../src/core/config';
import type { Rule } from '../src/core/engine/rule';
import { grammarOf } from '../src/core/engine/file';
import { languageOfPath } from '../src/core/engine/languages';
import {
  codeLanguageOf,
  isFunctionNode,
  parameterNames,
  patternNames,
  type CodeLanguage,
} from '../src/core/handlers/ast';
import { handlerRegions } from '../src/core/handlers';
import type { EngineDiagnostic, LanguageId } from '../src/core/model/types';
import { allRules } from '../src/core/rules';
import type { SyntaxNode } from '../src/core/parse/syntax';
import { namedChildren, parseWith } from '../src/core/parse/treesitter';
import { syntaxErrorCount } from '../src/core/parse/verify';

export interface MovedUse {
  /** 1-based line in the fixed file. */
  line: number;
  name: string;
  /** `input`: a handler parameter or a local derived from one; `local`: a function local the module lacks. */
  kind: 'input' | 'local';
  text: string;
}

export interface FileCheck {
  /** Folder given to the check (absolute). */
  root: string;
  /** Path relative to the folder, forward slashes. */
  path: string;
  language: LanguageId;
  changed: boolean;
  /** Rule ids of the fixes applied (one entry per fix). */
  fixedRules: string[];
  /** Why the fixed file no longer parses, if it does not. */
  broken?: string;
  /** Rule ids whose fixes a second run still applied. */
  secondPass?: string[];
  moves: MovedUse[];
  /** Engine diagnostics (rule errors, skipped fixes) of both runs. */
  diagnostics: EngineDiagnostic[];
  before: string;
  after: string;
}

export interface FixCheckSummary {
  folders: number;
  files: number;
  skipped: number;
  fixed: number;
  fixes: number;
  broken: number;
  nonIdempotent: number;
  inputDependentMoves: number;
  localDependentMoves: number;
  ruleErrors: number;
  /** Fixes applied per rule id. */
  byRule: Record<string, number>;
  ms: number;
}

export interface FixCheckReport {
  files: FileCheck[];
  /** Files that could not be read (binary, too large, unreadable), with the reason. */
  skipped: { root: string; path: string; reason: string }[];
  summary: FixCheckSummary;
}

export interface FixCheckOptions {
  /** Rules to run (default: every rule, through `createWorkspace`). */
  rules?: readonly Rule[];
  /** Called with a line for each folder done. */
  progress?(line: string): void;
}

/** Whether a file check found a problem (a broken file, a second-run edit, an input-dependent move). */
export function hasProblem(f: FileCheck): boolean {
  return f.broken !== undefined || (f.secondPass?.length ?? 0) > 0 || f.moves.length > 0;
}

/** Check every folder; each folder is one workspace (its own `.perfguard.json`, `.gitignore`s and excludes). */
export async function runFixCheck(
  dirs: readonly string[],
  options: FixCheckOptions = {},
): Promise<FixCheckReport> {
  const t0 = performance.now();
  const report: FixCheckReport = { files: [], skipped: [], summary: emptySummary() };
  for (const dir of dirs) {
    const r = await checkFolder(dir, options);
    report.files.push(...r.files);
    report.skipped.push(...r.skipped);
    report.summary.folders++;
    options.progress?.(`${dir}: ${r.files.length} files, ${r.files.filter((f) => f.changed).length} fixed`);
  }
  report.summary = summarize(report.files, report.skipped.length, dirs.length);
  report.summary.ms = performance.now() - t0;
  return report;
}

function emptySummary(): FixCheckSummary {
  return {
    folders: 0,
    files: 0,
    skipped: 0,
    fixed: 0,
    fixes: 0,
    broken: 0,
    nonIdempotent: 0,
    inputDependentMoves: 0,
    localDependentMoves: 0,
    ruleErrors: 0,
    byRule: {},
    ms: 0,
  };
}

export function summarize(files: readonly FileCheck[], skipped: number, folders: number): FixCheckSummary {
  const s = emptySummary();
  s.folders = folders;
  s.files = files.length;
  s.skipped = skipped;
  for (const f of files) {
    if (f.changed) s.fixed++;
    s.fixes += f.fixedRules.length;
    for (const r of f.fixedRules) s.byRule[r] = (s.byRule[r] ?? 0) + 1;
    if (f.broken !== undefined) s.broken++;
    if ((f.secondPass?.length ?? 0) > 0) s.nonIdempotent++;
    if (f.moves.some((m) => m.kind === 'input')) s.inputDependentMoves++;
    if (f.moves.some((m) => m.kind === 'local')) s.localDependentMoves++;
    s.ruleErrors += f.diagnostics.filter((d) => d.kind === 'rule-error').length;
  }
  return s;
}

interface Source {
  rel: string;
  language: LanguageId;
  text: string;
}

/** Fix every file of one folder (in memory) and check the results. */
export async function checkFolder(
  dir: string,
  options: FixCheckOptions = {},
): Promise<{ files: FileCheck[]; skipped: FixCheckReport['skipped'] }> {
  const root = path.resolve(dir);
  const rules = options.rules ?? allRules;
  const { config } = loadConfig(root, undefined, new Set(rules.map((r) => r.meta.id)));
  const newWorkspace = (): Workspace =>
    options.rules ? new Workspace(root, rules, config) : createWorkspace(root, config);
  const ws = newWorkspace();
  const found = discoverFiles(['.'], {
    root,
    isExcluded: (p) => ws.isExcluded(p),
    handles: (p) => languageOfPath(p) !== undefined,
  });
  const skipped: FixCheckReport['skipped'] = found.skipped.map((s) => ({
    root,
    path: s.path,
    reason: s.reason,
  }));
  const sources: Source[] = [];
  const configPath = path.join(root, CONFIG_FILE_NAME);
  for (const f of found.files) {
    if (f.abs === configPath) continue;
    const language = languageOfPath(f.rel);
    if (!language) continue;
    const r = readSource(f.abs);
    if (isUnreadable(r)) {
      skipped.push({ root, path: f.rel, reason: r.skip });
      continue;
    }
    ws.setFile(f.rel, r.text, language);
    sources.push({ rel: f.rel, language, text: r.text });
  }
  await ws.prepare();

  // What each handler file's per-invocation functions read from their inputs, on the original text.
  const scopes = new Map<string, FunctionScopes>();
  for (const s of sources) {
    const lang = codeLanguageOf(s.language);
    if (!lang) continue;
    const file = ws.getFile(s.rel);
    if (!file) continue;
    try {
      const regions = handlerRegions(file, ws);
      if (regions.length > 0)
        scopes.set(
          s.rel,
          scopesOf(
            lang,
            regions.map((r) => r.fn),
          ),
        );
    } catch {
      // A file the handler index cannot read has no handler to protect.
    }
  }

  // First run: fix each file in turn, as `perfguard lint --fix` does.
  const checks: FileCheck[] = [];
  for (const s of sources) {
    const r = await ws.fix(s.rel, s.text, { ignoreExcludes: true, language: s.language });
    checks.push({
      root,
      path: s.rel,
      language: s.language,
      changed: r.text !== s.text,
      fixedRules: r.fixed.map((f) => f.ruleId),
      moves: [],
      diagnostics: r.diagnostics,
      before: s.text,
      after: r.text,
    });
  }

  // Second run: a fresh workspace over the fixed files must make no edit.
  const ws2 = newWorkspace();
  for (const c of checks) ws2.setFile(c.path, c.after, c.language);
  await ws2.prepare();
  for (const c of checks) {
    const r = await ws2.fix(c.path, c.after, { ignoreExcludes: true, language: c.language });
    if (r.text !== c.after) c.secondPass = r.fixed.map((f) => f.ruleId);
    c.diagnostics.push(...r.diagnostics.filter((d) => !c.diagnostics.some((o) => o.message === d.message)));
  }

  const changed = checks.filter((c) => c.changed);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'perfguard-fixcheck-'));
  try {
    for (const [c, why] of parseChecks(changed, tmp)) c.broken = why;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  for (const c of changed) {
    const sc = scopes.get(c.path);
    const lang = codeLanguageOf(c.language);
    if (sc && lang) c.moves = movedUses(lang, c.language, c.before, c.after, sc);
  }
  return { files: checks, skipped };
}

// ---------------------------------------------------------------------------------------------------------------
// Parse checks

/** The changed files that no longer parse, with the reason. */
function parseChecks(changed: readonly FileCheck[], tmp: string): Map<FileCheck, string> {
  const out = new Map<FileCheck, string>();
  const python = changed.filter((c) => c.language === 'python');
  const compiled = pyCompile(
    python.flatMap((c) => [c.before, c.after]),
    tmp,
  );
  python.forEach((c, i) => {
    const before = compiled[2 * i];
    const after = compiled[2 * i + 1];
    if (before === null && after) out.set(c, `python3 -m py_compile: ${after}`);
  });
  changed.forEach((c, i) => {
    if (out.has(c)) return;
    const why = parseProblem(c, path.join(tmp, `js${i}`));
    if (why) out.set(c, why);
  });
  return out;
}

/** `py_compile` each text in one python3 process: null when it compiles, else the error. */
export function pyCompile(texts: readonly string[], tmp: string): (string | null)[] {
  if (texts.length === 0) return [];
  const dir = path.join(tmp, 'py');
  fs.mkdirSync(dir, { recursive: true });
  const files = texts.map((t, i) => {
    const f = path.join(dir, `f${i}.py`);
    fs.writeFileSync(f, t);
    return f;
  });
  const script = [
    'import json, py_compile, sys',
    'out = []',
    'for f in json.load(sys.stdin):',
    '    try:',
    "        py_compile.compile(f, cfile=f + 'c', doraise=True)",
    '        out.append(None)',
    '    except py_compile.PyCompileError as e:',
    "        out.append(str(e.msg).strip().splitlines()[-1] if str(e.msg).strip() else 'error')",
    'json.dump(out, sys.stdout)',
  ].join('\n');
  const r = spawnSync('python3', ['-c', script], { input: JSON.stringify(files), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`python3 failed: ${r.stderr || r.error?.message}`);
  return JSON.parse(r.stdout) as (string | null)[];
}

/** `node --check` a text: null when it passes. A `.js` file that fails as a script is tried as a module. */
export function nodeCheck(text: string, ext: string, dir: string): string | null {
  fs.mkdirSync(dir, { recursive: true });
  const run = (e: string): string | null => {
    const f = path.join(dir, `check${e}`);
    fs.writeFileSync(f, text);
    const r = spawnSync(process.execPath, ['--check', f], { encoding: 'utf8' });
    if (r.status === 0) return null;
    return (r.stderr.split('\n').find((l) => /Error/.test(l)) ?? 'syntax error').trim();
  };
  const first = run(ext);
  if (first === null || ext !== '.js') return first;
  return run('.mjs') === null ? null : first;
}

function parseProblem(c: FileCheck, dir: string): string | undefined {
  const ext = path.extname(c.path).toLowerCase();
  if (c.language === 'javascript' && ['.js', '.cjs', '.mjs'].includes(ext)) {
    const before = nodeCheck(c.before, ext, dir);
    const after = nodeCheck(c.after, ext, dir);
    if (before === null && after !== null) return `node --check: ${after}`;
  }
  if (c.language === 'yaml') {
    const errs = (t: string) => parseAllDocuments(t).reduce((n, d) => n + (d.errors?.length ?? 0), 0);
    const [b, a] = [errs(c.before), errs(c.after)];
    if (a > b) return `yaml: ${a} errors after the fix, ${b} before`;
  }
  if (c.language === 'json') {
    const ok = (t: string) => {
      try {
        JSON.parse(t);
        return true;
      } catch {
        return false;
      }
    };
    if (ok(c.before) && !ok(c.after)) return 'JSON.parse fails after the fix';
  }
  // Tree-sitter (Python, JS, TS, TSX, Terraform) and the engine's registered counters (SQL, YAML, JSON).
  const b = syntaxErrorCount(c.language, c.before);
  const a = syntaxErrorCount(c.language, c.after);
  if (a !== undefined && b !== undefined && a > b) {
    const by = grammarOf(c.language) ? `tree-sitter ${grammarOf(c.language)}` : `${c.language} parser`;
    return `${by}: ${a} syntax errors after the fix, ${b} before`;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Input-dependent moves

/** Names of the per-invocation functions of a handler file. */
export interface FunctionScopes {
  /** Parameters of those functions and the locals derived from them. */
  input: Set<string>;
  /** Every other local they bind. */
  locals: Set<string>;
}

const PY_BINDERS: Record<string, [string, string]> = {
  assignment: ['left', 'right'],
  augmented_assignment: ['left', 'right'],
  for_statement: ['left', 'right'],
  for_in_clause: ['left', 'right'],
  named_expression: ['name', 'value'],
};
const JS_BINDERS: Record<string, [string, string]> = {
  variable_declarator: ['name', 'value'],
  assignment_expression: ['left', 'right'],
  augmented_assignment_expression: ['left', 'right'],
  for_in_statement: ['left', 'right'],
};

function walk(node: SyntaxNode, visit: (n: SyntaxNode) => void): void {
  visit(node);
  for (const c of namedChildren(node)) walk(c, visit);
}

/** Identifiers read in a node (not attribute/property names, not keyword-argument names). */
function usedNames(node: SyntaxNode): string[] {
  const out: string[] = [];
  walk(node, (n) => {
    if (n.type !== 'identifier' && n.type !== 'shorthand_property_identifier') return;
    const p = n.parent;
    if (p?.type === 'attribute' && p.childForFieldName('attribute')?.id === n.id) return;
    if (p?.type === 'keyword_argument' && p.childForFieldName('name')?.id === n.id) return;
    out.push(n.text);
  });
  return out;
}

/** Input-derived and other locals of the given function nodes (fixpoint over assignments). */
export function scopesOf(lang: CodeLanguage, fns: readonly SyntaxNode[]): FunctionScopes {
  const input = new Set<string>();
  const locals = new Set<string>();
  const binders = lang === 'python' ? PY_BINDERS : JS_BINDERS;
  const bindings: { targets: string[]; sources: string[] }[] = [];
  const globals = new Set<string>();
  for (const fn of fns) {
    for (const p of parameterNames(fn)) input.add(p);
    const body = fn.childForFieldName('body');
    if (!body) continue;
    walk(body, (n) => {
      if (n.type === 'global_statement' || n.type === 'nonlocal_statement')
        for (const c of namedChildren(n)) globals.add(c.text);
      if (n.type === 'as_pattern') {
        const alias = n.childForFieldName('alias');
        const value = namedChildren(n)[0];
        if (alias && value) bindings.push({ targets: patternNames(alias), sources: usedNames(value) });
      }
      if (isFunctionNode(lang, n) && n.id !== fn.id) for (const p of parameterNames(n)) locals.add(p);
      const fields = binders[n.type];
      if (!fields) return;
      const target = n.childForFieldName(fields[0]);
      const source = n.childForFieldName(fields[1]);
      if (!target) return;
      // `x.y = …` and `x[k] = …` bind nothing new.
      if (['attribute', 'subscript', 'member_expression', 'subscript_expression'].includes(target.type))
        return;
      bindings.push({ targets: patternNames(target), sources: source ? usedNames(source) : [] });
    });
  }
  for (const b of bindings) for (const t of b.targets) locals.add(t);
  for (let changed = true, round = 0; changed && round < 20; round++) {
    changed = false;
    for (const b of bindings) {
      if (!b.sources.some((s) => input.has(s))) continue;
      for (const t of b.targets)
        if (!input.has(t)) {
          input.add(t);
          changed = true;
        }
    }
  }
  for (const g of globals) {
    input.delete(g);
    locals.delete(g);
  }
  for (const i of input) locals.delete(i);
  return { input, locals };
}

/** 0-based numbers of the lines of `after` that `before` does not have (as a multiset of line texts). */
export function addedLines(before: string, after: string): Set<number> {
  const count = new Map<string, number>();
  for (const l of before.split('\n')) count.set(l, (count.get(l) ?? 0) + 1);
  const out = new Set<number>();
  after.split('\n').forEach((l, i) => {
    const n = count.get(l) ?? 0;
    if (n > 0) count.set(l, n - 1);
    else if (l.trim() !== '') out.add(i);
  });
  return out;
}

const IMPORTS = new Set(['import_statement', 'import_from_statement', 'future_import_statement']);

/** Whether an identifier is a name being bound (assignment target, declaration, import) rather than a use. */
function isBinding(n: SyntaxNode): boolean {
  let child = n;
  for (let p = n.parent; p; child = p, p = p.parent) {
    if (IMPORTS.has(p.type)) return true;
    if (
      (p.type === 'assignment' || p.type === 'augmented_assignment') &&
      p.childForFieldName('left')?.id === child.id
    )
      return true;
    if (p.type === 'variable_declarator' && p.childForFieldName('name')?.id === child.id) return true;
    if (
      ['function_definition', 'class_definition', 'function_declaration', 'class_declaration'].includes(
        p.type,
      ) &&
      p.childForFieldName('name')?.id === child.id
    )
      return true;
    if (/statement$|^expression_statement$|^lexical_declaration$|^variable_declaration$/.test(p.type))
      return false;
  }
  return false;
}

/** Names bound at module level of a parsed module. */
function moduleNames(lang: CodeLanguage, root: SyntaxNode): Set<string> {
  const out = new Set<string>();
  walk(root, (n) => {
    if (n.type !== 'identifier' || !isBinding(n)) return;
    for (let p = n.parent; p; p = p.parent)
      if (isFunctionNode(lang, p) || p.type === 'class_definition') return;
    out.add(n.text);
  });
  // `global x` inside a function binds x at module level.
  walk(root, (n) => {
    if (n.type === 'global_statement') for (const c of namedChildren(n)) out.add(c.text);
  });
  return out;
}

/** Uses, on lines added at module level, of handler inputs (or of function locals the module does not bind). */
export function movedUses(
  lang: CodeLanguage,
  language: LanguageId,
  before: string,
  after: string,
  scopes: FunctionScopes,
): MovedUse[] {
  const added = addedLines(before, after);
  if (added.size === 0) return [];
  const g = grammarOf(language);
  if (!g) return [];
  const tree = parseWith(g, after);
  const lines = after.split('\n');
  const out: MovedUse[] = [];
  try {
    const bound = moduleNames(lang, tree.rootNode);
    walk(tree.rootNode, (n) => {
      if (n.type !== 'identifier' && n.type !== 'shorthand_property_identifier') return;
      const row = n.startPosition.row;
      if (!added.has(row)) return;
      for (let p = n.parent; p; p = p.parent) if (isFunctionNode(lang, p)) return;
      const p = n.parent;
      if (p?.type === 'attribute' && p.childForFieldName('attribute')?.id === n.id) return;
      if (p?.type === 'keyword_argument' && p.childForFieldName('name')?.id === n.id) return;
      if (isBinding(n)) return;
      const kind = scopes.input.has(n.text)
        ? 'input'
        : scopes.locals.has(n.text) && !bound.has(n.text)
          ? 'local'
          : undefined;
      if (kind) out.push({ line: row + 1, name: n.text, kind, text: (lines[row] ?? '').trim() });
    });
  } finally {
    tree.delete();
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Command line

function formatFile(f: FileCheck): string[] {
  const rel = path.join(f.root, f.path);
  const out: string[] = [];
  const rules = [...new Set(f.fixedRules)].map((r) => `${r}×${f.fixedRules.filter((x) => x === r).length}`);
  if (f.broken) out.push(`BROKEN   ${rel}: ${f.broken} (fixes: ${rules.join(', ')})`);
  if (f.secondPass?.length) out.push(`REFIX    ${rel}: a second run applied ${f.secondPass.join(', ')}`);
  for (const m of f.moves)
    out.push(
      `MOVED    ${rel}:${m.line}: ${m.kind === 'input' ? 'uses handler input' : 'uses function local'} \`${m.name}\` at module level: ${m.text}`,
    );
  if (out.length === 0 && f.changed) out.push(`ok       ${rel}: ${rules.join(', ')}`);
  for (const d of f.diagnostics) if (d.kind === 'rule-error') out.push(`  note   ${rel}: ${d.message}`);
  return out;
}

export function formatSummary(s: FixCheckSummary): string {
  const rules = Object.entries(s.byRule)
    .sort((a, b) => b[1] - a[1])
    .map(([r, n]) => `${r} ${n}`)
    .join(', ');
  return [
    `folders ${s.folders}, files ${s.files} (skipped ${s.skipped}), fixed ${s.fixed} (${s.fixes} fixes)`,
    `broken ${s.broken}, non-idempotent ${s.nonIdempotent}, input-dependent moves ${s.inputDependentMoves}, ` +
      `local-dependent moves ${s.localDependentMoves}, rule errors ${s.ruleErrors}`,
    `fixes by rule: ${rules || 'none'}`,
    `time ${(s.ms / 1000).toFixed(1)} s`,
  ].join('\n');
}

/** The summary as a Markdown section (for RESULTS.md). */
export function formatMarkdown(
  report: Pick<FixCheckReport, 'summary'> & { files: readonly Omit<FileCheck, 'before' | 'after'>[] },
): string {
  const s = report.summary;
  const problems = report.files.filter(
    (f) => f.broken !== undefined || (f.secondPass?.length ?? 0) > 0 || f.moves.length > 0,
  );
  return [
    '### Fix check',
    '',
    '| files | fixed | fixes | broken | non-idempotent | input-dependent moves | local-dependent moves | rule errors |',
    '|---|---|---|---|---|---|---|---|',
    `| ${s.files} | ${s.fixed} | ${s.fixes} | ${s.broken} | ${s.nonIdempotent} | ${s.inputDependentMoves} | ${s.localDependentMoves} | ${s.ruleErrors} |`,
    '',
    `Fixes by rule: ${
      Object.entries(s.byRule)
        .sort((a, b) => b[1] - a[1])
        .map(([r, n]) => `\`${r}\` ${n}`)
        .join(', ') || 'none'
    }.`,
    ...problems.map(
      (f) =>
        `- \`${f.path}\`: ${[
          f.broken,
          f.secondPass?.length ? `second run applied ${f.secondPass.join(', ')}` : undefined,
          ...f.moves.map(
            (m) =>
              `line ${m.line} uses ${m.kind === 'input' ? 'handler input' : 'function local'} \`${m.name}\` at module level`,
          ),
        ]
          .filter(Boolean)
          .join('; ')}`,
    ),
  ].join('\n');
}

/**
 * Synchronous wrapper for callers that cannot await (runs this file in a child process through tsx):
 * the Markdown section for one folder. `workDir` receives `fixcheck.json`. `_cli` is unused (kept for callers).
 */
export function fixCheck(dir: string, _cli: string, workDir: string): string {
  fs.mkdirSync(workDir, { recursive: true });
  const json = path.join(workDir, 'fixcheck.json');
  const tsx = path.join(__dirname, '..', 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const r = spawnSync(process.execPath, [tsx, __filename, dir, '--json', json], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (r.status !== 0 && r.status !== 1) return `### Fix check\n\nfixcheck failed: ${(r.stderr || '').trim()}`;
  return formatMarkdown(JSON.parse(fs.readFileSync(json, 'utf8')) as Parameters<typeof formatMarkdown>[0]);
}

async function main(argv: string[]): Promise<number> {
  const dirs: string[] = [];
  let json: string | undefined;
  let verbose = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--json') json = argv[++i];
    else if (a === '--verbose') verbose = true;
    else if (a.startsWith('-')) {
      process.stderr.write(
        `fixcheck: unknown option ${a}\nusage: tsx bench/fixcheck.ts DIR… [--json FILE] [--verbose]\n`,
      );
      return 2;
    } else dirs.push(a);
  }
  if (dirs.length === 0) {
    process.stderr.write('usage: tsx bench/fixcheck.ts DIR… [--json FILE] [--verbose]\n');
    return 2;
  }
  for (const d of dirs)
    if (!fs.existsSync(d) || !fs.statSync(d).isDirectory()) {
      process.stderr.write(`fixcheck: not a folder: ${d}\n`);
      return 2;
    }
  const report = await runFixCheck(dirs, { progress: (l) => process.stderr.write(`${l}\n`) });
  for (const f of report.files) {
    for (const l of formatFile(f)) process.stdout.write(`${l}\n`);
    if (verbose && !f.changed) process.stdout.write(`unchanged ${path.join(f.root, f.path)}\n`);
  }
  if (verbose)
    for (const s of report.skipped)
      process.stdout.write(`skipped  ${path.join(s.root, s.path)}: ${s.reason}\n`);
  process.stdout.write(`${formatSummary(report.summary)}\n`);
  if (json) {
    const slim = report.files.map(({ before: _b, after: _a, ...rest }) => rest);
    fs.writeFileSync(
      json,
      JSON.stringify({ summary: report.summary, files: slim, skipped: report.skipped }, null, 1),
    );
  }
  const s = report.summary;
  return s.broken > 0 || s.nonIdempotent > 0 || s.inputDependentMoves > 0 ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`fixcheck: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exit(2);
    },
  );
}
