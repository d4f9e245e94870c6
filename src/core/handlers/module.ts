/**
 * What one source module looks like to handler detection: its top-level functions, what it exports, which
 * functions read as Lambda handlers by convention, and its module-level bindings and imports.
 *
 * Conventions (used when no infrastructure names the module's handler, and on top of what it names):
 * - Python: a module-level function whose first two parameters read as event and context (`event, context`,
 *   `_event, _context`, `evt, ctx`, `event, lambda_context`, …) and whose other parameters are optional; or a
 *   module-level function under a Lambda decorator (Powertools `@logger.inject_lambda_context`,
 *   `@tracer.capture_lambda_handler`, `@metric_scope`, `@validator`, `@event_source`, …), a crhelper
 *   `@helper.create`/`update`/`delete`, or a route of a Powertools resolver / Chalice app.
 * - Node/TypeScript: an export named `handler` or `…Handler` (`exports.handler =`, `module.exports.handler =`,
 *   `module.exports = { handler }`, `export const handler`, `export async function handler`, `export { x as
 *   handler }`), and `export default` of a function whose first parameter reads as an event. A helper such as
 *   `exports.send = function (event, context, …)` is not a handler unless infrastructure names it.
 */
import type { ParsedFile } from '../engine/file';
import { T, lexTs, type Toks } from '../iac/cdk-scan-ts';
import { ID_PART } from '../parse/python-read';
import type { SyntaxNode } from '../parse/syntax';
import { namedChildren } from '../parse/treesitter';
import {
  callArguments,
  codeLanguageOf,
  dottedName,
  isFunctionNode,
  parameterNodes,
  patternNames,
  type CodeLanguage,
} from './ast';

export interface ModuleInfo {
  lang: CodeLanguage;
  /** Top-level names bound to a function (def / function declaration / `const f = () => …`). */
  functions: Map<string, SyntaxNode>;
  /** Top-level name → the value it is bound to (any expression, function or class), first binding wins. */
  bindings: Map<string, SyntaxNode>;
  /** Every top-level bound name (imports, assignments, defs, classes). */
  topLevelNames: Set<string>;
  /** Exported name → exported value (JS; for Python every top-level function is "exported"). */
  exports: Map<string, SyntaxNode>;
  /** Handlers by convention: name → why. */
  conventionHandlers: Map<string, string>;
  /** Functions that the runtime or a framework calls per invocation (decorated routes, crhelper handlers). */
  invocationFunctions: Map<string, string>;
  /** Top-level import statements (Python import / from-import; JS import or `require` declarations). */
  imports: SyntaxNode[];
  /** Whether the file is an ES module (has import/export statements or is .mjs/.ts). */
  esm: boolean;
}

const EVENT_RE =
  /^_*(event|events|evt|ev|e|lambda_event|raw_event|event_data|event_dict|payload|request|req|input|message|record)_?$|_event$|^event_/i;
const CONTEXT_RE = /^_*(context|ctx|ctxt|lambda_context|lambda_ctx|context_|c)_?$|_context$|_ctx$/i;

/** Whether a parameter name reads as a Lambda event. */
export function readsAsEvent(name: string): boolean {
  return EVENT_RE.test(name);
}
/** Whether a parameter name reads as a Lambda context. */
export function readsAsContext(name: string): boolean {
  return CONTEXT_RE.test(name);
}

/** Powertools and other Lambda decorators that mark the decorated function as a handler. */
const HANDLER_DECORATORS = new Set([
  'inject_lambda_context',
  'capture_lambda_handler',
  'log_metrics',
  'metric_scope',
  'validator',
  'event_source',
  'event_parser',
  'idempotent',
  'batch_processor',
  'async_batch_processor',
  'sqs_batch_processor',
  'lambda_handler_decorator',
  'datadog_lambda_wrapper',
  'lumigo_tracer',
  'lambda_wrapper',
  'serverless_sdk',
  'handler',
  'lambda_handler',
]);

/** Methods of a crhelper `CfnResource` that register per-invocation callbacks. */
const CRHELPER_METHODS = /^(create|update|delete|poll_create|poll_update|poll_delete)$/;
/** Framework objects whose decorated functions run per invocation (Powertools resolvers, Chalice). */
const APP_CLASSES = /(Resolver|Router|Chalice|Blueprint|CfnResource)$/;

