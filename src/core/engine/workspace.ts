/**
 * The workspace: the files the engine knows (for workspace-wide indexes such as the handler mapping, the IaC
 * model and the table catalog), the configuration, and linting/fixing of one file at a time.
 *
 * Core code does no I/O: the CLI and the extension feed file texts in with `setFile`.
 */
import { defaultConfig, type ResolvedConfig } from '../config';
import type { EngineDiagnostic, Finding, LanguageId, Range, Severity } from '../model/types';
import { loadGrammar, loadedGrammarCount } from '../parse/treesitter';
import { syntaxErrorCount } from '../parse/verify';
import type { Targets } from '../targets';
import { ExcludeMatcher } from './excludes';
import { grammarOf, ParsedFile } from './file';
import { applyEdits, editsOf, safeFixesOf, selectFixes } from './fix';
import { languageOfPath } from './languages';
import type { ReportDescriptor, Rule, RuleContext } from './rule';
import { applySuppressions } from './suppressions';

/** What rules may read of the workspace. */
export interface WorkspaceContext {
  /** Absolute path of the workspace root (for display only; core does no I/O). */
  readonly root: string;
  readonly config: ResolvedConfig;
  readonly targets: Targets;
  /** Workspace-relative paths of every known file, optionally of some languages. */
  filePaths(languages?: readonly LanguageId[]): string[];
  /** A known file, parsed on demand and cached until its text changes. */
  getFile(relPath: string): ParsedFile | undefined;
  /**
   * A workspace-wide index, computed once and recomputed only after a file of one of `languages` changed
   * (or the config changed). Per-file work inside `compute` should be cached with `ParsedFile.view`.
   */
  derive<T>(key: string, languages: readonly LanguageId[], compute: () => T, options?: DeriveOptions): T;
}

export interface DeriveOptions {
  /**
   * Whether a file's content can matter to this index (a cheap text test, e.g. "mentions aws-cdk"). An edit
   * recomputes the index only when the file was or becomes relevant; adding or removing a file of one of the
   * languages always does. Without it every change in those languages does.
   */
  relevant?: (relPath: string, text: string, language: LanguageId) => boolean;
}

export interface LintResult {
  findings: Finding[];
  diagnostics: EngineDiagnostic[];
}

export interface FixResult {
  text: string;
  /** Findings whose fixes were applied, over all passes. */
  fixed: Finding[];
  /** Findings left in the final text. */
  remaining: Finding[];
  diagnostics: EngineDiagnostic[];
  passes: number;
}

export interface LintOptions {
  /** Lint even when the path matches an exclude (the editor lints a file the user opened explicitly only if not excluded). */
  ignoreExcludes?: boolean;
  /** Only these rules. */
  ruleIds?: ReadonlySet<string>;
  /** Language to use instead of the one from the file name (editor language id). */
  language?: LanguageId;
}

/** Files larger than this (in UTF-16 code units, about bytes for source code) are not linted. */
export const MAX_LINT_SIZE = 2 * 1024 * 1024;

interface Entry {
  text: string;
  language: LanguageId;
  parsed?: ParsedFile;
}

export class Workspace implements WorkspaceContext {
  private readonly files = new Map<string, Entry>();
  private readonly versions = new Map<LanguageId | 'config', number>();
  private readonly derived = new Map<string, { stamp: string; value: unknown }>();
  /** Indexes with a relevance test, and their own change counters. */
  private readonly filtered = new Map<
    string,
    {
      languages: readonly LanguageId[];
      /** The list last asked with (callers that pass one constant list skip comparing it element by element). */
      asked: readonly LanguageId[];
      relevant: NonNullable<DeriveOptions['relevant']>;
      version: number;
    }
  >();
  private excludes: ExcludeMatcher;
  private cfg: ResolvedConfig;
  /** Logged engine problems (rule crashes and the like), newest last, bounded. */
  readonly log: EngineDiagnostic[] = [];

  constructor(
    readonly root: string,
    private rules: readonly Rule[],
    config: ResolvedConfig = defaultConfig(),
  ) {
    this.cfg = config;
    this.excludes = new ExcludeMatcher(config.exclude);
  }

