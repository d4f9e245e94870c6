/**
 * Applying fixes: a fix is all of its edits or none; fixes whose edits overlap a fix already taken wait for the
 * next pass. Results are checked: a pass that leaves more parse errors than before is undone fix by fix.
 */
import type { Finding, Fix, TextEdit } from '../model/types';

/** Apply non-overlapping edits to text (edits may come in any order). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort(
    (a, b) => a.range.startOffset - b.range.startOffset || a.range.endOffset - b.range.endOffset,
  );
  let out = '';
  let last = 0;
  for (const e of sorted) {
    if (e.range.startOffset < last) throw new Error('perfguard: overlapping edits');
    out += text.slice(last, e.range.startOffset) + e.newText;
    last = e.range.endOffset;
  }
  return out + text.slice(last);
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  const [as, ae, bs, be] = [a.range.startOffset, a.range.endOffset, b.range.startOffset, b.range.endOffset];
  if (as === ae && bs === be) return as === bs; // two insertions at one point: order would be ambiguous
  // Intersecting ranges, or an insertion strictly inside the other edit's range.
  return as < be && bs < ae;
}

/** Remove duplicate edits (two findings that both insert the same import, say). */
function sameEdit(a: TextEdit, b: TextEdit): boolean {
  return (
    a.range.startOffset === b.range.startOffset &&
    a.range.endOffset === b.range.endOffset &&
    a.newText === b.newText
  );
}

/**
 * Choose fixes to apply together: in order, each fix whose edits overlap none already taken.
 * A fix whose edits are all identical to edits already taken is merged (counted as applied).
 */
export function selectFixes(fixes: readonly Fix[]): { taken: Fix[]; deferred: Fix[] } {
  const taken: Fix[] = [];
  const deferred: Fix[] = [];
  const edits: TextEdit[] = [];
  for (const fix of fixes) {
    const fresh = fix.edits.filter((e) => !edits.some((t) => sameEdit(t, e)));
    if (fresh.some((e) => edits.some((t) => overlaps(t, e))) || hasInternalOverlap(fresh)) {
      deferred.push(fix);
      continue;
    }
    taken.push(fix);
    edits.push(...fresh);
  }
  return { taken, deferred };
}

function hasInternalOverlap(edits: readonly TextEdit[]): boolean {
  for (let i = 0; i < edits.length; i++)
    for (let j = i + 1; j < edits.length; j++)
      if (overlaps(edits[i] as TextEdit, edits[j] as TextEdit)) return true;
  return false;
}

/** All edits of the given fixes, deduplicated, for `applyEdits`. */
export function editsOf(fixes: readonly Fix[]): TextEdit[] {
  const out: TextEdit[] = [];
  for (const f of fixes) for (const e of f.edits) if (!out.some((o) => sameEdit(o, e))) out.push(e);
  return out;
}

export function safeFixesOf(findings: readonly Finding[], ruleIds?: ReadonlySet<string>): Fix[] {
  const out: Fix[] = [];
  for (const f of findings) if (f.fix && (!ruleIds || ruleIds.has(f.ruleId))) out.push(f.fix);
  return out;
}
