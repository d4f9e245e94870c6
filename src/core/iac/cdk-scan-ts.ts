/**
 * The CDK TypeScript front end's reading of the text (see `cdk-syntax.ts`): one pass of a small lexer over the
 * file, then the sites the front end needs — `new` expressions, `const`/`let`/`var` declarators, assignments of a
 * `new` expression to a name or `this.x` (class fields included), and calls of the few construct methods — and
 * the expressions at those sites read into `TextNode`s shaped like tree-sitter-typescript's nodes. Expressions
 * outside the modelled subset (arrow functions, conditionals, `as`, generics, …) are taken from the tree at their
 * exact range; a file the lexer cannot follow throws `NotFast`.
 */
import type { Node } from '../parse/treesitter';
import { NotFast, TextReader, Unsupported, treeNodeFrom, type SNode } from './cdk-syntax';

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

export interface Tok {
  k: T;
  s: number;
  e: number;
  /** Identifier or punctuator text ('' otherwise). */
  v: string;
  /** A line break between the previous token and this one. */
  nl: boolean;
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

function regexAllowed(prev: Tok | undefined): boolean {
  if (!prev) return true;
  switch (prev.k) {
    case T.Id:
      return REGEX_AFTER_WORD.has(prev.v);
    case T.P:
      return !(prev.v === ')' || prev.v === ']' || prev.v === '}' || prev.v === '++' || prev.v === '--');
    case T.TplHead:
    case T.TplMid:
      return true;
    default:
      return false;
  }
}

/** Tokens of a TypeScript file (comments dropped); NotFast where the lexer is not sure. */
export function lexTs(src: string): Tok[] {
  const toks: Tok[] = [];
  const n = src.length;
  const braces: number[] = []; // 0 '{', 1 '${'
  // A `#!` line (tree-sitter's hash_bang_line) is not code.
  let i = src.startsWith('#!') ? src.indexOf('\n') + 1 || n : 0;
  let nl = false;
  const push = (k: T, s: number, e: number, v = ''): void => {
    toks.push({ k, s, e, v, nl });
    nl = false;
  };
  /** A template chunk from j (after '`' or '}'), as Tpl/TplHead (head) or TplMid/TplTail. */
  const template = (start: number, j: number, head: boolean): number => {
    for (;;) {
      if (j >= n) throw new NotFast('unterminated template');
      const c = src.charCodeAt(j);
      if (c === 92) j += 2;
      else if (c === 96) {
        push(head ? T.Tpl : T.TplTail, start, j + 1);
        return j + 1;
      } else if (c === 36 && src.charCodeAt(j + 1) === 123) {
        push(head ? T.TplHead : T.TplMid, start, j + 2);
        braces.push(1);
        return j + 2;
      } else j++;
    }
  };
  while (i < n) {
    const c = src.charCodeAt(i);
    if (isLineBreak(c)) {
      nl = true;
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
        if (j < 0) throw new NotFast('unterminated comment');
        for (let k = i + 2; k < j; k++) if (isLineBreak(src.charCodeAt(k))) nl = true;
        i = j + 2;
        continue;
      }
      if (regexAllowed(toks[toks.length - 1])) {
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
        push(T.Re, i, j);
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
      push(T.Id, i, e, src.slice(i, e));
      i = e;
      continue;
    }
    if (c === 92) throw new NotFast('unicode escape in an identifier');
    if ((c >= 48 && c <= 57) || (c === 46 && src.charCodeAt(i + 1) >= 48 && src.charCodeAt(i + 1) <= 57)) {
      NUM.lastIndex = i;
      const m = NUM.exec(src);
      if (!m) throw new NotFast('odd number');
      push(T.Num, i, NUM.lastIndex);
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
      push(T.Str, i, j + 1);
      i = j + 1;
      continue;
    }
    if (c === 96) {
      i = template(i, i + 1, true);
      continue;
    }
    if (c === 123) {
      braces.push(0);
      push(T.P, i, i + 1, '{');
      i++;
      continue;
    }
    if (c === 125) {
      const b = braces.pop();
      if (b === undefined) throw new NotFast('unbalanced }');
      if (b === 1) i = template(i, i + 1, false);
      else {
        push(T.P, i, i + 1, '}');
        i++;
      }
      continue;
    }
    const p = punctAt(src, i, c);
    if (!p) throw new NotFast(`odd character ${src[i]}`);
    push(T.P, i, i + p.length, p);
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

function isP(t: Tok | undefined, v: string): boolean {
  return t !== undefined && t.k === T.P && t.v === v;
}

/** Reads expressions of a lexed TypeScript file into TextNodes. */
export class TsReader extends TextReader<Tok> {
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

  /** `new` expressions read so far, by token index. */
  readonly newAt = new Map<number, SNode>();

  private expect(i: number, v: string): void {
    if (!isP(this.toks[i], v)) throw new Unsupported(`expected ${v}`);
  }

  /** Index after the list element starting at i (at the next `,`, closer or `;` outside brackets). */
  skipElement(i: number): number {
    let depth = 0;
    for (let j = i; j < this.toks.length; j++) {
      const t = this.toks[j]!;
      if (t.k === T.TplHead) depth++;
      else if (t.k === T.TplTail) depth--;
      else if (t.k === T.P) {
        const v = t.v;
        if (v === '(' || v === '[' || v === '{') depth++;
        else if (v === ')' || v === ']' || v === '}') {
          if (depth === 0) return j;
          depth--;
        } else if (depth === 0 && (v === ',' || v === ';')) return j;
      }
    }
    return this.toks.length;
  }

  expr(i: number): [SNode, number] {
    const [n, j] = this.binary(i, 0);
    const t = this.toks[j];
    if (t?.k === T.P && (t.v === '?' || t.v === '=>' || (t.v.endsWith('=') && !BINARY[t.v])))
      throw new Unsupported(t.v);
    if (t?.k === T.Id && !t.nl && (t.v === 'as' || t.v === 'satisfies')) throw new Unsupported(t.v);
    return [n, j];
  }

  private binary(i: number, min: number): [SNode, number] {
    let [left, j] = this.unary(i);
    for (;;) {
      const t = this.toks[j];
      if (!t || (t.k !== T.P && t.k !== T.Id)) break;
      if (t.k === T.P && t.v === '<') throw new Unsupported('<');
      const prec = BINARY[t.v];
      if (prec === undefined || prec < min) break;
      const [right, k] = this.binary(j + 1, t.v === '**' ? prec : prec + 1);
      const op = this.node(t.v, t.s, t.e);
      left = this.node('binary_expression', left.startIndex, right.endIndex, [left, right], {
        left,
        operator: op,
        right,
      });
      j = k;
    }
    return [left, j];
  }

  private unary(i: number): [SNode, number] {
    const t = this.tok(i);
    if (t.k === T.P && UNARY.has(t.v)) {
      const [arg, j] = this.unary(i + 1);
      const op = this.node(t.v, t.s, t.e);
      return [this.node('unary_expression', t.s, arg.endIndex, [arg], { operator: op, argument: arg }), j];
    }
    return this.postfix(i);
  }

  /**
   * Postfix expressions from token i; with `until`, it stops after the call whose function ends with the token
   * at `until` (`fn.metricErrors().createAlarm(…)` read without what follows it).
   */
  private postfix(i: number, until = -1): [SNode, number] {
    let [n, j] = this.primary(i);
    const stopAt = until >= 0 ? this.tok(until).e : -1;
    for (;;) {
      const t = this.toks[j];
      if (!t) break;
      if (t.k === T.P && (t.v === '.' || t.v === '?.')) {
        const p = this.tok(j + 1);
        if (p.k !== T.Id) throw new Unsupported('computed member');
        const prop = this.node(
          p.v.startsWith('#') ? 'private_property_identifier' : 'property_identifier',
          p.s,
          p.e,
        );
        // `a?.b`: tree-sitter puts an `optional_chain` node between the object and the property.
        const kids = t.v === '?.' ? [n, this.node('optional_chain', t.s, t.e), prop] : [n, prop];
        n = this.node('member_expression', n.startIndex, p.e, kids, { object: n, property: prop });
        j += 2;
      } else if (t.k === T.P && t.v === '[') {
        const [index, k] = this.expr(j + 1);
        this.expect(k, ']');
        n = this.node('subscript_expression', n.startIndex, this.tok(k).e, [n, index], {
          object: n,
          index,
        });
        j = k + 1;
      } else if (t.k === T.P && t.v === '(') {
        const [a, k] = this.args(j);
        const fn = n;
        n = this.node('call_expression', n.startIndex, a.endIndex, [n, a], { function: n, arguments: a });
        j = k;
        if (fn.endIndex === stopAt) break;
      } else if (t.k === T.P && t.v === '!' && !t.nl) {
        n = this.node('non_null_expression', n.startIndex, t.e, [n]);
        j++;
      } else if (t.k === T.Tpl || t.k === T.TplHead) throw new Unsupported('tagged template');
      else if (t.k === T.P && (t.v === '<' || t.v === '++' || t.v === '--')) throw new Unsupported(t.v);
      else break;
    }
    return [n, j];
  }

  private primary(i: number): [SNode, number] {
    const t = this.tok(i);
    switch (t.k) {
      case T.Id: {
        const v = t.v;
        if (v === 'new') return this.newExpr(i);
        if (isP(this.toks[i + 1], '=>')) throw new Unsupported('arrow function');
        if (v === 'true' || v === 'false' || v === 'null' || v === 'undefined' || v === 'this')
          return [this.node(v, t.s, t.e), i + 1];
        if (NOT_EXPR.has(v) || v.startsWith('#')) throw new Unsupported(v);
        return [this.node('identifier', t.s, t.e), i + 1];
      }
      case T.Num:
        return [this.node('number', t.s, t.e), i + 1];
      case T.Str:
        return [this.node('string', t.s, t.e, this.pieces(t.s + 1, t.e - 1, [])), i + 1];
      case T.Tpl:
        return [this.node('template_string', t.s, t.e, this.pieces(t.s + 1, t.e - 1, [])), i + 1];
      case T.TplHead: {
        const parts = this.pieces(t.s + 1, t.e - 2, []);
        let j = i;
        let chunk = t;
        for (;;) {
          const [e, k] = this.expr(j + 1);
          const end = this.tok(k);
          if (end.k !== T.TplMid && end.k !== T.TplTail) throw new Unsupported('template');
          parts.push(this.node('template_substitution', chunk.e - 2, end.s + 1, [e]));
          this.pieces(end.s + 1, end.k === T.TplTail ? end.e - 1 : end.e - 2, parts);
          j = k;
          chunk = end;
          if (end.k === T.TplTail) break;
        }
        return [this.node('template_string', t.s, chunk.e, parts), j + 1];
      }
      case T.P:
        if (t.v === '(') {
          const [inner, j] = this.expr(i + 1);
          this.expect(j, ')');
          if (isP(this.toks[j + 1], '=>')) throw new Unsupported('arrow function');
          return [this.node('parenthesized_expression', t.s, this.tok(j).e, [inner]), j + 1];
        }
        if (t.v === '[') return this.array(i);
        if (t.v === '{') return this.object(i);
        throw new Unsupported(t.v);
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
      const t = toks[j];
      if (!t) return undefined;
      if (t.k === T.P && (t.v === ')' || t.v === ']')) {
        j = this.opener(j) - 1;
        continue;
      }
      if (t.k === T.P && t.v === '!') {
        j--;
        continue;
      }
      if (t.k !== T.Id) return undefined;
      const before = toks[j - 1];
      if (before?.k === T.P && (before.v === '.' || before.v === '?.')) {
        j -= 2;
        continue;
      }
      // `new a.b().m(…)`: the receiver is the `new` expression.
      if (before?.k === T.Id && before.v === 'new') j--;
      break;
    }
    try {
      const [n] = this.postfix(j, m);
      const fn = n.type === 'call_expression' ? n.childForFieldName('function') : null;
      const prop = fn?.type === 'member_expression' ? fn.childForFieldName('property') : null;
      return prop && prop.startIndex === this.tok(m).s ? n : undefined;
    } catch (e) {
      if (!(e instanceof Unsupported)) throw e;
      return undefined;
    }
  }

  /** The index of the bracket token opening the one closing at j (or -1). */
  private opener(j: number): number {
    let depth = 0;
    for (let k = j; k >= 0; k--) {
      const t = this.toks[k]!;
      if (t.k === T.TplTail) depth++;
      else if (t.k === T.TplHead) depth--;
      else if (t.k === T.P) {
        const v = t.v;
        if (v === ')' || v === ']' || v === '}') depth++;
        else if (v === '(' || v === '[' || v === '{') depth--;
      }
      if (depth === 0) return k;
    }
    return -1;
  }

  /** `new C(…)` at i (the `new` token), memoized by position. */
  newExpr(i: number): [SNode, number] {
    const known = this.newAt.get(i);
    if (known) {
      let j = i;
      while (j < this.toks.length && this.toks[j]!.s < known.endIndex) j++;
      return [known, j];
    }
    const t = this.tok(i);
    const c = this.tok(i + 1);
    if (c.k !== T.Id || c.v === 'new' || NOT_EXPR.has(c.v)) throw new Unsupported('new of an expression');
    let ctor: SNode = this.node(c.v === 'this' ? 'this' : 'identifier', c.s, c.e);
    let j = i + 2;
    while (isP(this.toks[j], '.')) {
      const p = this.tok(j + 1);
      if (p.k !== T.Id) throw new Unsupported('computed member');
      const prop = this.node('property_identifier', p.s, p.e);
      ctor = this.node('member_expression', ctor.startIndex, p.e, [ctor, prop], {
        object: ctor,
        property: prop,
      });
      j += 2;
    }
    const next = this.toks[j];
    if (next && next.k === T.P && (next.v === '<' || next.v === '[' || next.v === '?.'))
      throw new Unsupported('new with type arguments');
    let n: SNode;
    if (isP(next, '(')) {
      const [a, k] = this.args(j);
      n = this.node('new_expression', t.s, a.endIndex, [ctor, a], { constructor: ctor, arguments: a });
      j = k;
    } else n = this.node('new_expression', t.s, ctor.endIndex, [ctor], { constructor: ctor });
    this.newAt.set(i, n);
    return [n, j];
  }

  /** A list element: an expression or `...spread`. */
  private item(i: number): [SNode, number] {
    const t = this.tok(i);
    if (isP(t, '...')) {
      try {
        const [e, j] = this.expr(i + 1);
        return [this.node('spread_element', t.s, e.endIndex, [e]), j];
      } catch (e) {
        if (!(e instanceof Unsupported)) throw e;
        return this.element(i);
      }
    }
    return this.element(i);
  }

  private list(i: number, close: string): [SNode[], number] {
    const items: SNode[] = [];
    let j = i + 1;
    while (!isP(this.toks[j], close)) {
      if (isP(this.toks[j], ',')) throw new Unsupported('hole');
      const [e, k] = this.item(j);
      items.push(e);
      j = k;
      if (isP(this.toks[j], ',')) j++;
      else if (!isP(this.toks[j], close)) throw new Unsupported(`expected ${close}`);
    }
    return [items, j];
  }

  private args(i: number): [SNode, number] {
    const [items, j] = this.list(i, ')');
    return [this.node('arguments', this.tok(i).s, this.tok(j).e, items), j + 1];
  }

  private array(i: number): [SNode, number] {
    const [items, j] = this.list(i, ']');
    return [this.node('array', this.tok(i).s, this.tok(j).e, items), j + 1];
  }

  private object(i: number): [SNode, number] {
    const entries: SNode[] = [];
    let j = i + 1;
    while (!isP(this.toks[j], '}')) {
      const t = this.tok(j);
      const after = this.toks[j + 1];
      if (isP(t, '...')) {
        const [e, k] = this.item(j);
        entries.push(e);
        j = k;
      } else if ((t.k === T.Id || t.k === T.Str || t.k === T.Num) && isP(after, ':')) {
        const key =
          t.k === T.Str
            ? this.node('string', t.s, t.e, this.pieces(t.s + 1, t.e - 1, []))
            : this.node(
                t.k === T.Num
                  ? 'number'
                  : t.v.startsWith('#')
                    ? 'private_property_identifier'
                    : 'property_identifier',
                t.s,
                t.e,
              );
        const [value, k] = this.element(j + 2);
        entries.push(this.node('pair', t.s, value.endIndex, [key, value], { key, value }));
        j = k;
      } else if (t.k === T.Id && (isP(after, ',') || isP(after, '}')) && !t.v.startsWith('#')) {
        entries.push(this.node('shorthand_property_identifier', t.s, t.e));
        j++;
      } else throw new Unsupported('object member');
      if (isP(this.toks[j], ',')) j++;
      else if (!isP(this.toks[j], '}')) throw new Unsupported('expected }');
    }
    return [this.node('object', this.tok(i).s, this.tok(j).e, entries), j + 1];
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

function newish(t: Tok | undefined): boolean {
  return (
    t !== undefined && ((t.k === T.Id && t.v === 'new') || (t.k === T.P && (t.v === '(' || t.v === '<')))
  );
}

/** Skip a type annotation from i to the `=`, `,`, `;` or closer that ends it. */
function skipType(toks: readonly Tok[], i: number): number {
  let depth = 0;
  for (let j = i; j < toks.length; j++) {
    const t = toks[j]!;
    if (t.k === T.TplHead) depth++;
    else if (t.k === T.TplTail) depth--;
    if (t.k !== T.P) {
      if (depth === 0 && t.k === T.Id && (t.v === 'of' || t.v === 'in') && j > i) return j;
      if (depth === 0 && t.nl && j > i && !['|', '&', ':', '=>', '.', '<', ','].includes(toks[j - 1]!.v))
        return j;
      continue;
    }
    const v = t.v;
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
  /** The module specifier as written (the string token, quotes included). */
  source: Tok;
  /** `import X from` / `import X, …`: the default binding. */
  defaultName?: string;
  /** `import * as X from`. */
  namespace?: string;
  /** `import { a, b as c } from`: [imported name, local name]. */
  named: [string, string][];
}

/**
 * The top-level `import` statements of a lexed file, in order, read from the tokens (tree-sitter's
 * `import_statement` with an `import_clause`); `import 'x'` and `import x = require('x')` bind nothing here.
 * NotFast for any form not modelled, and for a `require` anywhere (a `const x = require(…)` binding is read
 * from the tree).
 */
export function importsOfTokens(toks: readonly Tok[]): TsImport[] {
  const out: TsImport[] = [];
  let depth = 0;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.k === T.P) {
      if (t.v === '{' || t.v === '(' || t.v === '[') depth++;
      else if (t.v === '}' || t.v === ')' || t.v === ']') depth--;
      continue;
    }
    if (t.k === T.TplHead) depth++;
    else if (t.k === T.TplTail) depth--;
    if (t.k !== T.Id) continue;
    if (t.v === 'require') throw new NotFast('require');
    if (t.v !== 'import' || depth !== 0) continue;
    // (The statement is read by a function of its own: closures here would cost a context per token.)
    const [imp, end] = importAt(toks, i);
    if (imp) out.push(imp);
    i = end;
  }
  return out;
}

/** The import statement at token i (its `import`) and the index of its last token; no import for `import(`. */
function importAt(toks: readonly Tok[], i: number): [TsImport | undefined, number] {
  const t = toks[i]!;
  let j = i + 1;
  const at = (v: string): boolean => isP(toks[j], v);
  const id = (): string => {
    const x = toks[j];
    if (x?.k !== T.Id) throw new NotFast('import: expected a name');
    j++;
    return x.v;
  };
  if (at('(') || at('.')) return [undefined, i]; // import(…), import.meta
  const prev = toks[i - 1];
  if (prev && !(prev.k === T.P && (prev.v === ';' || prev.v === '}')) && !t.nl)
    throw new NotFast('import in an expression');
  if (toks[j]?.k === T.Str) return [undefined, j]; // import 'x' (no bindings)
  if (toks[j]?.k === T.Id && toks[j]!.v === 'type' && toks[j + 1] && !isP(toks[j + 1], ',')) {
    const after = toks[j + 1]!;
    if (after.k !== T.Id || after.v !== 'from') j++; // `import type …` (not `import type from 'x'`)
  }
  const imp: TsImport = { source: t, named: [] };
  if (toks[j]?.k === T.Id && toks[j]!.v !== 'from') {
    imp.defaultName = id();
    if (at('=')) throw new NotFast('import =');
    if (at(',')) j++;
  } else if (toks[j]?.k === T.Id && toks[j]!.v === 'from' && isP(toks[j + 1], ',')) {
    imp.defaultName = id(); // `import from, { x } from 'y'`
    j++;
  } else if (toks[j]?.k === T.Id && toks[j]!.v === 'from' && toks[j + 1]?.k === T.Id) {
    imp.defaultName = id(); // `import from from 'y'`
  }
  if (at('*')) {
    j++;
    if (toks[j]?.v !== 'as' || toks[j]?.k !== T.Id) throw new NotFast('import *');
    j++;
    imp.namespace = id();
  } else if (at('{')) {
    j++;
    while (!at('}')) {
      if (
        toks[j]?.k === T.Id &&
        (toks[j]!.v === 'type' || toks[j]!.v === 'typeof') &&
        toks[j + 1]?.k === T.Id
      ) {
        if (toks[j + 1]!.v === 'as') throw new NotFast('import { type as … }');
        j++;
      }
      if (toks[j]?.k === T.Str) throw new NotFast('import of a string name');
      const name = id();
      let local = name;
      if (toks[j]?.k === T.Id && toks[j]!.v === 'as') {
        j++;
        local = id();
      }
      imp.named.push([name, local]);
      if (at(',')) j++;
      else if (!at('}')) throw new NotFast('import { … }');
    }
    j++;
  }
  if (toks[j]?.k !== T.Id || toks[j]!.v !== 'from') throw new NotFast('import: expected from');
  j++;
  const src = toks[j];
  if (src?.k !== T.Str) throw new NotFast('import: expected a module');
  imp.source = src;
  return [imp, j];
}

export function scanTs(
  src: string,
  toks: readonly Tok[],
  root: () => Node,
  methodNames: ReadonlySet<string>,
): TsSites {
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
    const t = toks[i]!;
    if (t.k === T.TplHead) stack.push(OTHER);
    else if (t.k === T.TplTail) stack.pop();
    if (t.k === T.P) {
      const v = t.v;
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
      else if ((v === '.' || v === '?.') && toks[i + 1]?.k === T.Id && methodNames.has(toks[i + 1]!.v))
        if (isP(toks[i + 2], '(')) methodAt.push(i + 1);
      continue;
    }
    if (t.k !== T.Id) continue;
    const prev = toks[i - 1];
    if (prev && prev.k === T.P && (prev.v === '.' || prev.v === '?.')) continue;
    const next = toks[i + 1];
    switch (t.v) {
      case 'class':
        if (next && (next.k === T.Id || isP(next, '{'))) {
          classAt = stack.length;
          classAngles = 0;
        }
        break;
      case 'const':
      case 'let':
      case 'var':
        if (next && (next.k === T.Id || isP(next, '{') || isP(next, '['))) declarations(i);
        break;
      case 'new':
        if (!next || isP(next, '.') || isP(next, ':') || isP(next, '?') || isP(next, ',') || isP(next, '}'))
          break;
        if (next.k !== T.Id) throw new NotFast('new of an expression');
        try {
          news.push(r.newExpr(i)[0]);
        } catch (e) {
          if (!(e instanceof Unsupported)) throw e;
          news.push(treeNodeFrom(r.root(), t.s, ['new_expression']));
        }
        break;
      default:
        break;
    }
  }
  if (stack.length) throw new NotFast('unbalanced');

  function declarations(i: number): void {
    const kind = toks[i]!.v;
    if (toks[i + 1]!.v === 'enum') return;
    let j = i + 1;
    for (;;) {
      const nameTok = toks[j];
      if (!nameTok) return;
      let name: string | undefined;
      if (nameTok.k === T.Id) {
        name = nameTok.v;
        j++;
      } else if (isP(nameTok, '{') || isP(nameTok, '[')) {
        j = r.skipElement(j + 1) + 1;
      } else return;
      if (isP(toks[j], '!')) j++;
      if (isP(toks[j], ':')) j = skipType(toks, j + 1);
      const after = toks[j];
      if (after?.k === T.Id && (after.v === 'of' || after.v === 'in')) return;
      if (isP(after, '=')) {
        consumed.add(j);
        const [value, k] = r.element(j + 1, {
          at: nameTok.s,
          types: DECLARATOR,
          field: 'value',
          exact: true,
        });
        events.push({ t: 'decl', name, kind, value });
        j = k;
      } else events.push({ t: 'decl', name, kind, value: null });
      if (!isP(toks[j], ',')) return;
      j++;
    }
  }

  function assignment(i: number): void {
    if (!newish(toks[i + 1])) return;
    const eq = toks[i]!;
    if (stack[stack.length - 1] === CLASS) {
      // A class field: `[modifiers] name[!?] = new C(…)`.
      let k = i - 1;
      if (isP(toks[k], '!') || isP(toks[k], '?')) k--;
      const nameTok = toks[k];
      const before = toks[k - 1];
      if (
        !nameTok ||
        nameTok.k !== T.Id ||
        !(
          !before ||
          nameTok.nl ||
          (before.k === T.Id && MODIFIERS.has(before.v)) ||
          isP(before, ';') ||
          isP(before, '{') ||
          isP(before, '}')
        )
      )
        throw new NotFast('class field');
      const [value] = r.element(i + 1, { at: eq.s, types: FIELD, field: 'value', exact: false });
      events.push({ t: 'bind', key: `this.${nameTok.v}`, value });
      return;
    }
    const last = toks[i - 1];
    if (!last) return;
    if (isP(last, ')')) throw new NotFast('assignment to a parenthesized target');
    if (last.k !== T.Id) return;
    let k = i - 1;
    while (isP(toks[k - 1], '.') && toks[k - 2]?.k === T.Id) k -= 2;
    const pre = toks[k - 1];
    if (pre && pre.k === T.P && (pre.v === '.' || pre.v === '?.')) return;
    const ok =
      !pre ||
      (pre.k === T.P && STATEMENT_END.has(pre.v)) ||
      (pre.k !== T.P && toks[k]!.nl) ||
      (pre.k === T.Id && (pre.v === 'else' || pre.v === 'do' || pre.v === 'return'));
    if (!ok) throw new NotFast('assignment in an expression');
    const parts: string[] = [];
    for (let m = k; m < i; m += 2) parts.push(toks[m]!.v);
    const [value] = r.element(i + 1, { at: toks[k]!.s, types: ASSIGNMENT, field: 'right', exact: true });
    events.push({ t: 'bind', key: parts.join('.'), value });
  }

  const methods: SNode[] = [];
  for (const m of methodAt) {
    // `a.b.m(…)` read from the text; other receivers (`?.`, a parenthesized or template expression) from the tree.
    const read = isP(toks[m - 1], '.') ? r.methodCall(m) : undefined;
    if (read) {
      methods.push(read);
      continue;
    }
    const at = toks[m]!.s;
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
