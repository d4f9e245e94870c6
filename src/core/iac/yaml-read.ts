/**
 * A fast reader for the YAML that CloudFormation, SAM and serverless.yml templates are written in.
 *
 * It builds the very same `TNode` tree that `parseDocument` (the `yaml` package, YAML 1.2 core schema) followed by
 * `fromYaml` gives, offsets included, in one pass over the text without a token stream or CST: a 5,000-line
 * SAM template (134 KB) takes about 4 ms where `parseDocument` takes 150–180. Whatever it is not sure to read
 * exactly like the package (anchors, aliases, `?` keys, several documents, directives, tabs in indentation,
 * `!!` tags, a lone `\r`, nesting beyond 100 levels, any syntax error, …) makes it give up: `readYaml` then
 * returns `undefined` and the caller parses with the package as before. The unit tests compare both paths on
 * every YAML file of the repository, the templates written in the tests, generated templates (also with
 * Windows line breaks) and mutations of a table of every construct; 507 of the 516 template.yaml and
 * serverless.yml files of aws-samples/serverless-patterns are read, with no difference (6 of the other 9 have
 * YAML errors).
 *
 * Node spans follow the package's ranges: a node starts at its first character (its tag, for tagged nodes) and
 * ends at its "value end": the closing quote or bracket, the last character of a plain scalar, the end of a block
 * scalar's last kept line, and for a block collection the "node end" of its last value, which takes in the
 * trailing comment and line break of a scalar and, depending on indentation, comment lines after it (see
 * `afterValue` and `closeCollection`).
 */
import type { TEntry, TNode } from './template-tree';

/** Thrown (one shared instance) to give the text back to the `yaml` package. */
class Decline extends Error {}
const DECLINE = new Decline('yaml-read: not a supported template');

/** A plain scalar's value under the YAML 1.2 core schema, as the `yaml` package resolves it. */
export function coreScalar(src: string): unknown {
  switch (src) {
    case '':
    case '~':
    case 'null':
    case 'Null':
    case 'NULL':
      return null;
    case 'true':
    case 'True':
    case 'TRUE':
      return true;
    case 'false':
    case 'False':
    case 'FALSE':
      return false;
  }
  // Only a digit, a sign or a dot can start a number (`.inf`, `-.5`, `0x1F`): most scalars stop here.
  const c = src.charCodeAt(0);
  if (!(c === 46 || c === 43 || c === 45 || (c >= 48 && c <= 57))) return src;
  if (/^0o[0-7]+$/.test(src)) return parseInt(src.substring(2), 8);
  if (/^[-+]?[0-9]+$/.test(src)) return parseInt(src, 10);
  if (/^0x[0-9a-fA-F]+$/.test(src)) return parseInt(src.substring(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(src))
    return src.slice(-3).toLowerCase() === 'nan' ? NaN : src[0] === '-' ? -Infinity : Infinity;
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(src)) return parseFloat(src);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(src)) return parseFloat(src);
  return src;
}

