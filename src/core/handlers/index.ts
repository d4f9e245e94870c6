/**
 * Which functions are Lambda handlers, workspace-wide, and which code runs per invocation.
 *
 * Public API (reused by the IaC model, the CDK/SAM front ends and the live AWS sidebar's CodeLens):
 *
 *   const index = getHandlerIndex(ctx.workspace);
 *   index.refs                          every handler setting found in infrastructure (HandlerRef[])
 *   index.handlersForFile('src/app.py') → [{ name: 'lambda_handler', refs: [HandlerRef, …] }, …]
 *   index.isHandler('src/app.py', 'lambda_handler')  named by infrastructure or by convention
 *   index.refsForFile('src/app.py')     the HandlerRefs that resolve to that module
 *
 *   handlerRegions(file, workspace)     the function nodes of a file that run per invocation: the handlers
 *                                       (infrastructure-named or by convention) and every function of the same
 *                                       module they reach, transitively (calls, callbacks, classes instantiated)
 *
 * The index is built with `ws.derive('handlers', …)` and recomputed only when a code or infrastructure file
 * (or the config) changes; per-file work (`handlerRefsFromFile`, the module analysis) is cached with
 * `file.view`. Infrastructure files in excluded folders (cdk.out, .aws-sam, node_modules, …) are ignored.
 * Module paths are resolved the way Lambda does: `dir/app.lambda_handler` relative to the code folder
 * (`CodeUri`, `source_dir`, `Code.fromAsset`), trying `.py` for Python runtimes, `.js`/`.mjs`/`.cjs` (and
 * `.ts` for bundled TypeScript) for Node, both when the runtime is unknown.
 */
import { ExcludeMatcher } from '../engine/excludes';
import type { ParsedFile } from '../engine/file';
import type { WorkspaceContext } from '../engine/workspace';
import type { LanguageId } from '../model/types';
import type { SyntaxNode } from '../parse/syntax';
import { isTreeSitterNode, namedChildren } from '../parse/treesitter';
import { codeLanguageOf, isFunctionNode } from './ast';
import { mentionsCdk } from '../iac/model';
import { handlerRefsFromFile, INFRA_LANGUAGES, mayNameHandlers, type HandlerRef } from './infra';
import { functionsOfValue, mayHaveConventionHandlers, moduleInfo, type ModuleInfo } from './module';

export type { HandlerRef } from './infra';
export { handlerRefsFromFile } from './infra';

export interface FileHandler {
  /** The function's name in the module (`lambda_handler`, `handler`, `default`). */
  name: string;
  /** The infrastructure settings that name it (empty when found by convention only). */
  refs: HandlerRef[];
  /** Why it is a handler when no infrastructure names it (e.g. "takes (event, context)"). */
  convention?: string;
}

export interface HandlerIndex {
  readonly refs: readonly HandlerRef[];
  /** Handlers of one module: named by infrastructure, then by convention. */
  handlersForFile(relPath: string): FileHandler[];
  isHandler(relPath: string, functionName: string): boolean;
  refsForFile(relPath: string): HandlerRef[];
}

const CODE_LANGUAGES: readonly LanguageId[] = ['python', 'javascript', 'typescript', 'tsx'];

class Index implements HandlerIndex {
  private readonly byFile = new Map<string, HandlerRef[]>();

  constructor(
    readonly refs: readonly HandlerRef[],
    private readonly ws: WorkspaceContext,
  ) {
    for (const r of refs) {
      if (!r.resolvedFile) continue;
      const list = this.byFile.get(r.resolvedFile) ?? [];
      list.push(r);
      this.byFile.set(r.resolvedFile, list);
    }
  }

  refsForFile(relPath: string): HandlerRef[] {
    return this.byFile.get(relPath) ?? [];
  }

