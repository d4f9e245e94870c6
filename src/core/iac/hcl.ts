/**
 * The syntax layer of the Terraform front end: a tree-sitter Terraform tree turned into plain blocks,
 * attributes and a small expression tree with exact offsets, so that evaluation (terraform.ts) never touches
 * the wasm tree and the result can be cached per file version (`ParsedFile.view`).
 *
 * Half-typed files: a top-level block whose subtree has a syntax error is marked `incomplete`; blocks an
 * unfinished attribute pulled inside it (`memory_size =` followed by the next `resource`) are lifted back to
 * the top level; and the blocks of the file's last clean parse that the broken text lost are kept, marked
 * `incomplete`, so that references to them still resolve (see `withLastGood`).
 */
import type { Tree } from '../parse/treesitter';
import type { IacValue } from './model';

export type Expr =
  | { k: 'lit'; v: IacValue; s: number; e: number }
  | { k: 'tpl'; parts: (string | Expr)[]; s: number; e: number }
  | { k: 'trav'; root: string; steps: Step[]; s: number; e: number }
  | { k: 'post'; base: Expr; steps: Step[]; s: number; e: number }
  | { k: 'bin'; op: string; l: Expr; r: Expr; s: number; e: number }
  | { k: 'un'; op: string; x: Expr; s: number; e: number }
  | { k: 'cond'; c: Expr; t: Expr; f: Expr; s: number; e: number }
  | { k: 'call'; name: string; args: Expr[]; expand: boolean; s: number; e: number }
  | { k: 'tuple'; items: Expr[]; s: number; e: number }
  | { k: 'obj'; entries: { key: Expr; value: Expr }[]; s: number; e: number }
  /** Anything Terraform only knows at apply time (for expressions, splats, directives): children kept for refs. */
  | { k: 'unk'; parts: Expr[]; s: number; e: number };

export type Step = { k: 'attr'; name: string } | { k: 'index'; x: Expr } | { k: 'splat' };

export interface HclAttribute {
  name: string;
  /** Offsets of the whole `name = value`. */
  s: number;
  e: number;
  /** Offset of the end of the name (for alignment). */
  nameEnd: number;
  /** Offset of `=`. */
  eqOffset: number;
  expr: Expr;
}

export interface HclBlock {
  type: string;
  labels: string[];
  s: number;
  e: number;
  /** End of the header (`resource "t" "n"`). */
  headerEnd: number;
  /** Offset just after `{` and of `}` (undefined when the brace is missing). */
  openEnd: number;
  closeStart: number | undefined;
  attributes: HclAttribute[];
  blocks: HclBlock[];
  incomplete: boolean;
}

export interface HclFile {
  blocks: HclBlock[];
  /** Top-level attributes (tfvars files). */
  attributes: HclAttribute[];
  hasErrors: boolean;
}

const TOP_LEVEL = new Set([
  'resource',
  'data',
  'module',
  'variable',
  'locals',
  'output',
  'provider',
  'terraform',
  'moved',
  'import',
  'check',
  'removed',
]);

/** Whether the file being converted has syntax errors (set per conversion; conversion is synchronous). */
let checkErrors = true;

const OPERATORS = new Set(['!', '-', '*', '/', '%', '+', '>', '>=', '<', '<=', '==', '!=', '&&', '||']);

/**
 * A plain copy of a syntax node. Reading the tree once through a cursor is several times cheaper than creating
 * a wasm-backed `Node` for every node the conversion visits (measured on a 5,000-line file).
 */
class Node {
  readonly children: Node[] = [];
  hasError: boolean;
  private named?: Node[];
  /**
   * Set when the mirror converted the node straight from the text and did not read its children (an attribute
   * or expression whose text is a plain literal or traversal, a string label without escapes).
   */
  pre?: HclAttribute | Expr | string | HclBlock;

  constructor(
    readonly type: string,
    readonly isNamed: boolean,
    readonly isMissing: boolean,
    readonly startIndex: number,
    readonly endIndex: number,
    private readonly src: string,
  ) {
    this.hasError = type === 'ERROR' || isMissing;
  }

  get namedChildren(): Node[] {
    return (this.named ??= this.children.filter((c) => c.isNamed));
  }

  namedChild(i: number): Node | undefined {
    return this.namedChildren[i];
  }

  child(i: number): Node | undefined {
    return this.children[i];
  }

  get text(): string {
    return this.src.slice(this.startIndex, this.endIndex);
  }
}

