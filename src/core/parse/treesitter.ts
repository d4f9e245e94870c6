/**
 * web-tree-sitter, loaded lazily: the runtime on first use, each grammar on first file of its language.
 *
 * The runtime and grammar `.wasm` files are looked up next to the bundle (`dist/`) first, then in
 * `node_modules` (tests and development). Every path is checked before it is handed to the runtime:
 * a missing runtime wasm aborts the whole Node process, even inside a caught promise.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Language, Parser } from 'web-tree-sitter';
import type { Node, Tree } from 'web-tree-sitter';
import type { SyntaxNode } from './syntax';

export type { Node, Tree } from 'web-tree-sitter';

export type GrammarId = 'python' | 'javascript' | 'typescript' | 'tsx' | 'terraform';

/** The wasm file of each grammar and the package that ships it. */
export const GRAMMAR_FILES: Record<GrammarId, { file: string; pkg: string }> = {
  python: { file: 'tree-sitter-python.wasm', pkg: 'tree-sitter-python' },
  javascript: { file: 'tree-sitter-javascript.wasm', pkg: 'tree-sitter-javascript' },
  typescript: { file: 'tree-sitter-typescript.wasm', pkg: 'tree-sitter-typescript' },
  tsx: { file: 'tree-sitter-tsx.wasm', pkg: 'tree-sitter-typescript' },
  terraform: { file: 'tree-sitter-terraform.wasm', pkg: '@tree-sitter-grammars/tree-sitter-hcl' },
};

export const RUNTIME_WASM = { file: 'tree-sitter.wasm', pkg: 'web-tree-sitter' };

let wasmDirOverride: string | undefined;

/** Tell the loader where the `.wasm` files are (the extension passes its `dist` folder). */
export function setWasmDirectory(dir: string): void {
  wasmDirOverride = dir;
}

/** Absolute path of a wasm file, or an error naming every place that was tried. */
export function locateWasm(file: string, pkg: string): string {
  const tried: string[] = [];
  const candidates: string[] = [];
  if (wasmDirOverride) candidates.push(path.join(wasmDirOverride, file));
  candidates.push(path.join(__dirname, file));
  candidates.push(path.join(__dirname, '..', file));
  // Development and tests: the package in the nearest node_modules above this file or the working folder.
  for (const start of [__dirname, process.cwd()]) {
    let dir = start;
    for (;;) {
      candidates.push(path.join(dir, 'node_modules', pkg, file));
      const up = path.dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  for (const c of candidates) {
    tried.push(c);
    if (fs.existsSync(c)) return c;
  }
  throw new Error(`perfguard: cannot find ${file}; looked in ${tried.join(', ')}`);
}

let runtime: Promise<void> | undefined;
const languages = new Map<GrammarId, Promise<Language>>();
const loaded = new Map<GrammarId, Language>();
const parsers = new Map<GrammarId, Parser>();

function initRuntime(): Promise<void> {
  if (!runtime) {
    const wasm = locateWasm(RUNTIME_WASM.file, RUNTIME_WASM.pkg);
    runtime = Parser.init({ locateFile: () => wasm });
  }
  return runtime;
}

/** Load a grammar (and the runtime) once; later calls return the same promise. */
export function loadGrammar(id: GrammarId): Promise<Language> {
  let p = languages.get(id);
  if (!p) {
    p = (async () => {
      await initRuntime();
      const g = GRAMMAR_FILES[id];
      // From bytes: given a path, web-tree-sitter reads it through a dynamic import of fs/promises, which code
      // run from a V8 code cache (src/cli/loader.ts) cannot make.
      const lang = await Language.load(fs.readFileSync(locateWasm(g.file, g.pkg)));
      loaded.set(id, lang);
      return lang;
    })();
    // A failed load may be retried later (e.g. after the file appears).
    p.catch(() => languages.delete(id));
    languages.set(id, p);
  }
  return p;
}

/** How many grammars are loaded: an index computed before a grammar arrived must be recomputed after. */
export function loadedGrammarCount(): number {
  return loaded.size;
}

export function isGrammarLoaded(id: GrammarId): boolean {
  return loaded.has(id);
}

/** A parser for a loaded grammar. Call `loadGrammar` first. */
export function parserFor(id: GrammarId): Parser {
  let parser = parsers.get(id);
  if (!parser) {
    const lang = loaded.get(id);
    if (!lang) throw new Error(`perfguard: grammar ${id} is not loaded`);
    parser = new Parser();
    parser.setLanguage(lang);
    parsers.set(id, parser);
  }
  return parser;
}

/** Parse text with a loaded grammar. The caller owns the tree and must `delete()` it. */
export function parseWith(id: GrammarId, text: string, oldTree?: Tree | null): Tree {
  const tree = parserFor(id).parse(text, oldTree ?? null);
  if (!tree) throw new Error(`perfguard: the ${id} parser returned no tree`);
  return tree;
}

/** Count ERROR and MISSING nodes (used to check that a fix does not break the file). */
export function countErrors(tree: Tree): number {
  if (!tree.rootNode.hasError) return 0;
  let n = 0;
  const cursor = tree.walk();
  let done = false;
  while (!done) {
    const node = cursor.currentNode;
    if (node.isError || node.isMissing) n++;
    if (node.hasError && cursor.gotoFirstChild()) continue;
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) {
        done = true;
        break;
      }
    }
  }
  cursor.delete();
  return n;
}

/** Named children of a node, without nulls. */
export function namedChildren(node: Node): Node[];
export function namedChildren(node: SyntaxNode): SyntaxNode[];
export function namedChildren(node: SyntaxNode): SyntaxNode[] {
  const kids = node.namedChildren;
  // The Python reader's nodes return a fresh list without nulls already: no second copy.
  return isTreeSitterNode(node) ? kids.filter((c): c is SyntaxNode => c !== null) : (kids as SyntaxNode[]);
}

/** Whether a node is web-tree-sitter's (not one of the Python reader's plain nodes). */
export function isTreeSitterNode(node: SyntaxNode): node is Node {
  return 'typeId' in node;
}

/** Depth-first walk of named and anonymous nodes; return false from `visit` to skip a subtree. */
export function walk<N extends SyntaxNode>(node: N, visit: (n: N) => boolean | void): void {
  const cursor = node.walk();
  let done = false;
  while (!done) {
    // The cursor of a tree-sitter node yields tree-sitter nodes, the reader's yields the reader's.
    const descend = visit(cursor.currentNode as N) !== false;
    if (descend && cursor.gotoFirstChild()) continue;
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent() || cursor.currentNode.id === node.id) {
        done = true;
        break;
      }
    }
    if (!done && cursor.currentNode.id === node.id) done = true;
  }
  cursor.delete();
}
