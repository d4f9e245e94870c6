/**
 * Shared analysis for the handler rules: what names refer to (imports, locals, parameters), whether an
 * expression depends on the handler's inputs, lazy caches, and where module-level code can be inserted.
 */
import type { ParsedFile } from '../engine/file';
import type { RuleContext } from '../engine/rule';
import { edit } from '../model/text';
import type { TextEdit } from '../model/types';
import type { SyntaxNode } from '../parse/syntax';
import { namedChildren } from '../parse/treesitter';
import {
  callArguments,
  descendants,
  dottedName,
  isFunctionNode,
  isFunctionType,
  namedTypeOf,
  parameterNames,
  patternNames,
  stringValue,
  walkNamed,
  type CodeLanguage,
} from './ast';
import { handlerRegions, type HandlerRegion } from './index';
import { moduleInfo, parsePlainImport, pythonImportedNames, type ModuleInfo } from './module';

export interface HandlerCode {
  file: ParsedFile;
  info: ModuleInfo;
  lang: CodeLanguage;
  regions: HandlerRegion[];
}

/** The per-invocation code of the file under lint, or undefined when it has none. */
export function handlerCode(ctx: RuleContext): HandlerCode | undefined {
  // Regions first: they know, often from the text alone, that a file has no handler code (no tree needed).
  const regions = handlerRegions(ctx.file, ctx.workspace);
  if (regions.length === 0) return undefined;
  const info = moduleInfo(ctx.file);
  if (!info) return undefined;
  return { file: ctx.file, info, lang: info.lang, regions };
}

/** The node types the handler rules look at (calls, `new`, imports): `regionNodes` yields only these. */
const REGION_NODE_TYPES = new Set([
  'call',
  'call_expression',
  'new_expression',
  'import_statement',
  'import_from_statement',
]);

const REGION_NODE_LIST = [...REGION_NODE_TYPES];

export interface RegionNode {
  node: SyntaxNode;
  type: string;
  region: HandlerRegion;
}

/**
 * The calls, `new` expressions and import statements inside the handler regions, in document order, with the
 * region each belongs to (skipping broken subtrees and missing nodes). One cursor pass per file, shared by
 * the handler rules; callers must not modify the array.
 */
export function regionNodes(code: HandlerCode): readonly RegionNode[] {
  const cache = code.file.view('lambda.regionNodes', () => new WeakMap<HandlerRegion[], RegionNode[]>());
  let out = cache.get(code.regions);
  if (out) return out;
  out = [];
  const list = out;
  for (const region of code.regions) {
    const fnBody = region.fn.childForFieldName('body');
    const body = fnBody ?? region.fn;
    if (!body.hasError) {
      // No ERROR or MISSING node inside: the wasm-side search finds the same nodes (and `body` itself, which is
      // handler code when it is an arrow function's expression body), in document order. The same search
      // also yields the function's binding nodes when its scope is not known yet.
      const scopes = scopesOf(code.file);
      const pending = pendingScopesOf(code.file);
      const withScope = fnBody !== null && !scopes.has(region.fn.id) && !pending.has(region.fn.id);
      const found = body.descendantsOfType(
        withScope
          ? code.lang === 'python'
            ? PY_REGION_AND_BINDING_LIST
            : JS_REGION_AND_BINDING_LIST
          : REGION_NODE_LIST,
      );
      // Each node's type read once (named nodes only), here and by the scope built from the same search.
      const types = found.map((n) => (n ? namedTypeOf(n) : undefined));
      for (let i = 0; i < found.length; i++) {
        const node = found[i];
        const type = types[i];
        if (node && type !== undefined && REGION_NODE_TYPES.has(type)) list.push({ node, type, region });
      }
      if (withScope && fnBody) pending.set(region.fn.id, { body: fnBody, found, types });
      continue;
    }
    // an arrow function's expression body is itself handler code
    if (body.type !== 'block' && body.type !== 'statement_block') {
      if (REGION_NODE_TYPES.has(body.type) && !body.isMissing)
        list.push({ node: body, type: body.type, region });
    }
    walkNamed(body, (type, c) => {
      if (type === 'ERROR') return false;
      if (REGION_NODE_TYPES.has(type) && !c.nodeIsMissing) list.push({ node: c.currentNode, type, region });
    });
  }
  cache.set(code.regions, out);
  return out;
}

/** "handler `x`" or "`helper()`, which handler `x` calls" for messages. */
export function whereText(region: HandlerRegion): string {
  return region.via
    ? `'${region.via}' (called by handler '${region.handler}')`
    : `handler '${region.handler}'`;
}

// ---------------------------------------------------------------------------------------------------------
// What names refer to

export interface ImportTarget {
  /** Python: dotted module path of the binding (`boto3`, `redis.Redis`); JS: the module specifier. */
  module: string;
  /** JS: the imported name (undefined for a namespace/default/whole-module binding). */
  name?: string;
}

