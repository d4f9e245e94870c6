/**
 * `perfguard lint` as a user runs it: a real `node cli.js` process over a copy of test/fixtures/cli/project
 * (the copy is the workspace root), with the real rules. Exit codes, stderr notes, file discovery, each output
 * format and `--fix` are checked on what the process prints and writes.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import {
  cleanTemps,
  cliBundle,
  copyFixture,
  FOCUS_RULES,
  focusConfig,
  REPO,
  runCli,
  tempDir,
  write,
} from './helpers';

interface JsonFinding {
  ruleId: string;
  severity: string;
  message: string;
  file: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  fix?: { title: string; edits: unknown[] };
}
interface JsonReport {
  version: string;
  findings: JsonFinding[];
  diagnostics: { file: string; kind: string; message: string }[];
  summary: Record<string, number>;
  files?: { path: string; language: string; bytes: number; ms: number; findings: number }[];
}

function json(stdout: string): JsonReport {
  return JSON.parse(stdout) as JsonReport;
}

/** `file:line:col ruleId` of each finding of the focus rules, for compact comparisons. */
function where(r: JsonReport): string[] {
  return r.findings
    .filter((f) => FOCUS_RULES.includes(f.ruleId))
    .map((f) => `${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.ruleId}`);
}

const PROJECT_FINDINGS = [
  'src/orders/app.py:7:5 lambda/import-in-handler',
  'src/orders/app.py:9:13 lambda/client-in-handler',
  'src/sub/keep.py:2:5 lambda/import-in-handler',
  'src/web/handler.js:4:18 lambda/client-in-handler',
  'src/web/handler.js:5:16 lambda/import-in-handler',
];

const pkgVersion = (
  JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string }
).version;

