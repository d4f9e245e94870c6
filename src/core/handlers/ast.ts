/**
 * Small, language-aware helpers over tree-sitter nodes shared by handler detection and the handler rules:
 * function nodes, the names a pattern binds, string literals, and the local scope of a function.
 */
import type { SyntaxCursor, SyntaxNode } from '../parse/syntax';
import { isTreeSitterNode, namedChildren } from '../parse/treesitter';
import { PyNode } from '../parse/python-read';

/** The tree cursor a node hands out (`node.walk()`): web-tree-sitter's or the Python reader's. */
export type Cursor = SyntaxCursor;

/**
 * Pre-order walk of the named descendants of `root` (not `root` itself), in document order, with one tree
 * cursor: no `Node` is allocated unless the visitor asks for `cursor.currentNode`. `visit(type, cursor,
 * parentType)` returns false to skip the node's subtree. Same nodes and order as `descendants(root, skip)`.
 */
export function walkNamed(
  root: SyntaxNode,
  visit: (type: string, cursor: Cursor, parentType: string) => boolean | void,
): void {
  const c = root.walk();
  try {
    if (!c.gotoFirstChild()) return;
    const parents: string[] = [root.type];
    for (;;) {
      let descend = false;
      if (c.nodeIsNamed) {
        const type = c.nodeType;
        descend = visit(type, c, parents[parents.length - 1] as string) !== false;
        if (descend && c.gotoFirstChild()) {
          parents.push(type);
          continue;
        }
      }
      while (!c.gotoNextSibling()) {
        if (parents.length <= 1 || !c.gotoParent()) return;
        parents.pop();
      }
    }
  } finally {
    c.delete();
  }
}

/** Per grammar: whether each node type id is a named type (filled on first use of an id). */
const namedTypeIds = new WeakMap<object, (boolean | undefined)[]>();

/**
 * The node's type when it is a named node, else undefined: for a tree-sitter node, `node.isNamed ? node.type :
 * undefined` with one call into the wasm runtime instead of two (whether a type id is named is a fact of the
 * grammar); a node of the Python reader is a plain object.
 */
export function namedTypeOf(node: SyntaxNode): string | undefined {
  if (!isTreeSitterNode(node)) return node.isNamed ? node.type : undefined;
  const id = node.typeId;
  const lang = node.tree.language;
  let named = namedTypeIds.get(lang);
  if (!named) {
    named = [];
    namedTypeIds.set(lang, named);
  }
  let isNamed = named[id];
  if (isNamed === undefined) {
    isNamed = lang.nodeTypeIsNamed(id);
    named[id] = isNamed;
  }
  return isNamed ? (lang.types[id] ?? 'ERROR') : undefined;
}

export type CodeLanguage = 'python' | 'js';

export function codeLanguageOf(language: string): CodeLanguage | undefined {
  if (language === 'python') return 'python';
  if (language === 'javascript' || language === 'typescript' || language === 'tsx') return 'js';
  return undefined;
}

const PY_FUNCTIONS = new Set(['function_definition', 'lambda']);
const JS_FUNCTIONS = new Set([
  'function_declaration',
  'function_expression',
  'function',
  'arrow_function',
  'generator_function_declaration',
  'generator_function',
  'method_definition',
]);

export function isFunctionNode(lang: CodeLanguage, node: SyntaxNode): boolean {
  return (lang === 'python' ? PY_FUNCTIONS : JS_FUNCTIONS).has(node.type);
}

export function isFunctionType(lang: CodeLanguage, type: string): boolean {
  return (lang === 'python' ? PY_FUNCTIONS : JS_FUNCTIONS).has(type);
}

/** The innermost function node that contains `node` (not `node` itself), if any. */
export function enclosingFunction(lang: CodeLanguage, node: SyntaxNode): SyntaxNode | undefined {
  let n = node.parent;
  while (n) {
    if (isFunctionNode(lang, n)) return n;
    n = n.parent;
  }
  return undefined;
}

/** Whether `inner` lies within `outer` (or is it). */
export function contains(outer: SyntaxNode, inner: SyntaxNode): boolean {
  return inner.startIndex >= outer.startIndex && inner.endIndex <= outer.endIndex;
}

/**
 * What the value readers below use of a node: a tree-sitter node, and a node the CDK text readers build
 * (`iac/cdk-syntax.ts`), both satisfy it, so the handler index reads CDK constructs either way.
 */
