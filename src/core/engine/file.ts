/**
 * A file as the engine sees it: text, language, line index, and lazily computed views (the tree-sitter tree,
 * and any analysis a rule or index wants to share), each computed once per file version.
 */
import { LineIndex } from '../model/text';
import type { LanguageId, Range } from '../model/types';
import { PyNode, readPython } from '../parse/python-read';
import type { SyntaxNode } from '../parse/syntax';
import { isGrammarLoaded, parseWith, type GrammarId, type Tree } from '../parse/treesitter';
import type { Edit } from 'web-tree-sitter';

/** The tree-sitter grammar of a language, if it has one. */
export function grammarOf(language: LanguageId): GrammarId | undefined {
  switch (language) {
    case 'python':
    case 'javascript':
    case 'typescript':
    case 'tsx':
    case 'terraform':
      return language;
    default:
      return undefined;
  }
}

/** Line-comment prefix of a language, used by suppressions and the "ignore" code actions. */
export function commentPrefixOf(language: LanguageId): string | undefined {
  switch (language) {
    case 'python':
    case 'terraform':
    case 'yaml':
    case 'ini':
      return '#';
    case 'javascript':
    case 'typescript':
    case 'tsx':
      return '//';
    case 'sql':
      return '--';
    default:
      return undefined; // JSON has no comments
  }
}

let fastPythonRead = true;

/** What `tree` and `checkGrammar` throw when the file's grammar is not loaded yet. */
function grammarNotLoaded(g: string): Error {
  return new Error(`perfguard: grammar ${g} is not loaded yet`);
}

/**
 * Whether `ParsedFile.syntax` reads Python with the plain TypeScript reader (`parse/python-read.ts`) before
 * falling back to tree-sitter (on by default; off: every Python file is parsed by tree-sitter as before).
 */
export function setFastPythonRead(enabled: boolean): void {
  fastPythonRead = enabled;
}

export class ParsedFile {
  readonly index: LineIndex;
  private readonly views = new Map<string, unknown>();
  private treeValue: Tree | undefined;
  private disposed = false;
  private readonly noteMap = new Map<
    string,
    { kind: 'timeout' | 'skipped' | 'parse-error'; message: string }
  >();

  constructor(
    /** Path as given to the engine (used in findings). */
    readonly path: string,
    /** Workspace-relative path with forward slashes. */
    readonly relPath: string,
    readonly text: string,
    readonly language: LanguageId,
  ) {
    this.index = new LineIndex(text);
  }

  /** The tree of the previous version of this file, for an incremental parse (owned here until used). */
  private previous: { tree: Tree; index: LineIndex } | undefined;

  /**
   * Take over the tree of the previous version of this file so that the first parse is incremental
   * (tree-sitter reuses every subtree the edit did not touch). The old file must not use its tree afterwards.
   */
  adoptPrevious(old: ParsedFile): void {
    if (old.language !== this.language || this.treeValue) return;
    const tree = old.treeValue;
    if (!tree) return;
    old.treeValue = undefined;
    this.previous?.tree.delete();
    this.previous = { tree, index: old.index };
  }

  /** Throws, as `tree` would, when this file's language has a grammar that is not loaded. */
  checkGrammar(): void {
    const g = grammarOf(this.language);
    if (g && !isGrammarLoaded(g)) throw grammarNotLoaded(g);
  }

  /** Whether the tree-sitter tree was parsed (tests of the readers that avoid it). */
  get treeParsed(): boolean {
    return this.treeValue !== undefined;
  }

  /** The tree-sitter tree (parsed on first use); undefined for languages without a grammar. */
  get tree(): Tree | undefined {
    if (this.disposed) throw new Error('perfguard: file used after dispose');
    if (this.treeValue) return this.treeValue;
    const g = grammarOf(this.language);
    if (!g) return undefined;
    if (!isGrammarLoaded(g)) {
      // Not an answer about this file: views computed now must not be kept (see `view`).
      this.grammarMisses++;
      throw grammarNotLoaded(g);
    }
    const prev = this.previous;
    this.previous = undefined;
    if (prev) {
      try {
        prev.tree.edit(editBetween(prev.index.text, this.text, this.index, prev.index));
        this.treeValue = parseWith(g, this.text, prev.tree);
      } finally {
        prev.tree.delete();
      }
    } else {
      this.treeValue = parseWith(g, this.text);
    }
    return this.treeValue;
  }