/** Keywords the grammar uses as anonymous tokens. */
const ANONYMOUS_WORDS = new Set(['for', 'in', 'if', 'else', 'endif', 'endfor', 'true', 'false', 'null']);

/** Named node types are identifiers (`block`, `ERROR`); anonymous ones are punctuation and keywords. */
function isNamedType(type: string): boolean {
  return /^[A-Za-z_]+$/.test(type) && !ANONYMOUS_WORDS.has(type);
}

function mirror(
  tree: Tree,
  src: string,
  withErrors: boolean,
  shortcuts: boolean,
  reuse: ((s: number, e: number) => HclBlock | undefined) | undefined,
): Node {
  const cursor = tree.walk();
  const types = tree.language.types;
  const make = (): Node => {
    const type = types[cursor.nodeTypeId] ?? 'ERROR';
    return new Node(
      type,
      isNamedType(type),
      withErrors && cursor.nodeIsMissing,
      cursor.startIndex,
      cursor.endIndex,
      src,
    );
  };
  const root = make();
  const stack: Node[] = [root];
  try {
    for (;;) {
      const top = stack[stack.length - 1]!;
      if (shortcuts && !withErrors) {
        // A top-level block (config_file > body > block) written as in the previous version is not read again.
        top.pre =
          reuse && stack.length === 3 && top.type === 'block'
            ? reuse(top.startIndex, top.endIndex)
            : shortcut(top, src);
      }
      if (top.pre === undefined && cursor.gotoFirstChild()) {
        const n = make();
        stack[stack.length - 1]!.children.push(n);
        stack.push(n);
        continue;
      }
      for (;;) {
        const done = stack.pop()!;
        const parent = stack[stack.length - 1];
        if (!parent) return root;
        if (done.hasError) parent.hasError = true;
        if (cursor.gotoNextSibling()) {
          const n = make();
          parent.children.push(n);
          stack.push(n);
          break;
        }
        cursor.gotoParent();
      }
    }
  } finally {
    cursor.delete();
  }
}

// ---- Shortcuts: nodes converted from their text, without reading their subtrees from the wasm tree ----------
//
// Most attributes are `name = <literal or traversal>`; reading their five to eight syntax nodes through the
// cursor costs far more than recognising the text. The result is exactly what the node-by-node conversion
// gives (offsets included); anything else, and any file with syntax errors, takes the node-by-node path.

const NUMBER_RE = /^[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;
const PLAIN_STRING_RE = /^"[^"\\$%\r\n]*"$/;
const TRAVERSAL_RE = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const ATTRIBUTE_RE = /^[A-Za-z_][A-Za-z0-9_-]*(?=[ \t]*=[ \t]*[^ \t=])/;
const KEYWORDS = new Set(['true', 'false', 'null', 'for', 'in', 'if', 'else', 'endif', 'endfor']);

/**
 * The value of a quoted string without escapes or interpolations. The grammar leaves spaces and tabs at either
 * end of the literal out of its `template_literal` (they are extras), so they are not part of the value either;
 * other whitespace at an end takes the node-by-node path.
 */
function plainString(t: string): string | undefined {
  if (!PLAIN_STRING_RE.test(t)) return undefined;
  let a = 1;
  let b = t.length - 1;
  while (a < b && (t.charCodeAt(a) === 32 || t.charCodeAt(a) === 9)) a++;
  while (b > a && (t.charCodeAt(b - 1) === 32 || t.charCodeAt(b - 1) === 9)) b--;
  const v = t.slice(a, b);
  return /^\s|\s$/.test(v) ? undefined : v;
}

/** The Expr of a plain literal or traversal written at [s, e), or undefined. */
function simpleExpr(src: string, s: number, e: number): Expr | undefined {
  const c = src.charCodeAt(s);
  const t = src.slice(s, e);
  if (c === 34 /* " */) {
    const value = plainString(t);
    return value === undefined ? undefined : { k: 'lit', v: { kind: 'string', value }, s, e };
  }
  if (c >= 48 && c <= 57) {
    return NUMBER_RE.test(t) ? { k: 'lit', v: { kind: 'number', value: Number(t) }, s, e } : undefined;
  }
  if (t === 'true' || t === 'false') return { k: 'lit', v: { kind: 'bool', value: t === 'true' }, s, e };
  if (t === 'null') return { k: 'lit', v: { kind: 'null' }, s, e };
  if (!TRAVERSAL_RE.test(t)) return undefined;
  const names = t.split('.');
  const root = names[0]!;
  if (KEYWORDS.has(root)) return undefined;
  const steps: Step[] = [];
  for (let i = 1; i < names.length; i++) steps.push({ k: 'attr', name: names[i]! });
  return { k: 'trav', root, steps, s, e };
}

