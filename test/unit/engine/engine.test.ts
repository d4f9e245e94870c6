import * as assert from 'assert';
import { parseConfig } from '../../../src/core/config';
import { createRule } from '../../../src/core/engine/rule';
import { Workspace } from '../../../src/core/engine/workspace';
import { applyEdits, selectFixes } from '../../../src/core/engine/fix';
import { LineIndex, edit } from '../../../src/core/model/text';

/** A test rule: reports every `print(` call in Python and offers to replace it with `log(`. */
const printRule = createRule(
  {
    id: 'test/print',
    description: 'Print calls',
    defaultSeverity: 'warning',
    fix: 'always',
    hasSuggestions: false,
    languages: ['python', 'sql', 'typescript'],
    why: 'test',
  },
  (ctx) => {
    const text = ctx.file.text;
    let i = text.indexOf('print(');
    while (i !== -1) {
      ctx.report({
        message: 'print call',
        startOffset: i,
        endOffset: i + 5,
        fix: { title: 'Use log', edits: [edit(ctx.file.index, i, i + 5, 'log')] },
      });
      i = text.indexOf('print(', i + 1);
    }
  },
);

const crashRule = createRule(
  {
    id: 'test/crash',
    description: 'Crashes',
    defaultSeverity: 'error',
    fix: 'never',
    hasSuggestions: false,
    languages: ['python'],
    why: 'test',
  },
  () => {
    throw new Error('boom');
  },
);

/** Breaks the file: replaces `x` with an open bracket. */
const breakRule = createRule(
  {
    id: 'test/break',
    description: 'Breaks',
    defaultSeverity: 'info',
    fix: 'always',
    hasSuggestions: false,
    languages: ['python'],
    why: 'test',
  },
  (ctx) => {
    const i = ctx.file.text.indexOf('x = 1');
    if (i >= 0)
      ctx.report({
        message: 'x',
        startOffset: i,
        endOffset: i + 1,
        fix: { title: 'Break', edits: [edit(ctx.file.index, i, i + 1, '(')] },
      });
  },
);