  handlersForFile(relPath: string): FileHandler[] {
    const out: FileHandler[] = [];
    for (const r of this.refsForFile(relPath)) {
      const name = r.functionName.split('.')[0] ?? r.functionName;
      const existing = out.find((h) => h.name === name);
      if (existing) existing.refs.push(r);
      else out.push({ name, refs: [r] });
    }
    const file = this.ws.getFile(relPath);
    const info = file ? safeModuleInfo(file) : undefined;
    for (const [name, why] of info?.conventionHandlers ?? []) {
      const existing = out.find((h) => h.name === name);
      if (existing) existing.convention = why;
      else out.push({ name, refs: [], convention: why });
    }
    return out;
  }

  isHandler(relPath: string, functionName: string): boolean {
    return this.handlersForFile(relPath).some((h) => h.name === functionName);
  }
}

function safeModuleInfo(file: ParsedFile): ModuleInfo | undefined {
  try {
    return moduleInfo(file);
  } catch {
    return undefined;
  }
}

const INDEX_LANGUAGES: readonly LanguageId[] = [...INFRA_LANGUAGES, ...CODE_LANGUAGES];

/** The workspace's handler index (memoized until a code or infrastructure file changes). */
export function getHandlerIndex(ws: WorkspaceContext): HandlerIndex {
  return ws.derive('handlers', INDEX_LANGUAGES, buildIndex.bind(undefined, ws), {
    // Code files matter by their presence (handled by the engine on add/remove); their content only when it is
    // a CDK app. Templates and Terraform always.
    relevant: (_p, text, lang) => !CODE_LANGUAGES.includes(lang) || mentionsCdk(text),
  });
}

function buildIndex(ws: WorkspaceContext): HandlerIndex {
  {
    const excludes = new ExcludeMatcher(ws.config.exclude);
    const known = new Set(ws.filePaths(CODE_LANGUAGES));
    const refs: HandlerRef[] = [];
    for (const p of ws.filePaths(INFRA_LANGUAGES)) {
      const file = ws.getFile(p);
      if (!file) continue;
      // The text test first: matching a path against the excludes costs more, and most code files name none.
      if (!mayNameHandlers(file.language, file.text)) continue;
      if (excludes.isExcluded(p)) continue;
      let found: HandlerRef[];
      try {
        found = handlerRefsFromFile(file);
      } catch {
        continue; // a broken infrastructure file names no handler
      }
      for (const r of found) {
        const resolved = r.candidates.find((c) => known.has(c));
        refs.push(resolved ? { ...r, resolvedFile: resolved } : r);
      }
    }
    return new Index(refs, ws);
  }
}

/** A function of a module that runs per invocation. */
export interface HandlerRegion {
  /** The function node (Python `function_definition`, JS function/arrow/method). */
  fn: SyntaxNode;
  /** The handler it runs for. */
  handler: string;
  /** The function's own name when it is a helper the handler reaches (undefined for the handler itself). */
  via?: string;
}

/**
 * The functions of a file that run per invocation, in document order and never nested in one another:
 * the handlers and, transitively, every top-level function or class of the module they reference.
 */
export function handlerRegions(file: ParsedFile, ws: WorkspaceContext): HandlerRegion[] {
  const lang = codeLanguageOf(file.language);
  if (!lang) return [];
  const index = getHandlerIndex(ws);
  // No infrastructure names this file and its text has no room for a handler by convention: no tree needed.
  if (
    index.refsForFile(file.relPath).length === 0 &&
    !file.view('handlers.precheck', () => mayHaveConventionHandlers(lang, file.text))
  )
    return [];
  const info = moduleInfo(file);
  if (!info) return [];
  // Every handler rule asks: computed once per file version and handler index (a new index, e.g. after an
  // infrastructure change, recomputes). Callers must not modify the array.
  const cache = file.view('handlers.regions', () => new WeakMap<HandlerIndex, HandlerRegion[]>());
  let regions = cache.get(index);
  if (!regions) {
    regions = computeRegions(file, info, index);
    cache.set(index, regions);
  }
  return regions;
}

