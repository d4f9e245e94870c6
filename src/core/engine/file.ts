/**
 * A file as the engine sees it: text, language, line index, and lazily computed views (the tree-sitter tree,
 * and any analysis a rule or index wants to share), each computed once per file version.
 */
import { LineIndex } from '../model/text';
import type { LanguageId, Range } from '../model/types';
import { parseWith, type GrammarId, type Tree } from '../parse/treesitter';

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

  /** The tree-sitter tree (parsed on first use); undefined for languages without a grammar. */
  get tree(): Tree | undefined {
    if (this.disposed) throw new Error('perfguard: file used after dispose');
    if (this.treeValue) return this.treeValue;
    const g = grammarOf(this.language);
    if (!g) return undefined;
    this.treeValue = parseWith(g, this.text);
    return this.treeValue;
  }

  /** A shared analysis of this file, computed once: e.g. `file.view('handlers', () => findHandlers(file))`. */
  view<T>(key: string, compute: () => T): T {
    if (this.views.has(key)) return this.views.get(key) as T;
    const v = compute();
    this.views.set(key, v);
    return v;
  }

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
    this.views.clear();
    this.disposed = true;
  }
}
