/**
 * The differential check of the Python reader: walk the reader's tree and tree-sitter's side by side and report
 * the first difference (type, named-ness, field name, offsets, child count), or undefined when they are equal.
 */
import type { Node } from 'web-tree-sitter';
import type { PyNode } from '../../../src/core/parse/python-read';

export function compare(ours: PyNode, theirs: Node, path = ''): string | undefined {
  const here = `${path}/${theirs.type}@${theirs.startIndex}`;
  if (ours.type !== theirs.type) return `${here}: type ${ours.type} vs ${theirs.type}`;
  if (ours.isNamed !== theirs.isNamed) return `${here}: named ${ours.isNamed} vs ${theirs.isNamed}`;
  if (ours.startIndex !== theirs.startIndex || ours.endIndex !== theirs.endIndex)
    return `${here}: span ${ours.startIndex}-${ours.endIndex} vs ${theirs.startIndex}-${theirs.endIndex}`;
  if (theirs.hasError || theirs.isMissing)
    return `${here}: tree-sitter has an error here, the reader accepted`;
  const n = theirs.childCount;
  if (ours.childCount !== n)
    return `${here}: ${ours.childCount} children [${ours.children.map((c) => c.type).join(' ')}] vs ${n} [${theirs.children.map((c) => c?.type).join(' ')}]`;
  for (let i = 0; i < n; i++) {
    const a = ours.child(i) as PyNode;
    const b = theirs.child(i) as Node;
    const fa = ours.fieldNameForChild(i);
    const fb = theirs.fieldNameForChild(i);
    if (fa !== fb) return `${here}: child ${i} (${b.type}) field ${fa} vs ${fb}`;
    if (a.parent !== ours) return `${here}: child ${i} (${a.type}) has the wrong parent`;
    const d = compare(a, b, here);
    if (d) return d;
  }
  return undefined;
}