/** `(a, b)`: plain names only (no defaults, annotations, splats or comments), optionally a trailing comma. */
const PLAIN_PARAMS = /^\(\s*(?:[A-Za-z_]\w*\s*(?:,\s*[A-Za-z_]\w*\s*)*,?\s*)?\)$/;

/**
 * The names of a Python parameter list read from its text (`(event, context)`), when it is plain names only;
 * undefined otherwise (read it from the tree). Exported for the test that checks it against the tree.
 */
export function plainParameterNames(src: string): string[] | undefined {
  if (!PLAIN_PARAMS.test(src)) return undefined;
  return src
    .slice(1, -1)
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '');
}

function pythonParamsReadAsHandler(fn: SyntaxNode, text: string): boolean {
  // The common case from the text alone (fewer calls into the wasm runtime): plain positional names.
  const list = fn.childForFieldName('parameters');
  if (list?.type === 'parameters') {
    const names = plainParameterNames(text.slice(list.startIndex, list.endIndex));
    if (names) {
      // A third required parameter: not a handler.
      if (names.length > 2) return false;
      return readAsHandler(names);
    }
  }
  const params = parameterNodes(fn);
  const positional: string[] = [];
  for (const p of params) {
    if (p.type === 'identifier' || p.type === 'typed_parameter') {
      if (positional.length >= 2) return false; // a third required parameter
      positional.push(patternNames(p)[0] ?? '');
    } else if (p.type === 'default_parameter' || p.type === 'typed_default_parameter') {
      if (positional.length < 2) positional.push(patternNames(p)[0] ?? '');
    } else if (
      p.type === 'list_splat_pattern' ||
      p.type === 'dictionary_splat_pattern' ||
      p.type === 'keyword_separator' ||
      p.type === 'positional_separator'
    ) {
      continue;
    } else return false;
  }
  return readAsHandler(positional);
}

/** Whether the first two positional parameter names read as (event, context). */
function readAsHandler(positional: readonly string[]): boolean {
  const [ev, cx] = positional;
  if (ev === undefined || cx === undefined) return false;
  if (cx === '_' || cx === '__') return readsAsEvent(ev) && ev !== 'data' && ev !== 'e';
  return readsAsContext(cx) && (readsAsEvent(ev) || /^_+$/.test(ev));
}

function decoratorCallee(dec: SyntaxNode): SyntaxNode | undefined {
  const expr = namedChildren(dec)[0];
  if (!expr) return undefined;
  return expr.type === 'call' ? (expr.childForFieldName('function') ?? undefined) : expr;
}

function analysePython(root: SyntaxNode, text: string): ModuleInfo {
  const info = emptyInfo('python');
  info.esm = false;
  const decorated: { name: string; fn: SyntaxNode; decorators: SyntaxNode[] }[] = [];
  for (const stmt of namedChildren(root)) {
    let node = stmt;
    let type = stmt.type; // (each `type` is a call into the wasm runtime: read once)
    const decorators: SyntaxNode[] = [];
    if (type === 'decorated_definition') {
      for (const c of namedChildren(node)) if (c.type === 'decorator') decorators.push(c);
      const def = node.childForFieldName('definition');
      if (!def) continue;
      node = def;
      type = def.type;
    }
    switch (type) {
      case 'function_definition': {
        const name = node.childForFieldName('name')?.text;
        if (!name) break;
        bind(info, name, node);
        info.functions.set(name, node);
        info.exports.set(name, node);
        decorated.push({ name, fn: node, decorators });
        break;
      }
      case 'class_definition': {
        const name = node.childForFieldName('name')?.text;
        if (name) bind(info, name, node);
        break;
      }
      case 'import_statement':
      case 'import_from_statement':
      case 'future_import_statement':
        info.imports.push(node);
        for (const n of pythonImportedNames(node)) info.topLevelNames.add(n);
        break;
      case 'expression_statement': {
        const a = namedChildren(node)[0];
        if (a?.type === 'assignment') {
          const right = a.childForFieldName('right');
          for (const n of patternNames(a.childForFieldName('left'))) {
            if (right) bind(info, n, right);
            else info.topLevelNames.add(n);
          }
        }
        break;
      }
      default:
        // Names bound inside top-level if/try/with/for (e.g. `try: import ujson as json`).
        collectPythonNestedNames(node, info.topLevelNames);
        break;
    }
  }
  for (const { name, fn, decorators } of decorated) {
    let why: string | undefined;
    for (const d of decorators) {
      const callee = dottedName(decoratorCallee(d));
      if (!callee) continue;
      const last = callee.split('.').pop() ?? '';
      if (HANDLER_DECORATORS.has(last)) why = `decorated with @${callee}`;
      const obj = callee.includes('.') ? callee.slice(0, callee.lastIndexOf('.')) : undefined;
      const objValue = obj ? info.bindings.get(obj) : undefined;
      const cls = objValue?.type === 'call' ? dottedName(objValue.childForFieldName('function')) : undefined;
      if (cls && APP_CLASSES.test(cls)) {
        if (/CfnResource$/.test(cls) && !CRHELPER_METHODS.test(last)) continue;
        info.invocationFunctions.set(name, `registered with @${callee}`);
      }
    }
    if (!why && pythonParamsReadAsHandler(fn, text)) why = 'takes (event, context)';
    if (why) info.conventionHandlers.set(name, why);
  }
  return info;
}

