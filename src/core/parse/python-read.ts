/**
 * A Python reader in plain TypeScript that builds exactly the tree tree-sitter-python 0.25 builds (same node
 * types, field names, offsets, named and anonymous children, `comment` and `line_continuation` extras where
 * tree-sitter puts them) for the Python commonly found in Lambda handlers, and declines (returns undefined)
 * on anything it does not model and on any syntax error, so that the caller falls back to tree-sitter.
 *
 * Why: tree-sitter-python runs in a wasm runtime; parsing there and reading the tree through wasm calls cost
 * most of a lint of handler code. Plain objects are built and read several times faster. Be exact or decline:
 * test/unit/parse/python-read.test.ts compares every tree with tree-sitter's (`PERFGUARD_PY_CORPUS=DIR` runs
 * the comparison over a folder of Python files).
 *
 * Offsets are UTF-16 code units (JavaScript string indices), as web-tree-sitter reports them.
 */
import type { SyntaxCursor, SyntaxNode, SyntaxPoint } from './syntax';

/**
 * Ids of reader nodes: negative small integers (tree-sitter's ids are positive wasm addresses), so that the
 * number is stored in the node itself (a number outside the small-integer range would be one more heap
 * object per node); they wrap after 2^30 nodes.
 */
let nextId = -1;
function newId(): number {
  const id = nextId;
  nextId = id <= -1073741824 ? -1 : id - 1;
  return id;
}

/** The tree one `readPython` call built: the text, the root, and positions on demand. */
export class PyTree {
  rootNode!: PyNode;
  /** Every node with children (for `release`). */
  inner: PyNode[] = [];
  constructor(
    readonly text: string,
    private readonly positionOf?: (offset: number) => SyntaxPoint,
  ) {}

  /**
   * Drop the links between the nodes (as `Tree.delete()` frees a tree-sitter tree; no node may be used
   * afterwards). Objects that die after surviving a young-generation GC keep what they point to alive until
   * the next full GC, and through the parent and child links one node would keep the whole tree.
   */
  release(): void {
    // Emptying every inner node's child list is enough: a node still referenced then keeps only its chain
    // of ancestors (the parent links are left alone: fewer writes).
    const inner = this.inner;
    for (let i = 0; i < inner.length; i++) (inner[i] as PyNode).kids = EMPTY;
    this.inner = [];
  }

  /** Row and column (UTF-16 code units) of an offset. */
  pointAt(offset: number): SyntaxPoint {
    if (this.positionOf) return this.positionOf(offset);
    let row = 0;
    let lineStart = 0;
    for (let i = 0; i < offset; i++) {
      if (this.text.charCodeAt(i) === 10) {
        row++;
        lineStart = i + 1;
      }
    }
    return { row, column: offset - lineStart };
  }
}

const EMPTY: PyNode[] = [];

export class PyNode implements SyntaxNode {
  readonly id = newId();
  parent: PyNode | null = null;

  constructor(
    readonly tree: PyTree,
    readonly type: string,
    readonly isNamed: boolean,
    public startIndex: number,
    public endIndex: number,
    /** Every child, named and anonymous, extras included (emptied by `PyTree.release`). */
    public kids: PyNode[],
    /**
     * The field name of each child (undefined: no field), or undefined when no child has one. Shared between
     * nodes of the same shape (see `internFields`): never modified in place.
     */
    public fields: readonly (string | undefined)[] | undefined,
  ) {
    if (kids.length > 0) tree.inner.push(this);
  }

  get isMissing(): boolean {
    return false;
  }
  get hasError(): boolean {
    return false;
  }
  get isError(): boolean {
    return false;
  }
  get text(): string {
    return this.tree.text.slice(this.startIndex, this.endIndex);
  }
  get startPosition(): SyntaxPoint {
    return this.tree.pointAt(this.startIndex);
  }
  get endPosition(): SyntaxPoint {
    return this.tree.pointAt(this.endIndex);
  }
  get children(): PyNode[] {
    return this.kids.slice();
  }
  get namedChildren(): PyNode[] {
    const out: PyNode[] = [];
    for (const c of this.kids) if (c.isNamed) out.push(c);
    return out;
  }
  get childCount(): number {
    return this.kids.length;
  }
  get namedChildCount(): number {
    let n = 0;
    for (const c of this.kids) if (c.isNamed) n++;
    return n;
  }
  child(index: number): PyNode | null {
    return this.kids[index] ?? null;
  }
  namedChild(index: number): PyNode | null {
    let i = index;
    for (const c of this.kids) if (c.isNamed && i-- === 0) return c;
    return null;
  }
  childForFieldName(fieldName: string): PyNode | null {
    const f = this.fields;
    if (!f) return null;
    for (let i = 0; i < f.length; i++) if (f[i] === fieldName) return this.kids[i] as PyNode;
    return null;
  }
  childrenForFieldName(fieldName: string): PyNode[] {
    const f = this.fields;
    if (!f) return [];
    const out: PyNode[] = [];
    for (let i = 0; i < f.length; i++) if (f[i] === fieldName) out.push(this.kids[i] as PyNode);
    return out;
  }
  /** The field name of the child at `index`, or null. */
  fieldNameForChild(index: number): string | null {
    return this.fields?.[index] ?? null;
  }
  descendantsOfType(types: string | string[]): PyNode[] {
    const out: PyNode[] = [];
    if (typeof types === 'string') collectOfType(this, types, out);
    else collectOfTypes(this, typeSetOf(types), out);
    return out;
  }
  descendantForIndex(start: number, end = start): PyNode | null {
    return start > end ? null : descendantAt(this, start, end);
  }
  childWithDescendant(descendant: SyntaxNode): PyNode | null {
    let n: PyNode | null = descendant instanceof PyNode ? descendant : null;
    while (n && n.parent !== this) n = n.parent;
    return n;
  }
  walk(): PyCursor {
    return new PyCursor(this);
  }
  toString(): string {
    return `(${this.type} ${this.startIndex}-${this.endIndex})`;
  }
}

/** Callers pass the same type lists again and again (constants): one Set per list. */
const typeSets = new WeakMap<readonly string[], { length: number; set: Set<string> }>();
function typeSetOf(types: readonly string[]): Set<string> {
  let hit = typeSets.get(types);
  if (!hit || hit.length !== types.length) {
    hit = { length: types.length, set: new Set(types) };
    typeSets.set(types, hit);
  }
  return hit.set;
}

/**
 * Pre-order: `n` and its descendants of type `type` into `out`. (Leaves, most of a tree, are tested in the
 * loop rather than by a call each; the searches below do the same.)
 */
function collectOfType(n: PyNode, type: string, out: PyNode[]): void {
  if (n.type === type) out.push(n);
  const kids = n.kids;
  for (let i = 0; i < kids.length; i++) {
    const k = kids[i] as PyNode;
    if (k.kids.length > 0) collectOfType(k, type, out);
    else if (k.type === type) out.push(k);
  }
}

/** Pre-order: `n` and its descendants of one of `types` into `out`. */
function collectOfTypes(n: PyNode, types: ReadonlySet<string>, out: PyNode[]): void {
  if (types.has(n.type)) out.push(n);
  const kids = n.kids;
  for (let i = 0; i < kids.length; i++) {
    const k = kids[i] as PyNode;
    if (k.kids.length > 0) collectOfTypes(k, types, out);
    else if (types.has(k.type)) out.push(k);
  }
}

/** tree-sitter's `ts_node_descendant_for_byte_range` over the visible children. */
function descendantAt(root: PyNode, start: number, end: number): PyNode {
  let node = root;
  for (;;) {
    let next: PyNode | undefined;
    const kids = node.kids;
    // Children are in order and do not overlap: skip those ending before `start` (the loop skips them too).
    let lo = 0;
    let hi = kids.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((kids[mid] as PyNode).endIndex < start) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < kids.length; i++) {
      const c = kids[i] as PyNode;
      const cEnd = c.endIndex;
      if (cEnd < end) continue;
      const empty = c.startIndex === cEnd;
      if (empty ? cEnd < start : cEnd <= start) continue;
      if (start < c.startIndex) break;
      next = c;
      break;
    }
    if (!next) return node;
    node = next;
  }
}

/** A tree cursor over reader nodes (the calls `walkNamed` makes), rooted at the node it started from. */
export class PyCursor implements SyntaxCursor {
  private readonly path: number[] = [];
  constructor(private node: PyNode) {}
  get currentNode(): PyNode {
    return this.node;
  }
  get nodeType(): string {
    return this.node.type;
  }
  get nodeIsNamed(): boolean {
    return this.node.isNamed;
  }
  get nodeIsMissing(): boolean {
    return false;
  }
  get startIndex(): number {
    return this.node.startIndex;
  }
  get endIndex(): number {
    return this.node.endIndex;
  }
  gotoFirstChild(): boolean {
    const c = this.node.kids[0];
    if (!c) return false;
    this.node = c;
    this.path.push(0);
    return true;
  }
  gotoNextSibling(): boolean {
    const n = this.path.length;
    if (n === 0) return false;
    const i = (this.path[n - 1] as number) + 1;
    const sib = (this.node.parent as PyNode).kids[i];
    if (!sib) return false;
    this.path[n - 1] = i;
    this.node = sib;
    return true;
  }
  gotoParent(): boolean {
    if (this.path.length === 0) return false;
    this.path.pop();
    this.node = this.node.parent as PyNode;
    return true;
  }
  delete(): void {
    // nothing to free
  }
}

/** Thrown inside the reader when it declines the text; caught by `readPython`. */
class Decline {
  constructor(readonly why: string) {}
}

let lastDecline = '';
/** Why the last `readPython` call declined (for tests and diagnostics). */
export function lastDeclineReason(): string {
  return lastDecline;
}

/**
 * The tree tree-sitter-python would build for `text`, or undefined when the reader does not model some
 * construct of the text or the text has a syntax error.
 */
