/**
 * The CDK Python front end (tree-sitter Python): `lambda_.Function(self, "Fn", memory_size=512, …)` and the
 * other constructs of `cdk-common.ts` through keyword arguments, struct and `*Property` classes
 * (`apigw.StageOptions(…)`, `CfnWorkGroup.WorkGroupConfigurationProperty(…)`) and dicts; imports resolved however
 * written (`from aws_cdk import aws_lambda as lambda_`, `import aws_cdk.aws_lambda as lambda_`, `from
 * aws_cdk.aws_lambda import Function`, v1 `from aws_cdk import core`), module-level constants (provenance
 * `local`), `Duration`/`Size` helpers and enum members. Variables and `self.x` attributes holding constructs
 * become references.
 */
import type { ParsedFile } from '../engine/file';
import type { WorkspaceContext } from '../engine/workspace';
import { callArguments } from '../handlers/ast';
import { ID_PART, PyNode, isIdStart } from '../parse/python-read';
import type { SyntaxNode } from '../parse/syntax';
import { namedChildren, type Node } from '../parse/treesitter';
import {
  CdkEmitter,
  constructType,
  enumValue,
  helperValue,
  metricOfMethod,
  newCtx,
  normalizeModule,
  qualifyName,
  qualifyNode,
  refOfConstruct,
  refOfNode,
  type CdkCall,
  type CdkCtx,
  type ImportBinding,
  type Qualified,
} from './cdk-common';
import { P, importsOfPyTokens, lexPy, scanPy, type PTok, type PyImport } from './cdk-scan-py';
import {
  NotFast,
  idOf,
  kids,
  kidsOrLeaves,
  memoDotted,
  readSites,
  readStats,
  treeRootOf,
  type SNode,
} from './cdk-syntax';
import { cdkRender, insertEntries } from './cdk-typescript';
import {
  literalVal,
  schemaWriter,
  span,
  toVal,
  unknownVal,
  type Rendered,
  type SrcEntry,
  type SrcNode,
  type Syntax,
  type Val,
} from './mapping';
import { registerFrontEnd, resourcesOfFiles, type Reference, type Resource, type Span } from './model';
import { registerWriter, type WriteValue } from './writer';

function unwrap(n: SNode): SNode {
  let cur = n;
  for (let i = 0; i < 20 && cur.type === 'parenthesized_expression'; i++) {
    const c = kids(cur)[0];
    if (!c) break;
    cur = c;
  }
  return cur;
}

function dotted(n: SNode | null | undefined): string | undefined {
  return memoDotted(n, dottedOf);
}

/**
 * Whether `t` is a dotted name written without spaces, comments or brackets (`a.b.c`): then it is its own dotted
 * name. (A loop over the characters: a regular expression cost more than the slices it saves.)
 */
function plainDotted(t: string): boolean {
  let start = true;
  let dots = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 46) {
      if (start) return false;
      start = true;
      dots++;
    } else if (c < 128 && ID_PART[c] === 1) {
      if (start && !isIdStart(c)) return false; // (a segment starts with a letter or `_`)
      start = false;
    } else return false;
  }
  return !start && dots > 0;
}

function dottedOf(n: SNode): string | undefined {
  const u = unwrap(n);
  if (u.type === 'identifier') return u.text;
  if (u.type === 'attribute') {
    // (One slice instead of one per segment and their concatenation; reader nodes are not memoized.)
    const t = u.text;
    if (plainDotted(t)) return t;
    const o = dotted(u.childForFieldName('object'));
    const a = u.childForFieldName('attribute');
    return o && a ? `${o}.${a.text}` : undefined;
  }
  return undefined;
}