function shortcut(n: Node, src: string): HclAttribute | Expr | string | undefined {
  switch (n.type) {
    case 'expression':
      return simpleExpr(src, n.startIndex, n.endIndex);
    case 'string_lit':
      return plainString(src.slice(n.startIndex, n.endIndex));
    case 'attribute': {
      const s = n.startIndex;
      const m = ATTRIBUTE_RE.exec(src.slice(s, n.endIndex));
      if (!m) return undefined;
      const nameEnd = s + m[0].length;
      let eq = nameEnd;
      while (src.charCodeAt(eq) !== 61 /* = */) eq++;
      let xs = eq + 1;
      while (src.charCodeAt(xs) === 32 || src.charCodeAt(xs) === 9) xs++;
      const expr = simpleExpr(src, xs, n.endIndex);
      if (!expr) return undefined;
      return { name: m[0], s, e: n.endIndex, nameEnd, eqOffset: eq, expr };
    }
    default:
      return undefined;
  }
}

/** A previous clean version of the same file, whose unchanged top-level blocks a conversion may reuse. */
export interface HclPrevious {
  text: string;
  file: HclFile;
}

export interface HclOptions {
  /** `false`: read every node from the tree (the reference the shortcuts are checked against in tests). */
  shortcuts?: boolean;
  /** Reuse the top-level blocks of this version whose text is unchanged (moved offsets are shifted). */
  previous?: HclPrevious;
}

/** Convert a Terraform tree (root `config_file`) to plain syntax. */
export function hclFileOf(tree: Tree, text: string, options: HclOptions = {}): HclFile {
  const hasErrors = tree.rootNode.hasError;
  const prev = options.previous;
  const reuse = prev && !prev.file.hasErrors && !hasErrors ? reuser(prev, text) : undefined;
  const root = mirror(tree, text, hasErrors, options.shortcuts !== false, reuse);
  const out: HclFile = { blocks: [], attributes: [], hasErrors };
  checkErrors = hasErrors;
  const visitTop = (n: Node): void => {
    for (const c of n.namedChildren) {
      if (!c) continue;
      if (c.type === 'body') visitTop(c);
      else if (c.type === 'block') addTop(c);
      else if (c.type === 'attribute') {
        const a = attributeOf(c, text);
        if (a) out.attributes.push(a);
      } else if (c.type === 'ERROR') visitTop(c);
    }
  };
  const addTop = (n: Node): void => {
    const b = blockOf(n, text);
    if (!b) return;
    out.blocks.push(b);
    if (b.incomplete) liftPulledBlocks(b, out.blocks);
  };
  visitTop(root);
  return out;
}

/** Looks up a block of `text` at [s, e) among the previous version's top-level blocks with the same text. */
function reuser(prev: HclPrevious, text: string): (s: number, e: number) => HclBlock | undefined {
  let byText: Map<string, HclBlock> | undefined;
  return (s, e) => {
    if (!byText) {
      byText = new Map();
      for (const b of prev.file.blocks) {
        const k = prev.text.slice(b.s, b.e);
        if (!byText.has(k)) byText.set(k, b);
      }
    }
    const old = byText.get(text.slice(s, e));
    if (!old) return undefined;
    return old.s === s ? old : shiftBlock(old, s - old.s);
  };
}

/** A copy of a block with every offset moved by `d`. */
export function shiftBlock(b: HclBlock, d: number): HclBlock {
  return {
    type: b.type,
    labels: b.labels,
    s: b.s + d,
    e: b.e + d,
    headerEnd: b.headerEnd + d,
    openEnd: b.openEnd + d,
    closeStart: b.closeStart === undefined ? undefined : b.closeStart + d,
    attributes: b.attributes.map((a) => shiftAttribute(a, d)),
    blocks: b.blocks.map((c) => shiftBlock(c, d)),
    incomplete: b.incomplete,
  };
}

