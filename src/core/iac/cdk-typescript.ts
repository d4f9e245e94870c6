/**
 * The CDK TypeScript front end (tree-sitter TypeScript): `new lambda.Function(this, 'Fn', { … })` and the other
 * constructs of `cdk-common.ts`, with imports resolved however written (`import * as lambda from
 * 'aws-cdk-lib/aws-lambda'`, `import { aws_lambda as lambda } from 'aws-cdk-lib'`, named imports and aliases,
 * v1 `@aws-cdk/*`, `require`), `const` values of the same file (provenance `local`), `Duration`/`Size` helpers and
 * enum members. Variables and `this.x` fields holding constructs become references.
 */
import type { ParsedFile } from '../engine/file';
import type { WorkspaceContext } from '../engine/workspace';
import { callArguments } from '../handlers/ast';
import { edit } from '../model/text';
import type { TextEdit } from '../model/types';
import { namedChildren, type Node } from '../parse/treesitter';
import {
  CdkEmitter,
  constructType,
  enumValue,
  helperValue,
  metricOfMethod,
  newCtx,
  normalizeModule,
  qualifyNode,
  refOfConstruct,
  refOfNode,
  retentionMember,
  type CdkCall,
  type CdkCtx,
  type ImportBinding,
  type Qualified,
} from './cdk-common';
import { LazyNew, Toks, importsOfTokens, lexTs, scanTs, type TsImport } from './cdk-scan-ts';
import {
  NotFast,
  TextNode,
  idOf,
  kids,
  memoDotted,
  readSites,
  readStats,
  treeRootOf,
  type SNode,
} from './cdk-syntax';
import {
  literalVal,
  schemaWriter,
  span,
  toVal,
  unknownVal,
  type Rendered,
  type SrcEntry,
  type SrcNode,
  type SrcObj,
  type Syntax,
  type Val,
} from './mapping';
import { registerFrontEnd, resourcesOfFiles, type Reference, type Resource, type Span } from './model';
import { registerWriter, type WriteValue } from './writer';

const INNER = new Set([
  'parenthesized_expression',
  'as_expression',
  'satisfies_expression',
  'non_null_expression',
  'type_assertion',
]);

function unwrap(n: SNode): SNode {
  let cur = n;
  for (let i = 0; i < 20 && INNER.has(cur.type); i++) {
    const c = kids(cur)[0];
    if (!c) break;
    cur = c;
  }
  return cur;
}

function dotted(n: SNode | null | undefined): string | undefined {
  return memoDotted(n, dottedOf);
}

function dottedOf(n: SNode): string | undefined {
  const u = unwrap(n);
  if (u.type === 'identifier' || u.type === 'this') return u.text;
  if (u.type === 'member_expression') {
    const o = dotted(u.childForFieldName('object'));
    const p = u.childForFieldName('property');
    return o && p ? `${o}.${p.text}` : undefined;
  }
  return undefined;
}

function stringLit(n: SNode | null | undefined): string | undefined {
  if (!n) return undefined;
  const u = unwrap(n);
  if (u.type === 'string') {
    const inner = u.text.slice(1, -1);
    return inner.includes('\\') ? unescapeJs(inner) : inner;
  }
  if (u.type === 'template_string' && !kids(u).some((c) => c.type === 'template_substitution'))
    return u.text.slice(1, -1);
  return undefined;
}

const ESCAPE = /\\(u\{([0-9a-fA-F]+)\}|u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})|\r\n|[\s\S])/g;
const SIMPLE_ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  b: '\b',
  f: '\f',
  v: '\v',
  '0': '\0',
  '\n': '',
  '\r\n': '',
  '\r': '',
  '\u2028': '',
  '\u2029': '',
};

/** The value of a JavaScript string literal's body (`\'`, `\"`, `\x41`, `\u{1F600}`, line continuations…). */
function unescapeJs(s: string): string {
  return s.replace(ESCAPE, (m, e: string, cp?: string, u4?: string, x2?: string) => {
    if (cp) {
      const c = parseInt(cp, 16);
      return c <= 0x10ffff ? String.fromCodePoint(c) : m;
    }
    if (u4) return String.fromCharCode(parseInt(u4, 16));
    if (x2) return String.fromCharCode(parseInt(x2, 16));
    return SIMPLE_ESCAPES[e] ?? e;
  });
}