function stringLit(n: SNode | null | undefined): string | undefined {
  if (!n) return undefined;
  const u = unwrap(n);
  if (u.type !== 'string') return undefined;
  let out = '';
  const ks = kidsOrLeaves(u);
  for (let i = 0; i < ks.length; i++) {
    const c = ks[i] as SNode;
    if (c instanceof PyNode && !c.isNamed) continue; // (`kids` leaves them out)
    if (c.type === 'string_content') out += c.text;
    else if (c.type === 'string_start') {
      if (/[fFbB]/.test(c.text)) return undefined;
    } else if (c.type === 'string_end') continue;
    else if (c.type === 'escape_sequence') out += c.text.length === 2 ? c.text.slice(1) : c.text;
    else return undefined;
  }
  return out;
}

function moduleOf(dottedName: string): string | undefined {
  return normalizeModule(dottedName);
}

/** Import bindings of a module (cached on the file). */
export function pyImports(file: ParsedFile): Map<string, ImportBinding> {
  return file.view('iac.cdk.py.imports', () => {
    const r = readerRoot(file);
    return r ? importsOfRoot(r) : (importsOfText(file) ?? importsOfTree(file));
  });
}

/**
 * The Python reader's tree of the file (`ParsedFile.syntax` when the reader accepted it: exactly tree-sitter's
 * tree of a file without syntax errors, as plain objects), or undefined (tree-sitter's tree, or no tree).
 * Handler detection reads it anyway, so a stack read from it is parsed once.
 */
function readerRoot(file: ParsedFile): PyNode | undefined {
  const r = file.syntax;
  return r instanceof PyNode && !r.hasError ? r : undefined;
}

/** The lexed file (cached on the file version), or why the lexer could not follow it. */
export function pyTokens(file: ParsedFile): PTok[] | NotFast {
  return file.view('iac.cdk.py.tokens', () => {
    try {
      return lexPy(file.text);
    } catch (e) {
      if (e instanceof NotFast) return e;
      throw e;
    }
  });
}

/** `pyImports` from the import statements the tokens show, or undefined where the tree must be read. */
export function importsOfText(file: ParsedFile): Map<string, ImportBinding> | undefined {
  const toks = pyTokens(file);
  if (!Array.isArray(toks)) return undefined;
  let imports: PyImport[];
  try {
    imports = importsOfPyTokens(file.text, toks);
  } catch (e) {
    if (e instanceof NotFast) return undefined;
    throw e;
  }
  const out = new Map<string, ImportBinding>();
  for (const imp of imports) {
    if (imp.from === undefined) {
      for (const { name, alias } of imp.names) {
        const mod = moduleOf(name);
        if (mod === undefined) continue;
        if (alias) out.set(alias, { module: mod });
        else if (name === 'aws_cdk') out.set('aws_cdk', { module: '' });
      }
      continue;
    }
    const mod = moduleOf(imp.from);
    if (mod === undefined) continue;
    for (const { name, alias = name } of imp.names) bindFrom(out, mod, name, alias);
  }
  return out;
}

/** `from <mod> import name as alias` (`from aws_cdk import aws_lambda as lambda_` binds a module namespace). */
function bindFrom(out: Map<string, ImportBinding>, mod: string, name: string, alias: string): void {
  if (mod === '' && (/^aws_/.test(name) || name === 'core'))
    out.set(alias, { module: name === 'core' ? '' : name.replace(/_/g, '-').replace(/-alpha$/, '') });
  else out.set(alias, { module: mod, export: name });
}

/** `pyImports` read from tree-sitter's tree (a file the token reading declines). */
export function importsOfTree(file: ParsedFile): Map<string, ImportBinding> {
  const root = file.tree?.rootNode;
  return root ? importsOfRoot(root) : new Map<string, ImportBinding>();
}