/** A copy of an attribute with every offset moved by `d`. */
export function shiftAttribute(a: HclAttribute, d: number): HclAttribute {
  return {
    name: a.name,
    s: a.s + d,
    e: a.e + d,
    nameEnd: a.nameEnd + d,
    eqOffset: a.eqOffset + d,
    expr: shiftExpr(a.expr, d),
  };
}

function shiftStep(st: Step, d: number): Step {
  return st.k === 'index' ? { k: 'index', x: shiftExpr(st.x, d) } : st;
}

function shiftExpr(x: Expr, d: number): Expr {
  const s = x.s + d;
  const e = x.e + d;
  switch (x.k) {
    case 'lit':
      return { k: 'lit', v: x.v, s, e };
    case 'tpl':
      return { k: 'tpl', parts: x.parts.map((p) => (typeof p === 'string' ? p : shiftExpr(p, d))), s, e };
    case 'trav':
      return { k: 'trav', root: x.root, steps: x.steps.map((st) => shiftStep(st, d)), s, e };
    case 'post':
      return { k: 'post', base: shiftExpr(x.base, d), steps: x.steps.map((st) => shiftStep(st, d)), s, e };
    case 'bin':
      return { k: 'bin', op: x.op, l: shiftExpr(x.l, d), r: shiftExpr(x.r, d), s, e };
    case 'un':
      return { k: 'un', op: x.op, x: shiftExpr(x.x, d), s, e };
    case 'cond':
      return { k: 'cond', c: shiftExpr(x.c, d), t: shiftExpr(x.t, d), f: shiftExpr(x.f, d), s, e };
    case 'call':
      return { k: 'call', name: x.name, args: x.args.map((a) => shiftExpr(a, d)), expand: x.expand, s, e };
    case 'tuple':
      return { k: 'tuple', items: x.items.map((i) => shiftExpr(i, d)), s, e };
    case 'obj':
      return {
        k: 'obj',
        entries: x.entries.map((en) => ({ key: shiftExpr(en.key, d), value: shiftExpr(en.value, d) })),
        s,
        e,
      };
    case 'unk':
      return { k: 'unk', parts: x.parts.map((p) => shiftExpr(p, d)), s, e };
  }
}

/** Top-level blocks an unfinished attribute pulled into `b`: moved back out (they parsed on their own). */
function liftPulledBlocks(b: HclBlock, into: HclBlock[]): void {
  const kept: HclBlock[] = [];
  for (const c of b.blocks) {
    if (TOP_LEVEL.has(c.type) && c.labels.length > 0) {
      into.push(c);
      if (c.incomplete) liftPulledBlocks(c, into);
    } else kept.push(c);
  }
  b.blocks = kept;
}

function blockOf(n: Node, text: string): HclBlock | undefined {
  if (n.pre !== undefined) return n.pre as HclBlock;
  let type: string | undefined;
  const labels: string[] = [];
  let headerEnd = n.startIndex;
  let openEnd = -1;
  let closeStart: number | undefined;
  const attributes: HclAttribute[] = [];
  const blocks: HclBlock[] = [];
  for (const c of n.children) {
    if (!c) continue;
    switch (c.type) {
      case 'identifier':
        if (type === undefined) {
          type = c.text;
          headerEnd = c.endIndex;
        } else if (openEnd < 0) {
          labels.push(c.text);
          headerEnd = c.endIndex;
        }
        break;
      case 'string_lit':
        if (openEnd < 0) {
          labels.push(stringLitValue(c, text));
          headerEnd = c.endIndex;
        }
        break;
      case 'block_start':
        openEnd = c.endIndex;
        break;
      case 'block_end':
        if (!checkErrors || (!c.isMissing && c.endIndex > c.startIndex)) closeStart = c.startIndex;
        break;
      case 'body':
        for (const d of c.namedChildren) {
          if (!d) continue;
          if (d.type === 'attribute') {
            const a = attributeOf(d, text);
            if (a) attributes.push(a);
          } else if (d.type === 'block') {
            const b = blockOf(d, text);
            if (b) blocks.push(b);
          }
        }
        break;
      default:
        break;
    }
  }
  if (type === undefined || openEnd < 0) return undefined;
  return {
    type,
    labels,
    s: n.startIndex,
    e: n.endIndex,
    headerEnd,
    openEnd,
    closeStart,
    attributes,
    blocks,
    incomplete: closeStart === undefined || (checkErrors && n.hasError),
  };
}