function valAt(at: Span, v: Val): SrcNode {
  return { k: 'val', val: v, span: at };
}

/** Import bindings of a module (cached on the file). */
export function tsImports(file: ParsedFile): Map<string, ImportBinding> {
  return file.view('iac.cdk.ts.imports', () => importsOfText(file) ?? importsOfTree(file));
}

/** `tsImports` from the import statements the tokens show, or undefined where the tree must be read. */
export function importsOfText(file: ParsedFile): Map<string, ImportBinding> | undefined {
  const toks = tsTokens(file);
  if (!(toks instanceof Toks)) return undefined;
  let imports: TsImport[];
  try {
    imports = importsOfTokens(toks);
  } catch (e) {
    if (e instanceof NotFast) return undefined;
    throw e;
  }
  const out = new Map<string, ImportBinding>();
  for (const imp of imports) {
    const mod = normalizeModule(
      stringLit(new TextNode(file.text, 'string', imp.source.s, imp.source.e)) ?? '',
    );
    if (mod === undefined) continue;
    if (imp.defaultName !== undefined) out.set(imp.defaultName, { module: mod });
    if (imp.namespace !== undefined) out.set(imp.namespace, { module: mod });
    for (const [name, alias] of imp.named) bindNamed(out, mod, name, alias);
  }
  return out;
}

/**
 * The tokens of files being read (dropped once the sites are read: kept on the file, 43,000 token objects of a
 * 5,000-line stack would be copied by every garbage collection of the young generation that follows).
 */
const lexed = new WeakMap<ParsedFile, Toks | NotFast>();

/** The lexed file, or why the lexer could not follow it. */
export function tsTokens(file: ParsedFile): Toks | NotFast {
  let toks = lexed.get(file);
  if (!toks) {
    try {
      toks = lexTs(file.text);
    } catch (e) {
      if (!(e instanceof NotFast)) throw e;
      toks = e;
    }
    lexed.set(file, toks);
  }
  return toks;
}

/** `import { name as alias } from '<mod>'` (`import { aws_lambda as lambda } from 'aws-cdk-lib'`: a namespace). */
function bindNamed(out: Map<string, ImportBinding>, mod: string, name: string, alias: string): void {
  if (mod === '' && /^aws_/.test(name)) out.set(alias, { module: name.replace(/_/g, '-') });
  else out.set(alias, { module: mod, export: name });
}

/** `tsImports` read from the tree (a file the token reading declines: `require`, unusual import forms). */
export function importsOfTree(file: ParsedFile): Map<string, ImportBinding> {
  const out = new Map<string, ImportBinding>();
  const root = file.tree?.rootNode;
  if (!root) return out;
  for (const st of namedChildren(root)) {
    if (st.type === 'import_statement') {
      // `import x = require('m')`: x is the module.
      const req = namedChildren(st).find((c) => c.type === 'import_require_clause');
      if (req) {
        const m = normalizeModule(stringLit(req.childForFieldName('source')) ?? '');
        const id = namedChildren(req).find((x) => x.type === 'identifier');
        if (m !== undefined && id) out.set(id.text, { module: m });
        continue;
      }
      const mod = normalizeModule(stringLit(st.childForFieldName('source')) ?? '');
      if (mod === undefined) continue;
      const clause = namedChildren(st).find((c) => c.type === 'import_clause');
      for (const c of clause ? namedChildren(clause) : []) {
        if (c.type === 'namespace_import') {
          const id = namedChildren(c).find((x) => x.type === 'identifier');
          if (id) out.set(id.text, { module: mod });
        } else if (c.type === 'named_imports') {
          for (const s of namedChildren(c)) {
            if (s.type !== 'import_specifier') continue;
            const name = s.childForFieldName('name')?.text;
            const alias = s.childForFieldName('alias')?.text ?? name;
            if (name && alias) bindNamed(out, mod, name, alias);
          }
        } else if (c.type === 'identifier') out.set(c.text, { module: mod });
      }
    } else if (st.type === 'lexical_declaration' || st.type === 'variable_declaration') {
      // `const lambda = require('aws-cdk-lib/aws-lambda')`
      for (const d of namedChildren(st)) {
        const v = d.childForFieldName('value');
        const name = d.childForFieldName('name');
        if (
          !v ||
          !name ||
          v.type !== 'call_expression' ||
          v.childForFieldName('function')?.text !== 'require'
        )
          continue;
        const mod = normalizeModule(stringLit(callArguments(v)[0]) ?? '');
        if (mod === undefined) continue;
        if (name.type === 'identifier') out.set(name.text, { module: mod });
      }
    }
  }
  return out;
}

