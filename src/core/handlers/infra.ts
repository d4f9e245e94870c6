/**
 * Handler settings in infrastructure code, one file at a time (pure: reads only the parsed file).
 *
 * `handlerRefsFromFile(file)` finds, with the exact range of the setting:
 * - Terraform: `resource "aws_lambda_function"` with `handler` and `filename` / `source_dir` (through
 *   `data "archive_file"` `output_path` → its `source_dir` / `source_file`), and `module` blocks with `handler`
 *   and `source_path` (terraform-aws-modules/lambda).
 * - SAM / CloudFormation (YAML or JSON): `AWS::Serverless::Function` `Handler` + `CodeUri` (with `Globals.Function`
 *   defaults and esbuild `Metadata.BuildProperties.EntryPoints`), `AWS::Lambda::Function` `Handler` + local `Code`.
 * - serverless.yml: `functions.<name>.handler: path/file.fn` relative to the service folder.
 * - CDK (TypeScript and Python): `new lambda.Function(…, { handler, code: Code.fromAsset(dir) })`,
 *   `NodejsFunction` `entry` (default export `handler`; default entry `<stack>.<id>.ts`), `PythonFunction`
 *   `entry` + `index` + `handler`.
 *
 * Module paths are resolved the way Lambda does; `candidates` lists workspace-relative files to try.
 */
import * as path from 'path';
import { parseTree, type Node as JsonNode } from 'jsonc-parser';
import type { ParsedFile } from '../engine/file';
import { isAbsent, templateTree, type TNode as TemplateNode } from '../iac/template-tree';
import type { LanguageId, Range } from '../model/types';
import type { SyntaxNode } from '../parse/syntax';
import type { Node } from '../parse/treesitter';
import { namedChildren } from '../parse/treesitter';
import { cdkTsNewExpressions } from '../iac/cdk-typescript';
import {
  callArguments,
  dottedName,
  keywordArgument,
  objectProperty,
  stringValue,
  type ReadableNode,
} from './ast';

export interface HandlerRef {
  /** The infrastructure file (workspace-relative) and the exact range of the handler setting's value. */
  file: string;
  range: Range;
  kind: 'terraform' | 'sam' | 'cloudformation' | 'serverless' | 'cdk';
  /** The deployed function's logical name: resource name, logical id, construct id or function key. */
  logicalName: string;
  /** The function name set explicitly (`function_name`, `FunctionName`, `functionName`), when literal. */
  deployedName?: string;
  /** The runtime when known (`python3.12`, `nodejs20.x`). */
  runtime?: string;
  /** The handler setting as written (`app.lambda_handler`), or the implied one (`index.handler`). */
  handler: string;
  /** The function's name inside its module (`lambda_handler`; `handlers.main` for nested Node exports). */
  functionName: string;
  /** Workspace-relative module files the handler may live in, most likely first. */
  candidates: string[];
  /** The candidate that exists in the workspace, filled in by the index. */
  resolvedFile?: string;
}

export const INFRA_LANGUAGES: readonly LanguageId[] = ['terraform', 'yaml', 'json', 'typescript', 'python'];

/**
 * Whether a file of one of INFRA_LANGUAGES can name a handler at all, from its text (false only when
 * `handlerRefsFromFile` surely finds none). Every construct the CDK front end reads is named `…Function`
 * (CDK_CONSTRUCTS): a TypeScript or Python file without the word, or without a CDK / Lambda import, has none
 * (most handler modules mention aws_lambda only through aws_lambda_powertools).
 */
export function mayNameHandlers(language: LanguageId, text: string): boolean {
  switch (language) {
    case 'typescript':
      return /aws-cdk-lib|@aws-cdk\/|aws-lambda/.test(text) && text.includes('Function');
    case 'python':
      return /aws_cdk|aws_lambda/.test(text) && text.includes('Function');
    default:
      return true;
  }
}

