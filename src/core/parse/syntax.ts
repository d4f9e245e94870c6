/**
 * The part of web-tree-sitter's `Node` API that handler detection and the handler rules read, as an interface
 * that both a tree-sitter `Node` and a node of the plain TypeScript Python reader (`python-read.ts`) satisfy.
 * Code typed against `SyntaxNode` works on either tree; a file's nodes all come from one of them.
 */

/** A tree cursor (`node.walk()`), the calls `walkNamed` makes. */
export interface SyntaxCursor {
  readonly nodeType: string;
  readonly nodeIsNamed: boolean;
  readonly nodeIsMissing: boolean;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly currentNode: SyntaxNode;
  gotoFirstChild(): boolean;
  gotoNextSibling(): boolean;
  gotoParent(): boolean;
  delete(): void;
}

export interface SyntaxPoint {
  row: number;
  column: number;
}

export interface SyntaxNode {
  /** Unique among the nodes of the trees alive at one time (a tree-sitter node's id is its address). */
  readonly id: number;
  readonly type: string;
  readonly isNamed: boolean;
  readonly isMissing: boolean;
  readonly hasError: boolean;
  readonly text: string;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly startPosition: SyntaxPoint;
  readonly endPosition: SyntaxPoint;
  /** The tree the node belongs to (an identity, e.g. a cache key). */
  readonly tree: object;
  readonly parent: SyntaxNode | null;
  readonly children: (SyntaxNode | null)[];
  readonly namedChildren: (SyntaxNode | null)[];
  readonly childCount: number;
  readonly namedChildCount: number;
  child(index: number): SyntaxNode | null;
  namedChild(index: number): SyntaxNode | null;
  childForFieldName(fieldName: string): SyntaxNode | null;
  childrenForFieldName(fieldName: string): (SyntaxNode | null)[];
  /** Descendants (and the node itself) of the given types, named or anonymous, in document order. */
  descendantsOfType(types: string | string[]): (SyntaxNode | null)[];
  /** The smallest node (named or anonymous) that spans [start, end]. */
  descendantForIndex(start: number, end?: number): SyntaxNode | null;
  /** The child of this node that is or contains `descendant`. */
  childWithDescendant(descendant: SyntaxNode): SyntaxNode | null;
  walk(): SyntaxCursor;
}
