/**
 * The CDK Python front end's reading of the text (see `cdk-syntax.ts`): one pass of a small lexer over the file,
 * then the sites the front end needs — calls of a dotted name the imports resolve to a construct, assignments
 * (module-level constants, names and `self.x` bound to a call), and calls of the few construct methods — and the
 * expressions at those sites read into `TextNode`s shaped like tree-sitter-python's nodes. Expressions outside the
 * modelled subset (f-strings, comparisons, conditionals, comprehensions, lambdas, …) are taken from the tree at
 * their exact range; a file the lexer cannot follow throws `NotFast`.
 */
import type { Node } from '../parse/treesitter';
import { PYTHON_KEYWORDS } from '../parse/python-read';
import { NotFast, TextReader, Unsupported, treeNodeFrom, type SNode } from './cdk-syntax';

export const enum P {
  Id,
  Num,
  Str,
  /** An f-string or a string with escapes: read from the tree. */
  OddStr,
  Op,
  /** End of a logical line. */
  Nl,
}

export interface PTok {
  k: P;
  s: number;
  e: number;
  /** Identifier or operator text ('' otherwise). */
  v: string;
}

const OPS3 = new Set(['**=', '//=', '>>=', '<<=', '...']);
const OPS2 = new Set([
  '**',
  '//',
  '->',
  ':=',
  '==',
  '!=',
  '<=',
  '>=',
  '<<',
  '>>',
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '&=',
  '|=',
  '^=',
  '@=',
  '<>',
]);
const OPS1 = new Set('()[]{},:.;@=+-*/%&|^~<>!');

function isIdStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c > 127;
}
function isIdPart(c: number): boolean {
  return isIdStart(c) || (c >= 48 && c <= 57);
}

/** Tokens of a Python file (comments dropped, one Nl per logical line); NotFast where unsure. */
export function lexPy(src: string): PTok[] {
  const toks: PTok[] = [];
  const n = src.length;
  let depth = 0;
  let i = 0;
  const endLine = (at: number): void => {
    const last = toks[toks.length - 1];
    if (last && last.k !== P.Nl) toks.push({ k: P.Nl, s: at, e: at, v: '' });
  };
  while (i < n) {
    const c = src.charCodeAt(i);
    if (c === 10 || c === 13) {
      if (depth === 0) endLine(i);
      i++;
      continue;
    }
    if (c === 32 || c === 9 || c === 12 || c === 0xfeff) {
      i++;
      continue;
    }
    if (c === 35) {
      while (i < n && src.charCodeAt(i) !== 10 && src.charCodeAt(i) !== 13) i++;
      continue;
    }
    if (c === 92) {
      // Line continuation.
      if (src.charCodeAt(i + 1) === 10) i += 2;
      else if (src.charCodeAt(i + 1) === 13) i += src.charCodeAt(i + 2) === 10 ? 3 : 2;
      else throw new NotFast('stray backslash');
      continue;
    }
    if (isIdStart(c)) {
      let e = i + 1;
      while (e < n && isIdPart(src.charCodeAt(e))) e++;
      const q = src.charCodeAt(e);
      if ((q === 39 || q === 34) && e - i <= 2 && /^[rRbBuUfF]+$/.test(src.slice(i, e))) {
        i = string(i, e);
        continue;
      }
      if (c > 127 && /\s/.test(src[i]!)) {
        i++;
        continue;
      }
      toks.push({ k: P.Id, s: i, e, v: src.slice(i, e) });
      i = e;
      continue;
    }
    if (c === 39 || c === 34) {
      i = string(i, i);
      continue;
    }
    if ((c >= 48 && c <= 57) || (c === 46 && src.charCodeAt(i + 1) >= 48 && src.charCodeAt(i + 1) <= 57)) {
      let e = i + 1;
      for (;;) {
        const d = src.charCodeAt(e);
        if (isIdPart(d) || d === 46) e++;
        else if ((d === 43 || d === 45) && /[eE]/.test(src[e - 1]!) && !/^0[xX]/.test(src.slice(i, e))) e++;
        else break;
      }
      toks.push({ k: P.Num, s: i, e, v: '' });
      i = e;
      continue;
    }
    const d = src.charCodeAt(i + 1);
    // Operators of two or three characters all continue with one of * / < > = . (and `->`).
    const long = d === 42 || d === 47 || d === 60 || d === 62 || d === 61 || d === 46;
    const three = long ? src.slice(i, i + 3) : '';
    const two = long ? src.slice(i, i + 2) : '';
    const op = OPS3.has(three) ? three : OPS2.has(two) ? two : OPS1.has(src[i]!) ? src[i]! : undefined;
    if (!op) throw new NotFast(`odd character ${src[i]}`);
    if (op === '(' || op === '[' || op === '{') depth++;
    else if (op === ')' || op === ']' || op === '}') {
      depth--;
      if (depth < 0) throw new NotFast('unbalanced');
    }
    toks.push({ k: P.Op, s: i, e: i + op.length, v: op });
    i += op.length;
  }
  if (depth !== 0) throw new NotFast('unbalanced');
  endLine(n);
  return toks;

  /** A string literal from `start` (its prefix) with the quote at q; returns the index after it. */
  function string(start: number, q: number): number {
    const prefix = src.slice(start, q);
    const quote = src[q]!;
    const triple = src.startsWith(quote.repeat(3), q);
    const open = triple ? 3 : 1;
    let j = q + open;
    let odd = /[fF]/.test(prefix);
    for (;;) {
      if (j >= n) throw new NotFast('unterminated string');
      const d = src.charCodeAt(j);
      if (d === 92) {
        odd = true;
        j += 2;
        continue;
      }
      if (!triple && (d === 10 || d === 13)) throw new NotFast('line break in a string');
      if (src[j] === quote && (!triple || src.startsWith(quote.repeat(3), j))) {
        j += open;
        break;
      }
      j++;
    }
    toks.push({ k: odd ? P.OddStr : P.Str, s: start, e: j, v: prefix });
    return j;
  }
}

