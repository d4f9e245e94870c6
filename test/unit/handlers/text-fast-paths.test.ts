/**
 * The module analysis and the handler rules' import index read plain Python imports and parameter lists from the
 * text instead of the tree (fewer calls into the wasm runtime). Both readings must agree: this test reads every import statement and every
 * function's parameter list of the Python fixtures, the generated bench corpus and a set of edge cases both
 * ways.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { pythonCorpus } from '../../../bench/gen';
import { descendants, parameterNodes } from '../../../src/core/handlers/ast';
import {
  importedNamesFromTree,
  parsePlainImport,
  plainImportedNames,
  plainParameterNames,
  type PlainImport,
} from '../../../src/core/handlers/module';
import { readPython } from '../../../src/core/parse/python-read';
import type { SyntaxNode } from '../../../src/core/parse/syntax';
import { loadGrammar, namedChildren, parseWith } from '../../../src/core/parse/treesitter';
import {
  pythonPlainImportTargets,
  pythonTreeImportTargets,
  type ImportTarget,
} from '../../../src/core/handlers/code';

const REPO = path.resolve(__dirname, '..', '..', '..');

function pythonFiles(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) pythonFiles(p, out);
    else if (e.name.endsWith('.py')) out.push(p);
  }
  return out;
}

const EDGE_CASES = [
  'import os',
  'import a.b.c',
  'import a as b, c.d, e.f as g',
  'import  a ,b',
  'from . import x',
  'from ..pkg.mod import a as b, c',
  'from x import *',
  'from x import (a, b)',
  'from x import (\n    a,\n    b as c,\n)',
  'from x import a, \\\n    b',
  'import a.b as c  # comment',
  'from __future__ import annotations',
  'from x import a as b',
  'def f(event, context):\n    import boto3\n    from botocore.config import Config as C\n    return 1',
  'def f(event, context,):\n    pass',
  'def f():\n    pass',
  'def f(self):\n    pass',
  'def f(a, b, c):\n    pass',
  'def f(event, context=None):\n    pass',
  'def f(event: dict, context):\n    pass',
  'def f(*args, **kwargs):\n    pass',
  'def f(event, # the event\n      context):\n    pass',
  'def f(\n    event,\n    context\n):\n    pass',
  'def f(event, /, context):\n    pass',
  'def f(event, *, context):\n    pass',
  'async def f(_event, _context):\n    pass',
  'def f(évent, context):\n    pass',
].join('\n\n');

describe('handlers: plain imports and parameters read from the text', () => {
  before(async () => {
    await loadGrammar('python');
  });

  it('agree with the tree on every import statement and parameter list', () => {
    const sources: [string, string][] = [['edge cases', EDGE_CASES]];
    for (const f of pythonFiles(path.join(REPO, 'test', 'fixtures')))
      sources.push([f, fs.readFileSync(f, 'utf8')]);
    for (const f of pythonFiles(path.join(REPO, 'examples'))) sources.push([f, fs.readFileSync(f, 'utf8')]);
    for (const f of pythonCorpus(60)) sources.push([f.rel, f.text]);
    let imports = 0;
    let plainImports = 0;
    let params = 0;
    let plainParams = 0;
    for (const [name, text] of sources) {
      // (comments inside a list are left to the tree on purpose too)
      const tree = parseWith('python', text);
      try {
        for (const stmt of tree.rootNode.descendantsOfType(['import_statement', 'import_from_statement'])) {
          if (!stmt) continue;
          imports++;
          const plain = plainImportedNames(stmt.type, stmt.text);
          if (plain === undefined) continue;
          plainImports++;
          assert.deepStrictEqual(plain, importedNamesFromTree(stmt), `${name}: ${stmt.text}`);
          // What each name refers to (handlers/code importTargets), both ways.
          const fromText = new Map<string, ImportTarget>();
          const fromTree = new Map<string, ImportTarget>();
          assert.ok(pythonPlainImportTargets(stmt, fromText));
          pythonTreeImportTargets(stmt, fromTree);
          assert.deepStrictEqual([...fromText], [...fromTree], `${name}: ${stmt.text}`);
        }
        for (const fn of tree.rootNode.descendantsOfType('function_definition')) {
          const list = fn?.childForFieldName('parameters');
          if (!fn || !list) continue;
          params++;
          const plain = plainParameterNames(list.text);
          const nodes = parameterNodes(fn);
          if (plain === undefined) {
            // Only lists with something else than plain names are left to the tree.
            // (non-ASCII names are left to the tree on purpose)
            if (
              nodes.every((p) => p.type === 'identifier') &&
              /^[\x20-\x7e\s]*$/.test(list.text) &&
              !list.text.includes('#')
            )
              assert.fail(`${name}: plain list not recognized: ${list.text}`);
            continue;
          }
          plainParams++;
          assert.ok(
            nodes.every((p) => p.type === 'identifier'),
            `${name}: ${list.text} read as plain names`,
          );
          assert.deepStrictEqual(
            plain,
            nodes.map((p) => p.text),
            `${name}: ${list.text}`,
          );
        }
      } finally {
        tree.delete();
      }
    }
    // The fast paths really are the common case (else this test checks nothing).
    assert.ok(plainImports > 200 && plainImports > imports * 0.8, `${plainImports} of ${imports} imports`);
    assert.ok(plainParams > 100, `${plainParams} of ${params} parameter lists`);
  });

  it("walks the Python reader's nodes in place as it walks tree-sitter's (descendants, namedChildren)", () => {
    const shape = (n: SyntaxNode) => `${n.type}@${n.startIndex}-${n.endIndex}`;
    // Skipping function bodies' subtrees as the handler rules do (the node itself is listed, not below it).
    const skip = (n: SyntaxNode) => n.type === 'function_definition' || n.type === 'lambda';
    let nodes = 0;
    for (const f of [...pythonCorpus(30), { rel: 'edge cases', text: EDGE_CASES }]) {
      const root = readPython(f.text);
      if (!root) continue;
      const tree = parseWith('python', f.text);
      try {
        const ts = tree.rootNode;
        for (const sk of [undefined, skip]) {
          const mine: string[] = descendants(root, sk).map(shape);
          assert.deepStrictEqual(mine, descendants(ts, sk).map(shape), f.rel);
          nodes += mine.length;
        }
        const byShape = new Map(descendants(ts).map((n) => [shape(n), n] as const));
        for (const n of descendants(root)) {
          const other = byShape.get(shape(n)) as SyntaxNode;
          assert.deepStrictEqual(namedChildren(n).map(shape), namedChildren(other).map(shape), shape(n));
        }
      } finally {
        tree.delete();
      }
    }
    assert.ok(nodes > 10_000, `${nodes} nodes compared`);
  });

  it('scans plain imports as the regular expressions it replaced read them (random statements)', () => {
    // The reading before the hand-written scanner, as the reference (it also took non-ASCII spaces, which the
    // scanner leaves to the tree: the generator below makes ASCII only).
    const PLAIN_IMPORT = /^import\s+([\w.]+(?:\s+as\s+\w+)?(?:\s*,\s*[\w.]+(?:\s+as\s+\w+)?)*)$/;
    const PLAIN_FROM = /^from\s+([\w.]+)\s+import\s+(\*|\w+(?:\s+as\s+\w+)?(?:\s*,\s*\w+(?:\s+as\s+\w+)?)*)$/;
    const reference = (type: string, text: string): PlainImport | undefined => {
      const from = type === 'import_from_statement';
      const m = (from ? PLAIN_FROM : PLAIN_IMPORT).exec(text);
      if (!m) return undefined;
      const list = (from ? m[2] : m[1]) as string;
      const out: PlainImport = from
        ? { from: m[1] as string, items: [], wildcard: false }
        : { items: [], wildcard: false };
      if (list === '*') return { ...out, wildcard: true };
      for (const part of list.split(',')) {
        const [name = '', , alias] = part.trim().split(/\s+/);
        out.items.push(alias !== undefined ? { name, alias } : { name });
      }
      return out;
    };
    const pieces = [
      'import',
      'from',
      'as',
      'a',
      'b.c',
      '.',
      '..x',
      '_1',
      '*',
      ',',
      ' ',
      '  ',
      '\t',
      '\n',
      'as1',
      'é',
      '(',
      '#',
      '',
    ];
    let seed = 7;
    const rand = (k: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % k;
    };
    const texts = EDGE_CASES.split('\n').filter((l) => /^(import|from)\b/.test(l));
    for (let n = 0; n < 40_000; n++) {
      const words = [n % 2 === 0 ? 'import' : 'from'];
      for (let k = rand(9); k > 0; k--) words.push(pieces[rand(pieces.length)] as string);
      texts.push(words.join(rand(3) === 0 ? '' : ' '));
    }
    let accepted = 0;
    for (const text of texts)
      for (const type of ['import_statement', 'import_from_statement']) {
        const want = reference(type, text);
        assert.deepStrictEqual(parsePlainImport(type, text), want, `${type}: ${JSON.stringify(text)}`);
        if (want) accepted++;
      }
    assert.ok(accepted > 1000, `${accepted} accepted`);
  });

  it('reads the edge cases as the tree does', () => {
    assert.deepStrictEqual(plainImportedNames('import_statement', 'import a as b, c.d, e.f as g'), [
      'b',
      'c',
      'g',
    ]);
    assert.deepStrictEqual(plainImportedNames('import_from_statement', 'from ..pkg.mod import a as b, c'), [
      'b',
      'c',
    ]);
    assert.deepStrictEqual(plainImportedNames('import_from_statement', 'from x import *'), ['*']);
    assert.strictEqual(plainImportedNames('import_from_statement', 'from x import (a, b)'), undefined);
    assert.deepStrictEqual(plainParameterNames('(event, context,)'), ['event', 'context']);
    assert.strictEqual(plainParameterNames('(event, context=None)'), undefined);
    assert.strictEqual(plainParameterNames('(évent, context)'), undefined);
  });
});
