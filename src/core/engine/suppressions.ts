/**
 * Suppression comments, in the host language's comment syntax (`#`, `//`, `--`):
 *
 *   perfguard-ignore <rule-id>[, <rule-id>]            at the end of the line it applies to
 *   perfguard-ignore-next-line <rule-id>[, <rule-id>]  on its own line, applies to the next line
 *   perfguard-ignore-file <rule-id>[, <rule-id>]       anywhere in the file, applies to the whole file
 *
 * Without ids a directive applies to every rule. Text after ` -- ` (or `: `) is a free-form reason.
 * A directive counts only inside a comment: for tree-sitter languages the comment node is checked,
 * for the others the comment prefix must open the comment before it on that line, outside quotes.
 */
import type { Finding } from '../model/types';
import { commentPrefixOf, type ParsedFile } from './file';

export type DirectiveKind = 'line' | 'next-line' | 'file';

export interface Directive {
  kind: DirectiveKind;
  /** Rule ids; empty means every rule. */
  ruleIds: string[];
  /** The 0-based line the directive is written on. */
  line: number;
  /** The 0-based line it applies to (line, next line, or -1 for the whole file). */
  appliesTo: number;
}

const MARKER = 'perfguard-ignore';
const DIRECTIVE_RE = /perfguard-ignore(-next-line|-file)?(?![\w-])[ \t]*([^\r\n]*)/y;

function isInComment(file: ParsedFile, offset: number): boolean {
  const root = file.syntax;
  if (root) {
    const node = root.descendantForIndex(offset);
    return !!node && node.type.includes('comment');
  }
  const prefix = commentPrefixOf(file.language);
  if (!prefix) return false;
  const pos = file.index.positionAt(offset);
  const before = file.index.lineText(pos.line).slice(0, pos.character);
  // The first comment prefix on the line outside quotes must come before the marker.
  let quote: string | undefined;
  for (let i = 0; i < before.length; i++) {
    const ch = before[i] as string;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === '"' || ch === "'" || ch === '`') quote = ch;
    else if (before.startsWith(prefix, i)) return true;
  }
  return false;
}

export function parseDirectives(file: ParsedFile): Directive[] {
  const text = file.text;
  const out: Directive[] = [];
  let at = text.indexOf(MARKER);
  while (at !== -1) {
    DIRECTIVE_RE.lastIndex = at;
    const m = DIRECTIVE_RE.exec(text);
    if (m && isInComment(file, at)) {
      const kind: DirectiveKind = m[1] === '-next-line' ? 'next-line' : m[1] === '-file' ? 'file' : 'line';
      let rest = m[2] ?? '';
      // End of a block comment, then a free-form reason.
      rest = rest.replace(/\*\/.*$/, '').replace(/-->.*$/, '');
      rest = rest.split(/\s--\s|:\s/)[0] ?? '';
      const ruleIds = rest
        .split(/[,\s]+/)
        .map((s) => s.trim())
        .filter((s) => /^[a-z0-9]+\/[a-z0-9-]+$/.test(s));
      const line = file.index.positionAt(at).line;
      out.push({
        kind,
        ruleIds,
        line,
        appliesTo: kind === 'file' ? -1 : kind === 'next-line' ? line + 1 : line,
      });
    }
    at = text.indexOf(MARKER, at + MARKER.length);
  }
  return out;
}

/** Remove suppressed findings. A finding is suppressed by a directive on its first line. */
export function applySuppressions(file: ParsedFile, findings: Finding[]): Finding[] {
  if (!file.text.includes(MARKER)) return findings;
  const directives = parseDirectives(file);
  if (directives.length === 0) return findings;
  const matches = (d: Directive, ruleId: string) => d.ruleIds.length === 0 || d.ruleIds.includes(ruleId);
  return findings.filter(
    (f) =>
      !directives.some(
        (d) => matches(d, f.ruleId) && (d.appliesTo === -1 || d.appliesTo === f.range.start.line),
      ),
  );
}