type Ctx = CdkCtx;
const q = qualifyNode;

function evaluate(ctx: Ctx, node: SNode, depth = 0): SrcNode {
  const n = unwrap(node);
  const at = span(ctx.file, n.startIndex, n.endIndex);
  if (depth > 40) return { k: 'val', val: unknownVal(), span: at };
  return evaluateAt(ctx, n, at, depth);
}

function evaluateAt(ctx: Ctx, n: SNode, at: Span, depth: number): SrcNode {
  switch (n.type) {
    case 'number': {
      const x = Number(n.text.replace(/_/g, ''));
      return valAt(at, Number.isFinite(x) ? literalVal({ kind: 'number', value: x }) : unknownVal());
    }
    case 'string':
    case 'template_string': {
      const s = stringLit(n);
      return valAt(
        at,
        s !== undefined ? literalVal({ kind: 'string', value: s }) : unknownVal(collectRefs(ctx, n, depth)),
      );
    }
    case 'true':
    case 'false':
      return valAt(at, literalVal({ kind: 'bool', value: n.type === 'true' }));
    case 'null':
    case 'undefined':
      return valAt(at, literalVal({ kind: 'null' }));
    case 'unary_expression': {
      const op = n.childForFieldName('operator')?.text;
      const arg = n.childForFieldName('argument');
      const v = arg ? toVal(evaluate(ctx, arg, depth + 1)) : undefined;
      if (op === '-' && v?.v.kind === 'number')
        return valAt(at, { ...v, v: { kind: 'number', value: -v.v.value } });
      return valAt(at, unknownVal(v?.refs ?? []));
    }
    case 'binary_expression': {
      const l = n.childForFieldName('left');
      const r = n.childForFieldName('right');
      const op = n.childForFieldName('operator')?.text;
      const a = l ? toVal(evaluate(ctx, l, depth + 1)) : undefined;
      const b = r ? toVal(evaluate(ctx, r, depth + 1)) : undefined;
      const refs = [...(a?.refs ?? []), ...(b?.refs ?? [])];
      if (a?.v.kind === 'number' && b?.v.kind === 'number') {
        const x = a.v.value;
        const y = b.v.value;
        const res =
          op === '*' ? x * y : op === '+' ? x + y : op === '-' ? x - y : op === '/' ? x / y : undefined;
        if (res !== undefined && Number.isFinite(res)) {
          const prov = a.prov.kind === 'literal' ? b.prov : a.prov;
          return valAt(at, { v: { kind: 'number', value: res }, prov, refs });
        }
      }
      return valAt(at, unknownVal(refs));
    }
    case 'object': {
      const entries: SrcEntry[] = [];
      const ks = kids(n);
      for (let i = 0; i < ks.length; i++) {
        const p = ks[i] as SNode;
        if (p.type === 'pair') {
          const k = p.childForFieldName('key');
          const v = p.childForFieldName('value');
          if (!k || !v) continue;
          const key = k.type === 'property_identifier' || k.type === 'number' ? k.text : stringLit(k);
          if (key === undefined) continue;
          entries.push({
            key,
            keySpan: span(ctx.file, k.startIndex, k.endIndex),
            span: span(ctx.file, p.startIndex, p.endIndex),
            value: evaluate(ctx, v, depth + 1),
          });
        } else if (p.type === 'shorthand_property_identifier') {
          const s = span(ctx.file, p.startIndex, p.endIndex);
          const value = identifier(ctx, p.text, s, depth);
          entries.push({ key: p.text, keySpan: s, span: s, value });
        }
      }
      return { k: 'obj', entries, span: at };
    }
    case 'array': {
      const items: SrcNode[] = [];
      const ks = kids(n);
      for (let i = 0; i < ks.length; i++) {
        const c = ks[i] as SNode;
        if (c.type !== 'comment') items.push(evaluate(ctx, c, depth + 1));
      }
      return { k: 'list', items, span: at };
    }
    case 'identifier':
      return identifier(ctx, n.text, at, depth);
    case 'member_expression': {
      const r = refOfNode(ctx, n);
      if (r) return valAt(at, unknownVal([r]));
      const qq = q(ctx, n);
      const e = qq ? enumValue(qq) : undefined;
      if (e) return valAt(at, literalVal(e));
      const obj = n.childForFieldName('object');
      const base = obj ? refOfNode(ctx, obj) : undefined;
      const prop = n.childForFieldName('property')?.text;
      if (base) return valAt(at, unknownVal([{ ...base, ...(prop ? { attribute: prop } : {}) }]));
      return valAt(at, unknownVal(obj ? collectRefs(ctx, obj, depth) : []));
    }
    case 'call_expression': {
      const fn = n.childForFieldName('function');
      const a = callArguments(n);
      const qq = q(ctx, fn);
      if (qq) {
        const nums = a.map((x) => {
          const v = toVal(evaluate(ctx, x, depth + 1)).v;
          return v.kind === 'number' ? v.value : undefined;
        });
        const h = helperValue(qq, nums);
        if (h) return valAt(at, h.kind === 'unknown' ? unknownVal() : literalVal(h));
      }
      if (fn?.type === 'member_expression') {
        const obj = fn.childForFieldName('object');
        const prop = fn.childForFieldName('property')?.text ?? '';
        const base = obj ? refOfNode(ctx, obj) : undefined;
        const metric = prop === 'metric' ? stringLit(a[0]) : metricOfMethod(prop);
        if (base && metric) return valAt(at, unknownVal([{ ...base, attribute: `metric:${metric}` }]));
      }
      return valAt(at, unknownVal(collectRefs(ctx, n, depth)));
    }
    case 'new_expression': {
      const c = refOfConstruct(ctx, n);
      if (c) return valAt(at, unknownVal([c]));
      const qq = q(ctx, n.childForFieldName('constructor'));
      const a0 = callArguments(n)[0];
      if (qq && qq.module === 'aws-cloudwatch' && qq.path === 'Metric' && a0)
        return evaluate(ctx, a0, depth + 1);
      return valAt(at, unknownVal(collectRefs(ctx, n, depth)));
    }
    default:
      return valAt(at, unknownVal(collectRefs(ctx, n, depth)));
  }
}