  /** The Python reader's root, or null when it declined this text (undefined: not tried yet). */
  private pyRoot: SyntaxNode | null | undefined;

  /**
   * The root of the file's syntax tree for code that reads it (handler detection, the handler rules): for
   * Python the tree of the plain TypeScript reader when it accepts the text (the same tree tree-sitter builds,
   * without parsing in wasm), else the tree-sitter root. Undefined for languages without a grammar; throws as
   * `tree` does when the grammar is needed and not loaded. `tree` stays for what needs tree-sitter itself
   * (fix verification, incremental parsing).
   */
  get syntax(): SyntaxNode | undefined {
    if (this.disposed) throw new Error('perfguard: file used after dispose');
    if (this.language === 'python' && fastPythonRead) {
      if (this.pyRoot === undefined) {
        this.pyRoot =
          readPython(this.text, (offset) => {
            const p = this.index.positionAt(offset);
            return { row: p.line, column: p.character };
          }) ?? null;
      }
      if (this.pyRoot) return this.pyRoot;
    }
    return this.tree?.rootNode;
  }

  /** A shared analysis of this file, computed once: e.g. `file.view('handlers', () => findHandlers(file))`. */
  view<T>(key: string, compute: () => T): T {
    if (this.views.has(key)) return this.views.get(key) as T;
    const misses = this.grammarMisses;
    const v = compute();
    // A view computed while the grammar was missing saw no tree: compute it again next time.
    if (this.grammarMisses === misses) this.views.set(key, v);
    return v;
  }

  /** Times the tree was asked for before its grammar was loaded. */
  private grammarMisses = 0;

  /**
   * Record an engine note about this file (e.g. a statement skipped after a time-out). The engine reports notes
   * as engine diagnostics after the rules ran; the same message is recorded once.
   */
  note(kind: 'timeout' | 'skipped' | 'parse-error', message: string): void {
    this.noteMap.set(`${kind}:${message}`, { kind, message });
  }

  get notes(): readonly { kind: 'timeout' | 'skipped' | 'parse-error'; message: string }[] {
    return [...this.noteMap.values()];
  }

  range(startOffset: number, endOffset: number): Range {
    return this.index.rangeOf(startOffset, endOffset);
  }

  /** Free the wasm memory of the tree. */
  dispose(): void {
    this.treeValue?.delete();
    this.treeValue = undefined;
    this.previous?.tree.delete();
    this.previous = undefined;
    if (this.pyRoot instanceof PyNode) this.pyRoot.tree.release();
    this.pyRoot = undefined;
    this.views.clear();
    this.disposed = true;
  }
}

/** The single edit that turns `before` into `after` (common prefix and suffix kept), in tree-sitter's terms. */
export function editBetween(
  before: string,
  after: string,
  afterIndex = new LineIndex(after),
  beforeIndex = new LineIndex(before),
): Edit {
  const min = Math.min(before.length, after.length);
  let start = 0;
  while (start < min && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let oldEnd = before.length;
  let newEnd = after.length;
  while (oldEnd > start && newEnd > start && before.charCodeAt(oldEnd - 1) === after.charCodeAt(newEnd - 1)) {
    oldEnd--;
    newEnd--;
  }
  const point = (idx: LineIndex, offset: number) => {
    const p = idx.positionAt(offset);
    return { row: p.line, column: p.character };
  };
  return {
    startIndex: start,
    oldEndIndex: oldEnd,
    newEndIndex: newEnd,
    startPosition: point(afterIndex, start),
    oldEndPosition: point(beforeIndex, oldEnd),
    newEndPosition: point(afterIndex, newEnd),
  };
}