/** Names bound by imports anywhere in the file (top level and inside functions) → what they refer to. */
export function importTargets(file: ParsedFile, lang: CodeLanguage): Map<string, ImportTarget> {
  return file.view('lambda.importTargets', () => {
    const out = new Map<string, ImportTarget>();
    const root = file.syntax;
    if (!root) return out;
    const types =
      lang === 'python'
        ? ['import_statement', 'import_from_statement']
        : ['import_statement', 'variable_declarator'];
    const nodes =
      lang === 'python' && !root.hasError
        ? pythonImportStatements(file, root)
        : root.descendantsOfType(types);
    for (const n of nodes) {
      if (!n || !n.isNamed) continue;
      if (lang === 'python') {
        if (!pythonPlainImportTargets(n, out)) pythonTreeImportTargets(n, out);
      } else {
        if (n.type === 'import_statement') {
          const src = stringValue(n.childForFieldName('source'));
          const clause = namedChildren(n).find((c) => c.type === 'import_clause');
          if (!src || !clause) continue;
          for (const c of namedChildren(clause)) {
            if (c.type === 'identifier') out.set(c.text, { module: src });
            else if (c.type === 'namespace_import') {
              const id = namedChildren(c).find((x) => x.type === 'identifier');
              if (id) out.set(id.text, { module: src });
            } else if (c.type === 'named_imports') {
              for (const s of namedChildren(c)) {
                const name = s.childForFieldName('name')?.text;
                const alias = s.childForFieldName('alias')?.text ?? name;
                if (name && alias) out.set(alias, { module: src, name });
              }
            }
          }
        } else if (n.type === 'variable_declarator') {
          const src = requireSource(n.childForFieldName('value'));
          if (!src) continue;
          const pat = n.childForFieldName('name');
          if (pat?.type === 'identifier') out.set(pat.text, src);
          else if (pat?.type === 'object_pattern') {
            for (const p of namedChildren(pat)) {
              if (p.type === 'shorthand_property_identifier_pattern')
                out.set(p.text, { module: src.module, name: joinName(src.name, p.text) });
              else if (p.type === 'pair_pattern') {
                const k = p.childForFieldName('key')?.text;
                const v = p.childForFieldName('value');
                if (k && v?.type === 'identifier')
                  out.set(v.text, { module: src.module, name: joinName(src.name, k) });
              }
            }
          }
        }
      }
    }
    return out;
  });
}

/** `importTargets` of one Python import statement, read from the tree. */
export function pythonTreeImportTargets(n: SyntaxNode, out: Map<string, ImportTarget>): void {
  if (n.type === 'import_statement') {
    for (const c of namedChildren(n)) {
      if (c.type === 'aliased_import') {
        const alias = c.childForFieldName('alias')?.text;
        const mod = c.childForFieldName('name')?.text.replace(/\s+/g, '');
        if (alias && mod && !out.has(alias)) out.set(alias, { module: mod });
      } else if (c.type === 'dotted_name') {
        const first = c.text.split('.')[0]?.trim();
        if (first && !out.has(first)) out.set(first, { module: first });
      }
    }
  } else if (n.type === 'import_from_statement') {
    const mod = n.childForFieldName('module_name')?.text.replace(/\s+/g, '');
    if (!mod) return;
    for (const c of n.childrenForFieldName('name')) {
      if (!c) continue;
      const [orig, alias] =
        c.type === 'aliased_import'
          ? [c.childForFieldName('name')?.text, c.childForFieldName('alias')?.text]
          : [c.text, c.text];
      if (orig && alias && !out.has(alias)) out.set(alias, { module: `${mod}.${orig}` });
    }
  }
}

/**
 * `importTargets` of a plain one-line Python import read from its text (same result as from the tree; see
 * parsePlainImport). False when the statement is not plain (read it from the tree).
 */
export function pythonPlainImportTargets(stmt: SyntaxNode, out: Map<string, ImportTarget>): boolean {
  const type = stmt.type;
  if (type !== 'import_statement' && type !== 'import_from_statement') return false;
  const p = parsePlainImport(type, stmt.text);
  if (!p) return false;
  for (const { name, alias } of p.items) {
    if (p.from === undefined) {
      const local = alias ?? name.split('.')[0] ?? name;
      if (!out.has(local)) out.set(local, { module: alias ? name : local });
    } else {
      const local = alias ?? name;
      if (!out.has(local)) out.set(local, { module: `${p.from}.${name}` });
    }
  }
  return true;
}

/**
 * The Python import statements of an error-free tree, in document order, found from the text: every
 * `import_statement` / `import_from_statement` has exactly one `import` keyword token as a direct child, so
 * looking up each occurrence of "import" in the text finds them all without walking the tree.
 */
function pythonImportStatements(file: ParsedFile, root: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const text = file.text;
  let lastId: number | undefined;
  for (let i = text.indexOf('import'); i >= 0; i = text.indexOf('import', i + 6)) {
    const kw = root.descendantForIndex(i, i + 6);
    if (!kw || kw.type !== 'import' || kw.startIndex !== i || kw.endIndex !== i + 6) continue;
    const stmt = kw.parent;
    if (!stmt || (stmt.type !== 'import_statement' && stmt.type !== 'import_from_statement')) continue;
    if (stmt.id === lastId) continue;
    lastId = stmt.id;
    out.push(stmt);
  }
  return out;
}

function joinName(a: string | undefined, b: string): string {
  return a ? `${a}.${b}` : b;
}