/** `pyImports` read from a tree (tree-sitter's or the Python reader's). */
export function importsOfRoot(root: SyntaxNode): Map<string, ImportBinding> {
  const out = new Map<string, ImportBinding>();
  for (const st of namedChildren(root)) {
    if (st.type === 'import_statement') {
      for (const c of namedChildren(st)) {
        const name = c.type === 'aliased_import' ? c.childForFieldName('name')?.text : c.text;
        const alias = c.type === 'aliased_import' ? c.childForFieldName('alias')?.text : undefined;
        if (!name) continue;
        const mod = moduleOf(name);
        if (mod === undefined) continue;
        // `import aws_cdk.aws_lambda` binds `aws_cdk`; only an alias binds the submodule.
        if (alias) out.set(alias, { module: mod });
        else if (name === 'aws_cdk') out.set('aws_cdk', { module: '' });
      }
    } else if (st.type === 'import_from_statement') {
      const from = st.childForFieldName('module_name')?.text;
      if (!from) continue;
      const mod = moduleOf(from);
      if (mod === undefined) continue;
      for (const c of namedChildren(st).slice(1)) {
        const name = c.type === 'aliased_import' ? c.childForFieldName('name')?.text : c.text;
        const alias = c.type === 'aliased_import' ? (c.childForFieldName('alias')?.text ?? name) : name;
        if (!name || !alias || c.type === 'comment') continue;
        bindFrom(out, mod, name, alias);
      }
    }
  }
  return out;
}

type Ctx = CdkCtx;
const q = qualifyNode;

