/**
 * The CLI's pieces in process: formatters over findings of a Workspace built with test rules, exit codes,
 * argument parsing, and reading/writing files in their encodings.
 */
import * as assert from 'assert';
import { parseConfig } from '../../../src/core/config';
import { createRule } from '../../../src/core/engine/rule';
import { Workspace } from '../../../src/core/engine/workspace';
import { edit } from '../../../src/core/model/text';
import type { EngineDiagnostic } from '../../../src/core/model/types';
import { parseCliArgs, UsageError } from '../../../src/cli/args';
import { formatJson } from '../../../src/cli/formatters/json';
import { sarifUri, toSarif } from '../../../src/cli/formatters/sarif';
import { formatStylish } from '../../../src/cli/formatters/stylish';
import { decodeSource, encodeSource } from '../../../src/cli/read';
import { exitCodeOf, type LintReport } from '../../../src/cli/report';

/** Reports every `print(` in Python with a safe fix to `log(`. */
const printRule = createRule(
  {
    id: 'test/print',
    description: 'Print calls',
    defaultSeverity: 'warning',
    fix: 'always',
    hasSuggestions: false,
    languages: ['python'],
    why: 'Printing is slow.',
  },
  (ctx) => {
    const text = ctx.file.text;
    for (let i = text.indexOf('print('); i !== -1; i = text.indexOf('print(', i + 1))
      ctx.report({
        message: 'print call',
        startOffset: i,
        endOffset: i + 5,
        fix: { title: 'Use log', edits: [edit(ctx.file.index, i, i + 5, 'log')] },
      });
  },
);

/** Reports `eval` as an error, without a fix. */
const evalRule = createRule(
  {
    id: 'test/eval',
    description: 'Eval calls',
    defaultSeverity: 'error',
    fix: 'never',
    hasSuggestions: false,
    languages: ['python'],
    why: 'Eval is slower still.',
  },
  (ctx) => {
    const i = ctx.file.text.indexOf('eval');
    if (i >= 0) ctx.report({ message: 'eval\ncall', startOffset: i, endOffset: i + 4 });
  },
);

const infoRule = createRule(
  {
    id: 'test/todo',
    description: 'Todo comments',
    defaultSeverity: 'info',
    fix: 'never',
    hasSuggestions: false,
    languages: ['python'],
    why: 'Todo.',
  },
  (ctx) => {
    const i = ctx.file.text.indexOf('TODO');
    if (i >= 0) ctx.report({ message: 'todo', startOffset: i, endOffset: i + 4 });
  },
);

const FILES: Record<string, string> = {
  // An astral character (two UTF-16 code units) before the finding on line 2.
  'src/my app#1.py': 'x = 1\ns = "😀"; print(s)\n',
  'src/b.py': 'eval("1")  # TODO\nprint(2)\nprint(3)\n',
  'src/clean.py': 'y = 2\n',
};

async function buildReport(
  opts: { config?: string; diagnostics?: EngineDiagnostic[] } = {},
): Promise<LintReport> {
  const cfg = parseConfig('.perfguard.json', opts.config ?? '{}');
  const rules = [printRule, evalRule, infoRule];
  const ws = new Workspace('/ws', rules, cfg);
  for (const [p, t] of Object.entries(FILES)) ws.setFile(p, t);
  await ws.prepare();
  const report: LintReport = {
    root: '/ws',
    version: '9.9.9',
    files: [],
    diagnostics: [...(opts.diagnostics ?? [])],
    rules: rules.map((r) => ({ meta: r.meta, setting: cfg.rules[r.meta.id] ?? r.meta.defaultSeverity })),
    failed: false,
  };
  for (const p of Object.keys(FILES).sort()) {
    const r = ws.lintPrepared(p);
    report.files.push({
      path: p,
      language: 'python',
      bytes: FILES[p]!.length,
      ms: 1.5,
      findings: r.findings,
      fixed: [],
    });
  }
  return report;
}

