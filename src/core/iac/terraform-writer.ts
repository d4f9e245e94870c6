/**
 * The Terraform writer: values as HCL literals, new attributes in the block's own indentation and `=`
 * alignment (as `terraform fmt` aligns a run of single-line attributes), new nested blocks after the body.
 */
import type { ParsedFile } from '../engine/file';
import { edit } from '../model/text';
import type { TextEdit } from '../model/types';
import type { Attribute, Block, Span } from './model';
import { registerWriter, type IacWriter, type WriteValue } from './writer';

export function hclLiteral(v: WriteValue): string {
  return typeof v === 'string' ? JSON.stringify(v).replace(/\$\{/g, '$${').replace(/%\{/g, '%%{') : String(v);
}

function lineOf(file: ParsedFile, offset: number): number {
  return file.index.positionAt(offset).line;
}

/** The indentation unit of the file (from the first indented line), two spaces by default. */
function indentUnit(file: ParsedFile): string {
  const m = /^\{?[^\n]*\{[ \t]*\r?\n([ \t]+)\S/m.exec(file.text);
  return m?.[1] ?? '  ';
}

/** Members of a block in source order. */
function members(block: Block): { s: number; e: number; attr?: Attribute }[] {
  const out: { s: number; e: number; attr?: Attribute }[] = [];
  for (const a of block.attributes.values())
    out.push({ s: a.span.startOffset, e: a.span.endOffset, attr: a });
  for (const b of block.blocks) out.push({ s: b.span.startOffset, e: b.span.endOffset });
  return out.sort((a, b) => a.s - b.s);
}

interface Insertion {
  offset: number;
  /** Indentation of the block's members. */
  indent: string;
  /** Attributes of the run the new lines join (for alignment), possibly empty. */
  run: Attribute[];
  /** Whether the run aligns `=`. */
  aligned: boolean;
}

function attrLine(file: ParsedFile, a: Attribute): boolean {
  return lineOf(file, a.span.startOffset) === lineOf(file, a.span.endOffset);
}

/** Where new attributes go in a block: after the last attribute that precedes the first nested block. */
function insertionPoint(file: ParsedFile, block: Block, unit: string): Insertion | undefined {
  const body = block.bodySpan;
  if (!body || body.file !== file.relPath) return undefined;
  const idx = file.index;
  const openLine = lineOf(file, body.startOffset);
  const closeLine = lineOf(file, body.endOffset);
  if (openLine === closeLine) return undefined; // a one-line block: handled by the caller
  const ms = members(block);
  const blockIndent = idx.indentOf(lineOf(file, block.span.startOffset));
  const first = ms[0];
  const indent = first ? idx.indentOf(lineOf(file, first.s)) : blockIndent + unit;
  let anchor: Attribute | undefined;
  for (const m of ms) {
    if (!m.attr) break;
    anchor = m.attr;
  }
  if (!anchor) {
    return { offset: idx.lineStarts[openLine + 1] ?? file.text.length, indent, run: [], aligned: true };
  }
  const anchorLine = lineOf(file, anchor.span.endOffset);
  const offset = idx.lineStarts[anchorLine + 1] ?? file.text.length;
  // The run: single-line attributes on consecutive lines ending at the anchor.
  const run: Attribute[] = [];
  if (attrLine(file, anchor)) {
    const byLine = new Map<number, Attribute>();
    for (const a of block.attributes.values())
      if (attrLine(file, a)) byLine.set(lineOf(file, a.span.startOffset), a);
    for (let l = anchorLine; byLine.has(l); l--) run.unshift(byLine.get(l)!);
  }
  const cols = new Set(run.map((a) => eqColumn(file, a)));
  const aligned = run.length < 2 || cols.size === 1;
  return { offset, indent, run, aligned };
}

function eqColumn(file: ParsedFile, a: Attribute): number {
  const text = file.text.slice(a.span.startOffset, a.valueSpan.startOffset);
  return text.indexOf('=');
}

function nameLength(file: ParsedFile, a: Attribute): number {
  const text = file.text.slice(a.span.startOffset, a.valueSpan.startOffset);
  return text.replace(/\s*=\s*$/, '').length;
}

function renderAttributes(
  indent: string,
  values: readonly (readonly [string, WriteValue])[],
  width: number,
  eol: string,
): string {
  return values.map(([n, v]) => `${indent}${n.padEnd(width)} = ${hclLiteral(v)}${eol}`).join('');
}

function renderBlock(
  indent: string,
  unit: string,
  path: readonly string[],
  values: readonly (readonly [string, WriteValue])[],
  eol: string,
): string {
  const [head, ...rest] = path;
  if (head === undefined) {
    const width = Math.max(...values.map(([n]) => n.length));
    return renderAttributes(indent, values, width, eol);
  }
  return `${indent}${head} {${eol}${renderBlock(indent + unit, unit, rest, values, eol)}${indent}}${eol}`;
}

export const terraformWriter: IacWriter = {
  replaceValue(file: ParsedFile, valueSpan: Span, value: WriteValue): TextEdit[] | undefined {
    if (valueSpan.file !== file.relPath) return undefined;
    return [edit(file.index, valueSpan.startOffset, valueSpan.endOffset, hclLiteral(value))];
  },

  setAttributes(file, block, path, values) {
    if (values.length === 0) return undefined;
    const unit = indentUnit(file);
    const eol = file.index.eol;
    // Walk the existing nested blocks of the path.
    let target: Block = block;
    let rest = [...path];
    while (rest.length > 0) {
      const next = target.blocks.find((b) => b.type === rest[0]);
      if (!next) break;
      if (next.dynamic || target.blocks.filter((b) => b.type === rest[0]).length > 1) return undefined;
      target = next;
      rest = rest.slice(1);
    }
    if (target.dynamic) return undefined;
    const edits: TextEdit[] = [];
    let toInsert = values;
    if (rest.length === 0) {
      toInsert = [];
      for (const [n, v] of values) {
        const existing = target.attributes.get(n);
        if (!existing) {
          toInsert = [...toInsert, [n, v]];
          continue;
        }
        if (existing.provenance.kind !== 'literal' || existing.valueSpan.file !== file.relPath)
          return undefined;
        edits.push(
          edit(file.index, existing.valueSpan.startOffset, existing.valueSpan.endOffset, hclLiteral(v)),
        );
      }
      if (toInsert.length === 0) return edits;
    }
    const body = target.bodySpan;
    if (!body || body.file !== file.relPath) return undefined;
    const idx = file.index;
    const blockIndent = idx.indentOf(lineOf(file, target.span.startOffset));
    if (lineOf(file, body.startOffset) === lineOf(file, body.endOffset)) {
      // `{}` or `{ }` on one line: open it up.
      if (file.text.slice(body.startOffset, body.endOffset).trim() !== '') return undefined;
      const inner = blockIndent + unit;
      const text =
        rest.length > 0
          ? renderBlock(inner, unit, rest, toInsert, eol)
          : renderAttributes(inner, toInsert, Math.max(...toInsert.map(([n]) => n.length)), eol);
      edits.push(edit(idx, body.startOffset, body.endOffset, eol + text + blockIndent));
      return edits;
    }
    if (rest.length > 0) {
      // A new nested block at the end of the body, after a blank line when the body has content.
      const closeLine = lineOf(file, body.endOffset);
      const lineStart = idx.lineStarts[closeLine]!;
      if (file.text.slice(lineStart, body.endOffset).trim() !== '') return undefined;
      const inner =
        members(target).length > 0 ? idx.indentOf(lineOf(file, members(target)[0]!.s)) : blockIndent + unit;
      const prevBlank = closeLine > 0 && idx.lineText(closeLine - 1).trim() === '';
      const hasContent = members(target).length > 0;
      const text = (hasContent && !prevBlank ? eol : '') + renderBlock(inner, unit, rest, toInsert, eol);
      edits.push(edit(idx, lineStart, lineStart, text));
      return edits;
    }
    const at = insertionPoint(file, target, unit);
    if (!at) return undefined;
    let width = 0;
    if (at.aligned) {
      width = Math.max(...toInsert.map(([n]) => n.length), ...at.run.map((a) => nameLength(file, a)));
      // Re-align the run when a new name is longer (as terraform fmt would).
      for (const a of at.run) {
        const nl = nameLength(file, a);
        const from = a.span.startOffset + nl;
        const to = a.span.startOffset + eqColumn(file, a);
        const want = ' '.repeat(width - nl + 1);
        if (file.text.slice(from, to) !== want) edits.push(edit(idx, from, to, want));
      }
    }
    const text = at.aligned
      ? renderAttributes(at.indent, toInsert, width, eol)
      : toInsert.map(([n, v]) => `${at.indent}${n} = ${hclLiteral(v)}${eol}`).join('');
    edits.push(edit(idx, at.offset, at.offset, text));
    return edits;
  },
};

registerWriter('terraform', terraformWriter);