/** `require('x')`, `require('x').y`, `await import('x')` → the module (and property path). */
export function requireSource(node: SyntaxNode | null | undefined): ImportTarget | undefined {
  let n = node ?? undefined;
  const props: string[] = [];
  while (n) {
    if (n.type === 'await_expression' || n.type === 'parenthesized_expression') n = namedChildren(n)[0];
    else if (n.type === 'member_expression') {
      const p = n.childForFieldName('property')?.text;
      if (p) props.unshift(p);
      n = n.childForFieldName('object') ?? undefined;
    } else break;
  }
  if (n?.type !== 'call_expression') return undefined;
  const fn = n.childForFieldName('function');
  if (fn?.type !== 'identifier' && fn?.type !== 'import') return undefined;
  if (fn.type === 'identifier' && fn.text !== 'require') return undefined;
  const src = stringValue(callArguments(n)[0]);
  if (src === undefined) return undefined;
  return props.length > 0 ? { module: src, name: props.join('.') } : { module: src };
}

/**
 * The canonical name of a callee: its first segment resolved through the file's imports
 * (`boto3.client`, `redis.Redis`, `@aws-sdk/client-s3:S3Client`, `aws-sdk:DynamoDB.DocumentClient`).
 */
export function canonicalCallee(
  code: { file: ParsedFile; lang: CodeLanguage },
  callee: SyntaxNode,
): string | undefined {
  const dotted = dottedName(callee);
  if (!dotted) return undefined;
  const [first, ...rest] = dotted.split('.');
  if (!first) return undefined;
  const t = importTargets(code.file, code.lang).get(first);
  if (code.lang === 'python') {
    if (!t) return undefined;
    return [t.module, ...rest].join('.');
  }
  if (!t) return first === 'AWS' ? `aws-sdk:${rest.join('.')}` : undefined;
  const path = [t.name, ...rest].filter((x): x is string => !!x).join('.');
  return `${t.module}:${path}`;
}

// ---------------------------------------------------------------------------------------------------------
// Local scopes and dependency on the handler's inputs

interface Binding {
  kind: 'param' | 'local' | 'import' | 'global';
  /** Values assigned (locals), the import statements (imports). */
  values: SyntaxNode[];
}

interface Scope {
  fn: SyntaxNode;
  bindings: Map<string, Binding>;
}

function addBinding(scope: Scope, name: string, kind: Binding['kind'], value?: SyntaxNode): void {
  const b = scope.bindings.get(name);
  if (b) {
    if (b.kind === 'global' || b.kind === 'param') return;
    if (kind === 'import' && b.kind === 'local') b.kind = 'local';
    if (value) b.values.push(value);
    return;
  }
  scope.bindings.set(name, { kind, values: value ? [value] : [] });
}

/** The names a function binds locally, with what is assigned to them. */
export function scopeOf(file: ParsedFile, lang: CodeLanguage, fn: SyntaxNode): Scope {
  const cache = scopesOf(file);
  const hit = cache.get(fn.id);
  if (hit) return hit;
  const pending = pendingScopesOf(file).get(fn.id);
  const body = pending ? pending.body : fn.childForFieldName('body');
  const found = pending ? pending.found : body?.descendantsOfType(bindingList(lang));
  const scope = buildScope(lang, fn, body, found, pending?.types);
  if (pending) pendingScopesOf(file).delete(fn.id);
  cache.set(fn.id, scope);
  return scope;
}

/** A search of a function body done by `regionNodes` that `scopeOf` reads when it is first asked for it. */
interface PendingScope {
  body: SyntaxNode;
  found: readonly (SyntaxNode | null)[];
  types: readonly (string | undefined)[];
}

/**
 * Per file (views, freed with the file's tree: a WeakMap keyed by a long-lived ParsedFile would keep the
 * nodes alive through every young-generation GC until the next full one).
 */
function pendingScopesOf(file: ParsedFile): Map<number, PendingScope> {
  return file.view('lambda.pendingScopes', () => new Map<number, PendingScope>());
}

function scopesOf(file: ParsedFile): Map<number, Scope> {
  return file.view('lambda.scopes', () => new Map<number, Scope>());
}

function bindingList(lang: CodeLanguage): string[] {
  return lang === 'python' ? PY_BINDING_LIST : JS_BINDING_LIST;
}

/**
 * The scope of `fn` from a wasm-side search of its body (`found`: pre-order, of at least the binding list's
 * types; other types are ignored).
 */
function buildScope(
  lang: CodeLanguage,
  fn: SyntaxNode,
  body: SyntaxNode | null,
  found: readonly (SyntaxNode | null)[] | undefined,
  /** The named type of each found node (undefined: anonymous), when already read. */
  foundTypes?: readonly (string | undefined)[],
): Scope {
  const scope: Scope = { fn, bindings: new Map() };
  for (const p of parameterNames(fn)) scope.bindings.set(p, { kind: 'param', values: [] });
  if (body && found) {
    const types = lang === 'python' ? PY_BINDING_SET : JS_BINDING_SET;
    // The binding nodes of the body, not inside a nested function or class (which are themselves kept):
    // one wasm-side search, then the nested subtrees are dropped by range (pre-order: a parent comes first).
    const nodes: [SyntaxNode, string][] = [];
    let skipUntil = -1;
    for (let i = 0; i < found.length; i++) {
      const n = found[i];
      if (!n || n.id === body.id) continue;
      const t = foundTypes ? foundTypes[i] : namedTypeOf(n);
      if (t === undefined || !types.has(t)) continue;
      if (n.startIndex < skipUntil) continue;
      nodes.push([n, t]);
      if (isFunctionType(lang, t) || t === 'class_definition') skipUntil = n.endIndex;
    }
    // globals first, so that assignments to them do not make locals
    for (const [n, t] of nodes) {
      if (t === 'global_statement' || t === 'nonlocal_statement')
        for (const id of namedChildren(n)) scope.bindings.set(id.text, { kind: 'global', values: [] });
    }
    for (const [n, t] of nodes) collectBinding(lang, scope, n, t);
  }
  return scope;
}

