/**
 * The CDK TypeScript front end's reading of the text (see `cdk-syntax.ts`): one pass of a small lexer over the
 * file, then the sites the front end needs — `new` expressions, `const`/`let`/`var` declarators, assignments of a
 * `new` expression to a name or `this.x` (class fields included), and calls of the few construct methods — and
 * the expressions at those sites read into `TextNode`s shaped like tree-sitter-typescript's nodes. Expressions
 * outside the modelled subset (arrow functions, conditionals, `as`, generics, …) are taken from the tree at their
 * exact range; a file the lexer cannot follow throws `NotFast`.
 *
 * Tokens are kept in typed arrays (`Toks`), not one object each: a 5,000-line stack has ~43,000 of them, which as
 * objects were 3.6 MB to allocate and, alive through the reading, to copy in every young-generation garbage
 * collection meanwhile. The arguments of `new` expressions are read when first asked for (`LazyNew`), one
 * construct at a time, so that their nodes die young too.
 */
import type { Node } from '../parse/treesitter';
import {
  NotFast,
  TextReader,
  Unsupported,
  snippetExpression,
  statementValue,
  treeNodeFrom,
  type SNode,
  type TreeFallback,
} from './cdk-syntax';

export const enum T {
  Id,
  Num,
  Str,
  Tpl,
  TplHead,
  TplMid,
  TplTail,
  Re,
  P,
}

/** Kind of a token index past either end (no token). */
const NONE = -1;

/** Names that continue an expression on the next line (no `;` is inserted before them). */
const CONTINUES = new Set(['as', 'satisfies', 'in', 'of', 'instanceof']);

function copyInto<A extends Uint8Array | Int32Array>(into: A, from: A): A {
  into.set(from);
  return into;
}

/**
 * A lexed file: per token its kind, range, whether a line break precedes it, and its text for identifiers and
 * punctuators ('' otherwise), in parallel arrays.
 */
export class Toks {
  k: Uint8Array;
  s: Int32Array;
  e: Int32Array;
  nl: Uint8Array;
  /** (Sized with the other arrays: grown by `push`, 43,000 texts would be copied a dozen times.) */
  readonly v: string[];
  length = 0;
  /**
   * Characters the readers may still parse as snippets (a value parsed alone or with its statement) before the
   * file's tree is cheaper: as many as the file has, so a file full of unmodelled values costs at most two
   * parses of its length, not a parse per value.
   */
  snippetBudget = 0;
  /** Whether a line break came after the last token pushed (`lineBreak`): the next one's `nl`. */
  private breakPending = false;

  constructor(capacity: number) {
    const n = Math.max(16, capacity);
    this.k = new Uint8Array(n);
    this.s = new Int32Array(n);
    this.e = new Int32Array(n);
    this.nl = new Uint8Array(n);
    // (Larger arrays made with a length are dictionaries in V8: beyond this size the array grows as it fills.)
    this.v = new Array<string>(Math.min(n, 65_536));
  }

  /** Appends a token (preceded by a line break when `lineBreak` was called since the last one). */
  push(k: T, s: number, e: number, v: string): void {
    if (this.length === this.k.length) this.grow();
    const i = this.length++;
    this.k[i] = k;
    this.s[i] = s;
    this.e[i] = e;
    this.nl[i] = this.breakPending ? 1 : 0;
    this.breakPending = false;
    this.v[i] = v;
  }

  /** A line break between the last token and the next one (the lexer met one in spaces or a comment). */
  lineBreak(): void {
    this.breakPending = true;
  }

  private grow(): void {
    const n = this.k.length * 2;
    this.k = copyInto(new Uint8Array(n), this.k);
    this.s = copyInto(new Int32Array(n), this.s);
    this.e = copyInto(new Int32Array(n), this.e);
    this.nl = copyInto(new Uint8Array(n), this.nl);
  }

  /** The kind of token i, NONE past either end. */
  kind(i: number): number {
    return i >= 0 && i < this.length ? this.k[i]! : NONE;
  }

  /** The text of token i ('' for literals; undefined past either end). */
  text(i: number): string | undefined {
    return i >= 0 && i < this.length ? this.v[i] : undefined;
  }

  /** Whether token i is the punctuator `v`. */
  isP(i: number, v: string): boolean {
    return i >= 0 && i < this.length && this.k[i] === T.P && this.v[i] === v;
  }

  /** Whether token i is the identifier (or keyword) `v`. */
  isId(i: number, v: string): boolean {
    return i >= 0 && i < this.length && this.k[i] === T.Id && this.v[i] === v;
  }

  /** +1 for a token opening a bracket (`(` `[` `{`, a template's `${`), -1 for one closing it, else 0. */
  nesting(i: number): number {
    const k = this.k[i];
    if (k === T.TplHead) return 1;
    if (k === T.TplTail) return -1;
    if (k !== T.P) return 0;
    const v = this.v[i];
    return v === '(' || v === '[' || v === '{' ? 1 : v === ')' || v === ']' || v === '}' ? -1 : 0;
  }

  /**
   * The index of the last token of the statement starting at token `from`: the first `;` outside brackets, the
   * token before a line break that ends the statement (JavaScript inserts a `;` there: after a token that can
   * end an expression, before a name that cannot continue it), or the last token before the end of its block.
   */
  statementEnd(from: number): number {
    let depth = 0;
    for (let k = from; k < this.length; k++) {
      if (
        depth === 0 &&
        k > from + 1 &&
        this.nl[k] === 1 &&
        this.k[k] === T.Id &&
        !CONTINUES.has(this.v[k]!)
      ) {
        const p = k - 1;
        const pv = this.v[p]!;
        if (this.k[p] !== T.P || pv === ')' || pv === ']' || pv === '}' || pv === '++' || pv === '--')
          return p;
      }
      const n = this.nesting(k);
      depth += n;
      if (depth < 0) return k - 1;
      if (depth === 0 && n === 0 && this.isP(k, ';')) return k;
    }
    return this.length - 1;
  }

  /** Whether a line break precedes token i. */
  lineBefore(i: number): boolean {
    return i >= 0 && i < this.length && this.nl[i] === 1;
  }
}

const PUNCT = [
  '>>>=',
  '...',
  '===',
  '!==',
  '**=',
  '<<=',
  '>>=',
  '>>>',
  '&&=',
  '||=',
  '??=',
  '=>',
  '==',
  '!=',
  '<=',
  '>=',
  '&&',
  '||',
  '??',
  '?.',
  '++',
  '--',
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '&=',
  '|=',
  '^=',
  '**',
  '<<',
  '>>',
];
const SINGLE = new Set('{}()[];,<>+-*/%&|^!~?:=.@');
const REGEX_AFTER_WORD = new Set([
  'return',
  'typeof',
  'instanceof',
  'in',
  'of',
  'new',
  'delete',
  'void',
  'throw',
  'case',
  'do',
  'else',
  'yield',
  'await',
]);