/** Keywords that are no expression here (the constants `True`, `False`, `None` are literals). */
const KEYWORDS: ReadonlySet<string> = new Set(
  [...PYTHON_KEYWORDS].filter((k) => k !== 'True' && k !== 'False' && k !== 'None'),
);
const COMPOUND = new Set([
  'if',
  'elif',
  'else',
  'for',
  'while',
  'with',
  'try',
  'except',
  'finally',
  'def',
  'class',
  'async',
]);
const BINARY: Record<string, number> = {
  '|': 1,
  '^': 2,
  '&': 3,
  '<<': 4,
  '>>': 4,
  '+': 5,
  '-': 5,
  '*': 6,
  '/': 6,
  '//': 6,
  '%': 6,
  '@': 6,
};
/** After an expression: what the reader does not model. */
const STOP_UNSUPPORTED = new Set([
  'if',
  'for',
  'and',
  'or',
  'not',
  'in',
  'is',
  '<',
  '>',
  '==',
  '!=',
  '<=',
  '>=',
  '<>',
  ':=',
  'async',
]);

function isOp(t: PTok | undefined, v: string): boolean {
  return t !== undefined && t.k === P.Op && t.v === v;
}

/** Reads expressions of a lexed Python file into TextNodes. */
export class PyReader extends TextReader {
  /** Calls read so far, by the token index of their `(`. */
  readonly callAt = new Map<number, SNode>();

  constructor(
    src: string,
    readonly toks: readonly PTok[],
    tree: () => Node,
  ) {
    super(src, tree);
  }

  protected tok(i: number): PTok {
    const t = this.toks[i];
    if (!t) throw new Unsupported('end of file');
    return t;
  }

  protected get count(): number {
    return this.toks.length;
  }

  protected startOf(i: number): number {
    return this.tok(i).s;
  }

  protected endOf(i: number): number {
    return this.tok(i).e;
  }