function attributeOf(n: Node, text: string): HclAttribute | undefined {
  if (n.pre !== undefined) return n.pre as HclAttribute;
  const name = n.child(0);
  const eq = n.child(1);
  const x = n.child(2);
  if (!name || !eq || !x || name.type !== 'identifier') return undefined;
  return {
    name: name.text,
    s: n.startIndex,
    e: n.endIndex,
    nameEnd: name.endIndex,
    eqOffset: eq.startIndex,
    expr: exprOf(x, text),
  };
}

function unk(n: Node, text: string): Expr {
  const parts: Expr[] = [];
  for (const c of n.namedChildren) if (c) parts.push(exprOf(c, text));
  return { k: 'unk', parts, s: n.startIndex, e: n.endIndex };
}

/** Convert an expression node (or any node inside one) to an Expr. */
export function exprOf(n: Node, text: string): Expr {
  if (n.pre !== undefined) return n.pre as Expr;
  const s = n.startIndex;
  const e = n.endIndex;
  switch (n.type) {
    case 'expression':
      return seqExpr(
        n.children.filter((c): c is Node => !!c && c.type !== 'comment'),
        s,
        e,
        text,
      );
    case 'literal_value': {
      const c = n.namedChild(0);
      if (!c) return { k: 'unk', parts: [], s, e };
      switch (c.type) {
        case 'numeric_lit':
          return { k: 'lit', v: { kind: 'number', value: Number(c.text) }, s, e };
        case 'bool_lit':
          return { k: 'lit', v: { kind: 'bool', value: c.text === 'true' }, s, e };
        case 'null_lit':
          return { k: 'lit', v: { kind: 'null' }, s, e };
        case 'string_lit':
          return { k: 'lit', v: { kind: 'string', value: stringLitValue(c, text) }, s, e };
        default:
          return { k: 'unk', parts: [], s, e };
      }
    }
    case 'template_expr': {
      const c = n.namedChild(0);
      return c ? exprOf(c, text) : { k: 'unk', parts: [], s, e };
    }
    case 'quoted_template': {
      const parts: (string | Expr)[] = [];
      for (const c of n.namedChildren) {
        if (!c) continue;
        if (c.type === 'template_literal') parts.push(unescapeHcl(c.text));
        else if (c.type === 'template_interpolation') {
          const x = c.namedChildren.find((y) => y?.type === 'expression');
          parts.push(x ? exprOf(x, text) : { k: 'unk', parts: [], s: c.startIndex, e: c.endIndex });
        } else if (c.type === 'template_directive') parts.push(unk(c, text));
      }
      return { k: 'tpl', parts, s, e };
    }
    case 'heredoc_template':
      return heredocOf(n, text);
    case 'collection_value': {
      const c = n.namedChild(0);
      return c ? exprOf(c, text) : { k: 'unk', parts: [], s, e };
    }
    case 'tuple': {
      const items: Expr[] = [];
      for (const c of n.namedChildren) if (c?.type === 'expression') items.push(exprOf(c, text));
      return { k: 'tuple', items, s, e };
    }
    case 'object': {
      const entries: { key: Expr; value: Expr }[] = [];
      for (const c of n.namedChildren) {
        if (c?.type !== 'object_elem') continue;
        const xs = c.namedChildren.filter((x): x is Node => x?.type === 'expression');
        const [kx, vx] = xs;
        if (!kx || !vx) continue;
        entries.push({ key: objectKeyOf(kx, text), value: exprOf(vx, text) });
      }
      return { k: 'obj', entries, s, e };
    }
    case 'operation': {
      const c = n.namedChild(0);
      return c ? exprOf(c, text) : { k: 'unk', parts: [], s, e };
    }
    case 'binary_operation': {
      // Operands are not wrapped: `var.a * 2` is variable_expr, get_attr, "*", literal_value.
      const kids = n.children.filter((c): c is Node => !!c && c.type !== 'comment');
      const i = kids.findIndex((c) => OPERATORS.has(c.type));
      const l = kids.slice(0, i);
      const r = kids.slice(i + 1);
      const op = kids[i];
      if (i <= 0 || !op || r.length === 0) return unk(n, text);
      return {
        k: 'bin',
        op: op.type,
        l: seqExpr(l, s, op.startIndex, text),
        r: seqExpr(r, op.endIndex, e, text),
        s,
        e,
      };
    }
    case 'unary_operation': {
      const kids = n.children.filter((c): c is Node => !!c && c.type !== 'comment');
      const op = kids[0];
      if (!op || kids.length < 2) return unk(n, text);
      return { k: 'un', op: op.type, x: seqExpr(kids.slice(1), op.endIndex, e, text), s, e };
    }
    case 'conditional': {
      const xs = n.namedChildren.filter((x): x is Node => x?.type === 'expression');
      const [c, t, f] = xs;
      if (!c || !t || !f) return unk(n, text);
      return { k: 'cond', c: exprOf(c, text), t: exprOf(t, text), f: exprOf(f, text), s, e };
    }
    case 'function_call': {
      const name = n.namedChild(0);
      const argsNode = n.namedChildren.find((x) => x?.type === 'function_arguments');
      const args: Expr[] = [];
      let expand = false;
      for (const c of argsNode?.namedChildren ?? []) {
        if (c?.type === 'expression') args.push(exprOf(c, text));
        else if (c?.type === 'ellipsis') expand = true;
      }
      return { k: 'call', name: name?.text ?? '', args, expand, s, e };
    }
    case 'variable_expr':
      return { k: 'trav', root: n.namedChild(0)?.text ?? n.text, steps: [], s, e };
    default:
      return unk(n, text);
  }
}