/** Where the tag written before a node's value starts (`!Ref Memory`: the `!`), or the value's start. */
export function tagStart(text: string, s: number): number {
  let i = s;
  while (i > 0 && /\s/.test(text[i - 1]!)) i--;
  const end = i;
  while (i > 0 && !/[\s,[{:]/.test(text[i - 1]!)) i--;
  return text[i] === '!' && i < end ? i : s;
}

/**
 * Nesting beyond this is left to the package (`fromYaml` cuts trees at depth 200; the recursion here must not
 * approach the stack's limit either).
 */
const MAX_NESTING = 100;

const SP = 32;
const NL = 10;
const HASH = 35;
const COLON = 58;

/** Characters that end a plain scalar in a flow collection, or make `:` a separator there. */
function isFlowIndicator(c: number): boolean {
  return c === 44 || c === 91 || c === 93 || c === 123 || c === 125; // , [ ] { }
}

/** Space, line break or end of text (`NaN`). */
function isBlank(c: number): boolean {
  return c === SP || c === NL || Number.isNaN(c);
}

/** A scalar or collection as read: the tree node, and the package's "node end" (after trailing trivia). */
interface Read {
  node: TNode;
  end: number;
}

/** An implicit key: its text (as the package's `String(key.value)`), span, and the position after `:`. */
interface Key {
  key: string;
  ks: number;
  ke: number;
  after: number;
}

/** Comment lines and blank lines between a value and the next content (the package's start-only item). */
interface Trivia {
  /** Columns of the `#` of each comment line, in order. */
  readonly cols: readonly number[];
  /** Line end (after the line break) of each comment line. */
  readonly ends: readonly number[];
}

/** No comment lines (shared, never modified). */
const NO_TRIVIA: Trivia = Object.freeze({ cols: [], ends: [] });

/**
 * Undo the line folding of a plain or single-quoted scalar's source (a port of the package's `unfoldLines`):
 * a single line break becomes a space, N breaks become N - 1 newlines, spaces around breaks go.
 */
function unfoldLines(source: string): string {
  if (source.indexOf('\n') < 0) return source;
  const lines = source.split('\n');
  let res = lines[0]!.replace(/[ \t]+$/, '');
  let sep = ' ';
  for (let i = 1; i < lines.length - 1; i++) {
    const lm = lines[i]!.replace(/^[ \t]+|[ \t]+$/g, '');
    if (lm === '') {
      if (sep === '\n') res += sep;
      else sep = '\n';
    } else {
      res += sep + lm;
      sep = ' ';
    }
  }
  return res + sep + lines[lines.length - 1]!.replace(/^[ \t]+/, '');
}

const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  '\t': '\t',
};

/** A double-quoted scalar's value from its source with the quotes (a port of the package's rules). */
function doubleQuoted(source: string): string {
  let res = '';
  for (let i = 1; i < source.length - 1; ++i) {
    const ch = source[i]!;
    if (ch === '\n') {
      // A line break folds to a space; N breaks to N - 1 newlines; the next line's indentation goes.
      let fold = '';
      let next = source[i + 1];
      while (next === ' ' || next === '\t' || next === '\n') {
        if (next === '\n') fold += '\n';
        i++;
        next = source[i + 1];
      }
      res += fold || ' ';
    } else if (ch === '\\') {
      const next = source[++i]!;
      const cc = ESCAPES[next];
      if (cc) res += cc;
      else if (next === '\n') {
        // An escaped line break joins the lines; the next line's indentation still goes.
        while (source[i + 1] === ' ' || source[i + 1] === '\t') i++;
      } else if (next === 'x' || next === 'u' || next === 'U') {
        const length = next === 'x' ? 2 : next === 'u' ? 4 : 8;
        const hex = source.substr(i + 1, length);
        if (hex.length !== length || !/^[0-9a-fA-F]+$/.test(hex)) throw DECLINE;
        const code = parseInt(hex, 16);
        if (code > 0x10ffff) throw DECLINE;
        res += String.fromCodePoint(code);
        i += length;
      } else throw DECLINE;
    } else if (ch === ' ' || ch === '\t') {
      // Spaces before a line break are not part of the value.
      const wsStart = i;
      let next = source[i + 1];
      while (next === ' ' || next === '\t') next = source[++i + 1];
      if (next !== '\n') res += source.slice(wsStart, i + 1);
    } else res += ch;
  }
  return res;
}

/**
 * A scalar node. Built field by field: a conditional spread (`...(tag ? { tag } : {})`) made V8 take the slow
 * object-clone path, a third of the reader's time on a large template.
 */
function scalarNode(s: number, e: number, tag: string | undefined, value: unknown): TNode {
  const n: TNode = { k: 'scalar', s, e, value };
  if (tag !== undefined) n.tag = tag;
  return n;
}

/** The reader: recursive descent over the text, one method per construct. */
class Reader {
  private readonly t: string;
  private readonly n: number;
  /** Current position. */
  private p = 0;
  /** After `nextContent`: the column of the content at `p` (-1 at the end of the document). */
  private ind = -1;
  /** After `nextContent`: comment lines skipped on the way. */
  private triv: Trivia = NO_TRIVIA;
  /** After `nextContent`: where the skipped trivia ends (the content, or the end of the text). */
  private trivEnd = 0;
  /** Block collections open around the current position. */
  private depth = 0;
  /** The position and result of the last `key` read. */
  private keyAt = -1;
  private lastKey: Key | undefined;
  /** Where the document's content ends (before a `...` line, or the text's end). */
  private docEnd: number;

  constructor(
    text: string,
    private readonly onAbsent: (n: TNode) => void,
  ) {
    this.t = text;
    this.n = text.length;
    this.docEnd = text.length;
  }

  private c(i: number): number {
    return this.t.charCodeAt(i);
  }

  // ---- Lines and trivia ------------------------------------------------------------------------------------

  /** Skip spaces on the current line; a tab there is not something this reader vouches for. */
  private spaces(i: number): number {
    let c = this.c(i);
    while (c === SP) c = this.c(++i);
    if (c === 9 || c === 13) throw DECLINE;
    return i;
  }

  /** Skip to the end of the line (at the `\n`, or the text's end). */
  private toEol(i: number): number {
    const j = this.t.indexOf('\n', i);
    return j < 0 ? this.n : j;
  }

  /** After a node on a line: spaces and an optional comment must end the line. Returns the position after. */
  private lineEnd(i: number): number {
    const j = this.spaces(i);
    const c = this.c(j);
    if (c === HASH) {
      // `#` right after a token is not a comment: the package reports it, this reader declines.
      if (j > 0 && this.c(j - 1) !== SP && this.c(j - 1) !== NL) throw DECLINE;
      const e = this.toEol(j);
      return e < this.n ? e + 1 : e;
    }
    if (c === NL) return j + 1;
    if (j >= this.n) return j;
    throw DECLINE;
  }

  /**
   * From a line start, skip blank and comment lines to the next content: sets `p` (the content, or the end),
   * `ind` (its column, -1 at the end of the document), `triv` and `trivEnd`.
   */
  private nextContent(from: number): void {
    // Most values have no comment lines after them: share one empty trivia then.
    let cols: number[] | undefined;
    let ends: number[] | undefined;
    let i = from;
    for (;;) {
      if (i >= this.docEnd) {
        this.p = this.docEnd;
        this.ind = -1;
        break;
      }
      const j = this.spaces(i);
      const c = this.c(j);
      if (c === NL) {
        i = j + 1;
        continue;
      }
      if (j >= this.n) {
        i = j;
        continue;
      }
      if (c === HASH) {
        const e = this.toEol(j);
        (cols ??= []).push(j - i);
        (ends ??= []).push(e < this.n ? e + 1 : e);
        i = e < this.n ? e + 1 : e;
        continue;
      }
      if (j === i && this.isDocMarker(j)) throw DECLINE;
      this.p = j;
      this.ind = j - i;
      break;
    }
    this.triv = cols && ends ? { cols, ends } : NO_TRIVIA;
    this.trivEnd = this.p;
  }

  /** `---` or `...` at a line start. */
  private isDocMarker(i: number): boolean {
    const c = this.c(i);
    if (c !== 45 && c !== 46) return false;
    return this.c(i + 1) === c && this.c(i + 2) === c && isBlank(this.c(i + 3));
  }

  // ---- Document --------------------------------------------------------------------------------------------

  /** The document's root: a block or flow map, or undefined when the document is something else. */
  read(): TNode | undefined {
    let i = 0;
    if (this.c(0) === 0xfeff) throw DECLINE;
    // Leading comments and blank lines, then an optional `---`.
    for (;;) {
      const j = this.spaces(i);
      const c = this.c(j);
      if (j >= this.n) return undefined;
      if (c === NL) i = j + 1;
      else if (c === HASH) i = this.lineEnd(j);
      else if (c === 37)
        throw DECLINE; // a `%` directive
      else if (j === i && this.isDocMarker(j) && c === 45) {
        i = this.lineEnd(j + 3);
        break;
      } else break;
    }
    this.endOfDocument(i);
    this.nextContent(i);
    if (this.ind !== 0) throw DECLINE;
    let root: Read;
    const c = this.c(this.p);
    if (c === 123) {
      root = this.flow(0, 0);
      const after = this.lineEnd(root.end);
      this.nextContent(after);
    } else if (this.keyAhead(this.p)) root = this.blockMap(0);
    else throw DECLINE;
    if (this.p < this.docEnd) throw DECLINE;
    return root.node;
  }

  /**
   * Find where the document ends: a `...` line ends it (only comments may follow); a second `---` is a second
   * document, which this reader leaves to the package.
   */
  private endOfDocument(from: number): void {
    let i = from;
    while (i < this.n) {
      const c = this.c(i);
      if ((c === 45 || c === 46) && this.isDocMarker(i)) {
        if (c === 45) throw DECLINE;
        this.docEnd = i;
        // Only blank and comment lines after `...`.
        let j = this.lineEnd(i + 3);
        while (j < this.n) {
          const k = this.spaces(j);
          if (this.c(k) === HASH) j = this.lineEnd(k);
          else if (this.c(k) === NL) j = k + 1;
          else if (k >= this.n) j = k;
          else throw DECLINE;
        }
        return;
      }
      const e = this.t.indexOf('\n', i);
      if (e < 0) break;
      i = e + 1;
    }
  }

  // ---- Block collections -----------------------------------------------------------------------------------

  /**
   * A block map whose first key is at `p`, at column `col`. Ends when the content dedents; `p`, `ind` and `triv`
   * then describe what follows.
   */
  private blockMap(col: number): Read {
    this.enter();
    const s = this.p;
    const entries: TEntry[] = [];
    let last = s;
    for (;;) {
      const k = this.key(this.p);
      if (!k) throw DECLINE;
      const v = this.mapValue(k.after, col);
      entries.push({ key: k.key, ks: k.ks, ke: k.ke, value: v.node });
      last = v.end;
      if (this.p >= this.docEnd || this.ind < col) break;
      if (this.ind > col) throw DECLINE;
    }
    this.depth--;
    return { node: { s, e: last, k: 'map', entries }, end: this.closeCollection(col, last) };
  }

  /** A block sequence whose first `-` is at `p`, at column `col`. */
  private blockSeq(col: number): Read {
    this.enter();
    const s = this.p;
    const items: TNode[] = [];
    let last = s;
    for (;;) {
      const v = this.seqItem(this.p + 1, col);
      items.push(v.node);
      last = v.end;
      // A sequence at its parent key's column ends at the next key.
      if (this.p >= this.docEnd || this.ind < col || (this.ind === col && !this.atDash())) break;
      if (this.ind > col) throw DECLINE;
    }
    this.depth--;
    return { node: { s, e: last, k: 'seq', items }, end: this.closeCollection(col, last) };
  }

  /** One more level of nested block collections. */
  private enter(): void {
    if (++this.depth > MAX_NESTING) throw DECLINE;
  }

  /**
   * A block collection at column `col` ends: the comment lines after its last value stay in it (its node end
   * moves to the next content) when one of them is at least as indented as the collection; otherwise they go
   * to the parent, which decides the same way when it ends.
   */
  private closeCollection(col: number, last: number): number {
    if (col > 0 && this.triv.cols.some((c) => c >= col)) {
      this.triv = NO_TRIVIA;
      return this.trivEnd;
    }
    return last;
  }

  /**
   * After a scalar or flow collection ended its line (at `from`) inside a block collection at column `col`:
   * comment lines more indented than the collection, right after it, belong to the value's node end.
   */
  private afterValue(from: number, col: number): number {
    this.nextContent(from);
    let end = from;
    const { cols, ends } = this.triv;
    let k = 0;
    while (k < cols.length && cols[k]! > col) end = ends[k++]!;
    if (k > 0) this.triv = { cols: cols.slice(k), ends: ends.slice(k) };
    return end;
  }

  /** The value after `key:` (at `i`, right after the colon) in a block map at column `col`. */
  private mapValue(i: number, col: number): Read {
    return this.blockValue(i, col, col + 1, true);
  }

  /** A sequence item after its `-` (at `i`) in a block sequence at column `col`. */
  private seqItem(i: number, col: number): Read {
    const j = this.spaces(i);
    // A compact map (`- key: value`) starts on the dash's line.
    if (this.c(j) !== NL && this.c(j) !== HASH && j < this.n && j > i && this.keyAhead(j)) {
      this.p = j;
      return this.blockMap(j - this.lineStart(j));
    }
    // A compact nested sequence (`- - x`, as in `!Join` lists) starts on the dash's line too.
    if (this.c(j) === 45 && isBlank(this.c(j + 1)) && j > i) {
      this.p = j;
      return this.blockSeq(j - this.lineStart(j));
    }
    return this.blockValue(i, col, col + 1, false);
  }

  /** Whether the content at `p` is a sequence item's `-`. */
  private atDash(): boolean {
    return this.c(this.p) === 45 && isBlank(this.c(this.p + 1));
  }

  private lineStart(i: number): number {
    return this.t.lastIndexOf('\n', i - 1) + 1;
  }

  /**
   * A block value starting at `i` (after `key:` or `-`): on the same line, or on the next lines when more
   * indented than `col` (for a map's value also a sequence at `col`), or empty. `min` is the least column
   * continuation lines of a multi-line scalar or flow collection need.
   */
  private blockValue(i: number, col: number, min: number, inMap: boolean): Read {
    let j = this.spaces(i);
    if (j === i && j < this.n && this.c(j) !== NL) throw DECLINE; // `key:x` or `-x` is not this
    let tag: string | undefined;
    if (this.c(j) === 33) {
      const t = this.tag(j);
      tag = t.tag;
      j = this.spaces(t.end);
      if (j === t.end && j < this.n && this.c(j) !== NL) throw DECLINE;
    }
    const c = this.c(j);
    // The value is on this line.
    if (j < this.n && c !== NL && c !== HASH) return this.inlineNode(j, min, col, tag);
    // Nothing more on this line: the value is on the next lines, or empty.
    const emptyAt = j;
    const commentHere = c === HASH;
    const after = this.lineEnd(j);
    this.nextContent(after);
    if (this.p < this.docEnd && this.ind > col) {
      const p = this.p;
      const pc = this.c(p);
      let v: Read;
      if (pc === 45 && isBlank(this.c(p + 1))) v = this.blockSeq(this.ind);
      else if (this.keyAhead(p)) v = this.blockMap(this.ind);
      else if (pc === 33 && !tag) return this.taggedBelow(p, min, col);
      else {
        if (pc === 33) throw DECLINE;
        return this.inlineNode(p, min, col, tag);
      }
      return tag ? this.tagged(v, tag) : v;
    }
    if (inMap && this.p < this.docEnd && this.ind === col && this.atDash()) {
      const v = this.blockSeq(col);
      return tag ? this.tagged(v, tag) : v;
    }
    // Empty: the package places the empty scalar after the indicator (or tag) and the spaces after it. The
    // trivia after it is part of its separator: when the collection ends here and that holds a comment, the
    // package's node end runs to the next content.
    const ends = this.p >= this.docEnd || this.ind < col;
    const end = ends && (commentHere || this.triv.cols.length > 0) ? this.trivEnd : emptyAt;
    this.triv = NO_TRIVIA;
    const node: TNode = tag
      ? { s: tagStart(this.t, emptyAt), e: emptyAt, tag, k: 'scalar', value: '' }
      : { s: emptyAt, e: emptyAt, k: 'scalar', value: null };
    return { node, end };
  }

  /**
   * `Name:` then, on the next line, a tag (`!Sub`) and its value: on the tag's line, or a block collection on
   * the lines below, more indented than the key.
   */
  private taggedBelow(p: number, min: number, col: number): Read {
    const t = this.tag(p);
    const q = this.spaces(t.end);
    const qc = this.c(q);
    if (qc === HASH || (q === t.end && q < this.n && qc !== NL)) throw DECLINE;
    if (q < this.n && qc !== NL) return this.inlineNode(q, min, col, t.tag);
    this.nextContent(this.lineEnd(q));
    if (this.p >= this.docEnd || this.ind <= col) throw DECLINE;
    let v: Read;
    if (this.atDash()) v = this.blockSeq(this.ind);
    else if (this.keyAhead(this.p)) v = this.blockMap(this.ind);
    else throw DECLINE;
    return this.tagged(v, t.tag);
  }

  /** Put a tag on a node read after it (its span then starts at the tag). */
  private tagged(v: Read, tag: string): Read {
    const n = v.node;
    n.tag = tag;
    n.s = tagStart(this.t, n.s);
    return v;
  }

  /**
   * A scalar, block scalar or flow collection at `j` inside a block collection at column `col`, up to the end
   * of its (last) line and the trivia after it.
   */
  private inlineNode(j: number, min: number, col: number, tag: string | undefined): Read {
    const c = this.c(j);
    if (c === 124 || c === 62) {
      const v = this.blockScalar(j, col, tag);
      this.nextContent(v.end);
      return v;
    }
    let v: Read;
    if (c === 91 || c === 123) v = this.flow(j, min);
    else if (c === 34 || c === 39) v = this.quoted(j, min, tag);
    else v = this.plain(j, min, false, tag);
    // Nothing but a comment may follow on the line: `: ` here would make it a key (not supported here).
    const after = this.lineEnd(v.end);
    const end = this.afterValue(after, col);
    if (tag && (c === 91 || c === 123)) {
      v.node.tag = tag;
      v.node.s = tagStart(this.t, v.node.s);
    }
    return { node: v.node, end };
  }

  // ---- Keys ------------------------------------------------------------------------------------------------

  /** Whether an implicit key (`name:` followed by a space or the line end) starts at `i`. */
  private keyAhead(i: number): boolean {
    try {
      return this.key(i) !== undefined;
    } catch (e) {
      if (e === DECLINE) return false;
      throw e;
    }
  }

  /** An implicit key on one line at `i`: its text, span, and the position after its `:` (the last one read
   * is kept: `keyAhead` and the map reading it next ask for the same key). */
  private key(i: number): Key | undefined {
    if (i !== this.keyAt) {
      this.keyAt = -1;
      this.lastKey = this.readKey(i);
      this.keyAt = i;
    }
    return this.lastKey;
  }

  private readKey(i: number): Key | undefined {
    const c = this.c(i);
    let ke: number;
    let key: string;
    if (c === 34 || c === 39) {
      const q = this.quotedSpan(i);
      if (q.multiline) return undefined;
      ke = q.end;
      key = c === 34 ? doubleQuoted(this.t.slice(i, ke)) : this.t.slice(i + 1, ke - 1).replace(/''/g, "'");
    } else {
      if (!this.plainStart(i, false)) return undefined;
      // A plain key runs to `: `, `:` at the line end, ` #` or the line end.
      let k = i;
      ke = i;
      for (;;) {
        const ch = this.c(k);
        if (ch === NL || k >= this.n) break;
        if (ch === COLON && isBlank(this.c(k + 1))) break;
        if (ch === HASH && this.c(k - 1) === SP) break;
        if (ch === 9 || ch === 13) throw DECLINE;
        if (ch !== SP) ke = k + 1;
        k++;
      }
      key = this.t.slice(i, ke);
      if (key === '<<') throw DECLINE;
      const v = coreScalar(key);
      key = String(v);
    }
    const j = this.spaces(ke);
    if (this.c(j) !== COLON || !isBlank(this.c(j + 1))) return undefined;
    return { key, ks: i, ke, after: j + 1 };
  }

  // ---- Scalars ---------------------------------------------------------------------------------------------

  /** Whether a plain scalar may start at `i` (no indicator character). */
  private plainStart(i: number, inFlow: boolean): boolean {
    const c = this.c(i);
    if (Number.isNaN(c) || c === SP || c === NL) return false;
    if (c === 45 || c === 63 || c === COLON) {
      const d = this.c(i + 1);
      return !isBlank(d) && !(inFlow && isFlowIndicator(d));
    }
    // , [ ] { } # & * ! | > ' " % @ `
    return !'[]{},#&*!|>\'"%@`\t\r'.includes(this.t[i]!);
  }

  /**
   * A plain scalar at `i`. In block context it may continue on following lines at least `min` columns in;
   * in a flow collection this reader keeps it on one line.
   */
  private plain(i: number, min: number, inFlow: boolean, tag: string | undefined): Read {
    if (!this.plainStart(i, inFlow)) throw DECLINE;
    let k = i;
    let end = i;
    let multiline = false;
    for (;;) {
      const ch = this.c(k);
      if (k >= this.n) break;
      if (ch === COLON) {
        const d = this.c(k + 1);
        if (isBlank(d) || (inFlow && isFlowIndicator(d))) break;
        end = ++k;
        continue;
      }
      if (ch === SP) {
        if (this.c(k + 1) === HASH) break;
        k++;
        continue;
      }
      if (ch === 9 || ch === 13) throw DECLINE;
      if (ch === NL) {
        if (inFlow) break;
        const cont = this.continuation(k + 1, min);
        if (cont < 0) break;
        multiline = true;
        k = cont;
        continue;
      }
      if (inFlow && isFlowIndicator(ch)) break;
      end = ++k;
    }
    const src = this.t.slice(i, end);
    const s = tag ? tagStart(this.t, i) : i;
    const value = tag ? (multiline ? unfoldLines(src) : src) : coreScalar(multiline ? unfoldLines(src) : src);
    return { node: scalarNode(s, end, tag, value), end };
  }

  /**
   * Whether the line at `i` continues a multi-line plain scalar: blank lines do; a content line does when it
   * is at least `min` columns in and not a comment. Returns the position of its content (or the blank line's
   * end), or -1. Lines that would start a new construct are declined rather than folded in.
   */
  private continuation(i: number, min: number): number {
    if (min <= 0) throw DECLINE;
    const j = this.spaces(i);
    const c = this.c(j);
    if (c === NL) return j;
    if (j >= this.n) return -1;
    if (j - i < min || c === HASH) return -1;
    if (!this.plainStart(j, false) || c === 45 || c === 63 || c === COLON) throw DECLINE;
    // A `key: value` line after a plain scalar is an error the package reports; so is a line ending in `:`.
    const e = this.toEol(j);
    const line = this.t.slice(j, e);
    if (/:( |$)/.test(line) || line.includes('\t')) throw DECLINE;
    return j;
  }

  /** A quoted scalar's source end (after the closing quote) and whether it spans lines. */
  private quotedSpan(i: number): { end: number; multiline: boolean } {
    const q = this.c(i);
    let k = i + 1;
    let multiline = false;
    for (;;) {
      if (k >= this.n) throw DECLINE;
      const ch = this.c(k);
      if (ch === q) {
        if (q === 39 && this.c(k + 1) === 39) {
          k += 2;
          continue;
        }
        return { end: k + 1, multiline };
      }
      if (ch === 92 && q === 34) {
        // An escaped line break still starts a new line.
        if (this.c(k + 1) === NL) multiline = true;
        k += 2;
        continue;
      }
      if (ch === NL) multiline = true;
      if (ch === 13) throw DECLINE;
      k++;
    }
  }

  /** A single- or double-quoted scalar at `i`; continuation lines need at least `min` columns. */
  private quoted(i: number, min: number, tag: string | undefined): Read {
    const q = this.c(i);
    const { end, multiline } = this.quotedSpan(i);
    const src = this.t.slice(i, end);
    if (multiline) {
      if (src.includes('\t')) throw DECLINE;
      // Every continuation line must be indented enough (blank lines aside), and not look like a marker.
      let k = this.t.indexOf('\n', i);
      while (k >= 0 && k < end) {
        const j = this.spaces(k + 1);
        if (this.c(j) !== NL && j < end && j - (k + 1) < min) throw DECLINE;
        if (j === k + 1 && this.isDocMarker(j)) throw DECLINE;
        k = this.t.indexOf('\n', k + 1);
      }
    }
    const value = q === 34 ? doubleQuoted(src) : unfoldLines(src.slice(1, -1)).replace(/''/g, "'");
    const s = tag ? tagStart(this.t, i) : i;
    return { node: scalarNode(s, end, tag, value), end };
  }

  /** A tag (`!Ref`, `!GetAtt`, …) at `i`: only local tags with plain name characters. */
  private tag(i: number): { tag: string; end: number } {
    let k = i + 1;
    for (;;) {
      const ch = this.c(k);
      const ok =
        (ch >= 48 && ch <= 57) ||
        (ch >= 65 && ch <= 90) ||
        (ch >= 97 && ch <= 122) ||
        ch === 45 ||
        ch === 95 ||
        ch === 46 ||
        ch === COLON;
      if (!ok) break;
      k++;
    }
    if (k === i + 1 || !isBlank(this.c(k))) throw DECLINE;
    return { tag: this.t.slice(i, k), end: k };
  }

  /**
   * A block scalar (`|`, `>`, with chomping and indentation indicators) at `j`, the value of a node in a block
   * collection at column `col`. Which lines belong to it follows the package's lexer.
   */
  private blockScalar(j: number, col: number, tag: string | undefined): Read {
    const mode = this.t[j]!;
    let k = j + 1;
    let chomp = '';
    let explicit = 0;
    for (;;) {
      const ch = this.t[k];
      if ((ch === '-' || ch === '+') && !chomp) chomp = ch;
      else if (ch !== undefined && ch >= '1' && ch <= '9' && !explicit) explicit = Number(ch);
      else break;
      k++;
    }
    const h = this.spaces(k);
    if (h === k && h < this.n && this.c(h) !== NL) throw DECLINE;
    let bodyStart = this.lineEnd(h);
    if (bodyStart >= this.n && this.c(bodyStart - 1) !== NL) bodyStart = this.n;
    // The lines: the first content line fixes the indentation (or the indicator does).
    const min = col + 1;
    let nl = bodyStart - 1;
    let indent = 0;
    let i = bodyStart;
    for (; i < this.n; i++) {
      const ch = this.c(i);
      if (ch === SP) indent++;
      else if (ch === NL) {
        nl = i;
        indent = 0;
      } else break;
    }
    if (i < this.n && (this.c(i) === 9 || this.c(i) === 13)) throw DECLINE;
    let need = min;
    if (indent >= min) {
      need = explicit ? col + explicit : indent;
      // Continue while lines are blank or indented at least `need`.
      for (;;) {
        const cs = this.blockLine(nl + 1, need);
        if (cs < 0) break;
        const e = this.t.indexOf('\n', cs);
        if (e < 0) {
          nl = this.n;
          break;
        }
        nl = e;
      }
    }
    // Trailing blank lines: kept with `+`, else only those more indented than the content.
    let i2 = nl + 1;
    while (this.c(i2) === SP) i2++;
    if (this.c(i2) === 9) throw DECLINE;
    if (chomp !== '+') {
      for (;;) {
        let q = nl - 1;
        const lastChar = q;
        while (this.c(q) === SP) q--;
        if (this.c(q) === NL && q >= bodyStart && q + 1 + indent > lastChar) nl = q;
        else break;
      }
    }
    const end = Math.min(nl + 1, this.n);
    const body = this.t.slice(bodyStart, end);
    if (body.includes('\t') || body.includes('\r')) throw DECLINE;
    const value = blockScalarValue(body, mode, chomp, explicit, col);
    const s = tag ? tagStart(this.t, j) : j;
    return { node: scalarNode(s, end, tag, value), end };
  }

  /** The lexer's `continueScalar` for block scalars: a blank line or one indented at least `need`. */
  private blockLine(i: number, need: number): number {
    let k = i;
    while (this.c(k) === SP) k++;
    const ch = this.c(k);
    if (ch === NL || k - i >= need) return k;
    return -1;
  }

  // ---- Flow collections ------------------------------------------------------------------------------------

  /** Skip spaces, line breaks and comments inside a flow collection; new lines need `min` columns. */
  private flowSpace(i: number, min: number, depth: number): number {
    let k = i;
    for (;;) {
      const c = this.c(k);
      if (c === SP) k++;
      else if (c === NL) {
        const ls = k + 1;
        k = this.spaces(ls);
        const d = this.c(k);
        if (d === NL || d === HASH || k >= this.n) continue;
        if (k === ls && this.isDocMarker(k)) throw DECLINE;
        const col = k - ls;
        if (col < min && !(col === min - 1 && depth === 1 && (d === 93 || d === 125))) throw DECLINE;
      } else if (c === HASH) {
        if (k > 0 && this.c(k - 1) !== SP && this.c(k - 1) !== NL) throw DECLINE;
        k = this.toEol(k);
      } else if (c === 9 || c === 13) throw DECLINE;
      else return k;
    }
  }

  /** A flow map or sequence at `i` (`{` or `[`); lines inside need `min` columns. */
  private flow(i: number, min: number, depth = 1): Read {
    if (this.depth + depth > MAX_NESTING) throw DECLINE;
    const isMap = this.c(i) === 123;
    const close = isMap ? 125 : 93;
    const entries: TEntry[] = [];
    const items: TNode[] = [];
    let k = this.flowSpace(i + 1, min, depth);
    for (;;) {
      if (this.c(k) === close) break;
      if (isMap) k = this.flowEntry(k, min, depth, entries);
      else {
        const v = this.flowNode(k, min, depth);
        items.push(v.node);
        k = this.flowSpace(v.end, min, depth);
        if (this.c(k) === COLON) throw DECLINE; // a single-pair map in a sequence
      }
      const c = this.c(k);
      if (c === 44) {
        k = this.flowSpace(k + 1, min, depth);
        if (this.c(k) === 44) throw DECLINE;
      } else if (c !== close) throw DECLINE;
    }
    const e = k + 1;
    const node: TNode = isMap
      ? { s: i, e, k: 'map', entries, flow: true }
      : { s: i, e, k: 'seq', items, flow: true };
    return { node, end: e };
  }

  /** One `key: value` (or lone `key`) of a flow map at `k`; returns the position after it. */
  private flowEntry(k: number, min: number, depth: number, entries: TEntry[]): number {
    const c = this.c(k);
    let key: Read;
    if (c === 34 || c === 39) {
      const q = this.quotedSpan(k);
      if (q.multiline) throw DECLINE;
      key = this.quoted(k, min, undefined);
    } else {
      if (c === 91 || c === 123 || c === 33 || c === 63 || c === 44) throw DECLINE;
      key = this.plain(k, min, true, undefined);
      if (key.node.value === null && key.node.e === k) throw DECLINE;
      if (this.t.slice(k, key.node.e) === '<<') throw DECLINE;
    }
    const ks = key.node.s;
    const ke = key.node.e;
    const name = String(key.node.value);
    let j = this.spaces(ke);
    if (this.c(j) === NL || this.c(j) === HASH) throw DECLINE; // a key and its `:` on different lines
    if (this.c(j) !== COLON) {
      // `{ a, b: 1 }`: a key without a value.
      const value: TNode = { s: ke, e: ke, k: 'scalar', value: null };
      this.onAbsent(value);
      entries.push({ key: name, ks, ke, value });
      return j;
    }
    const quotedKey = c === 34 || c === 39;
    const d = this.c(j + 1);
    if (!quotedKey && !(isBlank(d) || isFlowIndicator(d))) throw DECLINE;
    j++;
    const emptyAt = this.spaces(j);
    const v0 = this.flowSpace(j, min, depth);
    const vc = this.c(v0);
    if (vc === 44 || vc === 125) {
      entries.push({ key: name, ks, ke, value: { s: emptyAt, e: emptyAt, k: 'scalar', value: null } });
      return v0;
    }
    const v = this.flowNode(v0, min, depth);
    entries.push({ key: name, ks, ke, value: v.node });
    return this.flowSpace(v.end, min, depth);
  }

  /** A value inside a flow collection: scalar, nested collection, each possibly tagged. */
  private flowNode(k: number, min: number, depth: number): Read {
    let tag: string | undefined;
    let j = k;
    if (this.c(j) === 33) {
      const t = this.tag(j);
      tag = t.tag;
      j = this.flowSpace(t.end, min, depth);
    }
    const c = this.c(j);
    if (c === 91 || c === 123) {
      const v = this.flow(j, min, depth + 1);
      if (tag) {
        v.node.tag = tag;
        v.node.s = tagStart(this.t, v.node.s);
      }
      return v;
    }
    if (c === 34 || c === 39) return this.quoted(j, min, tag);
    if (c === 44 || c === 93 || c === 125) {
      if (!tag) throw DECLINE;
      // A tag with nothing after it: an empty string.
      const at = this.spaces(this.tag(k).end);
      return { node: { s: tagStart(this.t, at), e: at, tag, k: 'scalar', value: '' }, end: at };
    }
    if (c === 38 || c === 42 || c === 124 || c === 62) throw DECLINE;
    return this.plain(j, min, true, tag);
  }
}

/** A block scalar's body as `[indent, content]` lines (the package's `splitLines`). */
function splitLines(source: string): [string, string][] {
  const split = source.split(/\n( *)/);
  const first = split[0]!;
  const m = /^( *)/.exec(first)![1]!;
  const lines: [string, string][] = [m ? [m, first.slice(m.length)] : ['', first]];
  for (let i = 1; i < split.length; i += 2) lines.push([split[i]!, split[i + 1]!]);
  return lines;
}

/**
 * A block scalar's value from its body (a port of the package's `resolveBlockScalar`): `digit` is the
 * indentation indicator (0 when none), `col` the column of the collection holding the scalar.
 */
function blockScalarValue(body: string, mode: string, chomp: string, digit: number, col: number): string {
  const lines = body ? splitLines(body) : [];
  // Where content ends and chomping starts.
  let chompStart = lines.length;
  for (let i = lines.length - 1; i >= 0; --i) {
    if (lines[i]![1] === '') chompStart = i;
    else break;
  }
  if (chompStart === 0)
    return chomp === '+' && lines.length > 0 ? '\n'.repeat(Math.max(1, lines.length - 1)) : '';
  let trimIndent = col + digit;
  let contentStart = 0;
  for (let i = 0; i < chompStart; ++i) {
    const [indent, content] = lines[i]!;
    if (content === '') {
      if (digit === 0 && indent.length > trimIndent) trimIndent = indent.length;
    } else {
      // More-indented leading empty lines need an indicator; content must be indented: both errors.
      if (indent.length < trimIndent) throw DECLINE;
      if (digit === 0) trimIndent = indent.length;
      if (trimIndent === 0) throw DECLINE;
      contentStart = i;
      break;
    }
  }
  // Trailing more-indented empty lines are content.
  for (let i = lines.length - 1; i >= chompStart; --i)
    if (lines[i]![0].length > trimIndent) chompStart = i + 1;
  let value = '';
  let sep = '';
  let prevMoreIndented = false;
  for (let i = 0; i < contentStart; ++i) value += lines[i]![0].slice(trimIndent) + '\n';
  for (let i = contentStart; i < chompStart; ++i) {
    const [indent, content] = lines[i]!;
    if (content && indent.length < trimIndent) throw DECLINE;
    if (mode === '|') {
      value += sep + indent.slice(trimIndent) + content;
      sep = '\n';
    } else if (indent.length > trimIndent) {
      // More-indented lines of a folded scalar keep their line breaks.
      if (sep === ' ') sep = '\n';
      else if (!prevMoreIndented && sep === '\n') sep = '\n\n';
      value += sep + indent.slice(trimIndent) + content;
      sep = '\n';
      prevMoreIndented = true;
    } else if (content === '') {
      if (sep === '\n') value += '\n';
      else sep = '\n';
    } else {
      value += sep + content;
      sep = ' ';
      prevMoreIndented = false;
    }
  }
  if (chomp === '+') {
    for (let i = chompStart; i < lines.length; ++i) value += '\n' + lines[i]![0].slice(trimIndent);
    if (value[value.length - 1] !== '\n') value += '\n';
  } else if (chomp !== '-') value += '\n';
  return value;
}

/**
 * Offsets of a text whose `\r\n` line breaks were made `\n`, mapped back to the original: each such line
 * break before an offset adds one. The package treats `\r\n` as one line break everywhere (values never keep
 * the `\r`), so reading the `\n` text and moving every offset gives its tree of the original.
 */
function crlfOffsets(text: string): (o: number) => number {
  // Where each `\r\n`'s `\n` lands in the converted text (lines may mix `\r\n` and `\n`).
  const breaks: number[] = [];
  for (let i = text.indexOf('\r\n'); i >= 0; i = text.indexOf('\r\n', i + 2)) breaks.push(i - breaks.length);
  return (o) => {
    // How many converted breaks lie before `o`.
    let lo = 0;
    let hi = breaks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (breaks[mid]! < o) lo = mid + 1;
      else hi = mid;
    }
    return o + lo;
  };
}