const FLAGS = /[A-Za-z]*/y;
/** tree-sitter-javascript's `escape_sequence` token. */
const ESCAPE =
  /\\(?:[\r?][\n\u2028\u2029]|[0-7]{1,3}|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|u\{[0-9a-fA-F]+\}|[^xu0-7])/y;
const NUM =
  /(?:0[xX][\da-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][+-]?\d[\d_]*)?)n?/y;

function isIdPart(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 36 || c > 127
  );
}

/** The punctuator at i (longest match), if any. */
function punctAt(src: string, i: number, c: number): string | undefined {
  const ch = src[i]!;
  if (
    c === 40 ||
    c === 41 ||
    c === 91 ||
    c === 93 ||
    c === 59 ||
    c === 44 ||
    c === 58 ||
    c === 126 ||
    c === 64
  )
    return ch;
  if (c === 46) return src.startsWith('...', i) ? '...' : '.';
  if (!SINGLE.has(ch)) return undefined;
  const d = src.charCodeAt(i + 1);
  // Operators of two or more characters all continue with one of = & | ? * < > + - . (and `=>`).
  if (
    d === 61 ||
    d === 38 ||
    d === 124 ||
    d === 63 ||
    d === 42 ||
    d === 60 ||
    d === 62 ||
    d === 43 ||
    d === 45 ||
    d === 46
  )
    for (const q of PUNCT)
      if (q.charCodeAt(0) === c && src.startsWith(q, i)) {
        if (q === '?.' && src.charCodeAt(i + 2) >= 48 && src.charCodeAt(i + 2) <= 57) return '?';
        return q;
      }
  return ch;
}

function isLineBreak(c: number): boolean {
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
}

function regexAllowed(toks: Toks): boolean {
  const i = toks.length - 1;
  if (i < 0) return true;
  const v = toks.v[i]!;
  switch (toks.k[i]) {
    case T.Id:
      return REGEX_AFTER_WORD.has(v);
    case T.P:
      return !(v === ')' || v === ']' || v === '}' || v === '++' || v === '--');
    case T.TplHead:
    case T.TplMid:
      return true;
    default:
      return false;
  }
}

/**
 * Tokens of a TypeScript file (comments dropped), or of its balanced range [from, to); NotFast where the lexer
 * is not sure.
 */
export function lexTs(src: string, from = 0, to = src.length): Toks {
  const n = to;
  const toks = new Toks((n - from) >> 2);
  toks.snippetBudget = n - from;
  const braces: number[] = []; // 0 '{', 1 '${'
  // A `#!` line (tree-sitter's hash_bang_line) is not code.
  let i = from === 0 && src.startsWith('#!') ? src.indexOf('\n') + 1 || n : from;
  /** A template chunk from j (after '`' or '}'), as Tpl/TplHead (head) or TplMid/TplTail. */
  const template = (start: number, j: number, head: boolean): number => {
    for (;;) {
      if (j >= n) throw new NotFast('unterminated template');
      const c = src.charCodeAt(j);
      if (c === 92) j += 2;
      else if (c === 96) {
        toks.push(head ? T.Tpl : T.TplTail, start, j + 1, '');
        return j + 1;
      } else if (c === 36 && src.charCodeAt(j + 1) === 123) {
        toks.push(head ? T.TplHead : T.TplMid, start, j + 2, '');
        braces.push(1);
        return j + 2;
      } else j++;
    }
  };
  while (i < n) {
    const c = src.charCodeAt(i);
    if (isLineBreak(c)) {
      toks.lineBreak();
      i++;
      continue;
    }
    if (c === 32 || c === 9 || c === 11 || c === 12 || c === 0xa0 || c === 0xfeff) {
      i++;
      continue;
    }
    if (c === 47) {
      const d = src.charCodeAt(i + 1);
      if (d === 47) {
        let j = i + 2;
        while (j < n && !isLineBreak(src.charCodeAt(j))) j++;
        i = j;
        continue;
      }
      if (d === 42) {
        const j = src.indexOf('*/', i + 2);
        if (j < 0 || j + 2 > n) throw new NotFast('unterminated comment');
        for (let k = i + 2; k < j; k++) if (isLineBreak(src.charCodeAt(k))) toks.lineBreak();
        i = j + 2;
        continue;
      }
      if (regexAllowed(toks)) {
        let j = i + 1;
        let cls = false;
        for (;;) {
          if (j >= n) throw new NotFast('unterminated regex');
          const r = src.charCodeAt(j);
          if (isLineBreak(r)) throw new NotFast('regex with a line break');
          if (r === 92) j += 2;
          else if (r === 91) {
            cls = true;
            j++;
          } else if (r === 93) {
            cls = false;
            j++;
          } else if (r === 47 && !cls) break;
          else j++;
        }
        j++;
        FLAGS.lastIndex = j;
        j += FLAGS.exec(src)![0].length;
        toks.push(T.Re, i, j, '');
        i = j;
        continue;
      }
    }
    if (c > 127 && /\s/.test(src[i]!)) {
      i++;
      continue;
    }
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36 || c > 127 || c === 35) {
      let e = i + 1;
      while (e < n && isIdPart(src.charCodeAt(e))) e++;
      if (c === 35 && e === i + 1) throw new NotFast('odd character');
      toks.push(T.Id, i, e, src.slice(i, e));
      i = e;
      continue;
    }
    if (c === 92) throw new NotFast('unicode escape in an identifier');
    if ((c >= 48 && c <= 57) || (c === 46 && src.charCodeAt(i + 1) >= 48 && src.charCodeAt(i + 1) <= 57)) {
      NUM.lastIndex = i;
      const m = NUM.exec(src);
      if (!m) throw new NotFast('odd number');
      toks.push(T.Num, i, NUM.lastIndex, '');
      i = NUM.lastIndex;
      continue;
    }
    if (c === 39 || c === 34) {
      let j = i + 1;
      for (;;) {
        if (j >= n) throw new NotFast('unterminated string');
        const d = src.charCodeAt(j);
        if (d === 92) j += 2;
        else if (d === c) break;
        else if (d === 10) throw new NotFast('line break in a string');
        else j++;
      }
      toks.push(T.Str, i, j + 1, '');
      i = j + 1;
      continue;
    }
    if (c === 96) {
      i = template(i, i + 1, true);
      continue;
    }
    if (c === 123) {
      braces.push(0);
      toks.push(T.P, i, i + 1, '{');
      i++;
      continue;
    }
    if (c === 125) {
      const b = braces.pop();
      if (b === undefined) throw new NotFast('unbalanced }');
      if (b === 1) i = template(i, i + 1, false);
      else {
        toks.push(T.P, i, i + 1, '}');
        i++;
      }
      continue;
    }
    const p = punctAt(src, i, c);
    if (!p) throw new NotFast(`odd character ${src[i]}`);
    toks.push(T.P, i, i + p.length, p);
    i += p.length;
  }
  if (braces.length) throw new NotFast('unbalanced {');
  return toks;
}