/** A base expression followed by attribute, index and splat steps (as `expression` and operands hold them). */
function seqExpr(kids: Node[], s: number, e: number, text: string): Expr {
  const first = kids[0];
  if (!first) return { k: 'unk', parts: [], s, e };
  if (kids.length === 1 && first.type !== 'variable_expr') return exprOf(first, text);
  s = first.startIndex;
  e = kids[kids.length - 1]!.endIndex;
  if (first.type === '(') {
    const inner = kids[1];
    return inner ? exprOf(inner, text) : { k: 'unk', parts: [], s, e };
  }
  const steps: Step[] = [];
  let splat = false;
  for (const c of kids.slice(1)) {
    if (c.type === 'get_attr') {
      const id = c.namedChildren.find((x) => x?.type === 'identifier');
      if (id) steps.push({ k: 'attr', name: id.text });
    } else if (c.type === 'index') {
      const ix = c.namedChild(0);
      if (ix?.type === 'legacy_index') {
        const num = /\d+/.exec(ix.text);
        const v: IacValue = { kind: 'number', value: Number(num?.[0] ?? 0) };
        steps.push({ k: 'index', x: { k: 'lit', v, s: ix.startIndex, e: ix.endIndex } });
      } else {
        const inner = ix?.namedChildren.find((x) => x?.type === 'expression');
        steps.push(inner ? { k: 'index', x: exprOf(inner, text) } : { k: 'splat' });
      }
    } else if (c.type === 'splat') {
      splat = true;
      steps.push({ k: 'splat' });
    }
  }
  if (first.type === 'variable_expr') {
    const root = first.namedChild(0)?.text ?? first.text;
    const t: Expr = { k: 'trav', root, steps, s, e };
    return splat ? { k: 'unk', parts: [t], s, e } : t;
  }
  const base = exprOf(first, text);
  if (steps.length === 0) return base;
  return { k: 'post', base, steps, s, e };
}

/** An object key: a bare identifier is a string key; `(expr)` and strings are evaluated. */
function objectKeyOf(n: Node, text: string): Expr {
  const pre = n.pre as Expr | undefined;
  if (pre?.k === 'trav' && pre.steps.length === 0) {
    return { k: 'lit', v: { kind: 'string', value: pre.root }, s: n.startIndex, e: n.endIndex };
  }
  const kids = n.namedChildren.filter((c): c is Node => !!c);
  if (kids.length === 1 && kids[0]!.type === 'variable_expr') {
    return { k: 'lit', v: { kind: 'string', value: kids[0]!.text }, s: n.startIndex, e: n.endIndex };
  }
  return exprOf(n, text);
}

function stringLitValue(n: Node, _text: string): string {
  if (typeof n.pre === 'string') return n.pre;
  let out = '';
  for (const c of n.namedChildren) if (c?.type === 'template_literal') out += unescapeHcl(c.text);
  return out;
}