export interface ReadableNode<N> {
  readonly type: string;
  readonly text: string;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly namedChildren: readonly (N | null)[];
  childForFieldName(name: string): N | null;
}

function kidsOf<N extends ReadableNode<N>>(n: N): N[] {
  const out: N[] = [];
  for (const c of n.namedChildren) if (c !== null) out.push(c);
  return out;
}

/** The value of a plain string literal (no interpolation), else undefined. */
export function stringValue<N extends ReadableNode<N>>(node: N | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'string') {
    // Python: string_start string_content string_end; JS: quotes around string_fragment.
    let out = '';
    for (const c of kidsOf(node)) {
      if (c.type === 'string_content' || c.type === 'string_fragment') out += c.text;
      else if (c.type === 'escape_sequence') out += unescape(c.text);
      else if (c.type === 'string_start' || c.type === 'string_end') {
        if (/[fF]/.test(c.text) && c.type === 'string_start' && node.text.includes('{')) return undefined;
      } else return undefined; // interpolation
    }
    return out;
  }
  if (node.type === 'template_string') {
    const parts = kidsOf(node);
    if (parts.some((p) => p.type === 'template_substitution')) return undefined;
    return node.text.slice(1, -1);
  }
  if (node.type === 'concatenated_string') {
    let out = '';
    for (const c of kidsOf(node)) {
      const v = stringValue(c);
      if (v === undefined) return undefined;
      out += v;
    }
    return out;
  }
  if (node.type === 'parenthesized_expression') return stringValue(kidsOf(node)[0]);
  return undefined;
}

function unescape(s: string): string {
  switch (s) {
    case '\\n':
      return '\n';
    case '\\t':
      return '\t';
    default:
      return s.length === 2 ? s.slice(1) : s;
  }
}

/** Identifiers bound by a Python assignment target or a JS binding pattern. */
export function patternNames(node: SyntaxNode | null | undefined, out: string[] = []): string[] {
  if (!node) return out;
  switch (node.type) {
    case 'identifier':
    case 'shorthand_property_identifier_pattern':
      out.push(node.text);
      return out;
    case 'attribute':
    case 'subscript':
    case 'member_expression':
    case 'subscript_expression':
      return out;
    case 'pair_pattern':
      return patternNames(node.childForFieldName('value'), out);
    case 'assignment_pattern':
    case 'object_assignment_pattern':
      return patternNames(node.childForFieldName('left'), out);
    case 'required_parameter':
    case 'optional_parameter':
      return patternNames(node.childForFieldName('pattern'), out);
    case 'typed_parameter':
    case 'list_splat_pattern':
    case 'dictionary_splat_pattern':
    case 'rest_pattern':
    case 'as_pattern_target':
      for (const c of namedChildren(node)) if (c.type !== 'type') patternNames(c, out);
      return out;
    case 'default_parameter':
    case 'typed_default_parameter':
      return patternNames(node.childForFieldName('name'), out);
    default:
      for (const c of namedChildren(node)) patternNames(c, out);
      return out;
  }
}

/** The parameter nodes of a function, in order (Python `parameters` / JS `formal_parameters`). */
export function parameterNodes(fn: SyntaxNode): SyntaxNode[] {
  const params = fn.childForFieldName('parameters') ?? fn.childForFieldName('parameter');
  if (!params) return [];
  if (params.type === 'identifier') return [params]; // `x => …`
  return namedChildren(params).filter((c) => c.type !== 'comment');
}

/** Simple names of a function's parameters (a destructured parameter gives several). */
export function parameterNames(fn: SyntaxNode): string[] {
  const out: string[] = [];
  for (const p of parameterNodes(fn)) patternNames(p, out);
  return out;
}