function identifier(ctx: Ctx, name: string, at: ReturnType<typeof span>, depth: number): SrcNode {
  const r = ctx.bindings.get(name);
  const c = r !== undefined ? ctx.constructs.get(r) : undefined;
  if (c) return { k: 'val', val: unknownVal([{ type: c.type, name: c.id, address: c.address }]), span: at };
  const init = ctx.consts.get(name);
  if (init) {
    const v = evaluate(ctx, init, depth + 1);
    if (v.k !== 'val') return v;
    if (v.val.v.kind === 'unknown') return { ...v, span: at };
    const prov = v.val.prov.kind === 'literal' ? { kind: 'local' as const, name, span: v.span } : v.val.prov;
    return { k: 'val', val: { ...v.val, prov }, span: at };
  }
  return { k: 'val', val: unknownVal(), span: at };
}

/** References any sub-expression makes (for values that are otherwise unknown). */
function collectRefs(ctx: Ctx, n: SNode, depth: number, out: Reference[] = []): Reference[] {
  if (depth > 30) return out;
  const ks = kids(n);
  for (let i = 0; i < ks.length; i++) {
    const c = ks[i] as SNode;
    if (c.type === 'identifier' || c.type === 'member_expression') {
      const r = refOfNode(ctx, c);
      if (r) {
        out.push(r);
        continue;
      }
    }
    collectRefs(ctx, c, depth + 1, out);
  }
  return out;
}

const NO_SCOPE = new Set(['aws-apigateway:LambdaIntegration']);
const ID_FIRST = new Set([
  'aws-apigatewayv2-integrations:HttpLambdaIntegration',
  'aws-apigatewayv2-integrations:LambdaProxyIntegration',
]);
const METHODS = new Set(['autoScaleReadCapacity', 'autoScaleWriteCapacity', 'createAlarm', 'addAlias']);