/** The node types `collectBinding` (and the global pass of `scopeOf`) reads. */
const PY_BINDING_TYPES = new Set([
  'assignment',
  'augmented_assignment',
  'for_statement',
  'for_in_clause',
  'as_pattern',
  'named_expression',
  'import_statement',
  'import_from_statement',
  'function_definition',
  'class_definition',
  'global_statement',
  'nonlocal_statement',
]);
const JS_BINDING_TYPES = new Set([
  'variable_declarator',
  'function_declaration',
  'generator_function_declaration',
  'class_declaration',
  'catch_clause',
  'for_in_statement',
]);

const PY_BINDING_LIST = [...PY_BINDING_TYPES, 'lambda'];
const JS_BINDING_LIST = [
  ...JS_BINDING_TYPES,
  'function_expression',
  'function',
  'arrow_function',
  'generator_function',
  'method_definition',
];
const PY_BINDING_SET = new Set(PY_BINDING_LIST);
const JS_BINDING_SET = new Set(JS_BINDING_LIST);
/** Region node types and binding types together: one search of a region's body serves both. */
const PY_REGION_AND_BINDING_LIST = [...new Set([...REGION_NODE_LIST, ...PY_BINDING_LIST])];
const JS_REGION_AND_BINDING_LIST = [...new Set([...REGION_NODE_LIST, ...JS_BINDING_LIST])];

function collectBinding(lang: CodeLanguage, scope: Scope, n: SyntaxNode, type: string): void {
  if (lang === 'python') {
    switch (type) {
      case 'assignment':
      case 'augmented_assignment': {
        const right = n.childForFieldName('right') ?? undefined;
        for (const name of patternNames(n.childForFieldName('left'))) addBinding(scope, name, 'local', right);
        return;
      }
      case 'for_statement':
      case 'for_in_clause':
        for (const name of patternNames(n.childForFieldName('left')))
          addBinding(scope, name, 'local', n.childForFieldName('right') ?? undefined);
        return;
      case 'as_pattern': {
        const alias = n.childForFieldName('alias');
        const value = namedChildren(n)[0];
        for (const name of patternNames(alias)) addBinding(scope, name, 'local', value);
        return;
      }
      case 'named_expression': {
        const name = n.childForFieldName('name')?.text;
        if (name) addBinding(scope, name, 'local', n.childForFieldName('value') ?? undefined);
        return;
      }
      case 'import_statement':
      case 'import_from_statement':
        for (const name of pythonImportedNames(n)) addBinding(scope, name, 'import', n);
        return;
      case 'function_definition':
      case 'class_definition': {
        const name = n.childForFieldName('name')?.text;
        if (name) addBinding(scope, name, 'local', n);
        return;
      }
      default:
        return;
    }
  }
  switch (type) {
    case 'variable_declarator': {
      const value = n.childForFieldName('value') ?? undefined;
      const kind = value && requireSource(value) ? 'import' : 'local';
      for (const name of patternNames(n.childForFieldName('name'))) addBinding(scope, name, kind, value);
      return;
    }
    case 'function_declaration':
    case 'generator_function_declaration':
    case 'class_declaration': {
      const name = n.childForFieldName('name')?.text;
      if (name) addBinding(scope, name, 'local', n);
      return;
    }
    case 'catch_clause':
      for (const name of patternNames(n.childForFieldName('parameter'))) addBinding(scope, name, 'param');
      return;
    case 'for_in_statement': {
      const left = n.childForFieldName('left');
      const declared = n.children.some((c) => c && ['const', 'let', 'var'].includes(c.type));
      if (declared)
        for (const name of patternNames(left))
          addBinding(scope, name, 'local', n.childForFieldName('right') ?? undefined);
      return;
    }
    default:
      return;
  }
}

/** Values later assigned to a JS local with `x = …` (declared elsewhere in the function). */
function jsAssignments(fn: SyntaxNode, name: string): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const body = fn.childForFieldName('body');
  if (!body) return out;
  for (const n of descendants(body, (d) => isFunctionNode('js', d))) {
    if (
      (n.type === 'assignment_expression' || n.type === 'augmented_assignment_expression') &&
      n.childForFieldName('left')?.type === 'identifier' &&
      n.childForFieldName('left')?.text === name
    ) {
      const r = n.childForFieldName('right');
      if (r) out.push(r);
    }
  }
  return out;
}

export type DepKind = 'static' | 'local' | 'input';

export interface Dependency {
  /** static: only module-level names and literals; local: a local computed inside the function; input: the
   * handler's event/context or a helper's parameters. */
  kind: DepKind;
  /** Names of inputs or locals it depends on (for messages). */
  names: string[];
  /** Import statements inside functions that bind names it uses (they must be hoisted with it). */
  imports: SyntaxNode[];
  /** Top-level names it uses. */
  moduleNames: string[];
  /** Whether it awaits or yields (cannot move to module scope in CommonJS). */
  awaits: boolean;
}