const BINARY: Record<string, number> = {
  '??': 1,
  '||': 1,
  '&&': 2,
  '|': 3,
  '^': 4,
  '&': 5,
  '==': 6,
  '!=': 6,
  '===': 6,
  '!==': 6,
  '>': 7,
  '<=': 7,
  '>=': 7,
  instanceof: 7,
  in: 7,
  '<<': 8,
  '>>': 8,
  '>>>': 8,
  '+': 9,
  '-': 9,
  '*': 10,
  '/': 10,
  '%': 10,
  '**': 11,
};
const UNARY = new Set(['-', '+', '!', '~']);

const NOT_EXPR = new Set([
  'if',
  'else',
  'return',
  'for',
  'while',
  'do',
  'switch',
  'case',
  'break',
  'continue',
  'throw',
  'try',
  'catch',
  'finally',
  'var',
  'const',
  'export',
  'extends',
  'with',
  'debugger',
  'enum',
  'function',
  'class',
  'async',
  'await',
  'yield',
  'super',
  'import',
  'typeof',
  'void',
  'delete',
]);

/** Reads expressions of a lexed TypeScript file into TextNodes. */
export class TsReader extends TextReader {
  constructor(
    src: string,
    readonly toks: Toks,
    tree: () => Node,
  ) {
    super(src, tree);
  }

  protected get count(): number {
    return this.toks.length;
  }

  /** Token i's index, Unsupported past the end. */
  private at(i: number): number {
    if (i < 0 || i >= this.toks.length) throw new Unsupported('end of file');
    return i;
  }

  protected startOf(i: number): number {
    return this.toks.s[this.at(i)]!;
  }

  protected endOf(i: number): number {
    return this.toks.e[this.at(i)]!;
  }

  /**
   * A declaration's, assignment's or class field's value the reader does not model (`x as T`, generics, an
   * arrow function, …), read from its statement parsed alone (a field in a class of its own). The statement ends
   * at the first `;` outside brackets, at a line break before a name that cannot continue it (where JavaScript
   * inserts the `;`), or at the end of its block; a snippet that is not exactly one statement without errors is
   * left to the file's tree.
   */
  protected override statementValue(fb: TreeFallback): SNode | undefined {
    const from = fb.statement;
    if (from === undefined) return undefined;
    const end = this.toks.statementEnd(from);
    if (end < from) return undefined;
    const toks = this.toks;
    if (!this.spend(toks.e[end]! - toks.s[from]!)) return undefined;
    return statementValue(this.src, toks.s[from]!, toks.e[end]!, fb, 'typescript', fb.classMember);
  }

  /**
   * An element the reader does not model (an arrow function, a conditional, …) parsed on its own: no tree of
   * the whole file. Not with a `<` other than type arguments followed by `(` (where the element ends depends
   * on the parse), nor with `as` or `satisfies` (tree-sitter reads `x as a.B.C` in a file as `(x as a.B).C`,
   * alone as `x as (a.B.C)`).
   */
  protected override snippet(i: number, j: number): SNode | undefined {
    const toks = this.toks;
    for (let k = i; k < j; k++) {
      const v = toks.v[k]!;
      if (toks.k[k] === T.P && v === '<') {
        // Type arguments the element's extent kept whole; any other `<` leaves the element to the tree.
        const end = this.typeArgsEnd(k, k === i);
        if (end < 0) return undefined;
        k = end;
      } else if (toks.k[k] === T.Id && (v === 'as' || v === 'satisfies')) return undefined;
    }
    const close = toks.kind(j) === T.P ? toks.v[j]! : '';
    if (close !== ',' && close !== ')' && close !== ']' && close !== '}') return undefined;
    // The list the element is in: its opening bracket (an object's values come after `key:`).
    let depth = 0;
    let k = i - 1;
    for (; k >= 0; k--) {
      depth -= toks.nesting(k);
      if (depth < 0) break;
    }
    const list = toks.v[k];
    if (list !== '(' && list !== '[' && list !== '{') return undefined;
    if (list === '{' && !toks.isP(i - 1, ':')) return undefined;
    if (!this.spend(toks.e[j - 1]! - toks.s[i]!)) return undefined;
    return snippetExpression(this.src, toks.s[i]!, toks.e[j - 1]!, list, close, 'typescript');
  }

  /**
   * The named children of string or template text from s to e, as tree-sitter-javascript has them: runs of
   * plain characters (`string_fragment`) and `escape_sequence`s; appended to `out`. Unsupported for an escape
   * its grammar does not accept (`\\x4`, `\\u{}`).
   */
  pieces(s: number, e: number, out: SNode[]): SNode[] {
    const src = this.src;
    let frag = s;
    for (let i = s; i < e;) {
      if (src.charCodeAt(i) !== 92) {
        i++;
        continue;
      }
      ESCAPE.lastIndex = i;
      const m = ESCAPE.exec(src);
      if (!m || m.index + m[0].length > e) throw new Unsupported('escape');
      if (i > frag) out.push(this.node('string_fragment', frag, i));
      out.push(this.node('escape_sequence', i, i + m[0].length));
      i += m[0].length;
      frag = i;
    }
    if (e > frag) out.push(this.node('string_fragment', frag, e));
    return out;
  }

  /**
   * The index of the `>` closing type arguments opened by the `<` at j (`f<A, B>(x)`, `new Map<K, V>()`): a `<`
   * after a name whose match, outside brackets and before any `;`, is followed by `(`; with `assertion`, the
   * `<T>` of a type assertion `<T>x` (no `(` needed); -1 for a `<` read as an operator.
   */
  private typeArgsEnd(j: number, assertion = false): number {
    const toks = this.toks;
    if (!toks.isP(j, '<') || (!assertion && toks.kind(j - 1) !== T.Id)) return -1;
    let angles = 0;
    let depth = 0;
    for (let k = j; k < toks.length; k++) {
      if (toks.k[k] !== T.P) continue;
      const v = toks.v[k]!;
      if (v === '(' || v === '[' || v === '{') depth++;
      else if (v === ')' || v === ']' || v === '}') {
        if (--depth < 0) return -1;
      } else if (depth === 0) {
        if (v === '<') angles++;
        else if (v === '>' || v === '>>' || v === '>>>') {
          angles -= v.length;
          if (angles < 0) return -1;
          if (angles === 0) return assertion || toks.isP(k + 1, '(') ? k : -1;
        } else if (v === ';') return -1;
      }
    }
    return -1;
  }

  /** Whether `chars` more characters may be parsed as a snippet (see `Toks.snippetBudget`). */
  private spend(chars: number): boolean {
    if (this.toks.snippetBudget < chars) return false;
    this.toks.snippetBudget -= chars;
    return true;
  }

  /**
   * `new` expressions read so far by the index of their `new` token, with the index after each; made at the first
   * (a reader is made per construct's arguments, most of which hold no `new`).
   */
  private news: Map<number, { node: SNode; end: number }> | undefined;