const WALKED = new Set([
  'new_expression',
  'call_expression',
  'variable_declarator',
  'assignment_expression',
  'public_field_definition',
]);

/** The sites of a file: `new` expressions, construct method calls, and what names and constants hold. */
interface Sites {
  news: SNode[];
  calls: SNode[];
}

function bind(ctx: Ctx, key: string, v: SNode | null | undefined): void {
  if (v && unwrap(v).type === 'new_expression') ctx.bindings.set(key, idOf(unwrap(v)));
}

function declare(ctx: Ctx, name: string, kind: string | undefined, v: SNode | null): void {
  ctx.consts.set(name, ctx.consts.has(name) || kind !== 'const' ? null : v);
  bind(ctx, name, v);
}

/** The sites, read from the tree node by node (files the text reader cannot follow). */
function sitesFromTree(ctx: Ctx, root: Node): Sites {
  const news: SNode[] = [];
  const calls: SNode[] = [];
  // One wasm call finds every node of interest (in document order).
  for (const n of root.descendantsOfType([...WALKED])) {
    if (!n) continue;
    switch (n.type) {
      case 'new_expression':
        news.push(n);
        break;
      case 'call_expression':
        calls.push(n);
        break;
      case 'variable_declarator': {
        const name = n.childForFieldName('name');
        if (name?.type === 'identifier')
          declare(ctx, name.text, n.parent?.child(0)?.text, n.childForFieldName('value'));
        break;
      }
      case 'assignment_expression': {
        const l = dotted(n.childForFieldName('left'));
        if (l) bind(ctx, l, n.childForFieldName('right'));
        break;
      }
      case 'public_field_definition': {
        const name = n.childForFieldName('name')?.text;
        if (name) bind(ctx, `this.${name}`, n.childForFieldName('value'));
        break;
      }
      default:
        break;
    }
  }
  return { news, calls };
}

/** The sites, read from the text (see `cdk-scan-ts.ts`); NotFast when it cannot be followed. */
function sitesFromText(ctx: Ctx, file: ParsedFile, root: () => Node): Sites {
  // Read from the text when the lexer and the readers can follow it: they stop at unbalanced brackets, an
  // unterminated string or template and every form they do not model (a tree node is read there instead).
  if (file.language !== 'typescript') throw new NotFast('not plain TypeScript');
  const toks = tsTokens(file);
  if (!(toks instanceof Toks)) throw toks;
  const s = scanTs(file.text, toks, root, METHODS);
  for (const e of s.events) {
    if (e.t === 'decl') {
      if (e.name !== undefined) declare(ctx, e.name, e.kind, e.value);
    } else bind(ctx, e.key, e.value);
  }
  return { news: s.news, calls: s.methods };
}

/** A file's sites and the context they filled, read from the text where it can be followed. */
function readFile(
  file: ParsedFile,
  fromTree: boolean,
): { ctx: Ctx; sites: Sites; fromText: boolean } | undefined {
  // The tree only when a part of the file is read from it.
  const root = treeRootOf(file);
  try {
    const imports = tsImports(file);
    if (imports.size === 0) return undefined;
    const rel = file.relPath;
    return readSites(
      'ts',
      fromTree,
      () => newCtx(rel, imports, dotted),
      (c) => sitesFromText(c, file, root),
      (c) => sitesFromTree(c, root()),
    );
  } finally {
    lexed.delete(file);
  }
}

type Read = ReturnType<typeof readFile>;

/** Reads not yet used by the front end (the handler index may read a stack's sites before the model does). */
const pending = new WeakMap<ParsedFile, Read>();

function pendingRead(file: ParsedFile): Read {
  if (pending.has(file)) return pending.get(file);
  const r = readFile(file, false);
  pending.set(file, r);
  return r;
}

/**
 * The `new` expressions of a CDK TypeScript file whose constructor ends in `Function` (the Lambda constructs
 * and some others), when the file was read from the text (a part the readers do not model is its tree node), in
 * document order; undefined when the file is read from the tree or is no CDK file. The handler index reads the
 * Lambda constructs' handler settings from them.
 */