/** Names an expression binds itself (comprehension variables, lambda/arrow parameters). */
function selfBound(lang: CodeLanguage, walk: Walked): Set<string> {
  const out = new Set<string>();
  walk.nodes.forEach((n, i) => {
    const t = walk.types[i] as string;
    if (t === 'for_in_clause') for (const x of patternNames(n.childForFieldName('left'))) out.add(x);
    else if (isFunctionType(lang, t)) for (const x of parameterNames(n)) out.add(x);
  });
  return out;
}

/** An expression and its named descendants in document order, with their types (read once). */
interface Walked {
  nodes: SyntaxNode[];
  types: string[];
}

function walked(expr: SyntaxNode): Walked {
  const nodes = [expr, ...descendants(expr)];
  return { nodes, types: nodes.map((n) => n.type) };
}

/** Identifier nodes that reference variables (not attribute/property names or keyword-argument names). */
export function referencedIdentifiers(expr: SyntaxNode, walk?: Walked): SyntaxNode[] {
  let all: SyntaxNode[];
  if (walk) {
    // (the walk starts with expr itself)
    all =
      walk.types[0] === 'identifier'
        ? [expr]
        : walk.nodes.filter((_, i) => {
            const t = walk.types[i];
            return i > 0 && (t === 'identifier' || t === 'shorthand_property_identifier' || t === 'this');
          });
  } else
    all =
      expr.type === 'identifier'
        ? [expr]
        : descendants(expr).filter(
            (n) => n.type === 'identifier' || n.type === 'shorthand_property_identifier' || n.type === 'this',
          );
  return all.filter(isReferenceNode);
}

/**
 * `referencedIdentifiers(root)` restricted to those spelling `name`, in document order, found from the text:
 * each occurrence of the name is looked up in the tree (an identifier is a leaf spanning exactly its text).
 */
export function referencesNamed(file: ParsedFile, root: SyntaxNode, name: string): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  if (!name) return out;
  const text = file.text;
  const end = root.endIndex;
  for (
    let i = text.indexOf(name, root.startIndex);
    i >= 0 && i + name.length <= end;
    i = text.indexOf(name, i + 1)
  ) {
    const n = root.descendantForIndex(i, i + name.length);
    if (!n || n.id === root.id || n.startIndex !== i || n.endIndex !== i + name.length) continue;
    if (n.type !== 'identifier' && n.type !== 'shorthand_property_identifier' && n.type !== 'this') continue;
    if (isReferenceNode(n)) out.push(n);
  }
  return out;
}

/** Whether an identifier is read as a value (not a property name, keyword name or type). */
function isReferenceNode(n: SyntaxNode): boolean {
  const p = n.parent;
  if (!p) return true;
  if (
    (p.type === 'attribute' || p.type === 'member_expression') &&
    p.childForFieldName('object')?.id !== n.id
  )
    return false;
  if (p.type === 'keyword_argument' && p.childForFieldName('name')?.id === n.id) return false;
  if (p.type === 'type' || p.type === 'type_annotation') return false;
  return true;
}

/**
 * Whether an expression inside a handler region depends on the handler's inputs. Locals are followed through
 * their assignments; parameters (event, context, a helper's arguments, self) make it input-dependent.
 */
export function dependencyOf(code: HandlerCode, expr: SyntaxNode, seen = new Set<number>()): Dependency {
  const dep: Dependency = { kind: 'static', names: [], imports: [], moduleNames: [], awaits: false };
  const raise = (k: DepKind, name: string) => {
    if (k === 'input' || (k === 'local' && dep.kind === 'static')) dep.kind = k;
    if (!dep.names.includes(name)) dep.names.push(name);
  };
  // One walk of the expression (with each node's type) serves the three questions below.
  const walk = walked(expr);
  const own = selfBound(code.lang, walk);
  if (
    walk.types.some(
      (t) => t === 'await_expression' || t === 'await' || t === 'yield' || t === 'yield_expression',
    )
  )
    dep.awaits = true;
  for (const id of referencedIdentifiers(expr, walk)) {
    const name = id.type === 'this' ? 'this' : id.text;
    if (own.has(name)) continue;
    if (name === 'this' || name === 'arguments') {
      raise('input', name);
      continue;
    }
    let found = false;
    for (let fn = enclosingFn(code.lang, id); fn; fn = enclosingFn(code.lang, fn)) {
      const b = scopeOf(code.file, code.lang, fn).bindings.get(name);
      if (!b) continue;
      found = true;
      if (b.kind === 'global') break;
      if (b.kind === 'param') raise('input', name);
      else if (b.kind === 'import') {
        for (const v of b.values) {
          const stmt = code.lang === 'python' ? v : (v.parent?.parent ?? v);
          if (!dep.imports.some((i) => i.id === stmt.id)) dep.imports.push(stmt);
        }
      } else {
        const values = [...b.values, ...(code.lang === 'js' ? jsAssignments(fn, name) : [])];
        let k: DepKind = 'local';
        for (const v of values) {
          if (seen.has(v.id)) continue;
          seen.add(v.id);
          if (v.type === 'function_definition' || isFunctionNode(code.lang, v)) continue;
          const inner = dependencyOf(code, v, seen);
          if (inner.kind === 'input') {
            k = 'input';
            for (const n of inner.names) if (!dep.names.includes(n)) dep.names.push(n);
          }
        }
        raise(k, name);
      }
      break;
    }
    if (!found && !dep.moduleNames.includes(name)) dep.moduleNames.push(name);
  }
  return dep;
}