export function unescapeHcl(raw: string): string {
  if (!raw.includes('\\') && !raw.includes('$${') && !raw.includes('%%{')) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i]!;
    if (ch === '\\' && i + 1 < raw.length) {
      const nx = raw[++i]!;
      if (nx === 'n') out += '\n';
      else if (nx === 't') out += '\t';
      else if (nx === 'r') out += '\r';
      else if (nx === 'u' && /^[0-9a-fA-F]{4}/.test(raw.slice(i + 1))) {
        out += String.fromCharCode(parseInt(raw.slice(i + 1, i + 5), 16));
        i += 4;
      } else out += nx;
    } else if ((ch === '$' || ch === '%') && raw[i + 1] === ch && raw[i + 2] === '{') {
      out += ch + '{';
      i += 2;
    } else out += ch;
  }
  return out;
}

/** A heredoc: the raw lines between the markers, with interpolations; `<<-` strips the common indent. */
function heredocOf(n: Node, text: string): Expr {
  const s = n.startIndex;
  const e = n.endIndex;
  const kids = n.children.filter((c): c is Node => !!c);
  const start = kids.find((c) => c.type === 'heredoc_start');
  const ids = kids.filter((c) => c.type === 'heredoc_identifier');
  const open = ids[0];
  const close = ids[ids.length - 1];
  if (!start || !open || !close || open === close) return unk(n, text);
  const bodyStart = text.indexOf('\n', open.endIndex) + 1;
  let bodyEnd = text.lastIndexOf('\n', close.startIndex) + 1;
  if (bodyStart <= 0 || bodyEnd < bodyStart) return unk(n, text);
  bodyEnd = Math.max(bodyStart, bodyEnd);
  const parts: (string | Expr)[] = [];
  let pos = bodyStart;
  for (const c of kids) {
    if (c.type !== 'template_interpolation' && c.type !== 'template_directive') continue;
    if (c.startIndex < bodyStart || c.endIndex > bodyEnd) continue;
    parts.push(text.slice(pos, c.startIndex));
    if (c.type === 'template_interpolation') {
      const x = c.namedChildren.find((y) => y?.type === 'expression');
      parts.push(x ? exprOf(x, text) : unk(c, text));
    } else parts.push(unk(c, text));
    pos = c.endIndex;
  }
  parts.push(text.slice(pos, bodyEnd));
  if (start.text.includes('-')) stripIndent(parts);
  return { k: 'tpl', parts, s, e };
}

export function stripIndent(parts: (string | Expr)[]): void {
  const joined = parts.map((p) => (typeof p === 'string' ? p : '\u0000')).join('');
  let min = Infinity;
  for (const line of joined.split('\n')) {
    if (line.trim() === '') continue;
    min = Math.min(min, /^[ \t]*/.exec(line)![0].length);
  }
  if (!isFinite(min) || min === 0) return;
  let atLineStart = true;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (typeof p !== 'string') {
      atLineStart = false;
      continue;
    }
    const lines = p.split('\n');
    parts[i] = lines
      .map((l, j) => ((j > 0 || atLineStart) && /^[ \t]*/.exec(l)![0].length >= min ? l.slice(min) : l))
      .join('\n');
    atLineStart = p.endsWith('\n');
  }
}

/** A key for matching a top-level block across versions of a file. */
export function blockKey(b: HclBlock, ordinal: number): string {
  return b.labels.length > 0 ? `${b.type} ${b.labels.join(' ')}` : `${b.type} #${ordinal}`;
}

function keyed(blocks: readonly HclBlock[]): Map<string, HclBlock> {
  const counts = new Map<string, number>();
  const out = new Map<string, HclBlock>();
  for (const b of blocks) {
    const n = counts.get(b.type) ?? 0;
    counts.set(b.type, n + 1);
    const k = blockKey(b, n);
    if (!out.has(k)) out.set(k, b);
  }
  return out;
}

/**
 * A broken file's blocks completed from its last clean parse: clean blocks of the current text as they are;
 * for a block being typed (or lost inside another), its last clean version, marked incomplete.
 */
export function withLastGood(current: HclFile, lastGood: HclFile | undefined): HclFile {
  if (!current.hasErrors || !lastGood) return current;
  const now = keyed(current.blocks);
  const before = keyed(lastGood.blocks);
  const blocks: HclBlock[] = [];
  for (const [k, b] of now) {
    const old = before.get(k);
    if (b.incomplete && old) blocks.push(markIncomplete(old));
    else blocks.push(b);
  }
  for (const [k, old] of before) if (!now.has(k)) blocks.push(markIncomplete(old));
  return { blocks, attributes: current.attributes, hasErrors: true };
}

function markIncomplete(b: HclBlock): HclBlock {
  return b.incomplete ? b : { ...b, incomplete: true };
}