  get config(): ResolvedConfig {
    return this.cfg;
  }

  get targets(): Targets {
    return this.cfg.targets;
  }

  setConfig(config: ResolvedConfig): void {
    this.cfg = config;
    this.excludes = new ExcludeMatcher(config.exclude);
    this.bump('config');
  }

  get ruleList(): readonly Rule[] {
    return this.rules;
  }

  isExcluded(relPath: string): boolean {
    return this.excludes.isExcluded(relPath);
  }

  /** Add or update a file. Returns false when the path is not a language perfguard handles. */
  setFile(relPath: string, text: string, language?: LanguageId): boolean {
    const lang = language ?? languageOfPath(relPath);
    if (!lang) return false;
    const old = this.files.get(relPath);
    if (old && old.text === text && old.language === lang) return true;
    const entry: Entry = { text, language: lang };
    if (old?.parsed) {
      // Keep the old tree for an incremental parse of the new text.
      entry.parsed = new ParsedFile(relPath, relPath, text, lang);
      entry.parsed.adoptPrevious(old.parsed);
      old.parsed.dispose();
    }
    this.files.set(relPath, entry);
    this.bump(lang);
    if (old && old.language !== lang) this.bump(old.language);
    for (const f of this.filtered.values()) {
      const was = old && f.languages.includes(old.language);
      const is = f.languages.includes(lang);
      if (!was && !is) continue;
      // Added or removed from the index's languages, or relevant before or after the edit.
      if (
        !was ||
        !is ||
        safeRelevant(f.relevant, relPath, old.text, old.language) ||
        safeRelevant(f.relevant, relPath, text, lang)
      )
        f.version++;
    }
    return true;
  }

  deleteFile(relPath: string): void {
    const old = this.files.get(relPath);
    if (!old) return;
    old.parsed?.dispose();
    this.files.delete(relPath);
    this.bump(old.language);
    for (const f of this.filtered.values()) if (f.languages.includes(old.language)) f.version++;
  }

  hasFile(relPath: string): boolean {
    return this.files.has(relPath);
  }

  filePaths(languages?: readonly LanguageId[]): string[] {
    const out: string[] = [];
    for (const [p, e] of this.files) if (!languages || languages.includes(e.language)) out.push(p);
    return out.sort();
  }

  getFile(relPath: string): ParsedFile | undefined {
    const e = this.files.get(relPath);
    if (!e) return undefined;
    if (!e.parsed) e.parsed = new ParsedFile(relPath, relPath, e.text, e.language);
    return e.parsed;
  }

  /**
   * Free a file's parse tree and cached views, keeping its text (the next `getFile` parses again). For batch
   * linting (the CLI): wasm memory stays bounded by the files in use, not the whole workspace. Derived indexes
   * hold plain data, so they stay valid.
   */
  releaseParsed(relPath: string): void {
    const e = this.files.get(relPath);
    if (!e?.parsed) return;
    e.parsed.dispose();
    e.parsed = undefined;
  }

  derive<T>(key: string, languages: readonly LanguageId[], compute: () => T, options: DeriveOptions = {}): T {
    let stamp: string;
    if (options.relevant) {
      let f = this.filtered.get(key);
      if (!f || (f.asked !== languages && f.languages.join() !== languages.join())) {
        // First use (or new languages): start counting changes from here; nothing cached yet is trusted.
        this.derived.delete(key);
        f = { languages: [...languages], asked: languages, relevant: options.relevant, version: 0 };
        this.filtered.set(key, f);
      }
      f.asked = languages;
      f.relevant = options.relevant;
      stamp = `${this.versions.get('config') ?? 0}.f${f.version}`;
    } else {
      stamp = ['config', ...languages].map((l) => this.versions.get(l as LanguageId) ?? 0).join('.');
    }
    // An index built before a grammar was loaded saw those files as unparseable: rebuild once it is there.
    stamp += `.g${loadedGrammarCount()}`;
    const hit = this.derived.get(key);
    if (hit && hit.stamp === stamp) return hit.value as T;
    const value = compute();
    this.derived.set(key, { stamp, value });
    return value;
  }