function enclosingFn(lang: CodeLanguage, node: SyntaxNode): SyntaxNode | undefined {
  let n = node.parent;
  while (n) {
    const t = n.type; // (one call into the wasm runtime per ancestor)
    if (isFunctionType(lang, t) || t === 'function_definition') return n;
    n = n.parent;
  }
  return undefined;
}

export { enclosingFn };

// ---------------------------------------------------------------------------------------------------------
// Lazy caches

const CACHE_DECORATORS = /(^|\.)(lru_cache|cache|cached|cached_property|memoize|memoized|singleton)$/;

function pyDecorators(fn: SyntaxNode): string[] {
  const p = fn.parent;
  if (p?.type !== 'decorated_definition') return [];
  return namedChildren(p)
    .filter((d) => d.type === 'decorator')
    .map((d) => {
      const e = namedChildren(d)[0];
      const callee = e?.type === 'call' ? e.childForFieldName('function') : e;
      return dottedName(callee) ?? '';
    });
}

/** The base variable of an assignment target (`x`, `self._c` → self, `_cache[k]` → _cache). */
function targetBase(target: SyntaxNode): SyntaxNode | undefined {
  let n: SyntaxNode | undefined = target;
  while (n && ['attribute', 'subscript', 'member_expression', 'subscript_expression'].includes(n.type))
    n = n.childForFieldName('object') ?? n.childForFieldName('value') ?? undefined;
  return n && (n.type === 'identifier' || n.type === 'this') ? n : undefined;
}

/** Whether a name is mentioned in a guard (if/ternary condition, `or`/`||`/`??`, `??=`) in the function. */
function guarded(fn: SyntaxNode, name: string): boolean {
  const body = fn.childForFieldName('body') ?? fn;
  for (const n of descendants(body)) {
    let cond: SyntaxNode | null | undefined;
    if (n.type === 'if_statement' || n.type === 'elif_clause' || n.type === 'while_statement')
      cond = n.childForFieldName('condition');
    else if (n.type === 'conditional_expression' || n.type === 'ternary_expression')
      cond = n.childForFieldName('condition') ?? namedChildren(n)[1];
    else if (n.type === 'boolean_operator') cond = n.childForFieldName('left');
    else if (
      n.type === 'binary_expression' &&
      ['||', '??', '&&'].some((o) => n.childForFieldName('operator')?.type === o)
    )
      cond = n.childForFieldName('left');
    else if (
      n.type === 'augmented_assignment_expression' &&
      /^(\?\?=|\|\|=)$/.test(n.childForFieldName('operator')?.text ?? '')
    )
      cond = n.childForFieldName('left');
    if (!cond) continue;
    if (
      (cond.type === 'identifier' || cond.type === 'this' ? [cond] : descendants(cond)).some(
        (d) =>
          (d.type === 'this' ? 'this' : d.text) === name && (d.type === 'identifier' || d.type === 'this'),
      )
    )
      return true;
  }
  return false;
}

/**
 * Whether a creation is a lazy, module-lifetime cache: inside an `@lru_cache`/`functools.cache` factory, or
 * stored into a module-level name (`global x`, JS module `let`), a module-level map or `self`/`this`, under a
 * guard (`if x is None:`, `x = x or …`, `client ??= …`, `if (!client) client = …`, `cache[k] ||= …`).
 */
export function isLazyCache(code: HandlerCode, creation: SyntaxNode): boolean {
  const lang = code.lang;
  const fn = enclosingFn(lang, creation);
  if (!fn) return true; // module level: created once
  if (lang === 'python' && pyDecorators(fn).some((d) => CACHE_DECORATORS.test(d))) return true;
  // `_cache.get(k) or _cache.setdefault(k, create())`, `cache[k] ?? (cache[k] = create())`
  let n: SyntaxNode | null = creation;
  while (n && n.id !== fn.id) {
    const p: SyntaxNode | null = n.parent;
    if (!p) break;
    const isOr =
      (p.type === 'boolean_operator' && p.children.some((c) => c?.type === 'or')) ||
      (p.type === 'binary_expression' && ['||', '??'].includes(p.childForFieldName('operator')?.type ?? ''));
    if (isOr && p.childForFieldName('right')?.id === n.id) {
      const left = p.childForFieldName('left');
      if (left && referencesModuleState(code, fn, left)) return true;
    }
    if (
      p.type === 'assignment' ||
      p.type === 'assignment_expression' ||
      p.type === 'augmented_assignment_expression'
    ) {
      const left = p.childForFieldName('left');
      const base = left ? targetBase(left) : undefined;
      if (left && base && p.childForFieldName('right')?.id === n.id) {
        const name = base.type === 'this' ? 'this' : base.text;
        if (isModuleState(code, fn, name, base !== left)) {
          if (
            p.type === 'augmented_assignment_expression' &&
            /^(\?\?=|\|\|=)$/.test(p.childForFieldName('operator')?.text ?? '')
          )
            return true;
          if (guarded(fn, name)) return true;
        }
      }
      break;
    }
    if (
      [
        'call',
        'call_expression',
        'await_expression',
        'parenthesized_expression',
        'argument_list',
        'arguments',
        'new_expression',
      ].includes(p.type) ||
      p.type === 'boolean_operator' ||
      p.type === 'binary_expression' ||
      p.type === 'conditional_expression' ||
      p.type === 'ternary_expression'
    ) {
      n = p;
      continue;
    }
    break;
  }
  return false;
}