function collectPythonNestedNames(node: SyntaxNode, out: Set<string>): void {
  for (const c of namedChildren(node)) {
    if (c.type === 'import_statement' || c.type === 'import_from_statement') {
      for (const n of pythonImportedNames(c)) out.add(n);
    } else if (c.type === 'assignment') {
      for (const n of patternNames(c.childForFieldName('left'))) out.add(n);
    } else if (c.type === 'function_definition' || c.type === 'class_definition') {
      const n = c.childForFieldName('name')?.text;
      if (n) out.add(n);
    } else if (c.type !== 'function_definition' && c.type !== 'class_definition' && c.type !== 'lambda') {
      collectPythonNestedNames(c, out);
    }
  }
}

/** Names a Python import statement binds (`import a.b` binds `a`; `from x import y as z` binds `z`). */
const importedNamesCache = new WeakMap<object, Map<number, string[]>>();

export function pythonImportedNames(stmt: SyntaxNode): string[] {
  // Read once per statement of a tree (callers get their own copy).
  let byId = importedNamesCache.get(stmt.tree);
  if (!byId) {
    byId = new Map();
    importedNamesCache.set(stmt.tree, byId);
  }
  let names = byId.get(stmt.id);
  if (!names) {
    names = readPythonImportedNames(stmt);
    byId.set(stmt.id, names);
  }
  return names.slice();
}

/** A plain one-line Python import read from its text. */
export interface PlainImport {
  /** `from` imports: the module as written (`x`, `.`, `..pkg.mod`). */
  from?: string;
  /** The imported (dotted) names with their aliases, in order. */
  items: { name: string; alias?: string }[];
  /** `from x import *`. */
  wildcard: boolean;
}

/**
 * An import statement (`type`: import_statement or import_from_statement) read from its text when it is a
 * plain one-liner; undefined otherwise (read it from the tree). Fewer calls into the wasm runtime than the
 * tree; the test in test/unit/handlers checks that both readings agree.
 */
export function parsePlainImport(type: string, text: string): PlainImport | undefined {
  return new PlainImportScanner(text).read(type === 'import_from_statement');
}

const SPACE = new Uint8Array(128);
for (const c of [9, 10, 11, 12, 13, 32]) SPACE[c] = 1;

/**
 * `import a.b, c as d` or `from x import a, b as c` / `from . import *`, the statement alone on one line (no
 * parentheses, comment or continuation), ASCII names and spaces: what the regular expressions
 * `^import\s+([\w.]+(?:\s+as\s+\w+)?(?:\s*,\s*[\w.]+(?:\s+as\s+\w+)?)*)$` and
 * `^from\s+([\w.]+)\s+import\s+(\*|\w+(?:\s+as\s+\w+)?(?:\s*,\s*\w+(?:\s+as\s+\w+)?)*)$` accept (but
 * non-ASCII spaces), scanned by hand: a short run spent more in those expressions than in the rest of reading
 * imports (test/unit/handlers/text-fast-paths.test.ts compares the two).
 */
