import * as assert from 'assert';
import { editBetween } from '../../../src/core/engine/file';
import { Workspace } from '../../../src/core/engine/workspace';
import { loadGrammar, parseWith } from '../../../src/core/parse/treesitter';
import { BUILTIN_SEEDS } from '../../fuzz/seeds';
import { mulberry32 } from '../../fuzz/fuzz';

/** The incremental re-parse after an edit gives the same tree as a parse from scratch. */
describe('incremental parsing', () => {
  before(async () => {
    for (const g of ['python', 'typescript', 'javascript', 'terraform'] as const) await loadGrammar(g);
  });

  it('computes the edit between two texts', () => {
    const e = editBetween('ab\ncd\nef', 'ab\ncXd\nef');
    assert.deepStrictEqual(e, {
      startIndex: 4,
      oldEndIndex: 4,
      newEndIndex: 5,
      startPosition: { row: 1, column: 1 },
      oldEndPosition: { row: 1, column: 1 },
      newEndPosition: { row: 1, column: 2 },
    });
    const d = editBetween('abc\ndef', 'abef');
    assert.deepStrictEqual([d.startIndex, d.oldEndIndex, d.newEndIndex], [2, 5, 2]);
  });

  for (const seed of BUILTIN_SEEDS.filter((s) => /\.(py|ts|js|tf)$/.test(s.path))) {
    it(`matches a fresh parse after 60 random edits of ${seed.path}`, () => {
      const rnd = mulberry32(7);
      const ws = new Workspace('/ws', []);
      let text = seed.text;
      ws.setFile(seed.path, text);
      void ws.getFile(seed.path)!.tree;
      const lang = ws.getFile(seed.path)!.language as 'python' | 'typescript' | 'javascript' | 'terraform';
      for (let i = 0; i < 60; i++) {
        const at = Math.floor(rnd() * (text.length + 1));
        const del = Math.floor(rnd() * 6);
        const ins = ['', 'x', '(', '"', '\n', '  y = 1\n', 'é'][Math.floor(rnd() * 7)]!;
        text = text.slice(0, at) + ins + text.slice(at + del);
        ws.setFile(seed.path, text);
        const incremental = ws.getFile(seed.path)!.tree!.rootNode.toString();
        const fresh = parseWith(lang, text);
        try {
          assert.strictEqual(incremental, fresh.rootNode.toString(), `edit ${i} at ${at}`);
        } finally {
          fresh.delete();
        }
      }
    });
  }
});