function referencesModuleState(code: HandlerCode, fn: SyntaxNode, expr: SyntaxNode): boolean {
  return referencedIdentifiers(expr).some((id) => {
    const name = id.type === 'this' ? 'this' : id.text;
    return isModuleState(code, fn, name, true);
  });
}

/** A name that outlives the invocation: a module-level (global) variable, or self/this for member stores. */
function isModuleState(code: HandlerCode, fn: SyntaxNode, name: string, member: boolean): boolean {
  if (name === 'this' || name === 'self' || name === 'cls') return member;
  for (let f: SyntaxNode | undefined = fn; f; f = enclosingFn(code.lang, f)) {
    const b = scopeOf(code.file, code.lang, f).bindings.get(name);
    if (!b) continue;
    return b.kind === 'global';
  }
  return code.info.topLevelNames.has(name) || code.lang === 'js';
}

// ---------------------------------------------------------------------------------------------------------
// Editing helpers

/** The end offset of the line containing `offset` (after its line break, or the end of the file). */
export function lineEndAfter(file: ParsedFile, offset: number): number {
  const line = file.index.positionAt(offset).line;
  const next = file.index.lineStarts[line + 1];
  return next ?? file.text.length;
}

/** Start offset of the line containing `offset`. */
export function lineStartOf(file: ParsedFile, offset: number): number {
  const line = file.index.positionAt(offset).line;
  return file.index.lineStarts[line] ?? 0;
}

/**
 * Where module-level code goes: after the last top-level import (Python import / JS import or `require`
 * declaration), else after the module docstring / 'use strict' and leading comments. Returns the offset of
 * the start of a line and whether a line break must be prepended (the file ends without one).
 */
export function importInsertionOffset(code: { file: ParsedFile; info: ModuleInfo }): number {
  const { file, info } = code;
  const last = info.imports[info.imports.length - 1];
  if (last) return lineEndAfter(file, last.endIndex);
  const root = file.syntax;
  if (!root) return 0;
  let offset = 0;
  for (const c of namedChildren(root)) {
    if (c.type === 'comment') {
      offset = lineEndAfter(file, c.endIndex);
      continue;
    }
    const first = namedChildren(c)[0];
    if (
      c.type === 'expression_statement' &&
      first &&
      (first.type === 'string' || first.type === 'concatenated_string') &&
      offset === lineStartOf(file, c.startIndex)
    ) {
      offset = lineEndAfter(file, c.endIndex); // docstring or 'use strict'
      continue;
    }
    break;
  }
  return offset;
}

/** Text to insert at a line-start offset, adding the file's line break before it at EOF without one. */
export function linesAt(file: ParsedFile, offset: number, lines: string[]): string {
  const eol = file.index.eol;
  const needsBreak = offset === file.text.length && file.text.length > 0 && !file.text.endsWith('\n');
  return (needsBreak ? eol : '') + lines.map((l) => l + eol).join('');
}

/**
 * Edits that delete a statement with its whole line(s), or replace it with `pass` when it is the only
 * statement of a Python block. Undefined when the statement shares a line with other code.
 */