class PlainImportScanner {
  private i = 0;
  constructor(private readonly text: string) {}

  read(from: boolean): PlainImport | undefined {
    const out: PlainImport = { items: [], wildcard: false };
    if (from) {
      if (!this.keyword('from') || this.spaces() === 0) return undefined;
      const module = this.name(true);
      if (module === '' || this.spaces() === 0 || !this.keyword('import') || this.spaces() === 0)
        return undefined;
      out.from = module;
      if (this.text.charCodeAt(this.i) === 42 /* * */) {
        this.i++;
        if (this.i !== this.text.length) return undefined;
        out.wildcard = true;
        return out;
      }
    } else if (!this.keyword('import') || this.spaces() === 0) return undefined;
    for (;;) {
      const name = this.name(!from);
      if (name === '') return undefined;
      const afterName = this.i;
      let alias: string | undefined;
      if (this.spaces() > 0 && this.keyword('as') && this.spaces() > 0) {
        alias = this.name(false);
        if (alias === '') return undefined;
      } else this.i = afterName;
      out.items.push(alias !== undefined ? { name, alias } : { name });
      const afterItem = this.i;
      this.spaces();
      if (this.text.charCodeAt(this.i) === 44 /* , */) {
        this.i++;
        this.spaces();
        continue;
      }
      this.i = afterItem;
      return this.i === this.text.length ? out : undefined;
    }
  }

  private spaces(): number {
    const start = this.i;
    const t = this.text;
    while (this.i < t.length && SPACE[t.charCodeAt(this.i)] === 1) this.i++;
    return this.i - start;
  }

  /** `\w+` (or `[\w.]+` with dots) from here; '' when there is none. */
  private name(dots: boolean): string {
    const start = this.i;
    const t = this.text;
    for (; this.i < t.length; this.i++) {
      const c = t.charCodeAt(this.i);
      if (!(c < 128 && (ID_PART[c] === 1 || (dots && c === 46)))) break;
    }
    return t.slice(start, this.i);
  }

  /** The word `w` here (not followed by a name character: `importx` is no `import`). */
  private keyword(w: string): boolean {
    const t = this.text;
    if (!t.startsWith(w, this.i)) return false;
    const c = t.charCodeAt(this.i + w.length);
    if (c < 128 && (ID_PART[c] === 1 || c === 46)) return false;
    this.i += w.length;
    return true;
  }
}

/** The names a plain one-line import binds (see `parsePlainImport`), or undefined. */
export function plainImportedNames(type: string, text: string): string[] | undefined {
  const p = parsePlainImport(type, text);
  if (!p) return undefined;
  if (p.wildcard) return ['*'];
  return p.items.map(
    ({ name, alias }) => alias ?? (type === 'import_statement' ? (name.split('.')[0] ?? name) : name),
  );
}

function readPythonImportedNames(stmt: SyntaxNode): string[] {
  const type = stmt.type;
  if (type === 'import_statement' || type === 'import_from_statement') {
    const plain = plainImportedNames(type, stmt.text);
    if (plain) return plain;
  }
  return importedNamesFromTree(stmt);
}

/** The names a Python import statement binds, read from the tree. */
export function importedNamesFromTree(stmt: SyntaxNode): string[] {
  const out: string[] = [];
  const names =
    stmt.type === 'import_statement'
      ? namedChildren(stmt)
      : stmt.childrenForFieldName('name').filter((c): c is SyntaxNode => c !== null);
  for (const n of names) {
    if (n.type === 'aliased_import') {
      const alias = n.childForFieldName('alias')?.text;
      if (alias) out.push(alias);
    } else if (n.type === 'dotted_name') {
      const text = n.text.replace(/\s+/g, '');
      out.push(stmt.type === 'import_statement' ? (text.split('.')[0] ?? text) : text);
    }
  }
  if (stmt.type === 'import_from_statement' && namedChildren(stmt).some((c) => c.type === 'wildcard_import'))
    out.push('*');
  return out;
}

function emptyInfo(lang: CodeLanguage): ModuleInfo {
  return {
    lang,
    functions: new Map(),
    bindings: new Map(),
    topLevelNames: new Set(),
    exports: new Map(),
    conventionHandlers: new Map(),
    invocationFunctions: new Map(),
    imports: [],
    esm: false,
  };
}