/** Move every offset of a tree with `at`. */
function remap(n: TNode, at: (o: number) => number): void {
  n.s = at(n.s);
  n.e = at(n.e);
  for (const e of n.entries ?? []) {
    e.ks = at(e.ks);
    e.ke = at(e.ke);
    remap(e.value, at);
  }
  for (const i of n.items ?? []) remap(i, at);
}

/**
 * The first document of a YAML text as a template tree; null when the document is empty; undefined when the
 * reader does not vouch for reading it exactly as the `yaml` package does. `onAbsent` receives the nodes that
 * stand for missing values. Windows line breaks are read as `\n` and the offsets moved back; a lone `\r` is
 * left to the package.
 */
export function readYaml(text: string, onAbsent: (n: TNode) => void): TNode | undefined | null {
  try {
    if (text.indexOf('\r') < 0) return new Reader(text, onAbsent).read() ?? null;
    if (/\r(?!\n)/.test(text)) return undefined;
    const lf = text.replace(/\r\n/g, '\n');
    const root = new Reader(lf, onAbsent).read();
    if (!root) return null;
    remap(root, crlfOffsets(text));
    return root;
  } catch (e) {
    // A stack overflow on some pathological input: the package decides.
    if (e === DECLINE || e instanceof RangeError) return undefined;
    throw e;
  }
}
