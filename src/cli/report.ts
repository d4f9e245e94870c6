/** What one `perfguard lint` run produced, in the shape every formatter reads. */
import type { EngineDiagnostic, Finding, LanguageId, RuleMeta, SeveritySetting } from '../core/model/types';

export interface FileReport {
  /** Path relative to the workspace root, forward slashes (as in the findings). */
  path: string;
  language: LanguageId;
  bytes: number;
  /** Engine time for this file (lint, or fix passes), milliseconds. */
  ms: number;
  /** Findings left in the file (after `--fix`, those it could not fix). */
  findings: Finding[];
  /** Findings whose safe fixes `--fix` applied. */
  fixed: Finding[];
}

export interface RuleReport {
  meta: RuleMeta;
  /** The severity in effect (config over default). */
  setting: SeveritySetting;
}

export interface LintReport {
  /** Absolute workspace root (the current folder). */
  root: string;
  version: string;
  files: FileReport[];
  /** Config problems, skipped files, rule crashes and parse failures. */
  diagnostics: EngineDiagnostic[];
  rules: RuleReport[];
  /** Whether the run had a usage, config or internal failure (exit code 2). */
  failed: boolean;
  /** Set when --max-warnings was exceeded. */
  maxWarnings?: number;
  /** Threads that linted (the main thread included; 1 without worker threads). */
  threads?: number;
}

export interface Counts {
  files: number;
  errors: number;
  warnings: number;
  infos: number;
  /** Findings with a safe fix that `--fix` would apply. */
  fixable: number;
  fixed: number;
  fixedFiles: number;
  skipped: number;
}

export function allFindings(report: LintReport): Finding[] {
  return report.files.flatMap((f) => f.findings);
}

export function countReport(report: LintReport): Counts {
  const c: Counts = {
    files: report.files.length,
    errors: 0,
    warnings: 0,
    infos: 0,
    fixable: 0,
    fixed: 0,
    fixedFiles: 0,
    skipped: report.diagnostics.filter((d) => d.kind === 'skipped').length,
  };
  for (const f of report.files) {
    for (const x of f.findings) {
      if (x.severity === 'error') c.errors++;
      else if (x.severity === 'warning') c.warnings++;
      else c.infos++;
      if (x.fix) c.fixable++;
    }
    c.fixed += f.fixed.length;
    if (f.fixed.length > 0) c.fixedFiles++;
  }
  return c;
}

/** 0: clean; 1: error-level findings or too many warnings; 2: usage, config or internal failure. */
export function exitCodeOf(report: LintReport): 0 | 1 | 2 {
  if (report.failed) return 2;
  const c = countReport(report);
  if (c.errors > 0) return 1;
  if (report.maxWarnings !== undefined && c.warnings > report.maxWarnings) return 1;
  return 0;
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}