  /** Index of the `,` / closer / end of line ending the element that starts at i. */
  skipElement(i: number): number {
    let depth = 0;
    for (let j = i; j < this.toks.length; j++) {
      const t = this.toks[j]!;
      if (t.k === P.Nl) return j;
      if (t.k !== P.Op) continue;
      const v = t.v;
      if (v === '(' || v === '[' || v === '{') depth++;
      else if (v === ')' || v === ']' || v === '}') {
        if (depth === 0) return j;
        depth--;
      } else if (depth === 0 && (v === ',' || v === ';')) return j;
    }
    return this.toks.length;
  }

  expr(i: number): [SNode, number] {
    const [n, j] = this.binary(i, 0);
    const t = this.toks[j];
    if (t && (t.k === P.Op || t.k === P.Id) && STOP_UNSUPPORTED.has(t.v)) throw new Unsupported(t.v);
    return [n, j];
  }

  private binary(i: number, min: number): [SNode, number] {
    let [left, j] = this.unary(i);
    for (;;) {
      const t = this.toks[j];
      if (!t || t.k !== P.Op) break;
      const prec = BINARY[t.v];
      if (prec === undefined || prec < min) break;
      const [right, k] = this.binary(j + 1, prec + 1);
      const op = this.node(t.v, t.s, t.e);
      left = this.node('binary_operator', left.startIndex, right.endIndex, [left, right], {
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
    if (t.k === P.Op && (t.v === '-' || t.v === '+' || t.v === '~')) {
      const [arg, j] = this.unary(i + 1);
      const op = this.node(t.v, t.s, t.e);
      return [this.node('unary_operator', t.s, arg.endIndex, [arg], { operator: op, argument: arg }), j];
    }
    const [base, j] = this.postfix(i);
    if (isOp(this.toks[j], '**')) {
      const [exp, k] = this.unary(j + 1);
      const op = this.node('**', this.tok(j).s, this.tok(j).e);
      return [
        this.node('binary_operator', base.startIndex, exp.endIndex, [base, exp], {
          left: base,
          operator: op,
          right: exp,
        }),
        k,
      ];
    }
    return [base, j];
  }

  private postfix(i: number): [SNode, number] {
    let [n, j] = this.primary(i);
    for (;;) {
      const t = this.toks[j];
      if (!t || t.k !== P.Op) break;
      if (t.v === '.') {
        const a = this.tok(j + 1);
        if (a.k !== P.Id) throw new Unsupported('attribute');
        const attr = this.node('identifier', a.s, a.e);
        n = this.node('attribute', n.startIndex, a.e, [n, attr], { object: n, attribute: attr });
        j += 2;
      } else if (t.v === '(') {
        const known = this.callAt.get(j);
        if (known) {
          n = known;
          j = this.after(known.endIndex, j);
          continue;
        }
        const [a, k] = this.args(j);
        const call = this.node('call', n.startIndex, a.endIndex, [n, a], { function: n, arguments: a });
        this.callAt.set(j, call);
        n = call;
        j = k;
      } else if (t.v === '[') throw new Unsupported('subscript');
      else break;
    }
    return [n, j];
  }

  /** Whether the brackets opened at i hold a comprehension (`for` at their own level). */
  private comprehension(i: number): boolean {
    let depth = 0;
    for (let j = i + 1; j < this.toks.length; j++) {
      const t = this.toks[j]!;
      if (t.k === P.Id && depth === 0 && t.v === 'for') return true;
      if (t.k !== P.Op) continue;
      const v = t.v;
      if (v === '(' || v === '[' || v === '{') depth++;
      else if (v === ')' || v === ']' || v === '}') {
        if (depth === 0) return false;
        depth--;
      }
    }
    return false;
  }

  /** The index of the first token at or after `end` (from j). */
  private after(end: number, j: number): number {
    while (j < this.toks.length && this.toks[j]!.s < end) j++;
    return j;
  }

  private primary(i: number): [SNode, number] {
    const t = this.tok(i);
    switch (t.k) {
      case P.Id: {
        const v = t.v;
        if (v === 'True' || v === 'False' || v === 'None')
          return [this.node(v === 'None' ? 'none' : v.toLowerCase(), t.s, t.e), i + 1];
        if (KEYWORDS.has(v)) throw new Unsupported(v);
        return [this.node('identifier', t.s, t.e), i + 1];
      }
      case P.Num:
        return [
          this.node(/^\d[\d_]*$|^0[xXoObB]/.test(this.src.slice(t.s, t.e)) ? 'integer' : 'float', t.s, t.e),
          i + 1,
        ];
      case P.Str: {
        const next = this.toks[i + 1];
        if (next?.k === P.Str || next?.k === P.OddStr) throw new Unsupported('concatenated string');
        const open =
          t.v.length +
          (this.src.startsWith('"""', t.s + t.v.length) || this.src.startsWith("'''", t.s + t.v.length)
            ? 3
            : 1);
        const close = t.e - (open - t.v.length);
        const kids: SNode[] = [this.node('string_start', t.s, t.s + open)];
        if (close > t.s + open) kids.push(this.node('string_content', t.s + open, close));
        kids.push(this.node('string_end', close, t.e));
        return [this.node('string', t.s, t.e, kids), i + 1];
      }
      case P.Op:
        if (t.v === '(') return this.paren(i);
        if (t.v === '[') {
          const [items, j] = this.list(i, ']');
          return [this.node('list', t.s, this.tok(j).e, items), j + 1];
        }
        if (t.v === '{') return this.dict(i);
        throw new Unsupported(t.v);
      default:
        throw new Unsupported('expression');
    }
  }

  private paren(i: number): [SNode, number] {
    const t = this.tok(i);
    if (this.comprehension(i)) throw new Unsupported('generator');
    if (isOp(this.toks[i + 1], ')')) return [this.node('tuple', t.s, this.tok(i + 1).e), i + 2];
    const [first, j] = this.expr(i + 1);
    if (isOp(this.toks[j], ')'))
      return [this.node('parenthesized_expression', t.s, this.tok(j).e, [first]), j + 1];
    if (!isOp(this.toks[j], ',')) throw new Unsupported('parenthesized');
    const items = [first];
    let k = j + 1;
    while (!isOp(this.toks[k], ')')) {
      const [e, m] = this.item(k);
      items.push(e);
      k = m;
      if (isOp(this.toks[k], ',')) k++;
      else if (!isOp(this.toks[k], ')')) throw new Unsupported('tuple');
    }
    return [this.node('tuple', t.s, this.tok(k).e, items), k + 1];
  }

  private item(i: number): [SNode, number] {
    if (isOp(this.toks[i], '*') || isOp(this.toks[i], '**')) throw new Unsupported('splat');
    return this.element(i);
  }

  private list(i: number, close: string): [SNode[], number] {
    if (this.comprehension(i)) throw new Unsupported('comprehension');
    const items: SNode[] = [];
    let j = i + 1;
    while (!isOp(this.toks[j], close)) {
      const [e, k] = this.item(j);
      items.push(e);
      j = k;
      if (isOp(this.toks[j], ',')) j++;
      else if (!isOp(this.toks[j], close)) throw new Unsupported(`expected ${close}`);
    }
    return [items, j];
  }

  private dict(i: number): [SNode, number] {
    const t = this.tok(i);
    if (this.comprehension(i)) throw new Unsupported('comprehension');
    const entries: SNode[] = [];
    let j = i + 1;
    while (!isOp(this.toks[j], '}')) {
      if (isOp(this.toks[j], '**')) throw new Unsupported('dictionary splat');
      const [key, k] = this.element(j);
      if (!isOp(this.toks[k], ':')) throw new Unsupported('set');
      const [value, m] = this.element(k + 1);
      entries.push(this.node('pair', key.startIndex, value.endIndex, [key, value], { key, value }));
      j = m;
      if (isOp(this.toks[j], ',')) j++;
      else if (!isOp(this.toks[j], '}')) throw new Unsupported('expected }');
    }
    return [this.node('dictionary', t.s, this.tok(j).e, entries), j + 1];
  }

  private args(i: number): [SNode, number] {
    if (this.comprehension(i)) throw new Unsupported('generator');
    const items: SNode[] = [];
    let j = i + 1;
    while (!isOp(this.toks[j], ')')) {
      const t = this.tok(j);
      if (t.k === P.Id && isOp(this.toks[j + 1], '=')) {
        const name = this.node('identifier', t.s, t.e);
        const [value, k] = this.element(j + 2);
        items.push(this.node('keyword_argument', t.s, value.endIndex, [name, value], { name, value }));
        j = k;
      } else if (isOp(t, '*') || isOp(t, '**')) {
        const [e, k] = this.element(j + 1);
        items.push(this.node(t.v === '*' ? 'list_splat' : 'dictionary_splat', t.s, e.endIndex, [e]));
        j = k;
      } else {
        const [e, k] = this.element(j);
        items.push(e);
        j = k;
      }
      if (isOp(this.toks[j], ',')) j++;
      else if (!isOp(this.toks[j], ')')) throw new Unsupported('expected )');
    }
    return [this.node('argument_list', this.tok(i).s, this.tok(j).e, items), j + 1];
  }

  /** The call whose function is the dotted name starting at i and whose `(` is at `open`. */
  callOf(i: number, open: number): SNode {
    const known = this.callAt.get(open);
    if (known) return known;
    try {
      let fn: SNode = this.node('identifier', this.tok(i).s, this.tok(i).e);
      for (let j = i + 1; j < open; j += 2) {
        const a = this.tok(j + 1);
        const attr = this.node('identifier', a.s, a.e);
        fn = this.node('attribute', fn.startIndex, a.e, [fn, attr], { object: fn, attribute: attr });
      }
      const [a] = this.args(open);
      const call = this.node('call', fn.startIndex, a.endIndex, [fn, a], { function: fn, arguments: a });
      this.callAt.set(open, call);
      return call;
    } catch (e) {
      if (!(e instanceof Unsupported)) throw e;
      return treeNodeFrom(this.root(), this.tok(i).s, CALL);
    }
  }
}

const CALL = ['call'];
const ASSIGNMENT = ['assignment'];

// ---- Sites ------------------------------------------------------------------------------------------------

export interface PyAssign {
  /** The dotted target (`fn`, `self.fn`). */
  key: string;
  /** The target is a plain name. */
  name: boolean;
  /** A statement of the module itself (not in a function, class or block). */
  module: boolean;
  value: SNode;
}

export interface PySites {
  assigns: PyAssign[];
  /** Calls of a dotted name `isConstruct` accepts, in document order. */
  constructs: SNode[];
  /** Calls of the construct methods (tree nodes). */
  methods: SNode[];
}

/** One name of a top-level import as the text shows it: `import a.b as c` → a.b / c; `from m import x` → x. */
export interface PyImportName {
  /** Dotted name (`import`) or imported name (`from … import`), `*` for a wildcard. */
  name: string;
  alias?: string;
}

/** A top-level `import …` (from: undefined) or `from m import …` statement. */
export interface PyImport {
  /** `from` statements: the module name as written without spaces (`.` and `..x` for relative ones). */
  from?: string;
  names: PyImportName[];
}

/**
 * The top-level import statements of a lexed file, read from the tokens: statements starting at column 0 of a
 * logical line (tree-sitter's `import_statement` / `import_from_statement` children of the module). NotFast for
 * forms not modelled (an import after `;`, `from __future__`).
 */
export function importsOfPyTokens(src: string, toks: readonly PTok[]): PyImport[] {
  const out: PyImport[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.k !== P.Id || (t.v !== 'import' && t.v !== 'from')) continue;
    const prev = toks[i - 1];
    if (prev && prev.k !== P.Nl) {
      if (prev.k === P.Op && prev.v === ';') throw new NotFast('import after ;');
      continue;
    }
    // Column 0 (a byte-order mark aside): a statement of the module, not of a block.
    if (t.s > 0 && src.charCodeAt(t.s - 1) !== 10 && src.charCodeAt(t.s - 1) !== 13) {
      if (!(t.s === 1 && src.charCodeAt(0) === 0xfeff)) continue;
    }
    // (The statement is read by a function of its own: closures here would cost a context per token.)
    const [imp, end] = pyImportAt(src, toks, i);
    out.push(imp);
    i = end;
  }
  return out;
}

/** The import statement whose `import` / `from` is token i, and the index of its last token. */
function pyImportAt(src: string, toks: readonly PTok[], i: number): [PyImport, number] {
  const t = toks[i]!;
  let j = i + 1;
  const tok = (): PTok => {
    const x = toks[j];
    if (!x) throw new NotFast('import: end of file');
    return x;
  };
  const isOp = (v: string): boolean => toks[j]?.k === P.Op && toks[j]!.v === v;
  /** A dotted name as written (spaces included, as the tree's node text has them). */
  const dotted = (): string => {
    const start = tok().s;
    for (;;) {
      const x = tok();
      if (x.k !== P.Id) throw new NotFast('import: expected a name');
      j++;
      if (!isOp('.')) return src.slice(start, x.e);
      j++;
    }
  };
  /** A name and its `as alias`, if any. */
  const aliased = (name: string): PyImportName => {
    if (toks[j]?.k !== P.Id || toks[j]!.v !== 'as') return { name };
    j++;
    const a = tok();
    if (a.k !== P.Id) throw new NotFast('import: expected an alias');
    j++;
    return { name, alias: a.v };
  };
  const imp: PyImport = { names: [] };
  if (t.v === 'from') {
    const start = tok().s;
    let end = start;
    while (isOp('.') || isOp('...')) end = toks[j++]!.e;
    if (toks[j]?.k === P.Id && toks[j]!.v !== 'import') {
      const mod = dotted();
      if (end === start && mod === '__future__') throw new NotFast('from __future__');
      end = toks[j - 1]!.e;
    }
    if (end === start) throw new NotFast('from: no module');
    imp.from = src.slice(start, end);
    if (tok().k !== P.Id || tok().v !== 'import') throw new NotFast('from: expected import');
    j++;
    if (isOp('*')) {
      imp.names.push({ name: '*' });
      j++;
    } else {
      const paren = isOp('(');
      if (paren) j++;
      for (;;) {
        if (paren && isOp(')')) break;
        const x = tok();
        if (x.k !== P.Id) throw new NotFast('from: expected a name');
        j++;
        imp.names.push(aliased(x.v));
        if (isOp(',')) j++;
        else break;
      }
      if (paren) {
        if (!isOp(')')) throw new NotFast('from: expected )');
        j++;
      }
    }
  } else {
    for (;;) {
      imp.names.push(aliased(dotted()));
      if (isOp(',')) j++;
      else break;
    }
  }
  if (toks[j] && toks[j]!.k !== P.Nl) throw new NotFast('import: more on the line');
  return [imp, j];
}

export function scanPy(
  src: string,
  toks: readonly PTok[],
  root: () => Node,
  isConstruct: (dotted: string) => boolean,
  methodNames: ReadonlySet<string>,
): PySites {
  const r = new PyReader(src, toks, root);
  const assigns: PyAssign[] = [];
  const constructs: SNode[] = [];
  const methodAt: number[] = [];
  let depth = 0;
  let lineStart = 0;
  let stmtStart = 0;
  let compound = isCompound(0);
  let headerDone = false;
  let lastEq = -1;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.k === P.Nl) {
      lineStart = stmtStart = i + 1;
      compound = isCompound(i + 1);
      headerDone = false;
      continue;
    }
    if (t.k === P.Op) {
      const v = t.v;
      if (v === '(' || v === '[' || v === '{') depth++;
      else if (v === ')' || v === ']' || v === '}') depth--;
      else if (depth === 0 && v === ';') stmtStart = i + 1;
      else if (depth === 0 && v === ':' && compound && !headerDone && !hasLambda(stmtStart, i)) {
        headerDone = true;
        stmtStart = i + 1;
      } else if (depth === 0 && v === '=') {
        if (lastEq >= stmtStart) throw new NotFast('chained assignment');
        lastEq = i;
        assignment(i);
      } else if (
        v === '.' &&
        toks[i + 1]?.k === P.Id &&
        methodNames.has(toks[i + 1]!.v) &&
        isOp(toks[i + 2], '(')
      )
        methodAt.push(toks[i + 1]!.s);
      continue;
    }
    if (t.k !== P.Id) continue;
    const prev = toks[i - 1];
    if (prev && prev.k === P.Op && prev.v === '.') continue;
    if (KEYWORDS.has(t.v) || t.v === 'True' || t.v === 'False' || t.v === 'None') continue;
    if (prev && prev.k === P.Id && (prev.v === 'def' || prev.v === 'class')) continue;
    let j = i + 1;
    while (isOp(toks[j], '.') && toks[j + 1]?.k === P.Id) j += 2;
    if (!isOp(toks[j], '(')) continue;
    const parts: string[] = [];
    for (let k = i; k < j; k += 2) parts.push(toks[k]!.v);
    if (!isConstruct(parts.join('.'))) continue;
    if (toks[lineStart]?.k === P.Id && (toks[lineStart]!.v === 'case' || toks[lineStart]!.v === 'match'))
      throw new NotFast('match statement');
    constructs.push(r.callOf(i, j));
  }