  private expect(i: number, v: string): void {
    if (!this.toks.isP(i, v)) throw new Unsupported(`expected ${v}`);
  }

  /** Index after the list element starting at i (at the next `,`, closer or `;` outside brackets). */
  skipElement(i: number): number {
    const toks = this.toks;
    let depth = 0;
    for (let j = i; j < toks.length; j++) {
      const n = toks.nesting(j);
      if (n > 0) depth++;
      else if (n < 0) {
        if (depth === 0 && toks.k[j] === T.P) return j;
        depth--;
      } else if (depth === 0 && toks.k[j] === T.P) {
        const v = toks.v[j];
        if (v === ',' || v === ';') return j;
        // Type arguments (`f<A, B>(x)`; at the element's start a type assertion `<T>x`): their commas do not
        // end the element.
        if (v === '<') {
          const end = this.typeArgsEnd(j, j === i);
          if (end >= 0) j = end;
        }
      }
    }
    return toks.length;
  }

  /**
   * The token index after the expression the last `exprAt`/`binary`/…/`object` call read. The reading methods
   * return the node and leave the index here: a `[node, index]` pair per call (and its destructuring, through
   * the iterator protocol until V8 optimises the caller) was about a tenth of what reading a stack allocated.
   */
  private after = 0;

  expr(i: number): [SNode, number] {
    const n = this.exprAt(i);
    return [n, this.after];
  }

  private exprAt(i: number): SNode {
    const n = this.binary(i, 0);
    const j = this.after;
    const toks = this.toks;
    const k = toks.kind(j);
    const v = toks.text(j) ?? '';
    if (k === T.P && (v === '?' || v === '=>' || (v.endsWith('=') && !BINARY[v]))) throw new Unsupported(v);
    if (k === T.Id && !toks.lineBefore(j) && (v === 'as' || v === 'satisfies')) throw new Unsupported(v);
    this.after = j;
    return n;
  }

  private binary(i: number, min: number): SNode {
    const toks = this.toks;
    let left = this.unary(i);
    let j = this.after;
    for (;;) {
      const k = toks.kind(j);
      if (k !== T.P && k !== T.Id) break;
      const v = toks.v[j]!;
      if (k === T.P && v === '<') throw new Unsupported('<');
      const prec = BINARY[v];
      if (prec === undefined || prec < min) break;
      const right = this.binary(j + 1, v === '**' ? prec : prec + 1);
      const after = this.after;
      const op = this.node(v, toks.s[j]!, toks.e[j]!);
      left = this.node('binary_expression', left.startIndex, right.endIndex, [left, right], {
        left,
        operator: op,
        right,
      });
      j = after;
    }
    this.after = j;
    return left;
  }

  private unary(i: number): SNode {
    const toks = this.toks;
    const t = this.at(i);
    if (toks.k[t] === T.P && UNARY.has(toks.v[t]!)) {
      const arg = this.unary(i + 1); // (leaves `after`)
      const op = this.node(toks.v[t]!, toks.s[t]!, toks.e[t]!);
      return this.node('unary_expression', toks.s[t]!, arg.endIndex, [arg], { operator: op, argument: arg });
    }
    return this.postfix(i);
  }

  /**
   * Postfix expressions from token i; with `until`, it stops after the call whose function ends with the token
   * at `until` (`fn.metricErrors().createAlarm(…)` read without what follows it).
   */
  private postfix(i: number, until = -1): SNode {
    const toks = this.toks;
    let n = this.primary(i);
    let j = this.after;
    const stopAt = until >= 0 ? this.endOf(until) : -1;
    for (;;) {
      const k = toks.kind(j);
      if (k === NONE) break;
      const v = toks.v[j]!;
      if (k === T.P && (v === '.' || v === '?.')) {
        const p = this.at(j + 1);
        if (toks.k[p] !== T.Id) throw new Unsupported('computed member');
        const prop = this.node(
          toks.v[p]!.startsWith('#') ? 'private_property_identifier' : 'property_identifier',
          toks.s[p]!,
          toks.e[p]!,
        );
        // `a?.b`: tree-sitter puts an `optional_chain` node between the object and the property.
        const kids = v === '?.' ? [n, this.node('optional_chain', toks.s[j]!, toks.e[j]!), prop] : [n, prop];
        n = this.node('member_expression', n.startIndex, toks.e[p]!, kids, { object: n, property: prop });
        j += 2;
      } else if (k === T.P && v === '[') {
        const index = this.exprAt(j + 1);
        const after = this.after;
        this.expect(after, ']');
        n = this.node('subscript_expression', n.startIndex, this.endOf(after), [n, index], {
          object: n,
          index,
        });
        j = after + 1;
      } else if (k === T.P && v === '(') {
        const a = this.args(j);
        const after = this.after;
        const fn = n;
        n = this.node('call_expression', n.startIndex, a.endIndex, [n, a], { function: n, arguments: a });
        j = after;
        if (fn.endIndex === stopAt) break;
      } else if (k === T.P && v === '!' && !toks.lineBefore(j)) {
        n = this.node('non_null_expression', n.startIndex, toks.e[j]!, [n]);
        j++;
      } else if (k === T.Tpl || k === T.TplHead) throw new Unsupported('tagged template');
      else if (k === T.P && (v === '<' || v === '++' || v === '--')) throw new Unsupported(v);
      else break;
    }
    this.after = j;
    return n;
  }

  /** A node of one token at i (the index after it in `after`). */
  private leaf(node: SNode, i: number): SNode {
    this.after = i + 1;
    return node;
  }

  private primary(i: number): SNode {
    const toks = this.toks;
    const t = this.at(i);
    const s = toks.s[t]!;
    const e = toks.e[t]!;
    switch (toks.k[t]) {
      case T.Id: {
        const v = toks.v[t]!;
        if (v === 'new') return this.newExprAt(i);
        if (toks.isP(i + 1, '=>')) throw new Unsupported('arrow function');
        if (v === 'true' || v === 'false' || v === 'null' || v === 'undefined' || v === 'this')
          return this.leaf(this.node(v, s, e), i);
        if (NOT_EXPR.has(v) || v.startsWith('#')) throw new Unsupported(v);
        return this.leaf(this.node('identifier', s, e), i);
      }
      case T.Num:
        return this.leaf(this.node('number', s, e), i);
      case T.Str:
        return this.leaf(this.node('string', s, e, this.pieces(s + 1, e - 1, [])), i);
      case T.Tpl:
        return this.leaf(this.node('template_string', s, e, this.pieces(s + 1, e - 1, [])), i);
      case T.TplHead: {
        const parts = this.pieces(s + 1, e - 2, []);
        let j = i;
        let chunkEnd = e;
        for (;;) {
          const x = this.exprAt(j + 1);
          const after = this.after;
          const end = this.at(after);
          const ek = toks.k[end];
          if (ek !== T.TplMid && ek !== T.TplTail) throw new Unsupported('template');
          parts.push(this.node('template_substitution', chunkEnd - 2, toks.s[end]! + 1, [x]));
          this.pieces(toks.s[end]! + 1, ek === T.TplTail ? toks.e[end]! - 1 : toks.e[end]! - 2, parts);
          j = after;
          chunkEnd = toks.e[end]!;
          if (ek === T.TplTail) break;
        }
        this.after = j + 1;
        return this.node('template_string', s, chunkEnd, parts);
      }
      case T.P: {
        const v = toks.v[t]!;
        if (v === '(') {
          const inner = this.exprAt(i + 1);
          const j = this.after;
          this.expect(j, ')');
          if (toks.isP(j + 1, '=>')) throw new Unsupported('arrow function');
          this.after = j + 1;
          return this.node('parenthesized_expression', s, this.endOf(j), [inner]);
        }
        if (v === '[') return this.array(i);
        if (v === '{') return this.object(i);
        throw new Unsupported(v);
      }
      default:
        throw new Unsupported('expression');
    }
  }

