/**
 * What the CDK front ends read of a syntax tree, and a fast way to read it.
 *
 * With web-tree-sitter every property of a tree node is a call into wasm (the node is copied into wasm memory
 * and back, `Node` objects are built for every child), which costs microseconds per access: reading a 5,000-line
 * stack node by node took ~250 ms, and even one cursor walk over every node ~90 ms. So the CDK front ends read
 * the construct calls and the values they need from the text, with the small expression readers of
 * `cdk-scan-ts.ts` / `cdk-scan-py.ts`, into plain `SNode` objects shaped like tree-sitter's nodes (same types,
 * fields, named children and offsets), and evaluate them with the same code as tree nodes. What a reader does
 * not know (an arrow function, a conditional, an f-string, …) is read from the tree-sitter tree instead, node by
 * node, at exactly that place; a file the readers cannot follow at all (a syntax error, an unusual form) is read
 * from the tree as a whole. Tests check that both ways give the same model.
 */
import type { ParsedFile } from '../engine/file';
import type { ReadableNode } from '../handlers/ast';
import { PyNode } from '../parse/python-read';
import { isGrammarLoaded, namedChildren, parseWith, type GrammarId, type Node } from '../parse/treesitter';

/**
 * The parts of a tree-sitter node the CDK front ends read (tree-sitter's `Node` satisfies it): what the handler
 * index's value readers read too, so they take the front ends' nodes.
 */
export type SNode = ReadableNode<SNode>;

/** A key for a node, equal for a tree node and a text node of the same range and type class. */
export function idOf(n: SNode): number {
  return n.startIndex * 1e7 + n.endIndex;
}

/** The children of every leaf node (one shared empty list). */
const NO_KIDS: readonly SNode[] = Object.freeze([]);

/** A node read from the text. */
export class TextNode implements SNode {
  /** The front end's dotted name of this node (`lambda.Runtime`), once computed (null: not a dotted name). */
  dotted: string | null | undefined = undefined;

  constructor(
    readonly src: string,
    readonly type: string,
    readonly startIndex: number,
    readonly endIndex: number,
    readonly namedChildren: readonly SNode[] = NO_KIDS,
    readonly fields?: Readonly<Record<string, SNode>>,
  ) {}

  get text(): string {
    return this.src.slice(this.startIndex, this.endIndex);
  }

  childForFieldName(name: string): SNode | null {
    return this.fields?.[name] ?? null;
  }
}

/** A dotted name of a node, remembered on text nodes (it is asked for several times per node). */
export function memoDotted(
  n: SNode | null | undefined,
  compute: (n: SNode) => string | undefined,
): string | undefined {
  if (!n) return undefined;
  if (!(n instanceof TextNode)) return compute(n);
  if (n.dotted === undefined) n.dotted = compute(n) ?? null;
  return n.dotted ?? undefined;
}

/**
 * For walks that pass over anonymous leaves unharmed (they look for named node types): a reader node's own list
 * of every child, punctuation too, instead of a fresh list of its named children (`kids`) per node visited.
 */
export function kidsOrLeaves(n: SNode): readonly SNode[] {
  return n instanceof PyNode ? n.kids : kids(n);
}

export function kids(n: SNode): readonly SNode[] {
  if (n instanceof TextNode) return n.namedChildren;
  // A fresh list without nulls already.
  if (n instanceof PyNode) return n.namedChildren;
  const out: SNode[] = [];
  for (const c of n.namedChildren) if (c !== null) out.push(c);
  return out;
}

/** Thrown where a reader meets syntax it does not model: the caller reads that part from the tree. */
export class Unsupported extends Error {
  constructor(why: string) {
    super(why);
  }
}

/** How many files each front end read from the text and from the tree, and why not from the text (bench, tests). */
export const readStats = {
  text: 0,
  tree: 0,
  /** Of `text`: Python files read from the Python reader's tree (no lexing of their own). */
  reader: 0,
  why: new Map<string, number>(),
  count(fast: boolean, why?: string): void {
    if (fast) this.text++;
    else {
      this.tree++;
      // Offsets left out: the reasons stay a handful in a long-running editor session.
      const key = why?.replace(/\d+/g, 'N');
      if (key) this.why.set(key, (this.why.get(key) ?? 0) + 1);
    }
  },
};

/** Thrown when a file cannot be read from the text at all: the front end reads it from the tree. */
export class NotFast extends Error {
  constructor(why: string) {
    super(why);
  }
}

/** Where to find the tree's node for a value the text reader does not model. */
export interface TreeFallback {
  /** Offset of a token of (or, with `exact`, the start of) the enclosing node. */
  at: number;
  /** Types of the enclosing node. */
  types: readonly string[];
  /** Its field holding the value. */
  field: string;
  exact: boolean;
  /** Token index where the statement holding it starts (`const`, an assignment's target), when it is one. */
  statement?: number;
  /** The statement is a class member (a field). */
  classMember?: boolean;
}

/** The value node a fallback names, or NotFast. */
export function treeValue(root: Node, fb: TreeFallback): Node {
  const v = treeNodeFrom(root, fb.at, fb.types, fb.exact).childForFieldName(fb.field);
  if (!v) throw new NotFast(`no ${fb.field} of ${fb.types[0]}`);
  return v;
}