export function cdkTsNewExpressions(file: ParsedFile): readonly SNode[] | undefined {
  if (file.language !== 'typescript' || !/aws-cdk-lib|@aws-cdk\//.test(file.text)) return undefined;
  return file.view('iac.cdk.ts.functions', () => functionNews(() => pendingRead(file)));
}

/** The Function news of a read (undefined when the read, or the reading of their arguments, fails). */
function functionNews(read: () => Read): SNode[] | undefined {
  try {
    const r = read();
    if (!r?.fromText) return undefined;
    const news = r.sites.news.filter((n) => n.childForFieldName('constructor')?.text.endsWith('Function'));
    // Their arguments read for good now (they outlive the reading in the handler index's view): one the readers
    // cannot follow throws here (the handler index then reads the tree), not in the handler index.
    for (const n of news) if (n instanceof LazyNew) n.seal();
    return news;
  } catch {
    return undefined;
  }
}

/** The read for the model, once: what the handler index needs of it is kept, the rest is let go after the build. */
function takeRead(file: ParsedFile): Read {
  const r = pendingRead(file);
  pending.delete(file);
  file.view('iac.cdk.ts.functions', () => functionNews(() => r));
  return r;
}

/** The k-th argument of a call or `new` expression (a text-read `new` reads no more than it needs). */
function argAt(n: SNode, k: number): SNode | undefined {
  return n instanceof LazyNew ? n.argument(k) : callArguments(n)[k];
}

function build(file: ParsedFile, fromTree = false): Resource[] {
  const read = fromTree ? readFile(file, true) : takeRead(file);
  if (!read) return [];
  try {
    return buildFrom(file, read);
  } catch (e) {
    // An argument list read late that neither the reader nor the tree can give: read the file from the tree.
    if (!(e instanceof NotFast) || !read.fromText) throw e;
    readStats.count(false, `ts: ${e.message}`);
    return build(file, true);
  }
}

function buildFrom(file: ParsedFile, read: NonNullable<Read>): Resource[] {
  const { ctx, sites } = read;
  const rel = file.relPath;
  const em = new CdkEmitter(rel, 'cdk-typescript', 'camel', file.text);
  const found: { n: SNode; qq: Qualified; id: string | undefined }[] = [];
  for (const n of sites.news) {
    const qq = q(ctx, n.childForFieldName('constructor'));
    if (!qq) continue;
    const type = constructType(qq);
    const isAlias = qq.module === 'aws-lambda' && qq.path === 'Alias';
    if (!type && !isAlias) continue;
    const key = `${qq.module}:${qq.path}`;
    const id = NO_SCOPE.has(key) ? undefined : stringLit(argAt(n, ID_FIRST.has(key) ? 0 : 1));
    const address = em.address(id, n.startIndex);
    if (type) ctx.constructs.set(idOf(n), { address, type, id: id ?? qq.path });
    found.push({ n, qq, id });
  }
  for (const f of found) {
    const key = `${f.qq.module}:${f.qq.path}`;
    const c = ctx.constructs.get(idOf(f.n));
    const a = callArguments(f.n);
    const rest = NO_SCOPE.has(key) ? a : ID_FIRST.has(key) ? a.slice(1) : a.slice(2);
    const propsNode = NO_SCOPE.has(key) || ID_FIRST.has(key) ? undefined : a[2];
    const props = propsNode ? evaluate(ctx, propsNode) : undefined;
    const idNode = NO_SCOPE.has(key) ? undefined : a[ID_FIRST.has(key) ? 0 : 1];
    const headerEnd = idNode
      ? idNode.endIndex
      : (f.n.childForFieldName('constructor')?.endIndex ?? f.n.endIndex);
    const call: CdkCall = {
      q: f.qq,
      args: rest.map((x) => evaluate(ctx, x)),
      span: span(rel, f.n.startIndex, f.n.endIndex),
      header: span(rel, f.n.startIndex, headerEnd),
      address: c?.address ?? `${rel}#@${f.n.startIndex}`,
    };
    if (f.id !== undefined) call.id = f.id;
    if (props?.k === 'obj') call.props = props;
    if (f.qq.module === 'aws-lambda' && f.qq.path === 'Alias') em.alias(call);
    else em.construct(call);
    // Its argument nodes are garbage from here on (read again should anything ask).
    if (f.n instanceof LazyNew) f.n.release();
  }
  for (const n of sites.calls) {
    const fn = n.childForFieldName('function');
    if (fn?.type !== 'member_expression') continue;
    const method = fn.childForFieldName('property')?.text ?? '';
    if (!METHODS.has(method)) continue;
    const obj = fn.childForFieldName('object');
    if (!obj) continue;
    const a = callArguments(n);
    const receiver = toVal(evaluate(ctx, obj));
    if (receiver.refs.length === 0) continue;
    const id = method === 'createAlarm' ? stringLit(a[1]) : undefined;
    const props = method === 'createAlarm' && a[2] ? evaluate(ctx, a[2]) : undefined;
    em.method({
      method,
      receiver,
      args: a.map((x) => evaluate(ctx, x)),
      ...(props?.k === 'obj' ? { props } : {}),
      ...(id !== undefined ? { id } : {}),
      span: span(rel, n.startIndex, n.endIndex),
      header: span(rel, n.startIndex, (a[1] ?? fn).endIndex),
      address: em.address(id, n.startIndex),
    });
  }
  return em.out;
}

/** A CDK TypeScript file's resources (cached on the file version). */
export function cdkTypeScriptResources(file: ParsedFile): Resource[] {
  return file.view('iac.cdk-typescript', () => {
    if (!/aws-cdk-lib|@aws-cdk\//.test(file.text)) return [];
    try {
      return build(file);
    } catch {
      return [];
    }
  });
}

/** The same, read from the tree node by node only (for tests comparing the two readings). */
export function cdkTypeScriptResourcesFromTree(file: ParsedFile): Resource[] {
  if (!/aws-cdk-lib|@aws-cdk\//.test(file.text)) return [];
  return build(file, true);
}

export function buildCdkTypeScript(ws: WorkspaceContext): Resource[] {
  return resourcesOfFiles(
    ws,
    ['typescript', 'tsx'],
    cdkTypeScriptResources,
    (p) => p.includes('node_modules/') || p.includes('cdk.out/'),
  );
}

registerFrontEnd({ format: 'cdk-typescript', languages: ['typescript', 'tsx'], build: buildCdkTypeScript });

// ---- Writer ---------------------------------------------------------------------------------------------

/** The local expression for an export of a module (`Duration`, `cdk.Duration`, `logs.RetentionDays`). */
export function localName(
  imports: ReadonlyMap<string, ImportBinding>,
  module: string,
  name: string,
): string | undefined {
  let viaRoot: string | undefined;
  for (const [local, b] of imports) {
    if (b.module === module && b.export === name) return local;
    if (b.module === module && b.export === undefined) return `${local}.${name}`;
    if (b.module === '' && b.export === undefined && viaRoot === undefined)
      viaRoot = module === '' ? `${local}.${name}` : `${local}.${module.replace(/-/g, '_')}.${name}`;
  }
  return viaRoot;
}

let lastQuote: { text: string; quote: string } | undefined;
let lastEol: { text: string; eol: string } | undefined;

/** The file's end-of-line sequence, remembered for the last text (`LineIndex.eol` scans the text each time). */
function eolOf(text: string): string {
  if (lastEol?.text !== text) lastEol = { text, eol: text.includes('\r\n') ? '\r\n' : '\n' };
  return lastEol.eol;
}

/** The file's usual quote (the more frequent one); remembered for the last text (fixes ask once per finding). */
function quoteOf(text: string): string {
  if (lastQuote?.text === text) return lastQuote.quote;
  const s = (text.match(/'/g) ?? []).length;
  const d = (text.match(/"/g) ?? []).length;
  const quote = s >= d ? "'" : '"';
  lastQuote = { text, quote };
  return quote;
}

export function tsLiteral(text: string, v: WriteValue): string {
  if (typeof v !== 'string') return String(v);
  const json = JSON.stringify(v);
  if (quoteOf(text) === '"') return json;
  return `'${json.slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

/**
 * `Duration.seconds(30)`, `logs.RetentionDays.ONE_MONTH`, `Size.kibibytes(1)`,
 * `cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS` with the file's own imports.
 */
export function cdkRender(
  imports: ReadonlyMap<string, ImportBinding>,
  text: string,
  v: WriteValue,
  kind: string,
  literal: (text: string, v: WriteValue) => string,
  logsModule = 'aws-logs',
): string | undefined {
  if (kind === 'plain') return literal(text, v);
  if (kind === 'viewer-protocol-policy') {
    const e = localName(imports, 'aws-cloudfront', 'ViewerProtocolPolicy');
    return e && typeof v === 'string' ? `${e}.${v.toUpperCase().replace(/-/g, '_')}` : undefined;
  }
  if (typeof v !== 'number') return undefined;
  if (kind === 'duration') {
    const d = localName(imports, '', 'Duration');
    if (!d) return undefined;
    return v % 60 === 0 && v >= 60 ? `${d}.minutes(${v / 60})` : `${d}.seconds(${v})`;
  }
  if (kind === 'size') {
    const s = localName(imports, '', 'Size');
    if (!s) return undefined;
    return v % 1024 === 0 && v > 0 ? `${s}.kibibytes(${v / 1024})` : `${s}.bytes(${v})`;
  }
  if (kind === 'retention') {
    const r = localName(imports, logsModule, 'RetentionDays');
    const m = retentionMember(v);
    return r && m ? `${r}.${m}` : undefined;
  }
  return undefined;
}

function renderTs(
  entries: readonly (readonly [string, Rendered])[],
  indent: string,
  unit: string,
  eol: string,
  comma: boolean,
): string {
  return entries
    .map(([k, v]) =>
      typeof v === 'string'
        ? `${indent}${k}: ${v}`
        : `${indent}${k}: {${eol}${renderTs(v, indent + unit, unit, eol, comma)}${comma ? ',' : ''}${eol}${indent}}`,
    )
    .join(`,${eol}`);
}

function renderInline(entries: readonly (readonly [string, Rendered])[]): string {
  return entries
    .map(([k, v]) => (typeof v === 'string' ? `${k}: ${v}` : `${k}: { ${renderInline(v)} }`))
    .join(', ');
}

/** Insert `key: value` entries into an object literal (or argument list, with `sep` `=`), in its own style. */
export function insertEntries(
  file: ParsedFile,
  obj: SrcObj,
  entries: readonly (readonly [string, Rendered])[],
  render: (
    entries: readonly (readonly [string, Rendered])[],
    indent: string,
    unit: string,
    eol: string,
    comma: boolean,
  ) => string,
  inline: (entries: readonly (readonly [string, Rendered])[]) => string,
  lastEnd: number | undefined,
): TextEdit[] | undefined {
  const idx = file.index;
  const text = file.text;
  const eol = eolOf(text);
  const open = obj.span.startOffset;
  const close = obj.span.endOffset - 1;
  if (lastEnd === undefined) {
    if (text.slice(open + 1, close).trim() !== '') return undefined;
    return [edit(idx, open + 1, close, text[open] === '{' ? ` ${inline(entries)} ` : inline(entries))];
  }
  // A trailing comma after the last entry?
  let i = lastEnd;
  while (i < close && /\s/.test(text[i]!)) i++;
  const trailing = text[i] === ',';
  const oneLine = idx.positionAt(open).line === idx.positionAt(close).line;
  if (oneLine) return [edit(idx, lastEnd, lastEnd, `, ${inline(entries)}`)];
  const line = idx.positionAt(lastEnd).line;
  const firstLine = idx.positionAt(open).line;
  if (line === firstLine) return undefined;
  const indent = idx.indentOf(line);
  const unitMatch = /\n([ \t]+)\S/.exec(text);
  const unit = unitMatch?.[1] && unitMatch[1].length <= 4 ? unitMatch[1] : '  ';
  const body = render(entries, indent, unit, eol, trailing);
  if (trailing) return [edit(idx, i + 1, i + 1, `${eol}${body},`)];
  return [edit(idx, lastEnd, lastEnd, `,${eol}${body}`)];
}

const tsSyntax: Syntax = {
  render(file, v, kind) {
    return cdkRender(tsImports(file), file.text, v, kind, tsLiteral);
  },
  insert(file, obj, entries) {
    if (file.text[obj.span.startOffset] !== '{') return undefined;
    const last = obj.entries[obj.entries.length - 1];
    return insertEntries(file, obj, entries, renderTs, renderInline, last?.span.endOffset);
  },
};

registerWriter('cdk-typescript', schemaWriter(tsSyntax));