  /**
   * The call of the method named at token m (`fn.addAlias(…)`, `fn.metricErrors().createAlarm(…)`), read from
   * the start of its receiver; undefined when the receiver is not one the reader follows back (the caller takes
   * the tree's node).
   */
  methodCall(m: number): SNode | undefined {
    const toks = this.toks;
    let j = m - 2;
    // Back over the receiver: names joined by `.`, argument lists and subscripts, `!`.
    for (;;) {
      const k = toks.kind(j);
      if (k === T.P && (toks.v[j] === ')' || toks.v[j] === ']')) {
        j = this.opener(j) - 1;
        continue;
      }
      if (k === T.P && toks.v[j] === '!') {
        j--;
        continue;
      }
      if (k !== T.Id) return undefined;
      if (toks.isP(j - 1, '.') || toks.isP(j - 1, '?.')) {
        j -= 2;
        continue;
      }
      // `new a.b().m(…)`: the receiver is the `new` expression.
      if (toks.isId(j - 1, 'new')) j--;
      break;
    }
    try {
      const n = this.postfix(j, m);
      const fn = n.type === 'call_expression' ? n.childForFieldName('function') : null;
      const prop = fn?.type === 'member_expression' ? fn.childForFieldName('property') : null;
      return prop && prop.startIndex === this.startOf(m) ? n : undefined;
    } catch (e) {
      if (!(e instanceof Unsupported)) throw e;
      return undefined;
    }
  }

  /** The index of the bracket token opening the one closing at j (or -1). */
  private opener(j: number): number {
    let depth = 0;
    for (let k = j; k >= 0; k--) {
      depth -= this.toks.nesting(k);
      if (depth === 0) return k;
    }
    return -1;
  }

  /** The index of the token closing the bracket opened at j (or -1). */
  private closer(j: number): number {
    let depth = 0;
    for (let k = j; k < this.toks.length; k++) {
      depth += this.toks.nesting(k);
      if (depth === 0) return k;
    }
    return -1;
  }

  /**
   * `new C(…)` at i (the `new` token), memoized by position: the constructor is read now, the arguments when
   * first asked for (`LazyNew`).
   */
  newExpr(i: number): [SNode, number] {
    const n = this.newExprAt(i);
    return [n, this.after];
  }

  private newExprAt(i: number): SNode {
    const known = this.news?.get(i);
    if (known) {
      this.after = known.end;
      return known.node;
    }
    const toks = this.toks;
    const t = this.at(i);
    const c = this.at(i + 1);
    const cv = toks.v[c]!;
    if (toks.k[c] !== T.Id || cv === 'new' || NOT_EXPR.has(cv)) throw new Unsupported('new of an expression');
    let ctor: SNode = this.node(cv === 'this' ? 'this' : 'identifier', toks.s[c]!, toks.e[c]!);
    let j = i + 2;
    while (toks.isP(j, '.')) {
      const p = this.at(j + 1);
      if (toks.k[p] !== T.Id) throw new Unsupported('computed member');
      const prop = this.node('property_identifier', toks.s[p]!, toks.e[p]!);
      ctor = this.node('member_expression', ctor.startIndex, toks.e[p]!, [ctor, prop], {
        object: ctor,
        property: prop,
      });
      j += 2;
    }
    if (toks.isP(j, '<') || toks.isP(j, '[') || toks.isP(j, '?.'))
      throw new Unsupported('new with type arguments');
    let n: LazyNew;
    if (toks.isP(j, '(')) {
      const close = this.closer(j);
      if (close < 0) throw new Unsupported('unbalanced arguments');
      n = new LazyNew(this.src, toks.s[t]!, toks.e[close]!, ctor, toks, j, this.tree, this.leadingArgs(j));
      j = close + 1;
    } else n = new LazyNew(this.src, toks.s[t]!, ctor.endIndex, ctor, toks, -1, this.tree, []);
    (this.news ??= new Map()).set(i, { node: n, end: j });
    this.after = j;
    return n;
  }

  /**
   * The first two arguments of the list opened at j while each is one token (the scope and the construct id,
   * `(this, 'Fn', …)`), with `null` after them when the list ends there: what reading a construct's id needs.
   */
  private leadingArgs(j: number): (SNode | null)[] {
    const toks = this.toks;
    const out: (SNode | null)[] = [];
    let p = j + 1;
    for (let k = 0; k < 2; k++) {
      if (toks.isP(p, ')')) {
        out.push(null);
        break;
      }
      const kind = toks.kind(p);
      const last = toks.isP(p + 1, ')');
      if (kind === NONE || kind === T.P || kind === T.TplHead || !(last || toks.isP(p + 1, ','))) break;
      try {
        out.push(this.primary(p));
      } catch (e) {
        if (!(e instanceof Unsupported)) throw e;
        break;
      }
      p += 2;
      if (last) {
        out.push(null);
        break;
      }
    }
    return out;
  }

  /** The argument list at token i (a `(`), read completely. */
  argumentsAt(i: number): SNode {
    return this.args(i);
  }

  /** A list element: an expression or `...spread`. */
  /** An element read as the base class reads one (`element`: the tree's node where the reader stops). */
  private elementAt(i: number): SNode {
    const [e, j] = this.element(i);
    this.after = j;
    return e;
  }

  private item(i: number): SNode {
    if (this.toks.isP(this.at(i), '...')) {
      try {
        const e = this.exprAt(i + 1); // (leaves `after`)
        return this.node('spread_element', this.startOf(i), e.endIndex, [e]);
      } catch (e) {
        if (!(e instanceof Unsupported)) throw e;
        return this.elementAt(i);
      }
    }
    return this.elementAt(i);
  }