/** The tree node of exactly this range (the outermost one, as its parent lists it), or NotFast. */
export function treeNodeAt(root: Node, start: number, end: number): Node {
  let n: Node | null = root.descendantForIndex(start, end);
  if (!n || n.startIndex !== start || n.endIndex !== end) {
    // An anonymous wrapper or a smaller token: climb to the node of the range.
    while (n && (n.startIndex > start || n.endIndex < end)) n = n.parent;
  }
  if (!n || n.startIndex !== start || n.endIndex !== end)
    throw new NotFast(`no node at ${start}-${end} (${n?.type})`);
  for (let p = n.parent; p && p.startIndex === start && p.endIndex === end && p.isNamed; p = p.parent) n = p;
  return n;
}

/**
 * The nearest tree node of one of `types` around the token at `at` (starting exactly there unless
 * `exactStart` is false), or NotFast.
 */
export function treeNodeFrom(root: Node, at: number, types: readonly string[], exactStart = true): Node {
  let n: Node | null = root.descendantForIndex(at, at + 1);
  while (n && !types.includes(n.type)) {
    if (exactStart && n.startIndex < at) break;
    n = n.parent;
  }
  if (!n || !types.includes(n.type) || (exactStart && n.startIndex !== at))
    throw new NotFast(`no ${types[0]} at ${at}`);
  return n;
}

/** The file's tree-sitter root, parsed when first asked for (a reader falls back to it only where it must). */
export function treeRootOf(file: ParsedFile): () => Node {
  return () => {
    const r = file.tree?.rootNode;
    if (!r) throw new NotFast('no tree');
    return r;
  };
}

/** What the TypeScript and Python expression readers share: node building, the tree on demand, fallbacks. */
export abstract class TextReader {
  private rootNode: Node | undefined;

  constructor(
    readonly src: string,
    /** The file's tree-sitter root, parsed when first asked for. */
    protected readonly tree: () => Node,
  ) {}

  /** The tree-sitter root, parsed only when a value needs the tree. */
  root(): Node {
    return (this.rootNode ??= this.tree());
  }

  protected node(
    type: string,
    s: number,
    e: number,
    kids: readonly SNode[] = NO_KIDS,
    fields?: Record<string, SNode>,
  ): TextNode {
    return new TextNode(this.src, type, s, e, kids, fields);
  }

  /** The number of tokens. */
  protected abstract get count(): number;

  /** Where token i starts (Unsupported past the last token). */
  protected abstract startOf(i: number): number;

  /** Where token i ends (Unsupported past the last token). */
  protected abstract endOf(i: number): number;

  /** The expression starting at token i and the index after it; Unsupported where the reader stops. */
  abstract expr(i: number): [SNode, number];

  /** The index of the token ending the element at i (`,` `;` a closing bracket, or the end of the line). */
  abstract skipElement(i: number): number;

  /** An expression at i read from the text, or the tree's node for it (`fallback`, else the element's range). */
  element(i: number, fallback?: TreeFallback): [SNode, number] {
    try {
      return this.expr(i);
    } catch (e) {
      if (!(e instanceof Unsupported)) throw e;
      if (fallback) {
        const n = this.statementValue(fallback) ?? treeValue(this.root(), fallback);
        let j = i;
        while (j < this.count && this.startOf(j) < n.endIndex) j++;
        return [n, j];
      }
      const j = this.skipElement(i);
      if (j === i) throw new NotFast('empty element');
      return [this.snippet(i, j) ?? treeNodeAt(this.root(), this.startOf(i), this.endOf(j - 1)), j];
    }
  }

  /**
   * The tokens [i, j) as one expression read some cheaper way than from the file's tree (undefined: ask the
   * tree). A reader whose snippets read as they do in the file overrides it.
   */
  protected snippet(_i: number, _j: number): SNode | undefined {
    return undefined;
  }

  /** The value a fallback names read from its statement alone (undefined: ask the file's tree). */
  protected statementValue(_fb: TreeFallback): SNode | undefined {
    return undefined;
  }
}

/**
 * The list element src[start, end) as tree-sitter reads it on its own, in a list of the same kind (`list`: call
 * arguments, array, object values) and followed by the same token (`close`: `,` or the closer; what surrounds an
 * expression can change how tree-sitter resolves it): text nodes at the file's offsets (comments left out, as the readers leave them out), or undefined
 * unless it is exactly one expression without errors. Parsing a few tokens costs microseconds where the whole
 * file's tree costs ~15 ms per 1,000 lines.
 */