function computeRegions(file: ParsedFile, info: ModuleInfo, index: HandlerIndex): HandlerRegion[] {
  const roots: { name: string; fns: SyntaxNode[] }[] = [];
  const rootValue = (name: string): SyntaxNode | undefined =>
    info.lang === 'js' ? (info.exports.get(name) ?? info.bindings.get(name)) : info.bindings.get(name);
  for (const h of index.handlersForFile(file.relPath)) {
    const v = rootValue(h.name);
    if (v) roots.push({ name: h.name, fns: functionsOfValue(info, v) });
  }
  for (const [name] of info.invocationFunctions) {
    const v = info.bindings.get(name);
    if (v) roots.push({ name, fns: functionsOfValue(info, v) });
  }
  const regions: HandlerRegion[] = [];
  const seen = new Set<number>();
  const queue: HandlerRegion[] = [];
  for (const r of roots) for (const fn of r.fns) queue.push({ fn, handler: r.name });
  while (queue.length > 0) {
    const region = queue.shift() as HandlerRegion;
    if (seen.has(region.fn.id)) continue;
    seen.add(region.fn.id);
    regions.push(region);
    for (const [name, target] of referencedTopLevel(info, region.fn, file.text)) {
      for (const fn of target) {
        if (!seen.has(fn.id)) queue.push({ fn, handler: region.handler, via: name });
      }
    }
  }
  regions.sort((a, b) => a.fn.startIndex - b.fn.startIndex);
  // Drop regions nested in another one (a callback defined inside the handler and also referenced).
  return regions.filter(
    (r) =>
      !regions.some(
        (o) =>
          o !== r &&
          o.fn.startIndex <= r.fn.startIndex &&
          o.fn.endIndex >= r.fn.endIndex &&
          o.fn.id !== r.fn.id,
      ),
  );
}

/**
 * Top-level functions (and methods of top-level classes) a function references by name. Only names bound to a
 * function, a class or a call can matter: their word-bounded occurrences in the function's text are looked up
 * in the tree (an occurrence in a string or comment, or as an attribute / keyword-argument name or inside a
 * type annotation, is no reference), in document order.
 */
function referencedTopLevel(info: ModuleInfo, fn: SyntaxNode, text: string): Map<string, SyntaxNode[]> {
  const out = new Map<string, SyntaxNode[]>();
  const body = fn.childForFieldName('body') ?? fn;
  // Each candidate's first occurrence that is a reference, in document order. When every candidate is spelled
  // with [\w$] only, its whole-word occurrences are exactly the maximal [\w$] runs equal to it.
  const names = candidateNames(info);
  if (names?.size === 0) return out;
  const consider = (name: string, start: number): void => {
    if (out.has(name)) return;
    if (!isReference(body, start, start + name.length)) return;
    const target = info.functions.get(name);
    if (target && target.id !== fn.id) {
      out.set(name, [target]);
      return;
    }
    const b = info.bindings.get(name);
    if (b && (b.type === 'class_definition' || b.type === 'class_declaration')) {
      out.set(name, classMethods(info, b));
    } else if (b && (b.type === 'call' || b.type === 'call_expression')) {
      // `handler = wrap(fn)` style bindings reached by name
      const fns = functionsOfValue(info, b).filter((f) => f.id !== fn.id);
      if (fns.length > 0) out.set(name, fns);
    }
  };
  if (names) {
    // Each name's whole-word occurrences found with indexOf (a few names; tokenizing every word of the body
    // costs more), then visited in document order as one scan of the words would.
    // (In the body's text only: searching the file from the body on scanned to its end for each absent name.)
    const from = body.startIndex;
    const src = text.slice(from, body.endIndex);
    const found: [number, string][] = [];
    for (const name of names) {
      for (let i = src.indexOf(name); i >= 0; i = src.indexOf(name, i + 1)) {
        const at = from + i;
        if (!isWordChar(text.charCodeAt(at - 1)) && !isWordChar(text.charCodeAt(at + name.length)))
          found.push([at, name]);
      }
    }
    found.sort((a, b) => a[0] - b[0]);
    for (const [at, name] of found) consider(name, at);
    return out;
  }
  const re = candidatePattern(info);
  if (!re) return out;
  const src = text.slice(body.startIndex, body.endIndex);
  re.lastIndex = 0;
  for (let m = re.exec(src); m; m = re.exec(src)) consider(m[0], body.startIndex + m.index);
  return out;
}