describe('cli: formatters', () => {
  it('stylish: aligned rows per file, one-line messages, counts and fixable', async () => {
    const out = formatStylish(await buildReport(), { color: false });
    assert.strictEqual(
      out,
      [
        '',
        'src/b.py',
        '   1:1  error    eval call   test/eval',
        '  1:14  info     todo        test/todo',
        '   2:1  warning  print call  test/print',
        '   3:1  warning  print call  test/print',
        '',
        'src/my app#1.py',
        '  2:11  warning  print call  test/print',
        '',
        '✖ 5 problems (1 error, 3 warnings, 1 info) in 3 files linted',
        '  3 problems fixable with the --fix option.',
        '',
      ].join('\n'),
    );
  });

  it('stylish: colour codes only when asked, and the clean summary', async () => {
    const report = await buildReport();
    const coloured = formatStylish(report, { color: true });
    assert.ok(coloured.includes('\u001b[4msrc/b.py\u001b[0m'));
    assert.ok(coloured.includes('\u001b[31merror  \u001b[0m'));
    report.files = report.files.filter((f) => f.path === 'src/clean.py');
    assert.strictEqual(formatStylish(report, { color: false }), '\n✔ No problems in 1 file linted.\n');
  });

  it('json: the engine findings unchanged, the diagnostics and a summary', async () => {
    const skipped: EngineDiagnostic = { file: 'big.py', kind: 'skipped', message: 'larger than 2 MB' };
    const report = await buildReport({ diagnostics: [skipped] });
    const parsed = JSON.parse(formatJson(report, { stats: false })) as Record<string, unknown>;
    assert.deepStrictEqual(
      parsed.findings,
      JSON.parse(JSON.stringify(report.files.flatMap((f) => f.findings))),
    );
    assert.deepStrictEqual(parsed.diagnostics, [skipped]);
    assert.deepStrictEqual(parsed.summary, {
      files: 3,
      errors: 1,
      warnings: 3,
      infos: 1,
      fixable: 3,
      fixed: 0,
      skipped: 1,
    });
    assert.strictEqual(parsed.files, undefined);
    const stats = JSON.parse(formatJson(report, { stats: true })) as {
      files: { path: string; findings: number }[];
    };
    assert.deepStrictEqual(
      stats.files.map((f) => [f.path, f.findings]),
      [
        ['src/b.py', 4],
        ['src/clean.py', 0],
        ['src/my app#1.py', 1],
      ],
    );
  });

  it('sarif: rules with levels (off disabled), results with 1-based UTF-16 regions, encoded URIs and fixes', async () => {
    const report = await buildReport({
      config: '{ "rules": { "test/todo": "off", "test/print": "error" } }',
    });
    report.diagnostics.push({ file: 'src/b.py', kind: 'rule-error', ruleId: 'test/eval', message: 'boom' });
    const log = toSarif(report) as {
      version: string;
      runs: [
        {
          tool: { driver: { rules: Record<string, unknown>[] } };
          results: Record<string, unknown>[];
          invocations: [
            { executionSuccessful: boolean; toolExecutionNotifications: Record<string, unknown>[] },
          ];
          originalUriBaseIds: Record<string, { uri: string }>;
        },
      ];
    };
    assert.strictEqual(log.version, '2.1.0');
    const run = log.runs[0];
    assert.deepStrictEqual(
      run.tool.driver.rules.map((r) => [r.id, r.helpUri, r.shortDescription, r.defaultConfiguration]),
      [
        [
          'test/print',
          'https://github.com/perfguard/perfguard/blob/main/docs/rules/test/print.md',
          { text: 'Print calls' },
          { level: 'error' },
        ],
        [
          'test/eval',
          'https://github.com/perfguard/perfguard/blob/main/docs/rules/test/eval.md',
          { text: 'Eval calls' },
          { level: 'error' },
        ],
        [
          'test/todo',
          'https://github.com/perfguard/perfguard/blob/main/docs/rules/test/todo.md',
          { text: 'Todo comments' },
          { level: 'note', enabled: false },
        ],
      ],
    );
    assert.strictEqual(run.originalUriBaseIds['%SRCROOT%']!.uri, 'file:///ws/');
    const last = run.results[run.results.length - 1]!;
    assert.deepStrictEqual(last, {
      ruleId: 'test/print',
      ruleIndex: 0,
      level: 'error',
      message: { text: 'print call' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'src/my%20app%231.py', uriBaseId: '%SRCROOT%' },
            // "😀" is two UTF-16 code units: print( starts at character 10 (0-based), column 11.
            region: { startLine: 2, startColumn: 11, endLine: 2, endColumn: 16 },
          },
        },
      ],
      fixes: [
        {
          description: { text: 'Use log' },
          artifactChanges: [
            {
              artifactLocation: { uri: 'src/my%20app%231.py', uriBaseId: '%SRCROOT%' },
              replacements: [
                {
                  deletedRegion: { startLine: 2, startColumn: 11, endLine: 2, endColumn: 16 },
                  insertedContent: { text: 'log' },
                },
              ],
            },
          ],
        },
      ],
    });
    const evalResult = run.results.find((r) => r.ruleId === 'test/eval')!;
    assert.strictEqual(evalResult.fixes, undefined, 'no fixes without a safe fix');
    assert.strictEqual(evalResult.level, 'error');
    assert.ok(!run.results.some((r) => r.ruleId === 'test/todo'), 'a rule turned off reports nothing');
    assert.strictEqual(run.invocations[0].executionSuccessful, true);
    assert.deepStrictEqual(run.invocations[0].toolExecutionNotifications, [
      {
        level: 'error',
        message: { text: 'src/b.py: boom' },
        descriptor: { id: 'rule-error' },
        associatedRule: { id: 'test/eval' },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'src/b.py', uriBaseId: '%SRCROOT%' } } }],
      },
    ]);
    report.failed = true;
    assert.strictEqual((toSarif(report) as typeof log).runs[0].invocations[0].executionSuccessful, false);
  });

  it('sarif URIs: forward slashes, reserved characters encoded', () => {
    assert.strictEqual(sarifUri('a/b c/ü?.py'), 'a/b%20c/%C3%BC%3F.py');
    assert.strictEqual(sarifUri('../x/100%.py'), '../x/100%25.py');
  });

  it('exit codes: 0 clean or warnings, 1 errors or too many warnings, 2 failures', async () => {
    const report = await buildReport();
    assert.strictEqual(exitCodeOf(report), 1);
    report.files = report.files.map((f) => ({
      ...f,
      findings: f.findings.filter((x) => x.severity !== 'error'),
    }));
    assert.strictEqual(exitCodeOf(report), 0);
    report.maxWarnings = 2;
    assert.strictEqual(exitCodeOf(report), 1);
    report.maxWarnings = 3;
    assert.strictEqual(exitCodeOf(report), 0);
    report.failed = true;
    assert.strictEqual(exitCodeOf(report), 2);
  });
});