  private bump(k: LanguageId | 'config'): void {
    this.versions.set(k, (this.versions.get(k) ?? 0) + 1);
  }

  /** Load every grammar the known files and the given language need (parsing is synchronous afterwards). */
  async prepare(extra?: LanguageId): Promise<void> {
    const langs = new Set<LanguageId>();
    for (const e of this.files.values()) langs.add(e.language);
    if (extra) langs.add(extra);
    // CDK in TypeScript/Python and SAM handlers reach into other languages; load what is present.
    await Promise.all(
      [...langs]
        .map(grammarOf)
        .filter((g, i, a): g is NonNullable<typeof g> => !!g && a.indexOf(g) === i)
        .map((g) => loadGrammar(g)),
    );
  }

  /**
   * Lint one file. `relPath` is workspace-relative (forward slashes); `text` is its current content, which
   * also updates the workspace's copy. Rules that crash become engine diagnostics.
   */
  async lint(relPath: string, text: string, options: LintOptions = {}): Promise<LintResult> {
    const language = options.language ?? languageOfPath(relPath);
    if (!language) return { findings: [], diagnostics: [] };
    if (!options.ignoreExcludes && this.isExcluded(relPath)) return { findings: [], diagnostics: [] };
    if (text.length > MAX_LINT_SIZE || text.includes('\u0000')) {
      const why =
        text.length > MAX_LINT_SIZE
          ? `it is over ${MAX_LINT_SIZE / 1024 / 1024} MB`
          : 'it looks binary (NUL bytes)';
      return {
        findings: [],
        diagnostics: [{ file: relPath, kind: 'skipped', message: `not linted: ${why}` }],
      };
    }
    this.setFile(relPath, text, language);
    await this.prepare(language);
    return this.lintPrepared(relPath, options);
  }

  /** Lint a file already set and prepared (synchronous). */
  lintPrepared(relPath: string, options: LintOptions = {}): LintResult {
    const file = this.getFile(relPath);
    if (!file) return { findings: [], diagnostics: [] };
    const diagnostics: EngineDiagnostic[] = [];
    let findings: Finding[] = [];
    try {
      // The tree-sitter tree is parsed on first use, not here: the Terraform, template and CDK front ends read
      // well-formed files with their own readers and ask for the tree only when those decline. A grammar that
      // did not load is reported here, once per file, rather than as a failure of every rule.
      file.checkGrammar();
    } catch (e) {
      diagnostics.push({
        file: relPath,
        kind: 'parse-error',
        message: `could not parse: ${errorMessage(e)}`,
      });
      this.record(diagnostics);
      return { findings, diagnostics };
    }
    for (const rule of this.rules) {
      if (!rule.meta.languages.includes(file.language)) continue;
      if (options.ruleIds && !options.ruleIds.has(rule.meta.id)) continue;
      const setting = this.cfg.rules[rule.meta.id] ?? rule.meta.defaultSeverity;
      if (setting === 'off') continue;
      try {
        findings.push(...runRule(rule, file, this, setting, rule.meta.id in this.cfg.rules));
      } catch (e) {
        diagnostics.push({
          file: relPath,
          kind: 'rule-error',
          ruleId: rule.meta.id,
          message: `rule ${rule.meta.id} failed: ${errorMessage(e)}`,
        });
      }
    }
    for (const n of file.notes) diagnostics.push({ file: relPath, kind: n.kind, message: n.message });
    findings = applySuppressions(file, findings);
    findings.sort((a, b) => a.range.startOffset - b.range.startOffset || a.ruleId.localeCompare(b.ruleId));
    this.record(diagnostics);
    return { findings, diagnostics };
  }

  private record(d: EngineDiagnostic[]): void {
    if (d.length === 0) return;
    this.log.push(...d);
    if (this.log.length > 500) this.log.splice(0, this.log.length - 500);
  }

