/**
 * The machine-readable report: the findings exactly as the engine reports them (0-based positions and UTF-16
 * offsets, fixes and suggestions as text edits), the engine diagnostics (config errors, skipped files, rule
 * failures), a summary, and with `--stats` every linted file with its size and time.
 */
import { allFindings, countReport, type LintReport } from '../report';

export interface JsonOptions {
  stats: boolean;
}

export function formatJson(report: LintReport, opts: JsonOptions): string {
  const c = countReport(report);
  const out: Record<string, unknown> = {
    version: report.version,
    root: report.root,
    findings: allFindings(report),
    diagnostics: report.diagnostics,
    summary: {
      files: c.files,
      errors: c.errors,
      warnings: c.warnings,
      infos: c.infos,
      fixable: c.fixable,
      fixed: c.fixed,
      skipped: c.skipped,
    },
  };
  if (opts.stats && report.threads !== undefined) out.threads = report.threads;
  if (opts.stats)
    out.files = report.files.map((f) => ({
      path: f.path,
      language: f.language,
      bytes: f.bytes,
      ms: Math.round(f.ms * 1000) / 1000,
      findings: f.findings.length,
      fixed: f.fixed.length,
    }));
  return JSON.stringify(out, null, 2) + '\n';
}