export function readPython(text: string, positionOf?: (offset: number) => SyntaxPoint): PyNode | undefined {
  try {
    const tree = new PyTree(text, positionOf);
    const root = new Parser(tree, 0, false).module();
    tree.rootNode = root;
    return root;
  } catch (e) {
    if (e instanceof Decline) {
      lastDecline = e.why;
      return undefined;
    }
    if (e instanceof RangeError) {
      // Nesting deep enough to exhaust the stack: tree-sitter copes, the reader does not.
      lastDecline = 'too deep';
      return undefined;
    }
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Tokens

const NAME = 1;
const NUM = 2;
const STR = 3;
const OP = 4;
const NEWLINE = 5;
const INDENT = 6;
const DEDENT = 7;
const EOF = 8;

interface Tok {
  k: number;
  s: number;
  e: number;
  /** Name, keyword or operator text; '' for other kinds. */
  v: string;
  /** A string token's node; a number token's type (integer or float) in `v`. */
  node?: PyNode;
}

/** Python's hard keywords (`True`, `False` and `None` among them). */
export const PYTHON_KEYWORDS: ReadonlySet<string> = new Set([
  'False',
  'None',
  'True',
  'and',
  'as',
  'assert',
  'async',
  'await',
  'break',
  'class',
  'continue',
  'def',
  'del',
  'elif',
  'else',
  'except',
  'finally',
  'for',
  'from',
  'global',
  'if',
  'import',
  'in',
  'is',
  'lambda',
  'nonlocal',
  'not',
  'or',
  'pass',
  'raise',
  'return',
  'try',
  'while',
  'with',
  'yield',
]);

/** Expression types that are also assignment targets (patterns). */
const PATTERN_TYPES = new Set(['identifier', 'attribute', 'subscript', 'list_splat', 'tuple', 'list']);
const AUGMENTED = new Set(['+=', '-=', '*=', '/=', '@=', '//=', '%=', '**=', '>>=', '<<=', '&=', '^=', '|=']);
const COMPARISON = new Set(['<', '<=', '==', '!=', '>=', '>', 'in', 'not', 'is']);
const BINARY_PREC: Record<string, number> = {
  '|': 14,
  '&': 15,
  '^': 16,
  '<<': 17,
  '>>': 17,
  '+': 18,
  '-': 18,
  '*': 19,
  '@': 19,
  '/': 19,
  '%': 19,
  '//': 19,
  '**': 21,
};

/** An ASCII letter or `_` (where a Python name may start). */
export function isIdStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}
function isIdPart(c: number): boolean {
  return isIdStart(c) || (c >= 48 && c <= 57);
}
/**
 * `STRING_PLAIN[c]` is 1 for the ASCII characters that are plain content wherever they are in a string
 * literal: not a quote, line break, backslash or brace.
 */
const STRING_PLAIN = new Uint8Array(128);
for (let c = 0; c < 128; c++)
  STRING_PLAIN[c] =
    c === 34 || c === 39 || c === 10 || c === 13 || c === 92 || c === 123 || c === 125 ? 0 : 1;
/**
 * `ID_PART[c]` is 1 for the ASCII characters `isIdPart` accepts, those of regular expressions' `\w` (a table: no
 * call per character; the other readers of Python names use it too).
 */
export const ID_PART = new Uint8Array(128);
for (let c = 0; c < 128; c++) ID_PART[c] = isIdPart(c) ? 1 : 0;
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isHex(c: number): boolean {
  return isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

// ---------------------------------------------------------------------------------------------------------
// Lexer

class Lexer {
  pos: number;
  /** Bracket depth; inside brackets newlines and indentation mean nothing. */
  depth: number;
  private readonly indents: number[] = [0];
  private readonly queue: Tok[] = [];
  /** End of the last token or trailing comment of the current logical line. */
  private lastEnd = 0;
  /** Whether the current logical line has a token (a NEWLINE ends it). */
  private lineHasToken = false;
  private atStart = true;
  readonly extras: PyNode[] = [];

  constructor(
    private readonly p: Parser,
    readonly text: string,
    start: number,
    /** Inside an f-string interpolation: no NEWLINE/INDENT/DEDENT, `!` is a token. */
    private readonly interpolation: boolean,
  ) {
    this.pos = start;
    this.depth = interpolation ? 1 : 0;
  }

  next(): Tok {
    if (this.queue.length > 0) return this.queue.shift() as Tok;
    return this.scan();
  }

  private tok(k: number, s: number, e: number, v: string): Tok {
    // Every token with the same shape (`node` too), so that the parser's reads of tokens stay monomorphic.
    return { k, s, e, v, node: undefined };
  }

  private extra(type: string, s: number, e: number): void {
    this.extras.push(new PyNode(this.p.tree, type, true, s, e, EMPTY, undefined));
  }

  private scan(): Tok {
    const text = this.text;
    const n = text.length;
    if (this.atStart && !this.interpolation) {
      this.atStart = false;
      const t = this.lineStart();
      if (t) return t;
    }
    for (;;) {
      let c = text.charCodeAt(this.pos);
      // whitespace within a line
      while (c === 32 || c === 9) c = text.charCodeAt(++this.pos);
      if (this.pos >= n) {
        if (this.interpolation) throw new Decline('unterminated interpolation');
        if (this.depth > 0) throw new Decline('unclosed bracket');
        if (this.lineHasToken) {
          this.lineHasToken = false;
          this.queueDedents(0, [], this.lastEnd);
          return this.tok(NEWLINE, this.lastEnd, this.lastEnd, '');
        }
        if (this.indents.length > 1) {
          this.queueDedents(0, [], this.lastEnd);
          return this.queue.shift() as Tok;
        }
        return this.tok(EOF, n, n, '');
      }
      if (c === 35) {
        // '#': a comment
        const s = this.pos;
        let e = text.indexOf('\n', s);
        if (e < 0) e = n;
        this.extra('comment', s, e);
        this.pos = e;
        if (this.lineHasToken) this.lastEnd = e;
        continue;
      }
      if (c === 10) {
        this.pos++;
        if (this.interpolation) continue;
        if (this.depth > 0) {
          this.bracketLine();
          continue;
        }
        if (!this.lineHasToken) continue; // (only at the very start)
        this.lineHasToken = false;
        const nl = this.tok(NEWLINE, this.lastEnd, this.lastEnd, '');
        const t = this.lineStart();
        if (t) this.queue.unshift(t);
        return nl;
      }
      if (c === 92) {
        // backslash: a line continuation
        if (text.charCodeAt(this.pos + 1) !== 10) throw new Decline('backslash');
        this.extra('line_continuation', this.pos, this.pos + 2);
        this.pos += 2;
        // A continuation followed by a blank or comment line: tree-sitter's scanner handles it differently.
        let q = this.pos;
        while (text.charCodeAt(q) === 32) q++;
        const after = text.charCodeAt(q);
        if (q >= n || after === 10 || after === 35 || after === 13 || after === 9)
          throw new Decline('continuation before a blank line');
        // Before a string, tree-sitter's scanner steps over the continuation while looking for the string's
        // start: it is no node of the tree.
        let r = q;
        while (r < q + 3 && /[rRbBuUfFtT]/.test(text[r] as string)) r++;
        const sq = text.charCodeAt(r);
        if (sq === 34 || sq === 39) this.extras.pop();
        continue;
      }
      if (c === 13 || c === 12 || c === 11 || c > 126) throw new Decline('unusual character');
      return this.token(c);
    }
  }

  /**
   * A new line inside brackets. tree-sitter's scanner emits a DEDENT (a syntax error) on a line indented less
   * than the current block where no closing bracket can come next, unless the line starts with a quote where
   * a string can start: decline lines indented less than the block unless they start with a closing bracket
   * or a quote (where those cannot come, the text is a syntax error for both).
   */
  private bracketLine(): void {
    const text = this.text;
    let p = this.pos;
    let c = text.charCodeAt(p);
    while (c === 32) c = text.charCodeAt(++p);
    if (c === 9 || c === 12 || c === 13) throw new Decline('tab or form feed in indentation');
    if (c === 10 || p >= text.length) return;
    if (p - this.pos >= (this.indents[this.indents.length - 1] as number)) return;
    if (c === 41 || c === 93 || c === 125 || c === 34 || c === 39) return;
    throw new Decline('a line in brackets indented less than its block');
  }

  /**
   * At the start of a logical line (after a NEWLINE): skip blank and comment lines, then compare the
   * indentation of the next line with the block's; queue INDENT or DEDENT tokens.
   */
  private lineStart(): Tok | undefined {
    const text = this.text;
    const n = text.length;
    const comments: { indent: number; end: number }[] = [];
    for (;;) {
      let p = this.pos;
      let c = text.charCodeAt(p);
      while (c === 32) c = text.charCodeAt(++p);
      if (c === 9 || c === 12 || c === 13) throw new Decline('tab or form feed in indentation');
      const indent = p - this.pos;
      if (p >= n) {
        this.pos = p;
        // EOF: scan() handles it (after the comments below are recorded as extras)
        this.queueDedents(0, comments, this.lastEnd);
        return this.queue.shift();
      }
      if (c === 10) {
        this.pos = p + 1;
        continue;
      }
      if (c === 35) {
        let e = text.indexOf('\n', p);
        if (e < 0) e = n;
        this.extra('comment', p, e);
        comments.push({ indent, end: e });
        this.pos = e < n ? e + 1 : e;
        continue;
      }
      if (c === 92) throw new Decline('continuation at line start');
      this.pos = p;
      const top = this.indents[this.indents.length - 1] as number;
      if (indent > top) {
        this.indents.push(indent);
        return this.tok(INDENT, p, p, '');
      }
      if (indent < top) {
        this.queueDedents(indent, comments, this.lastEnd);
        return this.queue.shift();
      }
      return undefined;
    }
  }

  /**
   * Queue one DEDENT per block that ends before a line indented by `indent`. tree-sitter's scanner keeps the
   * comments that follow a block's last statement inside the block while they are indented at least as far
   * as the block; each DEDENT sits at the end of the last such comment (or of the statement).
   */
  private queueDedents(indent: number, comments: { indent: number; end: number }[], end: number): void {
    let j = 0;
    let at = end;
    while (indent < (this.indents[this.indents.length - 1] as number)) {
      const top = this.indents[this.indents.length - 1] as number;
      while (j < comments.length && (comments[j] as { indent: number }).indent >= top) {
        at = (comments[j] as { end: number }).end;
        j++;
      }
      this.indents.pop();
      this.queue.push(this.tok(DEDENT, at, at, ''));
    }
    if (indent !== this.indents[this.indents.length - 1]) throw new Decline('inconsistent dedent');
    this.lastEnd = at;
  }

  private token(c: number): Tok {
    const text = this.text;
    const s = this.pos;
    let t: Tok;
    if (isIdStart(c)) {
      let e = s + 1;
      const n = text.length;
      while (e < n && ID_PART[text.charCodeAt(e)] === 1) e++;
      const q = text.charCodeAt(e);
      if ((q === 34 || q === 39) && e - s <= 2 && /^[rRbBuUfF]+$/.test(text.slice(s, e))) {
        t = this.string(s, e);
      } else {
        if (q > 126) throw new Decline('non-ASCII identifier');
        this.pos = e;
        t = this.tok(NAME, s, e, text.slice(s, e));
      }
    } else if (c === 34 || c === 39) {
      t = this.string(s, s);
    } else if (isDigit(c) || (c === 46 && isDigit(text.charCodeAt(s + 1)))) {
      t = this.number(s);
    } else {
      const v = opAt(text, s, c, this.interpolation);
      if (v === undefined) throw new Decline(`character ${JSON.stringify(text[s])}`);
      this.pos = s + v.length;
      if (v === '(' || v === '[' || v === '{') this.depth++;
      else if (v === ')' || v === ']' || v === '}') {
        if (this.depth === 0) throw new Decline('unbalanced bracket');
        this.depth--;
      }
      t = this.tok(OP, s, this.pos, v);
    }
    this.lineHasToken = true;
    this.lastEnd = this.pos;
    return t;
  }

  private number(s: number): Tok {
    const text = this.text;
    let p = s;
    let float = false;
    const c0 = text.charCodeAt(p);
    const c1 = text.charCodeAt(p + 1) | 32;
    if (c0 === 48 && (c1 === 120 || c1 === 111 || c1 === 98)) {
      p += 2;
      const max = c1 === 120 ? 16 : c1 === 111 ? 8 : 2;
      const first = p;
      for (;;) {
        const d = text.charCodeAt(p);
        if (d === 95) p++;
        else if (isHex(d) && parseInt(text[p] as string, 16) < max) p++;
        else break;
      }
      if (p === first || text.charCodeAt(first) === 95) throw new Decline('unusual number');
      if ((text.charCodeAt(p) | 32) === 108) p++; // L
    } else {
      p = skipDigits(text, p);
      if (text.charCodeAt(p) === 46) {
        float = true;
        p = skipDigits(text, p + 1);
      }
      const e = text.charCodeAt(p) | 32;
      if (e === 101) {
        let q = p + 1;
        if (text.charCodeAt(q) === 43 || text.charCodeAt(q) === 45) q++;
        if (isDigit(text.charCodeAt(q))) {
          float = true;
          p = skipDigits(text, q);
        }
      }
      const suffix = text.charCodeAt(p) | 32;
      if (suffix === 106 || (suffix === 108 && !float)) p++; // j, or L after an integer
    }
    if (isIdPart(text.charCodeAt(p)) || text.charCodeAt(p) === 46 || text.charCodeAt(p - 1) === 95)
      throw new Decline('unusual number');
    this.pos = p;
    return this.tok(NUM, s, p, float ? 'float' : 'integer');
  }

  private content(kids: PyNode[], start: number, end: number, escapes: PyNode[]): void {
    const c = new PyNode(
      this.p.tree,
      'string_content',
      true,
      start,
      end,
      escapes.length > 0 ? escapes.slice() : EMPTY,
      undefined,
    );
    for (const e of escapes) e.parent = c;
    kids.push(c);
  }

  /** A whole string literal (prefix `s`..`q`, quote at `q`), f-string interpolations parsed. */
  private string(s: number, q: number): Tok {
    const text = this.text;
    const tree = this.p.tree;
    let raw = false;
    let bytes = false;
    let format = false;
    for (let i = s; i < q; i++) {
      const ch = text.charCodeAt(i) | 32;
      if (ch === 114) raw = true;
      else if (ch === 98) bytes = true;
      else if (ch === 102 || ch === 116) format = true;
    }
    const quote = text.charCodeAt(q);
    const triple = text.charCodeAt(q + 1) === quote && text.charCodeAt(q + 2) === quote;
    const startEnd = triple ? q + 3 : q + 1;
    const kids: PyNode[] = [new PyNode(tree, 'string_start', true, s, startEnd, EMPTY, undefined)];
    let p = startEnd;
    // The current string_content: where it starts (-1: none yet) and its escape children.
    let contentStart = -1;
    let escapes: PyNode[] = [];
    // Raw strings: tree-sitter's scanner steps over `\\x` pairs without counting them as content; a run
    // of only such pairs right before the closing quote becomes part of string_end.
    let segStart = p;
    let segContent = false;
    const n = text.length;
    for (;;) {
      if (p >= n) throw new Decline('unterminated string');
      const c = text.charCodeAt(p);
      if (c >= 128 || STRING_PLAIN[c] === 1) {
        // A run of characters that are only content (the last branch below), in one loop.
        if (contentStart < 0) contentStart = p;
        segContent = true;
        p++;
        while (p < n) {
          const d = text.charCodeAt(p);
          if (d < 128 && STRING_PLAIN[d] !== 1) break;
          p++;
        }
        continue;
      }
      if (c === quote) {
        const closing = !triple || (text.charCodeAt(p + 1) === quote && text.charCodeAt(p + 2) === quote);
        if (closing) {
          const endStart = raw && !segContent ? segStart : p;
          if (contentStart >= 0 && endStart > contentStart)
            this.content(kids, contentStart, endStart, escapes);
          kids.push(new PyNode(tree, 'string_end', true, endStart, triple ? p + 3 : p + 1, EMPTY, undefined));
          p = triple ? p + 3 : p + 1;
          break;
        }
        if (contentStart < 0) contentStart = p;
        p += text.charCodeAt(p + 1) === quote ? 2 : 1;
        segStart = p;
        segContent = false;
        continue;
      }
      if (c === 10 && !triple) throw new Decline(`newline in string at ${p}`);
      if (c === 13) throw new Decline('carriage return in string');
      if (format && (c === 123 || c === 125)) {
        if (text.charCodeAt(p + 1) === c) {
          if (contentStart < 0) contentStart = p;
          escapes.push(new PyNode(tree, 'escape_interpolation', true, p, p + 2, EMPTY, undefined));
          p += 2;
          segContent = true;
          continue;
        }
        if (c === 125) throw new Decline('single } in f-string');
        if (contentStart >= 0) this.content(kids, contentStart, p, escapes);
        contentStart = -1;
        escapes = [];
        const interp = this.p.interpolation(p, 'interpolation');
        kids.push(interp);
        p = interp.endIndex;
        segStart = p;
        segContent = false;
        continue;
      }
      if (c === 92) {
        if (contentStart < 0) contentStart = p;
        if (raw) {
          if (format) throw new Decline('backslash in a raw f-string');
          p++;
          const d = text.charCodeAt(p);
          if (d === quote || d === 92) p++;
          if (text.charCodeAt(p) === 13) throw new Decline('carriage return in string');
          if (text.charCodeAt(p) === 10) p++;
          continue;
        }
        const d = text.charCodeAt(p + 1);
        if (bytes && (d === 78 || d === 117 || d === 85)) throw new Decline('bytes escape');
        const len = escapeLength(text, p + 1);
        if (len > 0) {
          escapes.push(new PyNode(tree, 'escape_sequence', true, p, p + 1 + len, EMPTY, undefined));
          p += 1 + len;
        } else {
          // a backslash that starts no escape: the anonymous `\` token, then content
          escapes.push(new PyNode(tree, '\\', false, p, p + 1, EMPTY, undefined));
          p++;
        }
        continue;
      }
      if (contentStart < 0) contentStart = p;
      segContent = true;
      p++;
    }
    this.pos = p;
    const node = new PyNode(tree, 'string', true, s, p, kids.slice(), undefined);
    for (const k of kids) k.parent = node;
    const t = this.tok(STR, s, p, '');
    t.node = node;
    return t;
  }
}

/** The operator or delimiter at `s` (first char code `c`), longest match, or undefined. */
function opAt(text: string, s: number, c: number, interpolation: boolean): string | undefined {
  const c1 = text.charCodeAt(s + 1);
  switch (c) {
    case 40:
      return '(';
    case 41:
      return ')';
    case 91:
      return '[';
    case 93:
      return ']';
    case 123:
      return '{';
    case 125:
      return '}';
    case 44:
      return ',';
    case 59:
      return ';';
    case 126:
      return '~';
    case 58:
      return c1 === 61 ? ':=' : ':';
    case 46:
      return c1 === 46 && text.charCodeAt(s + 2) === 46 ? '...' : '.';
    case 61:
      return c1 === 61 ? '==' : '=';
    case 33:
      return c1 === 61 ? '!=' : interpolation ? '!' : undefined;
    case 60: // <
      if (c1 === 60) return text.charCodeAt(s + 2) === 61 ? '<<=' : '<<';
      if (c1 === 61) return '<=';
      if (c1 === 62) return undefined; // <>
      return '<';
    case 62: // >
      if (c1 === 62) return text.charCodeAt(s + 2) === 61 ? '>>=' : '>>';
      return c1 === 61 ? '>=' : '>';
    case 42: // *
      if (c1 === 42) return text.charCodeAt(s + 2) === 61 ? '**=' : '**';
      return c1 === 61 ? '*=' : '*';
    case 47: // /
      if (c1 === 47) return text.charCodeAt(s + 2) === 61 ? '//=' : '//';
      return c1 === 61 ? '/=' : '/';
    case 45: // -
      if (c1 === 62) return '->';
      return c1 === 61 ? '-=' : '-';
    case 43:
      return c1 === 61 ? '+=' : '+';
    case 37:
      return c1 === 61 ? '%=' : '%';
    case 38:
      return c1 === 61 ? '&=' : '&';
    case 124:
      return c1 === 61 ? '|=' : '|';
    case 94:
      return c1 === 61 ? '^=' : '^';
    case 64:
      return c1 === 61 ? '@=' : '@';
    default:
      return undefined;
  }
}

function hexRun(text: string, from: number, count: number): boolean {
  for (let i = 0; i < count; i++) if (!isHex(text.charCodeAt(from + i))) return false;
  return true;
}

function skipDigits(text: string, p: number): number {
  for (;;) {
    const c = text.charCodeAt(p);
    if (!(isDigit(c) || c === 95)) return p;
    p++;
  }
}

/** Length of an escape sequence after its backslash (tree-sitter-python's `escape_sequence`), or 0. */
function escapeLength(text: string, p: number): number {
  const c = text.charCodeAt(p);
  switch (c) {
    case 117: // u
      return hexRun(text, p + 1, 4) ? 5 : 0;
    case 85: // U
      return hexRun(text, p + 1, 8) ? 9 : 0;
    case 120: // x
      return hexRun(text, p + 1, 2) ? 3 : 0;
    case 10:
      return 1;
    case 13:
      return text.charCodeAt(p + 1) === 10 ? 2 : 0;
    case 39:
    case 34:
    case 97:
    case 98:
    case 102:
    case 114:
    case 110:
    case 116:
    case 118:
    case 92:
      return 1;
    case 78: {
      // N{name}
      if (text.charCodeAt(p + 1) !== 123) return 0;
      const close = text.indexOf('}', p + 2);
      if (close <= p + 2) return 0;
      if (text.slice(p + 2, close).includes('\n')) return 0;
      return close - p + 1;
    }
    default:
      if (isDigit(c)) {
        let l = 1;
        while (l < 3 && isDigit(text.charCodeAt(p + l))) l++;
        return l;
      }
      return 0;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Parser

type Kid = PyNode;

class Parser {
  private readonly lx: Lexer;
  private tok: Tok;
  private ahead: Tok | undefined;
  private readonly text: string;

  constructor(
    readonly tree: PyTree,
    start: number,
    interpolation: boolean,
  ) {
    this.text = tree.text;
    this.lx = new Lexer(this, tree.text, start, interpolation);
    this.tok = this.lx.next();
  }

  // ----- token helpers

  private advance(): Tok {
    const t = this.tok;
    if (this.ahead) {
      this.tok = this.ahead;
      this.ahead = undefined;
    } else this.tok = this.lx.next();
    return t;
  }
  /** The current token's kind (a call, so that TypeScript does not narrow it across `advance`). */
  private kind(): number {
    return this.tok.k;
  }
  private peek2(): Tok {
    if (!this.ahead) this.ahead = this.lx.next();
    return this.ahead;
  }
  private is(v: string): boolean {
    const t = this.tok;
    return (t.k === OP || t.k === NAME) && t.v === v;
  }
  private isOp(v: string): boolean {
    return this.tok.k === OP && this.tok.v === v;
  }
  private isKw(v: string): boolean {
    return this.tok.k === NAME && this.tok.v === v;
  }
  private fail(what: string): never {
    throw new Decline(`${what} at ${this.tok.s}`);
  }
  /** The current token as an anonymous leaf, consumed. */
  private anon(): PyNode {
    const t = this.advance();
    return new PyNode(this.tree, t.v, false, t.s, t.e, EMPTY, undefined);
  }
  private expect(v: string): PyNode {
    if (!this.is(v)) this.fail(`expected ${v}`);
    return this.anon();
  }
  private leaf(type: string, t: Tok): PyNode {
    return new PyNode(this.tree, type, true, t.s, t.e, EMPTY, undefined);
  }
  private identifier(): PyNode {
    const t = this.tok;
    if (t.k !== NAME || PYTHON_KEYWORDS.has(t.v)) this.fail('expected identifier');
    this.advance();
    return this.leaf('identifier', t);
  }

  /** A node over `kids` (start of the first to end of the last unless given), parents set. */
  /**
   * `node` over an array literal (already exactly its length): not copied; `fields`, when given, a frozen
   * `F_…` list or an array literal (not copied either).
   */
  private nodeOf(type: string, kids: Kid[], fields?: readonly (string | undefined)[], end?: number): PyNode {
    const first = kids[0] as PyNode;
    const last = kids[kids.length - 1] as PyNode;
    const n = new PyNode(this.tree, type, true, first.startIndex, end ?? last.endIndex, kids, fields);
    for (const k of kids) k.parent = n;
    return n;
  }

  private node(type: string, kids: Kid[], fields?: readonly (string | undefined)[], end?: number): PyNode {
    const first = kids[0] as PyNode;
    const last = kids[kids.length - 1] as PyNode;
    // Arrays built with push keep spare capacity: the tree keeps exact copies (less memory to scan and copy
    // in every young-generation GC while the file is linted).
    const n = new PyNode(
      this.tree,
      type,
      true,
      first.startIndex,
      end ?? last.endIndex,
      kids.slice(),
      fields && (Object.isFrozen(fields) ? fields : fields.slice()),
    );
    for (const k of kids) k.parent = n;
    return n;
  }

  // ----- module and statements

  module(): PyNode {
    const kids: Kid[] = [];
    while (this.tok.k !== EOF) {
      if (this.tok.k === INDENT) this.fail('unexpected indent');
      if (this.tok.k === NEWLINE || this.tok.k === DEDENT) this.fail('unexpected newline');
      this.statement(kids);
    }
    const text = this.text;
    const extras = this.lx.extras;
    let start = kids[0]?.startIndex ?? -1;
    if (extras.length > 0 && (start < 0 || (extras[0] as PyNode).startIndex < start))
      start = (extras[0] as PyNode).startIndex;
    if (start < 0) start = text.length; // an empty or blank file: tree-sitter's module is empty, at the end
    const root = new PyNode(this.tree, 'module', true, start, text.length, kids, undefined);
    for (const k of kids) k.parent = root;
    for (const x of extras) placeExtra(root, x);
    return root;
  }

  /** One statement line (or compound statement) into `out`. */
  private statement(out: Kid[]): void {
    const t = this.tok;
    if (t.k === NAME) {
      switch (t.v) {
        case 'if':
          out.push(this.ifStatement());
          return;
        case 'for':
          out.push(this.forStatement(undefined));
          return;
        case 'while':
          out.push(this.whileStatement());
          return;
        case 'try':
          out.push(this.tryStatement());
          return;
        case 'with':
          out.push(this.withStatement(undefined));
          return;
        case 'def':
          out.push(this.functionDefinition(undefined));
          return;
        case 'class':
          out.push(this.classDefinition());
          return;
        case 'async': {
          const a = this.anon();
          if (this.isKw('def')) out.push(this.functionDefinition(a));
          else if (this.isKw('for')) out.push(this.forStatement(a));
          else if (this.isKw('with')) out.push(this.withStatement(a));
          else this.fail('async');
          return;
        }
        default:
          break;
      }
    } else if (t.k === OP && t.v === '@') {
      out.push(this.decorated());
      return;
    }
    this.simpleStatements(out);
  }

  /** Simple statements separated by `;` up to the NEWLINE; returns the NEWLINE's offset. */
  private simpleStatements(out: Kid[]): number {
    for (;;) {
      out.push(this.simpleStatement());
      if (this.isOp(';')) {
        out.push(this.anon());
        if (this.tok.k === NEWLINE) break;
        continue;
      }
      break;
    }
    if (this.tok.k !== NEWLINE) this.fail('expected end of line');
    return this.advance().s;
  }

  private simpleStatement(): PyNode {
    const t = this.tok;
    if (t.k === NAME) {
      switch (t.v) {
        case 'import':
          return this.importStatement();
        case 'from':
          return this.importFrom();
        case 'return': {
          const kids = [this.anon()];
          if (!this.atStatementEnd()) kids.push(this.expressions());
          return this.node('return_statement', kids);
        }
        case 'pass':
          return this.nodeOf('pass_statement', [this.anon()]);
        case 'break':
          return this.nodeOf('break_statement', [this.anon()]);
        case 'continue':
          return this.nodeOf('continue_statement', [this.anon()]);
        case 'raise': {
          const kids = [this.anon()];
          const fields: (string | undefined)[] = [undefined];
          if (!this.atStatementEnd() && !this.isKw('from')) {
            kids.push(this.expressions());
            fields.push(undefined);
          }
          if (this.isKw('from')) {
            kids.push(this.anon(), this.expression());
            fields.push(undefined, 'cause');
          }
          return this.node('raise_statement', kids, fields);
        }
        case 'global':
        case 'nonlocal': {
          const kids = [this.anon(), this.identifier()];
          while (this.isOp(',')) kids.push(this.anon(), this.identifier());
          return this.node(t.v === 'global' ? 'global_statement' : 'nonlocal_statement', kids);
        }
        case 'assert': {
          const kids = [this.anon(), this.expression()];
          while (this.isOp(',')) kids.push(this.anon(), this.expression());
          return this.node('assert_statement', kids);
        }
        case 'del':
          return this.nodeOf('delete_statement', [this.anon(), this.expressions()]);
        case 'print':
        case 'exec':
        case 'match':
        case 'type': {
          // Python 2 print/exec statements, match statements and type aliases are not modelled.
          const n2 = this.peek2();
          const ok =
            n2.k === NEWLINE ||
            (n2.k === OP &&
              (n2.v === '(' ||
                n2.v === '.' ||
                n2.v === '=' ||
                n2.v === ';' ||
                (n2.v === ':' && t.v !== 'print' && t.v !== 'exec')));
          if (!ok) this.fail(t.v);
          if (t.v !== 'print' && t.v !== 'exec' && n2.v === '(') {
            // `match (x):` would be a match statement: require the call to be the whole statement later
            const st = this.expressionStatement();
            return st;
          }
          break;
        }
        case 'yield':
          break;
        default:
          break;
      }
    }
    return this.expressionStatement();
  }

  private atStatementEnd(): boolean {
    return this.tok.k === NEWLINE || this.isOp(';');
  }

  private importStatement(): PyNode {
    const kids: Kid[] = [this.anon()];
    const fields: (string | undefined)[] = [undefined];
    this.importList(kids, fields, false);
    return this.node('import_statement', kids, fields);
  }

  private importList(kids: Kid[], fields: (string | undefined)[], parens: boolean): void {
    for (;;) {
      const name = this.dottedName();
      if (this.isKw('as')) {
        const as = this.anon();
        const alias = this.identifier();
        kids.push(this.nodeOf('aliased_import', [name, as, alias], F_NAME_X_ALIAS));
      } else kids.push(name);
      fields.push('name');
      if (!this.isOp(',')) break;
      kids.push(this.anon());
      fields.push(undefined);
      if (parens && this.isOp(')')) break;
      if (!parens && this.atStatementEnd()) break;
    }
  }

  private dottedName(): PyNode {
    const kids = [this.identifier()];
    while (this.isOp('.')) kids.push(this.anon(), this.identifier());
    return this.node('dotted_name', kids);
  }

  private importFrom(): PyNode {
    const from = this.anon();
    if (this.tok.k === NAME && this.tok.v === '__future__') {
      const fut = this.anon();
      const kids: Kid[] = [from, fut, this.expect('import')];
      const fields: (string | undefined)[] = [undefined, undefined, undefined];
      if (this.isOp('(')) {
        kids.push(this.anon());
        fields.push(undefined);
        this.importList(kids, fields, true);
        kids.push(this.expect(')'));
        fields.push(undefined);
      } else this.importList(kids, fields, false);
      return this.node('future_import_statement', kids, fields);
    }
    let module: PyNode;
    if (this.isOp('.') || this.isOp('...')) {
      const dots: PyNode[] = [];
      while (this.isOp('.') || this.isOp('...')) {
        const t = this.advance();
        for (let i = t.s; i < t.e; i++)
          dots.push(new PyNode(this.tree, '.', false, i, i + 1, EMPTY, undefined));
      }
      const prefix = this.node('import_prefix', dots);
      module = this.isKw('import')
        ? this.nodeOf('relative_import', [prefix])
        : this.nodeOf('relative_import', [prefix, this.dottedName()]);
    } else module = this.dottedName();
    const kids: Kid[] = [from, module, this.expect('import')];
    const fields: (string | undefined)[] = [undefined, 'module_name', undefined];
    if (this.isOp('*')) {
      kids.push(this.nodeOf('wildcard_import', [this.anon()]));
      fields.push(undefined);
    } else if (this.isOp('(')) {
      kids.push(this.anon());
      fields.push(undefined);
      this.importList(kids, fields, true);
      kids.push(this.expect(')'));
      fields.push(undefined);
    } else this.importList(kids, fields, false);
    return this.node('import_from_statement', kids, fields);
  }

  private expressionStatement(): PyNode {
    if (this.isKw('yield')) return this.nodeOf('expression_statement', [this.yieldExpr()]);
    const first = this.starOrExpression(true);
    if (
      this.isOp(',') ||
      this.isOp('=') ||
      this.isOp(':') ||
      (this.tok.k === OP && AUGMENTED.has(this.tok.v))
    ) {
      const items: Kid[] = [first];
      while (this.isOp(',')) {
        items.push(this.anon());
        if (this.atStatementEnd() || this.isOp('=') || this.isOp(':') || AUGMENTED.has(this.tok.v)) break;
        items.push(this.starOrExpression(true));
      }
      if (this.isOp('=')) {
        const left = this.toPatternList(items);
        const eq = this.anon();
        const right = this.rightHandSide();
        return this.nodeOf('expression_statement', [
          this.nodeOf('assignment', [left, eq, right], F_LEFT_X_RIGHT),
        ]);
      }
      if (this.isOp(':')) {
        if (items.length !== 1) this.fail('annotated tuple');
        const left = this.toPattern(first);
        const colon = this.anon();
        const type = this.type();
        if (this.isOp('=')) {
          const eq = this.anon();
          const right = this.rightHandSide();
          return this.nodeOf('expression_statement', [
            this.nodeOf('assignment', [left, colon, type, eq, right], F_LEFT_X_TYPE_X_RIGHT),
          ]);
        }
        return this.nodeOf('expression_statement', [
          this.nodeOf('assignment', [left, colon, type], F_LEFT_X_TYPE),
        ]);
      }
      if (this.tok.k === OP && AUGMENTED.has(this.tok.v)) {
        const left = this.toPatternList(items);
        const op = this.anon();
        const right = this.rightHandSide();
        return this.nodeOf('expression_statement', [
          this.nodeOf('augmented_assignment', [left, op, right], F_LEFT_OPERATOR_RIGHT),
        ]);
      }
      // `a, b` as a statement: the expressions are children of the statement. A list of targets only
      // (`a, b` / `*a, b`) is also read by tree-sitter as the start of an assignment that may continue on
      // the next line (`a, b\n[c] = d` is one statement there): declined.
      let targetsOnly = true;
      for (const it of items) {
        if (it.type === 'list_splat' && !isPatternSplat(it)) this.fail('splat');
        if (it.isNamed && !PATTERN_TYPES.has(it.type)) targetsOnly = false;
      }
      if (targetsOnly) this.fail('a bare list of targets');
      return this.node('expression_statement', items);
    }
    if (first.type === 'list_splat') this.fail('splat statement');
    return this.nodeOf('expression_statement', [first]);
  }

  /** `_right_hand_side`: expression, expression_list, assignment, augmented_assignment, pattern_list or yield. */
  private rightHandSide(): PyNode {
    if (this.isKw('yield')) return this.yieldExpr();
    const items: Kid[] = [this.starOrExpression(true)];
    while (this.isOp(',')) {
      items.push(this.anon());
      if (this.atStatementEnd() || this.isOp('=') || this.isOp(')')) break;
      items.push(this.starOrExpression(true));
    }
    if (this.isOp('=')) {
      const left = this.toPatternList(items);
      const eq = this.anon();
      const right = this.rightHandSide();
      return this.nodeOf('assignment', [left, eq, right], F_LEFT_X_RIGHT);
    }
    if (this.tok.k === OP && AUGMENTED.has(this.tok.v)) this.fail('chained augmented assignment');
    if (items.length === 1) {
      const only = items[0] as PyNode;
      if (only.type === 'list_splat') this.fail('splat');
      return only;
    }
    for (const it of items) if (it.type === 'list_splat' && !isPatternSplat(it)) this.fail('splat');
    return this.node('expression_list', items);
  }

  /** `_expressions`: an expression or an expression_list. */
  private expressions(): PyNode {
    const first = this.starOrExpression(true);
    if (!this.isOp(',')) {
      if (first.type === 'list_splat') this.fail('splat');
      return first;
    }
    const items: Kid[] = [first];
    while (this.isOp(',')) {
      items.push(this.anon());
      if (
        this.atStatementEnd() ||
        this.isOp(':') ||
        this.isOp(')') ||
        this.isOp('}') ||
        this.isOp(']') ||
        this.isKw('from')
      )
        break;
      items.push(this.starOrExpression(true));
    }
    for (const it of items) if (it.type === 'list_splat' && !isPatternSplat(it)) this.fail('splat');
    return this.node('expression_list', items);
  }

  private yieldExpr(): PyNode {
    const kids: Kid[] = [this.anon()];
    if (this.isKw('from')) {
      kids.push(this.anon(), this.expression());
    } else if (
      !this.atStatementEnd() &&
      !this.isOp(')') &&
      !this.isOp(']') &&
      !this.isOp('}') &&
      !this.isOp('=')
    ) {
      kids.push(this.expressions());
    }
    return this.node('yield', kids);
  }

  /** `*x` (a `list_splat` of an identifier/attribute/subscript when `bare`) or an expression. */
  private starOrExpression(bare: boolean): PyNode {
    if (this.isOp('*')) {
      const star = this.anon();
      const arg = bare ? this.binary(0) : this.expression();
      // Bare `*x` is a primary expression in tree-sitter-python (`*a[0]` reads as `(*a)[0]`): names only.
      if (bare && arg.type !== 'identifier') this.fail('splat of an expression');
      return this.nodeOf('list_splat', [star, arg]);
    }
    return this.expression();
  }

  // ----- patterns

  private toPatternList(items: Kid[]): PyNode {
    if (items.length === 1) return this.toPattern(items[0] as PyNode);
    const kids = items.map((k) => (k.isNamed ? this.toPattern(k) : k));
    return this.node('pattern_list', kids);
  }

  private toPattern(n: PyNode): PyNode {
    switch (n.type) {
      case 'identifier':
      case 'attribute':
      case 'subscript':
        return n;
      case 'list_splat': {
        if (!isPatternSplat(n)) this.fail('splat target');
        return this.retype(n, 'list_splat_pattern', n.kids);
      }
      case 'tuple':
        return this.retype(
          n,
          'tuple_pattern',
          n.kids.map((k) => (k.isNamed ? this.toPattern(k) : k)),
        );
      case 'list':
        return this.retype(
          n,
          'list_pattern',
          n.kids.map((k) => (k.isNamed ? this.toPattern(k) : k)),
        );
      default:
        return this.fail(`target ${n.type}`);
    }
  }

  private retype(n: PyNode, type: string, kids: PyNode[]): PyNode {
    const m = new PyNode(this.tree, type, true, n.startIndex, n.endIndex, kids, n.fields);
    for (const k of kids) k.parent = m;
    return m;
  }

  // ----- compound statements

  /** `_suite` after the `:`: an indented block or simple statements on the same line. */
  private block(): PyNode {
    if (this.tok.k === NEWLINE) {
      this.advance();
      if (this.kind() !== INDENT) this.fail('expected an indented block');
      this.advance();
      const kids: Kid[] = [];
      while (this.kind() !== DEDENT) {
        if (this.kind() === EOF || this.kind() === INDENT || this.kind() === NEWLINE) this.fail('bad block');
        this.statement(kids);
      }
      const end = this.advance().s;
      return this.node('block', kids, undefined, Math.max(end, (kids[kids.length - 1] as PyNode).endIndex));
    }
    const kids: Kid[] = [];
    const end = this.simpleStatements(kids);
    return this.node('block', kids, undefined, end);
  }

  private ifStatement(): PyNode {
    const kids: Kid[] = [this.anon(), this.expression(), this.expect(':'), this.block()];
    const fields: (string | undefined)[] = [undefined, 'condition', undefined, 'consequence'];
    while (this.isKw('elif')) {
      const k = [this.anon(), this.expression(), this.expect(':'), this.block()];
      kids.push(this.node('elif_clause', k, [undefined, 'condition', undefined, 'consequence']));
      fields.push('alternative');
    }
    if (this.isKw('else')) {
      kids.push(this.elseClause());
      fields.push('alternative');
    }
    return this.node('if_statement', kids, fields);
  }

  private elseClause(): PyNode {
    const k = [this.anon(), this.expect(':'), this.block()];
    return this.node('else_clause', k, [undefined, undefined, 'body']);
  }

  private forStatement(async: PyNode | undefined): PyNode {
    const kids: Kid[] = [];
    const fields: (string | undefined)[] = [];
    if (async) {
      kids.push(async);
      fields.push(undefined);
    }
    kids.push(this.anon());
    kids.push(this.targets());
    kids.push(this.expect('in'));
    kids.push(this.expressions());
    kids.push(this.expect(':'));
    kids.push(this.block());
    fields.push(undefined, 'left', undefined, 'right', undefined, 'body');
    if (this.isKw('else')) {
      kids.push(this.elseClause());
      fields.push('alternative');
    }
    return this.node('for_statement', kids, fields);
  }

  /** A `for` target list (`_left_hand_side`), read up to `in`. */
  private targets(): PyNode {
    const items: Kid[] = [this.target()];
    while (this.isOp(',')) {
      items.push(this.anon());
      if (this.isKw('in')) break;
      items.push(this.target());
    }
    return this.toPatternList(items);
  }

  private target(): PyNode {
    if (this.isOp('*')) {
      const star = this.anon();
      const arg = this.binary(0);
      if (arg.type !== 'identifier') this.fail('splat of an expression');
      return this.nodeOf('list_splat', [star, arg]);
    }
    return this.binary(0);
  }

  private whileStatement(): PyNode {
    const kids: Kid[] = [this.anon(), this.expression(), this.expect(':'), this.block()];
    const fields: (string | undefined)[] = [undefined, 'condition', undefined, 'body'];
    if (this.isKw('else')) {
      kids.push(this.elseClause());
      fields.push('alternative');
    }
    return this.node('while_statement', kids, fields);
  }

  private tryStatement(): PyNode {
    const kids: Kid[] = [this.anon(), this.expect(':'), this.block()];
    const fields: (string | undefined)[] = [undefined, undefined, 'body'];
    let handlers = 0;
    while (this.isKw('except')) {
      handlers++;
      const k: Kid[] = [this.anon()];
      const f: (string | undefined)[] = [undefined];
      if (this.isOp('*')) this.fail('except*');
      if (!this.isOp(':')) {
        const value = this.expression();
        if (this.isKw('as')) {
          if (
            value.type === 'named_expression' ||
            value.type === 'lambda' ||
            value.type === 'conditional_expression'
          )
            this.fail('walrus, lambda or conditional before as');
          const as = this.anon();
          const target = this.expression();
          const alias = this.nodeOf('as_pattern_target', [target]);
          k.push(this.nodeOf('as_pattern', [value, as, alias], F_X_X_ALIAS));
        } else k.push(value);
        f.push('value');
        if (this.isOp(',')) this.fail('except a, b');
      }
      k.push(this.expect(':'), this.block());
      f.push(undefined, undefined);
      kids.push(this.node('except_clause', k, f));
      fields.push(undefined);
    }
    if (this.isKw('else')) {
      if (handlers === 0) this.fail('try/else');
      kids.push(this.elseClause());
      fields.push(undefined);
    }
    if (this.isKw('finally')) {
      const k = [this.anon(), this.expect(':'), this.block()];
      kids.push(this.node('finally_clause', k));
      fields.push(undefined);
    } else if (handlers === 0) this.fail('try without except or finally');
    return this.node('try_statement', kids, fields);
  }

  private withStatement(async: PyNode | undefined): PyNode {
    const kids: Kid[] = [];
    const fields: (string | undefined)[] = [];
    if (async) {
      kids.push(async);
      fields.push(undefined);
    }
    kids.push(this.anon());
    fields.push(undefined);
    if (this.isOp('(')) this.fail('parenthesized with');
    const items: Kid[] = [];
    for (;;) {
      const value = this.expression();
      let item: PyNode;
      if (this.isKw('as')) {
        if (
          value.type === 'named_expression' ||
          value.type === 'lambda' ||
          value.type === 'conditional_expression'
        )
          this.fail('walrus, lambda or conditional before as');
        const as = this.anon();
        const target = this.binary(0);
        if (!['identifier', 'attribute', 'subscript', 'tuple', 'list'].includes(target.type))
          this.fail('with target');
        const alias = this.nodeOf('as_pattern_target', [target]);
        item = this.nodeOf(
          'with_item',
          [this.nodeOf('as_pattern', [value, as, alias], F_X_X_ALIAS)],
          F_VALUE,
        );
      } else item = this.nodeOf('with_item', [value], F_VALUE);
      items.push(item);
      if (!this.isOp(',')) break;
      items.push(this.anon());
      if (this.isOp(':')) break;
    }
    kids.push(this.node('with_clause', items), this.expect(':'), this.block());
    fields.push(undefined, undefined, 'body');
    return this.node('with_statement', kids, fields);
  }

  private decorated(): PyNode {
    const kids: Kid[] = [];
    const fields: (string | undefined)[] = [];
    while (this.isOp('@')) {
      const at = this.anon();
      const expr = this.expression();
      if (this.tok.k !== NEWLINE) this.fail('decorator');
      const end = this.advance().s;
      kids.push(this.nodeOf('decorator', [at, expr], undefined, end));
      fields.push(undefined);
    }
    let def: PyNode;
    if (this.isKw('def')) def = this.functionDefinition(undefined);
    else if (this.isKw('class')) def = this.classDefinition();
    else if (this.isKw('async')) {
      const a = this.anon();
      if (!this.isKw('def')) this.fail('decorated async');
      def = this.functionDefinition(a);
    } else return this.fail('decorated');
    kids.push(def);
    fields.push('definition');
    return this.node('decorated_definition', kids, fields);
  }

  private functionDefinition(async: PyNode | undefined): PyNode {
    const kids: Kid[] = [];
    const fields: (string | undefined)[] = [];
    if (async) {
      kids.push(async);
      fields.push(undefined);
    }
    kids.push(this.anon(), this.identifier());
    fields.push(undefined, 'name');
    if (this.isOp('[')) this.fail('type parameters');
    kids.push(this.parameters());
    fields.push('parameters');
    if (this.isOp('->')) {
      kids.push(this.anon(), this.type());
      fields.push(undefined, 'return_type');
    }
    kids.push(this.expect(':'), this.block());
    fields.push(undefined, 'body');
    return this.node('function_definition', kids, fields);
  }

  private parameters(): PyNode {
    const kids: Kid[] = [this.expect('(')];
    if (!this.isOp(')')) this.parameterList(kids, ')');
    kids.push(this.expect(')'));
    return this.node('parameters', kids);
  }

  /** `_parameters` up to `close` (')' for def, ':' for lambda). */
  private parameterList(kids: Kid[], close: string): void {
    const lambda = close === ':';
    for (;;) {
      kids.push(this.parameter(lambda));
      if (!this.isOp(',')) break;
      kids.push(this.anon());
      if (this.isOp(close)) break;
    }
  }

  private parameter(lambda: boolean): PyNode {
    if (this.isOp('*') || this.isOp('**')) {
      const star = this.anon();
      if (star.type === '*' && (this.isOp(',') || this.isOp(')') || (lambda && this.isOp(':')))) {
        return this.nodeOf('keyword_separator', [star]);
      }
      const pat = this.node(star.type === '*' ? 'list_splat_pattern' : 'dictionary_splat_pattern', [
        star,
        this.identifier(),
      ]);
      if (!lambda && this.isOp(':')) {
        const colon = this.anon();
        return this.nodeOf('typed_parameter', [pat, colon, this.type()], F_X_X_TYPE);
      }
      return pat;
    }
    if (this.isOp('/')) {
      return this.nodeOf('positional_separator', [this.anon()]);
    }
    if (this.isOp('(')) this.fail('tuple parameter');
    const name = this.identifier();
    if (!lambda && this.isOp(':')) {
      const colon = this.anon();
      const type = this.type();
      if (this.isOp('=')) {
        const eq = this.anon();
        return this.nodeOf(
          'typed_default_parameter',
          [name, colon, type, eq, this.expression()],
          F_NAME_X_TYPE_X_VALUE,
        );
      }
      return this.nodeOf('typed_parameter', [name, colon, type], F_X_X_TYPE);
    }
    if (this.isOp('=')) {
      const eq = this.anon();
      return this.nodeOf('default_parameter', [name, eq, this.expression()], F_NAME_X_VALUE);
    }
    return name;
  }

  /** Whether the token after a type ends it (in a parameter list, an annotation or a type parameter). */
  private typeEnds(): boolean {
    return (
      this.isOp(',') ||
      this.isOp(')') ||
      this.isOp('=') ||
      this.isOp(':') ||
      this.isOp(']') ||
      this.kind() === NEWLINE
    );
  }

  /** A `type` (annotation): `Name[...]` is a generic_type, anything else an expression. */
  private type(): PyNode {
    if (
      this.tok.k === NAME &&
      !PYTHON_KEYWORDS.has(this.tok.v) &&
      this.peek2().k === OP &&
      this.peek2().v === '['
    ) {
      const id = this.identifier();
      const open = this.anon();
      const kids: Kid[] = [open, this.type()];
      while (this.isOp(',')) {
        kids.push(this.anon());
        if (this.isOp(']')) break;
        kids.push(this.type());
      }
      kids.push(this.expect(']'));
      const generic = this.nodeOf('generic_type', [id, this.node('type_parameter', kids)]);
      if (this.isOp('|')) {
        // `Generic[…] | X`: a union_type of two types, when X is a name, None or another generic type and
        // the annotation ends there (longer unions are not modelled).
        const left = this.nodeOf('type', [generic]);
        const bar = this.anon();
        const t = this.tok;
        if (!(t.k === NAME && (t.v === 'None' || !PYTHON_KEYWORDS.has(t.v)))) this.fail('union type');
        const right = this.type();
        const inner = right.kids[0] as PyNode;
        if (!['identifier', 'none', 'generic_type'].includes(inner.type) || !this.typeEnds())
          this.fail('union type');
        return this.nodeOf('type', [this.nodeOf('union_type', [left, bar, right])]);
      }
      if (!this.typeEnds()) this.fail('type expression');
      return this.nodeOf('type', [generic]);
    }
    const e = this.expression();
    if (e.type === 'lambda' || e.type === 'conditional_expression' || e.type === 'named_expression')
      this.fail('type');
    return this.nodeOf('type', [e]);
  }

  private classDefinition(): PyNode {
    const kids: Kid[] = [this.anon(), this.identifier()];
    const fields: (string | undefined)[] = [undefined, 'name'];
    if (this.isOp('[')) this.fail('type parameters');
    if (this.isOp('(')) {
      kids.push(this.argumentList());
      fields.push('superclasses');
    }
    kids.push(this.expect(':'), this.block());
    fields.push(undefined, 'body');
    return this.node('class_definition', kids, fields);
  }

  // ----- expressions

  /** `expression`: lambda, conditional, named expression, boolean/not/comparison or primary. */
  expression(): PyNode {
    const t = this.tok;
    let first: PyNode | undefined;
    if (t.k === NAME) {
      const v = t.v;
      if (v === 'lambda') return this.lambda(false);
      if (!PYTHON_KEYWORDS.has(v)) {
        const n2 = this.peek2();
        if (n2.k === OP && n2.v === ':=') {
          const name = this.identifier();
          const op = this.anon();
          const value = this.expression();
          // tree-sitter reads `x := a if b else c` as a conditional around `x := a`
          if (value.type === 'conditional_expression' || value.type === 'lambda') this.fail('walrus value');
          return this.nodeOf('named_expression', [name, op, value], F_NAME_X_VALUE);
        }
        first = this.postfix();
      } else if (v !== 'not' && v !== 'await') first = this.postfix();
    } else if (t.k !== OP || (t.v !== '-' && t.v !== '+' && t.v !== '~')) first = this.postfix();
    // The common case, a primary expression and no operator after it: what orTest would return.
    if (first && !this.continuesExpression()) return first;
    const e = this.orTest(first);
    if (this.isKw('if')) {
      const kw = this.anon();
      const cond = this.orTest();
      const el = this.expect('else');
      const other = this.expression();
      return this.nodeOf('conditional_expression', [e, kw, cond, el, other]);
    }
    return e;
  }

  private lambda(inFor: boolean): PyNode {
    const kids: Kid[] = [this.anon()];
    const fields: (string | undefined)[] = [undefined];
    if (!this.isOp(':')) {
      const params: Kid[] = [];
      this.parameterList(params, ':');
      kids.push(this.node('lambda_parameters', params));
      fields.push('parameters');
    }
    kids.push(this.expect(':'));
    fields.push(undefined);
    kids.push(inFor ? this.orTest() : this.expression());
    fields.push('body');
    return this.node('lambda', kids, fields);
  }

  /**
   * Whether the current token continues an expression after a primary (a binary, comparison or boolean
   * operator, or the `if` of a conditional expression).
   */
  private continuesExpression(): boolean {
    const t = this.tok;
    if (t.k === OP) return BINARY_PREC[t.v] !== undefined || COMPARISON.has(t.v);
    if (t.k !== NAME) return false;
    const v = t.v;
    return v === 'and' || v === 'or' || v === 'if' || v === 'in' || v === 'not' || v === 'is';
  }

  /** `first`, when given: the primary expression the operand starts with, already read (see `expression`). */
  private orTest(first?: PyNode): PyNode {
    let left = this.andTest(first);
    while (this.isKw('or')) {
      const op = this.anon();
      left = this.nodeOf('boolean_operator', [left, op, this.andTest()], F_LEFT_OPERATOR_RIGHT);
    }
    return left;
  }

  private andTest(first?: PyNode): PyNode {
    let left = first ? this.comparison(first) : this.notTest();
    while (this.isKw('and')) {
      const op = this.anon();
      left = this.nodeOf('boolean_operator', [left, op, this.notTest()], F_LEFT_OPERATOR_RIGHT);
    }
    return left;
  }

  private notTest(): PyNode {
    if (this.isKw('not')) {
      const op = this.anon();
      return this.nodeOf('not_operator', [op, this.notTest()], F_X_ARGUMENT);
    }
    return this.comparison();
  }

  private comparison(primary?: PyNode): PyNode {
    const first = this.binary(0, primary);
    if (!this.isComparisonOp()) return first;
    const kids: Kid[] = [first];
    const fields: (string | undefined)[] = [undefined];
    while (this.isComparisonOp()) {
      const t = this.tok;
      if (t.v === 'not') {
        const not = this.anon();
        const inn = this.expect('in');
        const op = new PyNode(
          this.tree,
          'not in',
          false,
          not.startIndex,
          inn.endIndex,
          [not, inn],
          undefined,
        );
        not.parent = op;
        inn.parent = op;
        kids.push(op);
      } else if (t.v === 'is' && this.peek2().k === NAME && this.peek2().v === 'not') {
        const is = this.anon();
        const not = this.anon();
        const op = new PyNode(this.tree, 'is not', false, is.startIndex, not.endIndex, [is, not], undefined);
        is.parent = op;
        not.parent = op;
        kids.push(op);
      } else kids.push(this.anon());
      fields.push('operators');
      kids.push(this.binary(0));
      fields.push(undefined);
    }
    return this.node('comparison_operator', kids, fields);
  }

  private isComparisonOp(): boolean {
    const t = this.tok;
    if (t.k === OP) return t.v !== 'in' && t.v !== 'not' && t.v !== 'is' && COMPARISON.has(t.v);
    if (t.k !== NAME) return false;
    if (t.v === 'in' || t.v === 'is') return true;
    if (t.v === 'not') {
      const n2 = this.peek2();
      return n2.k === NAME && n2.v === 'in';
    }
    return false;
  }

  /** Binary operators of precedence >= `min` over unary/await/primary operands (tree-sitter's precedences). */
  private binary(min: number, primary?: PyNode): PyNode {
    let left = primary ?? this.unary();
    for (;;) {
      const t = this.tok;
      if (t.k !== OP) break;
      const p = BINARY_PREC[t.v];
      if (p === undefined || p < min) break;
      const op = this.anon();
      const right = this.binary(t.v === '**' ? p : p + 1);
      left = this.nodeOf('binary_operator', [left, op, right], F_LEFT_OPERATOR_RIGHT);
    }
    return left;
  }

  private unary(): PyNode {
    const t = this.tok;
    if (t.k === OP && (t.v === '-' || t.v === '+' || t.v === '~')) {
      const op = this.anon();
      return this.nodeOf('unary_operator', [op, this.binary(21)], F_OPERATOR_ARGUMENT);
    }
    if (t.k === NAME && t.v === 'await') {
      const kw = this.anon();
      return this.nodeOf('await', [kw, this.binary(21)]);
    }
    return this.postfix();
  }

  private postfix(): PyNode {
    let e = this.atom();
    for (;;) {
      const t = this.tok;
      if (t.k !== OP) break;
      if (t.v === '.') {
        const dot = this.anon();
        e = this.nodeOf('attribute', [e, dot, this.identifier()], F_OBJECT_X_ATTRIBUTE);
      } else if (t.v === '(') {
        e = this.nodeOf('call', [e, this.argumentList()], F_FUNCTION_ARGUMENTS);
      } else if (t.v === '[') {
        e = this.subscript(e);
      } else break;
    }
    return e;
  }

  private subscript(value: PyNode): PyNode {
    const kids: Kid[] = [value, this.anon()];
    const fields: (string | undefined)[] = ['value', undefined];
    for (;;) {
      kids.push(this.sliceOrExpression());
      fields.push('subscript');
      if (!this.isOp(',')) break;
      kids.push(this.anon());
      fields.push(undefined);
      if (this.isOp(']')) break;
    }
    kids.push(this.expect(']'));
    fields.push(undefined);
    return this.node('subscript', kids, fields);
  }

  private sliceOrExpression(): PyNode {
    let first: PyNode | undefined;
    if (!this.isOp(':')) {
      first = this.expression();
      if (!this.isOp(':')) return first;
    }
    const kids: Kid[] = [];
    if (first) kids.push(first);
    kids.push(this.anon());
    if (!this.isOp(':') && !this.isOp(',') && !this.isOp(']')) kids.push(this.expression());
    if (this.isOp(':')) {
      kids.push(this.anon());
      if (!this.isOp(',') && !this.isOp(']')) kids.push(this.expression());
    }
    return this.node('slice', kids);
  }

  private argumentList(): PyNode {
    const open = this.anon();
    const kids: Kid[] = [open];
    if (this.isOp(')')) {
      kids.push(this.anon());
      return this.node('argument_list', kids);
    }
    for (;;) {
      let arg: PyNode;
      if (this.isOp('*')) {
        const star = this.anon();
        if (this.isOp('(')) this.fail('parenthesized splat');
        arg = this.nodeOf('list_splat', [star, this.splatOperand()]);
      } else if (this.isOp('**')) {
        const star = this.anon();
        arg = this.nodeOf('dictionary_splat', [star, this.expression()]);
      } else if (this.tok.k === NAME && this.peek2().k === OP && this.peek2().v === '=') {
        if (PYTHON_KEYWORDS.has(this.tok.v)) this.fail('keyword as argument name');
        const name = this.identifier();
        const eq = this.anon();
        arg = this.nodeOf('keyword_argument', [name, eq, this.expression()], F_NAME_X_VALUE);
      } else {
        arg = this.expression();
        if (kids.length === 1 && (this.isKw('for') || this.isKw('async'))) {
          // f(x for x in y): the call's arguments are a generator expression
          const gen: Kid[] = [open, arg];
          const fields: (string | undefined)[] = [undefined, 'body'];
          this.comprehensionClauses(gen, fields);
          gen.push(this.expect(')'));
          fields.push(undefined);
          return this.node('generator_expression', gen, fields);
        }
      }
      kids.push(arg);
      if (!this.isOp(',')) break;
      kids.push(this.anon());
      if (this.isOp(')')) break;
    }
    kids.push(this.expect(')'));
    return this.node('argument_list', kids);
  }

  private comprehensionClauses(kids: Kid[], fields: (string | undefined)[]): void {
    if (!this.isKw('for') && !this.isKw('async')) this.fail('expected for');
    for (;;) {
      if (this.isKw('for') || this.isKw('async')) {
        const k: Kid[] = [];
        const f: (string | undefined)[] = [];
        if (this.isKw('async')) {
          k.push(this.anon());
          f.push(undefined);
        }
        k.push(this.expect('for'), this.targets(), this.expect('in'));
        f.push(undefined, 'left', undefined);
        for (;;) {
          k.push(this.isKw('lambda') ? this.lambda(true) : this.orTest());
          f.push('right');
          if (!this.isOp(',')) break;
          k.push(this.anon());
          // `field('right', commaSep1(…))`: the commas between the expressions carry the field too
          if (this.isOp(')') || this.isOp(']') || this.isOp('}') || this.isKw('for') || this.isKw('if')) {
            f.push(undefined);
            break;
          }
          f.push('right');
        }
        kids.push(this.node('for_in_clause', k, f));
        fields.push(undefined);
      } else if (this.isKw('if')) {
        const kw = this.anon();
        kids.push(this.nodeOf('if_clause', [kw, this.orTest()]));
        fields.push(undefined);
      } else break;
    }
  }

  private atom(): PyNode {
    const t = this.tok;
    switch (t.k) {
      case NAME:
        switch (t.v) {
          case 'True':
            this.advance();
            return this.leaf('true', t);
          case 'False':
            this.advance();
            return this.leaf('false', t);
          case 'None':
            this.advance();
            return this.leaf('none', t);
          default:
            return this.identifier();
        }
      case NUM:
        this.advance();
        return this.leaf(t.v, t);
      case STR: {
        this.advance();
        const first = t.node as PyNode;
        if (this.tok.k !== STR) return first;
        const parts: Kid[] = [first];
        while (this.tok.k === STR) parts.push(this.advance().node as PyNode);
        return this.node('concatenated_string', parts);
      }
      case OP:
        switch (t.v) {
          case '(':
            return this.parenthesized();
          case '[':
            return this.listOrComprehension();
          case '{':
            return this.braces();
          case '...':
            this.advance();
            return this.leaf('ellipsis', t);
          default:
            return this.fail(`unexpected ${t.v}`);
        }
      default:
        return this.fail('unexpected token');
    }
  }

  /**
   * The operand of `*` in arguments and collections. tree-sitter-python also reads `*x` as a primary
   * expression (`list_splat` aliased from `list_splat_pattern`), so `*f(x)` and `*a[0]` may come out as
   * `call(list_splat …)`: only names and attributes are read here.
   */
  private splatOperand(): PyNode {
    const e = this.expression();
    let n = e;
    while (n.type === 'attribute') n = n.kids[0] as PyNode;
    if (n.type !== 'identifier') this.fail('splat of an expression');
    return e;
  }

  private collectionElement(): PyNode {
    if (this.isOp('*')) {
      const star = this.anon();
      if (this.isOp('(')) this.fail('parenthesized splat');
      return this.nodeOf('list_splat', [star, this.splatOperand()]);
    }
    if (this.isKw('yield')) return this.yieldExpr();
    return this.expression();
  }

  private parenthesized(): PyNode {
    const open = this.anon();
    if (this.isOp(')')) return this.nodeOf('tuple', [open, this.anon()]);
    const first = this.collectionElement();
    if (this.isOp(')')) {
      if (first.type === 'list_splat') this.fail('(*x)');
      return this.nodeOf('parenthesized_expression', [open, first, this.anon()]);
    }
    return this.sequenceAfter(open, first, ')', 'generator_expression', 'tuple', 'generator body');
  }

  private listOrComprehension(): PyNode {
    const open = this.anon();
    if (this.isOp(']')) return this.nodeOf('list', [open, this.anon()]);
    const first = this.collectionElement();
    return this.sequenceAfter(open, first, ']', 'list_comprehension', 'list', 'comprehension body');
  }

  /**
   * After `open first` of a tuple, a list or a set: a comprehension when `for` / `async` follows (`comprehension`, whose
   * body cannot be a splat or a yield: `why` declines), else the rest of the elements up to `close`.
   */
  private sequenceAfter(
    open: Kid,
    first: PyNode,
    close: string,
    comprehension: string,
    sequence: string,
    why: string,
  ): PyNode {
    const kids: Kid[] = [open, first];
    if (this.isKw('for') || this.isKw('async')) {
      if (first.type === 'list_splat' || first.type === 'yield') this.fail(why);
      const fields: (string | undefined)[] = [undefined, 'body'];
      this.comprehensionClauses(kids, fields);
      kids.push(this.expect(close));
      fields.push(undefined);
      return this.node(comprehension, kids, fields);
    }
    while (this.isOp(',')) {
      kids.push(this.anon());
      if (this.isOp(close)) break;
      kids.push(this.collectionElement());
    }
    kids.push(this.expect(close));
    return this.node(sequence, kids);
  }

  private braces(): PyNode {
    const open = this.anon();
    if (this.isOp('}')) return this.nodeOf('dictionary', [open, this.anon()]);
    let first: PyNode;
    if (this.isOp('**')) {
      const star = this.anon();
      first = this.nodeOf('dictionary_splat', [star, this.expression()]);
    } else {
      const key = this.collectionElement();
      if (this.isOp(':')) {
        if (key.type === 'list_splat' || key.type === 'yield') this.fail('dict key');
        const colon = this.anon();
        first = this.nodeOf('pair', [key, colon, this.expression()], F_KEY_X_VALUE);
      } else {
        // a set or a set comprehension
        return this.sequenceAfter(open, key, '}', 'set_comprehension', 'set', 'comprehension body');
      }
    }
    if (first.type === 'pair' && (this.isKw('for') || this.isKw('async'))) {
      const kids: Kid[] = [open, first];
      const fields: (string | undefined)[] = [undefined, 'body'];
      this.comprehensionClauses(kids, fields);
      kids.push(this.expect('}'));
      fields.push(undefined);
      return this.node('dictionary_comprehension', kids, fields);
    }
    const kids: Kid[] = [open, first];
    while (this.isOp(',')) {
      kids.push(this.anon());
      if (this.isOp('}')) break;
      if (this.isOp('**')) {
        const star = this.anon();
        kids.push(this.nodeOf('dictionary_splat', [star, this.expression()]));
      } else {
        const key = this.expression();
        const colon = this.expect(':');
        kids.push(this.nodeOf('pair', [key, colon, this.expression()], F_KEY_X_VALUE));
      }
    }
    kids.push(this.expect('}'));
    return this.node('dictionary', kids);
  }

  // ----- f-string interpolations

  /**
   * An `interpolation` (or a `format_expression` inside a format specifier) starting at the `{` at `at`,
   * read by a parser of its own over the same text.
   */
  interpolation(at: number, type: string): PyNode {
    const sub = new Parser(this.tree, at + 1, true);
    return sub.interpolationBody(at, type);
  }

  private interpolationBody(at: number, type: string): PyNode {
    const tree = this.tree;
    const text = this.text;
    const kids: Kid[] = [new PyNode(tree, '{', false, at, at + 1, EMPTY, undefined)];
    const fields: (string | undefined)[] = [undefined];
    if (this.isKw('yield') || this.isOp('*')) this.fail('f-string expression');
    const e = this.expression();
    if (this.isOp(',')) this.fail('f-string expression list');
    kids.push(e);
    fields.push('expression');
    if (this.lx.extras.length > 0) this.fail('comment in f-string');
    if (this.isOp('=')) {
      kids.push(this.anon());
      fields.push(undefined);
    }
    if (this.isOp('!')) {
      const t = this.tok;
      const c = text.charCodeAt(t.s + 1);
      if (!(c >= 97 && c <= 122) || isIdPart(text.charCodeAt(t.s + 2))) this.fail('conversion');
      kids.push(new PyNode(tree, 'type_conversion', true, t.s, t.s + 2, EMPTY, undefined));
      fields.push('type_conversion');
      // continue after the conversion letter (the lexer has not read past '!')
      this.lx.pos = t.s + 2;
      this.lx.depth = 1;
      this.ahead = undefined;
      this.tok = this.lx.next();
    }
    if (this.isOp(':')) {
      const colon = this.tok;
      // the format specifier: text and nested `{…}` up to the closing `}`
      const spec: Kid[] = [new PyNode(tree, ':', false, colon.s, colon.e, EMPTY, undefined)];
      let p = colon.e;
      for (;;) {
        const c = text.charCodeAt(p);
        if (p >= text.length || c === 10) this.fail('format specifier');
        if (c === 125) break;
        if (c === 123) {
          const fe = this.interpolation(p, 'format_expression');
          spec.push(fe);
          p = fe.endIndex;
          continue;
        }
        if (c === 34 || c === 39 || c === 92) this.fail('quote in format specifier');
        p++;
      }
      kids.push(this.node('format_specifier', spec, undefined, p));
      fields.push('format_specifier');
      kids.push(new PyNode(tree, '}', false, p, p + 1, EMPTY, undefined));
      fields.push(undefined);
    } else {
      if (!this.isOp('}')) this.fail('expected }');
      // not `anon()`: reading the token after the `}` would read the string's content as code
      kids.push(new PyNode(tree, '}', false, this.tok.s, this.tok.e, EMPTY, undefined));
      fields.push(undefined);
    }
    return this.node(type, kids, fields);
  }
}

function isPatternSplat(n: PyNode): boolean {
  const arg = n.kids[1];
  return !!arg && (arg.type === 'identifier' || arg.type === 'attribute' || arg.type === 'subscript');
}

/** Field lists of fixed node shapes, shared by every node of that shape. */
const F_NAME_X_ALIAS = Object.freeze(['name', undefined, 'alias']);
const F_LEFT_X_RIGHT = Object.freeze(['left', undefined, 'right']);
const F_LEFT_X_TYPE = Object.freeze(['left', undefined, 'type']);
const F_LEFT_OPERATOR_RIGHT = Object.freeze(['left', 'operator', 'right']);
const F_X_X_ALIAS = Object.freeze([undefined, undefined, 'alias']);
const F_X_X_TYPE = Object.freeze([undefined, undefined, 'type']);
const F_NAME_X_VALUE = Object.freeze(['name', undefined, 'value']);
const F_X_ARGUMENT = Object.freeze([undefined, 'argument']);
const F_OPERATOR_ARGUMENT = Object.freeze(['operator', 'argument']);
const F_OBJECT_X_ATTRIBUTE = Object.freeze(['object', undefined, 'attribute']);
const F_FUNCTION_ARGUMENTS = Object.freeze(['function', 'arguments']);
const F_KEY_X_VALUE = Object.freeze(['key', undefined, 'value']);
const F_NAME_X_TYPE_X_VALUE = Object.freeze(['name', undefined, 'type', undefined, 'value']);
const F_LEFT_X_TYPE_X_RIGHT = Object.freeze(['left', undefined, 'type', undefined, 'right']);
const F_VALUE = Object.freeze(['value']);

/** Put an extra (comment, line continuation) into the deepest node whose span contains it. */
function placeExtra(root: PyNode, x: PyNode): void {
  let node = root;
  for (;;) {
    const kids = node.kids;
    // children are sorted: binary search for the last child starting at or before x
    let lo = 0;
    let hi = kids.length - 1;
    let at = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((kids[mid] as PyNode).startIndex <= x.startIndex) {
        at = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    const c = at >= 0 ? (kids[at] as PyNode) : undefined;
    if (c && c.endIndex >= x.endIndex && c.kids.length > 0 && c.type !== 'string') {
      node = c;
      continue;
    }
    kids.splice(at + 1, 0, x);
    if (node.fields) {
      const f = node.fields.slice();
      f.splice(at + 1, 0, undefined);
      node.fields = f;
    }
    x.parent = node;
    return;
  }
}