export function snippetExpression(
  src: string,
  start: number,
  end: number,
  list: '(' | '[' | '{',
  close: string,
  grammar: GrammarId,
): SNode | undefined {
  if (!isGrammarLoaded(grammar)) return undefined;
  // A call argument `f(x,)`, an array element `[x,]`, an object value `({k:x,})` (`,` or the closer after it).
  const after = close === ',' ? ',' : '';
  const [open, shut] =
    list === '(' ? ['f(', `${after})`] : list === '{' ? ['({k:', `${after}})`] : ['[', `${after}]`];
  const tree = parseWith(grammar, `${open}${src.slice(start, end)}${shut}`);
  try {
    const root = tree.rootNode;
    if (root.hasError || root.namedChildCount !== 1) return undefined;
    const st = root.namedChild(0);
    if (st?.type !== 'expression_statement' || st.namedChildCount !== 1) return undefined;
    let outer = st.namedChild(0);
    if (list === '{') {
      const obj = outer?.type === 'parenthesized_expression' ? outer.namedChild(0) : null;
      const pair = obj?.type === 'object' && obj.namedChildCount === 1 ? obj.namedChild(0) : null;
      const v = pair?.type === 'pair' ? pair.childForFieldName('value') : null;
      return v ? exact(v, src, start, end, open.length) : undefined;
    }
    if (list === '(') outer = outer?.type === 'call_expression' ? outer.childForFieldName('arguments') : null;
    else if (outer?.type !== 'array') return undefined;
    if (!outer || outer.namedChildCount !== 1) return undefined;
    const x = outer.namedChild(0);
    return x ? exact(x, src, start, end, open.length) : undefined;
  } finally {
    tree.delete();
  }
}

/**
 * The value a fallback names (its `at` an offset into the file) in the statement src[start, end) parsed alone,
 * as text nodes at the file's offsets; undefined unless the statement is exactly one statement without errors.
 * Inside one statement tree-sitter reads the tokens as it does in the file (unlike an expression taken out of
 * its surroundings: see `snippetExpression`), at the cost of that statement's parse only.
 */
export function statementValue(
  src: string,
  start: number,
  end: number,
  fb: TreeFallback,
  grammar: GrammarId,
  classMember = false,
): SNode | undefined {
  if (!isGrammarLoaded(grammar)) return undefined;
  // A class member is parsed in a class of its own.
  const prefix = classMember ? 'class _ {\n' : '';
  const tree = parseWith(grammar, `${prefix}${src.slice(start, end)}${classMember ? '\n}' : ''}`);
  try {
    const root = tree.rootNode;
    if (root.hasError) return undefined;
    let stmts = namedChildren(root).filter((c) => c.type !== 'comment');
    if (classMember) {
      const body = stmts.length === 1 ? stmts[0]!.childForFieldName('body') : null;
      if (!body) return undefined;
      stmts = namedChildren(body).filter((c) => c.type !== 'comment');
    }
    const at = prefix.length;
    // (A field's node leaves out the `;` after it.)
    const stop = at + end - start - (classMember && src[end - 1] === ';' ? 1 : 0);
    if (stmts.length !== 1 || stmts[0]!.startIndex !== at || stmts[0]!.endIndex !== stop) return undefined;
    let v: Node | null;
    try {
      v = treeValue(root, { ...fb, at: fb.at - start + at });
    } catch (e) {
      if (e instanceof NotFast) return undefined;
      throw e;
    }
    return textOfTree(v, src, start - at);
  } finally {
    tree.delete();
  }
}

/** The snippet's node as text nodes if it spans the whole snippet (at `at` in the parsed text). */
function exact(x: Node, src: string, start: number, end: number, at: number): TextNode | undefined {
  if (x.startIndex !== at || x.endIndex !== at + end - start) return undefined;
  return textOfTree(x, src, start - at);
}

/** A tree node and its named descendants as text nodes shifted by `delta` (fields of anonymous children kept). */
function textOfTree(n: Node, src: string, delta: number): TextNode {
  const kids: SNode[] = [];
  let fields: Record<string, SNode> | undefined;
  const count = n.childCount;
  for (let i = 0; i < count; i++) {
    const c = n.child(i);
    if (!c || c.type === 'comment') continue;
    const field = n.fieldNameForChild(i);
    if (!c.isNamed && !field) continue;
    const t = c.isNamed
      ? textOfTree(c, src, delta)
      : new TextNode(src, c.type, c.startIndex + delta, c.endIndex + delta);
    if (c.isNamed) kids.push(t);
    if (field && !(fields && field in fields)) (fields ??= {})[field] = t;
  }
  return new TextNode(src, n.type, n.startIndex + delta, n.endIndex + delta, kids, fields);
}

/**
 * A front end's construct sites read from the text, or from the tree when the text reader cannot follow the
 * file (`NotFast`) or `fromTree` asks for it; each reading gets a fresh context from `newCtx`.
 */
export function readSites<C, S>(
  lang: 'ts' | 'py',
  fromTree: boolean,
  newCtx: () => C,
  text: (ctx: C) => S,
  tree: (ctx: C) => S,
): { ctx: C; sites: S; fromText: boolean } {
  if (!fromTree) {
    const ctx = newCtx();
    try {
      const sites = text(ctx);
      readStats.count(true);
      return { ctx, sites, fromText: true };
    } catch (e) {
      if (!(e instanceof NotFast)) throw e;
      readStats.count(false, `${lang}: ${e.message}`);
    }
  }
  const ctx = newCtx();
  return { ctx, sites: tree(ctx), fromText: false };
}