function bind(info: ModuleInfo, name: string, value: SyntaxNode): void {
  info.topLevelNames.add(name);
  if (!info.bindings.has(name)) info.bindings.set(name, value);
}

function unwrapJs(node: SyntaxNode | null | undefined): SyntaxNode | undefined {
  let n = node ?? undefined;
  while (
    n &&
    (n.type === 'parenthesized_expression' ||
      n.type === 'as_expression' ||
      n.type === 'satisfies_expression' ||
      n.type === 'non_null_expression')
  )
    n = namedChildren(n)[0];
  return n;
}

/** Whether a JS statement is a top-level `require` declaration (`const x = require('x')`, `…require('x').y`). */
function isRequireDeclaration(stmt: SyntaxNode): boolean {
  if (stmt.type !== 'lexical_declaration' && stmt.type !== 'variable_declaration') return false;
  const decls = namedChildren(stmt).filter((c) => c.type === 'variable_declarator');
  return (
    decls.length > 0 &&
    decls.every((d) => {
      let v = unwrapJs(d.childForFieldName('value'));
      while (v && (v.type === 'member_expression' || v.type === 'await_expression'))
        v =
          v.type === 'member_expression' ? (v.childForFieldName('object') ?? undefined) : namedChildren(v)[0];
      return (
        v?.type === 'call_expression' &&
        ['require', 'import'].includes(v.childForFieldName('function')?.text ?? '')
      );
    })
  );
}

function analyseJs(root: SyntaxNode, relPath: string): ModuleInfo {
  const info = emptyInfo('js');
  info.esm = /\.(mjs|mts|ts|tsx)$/.test(relPath);
  const declare = (decl: SyntaxNode, exported: boolean) => {
    if (decl.type === 'lexical_declaration' || decl.type === 'variable_declaration') {
      for (const d of namedChildren(decl)) {
        if (d.type !== 'variable_declarator') continue;
        const nameNode = d.childForFieldName('name');
        const value = unwrapJs(d.childForFieldName('value'));
        for (const n of patternNames(nameNode)) {
          if (nameNode?.type === 'identifier' && value) {
            bind(info, n, value);
            if (isFunctionNode('js', value)) info.functions.set(n, value);
            if (exported) info.exports.set(n, value);
          } else info.topLevelNames.add(n);
        }
      }
    } else if (
      decl.type === 'function_declaration' ||
      decl.type === 'generator_function_declaration' ||
      decl.type === 'class_declaration' ||
      decl.type === 'abstract_class_declaration'
    ) {
      const n = decl.childForFieldName('name')?.text;
      if (!n) return;
      bind(info, n, decl);
      if (decl.type.includes('function')) info.functions.set(n, decl);
      if (exported) info.exports.set(n, decl);
    }
  };
  for (const stmt of namedChildren(root)) {
    switch (stmt.type) {
      case 'import_statement': {
        info.esm = true;
        info.imports.push(stmt);
        for (const c of namedChildren(stmt)) if (c.type === 'import_clause') patternNamesOfImport(c, info);
        break;
      }
      case 'export_statement': {
        info.esm = true;
        const isDefault = stmt.children.some((c) => c?.type === 'default');
        const decl = stmt.childForFieldName('declaration');
        const value = unwrapJs(stmt.childForFieldName('value'));
        if (decl) {
          declare(decl, !isDefault);
          if (isDefault) info.exports.set('default', decl);
        } else if (value && isDefault) info.exports.set('default', value);
        for (const clause of namedChildren(stmt)) {
          if (clause.type !== 'export_clause') continue;
          for (const spec of namedChildren(clause)) {
            const local = spec.childForFieldName('name');
            const alias = spec.childForFieldName('alias') ?? local;
            if (local && alias) info.exports.set(alias.text, local);
          }
        }
        break;
      }
      case 'lexical_declaration':
      case 'variable_declaration':
        if (isRequireDeclaration(stmt)) info.imports.push(stmt);
        declare(stmt, false);
        break;
      case 'function_declaration':
      case 'generator_function_declaration':
      case 'class_declaration':
      case 'abstract_class_declaration':
        declare(stmt, false);
        break;
      case 'expression_statement': {
        const a = unwrapJs(namedChildren(stmt)[0]);
        if (a?.type !== 'assignment_expression') break;
        const left = dottedName(a.childForFieldName('left'));
        const right = unwrapJs(a.childForFieldName('right'));
        if (!left || !right) break;
        const m = /^(?:module\.exports|exports)(?:\.([A-Za-z_$][\w$]*))?$/.exec(left);
        if (!m) break;
        if (m[1]) info.exports.set(m[1], right);
        else if (right.type === 'object') {
          for (const p of namedChildren(right)) {
            if (p.type === 'shorthand_property_identifier') info.exports.set(p.text, p);
            else if (p.type === 'pair') {
              const k = p.childForFieldName('key');
              const v = unwrapJs(p.childForFieldName('value'));
              if (k && v) info.exports.set(k.type === 'string' ? k.text.slice(1, -1) : k.text, v);
            } else if (p.type === 'method_definition') {
              const k = p.childForFieldName('name');
              if (k) info.exports.set(k.text, p);
            }
          }
        } else info.exports.set('default', right);
        break;
      }
      default:
        break;
    }
  }
  for (const [name, value] of info.exports) {
    if (/^handler$|Handler$/.test(name) && name !== 'errorHandler') {
      info.conventionHandlers.set(name, `exported as ${name}`);
    } else if (name === 'default') {
      const fn = isFunctionNode('js', value) ? value : undefined;
      const first = fn ? patternNames(parameterNodes(fn)[0])[0] : undefined;
      if ((first && readsAsEvent(first)) || value.type === 'call_expression')
        info.conventionHandlers.set(name, 'the default export');
    }
  }
  return info;
}