  /** A line starting with a compound statement's keyword (the soft `match` / `case` when used as such). */
  function isCompound(i: number): boolean {
    const f = toks[i];
    if (!f || f.k !== P.Id) return false;
    if (COMPOUND.has(f.v)) return true;
    if (f.v !== 'match' && f.v !== 'case') return false;
    const n = toks[i + 1];
    return n !== undefined && n.k !== P.Nl && !(n.k === P.Op && ['=', '.', '(', '[', ':', ','].includes(n.v));
  }

  function hasLambda(from: number, to: number): boolean {
    for (let k = from; k < to; k++) if (toks[k]!.k === P.Id && toks[k]!.v === 'lambda') return true;
    return false;
  }

  function assignment(eq: number): void {
    // The target: the statement's tokens before `=` (or before an annotation's `:`).
    let end = eq;
    for (let k = stmtStart; k < eq; k++) if (isOp(toks[k], ':')) end = Math.min(end, k);
    if (end === stmtStart) return;
    const parts: string[] = [];
    let k = stmtStart;
    for (;;) {
      const t = toks[k];
      if (!t || t.k !== P.Id || KEYWORDS.has(t.v)) return;
      parts.push(t.v);
      k++;
      if (k === end) break;
      if (!isOp(toks[k], '.')) return;
      k++;
    }
    const start = toks[stmtStart]!;
    const [value, j] = r.element(eq + 1, { at: start.s, types: ASSIGNMENT, field: 'right', exact: true });
    if (isOp(toks[j], '=')) throw new NotFast('chained assignment');
    const first = toks[lineStart]!;
    const atColumn0 = first.s === 0 || src[first.s - 1] === '\n' || src[first.s - 1] === '\r';
    assigns.push({
      key: parts.join('.'),
      name: parts.length === 1,
      module: atColumn0 && !compound,
      value,
    });
  }

  const methods: Node[] = [];
  for (const at of methodAt) {
    const prop = r.root().descendantForIndex(at, at + 1);
    const attr = prop?.parent;
    const call = attr?.parent;
    if (
      prop?.type === 'identifier' &&
      attr?.type === 'attribute' &&
      call?.type === 'call' &&
      call.childForFieldName('function')?.endIndex === attr.endIndex
    )
      methods.push(call);
  }
  methods.sort((a, b) => a.startIndex - b.startIndex || b.endIndex - a.endIndex);
  return { assigns, constructs, methods };
}