  /** The elements of the list opened at i; `after` is the index of its closing token. */
  private list(i: number, close: string): SNode[] {
    const toks = this.toks;
    const items: SNode[] = [];
    let j = i + 1;
    while (!toks.isP(j, close)) {
      if (toks.isP(j, ',')) throw new Unsupported('hole');
      items.push(this.item(j));
      j = this.after;
      if (toks.isP(j, ',')) j++;
      else if (!toks.isP(j, close)) throw new Unsupported(`expected ${close}`);
    }
    this.after = j;
    return items;
  }

  private args(i: number): SNode {
    const items = this.list(i, ')');
    const j = this.after;
    this.after = j + 1;
    return this.node('arguments', this.startOf(i), this.endOf(j), items);
  }

  private array(i: number): SNode {
    const items = this.list(i, ']');
    const j = this.after;
    this.after = j + 1;
    return this.node('array', this.startOf(i), this.endOf(j), items);
  }

  private object(i: number): SNode {
    const toks = this.toks;
    const entries: SNode[] = [];
    let j = i + 1;
    while (!toks.isP(j, '}')) {
      const t = this.at(j);
      const k = toks.k[t];
      const s = toks.s[t]!;
      const e = toks.e[t]!;
      const v = toks.v[t]!;
      if (toks.isP(t, '...')) {
        entries.push(this.item(j));
        j = this.after;
      } else if ((k === T.Id || k === T.Str || k === T.Num) && toks.isP(j + 1, ':')) {
        const key =
          k === T.Str
            ? this.node('string', s, e, this.pieces(s + 1, e - 1, []))
            : this.node(
                k === T.Num
                  ? 'number'
                  : v.startsWith('#')
                    ? 'private_property_identifier'
                    : 'property_identifier',
                s,
                e,
              );
        const value = this.elementAt(j + 2);
        entries.push(this.node('pair', s, value.endIndex, [key, value], { key, value }));
        j = this.after;
      } else if (k === T.Id && (toks.isP(j + 1, ',') || toks.isP(j + 1, '}')) && !v.startsWith('#')) {
        entries.push(this.node('shorthand_property_identifier', s, e));
        j++;
      } else throw new Unsupported('object member');
      if (toks.isP(j, ',')) j++;
      else if (!toks.isP(j, '}')) throw new Unsupported('expected }');
    }
    this.after = j + 1;
    return this.node('object', this.startOf(i), this.endOf(j), entries);
  }
}

/**
 * A `new` expression read from the text whose arguments are read when first asked for: a 5,000-line stack's
 * construct arguments are then read one construct at a time (`release` lets them go after the model build used
 * them) and die young, instead of all living through the model build and being copied by every young-generation
 * garbage collection meanwhile. Shaped as tree-sitter's `new_expression` (constructor and arguments fields).
 */
export class LazyNew implements SNode {
  readonly type = 'new_expression';
  /** The argument list once read (undefined: not read, or let go by `release`). */
  private argsNode: SNode | undefined;

  constructor(
    readonly src: string,
    readonly startIndex: number,
    readonly endIndex: number,
    readonly ctor: SNode,
    /** The file's tokens, until `seal` (the arguments read for good). */
    private toks: Toks | undefined,
    /** Token index of the `(` of the arguments, -1 without arguments (`new C`). */
    private readonly argsAt: number,
    private readonly tree: () => Node,
    /** The leading one-token arguments read with the constructor (`null`: the list ends there). */
    private readonly leading: readonly (SNode | null)[],
  ) {}

  get text(): string {
    return this.src.slice(this.startIndex, this.endIndex);
  }

  /** The argument list (read now if it was not). */
  get arguments(): SNode | null {
    if (this.argsAt < 0) return null;
    return (this.argsNode ??= this.readArguments());
  }

  get namedChildren(): readonly SNode[] {
    const a = this.arguments;
    return a ? [this.ctor, a] : [this.ctor];
  }

  childForFieldName(name: string): SNode | null {
    if (name === 'constructor') return this.ctor;
    if (name === 'arguments') return this.arguments;
    return null;
  }

  /** The k-th argument (k < 2 without reading the list when it is one token), or undefined. */
  argument(k: number): SNode | undefined {
    if (this.argsNode === undefined && k < this.leading.length) return this.leading[k] ?? undefined;
    const a = this.arguments;
    if (!a) return undefined;
    let i = 0;
    for (const c of a.namedChildren) if (c && c.type !== 'comment' && i++ === k) return c;
    return undefined;
  }

  /** Let the argument list go (it is read again if asked for), unless sealed. */
  release(): void {
    if (this.toks) this.argsNode = undefined;
  }

  /** Read the arguments for good and let the file's tokens go (a node kept after the reading). */
  seal(): void {
    void this.arguments;
    this.toks = undefined;
  }

  private readArguments(): SNode {
    if (!this.toks) throw new NotFast('arguments of a sealed new expression');
    try {
      return new TsReader(this.src, this.toks, this.tree).argumentsAt(this.argsAt);
    } catch (e) {
      if (!(e instanceof Unsupported)) throw e;
      // Not an argument list (a syntax error: each element the reader does not model is the tree's already),
      // so the range taken from the brackets may not be the tree's either: the file is read from the tree.
      throw new NotFast(`arguments: ${e.message}`);
    }
  }
}

// ---- Sites ------------------------------------------------------------------------------------------------

/** What the front end needs of a file, in document order. */
export type TsEvent =
  | { t: 'decl'; name: string | undefined; kind: string; value: SNode | null }
  | { t: 'bind'; key: string; value: SNode };

export interface TsSites {
  events: TsEvent[];
  news: SNode[];
  /** Calls of the construct methods. */
  methods: SNode[];
}

const DECLARATOR = ['variable_declarator'];
const FIELD = ['public_field_definition'];
const ASSIGNMENT = ['assignment_expression'];
const CLASS = 1;
const OTHER = 0;
const MODIFIERS = new Set([
  'public',
  'private',
  'protected',
  'readonly',
  'static',
  'declare',
  'override',
  'accessor',
  'abstract',
]);
/** Tokens after which a dotted name starts a statement (so `x = new C()` there is an assignment). */
const STATEMENT_END = new Set([';', '{', '}', ')', '=>', '=']);

function newish(toks: Toks, i: number): boolean {
  return toks.isId(i, 'new') || toks.isP(i, '(') || toks.isP(i, '<');
}

const TYPE_CONTINUES = new Set(['|', '&', ':', '=>', '.', '<', ',']);

/** Skip a type annotation from i to the `=`, `,`, `;` or closer that ends it. */
function skipType(toks: Toks, i: number): number {
  let depth = 0;
  for (let j = i; j < toks.length; j++) {
    const k = toks.k[j];
    if (k === T.TplHead) depth++;
    else if (k === T.TplTail) depth--;
    if (k !== T.P) {
      if (depth === 0 && k === T.Id && (toks.v[j] === 'of' || toks.v[j] === 'in') && j > i) return j;
      if (
        depth === 0 &&
        toks.nl[j] === 1 &&
        j > i &&
        !(toks.k[j - 1] === T.P && TYPE_CONTINUES.has(toks.v[j - 1]!))
      )
        return j;
      continue;
    }
    const v = toks.v[j];
    if (v === '(' || v === '[' || v === '{' || v === '<') depth++;
    else if (v === '>') depth--;
    else if (v === '>>') depth -= 2;
    else if (v === '>>>') depth -= 3;
    else if (v === ')' || v === ']' || v === '}') {
      if (depth === 0) return j;
      depth--;
    } else if (depth === 0 && (v === '=' || v === ',' || v === ';')) return j;
    if (depth < 0) throw new NotFast('type');
  }
  return toks.length;
}