function patternNamesOfImport(clause: SyntaxNode, info: ModuleInfo): void {
  for (const c of namedChildren(clause)) {
    if (c.type === 'identifier') info.topLevelNames.add(c.text);
    else if (c.type === 'namespace_import') {
      const id = namedChildren(c).find((x) => x.type === 'identifier');
      if (id) info.topLevelNames.add(id.text);
    } else if (c.type === 'named_imports') {
      for (const s of namedChildren(c)) {
        const n = s.childForFieldName('alias') ?? s.childForFieldName('name');
        if (n) info.topLevelNames.add(n.text);
      }
    }
  }
}

/**
 * After `export`, a declaration whose name the text shows (`export class X`, `export async function x`,
 * `export interface X`): the name is group 1. Anything else after `export` (`const`, `default`, `{`, `*`, a
 * comment) is not read here.
 */
const JS_EXPORT_DECLARATION =
  /export\s+(?:(?:declare|abstract)\s+)*(?:(?:class|interface|enum|type|namespace|module)\s+|(?:async\s+)?function\s*\*?\s*)([A-Za-z_$][\w$]*)/y;

/**
 * Whether a module's text leaves room for a handler by convention (see the top of this file), so that a file
 * without one — a CDK stack, a library module — needs no tree when no infrastructure names it either. Only
 * ever errs towards true: Python (module-level functions are read from the tree); JS/TS with CommonJS
 * `exports`, or an `export` other than a class/function/interface/enum/type/namespace declaration whose name
 * does not end in "andler" (`export const`, `export default`, `export { … }`, or `export` in a comment or
 * string) — a file the text test leaves room in is then read as tokens, where `export const app = …` or an
 * `exports` in a comment no longer count.
 */
export function mayHaveConventionHandlers(lang: CodeLanguage, text: string): boolean {
  if (lang === 'python') return true;
  if (!textMayHaveConventionHandlers(text)) return false;
  // The text leaves room (`export const`, `exports` in a comment…): the tokens tell more precisely.
  return exportsOfTokensMayHandle(text) ?? true;
}

/** The text test: an `exports`, or an `export` of something other than a declaration of a name not "…andler". */
function textMayHaveConventionHandlers(text: string): boolean {
  if (/\bexports\b/.test(text)) return true;
  const re = /\bexport\b/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    JS_EXPORT_DECLARATION.lastIndex = m.index;
    const d = JS_EXPORT_DECLARATION.exec(text);
    if (!d || /andler$/.test(d[1] ?? '')) return true;
  }
  return false;
}

