import type { Position, Range, TextEdit } from './types';

/** Maps offsets to line/character and back for one immutable text. Lines split on \n (\r\n keeps \r in the line). */
export class LineIndex {
  /** Offset of the first character of each line. */
  readonly lineStarts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    let i = text.indexOf('\n');
    while (i !== -1) {
      starts.push(i + 1);
      i = text.indexOf('\n', i + 1);
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] as number) <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - (this.lineStarts[lo] as number) };
  }

  offsetAt(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[pos.line] as number;
    const next =
      pos.line + 1 < this.lineStarts.length
        ? (this.lineStarts[pos.line + 1] as number)
        : this.text.length + 1;
    return Math.min(start + Math.max(0, pos.character), next - 1);
  }

  rangeOf(startOffset: number, endOffset: number): Range {
    return { start: this.positionAt(startOffset), end: this.positionAt(endOffset), startOffset, endOffset };
  }

  /** Text of a 0-based line without its line break. */
  lineText(line: number): string {
    const start = this.lineStarts[line];
    if (start === undefined) return '';
    const next = this.lineStarts[line + 1];
    const end = next === undefined ? this.text.length : next - 1;
    const s = this.text.slice(start, end);
    return s.endsWith('\r') ? s.slice(0, -1) : s;
  }

  /** Leading whitespace of a line. */
  indentOf(line: number): string {
    const m = /^[ \t]*/.exec(this.lineText(line));
    return m ? m[0] : '';
  }

  private eolCache: string | undefined;

  /** The end-of-line sequence the file mostly uses (computed once: the text never changes). */
  get eol(): string {
    return (this.eolCache ??= this.text.includes('\r\n') ? '\r\n' : '\n');
  }
}

export function edit(index: LineIndex, startOffset: number, endOffset: number, newText: string): TextEdit {
  return { range: index.rangeOf(startOffset, endOffset), newText };
}

export function insertAt(index: LineIndex, offset: number, newText: string): TextEdit {
  return edit(index, offset, offset, newText);
}