function collectRefs(ctx: Ctx, n: SNode, depth: number, out: Reference[] = []): Reference[] {
  if (depth > 30) return out;
  const ks = kidsOrLeaves(n);
  for (let i = 0; i < ks.length; i++) {
    const c = ks[i] as SNode;
    if (c.type === 'identifier' || c.type === 'attribute') {
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

/** Keyword arguments of a call as an object (its span is the argument list, for the writer). */
function kwargs(ctx: Ctx, call: SNode, depth: number): SrcNode {
  const list = call.childForFieldName('arguments');
  const entries: SrcEntry[] = [];
  for (const a of list ? kids(list) : []) {
    if (a.type !== 'keyword_argument') continue;
    const k = a.childForFieldName('name');
    const v = a.childForFieldName('value');
    if (!k || !v) continue;
    entries.push({
      key: k.text,
      keySpan: span(ctx.file, k.startIndex, k.endIndex),
      span: span(ctx.file, a.startIndex, a.endIndex),
      value: evaluate(ctx, v, depth + 1),
    });
  }
  const s = list ?? call;
  return { k: 'obj', entries, span: span(ctx.file, s.startIndex, s.endIndex) };
}

function valAt(at: Span, v: Val): SrcNode {
  return { k: 'val', val: v, span: at };
}

function evaluate(ctx: Ctx, node: SNode, depth = 0): SrcNode {
  const n = unwrap(node);
  const at = span(ctx.file, n.startIndex, n.endIndex);
  if (depth > 40) return valAt(at, unknownVal());
  switch (n.type) {
    case 'integer':
    case 'float': {
      const x = Number(n.text.replace(/_/g, ''));
      return valAt(at, Number.isFinite(x) ? literalVal({ kind: 'number', value: x }) : unknownVal());
    }
    case 'string': {
      const s = stringLit(n);
      return valAt(
        at,
        s !== undefined ? literalVal({ kind: 'string', value: s }) : unknownVal(collectRefs(ctx, n, depth)),
      );
    }
    case 'true':
    case 'false':
      return valAt(at, literalVal({ kind: 'bool', value: n.type === 'true' }));
    case 'none':
      return valAt(at, literalVal({ kind: 'null' }));
    case 'unary_operator': {
      const arg = n.childForFieldName('argument');
      const v = arg ? toVal(evaluate(ctx, arg, depth + 1)) : undefined;
      if (n.text.startsWith('-') && v?.v.kind === 'number')
        return valAt(at, { ...v, v: { kind: 'number', value: -v.v.value } });
      return valAt(at, unknownVal(v?.refs ?? []));
    }
    case 'binary_operator': {
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
          op === '*'
            ? x * y
            : op === '+'
              ? x + y
              : op === '-'
                ? x - y
                : op === '**'
                  ? x ** y
                  : op === '//'
                    ? Math.floor(x / y)
                    : undefined;
        if (res !== undefined && Number.isFinite(res))
          return valAt(at, {
            v: { kind: 'number', value: res },
            prov: a.prov.kind === 'literal' ? b.prov : a.prov,
            refs,
          });
      }
      return valAt(at, unknownVal(refs));
    }
    case 'dictionary': {
      const entries: SrcEntry[] = [];
      const ks = kids(n);
      for (let i = 0; i < ks.length; i++) {
        const p = ks[i] as SNode;
        if (p.type !== 'pair') continue;
        const k = p.childForFieldName('key');
        const v = p.childForFieldName('value');
        const key = stringLit(k);
        if (!k || !v || key === undefined) continue;
        entries.push({
          key,
          keySpan: span(ctx.file, k.startIndex, k.endIndex),
          span: span(ctx.file, p.startIndex, p.endIndex),
          value: evaluate(ctx, v, depth + 1),
        });
      }
      return { k: 'obj', entries, span: at };
    }
    case 'list':
    case 'tuple': {
      const items: SrcNode[] = [];
      const ks = kids(n);
      for (let i = 0; i < ks.length; i++) {
        const c = ks[i] as SNode;
        if (c.type !== 'comment') items.push(evaluate(ctx, c, depth + 1));
      }
      return { k: 'list', items, span: at };
    }
    case 'identifier': {
      const r = refOfNode(ctx, n);
      if (r) return valAt(at, unknownVal([r]));
      const init = ctx.consts.get(n.text);
      if (init) {
        const v = evaluate(ctx, init, depth + 1);
        if (v.k !== 'val') return v;
        if (v.val.v.kind === 'unknown') return { ...v, span: at };
        const prov =
          v.val.prov.kind === 'literal' ? { kind: 'local' as const, name: n.text, span: v.span } : v.val.prov;
        return valAt(at, { ...v.val, prov });
      }
      return valAt(at, unknownVal());
    }
    case 'attribute': {
      const r = refOfNode(ctx, n);
      if (r) return valAt(at, unknownVal([r]));
      const qq = q(ctx, n);
      const e = qq ? enumValue(qq) : undefined;
      if (e) return valAt(at, literalVal(e));
      const obj = n.childForFieldName('object');
      const base = obj ? refOfNode(ctx, obj) : undefined;
      const prop = n.childForFieldName('attribute')?.text;
      if (base) return valAt(at, unknownVal([{ ...base, ...(prop ? { attribute: prop } : {}) }]));
      return valAt(at, unknownVal(obj ? collectRefs(ctx, obj, depth) : []));
    }
    case 'call': {
      const c = refOfConstruct(ctx, n);
      if (c) return valAt(at, unknownVal([c]));
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
        // Struct and `*Property` classes: their keyword arguments are the object.
        const last = qq.path.split('.').pop() ?? '';
        if (/^[A-Z]/.test(last)) {
          if (qq.module === 'aws-cloudwatch' && last === 'Metric') return kwargs(ctx, n, depth);
          if (!constructType(qq)) return kwargs(ctx, n, depth);
        }
      }
      if (fn?.type === 'attribute') {
        const obj = fn.childForFieldName('object');
        const prop = fn.childForFieldName('attribute')?.text ?? '';
        const base = obj ? refOfNode(ctx, obj) : undefined;
        const metric = prop === 'metric' ? stringLit(a[0]) : metricOfMethod(prop);
        if (base && metric) return valAt(at, unknownVal([{ ...base, attribute: `metric:${metric}` }]));
      }
      return valAt(at, unknownVal(collectRefs(ctx, n, depth)));
    }
    default:
      return valAt(at, unknownVal(collectRefs(ctx, n, depth)));
  }
}

const NO_SCOPE = new Set(['aws-apigateway:LambdaIntegration']);
const ID_FIRST = new Set([
  'aws-apigatewayv2-integrations:HttpLambdaIntegration',
  'aws-apigatewayv2-integrations:LambdaProxyIntegration',
]);
const METHODS = new Set([
  'auto_scale_read_capacity',
  'auto_scale_write_capacity',
  'create_alarm',
  'add_alias',
]);
/** The lengths of METHODS' names: most method calls of a stack are told apart without slicing their names. */
const METHOD_LENGTHS = new Set([...METHODS].map((m) => m.length));

function positional(call: SNode): SNode[] {
  return callArguments(call).filter(
    (a) => a.type !== 'keyword_argument' && a.type !== 'dictionary_splat' && a.type !== 'list_splat',
  );
}

interface Sites {
  /** Calls that may be constructs (every call, from the tree). */
  calls: SNode[];
  /** Calls of the construct methods (every call, from the tree). */
  methods: SNode[];
}

function assign(ctx: Ctx, name: string, plain: boolean, atModule: boolean, r: SNode): void {
  const u = unwrap(r);
  if (u.type === 'call') ctx.bindings.set(name, idOf(u));
  // Module-level constants only (a function's locals may differ per call).
  if (plain && atModule) ctx.consts.set(name, ctx.consts.has(name) ? null : r);
}

/**
 * The sites, read from a tree: the Python reader's (a file it accepts), else tree-sitter's node by node (files
 * the text reader cannot follow).
 */
function sitesFromTree(ctx: Ctx, root: SyntaxNode): Sites {
  const calls: SNode[] = [];
  // One call finds every call and assignment (in document order; one wasm call on a tree-sitter tree).
  for (const n of root.descendantsOfType(['call', 'assignment'])) {
    if (!n) continue;
    if (n.type === 'call') calls.push(n);
    else if (n.type === 'assignment') {
      const l = n.childForFieldName('left');
      const r = n.childForFieldName('right');
      const name = dotted(l);
      if (!name || !r) continue;
      assign(ctx, name, l?.type === 'identifier', n.parent?.parent?.type === 'module', r);
    }
  }
  return { calls, methods: calls };
}

function isConstructName(ctx: Ctx, d: string): boolean {
  const qq = qualifyName(ctx, d);
  return !!qq && (!!constructType(qq) || (qq.module === 'aws-lambda' && qq.path === 'Alias'));
}

/**
 * The sites of a file without syntax errors: from the Python reader's tree when it accepted the file, else read
 * from the text (see `cdk-scan-py.ts`); NotFast when it cannot be followed.
 */
function sitesFromText(ctx: Ctx, file: ParsedFile, root: () => Node): Sites {
  const r = readerRoot(file);
  if (r) {
    readStats.reader++;
    return sitesFromTree(ctx, r);
  }
  // A file with a syntax error is read from the tree: its error recovery, not the readers, says what the broken
  // part holds (the readers would follow `fn = lambda.Function(…)` as a call).
  // (`syntax` is the Python reader's tree when it accepts the file: no tree-sitter parse to know there is none.)
  if (file.syntax?.hasError !== false) throw new NotFast('syntax error');
  const toks = pyTokens(file);
  if (!Array.isArray(toks)) throw toks;
  const s = scanPy(file.text, toks, root, (d) => isConstructName(ctx, d), METHODS);
  for (const a of s.assigns) assign(ctx, a.key, a.name, a.module, a.value);
  return { calls: s.constructs, methods: s.methods };
}

function build(file: ParsedFile, fromTree = false): Resource[] {
  // The tree only when a part of the file is read from it.
  const root = treeRootOf(file);
  const imports = pyImports(file);
  if (imports.size === 0) return [];
  const rel = file.relPath;
  const { ctx, sites } = readSites(
    'py',
    fromTree,
    () => newCtx(rel, imports, dotted),
    (c) => sitesFromText(c, file, root),
    (c) => sitesFromTree(c, root()),
  );
  const em = new CdkEmitter(rel, 'cdk-python', 'snake', file.text);
  const calls = sites.calls;
  const found: { n: SNode; qq: Qualified; pos: SNode[]; id: string | undefined }[] = [];
  for (const n of calls) {
    const qq = q(ctx, n.childForFieldName('function'));
    if (!qq) continue;
    const type = constructType(qq);
    const isAlias = qq.module === 'aws-lambda' && qq.path === 'Alias';
    if (!type && !isAlias) continue;
    const key = `${qq.module}:${qq.path}`;
    const pos = positional(n);
    const id = NO_SCOPE.has(key) ? undefined : stringLit(pos[ID_FIRST.has(key) ? 0 : 1]);
    const address = em.address(id, n.startIndex);
    if (type) ctx.constructs.set(idOf(n), { address, type, id: id ?? qq.path });
    found.push({ n, qq, pos, id });
  }
  for (const f of found) {
    const key = `${f.qq.module}:${f.qq.path}`;
    const c = ctx.constructs.get(idOf(f.n));
    const rest = NO_SCOPE.has(key) ? f.pos : ID_FIRST.has(key) ? f.pos.slice(1) : f.pos.slice(2);
    const props = kwargs(ctx, f.n, 0);
    const idNode = NO_SCOPE.has(key) ? undefined : f.pos[ID_FIRST.has(key) ? 0 : 1];
    const headerEnd = idNode
      ? idNode.endIndex
      : (f.n.childForFieldName('function')?.endIndex ?? f.n.endIndex);
    const args = rest.map((x) => evaluate(ctx, x));
    // Integrations take their options as keyword arguments too.
    if (NO_SCOPE.has(key) || ID_FIRST.has(key)) args.push(props);
    const call: CdkCall = {
      q: f.qq,
      args,
      span: span(rel, f.n.startIndex, f.n.endIndex),
      header: span(rel, f.n.startIndex, headerEnd),
      address: c?.address ?? `${rel}#@${f.n.startIndex}`,
    };
    if (f.id !== undefined) call.id = f.id;
    if (props.k === 'obj') call.props = props;
    if (f.qq.module === 'aws-lambda' && f.qq.path === 'Alias') em.alias(call);
    else em.construct(call);
  }
  for (const n of sites.methods) {
    const fn = n.childForFieldName('function');
    if (fn?.type !== 'attribute') continue;
    const a = fn.childForFieldName('attribute');
    if (!a || !METHOD_LENGTHS.has(a.endIndex - a.startIndex)) continue;
    const method = a.text;
    if (!METHODS.has(method)) continue;
    const obj = fn.childForFieldName('object');
    if (!obj) continue;
    const receiver = toVal(evaluate(ctx, obj));
    if (receiver.refs.length === 0) continue;
    const pos = positional(n);
    const props = kwargs(ctx, n, 0);
    const id = method === 'create_alarm' ? stringLit(pos[1]) : undefined;
    const args = pos.map((x) => evaluate(ctx, x));
    if (method === 'add_alias') args[1] = props;
    em.method({
      method,
      receiver,
      args,
      ...(props.k === 'obj' ? { props } : {}),
      ...(id !== undefined ? { id } : {}),
      span: span(rel, n.startIndex, n.endIndex),
      header: span(rel, n.startIndex, (pos[1] ?? fn).endIndex),
      address: em.address(id, n.startIndex),
    });
  }
  return em.out;
}

/** A CDK Python file's resources (cached on the file version). */
export function cdkPythonResources(file: ParsedFile): Resource[] {
  return file.view('iac.cdk-python', () => {
    if (!/\baws_cdk\b/.test(file.text)) return [];
    try {
      return build(file);
    } catch {
      return [];
    }
  });
}

/** The same, read from the tree node by node only (for tests comparing the two readings). */
export function cdkPythonResourcesFromTree(file: ParsedFile): Resource[] {
  if (!/\baws_cdk\b/.test(file.text)) return [];
  return build(file, true);
}

export function buildCdkPython(ws: WorkspaceContext): Resource[] {
  return resourcesOfFiles(
    ws,
    ['python'],
    cdkPythonResources,
    (p) => p.includes('cdk.out/') || p.includes('site-packages/') || p.includes('.venv/'),
  );
}

registerFrontEnd({ format: 'cdk-python', languages: ['python'], build: buildCdkPython });

// ---- Writer ---------------------------------------------------------------------------------------------

let lastQuote: { text: string; quote: string } | undefined;

/** The file's usual quote (the more frequent one); remembered for the last text (fixes ask once per finding). */
function quoteOf(text: string): string {
  if (lastQuote?.text === text) return lastQuote.quote;
  const s = (text.match(/'/g) ?? []).length;
  const d = (text.match(/"/g) ?? []).length;
  const quote = d >= s ? '"' : "'";
  lastQuote = { text, quote };
  return quote;
}

export function pyLiteral(text: string, v: WriteValue): string {
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return String(v);
  const json = JSON.stringify(v);
  if (quoteOf(text) === '"') return json;
  return `'${json.slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

function dictBody(text: string, entries: readonly (readonly [string, Rendered])[]): string {
  return entries
    .map(([k, v]) => `${pyLiteral(text, k)}: ${typeof v === 'string' ? v : `{${dictBody(text, v)}}`}`)
    .join(', ');
}

/** Where the last argument (or dict entry) of the bracketed span `s` ends, undefined when it has none. */
function lastArgEnd(file: ParsedFile, s: Span): number | undefined {
  const r = readerRoot(file);
  if (r) return lastNamedEnd(r.descendantForIndex(s.startOffset, s.endOffset - 1), s);
  const toks = pyTokens(file);
  if (Array.isArray(toks)) {
    // From the tokens: the one before the closing bracket (a trailing comma aside); comments are no tokens.
    let lo = 0;
    let hi = toks.length - 1;
    const close = s.endOffset - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (toks[mid]!.s < close) lo = mid + 1;
      else hi = mid;
    }
    const c = toks[lo];
    if (c && c.s === close && c.k === P.Op && (c.v === ')' || c.v === '}')) {
      let j = lo - 1;
      if (toks[j]?.k === P.Op && toks[j]!.v === ',') j--;
      const last = toks[j];
      if (!last || last.s <= s.startOffset) return undefined;
      return last.e;
    }
  }
  return lastNamedEnd(file.tree?.rootNode.namedDescendantForIndex(s.startOffset, s.endOffset - 1), s);
}

/** The end of the last argument (entry) of an argument list (dict) node of span `s`. */
function lastNamedEnd(node: SyntaxNode | null | undefined, s: Span): number | undefined {
  if (!node || (node.type !== 'argument_list' && node.type !== 'dictionary')) return undefined;
  if (node.startIndex !== s.startOffset || node.endIndex !== s.endOffset) return undefined;
  const kids = namedChildren(node).filter((c) => c.type !== 'comment');
  return kids[kids.length - 1]?.endIndex;
}

const pySyntax: Syntax = {
  render(file, v, kind) {
    return cdkRender(pyImports(file), file.text, v, kind, pyLiteral);
  },
  insert(file, obj, entries) {
    const text = file.text;
    const open = text[obj.span.startOffset];
    if (open !== '(' && open !== '{') return undefined;
    const kw = open === '(';
    const one = (k: string, v: Rendered): string =>
      kw
        ? `${k}=${typeof v === 'string' ? v : `{${dictBody(text, v)}}`}`
        : `${pyLiteral(text, k)}: ${typeof v === 'string' ? v : `{${dictBody(text, v)}}`}`;
    const render = (
      es: readonly (readonly [string, Rendered])[],
      indent: string,
      _u: string,
      eol: string,
    ): string => es.map(([k, v]) => `${indent}${one(k, v)}`).join(`,${eol}`);
    const inline = (es: readonly (readonly [string, Rendered])[]): string =>
      es.map(([k, v]) => one(k, v)).join(', ');
    const lastEnd = lastArgEnd(file, obj.span);
    if (lastEnd === undefined && obj.entries.length > 0) return undefined;
    return insertEntries(file, obj, entries, render, inline, lastEnd);
  },
};

registerWriter('cdk-python', schemaWriter(pySyntax));