describe('cli: arguments', () => {
  it('parses the lint command and its options', () => {
    assert.deepStrictEqual(
      parseCliArgs([
        'lint',
        'src',
        'infra',
        '-f',
        'sarif',
        '--fix',
        '--config',
        'ci.json',
        '--max-warnings',
        '0',
        '-o',
        'r.sarif',
      ]),
      {
        command: 'lint',
        paths: ['src', 'infra'],
        format: 'sarif',
        fix: true,
        quiet: false,
        stats: false,
        config: 'ci.json',
        output: 'r.sarif',
        maxWarnings: 0,
      },
    );
    assert.deepStrictEqual(parseCliArgs(['--version']), { command: 'version' });
    assert.deepStrictEqual(parseCliArgs(['lint', '--help']), { command: 'help' });
    assert.strictEqual((parseCliArgs(['lint', '--no-color']) as { color?: boolean }).color, false);
  });

  it('rejects mistakes as usage errors', () => {
    for (const argv of [
      [],
      ['fix'],
      ['lint', '--format=html'],
      ['lint', '--max-warnings', '-1'],
      ['lint', '--max-warnings', '1.5'],
      ['lint', '--nope'],
      ['lint', '--config'],
      ['lint', '--color', '--no-color'],
    ])
      assert.throws(() => parseCliArgs(argv), UsageError, argv.join(' '));
  });
});

describe('cli: reading files', () => {
  it('decodes UTF-8 (with and without BOM), UTF-16 with BOM and Latin-1; NUL bytes mean binary', () => {
    assert.deepStrictEqual(decodeSource(Buffer.from('a = "é"\n')), {
      text: 'a = "é"\n',
      encoding: 'utf8',
      bom: false,
      bytes: 9,
    });
    const bom = decodeSource(Buffer.from('\uFEFFx = 1\n'));
    assert.deepStrictEqual(bom, { text: 'x = 1\n', encoding: 'utf8', bom: true, bytes: 9 });
    const u16 = decodeSource(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('x = 1\n', 'utf16le')]));
    assert.deepStrictEqual(u16, { text: 'x = 1\n', encoding: 'utf16le', bom: true, bytes: 14 });
    const latin = decodeSource(Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));
    assert.deepStrictEqual(latin, { text: 'café\n', encoding: 'latin1', bom: false, bytes: 5 });
    assert.deepStrictEqual(decodeSource(Buffer.from([0x61, 0x00, 0x62])), {
      skip: 'binary file (NUL byte at offset 1)',
    });
  });

  it('writes a text back in the encoding it was read with, byte for byte', () => {
    const samples = [
      Buffer.from('x = "é"\r\n'),
      Buffer.from('\uFEFFx = 1\n'),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('y = "ü"\n', 'utf16le')]),
      Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('y = 2\n', 'utf16le').swap16()]),
      Buffer.from([0xef, 0xbb, 0xbf, 0x63, 0x61, 0x66, 0xe9, 0x0a]),
    ];
    for (const buf of samples) {
      const d = decodeSource(buf);
      assert.ok('text' in d);
      assert.deepStrictEqual(encodeSource(d.text, d.encoding, d.bom), buf);
    }
  });
});