/** One top-level import of a module as the text shows it (see `importsOfTokens`). */
export interface TsImport {
  /** The module specifier as written (the string token's range, quotes included). */
  source: { s: number; e: number };
  /** `import X from` / `import X, …`: the default binding. */
  defaultName?: string;
  /** `import * as X from`. */
  namespace?: string;
  /** `import { a, b as c } from`: [imported name, local name]. */
  named: [string, string][];
}

/**
 * The top-level `import` statements of a lexed file, in order, read from the tokens (tree-sitter's
 * `import_statement` with an `import_clause` or an `import x = require('m')`, and top-level
 * `const x = require('m')`); `import 'x'` binds nothing. NotFast for any form not modelled (`import x = a.b`,
 * a `require` declaration of another shape).
 */
export function importsOfTokens(toks: Toks): TsImport[] {
  const out: TsImport[] = [];
  let depth = 0;
  for (let i = 0; i < toks.length; i++) {
    depth += toks.nesting(i);
    if (toks.k[i] !== T.Id) continue;
    const v = toks.v[i];
    if (v === 'require') {
      // `const x = require('m')` at the top level binds as `import * as x from 'm'` does; a `require`
      // elsewhere binds nothing (as in the tree reading); other top-level forms are read from the tree.
      if (depth !== 0) continue;
      const r = requireAt(toks, i);
      if (r) out.push(r);
      continue;
    }
    if (v !== 'import' || depth !== 0) continue;
    // (The statement is read by a function of its own: closures here would cost a context per token.)
    const [imp, end] = importAt(toks, i);
    if (imp) out.push(imp);
    i = end;
  }
  return out;
}

/**
 * `const|let|var x = require('m')` around the `require` at i, ended by `;`, the end of the file or a line break
 * before a name; undefined for a `require` that is no call (`require.resolve`); NotFast for any other form.
 */
function requireAt(toks: Toks, i: number): TsImport | undefined {
  if (!toks.isP(i + 1, '(')) return undefined;
  const decl = toks.text(i - 3);
  if (
    !toks.isP(i - 1, '=') ||
    toks.kind(i - 2) !== T.Id ||
    toks.kind(i - 3) !== T.Id ||
    (decl !== 'const' && decl !== 'let' && decl !== 'var') ||
    toks.kind(i + 2) !== T.Str ||
    !toks.isP(i + 3, ')')
  )
    throw new NotFast('require');
  const after = i + 4;
  const ends =
    after >= toks.length ||
    toks.isP(after, ';') ||
    (toks.lineBefore(after) && toks.k[after] === T.Id && !CONTINUES.has(toks.v[after]!));
  if (!ends) throw new NotFast('require');
  return { source: { s: toks.s[i + 2]!, e: toks.e[i + 2]! }, namespace: toks.v[i - 2]!, named: [] };
}

/** The identifier at j, NotFast when there is none. */
function importName(toks: Toks, j: number): string {
  if (toks.kind(j) !== T.Id) throw new NotFast('import: expected a name');
  return toks.v[j]!;
}

/** The import statement at token i (its `import`) and the index of its last token; no import for `import(`. */
function importAt(toks: Toks, i: number): [TsImport | undefined, number] {
  let j = i + 1;
  if (toks.isP(j, '(') || toks.isP(j, '.')) return [undefined, i]; // import(…), import.meta
  if (i > 0 && !(toks.isP(i - 1, ';') || toks.isP(i - 1, '}')) && !toks.lineBefore(i))
    throw new NotFast('import in an expression');
  if (toks.kind(j) === T.Str) return [undefined, j]; // import 'x' (no bindings)
  if (toks.isId(j, 'type') && j + 1 < toks.length && !toks.isP(j + 1, ',')) {
    if (!toks.isId(j + 1, 'from')) j++; // `import type …` (not `import type from 'x'`)
  }
  const imp: TsImport = { source: { s: toks.s[i]!, e: toks.e[i]! }, named: [] };
  if (toks.kind(j) === T.Id && toks.v[j] !== 'from') {
    imp.defaultName = importName(toks, j++);
    if (toks.isP(j, '=')) {
      // `import x = require('m')`: x is the module, as with `import * as x from 'm'`.
      if (!toks.isId(j + 1, 'require') || !toks.isP(j + 2, '(') || toks.kind(j + 3) !== T.Str)
        throw new NotFast('import =');
      if (!toks.isP(j + 4, ')')) throw new NotFast('import = require');
      return [
        { source: { s: toks.s[j + 3]!, e: toks.e[j + 3]! }, namespace: imp.defaultName, named: [] },
        j + 4,
      ];
    }
    if (toks.isP(j, ',')) j++;
  } else if (toks.isId(j, 'from') && toks.isP(j + 1, ',')) {
    imp.defaultName = importName(toks, j++); // `import from, { x } from 'y'`
    j++;
  } else if (toks.isId(j, 'from') && toks.kind(j + 1) === T.Id) {
    imp.defaultName = importName(toks, j++); // `import from from 'y'`
  }
  if (toks.isP(j, '*')) {
    j++;
    if (!toks.isId(j, 'as')) throw new NotFast('import *');
    j++;
    imp.namespace = importName(toks, j++);
  } else if (toks.isP(j, '{')) {
    j++;
    while (!toks.isP(j, '}')) {
      if ((toks.isId(j, 'type') || toks.isId(j, 'typeof')) && toks.kind(j + 1) === T.Id) {
        if (toks.v[j + 1] === 'as') throw new NotFast('import { type as … }');
        j++;
      }
      if (toks.kind(j) === T.Str) throw new NotFast('import of a string name');
      const name = importName(toks, j++);
      let local = name;
      if (toks.isId(j, 'as')) {
        j++;
        local = importName(toks, j++);
      }
      imp.named.push([name, local]);
      if (toks.isP(j, ',')) j++;
      else if (!toks.isP(j, '}')) throw new NotFast('import { … }');
    }
    j++;
  }
  if (!toks.isId(j, 'from')) throw new NotFast('import: expected from');
  j++;
  if (toks.kind(j) !== T.Str) throw new NotFast('import: expected a module');
  imp.source = { s: toks.s[j]!, e: toks.e[j]! };
  return [imp, j];
}