export function deleteStatement(code: HandlerCode, stmt: SyntaxNode): TextEdit | undefined {
  const file = code.file;
  const start = lineStartOf(file, stmt.startIndex);
  const before = file.text.slice(start, stmt.startIndex);
  if (before.trim() !== '') return undefined;
  let end = stmt.endIndex;
  const eolEnd = lineEndAfter(file, end);
  const after = file.text.slice(end, eolEnd);
  if (after.trim() !== '' && after.trim() !== ';') {
    // a trailing comment belongs to the statement
    if (!/^\s*(#|\/\/)/.test(after)) return undefined;
  }
  end = eolEnd;
  const block = stmt.parent;
  if (code.lang === 'python' && block?.type === 'block') {
    // The only statement of its block (comments aside)? Two statements are enough to say no.
    let statements = 0;
    for (const c of namedChildren(block)) if (c.type !== 'comment' && ++statements > 1) break;
    if (statements === 1) return edit(file.index, stmt.startIndex, stmt.endIndex, 'pass');
  }
  return edit(file.index, start, end, '');
}

/** Whether a name is used anywhere in the file as an identifier. */
export function nameInUse(file: ParsedFile, info: ModuleInfo, name: string): boolean {
  if (info.topLevelNames.has(name)) return true;
  if (!file.text.includes(name)) return false; // no identifier spells it
  const ids = file.view('lambda.identifiers', () => {
    const s = new Set<string>();
    const root = file.syntax;
    if (root)
      walkNamed(root, (type, c) => {
        if (type === 'identifier') s.add(file.text.slice(c.startIndex, c.endIndex));
      });
    return s;
  });
  return ids.has(name);
}

/** A module-level name based on `base` that nothing in the file uses yet. */
export function freshName(file: ParsedFile, info: ModuleInfo, base: string, lang: CodeLanguage): string {
  if (!nameInUse(file, info, base)) return base;
  for (let i = 2; ; i++) {
    const n = lang === 'python' ? `${base}_${i}` : `${base}${i}`;
    if (!nameInUse(file, info, n)) return n;
  }
}

/** Offset after which code that uses the given top-level names may be inserted at module level. */
export function insertionAfterNames(code: HandlerCode, names: readonly string[]): number {
  let offset = importInsertionOffset(code);
  const root = code.file.syntax;
  if (!root) return offset;
  const stmts = code.file.view('lambda.topLevelStatements', () =>
    namedChildren(root).map((stmt): { start: number; end: number; node: SyntaxNode; binds?: string[] } => ({
      start: stmt.startIndex,
      end: stmt.endIndex,
      node: stmt,
    })),
  );
  const text = code.file.text;
  for (const stmt of stmts) {
    if (stmt.start < offset) continue;
    // A bound name is spelled in the statement's text: read the names only of statements that spell one.
    if (!names.some((n) => spelledIn(text, n, stmt.start, stmt.end))) continue;
    stmt.binds ??= topLevelNamesOf(code, stmt.node);
    if (stmt.binds.some((b) => names.includes(b))) offset = lineEndAfter(code.file, stmt.end);
  }
  return offset;
}

/** Whether `text[start, end)` contains `name`. */
function spelledIn(text: string, name: string, start: number, end: number): boolean {
  const i = text.indexOf(name, start);
  return i >= 0 && i + name.length <= end;
}

function topLevelNamesOf(code: HandlerCode, stmt: SyntaxNode): string[] {
  const out: string[] = [];
  let s = stmt.type === 'export_statement' ? (stmt.childForFieldName('declaration') ?? stmt) : stmt;
  if (s.type === 'decorated_definition') s = s.childForFieldName('definition') ?? s;
  if (isFunctionNode(code.lang, s) || s.type.includes('class') || s.type === 'function_definition') {
    const name = s.childForFieldName('name')?.text;
    return name ? [name] : [];
  }
  const nodes =
    code.lang === 'python'
      ? pythonTopLevelBinders(s)
      : [
          s,
          ...descendants(
            s,
            (d) =>
              isFunctionNode(code.lang, d) || d.type === 'function_definition' || d.type.includes('class'),
          ),
        ];
  for (const n of nodes) {
    if (n.type === 'assignment' || n.type === 'variable_declarator') {
      out.push(...patternNames(n.childForFieldName('left') ?? n.childForFieldName('name')));
    } else if (n.type === 'import_statement' || n.type === 'import_from_statement') {
      if (code.lang === 'python') out.push(...pythonImportedNames(n));
    } else if (
      n.type === 'function_definition' ||
      n.type === 'class_definition' ||
      n.type === 'function_declaration' ||
      n.type === 'class_declaration'
    ) {
      const name = n.childForFieldName('name')?.text;
      if (name) out.push(name);
    }
  }
  return out;
}

/** Python node types `topLevelNamesOf` reads, and those whose subtrees it does not enter (functions, classes). */
const PY_TOP_BINDER_LIST = [
  'assignment',
  'import_statement',
  'import_from_statement',
  'function_definition',
  'class_definition',
  'lambda',
  'class_pattern',
];

/**
 * The statement and its descendants of the types in PY_TOP_BINDER_LIST, not inside a function, lambda or class
 * (which are themselves kept): one wasm-side search, nested subtrees dropped by range (pre-order).
 */
function pythonTopLevelBinders(stmt: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  let skipUntil = -1;
  for (const n of stmt.descendantsOfType(PY_TOP_BINDER_LIST)) {
    if (!n || !n.isNamed) continue;
    if (n.startIndex < skipUntil) continue;
    out.push(n);
    const t = n.type;
    if (n.id !== stmt.id && (t === 'function_definition' || t === 'lambda' || t.includes('class')))
      skipUntil = n.endIndex;
  }
  if (out[0]?.id !== stmt.id) out.unshift(stmt);
  return out;
}

const PY_BUILTINS = new Set(
  'True False None int str float bool dict list tuple set frozenset len min max abs range open print repr sorted sum any all isinstance getattr setattr hasattr object type bytes bytearray enumerate zip map filter iter next round divmod pow hash id format super property staticmethod classmethod Exception ValueError KeyError TypeError RuntimeError __name__ __file__'.split(
    ' ',
  ),
);
const JS_GLOBALS = new Set(
  'undefined NaN Infinity process JSON Math Date Number String Boolean Object Array Promise Symbol Map Set WeakMap Buffer URL URLSearchParams console globalThis Error TypeError RegExp parseInt parseFloat encodeURIComponent decodeURIComponent setTimeout clearTimeout require module exports __dirname __filename BigInt'.split(
    ' ',
  ),
);

/** Whether every name is bound at module level (or a builtin/global), so module-level code may use it. */
export function availableAtModuleLevel(code: HandlerCode, names: readonly string[]): boolean {
  const builtins = code.lang === 'python' ? PY_BUILTINS : JS_GLOBALS;
  return names.every((n) => code.info.topLevelNames.has(n) || builtins.has(n));
}