  /**
   * Apply safe fixes until none is left (at most `maxPasses`), keeping only fixes that leave no new syntax
   * errors. Updates the workspace's copy of the file. `ruleIds` restricts to some rules ("fix all X").
   */
  async fix(
    relPath: string,
    text: string,
    options: LintOptions & { maxPasses?: number } = {},
  ): Promise<FixResult> {
    const maxPasses = options.maxPasses ?? 10;
    const language = options.language ?? languageOfPath(relPath);
    const fixed: Finding[] = [];
    const diagnostics: EngineDiagnostic[] = [];
    let current = text;
    let passes = 0;
    let result = await this.lint(relPath, current, options);
    diagnostics.push(...result.diagnostics);
    if (!language) return { text, fixed, remaining: result.findings, diagnostics, passes };
    const baseErrors = syntaxErrorCount(language, current) ?? 0;
    while (passes < maxPasses) {
      const candidates = result.findings.filter(
        (f) => f.fix && (!options.ruleIds || options.ruleIds.has(f.ruleId)),
      );
      if (candidates.length === 0) break;
      const { taken } = selectFixes(safeFixesOf(candidates));
      let next = applyEdits(current, editsOf(taken));
      let applied = candidates.filter((f) => f.fix && taken.includes(f.fix));
      if ((syntaxErrorCount(language, next) ?? 0) > baseErrors) {
        // Keep fixes one by one, each only if it leaves no new error.
        next = current;
        applied = [];
        for (const f of candidates) {
          if (!f.fix || !taken.includes(f.fix)) continue;
          let trial: string;
          try {
            trial = applyEdits(next, f.fix.edits);
          } catch {
            continue;
          }
          if ((syntaxErrorCount(language, trial) ?? 0) > baseErrors) {
            diagnostics.push({
              file: relPath,
              kind: 'rule-error',
              ruleId: f.ruleId,
              message: `fix "${f.fix.title}" of ${f.ruleId} would break the file; skipped`,
            });
            continue;
          }
          // Later fixes were computed against `current`; re-lint before applying more.
          next = trial;
          applied.push(f);
          break;
        }
      }
      if (applied.length === 0 || next === current) break;
      fixed.push(...applied);
      current = next;
      passes++;
      result = await this.lint(relPath, current, { ...options, ignoreExcludes: true });
      diagnostics.push(...result.diagnostics);
    }
    // Each pass's lint repeats the diagnostics of the one before: keep one of each.
    const unique = uniqueDiagnostics(diagnostics);
    this.record(unique);
    return { text: current, fixed, remaining: result.findings, diagnostics: unique, passes };
  }
}

function uniqueDiagnostics(ds: readonly EngineDiagnostic[]): EngineDiagnostic[] {
  const seen = new Set<string>();
  return ds.filter((d) => {
    const k = `${d.kind}\u0000${d.ruleId ?? ''}\u0000${d.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function runRule(
  rule: Rule,
  file: ParsedFile,
  ws: Workspace,
  severity: Severity,
  configured: boolean,
): Finding[] {
  const out: Finding[] = [];
  const ctx: RuleContext = {
    file,
    workspace: ws,
    targets: ws.targets,
    options: ws.config.ruleOptions[rule.meta.id] ?? {},
    severity,
    report(d: ReportDescriptor) {
      const range: Range | undefined =
        d.range ??
        (d.startOffset !== undefined ? file.range(d.startOffset, d.endOffset ?? d.startOffset) : undefined);
      if (!range) throw new Error('report() needs a range or offsets');
      // A severity the user configured wins over the rule's per-finding choice (e.g. info on an error-only path).
      const f: Finding = {
        ruleId: rule.meta.id,
        severity: configured ? severity : (d.severity ?? severity),
        message: d.message,
        file: file.path,
        range,
      };
      if (d.fix) f.fix = d.fix;
      if (d.suggestions && d.suggestions.length > 0) f.suggestions = d.suggestions;
      out.push(f);
    },
  };
  rule.check(ctx);
  return out;
}

function safeRelevant(
  relevant: NonNullable<DeriveOptions['relevant']>,
  relPath: string,
  text: string,
  language: LanguageId,
): boolean {
  try {
    return relevant(relPath, text, language);
  } catch {
    return true;
  }
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