/** Handler settings in one infrastructure file (cached on the file). Never throws. */
export function handlerRefsFromFile(file: ParsedFile): HandlerRef[] {
  return file.view('handlers.infra', () => {
    try {
      switch (file.language) {
        case 'terraform':
          return fromTerraform(file);
        case 'yaml':
        case 'json':
          return fromTemplate(file);
        case 'typescript':
          return mayNameHandlers(file.language, file.text) ? fromCdk(file, 'js') : [];
        case 'python':
          return mayNameHandlers(file.language, file.text) ? fromCdk(file, 'python') : [];
        default:
          return [];
      }
    } catch {
      return [];
    }
  });
}

// ---------------------------------------------------------------------------------------------------------
// Resolving handler strings to module files

const NODE_EXTS = ['.js', '.mjs', '.cjs', '.ts', '.mts'];

function norm(p: string): string {
  const n = path.posix.normalize(p.replace(/\\/g, '/')).replace(/^\.\//, '');
  return n === '.' ? '' : n.replace(/\/$/, '');
}

function dirOf(relPath: string): string {
  const d = path.posix.dirname(relPath);
  return d === '.' ? '' : d;
}

function join(...parts: string[]): string {
  return norm(path.posix.join(...parts.filter((p) => p !== '')) || '.');
}

type RuntimeFamily = 'python' | 'node' | 'other' | undefined;

function familyOf(runtime: string | undefined): RuntimeFamily {
  if (!runtime) return undefined;
  if (/^python/i.test(runtime)) return 'python';
  if (/^nodejs/i.test(runtime)) return 'node';
  return 'other';
}

/** Split a handler string and list module files under each code folder. */
function resolveHandler(
  handler: string,
  codeDirs: string[],
  runtime: string | undefined,
): { functionName: string; candidates: string[] } | undefined {
  const fam = familyOf(runtime);
  if (fam === 'other') return undefined;
  const candidates: string[] = [];
  let functionName: string | undefined;
  if (fam !== 'node') {
    const dot = handler.lastIndexOf('.');
    if (dot > 0) {
      functionName = handler.slice(dot + 1);
      const mod = handler.slice(0, dot).replace(/\./g, '/');
      for (const d of codeDirs) candidates.push(join(d, `${mod}.py`), join(d, mod, '__init__.py'));
    }
  }
  if (fam !== 'python') {
    const slash = handler.lastIndexOf('/');
    const dot = handler.indexOf('.', slash + 1);
    if (dot > 0) {
      functionName ??= handler.slice(dot + 1);
      if (fam === 'node') functionName = handler.slice(dot + 1);
      const mod = handler.slice(0, dot);
      for (const d of codeDirs) for (const e of NODE_EXTS) candidates.push(join(d, mod + e));
    }
  }
  if (!functionName) return undefined;
  return { functionName, candidates: [...new Set(candidates)] };
}

function runtimeFromCdk(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const m = /Runtime\.(PYTHON|NODEJS)_(\w+)/.exec(text);
  if (!m) return /Runtime\.\w+/.test(text) ? 'other' : undefined;
  const ver = (m[2] ?? '').replace(/_X$/, '.x').replace(/_/g, '.').toLowerCase();
  return m[1] === 'PYTHON' ? `python${ver}` : `nodejs${ver}`;
}

// ---------------------------------------------------------------------------------------------------------
// Terraform

function hclChildren(body: Node, type: string): Node[] {
  return namedChildren(body).filter((c) => c.type === type);
}

function blockLabels(block: Node): string[] {
  return namedChildren(block)
    .filter((c) => c.type === 'string_lit')
    .map((c) => c.text.slice(1, -1));
}

function blockAttrs(block: Node): Map<string, Node> {
  const out = new Map<string, Node>();
  const body = namedChildren(block).find((c) => c.type === 'body');
  if (!body) return out;
  for (const a of hclChildren(body, 'attribute')) {
    const name = namedChildren(a)[0]?.text;
    const expr = namedChildren(a).find((c) => c.type === 'expression');
    if (name && expr) out.set(name, expr);
  }
  return out;
}

/** A Terraform expression as a string, with `path.module`/`path.root`/`path.cwd` read as '.'. */
function hclString(expr: Node | undefined, lookup?: (ref: string) => string | undefined): string | undefined {
  if (!expr) return undefined;
  const inner = namedChildren(expr)[0];
  if (!inner) return undefined;
  if (inner.type === 'literal_value') {
    const s = namedChildren(inner)[0];
    if (s?.type !== 'string_lit') return undefined;
    return namedChildren(s)
      .filter((c) => c.type === 'template_literal')
      .map((c) => c.text)
      .join('');
  }
  if (inner.type === 'template_expr') {
    const q = namedChildren(inner)[0];
    if (!q) return undefined;
    let out = '';
    for (const part of namedChildren(q)) {
      if (part.type === 'template_literal') out += part.text;
      else if (part.type === 'template_interpolation') {
        const e = namedChildren(part).find((c) => c.type === 'expression');
        const t = e?.text.replace(/\s+/g, '');
        if (t === 'path.module' || t === 'path.root' || t === 'path.cwd') out += '.';
        else return undefined;
      }
    }
    return out;
  }
  if (inner.type === 'variable_expr' && lookup) return lookup(expr.text.replace(/\s+/g, ''));
  return undefined;
}

function fromTerraform(file: ParsedFile): HandlerRef[] {
  const root = file.tree?.rootNode;
  if (!root) return [];
  const body = namedChildren(root).find((c) => c.type === 'body');
  if (!body) return [];
  const dir = dirOf(file.relPath);
  const archives = new Map<string, { dir?: string; file?: string }>();
  const blocks = hclChildren(body, 'block');
  for (const b of blocks) {
    const [t, name] = blockLabels(b);
    if (namedChildren(b)[0]?.text === 'data' && t === 'archive_file' && name) {
      const a = blockAttrs(b);
      const sd = hclString(a.get('source_dir'));
      const sf = hclString(a.get('source_file'));
      archives.set(name, {
        ...(sd !== undefined ? { dir: sd } : {}),
        ...(sf !== undefined ? { file: sf } : {}),
      });
    }
  }
  const out: HandlerRef[] = [];
  for (const b of blocks) {
    const kw = namedChildren(b)[0]?.text;
    const [t, name] = blockLabels(b);
    const isResource = kw === 'resource' && t === 'aws_lambda_function';
    const isModule = kw === 'module';
    if (!isResource && !isModule) continue;
    const logical = isResource ? name : t;
    const a = blockAttrs(b);
    const handlerExpr = a.get('handler');
    const handler = hclString(handlerExpr);
    if (!handlerExpr || !handler || !logical) continue;
    const runtime = hclString(a.get('runtime'));
    const codeDirs: string[] = [];
    const files: string[] = [];
    const archiveOf = (ref: string): string | undefined => {
      const m = /^data\.archive_file\.([\w-]+)\.output_path$/.exec(ref);
      const ar = m?.[1] ? archives.get(m[1]) : undefined;
      if (ar?.dir !== undefined) codeDirs.push(join(dir, ar.dir));
      if (ar?.file !== undefined) {
        files.push(join(dir, ar.file));
        codeDirs.push(dirOf(join(dir, ar.file)));
      }
      return undefined;
    };
    for (const key of ['source_dir', 'source_path', 'filename']) {
      const v = hclString(a.get(key), archiveOf);
      if (v === undefined) continue;
      if (key === 'filename') {
        // a zip built elsewhere: try the folder it sits in and a folder named like it
        const zipDir = dirOf(join(dir, v));
        codeDirs.push(join(dir, v.replace(/\.zip$/i, '')), zipDir);
      } else codeDirs.push(join(dir, v));
    }
    if (codeDirs.length === 0) codeDirs.push(dir);
    const resolved = resolveHandler(handler, codeDirs, runtime);
    if (!resolved) continue;
    const fn = hclString(a.get('function_name'));
    out.push({
      file: file.relPath,
      range: file.range(handlerExpr.startIndex, handlerExpr.endIndex),
      kind: 'terraform',
      logicalName: isResource ? `aws_lambda_function.${logical}` : `module.${logical}`,
      ...(fn ? { deployedName: fn } : {}),
      ...(runtime ? { runtime } : {}),
      handler,
      functionName: resolved.functionName,
      candidates: [...files.filter((f) => resolved.candidates.includes(f)), ...resolved.candidates],
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// SAM / CloudFormation / serverless.yml, through one small tree over YAML and JSON

interface TNode {
  kind: 'map' | 'seq' | 'scalar';
  value?: unknown;
  start: number;
  end: number;
  entries?: Map<string, TNode>;
  items?: TNode[];
}

/** The same tree from the IaC front ends' YAML tree (aliases and missing values left out, as above). */
function fromTemplateTree(n: TemplateNode): TNode | undefined {
  if (isAbsent(n)) return undefined;
  if (n.k === 'map') {
    const entries = new Map<string, TNode>();
    for (const en of n.entries ?? []) {
      const v = fromTemplateTree(en.value);
      if (v) entries.set(en.key, v);
    }
    return { kind: 'map', start: n.s, end: n.e, entries };
  }
  if (n.k === 'seq') {
    const items = (n.items ?? []).map(fromTemplateTree).filter((x): x is TNode => !!x);
    return { kind: 'seq', start: n.s, end: n.e, items };
  }
  return { kind: 'scalar', value: n.value, start: n.s, end: n.e };
}

function fromJson(n: JsonNode | undefined): TNode | undefined {
  if (!n) return undefined;
  const start = n.offset;
  const end = n.offset + n.length;
  if (n.type === 'object') {
    const entries = new Map<string, TNode>();
    for (const p of n.children ?? []) {
      const [k, v] = p.children ?? [];
      const tv = fromJson(v);
      if (k && typeof k.value === 'string' && tv) entries.set(k.value, tv);
    }
    return { kind: 'map', start, end, entries };
  }
  if (n.type === 'array') {
    const items = (n.children ?? []).map(fromJson).filter((x): x is TNode => !!x);
    return { kind: 'seq', start, end, items };
  }
  return { kind: 'scalar', value: n.value, start, end };
}

function get(n: TNode | undefined, ...keys: string[]): TNode | undefined {
  let cur = n;
  for (const k of keys) cur = cur?.kind === 'map' ? cur.entries?.get(k) : undefined;
  return cur;
}

function str(n: TNode | undefined): string | undefined {
  return n?.kind === 'scalar' && typeof n.value === 'string' ? n.value : undefined;
}

function fromTemplate(file: ParsedFile): HandlerRef[] {
  const text = file.text;
  // Cheap pre-checks: only templates with functions, and serverless.yml-style services, are parsed.
  const cfn = /AWS::(Serverless|Lambda)::Function/.test(text);
  const sls = file.language === 'yaml' && /^functions\s*:/m.test(text) && /\bhandler\s*:/.test(text);
  if (!cfn && !sls) return [];
  let root: TNode | undefined;
  if (file.language === 'json') root = fromJson(parseTree(text));
  else {
    // The IaC front ends' tree of the same file version (parsed once for both).
    const t = templateTree(file);
    root = t ? fromTemplateTree(t) : undefined;
  }
  if (root?.kind !== 'map') return [];
  const dir = dirOf(file.relPath);
  const out: HandlerRef[] = [];
  const resources = get(root, 'Resources');
  if (resources?.kind === 'map') {
    const globals = get(root, 'Globals', 'Function');
    for (const [logical, res] of resources.entries ?? []) {
      const type = str(get(res, 'Type'));
      if (type !== 'AWS::Serverless::Function' && type !== 'AWS::Lambda::Function') continue;
      const props = get(res, 'Properties');
      const sam = type === 'AWS::Serverless::Function';
      const hNode = get(props, 'Handler') ?? (sam ? get(globals, 'Handler') : undefined);
      const handler = str(hNode);
      if (!hNode || !handler) continue;
      const runtime = str(get(props, 'Runtime')) ?? (sam ? str(get(globals, 'Runtime')) : undefined);
      const codeUri = sam
        ? (str(get(props, 'CodeUri')) ?? str(get(globals, 'CodeUri')))
        : str(get(props, 'Code'));
      if (!sam && get(props, 'Code')?.kind === 'map') continue; // inline ZipFile or S3 object
      const codeDir = join(dir, codeUri ?? '');
      const resolved = resolveHandler(handler, [codeDir], runtime);
      if (!resolved) continue;
      const entries = get(res, 'Metadata', 'BuildProperties', 'EntryPoints');
      const entryFiles = (entries?.items ?? [])
        .map(str)
        .filter((e): e is string => !!e)
        .map((e) => join(codeDir, e));
      const fnName = str(get(props, 'FunctionName'));
      out.push({
        file: file.relPath,
        range: file.range(hNode.start, hNode.end),
        kind: sam ? 'sam' : 'cloudformation',
        logicalName: logical,
        ...(fnName ? { deployedName: fnName } : {}),
        ...(runtime ? { runtime } : {}),
        handler,
        functionName: resolved.functionName,
        candidates: [...entryFiles, ...resolved.candidates],
      });
    }
  }
  const functions = get(root, 'functions');
  if (functions?.kind === 'map' && (get(root, 'service') || get(root, 'provider'))) {
    const providerRuntime = str(get(root, 'provider', 'runtime'));
    for (const [name, fn] of functions.entries ?? []) {
      const hNode = get(fn, 'handler');
      const handler = str(hNode);
      if (!hNode || !handler) continue;
      const runtime = str(get(fn, 'runtime')) ?? providerRuntime;
      const resolved = resolveHandler(handler, [dir], runtime);
      if (!resolved) continue;
      const fnName = str(get(fn, 'name'));
      out.push({
        file: file.relPath,
        range: file.range(hNode.start, hNode.end),
        kind: 'serverless',
        logicalName: name,
        ...(fnName ? { deployedName: fnName } : {}),
        ...(runtime ? { runtime } : {}),
        handler,
        functionName: resolved.functionName,
        candidates: resolved.candidates,
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// CDK (TypeScript and Python)

/** Evaluate a path expression: string literals, `path.join`/`resolve`, `__dirname`, `os.path.join`, `dirname(__file__)`. */
function pathValue<N extends ReadableNode<N>>(
  node: N | undefined,
  fileDir: string,
): { value: string; relativeToFile: boolean } | undefined {
  if (!node) return undefined;
  const s = stringValue(node);
  if (s !== undefined) return { value: s, relativeToFile: false };
  if (node.type === 'identifier' && node.text === '__dirname')
    return { value: fileDir, relativeToFile: true };
  if (node.type === 'template_string') {
    // The text between the substitutions as written, `${__dirname}` as the file's folder.
    const text = node.text;
    let out = '';
    let rel = false;
    let at = 1;
    for (const c of node.namedChildren) {
      if (c?.type !== 'template_substitution') continue;
      const inner = c.namedChildren.find((x) => x !== null);
      if (inner?.text !== '__dirname') return undefined;
      out += text.slice(at, c.startIndex - node.startIndex) + fileDir;
      at = c.endIndex - node.startIndex;
      rel = true;
    }
    return { value: out + text.slice(at, -1), relativeToFile: rel };
  }
  if (node.type === 'call' || node.type === 'call_expression') {
    const callee = dottedName(node.childForFieldName('function')) ?? '';
    const args = callArguments(node);
    if (
      /(^|\.)(dirname)$/.test(callee) &&
      args.length === 1 &&
      /__file__|__filename/.test(args[0]?.text ?? '')
    )
      return { value: fileDir, relativeToFile: true };
    if (/(^|\.)(join|resolve)$/.test(callee)) {
      const parts: string[] = [];
      let rel = false;
      for (const a of args) {
        const v = pathValue(a, fileDir);
        if (!v) return undefined;
        if (v.relativeToFile) rel = true;
        parts.push(v.value);
      }
      return { value: path.posix.join(...parts), relativeToFile: rel };
    }
  }
  return undefined;
}

/** Workspace-relative folders a CDK path may mean: relative to the stack file, then to each ancestor (the app root). */
function cdkDirs(p: { value: string; relativeToFile: boolean }, fileDir: string): string[] {
  if (p.relativeToFile) return [norm(p.value)];
  const out: string[] = [];
  let d = fileDir;
  for (;;) {
    out.push(join(d, p.value));
    if (d === '') break;
    d = dirOf(d);
  }
  return [...new Set(out)];
}

const CDK_CONSTRUCTS = /(^|\.)(Function|SingletonFunction|NodejsFunction|PythonFunction)$/;
const CDK_CONSTRUCT_NAME = /\b(?:Function|SingletonFunction|NodejsFunction|PythonFunction)\b/g;

/**
 * The calls of a CDK file whose callee ends in one of the Lambda construct names, in document order: the same
 * `new_expression` (TypeScript/JavaScript) or `call` (Python) nodes a search of every call would keep, found
 * from the names in the text, each checked in the tree (a name in a comment, a string, a type or any other
 * position is not a callee). A few calls into the wasm runtime per name instead of reading every call of a
 * stack (~40–65 ms on a 5,000-line one).
 */
function cdkConstructCalls(root: SyntaxNode, text: string, lang: 'js' | 'python'): SyntaxNode[] {
  const callType = lang === 'js' ? 'new_expression' : 'call';
  const calleeField = lang === 'js' ? 'constructor' : 'function';
  const out: SyntaxNode[] = [];
  for (const m of text.matchAll(CDK_CONSTRUCT_NAME)) {
    const s = m.index;
    const e = s + m[0].length;
    let n: SyntaxNode | null = root.descendantForIndex(s, e);
    if (!n || n.startIndex !== s || n.endIndex !== e) continue;
    // Up the dotted name the identifier ends (`lambda.Function`, `aws_lambda.Function`).
    let p: SyntaxNode | null = n.parent;
    while (p && (p.type === 'member_expression' || p.type === 'attribute') && p.endIndex === e) {
      n = p;
      p = p.parent;
    }
    if (!p || p.type !== callType) continue;
    const callee = p.childForFieldName(calleeField);
    if (callee && callee.startIndex === n.startIndex && callee.endIndex === n.endIndex) out.push(p);
  }
  return out;
}

function fromCdk(file: ParsedFile, lang: 'js' | 'python'): HandlerRef[] {
  // A TypeScript stack the CDK front end read from the text: its `new` expressions, no tree needed.
  const news = lang === 'js' ? cdkTsNewExpressions(file) : undefined;
  if (news) {
    const calls = news.filter((n) =>
      CDK_CONSTRUCTS.test(dottedName(n.childForFieldName('constructor')) ?? ''),
    );
    return refsOfCdkCalls(file, lang, calls);
  }
  // (Python: the plain TypeScript reader's tree when it accepts the file.)
  const root = file.syntax;
  if (!root) return [];
  return refsOfCdkCalls(file, lang, cdkConstructCalls(root, file.text, lang));
}

/** The same as the handler index reads them, from the tree only (for tests comparing the two readings). */
export function cdkHandlerRefsFromTree(file: ParsedFile, lang: 'js' | 'python'): HandlerRef[] {
  const root = file.tree?.rootNode;
  return root ? refsOfCdkCalls(file, lang, cdkConstructCalls(root, file.text, lang)) : [];
}

/** The handler settings of CDK Lambda construct calls (tree nodes, or nodes the CDK text reader built). */
function refsOfCdkCalls<N extends ReadableNode<N>>(
  file: ParsedFile,
  lang: 'js' | 'python',
  calls: readonly N[],
): HandlerRef[] {
  const fileDir = dirOf(file.relPath);
  const out: HandlerRef[] = [];
  for (const n of calls) {
    const callee = dottedName(n.childForFieldName(lang === 'js' ? 'constructor' : 'function'));
    if (!callee || !CDK_CONSTRUCTS.test(callee)) continue;
    const kind = callee.split('.').pop() ?? '';
    const args = callArguments(n);
    const idNode = args[1];
    const id = stringValue(idNode) ?? idNode?.text ?? kind;
    const prop = (name: string, pyName: string): N | undefined =>
      lang === 'js'
        ? args[2]?.type === 'object'
          ? objectProperty(args[2], name)
          : undefined
        : keywordArgument('python', n, pyName);
    const runtime = runtimeFromCdk(prop('runtime', 'runtime')?.text);
    const handlerNode = prop('handler', 'handler');
    const handler = stringValue(handlerNode);
    const fnName = stringValue(prop('functionName', 'function_name'));
    const base = {
      file: file.relPath,
      kind: 'cdk' as const,
      logicalName: id,
      ...(fnName ? { deployedName: fnName } : {}),
    };
    if (kind === 'NodejsFunction') {
      const entryNode = prop('entry', 'entry');
      const fnInModule = handler ?? 'handler';
      let candidates: string[];
      if (entryNode) {
        const p = pathValue(entryNode, fileDir);
        if (!p) continue;
        candidates = cdkDirs(p, fileDir);
      } else {
        const stem = file.relPath.replace(/\.[^./]+$/, '');
        candidates = ['.ts', '.js'].map((e) => `${stem}.${id}${e}`);
      }
      const at = handlerNode ?? entryNode ?? n;
      out.push({
        ...base,
        range: file.range(at.startIndex, at.endIndex),
        runtime: runtime ?? 'nodejs',
        handler: fnInModule,
        functionName: fnInModule,
        candidates,
      });
      continue;
    }
    if (kind === 'PythonFunction') {
      const entry = pathValue(prop('entry', 'entry'), fileDir);
      if (!entry) continue;
      const index = stringValue(prop('index', 'index')) ?? 'index.py';
      const fnInModule = handler ?? 'handler';
      const at = handlerNode ?? prop('entry', 'entry') ?? n;
      out.push({
        ...base,
        range: file.range(at.startIndex, at.endIndex),
        runtime: runtime ?? 'python',
        handler: `${index.replace(/\.py$/, '')}.${fnInModule}`,
        functionName: fnInModule,
        candidates: cdkDirs(entry, fileDir).map((d) => join(d, index)),
      });
      continue;
    }
    if (!handler || !handlerNode) continue;
    const code = prop('code', 'code');
    let dirs: string[] = [];
    if (code && (code.type === 'call' || code.type === 'call_expression')) {
      const cc = dottedName(code.childForFieldName('function')) ?? '';
      if (/(fromAsset|from_asset|AssetCode)$/.test(cc)) {
        const p = pathValue(callArguments(code)[0], fileDir);
        if (p) dirs = cdkDirs(p, fileDir);
      }
    } else if (
      code?.type === 'new_expression' &&
      /AssetCode$/.test(dottedName(code.childForFieldName('constructor')) ?? '')
    ) {
      const p = pathValue(callArguments(code)[0], fileDir);
      if (p) dirs = cdkDirs(p, fileDir);
    }
    if (dirs.length === 0) continue;
    const resolved = resolveHandler(handler, dirs, runtime);
    if (!resolved) continue;
    out.push({
      ...base,
      range: file.range(handlerNode.startIndex, handlerNode.endIndex),
      ...(runtime && runtime !== 'other' ? { runtime } : {}),
      handler,
      functionName: resolved.functionName,
      candidates: resolved.candidates,
    });
  }
  return out;
}
