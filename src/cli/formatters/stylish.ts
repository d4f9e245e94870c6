/** The report for people, in the manner of ESLint's `stylish`: findings grouped by file, then a summary. */
import type { Finding, Severity } from '../../core/model/types';
import { countReport, plural, type LintReport } from '../report';

export interface StylishOptions {
  color: boolean;
}

const SGR = {
  reset: '\u001b[0m',
  bold: '\u001b[1m',
  dim: '\u001b[2m',
  underline: '\u001b[4m',
  red: '\u001b[31m',
  green: '\u001b[32m',
  yellow: '\u001b[33m',
  cyan: '\u001b[36m',
} as const;

const LABEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'info' };
const HUE: Record<Severity, keyof typeof SGR> = { error: 'red', warning: 'yellow', info: 'cyan' };

/** Display width of a string: astral characters count once, ANSI codes not at all. */
function width(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Messages are one line; a stray newline from a rule must not break the table. */
function oneLine(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, ' ');
}

export function formatStylish(report: LintReport, opts: StylishOptions): string {
  const paint = (s: string, ...styles: (keyof typeof SGR)[]) =>
    opts.color && styles.length > 0 ? styles.map((k) => SGR[k]).join('') + s + SGR.reset : s;
  const out: string[] = [];

  for (const file of report.files) {
    if (file.findings.length === 0) continue;
    const rows = file.findings.map((f: Finding) => ({
      pos: `${f.range.start.line + 1}:${f.range.start.character + 1}`,
      sev: f.severity,
      msg: oneLine(f.message),
      rule: f.ruleId,
    }));
    const wPos = Math.max(...rows.map((r) => width(r.pos)));
    const wSev = Math.max(...rows.map((r) => width(LABEL[r.sev])));
    const wMsg = Math.max(...rows.map((r) => width(r.msg)));
    out.push('', paint(file.path, 'underline'));
    for (const r of rows) {
      const pos = ' '.repeat(wPos - width(r.pos)) + r.pos;
      const sev = LABEL[r.sev] + ' '.repeat(wSev - width(LABEL[r.sev]));
      const msg = r.msg + ' '.repeat(wMsg - width(r.msg));
      out.push(`  ${paint(pos, 'dim')}  ${paint(sev, HUE[r.sev])}  ${msg}  ${paint(r.rule, 'dim')}`);
    }
  }

  const c = countReport(report);
  const total = c.errors + c.warnings + c.infos;
  out.push('');
  if (c.fixed > 0)
    out.push(
      paint(`✔ Fixed ${plural(c.fixed, 'problem')} in ${plural(c.fixedFiles, 'file')}.`, 'green', 'bold'),
    );
  if (total === 0) {
    out.push(paint(`✔ No problems in ${plural(c.files, 'file')} linted.`, 'green'));
  } else {
    const hue = c.errors > 0 ? 'red' : c.warnings > 0 ? 'yellow' : 'cyan';
    out.push(
      paint(
        `✖ ${plural(total, 'problem')} (${plural(c.errors, 'error')}, ${plural(c.warnings, 'warning')}, ` +
          `${plural(c.infos, 'info', 'infos')}) in ${plural(c.files, 'file')} linted`,
        hue,
        'bold',
      ),
    );
    if (c.fixable > 0)
      out.push(paint(`  ${plural(c.fixable, 'problem')} fixable with the --fix option.`, hue, 'bold'));
  }
  if (report.maxWarnings !== undefined && c.warnings > report.maxWarnings)
    out.push(paint(`✖ Too many warnings (${c.warnings}; maximum: ${report.maxWarnings}).`, 'red', 'bold'));
  return out.join('\n') + '\n';
}