/** [\w$] (NaN, before the start or after the end of the text, is no word character). */
function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
}

const candidatePatterns = new WeakMap<ModuleInfo, RegExp | null>();
const candidateSets = new WeakMap<ModuleInfo, Set<string> | null>();

/** The module's function names and the names bound to a class or a call's result. */
function callableNames(info: ModuleInfo): Set<string> {
  const names = new Set(info.functions.keys());
  for (const [name, b] of info.bindings) {
    if (['class_definition', 'class_declaration', 'call', 'call_expression'].includes(b.type))
      names.add(name);
  }
  return names;
}

/** The candidate names of `candidatePattern` as a set, or null when one has a character outside [\w$]. */
function candidateNames(info: ModuleInfo): Set<string> | null {
  let set = candidateSets.get(info);
  if (set !== undefined) return set;
  const names = callableNames(info);
  set = [...names].every((n) => /^[\w$]+$/.test(n)) ? names : null;
  candidateSets.set(info, set);
  return set;
}

/** A global regex matching the module's function, class and call-bound names as whole words (null: none). */
function candidatePattern(info: ModuleInfo): RegExp | null {
  let re = candidatePatterns.get(info);
  if (re !== undefined) return re;
  const names = callableNames(info);
  re =
    names.size === 0
      ? null
      : new RegExp(
          `(?<![\\w$])(?:${[...names].map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![\\w$])`,
          'g',
        );
  candidatePatterns.set(info, re);
  return re;
}

/** Whether the identifier spanning exactly [start, end) under `body` references a variable. */
function isReference(body: SyntaxNode, start: number, end: number): boolean {
  const n = body.descendantForIndex(start, end);
  if (!n || n.startIndex !== start || n.endIndex !== end) return false;
  if (n.type !== 'identifier' && n.type !== 'shorthand_property_identifier') return false;
  if (n.id === body.id) return false;
  // The Python reader's nodes have their parent at hand (tree-sitter's `Node.parent` walks down from the root).
  if (!isTreeSitterNode(n)) return isReferenceByParents(body, n);
  // The nodes strictly between body and n, top down, with one step per level (`Node.parent` walks down from the
  // root of the tree at every step up). The parent is the last of them, or body.
  const between: SyntaxNode[] = [];
  let a = body.childWithDescendant(n);
  while (a && a.id !== n.id) {
    between.push(a);
    if (between.length > 1000) return isReferenceByParents(body, n);
    a = a.childWithDescendant(n);
  }
  if (!a) return isReferenceByParents(body, n);
  const p = between.length > 0 ? (between[between.length - 1] as SyntaxNode) : body;
  if (
    (p.type === 'attribute' || p.type === 'member_expression') &&
    p.childForFieldName('object')?.id !== n.id
  )
    return false;
  if (p.type === 'keyword_argument' && p.childForFieldName('name')?.id === n.id) return false;
  for (const b of between) if (b.type === 'type' || b.type === 'type_annotation') return false;
  return true;
}

/** `isReference` for `n` under `body`, reading the ancestors with `Node.parent`. */
function isReferenceByParents(body: SyntaxNode, n: SyntaxNode): boolean {
  const p = n.parent;
  if (
    p &&
    (p.type === 'attribute' || p.type === 'member_expression') &&
    p.childForFieldName('object')?.id !== n.id
  )
    return false;
  if (p && p.type === 'keyword_argument' && p.childForFieldName('name')?.id === n.id) return false;
  for (let a = p; a && a.id !== body.id; a = a.parent) {
    if (a.type === 'type' || a.type === 'type_annotation') return false;
  }
  return true;
}

function classMethods(info: ModuleInfo, cls: SyntaxNode): SyntaxNode[] {
  const body = cls.childForFieldName('body');
  if (!body) return [];
  const out: SyntaxNode[] = [];
  for (const m of namedChildren(body)) {
    const def = m.type === 'decorated_definition' ? m.childForFieldName('definition') : m;
    if (def && (def.type === 'function_definition' || isFunctionNode(info.lang, def))) out.push(def);
  }
  return out;
}