describe('cli: perfguard lint (process)', function () {
  this.timeout(120_000);
  before(() => {
    cliBundle();
  });
  after(cleanTemps);

  describe('discovery', () => {
    it('lints handled files, honouring .gitignore (nested too) and the default excludes', () => {
      const root = copyFixture('project');
      const r = runCli(root, ['lint', '--format', 'json', '--stats']);
      assert.strictEqual(r.code, 0, r.stderr);
      const report = json(r.stdout);
      assert.deepStrictEqual(where(report), PROJECT_FINDINGS);
      const linted = (report.files ?? []).map((f) => f.path);
      assert.deepStrictEqual(linted, [
        'src/clean.py',
        'src/orders/app.py',
        'src/sub/keep.py',
        'src/web/handler.js',
      ]);
      // generated/ and *.local.py (root .gitignore), src/sub/skipme.py (nested .gitignore),
      // tests/ and node_modules/ (default excludes) are not linted.
      for (const p of ['generated/gen.py', 'src/notes.local.py', 'src/sub/skipme.py', 'tests/test_app.py'])
        assert.ok(!linted.includes(p), p);
      assert.strictEqual(r.stderr, '');
    });

    it('honours "exclude" in .perfguard.json and a .gitignore negation', () => {
      const root = copyFixture('project');
      write(root, '.perfguard.json', focusConfig({ exclude: ['src/web/'] }));
      fs.appendFileSync(path.join(root, '.gitignore'), '!src/notes.local.py\n');
      const r = runCli(root, ['lint', '-f', 'json']);
      assert.strictEqual(r.code, 0, r.stderr);
      const files = new Set(json(r.stdout).findings.map((f) => f.file));
      assert.deepStrictEqual([...files], ['src/notes.local.py', 'src/orders/app.py', 'src/sub/keep.py']);
    });

    it('lints only the given paths, and a file named explicitly even when it is excluded', () => {
      const root = copyFixture('project');
      const r = runCli(root, ['lint', '-f', 'json', 'src/web', 'tests/test_app.py']);
      assert.strictEqual(r.code, 0, r.stderr);
      assert.deepStrictEqual(where(json(r.stdout)), [
        'src/web/handler.js:4:18 lambda/client-in-handler',
        'src/web/handler.js:5:16 lambda/import-in-handler',
        'tests/test_app.py:2:5 lambda/import-in-handler',
      ]);
    });

    it('says so when a folder given is itself excluded', () => {
      const root = copyFixture('project');
      const r = runCli(root, ['lint', 'generated']);
      assert.strictEqual(r.code, 0);
      assert.match(r.stderr, /nothing linted under generated: it is git-ignored/);
      assert.match(r.stdout, /No problems in 0 files linted/);
    });

    it('lints inside a folder the repository git-ignores when run from there, not from above', () => {
      const repo = tempDir();
      fs.mkdirSync(path.join(repo, '.git'));
      write(repo, '.gitignore', 'scratch/\n');
      write(repo, 'scratch/.perfguard.json', focusConfig());
      write(repo, 'scratch/app.py', 'def handler(event, context):\n    import os\n    return os.sep\n');
      const inside = runCli(path.join(repo, 'scratch'), ['lint', '-f', 'json']);
      assert.strictEqual(inside.code, 0, inside.stderr);
      assert.deepStrictEqual(where(json(inside.stdout)), ['app.py:2:5 lambda/import-in-handler']);
      const above = runCli(repo, ['lint', 'scratch']);
      assert.match(above.stderr, /nothing linted under scratch: it is git-ignored/);
      assert.match(above.stdout, /No problems in 0 files linted/);
    });

    it('skips binary, huge, unreadable and broken-link files with one stderr line each', function () {
      const root = copyFixture('project');
      write(root, 'src/blob.py', Buffer.from([0x69, 0x6d, 0x00, 0x01, 0x02]));
      write(root, 'src/huge.py', 'x = 1\n'.repeat(400_000)); // 2.4 MB
      write(root, 'src/locked.py', 'def handler(event, context):\n    import os\n');
      fs.chmodSync(path.join(root, 'src/locked.py'), 0o000);
      fs.symlinkSync(path.join(root, 'missing.py'), path.join(root, 'src/dangling.py'));
      write(root, 'src/private/secret.py', 'x = 1\n');
      fs.chmodSync(path.join(root, 'src/private'), 0o000);
      // root reads everything: run the CLI as an unprivileged user then (the copy is world-readable).
      const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
      const r = runCli(root, ['lint', '-f', 'json'], asUser);
      fs.chmodSync(path.join(root, 'src/private'), 0o755); // so that the clean-up can remove it
      assert.strictEqual(r.code, 0, r.stderr);
      const lines = r.stderr.trim().split('\n').sort();
      assert.deepStrictEqual(lines, [
        'perfguard: skipped src/blob.py: binary file (NUL byte at offset 2)',
        'perfguard: skipped src/dangling.py: broken symbolic link (ENOENT: no such file)',
        'perfguard: skipped src/huge.py: larger than 2 MB (2.3 MB)',
        'perfguard: skipped src/locked.py: unreadable (EACCES: permission denied)',
        'perfguard: skipped src/private: cannot read folder (EACCES: permission denied)',
      ]);
      const report = json(r.stdout);
      assert.deepStrictEqual(where(report), PROJECT_FINDINGS, 'the other files are still linted');
      assert.deepStrictEqual(
        report.diagnostics
          .filter((d) => d.kind === 'skipped')
          .map((d) => d.file)
          .sort(),
        ['src/blob.py', 'src/dangling.py', 'src/huge.py', 'src/locked.py', 'src/private'],
      );
      assert.strictEqual(report.summary.skipped, 5);
    });

    it('walks a symbolic link loop once and does not lint a linked folder twice', () => {
      const root = copyFixture('project');
      fs.symlinkSync('..', path.join(root, 'src/sub/up')); // src/sub/up -> src
      fs.symlinkSync(path.join(root, 'src'), path.join(root, 'alias')); // alias -> src
      const r = runCli(root, ['lint', '-f', 'json']);
      assert.strictEqual(r.code, 0, r.stderr);
      const report = json(r.stdout);
      assert.strictEqual(report.findings.length, PROJECT_FINDINGS.length, where(report).join('\n'));
    });

    it('handles empty files, CRLF line ends, a byte-order mark and non-UTF-8 text', () => {
      const root = tempDir();
      write(root, '.perfguard.json', focusConfig());
      write(root, 'empty.py', '');
      write(
        root,
        'crlf.py',
        Buffer.concat([
          Buffer.from([0xef, 0xbb, 0xbf]),
          Buffer.from(
            'import boto3\r\n\r\n\r\ndef handler(event, context):\r\n    import os\r\n    return os.sep\r\n',
          ),
        ]),
      );
      // Latin-1 "é" (0xe9) is not UTF-8; the column after it still counts one character per byte.
      write(
        root,
        'latin.py',
        Buffer.concat([
          Buffer.from('def handler(event, context):\n    name = "caf'),
          Buffer.from([0xe9]),
          Buffer.from('"; import json\n    return json.dumps(name)\n'),
        ]),
      );
      const r = runCli(root, ['lint', '-f', 'json']);
      assert.strictEqual(r.code, 0, r.stderr);
      assert.deepStrictEqual(where(json(r.stdout)), [
        'crlf.py:5:5 lambda/import-in-handler',
        'latin.py:2:20 lambda/import-in-handler',
      ]);
    });
  });

  describe('exit codes and config', () => {
    it('exits 1 when a finding is an error (severity from .perfguard.json)', () => {
      const root = copyFixture('project');
      write(root, '.perfguard.json', focusConfig({ rules: { 'lambda/client-in-handler': 'error' } }));
      const r = runCli(root, ['lint']);
      assert.strictEqual(r.code, 1, r.stderr);
      assert.match(r.stdout, /✖ 5 problems \(2 errors, 3 warnings, 0 infos\) in 4 files linted/);
    });

    it('turns a rule off from the config', () => {
      const root = copyFixture('project');
      write(root, '.perfguard.json', focusConfig({ rules: { 'lambda/import-in-handler': 'off' } }));
      const r = runCli(root, ['lint', '-f', 'json']);
      assert.strictEqual(r.code, 0, r.stderr);
      assert.deepStrictEqual(
        where(json(r.stdout)),
        PROJECT_FINDINGS.filter((f) => f.endsWith('client-in-handler')),
      );
    });

    it('reports a broken config with its name and problem, lints with the defaults and exits 2', () => {
      const root = copyFixture('project');
      write(root, '.perfguard.json', '{\n  "rules": { "lambda/client-in-handler": "error" \n');
      const r = runCli(root, ['lint', '-f', 'json']);
      assert.strictEqual(r.code, 2);
      assert.strictEqual(
        r.stderr,
        'perfguard: config error: .perfguard.json: line 3, column 1: a closing brace was expected; using the defaults\n',
      );
      const report = json(r.stdout);
      assert.deepStrictEqual(where(report), PROJECT_FINDINGS);
      assert.ok(
        report.findings.every((f) => f.ruleId !== 'lambda/client-in-handler' || f.severity === 'warning'),
        'defaults, not the broken setting',
      );
      assert.deepStrictEqual(
        report.diagnostics.map((d) => [d.kind, d.file]),
        [['config-error', '.perfguard.json']],
      );
    });

    it('reports an unknown rule id and a mistyped target in the config', () => {
      const root = copyFixture('project');
      write(
        root,
        'ci/perfguard.json',
        '{ "rules": { "lambda/nope": "error" }, "targets": { "lambda": { "memoryMb": "big" } } }',
      );
      const r = runCli(root, ['lint', '--config', 'ci/perfguard.json']);
      assert.strictEqual(r.code, 2);
      assert.match(r.stderr, /ci\/perfguard\.json: unknown rule "lambda\/nope"/);
      assert.match(r.stderr, /ci\/perfguard\.json: targets\.lambda\.memoryMb should be a number, not string/);
    });

    it('exits 2 when --config names a file that does not exist', () => {
      const root = copyFixture('project');
      const r = runCli(root, ['lint', '--config', 'nope.json']);
      assert.strictEqual(r.code, 2);
      assert.match(
        r.stderr,
        /config error: nope\.json: cannot read the configuration file \(ENOENT: no such file\)/,
      );
    });

    it('exits 2 on usage errors', () => {
      const root = copyFixture('project');
      for (const args of [
        [],
        ['check'],
        ['lint', '--format', 'xml'],
        ['lint', '--bogus'],
        ['lint', '--max-warnings', 'x'],
      ]) {
        const r = runCli(root, args);
        assert.strictEqual(r.code, 2, args.join(' '));
        assert.match(r.stderr, /^perfguard: .+\nRun "perfguard --help" for usage\.\n$/, args.join(' '));
        assert.strictEqual(r.stdout, '');
      }
      const missing = runCli(root, ['lint', 'no/such/dir']);
      assert.strictEqual(missing.code, 2);
      assert.match(missing.stderr, /no such file or folder: no\/such\/dir/);
    });

    it('prints help and version', () => {
      const root = tempDir();
      const h = runCli(root, ['--help']);
      assert.strictEqual(h.code, 0);
      assert.match(h.stdout, /perfguard lint \[paths\.\.\.\] \[options\]/);
      assert.match(h.stdout, /Exit codes:/);
      const v = runCli(root, ['--version']);
      assert.deepStrictEqual([v.code, v.stdout], [0, `${pkgVersion}\n`]);
    });

    it('--max-warnings and --quiet', () => {
      const root = copyFixture('project');
      const over = runCli(root, ['lint', '--max-warnings', '4']);
      assert.strictEqual(over.code, 1);
      assert.match(over.stdout, /Too many warnings \(5; maximum: 4\)/);
      assert.strictEqual(runCli(root, ['lint', '--max-warnings', '5']).code, 0);
      const quiet = runCli(root, ['lint', '--quiet', '--max-warnings', '0', '-f', 'json']);
      assert.strictEqual(quiet.code, 0);
      assert.deepStrictEqual(json(quiet.stdout).findings, []);
    });

    it('reads the Parquet footers of tables[].dataFolder, so athena/scan-budget is exact', () => {
      const root = copyFixture('project');
      write(
        root,
        'sql/events.sql',
        "CREATE EXTERNAL TABLE events (event_id string, payload string)\nPARTITIONED BY (dt string)\nSTORED AS PARQUET LOCATION 's3://lake/events/' TBLPROPERTIES ('parquet.compression'='SNAPPY');\n\nSELECT event_id, payload FROM events WHERE dt = '2026-01-01';\n",
      );
      for (const dt of ['2026-01-01', '2026-01-02']) {
        const rows = 100;
        const buf = parquetWriteBuffer({
          columnData: [
            {
              name: 'event_id',
              data: Array.from({ length: rows }, (_, i) => `e-${dt}-${i}`),
              type: 'STRING',
            },
            { name: 'payload', data: Array.from({ length: rows }, (_, i) => `p${i}`), type: 'STRING' },
          ],
        });
        write(root, `data/events/dt=${dt}/part-0.parquet`, Buffer.from(buf));
      }
      const lint = (table: Record<string, unknown>) => {
        write(
          root,
          '.perfguard.json',
          focusConfig({ rules: { 'athena/scan-budget': 'warning' }, tables: [table] }),
        );
        const r = runCli(root, ['lint', 'sql', '-f', 'json']);
        assert.strictEqual(r.code, 0, r.stderr);
        return json(r.stdout).findings.map((f) => `${f.file}:${f.range.start.line + 1} ${f.message}`);
      };
      // Declared statistics alone (50 GB, no partition values): over the 1 GB budget.
      assert.deepStrictEqual(lint({ name: 'events', sizeBytes: 50 * 1024 ** 3 }), [
        'sql/events.sql:5 Query scans more than the 1.0 GB budget: ≈ 50.0 GB scanned · ≈ $0.2441',
      ]);
      // The local data says what the query really reads: one small partition of two.
      assert.deepStrictEqual(
        lint({ name: 'events', sizeBytes: 50 * 1024 ** 3, dataFolder: 'data/events' }),
        [],
      );
    });
  });

  describe('formats', () => {
    it('stylish: grouped by file, summary with fixable count, colour only when asked', () => {
      const root = copyFixture('project');
      const r = runCli(root, ['lint']);
      assert.strictEqual(r.code, 0);
      const lines = r.stdout.split('\n');
      assert.strictEqual(lines[1], 'src/orders/app.py');
      assert.match(
        lines[2] ?? '',
        /^ {3}7:5 {2}warning {2}Import inside handler 'lambda_handler'.* {2}lambda\/import-in-handler$/,
      );
      assert.match(
        lines[3] ?? '',
        /^ {2}9:13 {2}warning {2}Client built per invocation.* {2}lambda\/client-in-handler$/,
      );
      assert.ok(
        r.stdout.endsWith(
          '✖ 5 problems (0 errors, 5 warnings, 0 infos) in 4 files linted\n  5 problems fixable with the --fix option.\n',
        ),
      );
      assert.ok(!r.stdout.includes('\u001b['), 'no colour in a pipe');
      const colour = runCli(root, ['lint', '--color']);
      assert.ok(colour.stdout.includes('\u001b[4msrc/orders/app.py\u001b[0m'));
      const noColour = runCli(root, ['lint', '--color'], { env: { NO_COLOR: '1' } });
      assert.ok(noColour.stdout.includes('\u001b['), '--color wins over NO_COLOR');
    });

    it('json: the engine findings with fixes, and --output writes a file', () => {
      const root = copyFixture('project');
      const r = runCli(root, ['lint', '-f', 'json', '-o', 'out/report.json']);
      assert.strictEqual(r.code, 0);
      assert.strictEqual(r.stdout, '');
      const report = json(fs.readFileSync(path.join(root, 'out/report.json'), 'utf8'));
      assert.strictEqual(report.version, pkgVersion);
      const f = report.findings[0]!;
      assert.deepStrictEqual(
        { ruleId: f.ruleId, severity: f.severity, file: f.file, range: f.range },
        {
          ruleId: 'lambda/import-in-handler',
          severity: 'warning',
          file: 'src/orders/app.py',
          range: {
            start: { line: 6, character: 4 },
            end: { line: 6, character: 18 },
            startOffset: 68,
            endOffset: 82,
          },
        },
      );
      assert.strictEqual(f.fix?.title, 'Move import to module level');
      assert.deepStrictEqual(report.summary, {
        files: 4,
        errors: 0,
        warnings: 5,
        infos: 0,
        fixable: 5,
        fixed: 0,
        skipped: 0,
      });
    });

    it('sarif: SARIF 2.1.0 with rules, results, 1-based regions and fixes', () => {
      const root = copyFixture('project');
      write(root, '.perfguard.json', focusConfig({ rules: { 'lambda/client-in-handler': 'error' } }));
      const r = runCli(root, ['lint', '-f', 'sarif', 'src/orders']);
      assert.strictEqual(r.code, 1, r.stderr);
      const log = JSON.parse(r.stdout) as {
        version: string;
        $schema: string;
        runs: {
          tool: { driver: { name: string; version: string; rules: Record<string, unknown>[] } };
          results: Record<string, unknown>[];
          invocations: { executionSuccessful: boolean }[];
        }[];
      };
      assert.strictEqual(log.version, '2.1.0');
      assert.match(log.$schema, /sarif-2\.1\.0/);
      assert.strictEqual(log.runs.length, 1);
      const run = log.runs[0]!;
      assert.strictEqual(run.tool.driver.name, 'perfguard');
      assert.strictEqual(run.tool.driver.version, pkgVersion);
      const rules = run.tool.driver.rules;
      const ids = rules.map((x) => x.id);
      assert.ok(ids.includes('lambda/import-in-handler') && ids.includes('lambda/client-in-handler'));
      const client = rules.find((x) => x.id === 'lambda/client-in-handler')!;
      assert.strictEqual(
        client.helpUri,
        'https://github.com/perfguard/perfguard/blob/main/docs/rules/lambda/client-in-handler.md',
      );
      assert.strictEqual(typeof (client.shortDescription as { text: unknown }).text, 'string');
      assert.deepStrictEqual(client.defaultConfiguration, { level: 'error' });
      const imp = rules.find((x) => x.id === 'lambda/import-in-handler')!;
      assert.deepStrictEqual(imp.defaultConfiguration, { level: 'warning' });
      for (const x of rules.filter((x) => !FOCUS_RULES.includes(x.id as string)))
        assert.strictEqual((x.defaultConfiguration as { enabled: boolean }).enabled, false, `${x.id} is off`);

      assert.strictEqual(run.results.length, 2);
      const [first, second] = run.results as [Record<string, unknown>, Record<string, unknown>];
      assert.strictEqual(first.ruleId, 'lambda/import-in-handler');
      assert.strictEqual(first.level, 'warning');
      assert.strictEqual(first.ruleIndex, ids.indexOf('lambda/import-in-handler'));
      assert.match((first.message as { text: string }).text, /^Import inside handler 'lambda_handler'/);
      assert.deepStrictEqual(first.locations, [
        {
          physicalLocation: {
            artifactLocation: { uri: 'src/orders/app.py', uriBaseId: '%SRCROOT%' },
            region: { startLine: 7, startColumn: 5, endLine: 7, endColumn: 19 },
          },
        },
      ]);
      const fixes = first.fixes as {
        description: { text: string };
        artifactChanges: {
          artifactLocation: { uri: string };
          replacements: { deletedRegion: Record<string, number>; insertedContent: { text: string } }[];
        }[];
      }[];
      assert.strictEqual(fixes.length, 1);
      assert.strictEqual(fixes[0]!.description.text, 'Move import to module level');
      const change = fixes[0]!.artifactChanges[0]!;
      assert.strictEqual(change.artifactLocation.uri, 'src/orders/app.py');
      for (const rep of change.replacements) {
        assert.deepStrictEqual(Object.keys(rep.deletedRegion).sort(), [
          'endColumn',
          'endLine',
          'startColumn',
          'startLine',
        ]);
        assert.ok(Object.values(rep.deletedRegion).every((n) => Number.isInteger(n) && n >= 1));
        assert.strictEqual(typeof rep.insertedContent.text, 'string');
      }
      assert.ok(change.replacements.some((x) => x.insertedContent.text.includes('import decimal')));
      assert.strictEqual(second.ruleId, 'lambda/client-in-handler');
      assert.strictEqual(second.level, 'error');
      assert.deepStrictEqual(run.invocations[0]!.executionSuccessful, true);
    });
  });

  describe('--fix', () => {
    it('applies the safe fixes in place, reports what is left, and a second run changes nothing', () => {
      const root = copyFixture('project');
      const r = runCli(root, ['lint', '--fix']);
      assert.strictEqual(r.code, 0, r.stderr);
      assert.ok(
        r.stdout.includes('✔ Fixed 5 problems in 3 files.\n✔ No problems in 4 files linted.\n'),
        r.stdout,
      );
      assert.strictEqual(
        fs.readFileSync(path.join(root, 'src/web/handler.js'), 'utf8'),
        [
          'const { S3Client } = require("@aws-sdk/client-s3");',
          'const path = require("path");',
          '',
          'const s3Client = new S3Client({});',
          '',
          'exports.handler = async (event) => {',
          '  return { statusCode: 200, body: path.basename(event.key) };',
          '};',
          '',
        ].join('\n'),
      );
      const app = fs.readFileSync(path.join(root, 'src/orders/app.py'), 'utf8');
      assert.match(app, /^import json\n\nimport boto3\nimport decimal\n/);
      assert.match(app, /\n {4}table = dynamodb_resource\.Table\("orders"\)\n/);
      // The ignored and excluded files are untouched.
      assert.strictEqual(
        fs.readFileSync(path.join(root, 'generated/gen.py'), 'utf8'),
        fs.readFileSync(path.join(root, 'tests/test_app.py'), 'utf8'),
      );
      const snapshot = (dir: string) =>
        ['src/orders/app.py', 'src/web/handler.js', 'src/sub/keep.py', 'src/clean.py'].map((p) =>
          fs.readFileSync(path.join(dir, p), 'utf8'),
        );
      const before = snapshot(root);
      const again = runCli(root, ['lint', '--fix', '-f', 'json']);
      assert.strictEqual(again.code, 0);
      assert.deepStrictEqual(snapshot(root), before, 'a second --fix made edits');
      assert.deepStrictEqual(json(again.stdout).summary.fixed, 0);
    });

    it('keeps CRLF line ends, the byte-order mark and non-UTF-8 bytes', () => {
      const root = tempDir();
      write(root, '.perfguard.json', focusConfig());
      const bom = Buffer.from([0xef, 0xbb, 0xbf]);
      write(
        root,
        'crlf.py',
        Buffer.concat([
          bom,
          Buffer.from(
            'import boto3\r\n\r\n\r\ndef handler(event, context):\r\n    import os\r\n    return os.sep  # caf',
          ),
          Buffer.from([0xe9]),
          Buffer.from('\r\n'),
        ]),
      );
      const r = runCli(root, ['lint', '--fix']);
      assert.strictEqual(r.code, 0, r.stderr);
      const out = fs.readFileSync(path.join(root, 'crlf.py'));
      assert.deepStrictEqual([...out.subarray(0, 3)], [...bom], 'byte-order mark kept');
      assert.strictEqual(out.indexOf(Buffer.from('    import os')), -1, 'import moved');
      assert.ok(out.subarray(3).toString('latin1').startsWith('import boto3\r\nimport os\r\n'));
      assert.ok(out.includes(Buffer.from([0x66, 0xe9, 0x0d, 0x0a])), 'Latin-1 byte and CRLF kept');
      assert.ok(!/[^\r]\n/.test(out.toString('latin1')), 'every line ends with CRLF');
    });
  });
});