export function scanTs(src: string, toks: Toks, root: () => Node, methodNames: ReadonlySet<string>): TsSites {
  const r = new TsReader(src, toks, root);
  const events: TsEvent[] = [];
  const news: SNode[] = [];
  const methodAt: number[] = [];
  const consumed = new Set<number>();
  const stack: number[] = [];
  // After `class`: the depth its header is at, and open `<` of its type arguments (`extends B<{ x: 1 }>`).
  let classAt = -1;
  let classAngles = 0;
  for (let i = 0; i < toks.length; i++) {
    const k = toks.k[i];
    if (k === T.TplHead) stack.push(OTHER);
    else if (k === T.TplTail) stack.pop();
    if (k === T.P) {
      const v = toks.v[i]!;
      if (v === '{') {
        const body = classAt === stack.length && classAngles === 0;
        stack.push(body ? CLASS : OTHER);
        if (body) classAt = -1;
      } else if (classAt === stack.length && (v === '<' || v === '>' || v === '>>' || v === '>>>'))
        classAngles += v === '<' ? 1 : -v.length;
      else if (v === '(' || v === '[') stack.push(OTHER);
      else if (v === '}' || v === ')' || v === ']') {
        if (stack.pop() === undefined) throw new NotFast('unbalanced');
      } else if (v === '=' && !consumed.has(i)) assignment(i);
      else if ((v === '.' || v === '?.') && toks.kind(i + 1) === T.Id && methodNames.has(toks.v[i + 1]!))
        if (toks.isP(i + 2, '(')) methodAt.push(i + 1);
      continue;
    }
    if (k !== T.Id) continue;
    if (toks.isP(i - 1, '.') || toks.isP(i - 1, '?.')) continue;
    const next = i + 1;
    const nk = toks.kind(next);
    switch (toks.v[i]) {
      case 'class':
        if (nk === T.Id || toks.isP(next, '{')) {
          classAt = stack.length;
          classAngles = 0;
        }
        break;
      case 'const':
      case 'let':
      case 'var':
        if (nk === T.Id || toks.isP(next, '{') || toks.isP(next, '[')) declarations(i);
        break;
      case 'new':
        if (
          nk === NONE ||
          toks.isP(next, '.') ||
          toks.isP(next, ':') ||
          toks.isP(next, '?') ||
          toks.isP(next, ',') ||
          toks.isP(next, '}')
        )
          break;
        if (nk !== T.Id) throw new NotFast('new of an expression');
        try {
          news.push(r.newExpr(i)[0]);
        } catch (e) {
          if (!(e instanceof Unsupported)) throw e;
          news.push(treeNodeFrom(r.root(), toks.s[i]!, ['new_expression']));
        }
        break;
      default:
        break;
    }
  }
  if (stack.length) throw new NotFast('unbalanced');

  function declarations(i: number): void {
    const kind = toks.v[i]!;
    if (toks.v[i + 1] === 'enum') return;
    let j = i + 1;
    for (;;) {
      const nameTok = j;
      const nk = toks.kind(j);
      if (nk === NONE) return;
      let name: string | undefined;
      if (nk === T.Id) {
        name = toks.v[j];
        j++;
      } else if (toks.isP(j, '{') || toks.isP(j, '[')) {
        j = r.skipElement(j + 1) + 1;
      } else return;
      if (toks.isP(j, '!')) j++;
      if (toks.isP(j, ':')) j = skipType(toks, j + 1);
      if (toks.isId(j, 'of') || toks.isId(j, 'in')) return;
      if (toks.isP(j, '=')) {
        consumed.add(j);
        const [value, k] = r.element(j + 1, {
          at: toks.s[nameTok]!,
          types: DECLARATOR,
          field: 'value',
          exact: true,
          statement: i,
        });
        events.push({ t: 'decl', name, kind, value });
        j = k;
      } else events.push({ t: 'decl', name, kind, value: null });
      if (!toks.isP(j, ',')) return;
      j++;
    }
  }

  function assignment(i: number): void {
    if (!newish(toks, i + 1)) return;
    if (stack[stack.length - 1] === CLASS) {
      // A class field: `[modifiers] name[!?] = new C(…)`.
      let k = i - 1;
      if (toks.isP(k, '!') || toks.isP(k, '?')) k--;
      const before = k - 1;
      if (
        toks.kind(k) !== T.Id ||
        !(
          before < 0 ||
          toks.lineBefore(k) ||
          (toks.kind(before) === T.Id && MODIFIERS.has(toks.v[before]!)) ||
          toks.isP(before, ';') ||
          toks.isP(before, '{') ||
          toks.isP(before, '}')
        )
      )
        throw new NotFast('class field');
      const [value] = r.element(i + 1, {
        at: toks.s[i]!,
        types: FIELD,
        field: 'value',
        exact: false,
        statement: k,
        classMember: true,
      });
      events.push({ t: 'bind', key: `this.${toks.v[k]}`, value });
      return;
    }
    const last = i - 1;
    if (last < 0) return;
    if (toks.isP(last, ')')) throw new NotFast('assignment to a parenthesized target');
    if (toks.k[last] !== T.Id) return;
    let k = i - 1;
    while (toks.isP(k - 1, '.') && toks.kind(k - 2) === T.Id) k -= 2;
    const pre = k - 1;
    if (toks.isP(pre, '.') || toks.isP(pre, '?.')) return;
    const pk = toks.kind(pre);
    const ok =
      pk === NONE ||
      (pk === T.P && STATEMENT_END.has(toks.v[pre]!)) ||
      (pk !== T.P && toks.lineBefore(k)) ||
      (pk === T.Id && (toks.v[pre] === 'else' || toks.v[pre] === 'do' || toks.v[pre] === 'return'));
    if (!ok) throw new NotFast('assignment in an expression');
    const parts: string[] = [];
    for (let m = k; m < i; m += 2) parts.push(toks.v[m]!);
    const [value] = r.element(i + 1, {
      at: toks.s[k]!,
      types: ASSIGNMENT,
      field: 'right',
      exact: true,
      statement: k,
    });
    events.push({ t: 'bind', key: parts.join('.'), value });
  }

  const methods: SNode[] = [];
  for (const m of methodAt) {
    // `a.b.m(…)` read from the text; other receivers (`?.`, a parenthesized or template expression) from the tree.
    const read = toks.isP(m - 1, '.') ? r.methodCall(m) : undefined;
    if (read) {
      methods.push(read);
      continue;
    }
    const at = toks.s[m]!;
    const prop = r.root().descendantForIndex(at, at + 1);
    const member = prop?.parent;
    const call = member?.parent;
    if (
      prop?.type === 'property_identifier' &&
      member?.type === 'member_expression' &&
      call?.type === 'call_expression' &&
      call.childForFieldName('function')?.endIndex === member.endIndex
    )
      methods.push(call);
  }
  // Document order of the calls (an outer call before the calls inside it), as the tree lists them.
  methods.sort((a, b) => a.startIndex - b.startIndex || b.endIndex - a.endIndex);
  return { events, news, methods };
}