/** The dotted text of a callee (`boto3.client`, `AWS.DynamoDB.DocumentClient`), or undefined. */
export function dottedName<N extends ReadableNode<N>>(node: N | null | undefined): string | undefined {
  if (!node) return undefined;
  switch (node.type) {
    case 'identifier':
    case 'property_identifier':
    case 'type_identifier':
      return node.text;
    case 'attribute': {
      const o = dottedName(node.childForFieldName('object'));
      const a = node.childForFieldName('attribute');
      return o && a ? `${o}.${a.text}` : undefined;
    }
    case 'member_expression': {
      const o = dottedName(node.childForFieldName('object'));
      const p = node.childForFieldName('property');
      return o && p ? `${o}.${p.text}` : undefined;
    }
    case 'dotted_name':
      return node.text.replace(/\s+/g, '');
    case 'parenthesized_expression':
      return dottedName(kidsOf(node)[0]);
    case 'non_null_expression':
      return dottedName(kidsOf(node)[0]);
    default:
      return undefined;
  }
}

/** Arguments of a call (Python `argument_list` / JS `arguments`), without comments. */
export function callArguments<N extends ReadableNode<N>>(call: N): N[] {
  const args = call.childForFieldName('arguments');
  const out: N[] = [];
  if (!args) return out;
  // One pass over the children (the CDK front ends ask for every construct's arguments).
  const kids = args.namedChildren;
  for (let i = 0; i < kids.length; i++) {
    const c = kids[i];
    if (c && c.type !== 'comment') out.push(c);
  }
  return out;
}

/** A Python keyword argument's value, or a JS object-literal property's value in the first object argument. */
export function keywordArgument<N extends ReadableNode<N>>(
  lang: CodeLanguage,
  call: N,
  name: string,
): N | undefined {
  for (const a of callArguments(call)) {
    if (lang === 'python') {
      if (a.type === 'keyword_argument' && a.childForFieldName('name')?.text === name)
        return a.childForFieldName('value') ?? undefined;
    } else if (a.type === 'object') {
      const v = objectProperty(a, name);
      if (v) return v;
    }
  }
  return undefined;
}

/** The value of a property of a JS object literal (`{ name: v }` or shorthand `{ name }`). */
export function objectProperty<N extends ReadableNode<N>>(obj: N, name: string): N | undefined {
  for (const p of kidsOf(obj)) {
    if (p.type === 'pair') {
      const k = p.childForFieldName('key');
      const key = k ? (k.type === 'string' ? stringValue(k) : k.text) : undefined;
      if (key === name) return p.childForFieldName('value') ?? undefined;
    } else if (p.type === 'shorthand_property_identifier' && p.text === name) return p;
  }
  return undefined;
}

/** Descendants of `root` in document order (named nodes only), not entering nodes for which `skip` is true. */
export function descendants(root: SyntaxNode, skip?: (n: SyntaxNode) => boolean): SyntaxNode[] {
  if (root instanceof PyNode) return readerDescendants(root, skip);
  const out: SyntaxNode[] = [];
  const stack: SyntaxNode[] = [...namedChildren(root)].reverse();
  while (stack.length > 0) {
    const n = stack.pop() as SyntaxNode;
    out.push(n);
    if (skip?.(n)) continue;
    const kids = namedChildren(n);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i] as SyntaxNode);
  }
  return out;
}

/** `descendants` over the Python reader's nodes: their children lists read in place (no list per node). */
function readerDescendants(root: PyNode, skip?: (n: SyntaxNode) => boolean): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const stack: PyNode[] = [];
  const push = (n: PyNode) => {
    const kids = n.kids;
    for (let i = kids.length - 1; i >= 0; i--) {
      const c = kids[i] as PyNode;
      if (c.isNamed) stack.push(c);
    }
  };
  push(root);
  while (stack.length > 0) {
    const n = stack.pop() as PyNode;
    out.push(n);
    if (skip?.(n)) continue;
    push(n);
  }
  return out;
}

/** Whether `node` is inside an `except` (Python) or `catch` (JS) clause, below `stop`. */
export function onErrorPath(node: SyntaxNode, stop: SyntaxNode): boolean {
  let n = node.parent;
  while (n && n.id !== stop.id) {
    if (n.type === 'except_clause' || n.type === 'except_group_clause' || n.type === 'catch_clause')
      return true;
    n = n.parent;
  }
  return false;
}

/** The statement (direct child of a block / module / program) that contains `node`. */
export function statementOf(node: SyntaxNode): SyntaxNode | undefined {
  let n: SyntaxNode | null = node;
  while (n && n.parent) {
    const p: SyntaxNode = n.parent;
    if (['block', 'module', 'program', 'statement_block', 'class_body'].includes(p.type)) return n;
    n = p;
  }
  return undefined;
}