describe('engine', () => {
  it('reports exact ranges with offsets and positions', async () => {
    const ws = new Workspace('/ws', [printRule]);
    const r = await ws.lint('a.py', 'x = 1\n  print("é")\n');
    assert.strictEqual(r.findings.length, 1);
    const f = r.findings[0]!;
    assert.deepStrictEqual(f.range, {
      start: { line: 1, character: 2 },
      end: { line: 1, character: 7 },
      startOffset: 8,
      endOffset: 13,
    });
  });

  it('turns a crashing rule into an engine diagnostic and keeps the other rules', async () => {
    const ws = new Workspace('/ws', [crashRule, printRule]);
    const r = await ws.lint('a.py', 'print(1)\n');
    assert.strictEqual(r.findings.length, 1);
    assert.strictEqual(r.diagnostics.length, 1);
    assert.match(r.diagnostics[0]!.message, /test\/crash failed: boom/);
    assert.ok(ws.log.some((d) => d.ruleId === 'test/crash'));
  });

  it('reports notes recorded on a file (time-outs, skips) as engine diagnostics, once each', async () => {
    const noting = createRule(
      {
        id: 'test/note',
        description: 'Notes',
        defaultSeverity: 'info',
        fix: 'never',
        hasSuggestions: false,
        languages: ['sql'],
        why: 'test',
      },
      (ctx) => {
        ctx.file.note('timeout', 'statement at line 1 skipped');
        ctx.file.note('timeout', 'statement at line 1 skipped');
      },
    );
    const ws = new Workspace('/ws', [noting]);
    const r = await ws.lint('q.sql', 'SELECT 1');
    assert.deepStrictEqual(r.diagnostics, [
      { file: 'q.sql', kind: 'timeout', message: 'statement at line 1 skipped' },
    ]);
  });

  it('honours severities and off from config', async () => {
    const cfg = parseConfig('.perfguard.json', '{"rules": {"test/print": "error"}}', new Set(['test/print']));
    const ws = new Workspace('/ws', [printRule], cfg);
    assert.strictEqual((await ws.lint('a.py', 'print(1)')).findings[0]!.severity, 'error');
    ws.setConfig(parseConfig('.perfguard.json', '{"rules": {"test/print": "off"}}'));
    assert.strictEqual((await ws.lint('a.py', 'print(1)')).findings.length, 0);
  });

  it('skips excluded paths unless asked', async () => {
    const ws = new Workspace('/ws', [printRule]);
    assert.strictEqual((await ws.lint('node_modules/x/a.py', 'print(1)')).findings.length, 0);
    assert.strictEqual((await ws.lint('tests/test_a.py', 'print(1)')).findings.length, 0);
    assert.strictEqual((await ws.lint('src/a.py', 'print(1)')).findings.length, 1);
    assert.strictEqual(
      (await ws.lint('tests/test_a.py', 'print(1)', { ignoreExcludes: true })).findings.length,
      1,
    );
  });

  describe('derived indexes', () => {
    it('recompute after a change in their languages, and only then', () => {
      const ws = new Workspace('/ws', []);
      let builds = 0;
      const get = () => ws.derive('n', ['terraform'], () => ++builds);
      ws.setFile('a.tf', 'x = 1');
      assert.strictEqual(get(), 1);
      assert.strictEqual(get(), 1);
      ws.setFile('b.py', 'x = 1');
      assert.strictEqual(get(), 1);
      ws.setFile('a.tf', 'x = 2');
      assert.strictEqual(get(), 2);
    });

    it('with a relevance test, ignore edits of files that are and stay irrelevant', () => {
      const ws = new Workspace('/ws', []);
      let builds = 0;
      const get = () =>
        ws.derive('cdk', ['python'], () => ++builds, { relevant: (_p, text) => text.includes('aws_cdk') });
      ws.setFile('app.py', 'def handler(event, context): pass');
      assert.strictEqual(get(), 1);
      ws.setFile('app.py', 'def handler(event, context): return 1');
      assert.strictEqual(get(), 1, 'an edit of an irrelevant file');
      ws.setFile('stack.py', 'import aws_cdk');
      assert.strictEqual(get(), 2, 'a new file always counts');
      ws.setFile('stack.py', 'import aws_cdk as cdk');
      assert.strictEqual(get(), 3, 'an edit of a relevant file');
      ws.setFile('stack.py', 'import os');
      assert.strictEqual(get(), 4, 'a file that stops being relevant');
      ws.deleteFile('app.py');
      assert.strictEqual(get(), 5, 'a removed file always counts');
      ws.setConfig(parseConfig('.perfguard.json', '{}'));
      assert.strictEqual(get(), 6, 'a config change');
    });
  });

  describe('suppressions', () => {
    const cases: [string, string, string, number][] = [
      ['python end of line', 'a.py', 'print(1)  # perfguard-ignore test/print\nprint(2)\n', 1],
      ['python next line', 'a.py', '# perfguard-ignore-next-line test/print\nprint(1)\nprint(2)\n', 1],
      ['python file', 'a.py', 'print(1)\n# perfguard-ignore-file test/print\nprint(2)\n', 0],
      [
        'other rule id does not suppress',
        'a.py',
        'print(1)  # perfguard-ignore lambda/import-in-handler\n',
        1,
      ],
      ['list of ids', 'a.py', 'print(1)  # perfguard-ignore lambda/x, test/print\n', 0],
      ['inside a string is not a directive', 'a.py', 'print("# perfguard-ignore test/print")\n', 1],
      ['ts line comment', 'a.ts', 'print(1); // perfguard-ignore test/print\n', 0],
      ['ts block comment', 'a.ts', '/* perfguard-ignore-next-line test/print */\nprint(1);\n', 0],
      ['sql', 'q.sql', 'SELECT print(1) -- perfguard-ignore test/print\n', 0],
      ['sql in a string', 'q.sql', "SELECT print('-- perfguard-ignore test/print')\n", 1],
      ['reason after the ids', 'a.py', 'print(1)  # perfguard-ignore test/print -- legacy code\n', 0],
    ];
    for (const [name, file, code, expected] of cases) {
      it(name, async () => {
        const ws = new Workspace('/ws', [printRule]);
        assert.strictEqual((await ws.lint(file, code)).findings.length, expected);
      });
    }
  });

  describe('fixes', () => {
    it('applies every non-overlapping fix and is idempotent', async () => {
      const ws = new Workspace('/ws', [printRule]);
      const r = await ws.fix('a.py', 'print(1)\nprint(2)\n');
      assert.strictEqual(r.text, 'log(1)\nlog(2)\n');
      assert.strictEqual(r.fixed.length, 2);
      assert.strictEqual(r.remaining.length, 0);
      assert.strictEqual((await ws.fix('a.py', r.text)).text, r.text);
    });

    it('never keeps a fix that breaks the parse', async () => {
      const ws = new Workspace('/ws', [breakRule]);
      const r = await ws.fix('a.py', 'x = 1\n');
      assert.strictEqual(r.text, 'x = 1\n');
      assert.ok(r.diagnostics.some((d) => /would break the file/.test(d.message)));
    });

    it('defers overlapping fixes and merges identical edits', () => {
      const idx = new LineIndex('abcdef');
      const a = { title: 'a', edits: [edit(idx, 0, 3, 'X')] };
      const b = { title: 'b', edits: [edit(idx, 2, 4, 'Y')] };
      const c = { title: 'c', edits: [edit(idx, 0, 3, 'X')] };
      const d = { title: 'd', edits: [edit(idx, 6, 6, '!')] };
      const { taken, deferred } = selectFixes([a, b, c, d]);
      assert.deepStrictEqual(
        taken.map((t) => t.title),
        ['a', 'c', 'd'],
      );
      assert.deepStrictEqual(
        deferred.map((t) => t.title),
        ['b'],
      );
      assert.strictEqual(applyEdits('abcdef', [...a.edits, ...d.edits]), 'Xdef!');
    });
  });

  describe('config', () => {
    it('names the file and the position of a syntax error and keeps defaults', () => {
      const cfg = parseConfig('/ws/.perfguard.json', '{\n  "rules": {\n    "a/b": "error",,\n  }\n}');
      assert.ok(cfg.problems.length > 0);
      assert.match(
        cfg.problems[0]!.message,
        /^\/ws\/\.perfguard\.json: line 3, column \d+: .*using the defaults/,
      );
      assert.strictEqual(cfg.targets.lambda.memoryMb, 512);
    });
    it('merges targets deeply and reports values of the wrong type', () => {
      const cfg = parseConfig(
        '.perfguard.json',
        '{"targets": {"lambda": {"memoryMb": 1024, "warmMs": "fast"}, "nope": 1}}',
      );
      assert.strictEqual(cfg.targets.lambda.memoryMb, 1024);
      assert.strictEqual(cfg.targets.lambda.warmMs, 200);
      assert.strictEqual(cfg.targets.lambda.coldStartMs, 3000);
      assert.deepStrictEqual(
        cfg.problems.map((p) => p.message),
        [
          '.perfguard.json: targets.lambda.warmMs should be a number, not string; the default is used',
          '.perfguard.json: targets.nope is not a known target; the default is used',
        ],
      );
    });
    it('rejects unknown severities and rule ids', () => {
      const cfg = parseConfig(
        '.perfguard.json',
        '{"rules": {"a/b": "loud", "c/d": "off"}}',
        new Set(['a/b']),
      );
      assert.deepStrictEqual(cfg.rules, {});
      assert.strictEqual(cfg.problems.length, 2);
    });
  });
});