const DECLARATION_WORDS = new Set(['class', 'interface', 'enum', 'type', 'namespace', 'module', 'function']);
const MODIFIER_WORDS = new Set(['declare', 'abstract', 'async']);

/**
 * `mayHaveConventionHandlers` read from the file's tokens (comments and strings are no tokens there): true at
 * `exports`, `export default`, `export {`/`*`, a destructuring `export const {…}`, or an exported name ending in
 * "andler"; false when every top-level `export` declares other names (`export const app = …`, `export class
 * XStack`); undefined when the lexer cannot follow the file (the text test decides).
 */
function exportsOfTokensMayHandle(text: string): boolean | undefined {
  let toks: Toks;
  try {
    toks = lexTs(text);
  } catch {
    return undefined;
  }
  let depth = 0;
  for (let i = 0; i < toks.length; i++) {
    depth += toks.nesting(i);
    if (toks.k[i] !== T.Id) continue;
    const v = toks.v[i]!;
    if (v === 'exports') return true;
    if (v !== 'export' || depth !== 0 || toks.isP(i - 1, '.')) continue;
    let j = i + 1;
    while (MODIFIER_WORDS.has(toks.text(j) ?? '')) j++;
    if (toks.kind(j) !== T.Id) return true;
    const w = toks.v[j]!;
    if (DECLARATION_WORDS.has(w)) {
      if (toks.isP(j + 1, '*')) j++;
      if (toks.kind(j + 1) !== T.Id || /andler$/.test(toks.v[j + 1]!)) return true;
      continue;
    }
    if (w !== 'const' && w !== 'let' && w !== 'var') return true;
    // Each declarator's name (after `const` and after each `,` outside brackets), to the end of the statement.
    const end = toks.statementEnd(j);
    let depth2 = 0;
    let name = true;
    for (let m = j + 1; m <= end; m++) {
      if (name) {
        if (toks.kind(m) !== T.Id || /andler$/.test(toks.v[m]!)) return true;
        name = false;
      }
      depth2 += toks.nesting(m);
      if (depth2 === 0 && toks.isP(m, ',')) name = true;
    }
    if (name) return true;
  }
  return false;
}

/** The module analysis of a code file (cached on the file), or undefined for other languages or no tree. */
export function moduleInfo(file: ParsedFile): ModuleInfo | undefined {
  const lang = codeLanguageOf(file.language);
  if (!lang) return undefined;
  return file.view('handlers.module', () => {
    const root = file.syntax;
    if (!root) return undefined;
    return lang === 'python' ? analysePython(root, file.text) : analyseJs(root, file.relPath);
  });
}

/**
 * The function nodes an exported/bound value runs per invocation: the function itself, the function a name
 * refers to, or the functions a wrapper call receives (`middy(baseHandler).use(…)`, `wrap(async (e) => …)`).
 */
export function functionsOfValue(
  info: ModuleInfo,
  value: SyntaxNode,
  seen = new Set<number>(),
): SyntaxNode[] {
  if (seen.has(value.id)) return [];
  seen.add(value.id);
  const v = info.lang === 'js' ? (unwrapJs(value) ?? value) : value;
  if (isFunctionNode(info.lang, v) || v.type === 'function_definition') return [v];
  if (v.type === 'identifier' || v.type === 'shorthand_property_identifier') {
    const b = info.bindings.get(v.text);
    return b ? functionsOfValue(info, b, seen) : [];
  }
  if (v.type === 'call' || v.type === 'call_expression') {
    const out: SyntaxNode[] = [];
    for (const a of callArguments(v)) {
      const arg = a.type === 'keyword_argument' ? a.childForFieldName('value') : a;
      if (arg) out.push(...functionsOfValue(info, arg, seen));
    }
    const callee = v.childForFieldName('function');
    if (callee?.type === 'member_expression' || callee?.type === 'attribute') {
      const obj = callee.childForFieldName('object');
      if (obj) out.push(...functionsOfValue(info, obj, seen));
    } else if (callee?.type === 'call' || callee?.type === 'call_expression') {
      out.push(...functionsOfValue(info, callee, seen));
    }
    return out;
  }
  if (v.type === 'await_expression') {
    const inner = namedChildren(v)[0];
    return inner ? functionsOfValue(info, inner, seen) : [];
  }
  return [];
}
