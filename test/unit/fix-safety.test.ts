/**
 * "Fixes never break code" over the repository's own corpora: every safe fix of every registered rule is
 * applied (in memory, through `createWorkspace` with the whole folder fed to it) to `examples/*` and the
 * fixture projects under `test/fixtures/`, and each changed file must still parse (py_compile, node --check,
 * tree-sitter, yaml, JSON.parse), a second run must make no edit, and no fix may move code that reads a
 * handler's inputs to module level. The checker itself is tested first, on deliberately bad fixes.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { addedLines, checkFolder, hasProblem, runFixCheck, type FileCheck } from '../../bench/fixcheck';
import { createRule, type Rule } from '../../src/core/engine/rule';
import { edit } from '../../src/core/model/text';

const REPO = path.resolve(__dirname, '..', '..');

/** The shallowest folders under `dir` that hold a regular file: each is one project (workspace root). */
function projectRoots(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const entries = fs.readdirSync(dir, { withFileTypes: true });
  if (entries.some((e) => e.isFile())) return [dir];
  return entries
    .filter((e) => e.isDirectory())
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => projectRoots(path.join(dir, e.name)));
}

function writeTree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perfguard-fixsafety-'));
  for (const [p, t] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    fs.writeFileSync(path.join(dir, p), t);
  }
  return dir;
}

/**
 * A test rule whose fix replaces the first match of `find` with `replace` (a bad fix, on purpose); it stops once
 * the file holds `replace`, unless `again` (a fix that never converges).
 */
function badRule(
  id: string,
  languages: Rule['meta']['languages'],
  find: RegExp,
  replace: string,
  again = false,
): Rule {
  return createRule(
    {
      id,
      description: 'Test rule with a bad fix',
      defaultSeverity: 'warning',
      fix: 'always',
      hasSuggestions: false,
      languages,
      why: 'test',
    },
    (ctx) => {
      const m = find.exec(ctx.file.text);
      if (!m || (!again && ctx.file.text.includes(replace))) return;
      const start = m.index;
      const end = start + m[0].length;
      ctx.report({
        message: 'bad fix',
        startOffset: start,
        endOffset: end,
        fix: { title: 'Apply bad fix', edits: [edit(ctx.file.index, start, end, replace)] },
      });
    },
  );
}

const HANDLER = [
  'import boto3',
  '',
  '',
  'def lambda_handler(event, context):',
  '    tenant = event["tenant"]',
  '    region = tenant.split(":")[0]',
  '    return {"ok": region}',
  '',
].join('\n');

function only(files: FileCheck[], p: string): FileCheck {
  const f = files.find((x) => x.path === p);
  assert.ok(f, `no result for ${p}`);
  return f;
}

describe('fix safety: the checker', function () {
  this.timeout(60000);
  const dirs: string[] = [];
  after(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('finds lines added at module level as a multiset difference', () => {
    assert.deepStrictEqual([...addedLines('a\n  b\nc\n', 'b\na\nc\n')], [0]);
    assert.deepStrictEqual([...addedLines('a\na\n', 'a\nx\na\n')], [1]);
  });

  it('flags a fix that hoists a statement reading a value derived from the handler event', async () => {
    // Moves `region = …` (derived from event through `tenant`) to module level.
    const rule = badRule(
      'test/hoist-input',
      ['python'],
      /import boto3\n/,
      'import boto3\nclient = boto3.client("s3", region_name=region)\n',
    );
    const dir = writeTree({ 'src/app.py': HANDLER });
    dirs.push(dir);
    const { files } = await checkFolder(dir, { rules: [rule] });
    const f = only(files, 'src/app.py');
    assert.ok(f.changed);
    assert.deepStrictEqual(
      f.moves.map((m) => [m.line, m.name, m.kind]),
      [[2, 'region', 'input']],
    );
    assert.ok(hasProblem(f));
  });

  it('flags a moved use of a function local the module does not define, not a module-level name', async () => {
    const code = [
      'import boto3',
      'TABLE = "t"',
      '',
      '',
      'def handler(event, context):',
      '    bucket = "fixed"',
      '    return bucket',
      '',
    ].join('\n');
    const rule = badRule(
      'test/hoist-local',
      ['python'],
      /TABLE = "t"\n/,
      'TABLE = "t"\nX = (bucket, TABLE, event)\n',
    );
    const dir = writeTree({ 'app.py': code });
    dirs.push(dir);
    const { files } = await checkFolder(dir, { rules: [rule] });
    assert.deepStrictEqual(
      only(files, 'app.py').moves.map((m) => [m.name, m.kind]),
      [
        ['bucket', 'local'],
        ['event', 'input'],
      ],
    );
  });

  it('does not flag a hoisted client that reads only module-level values', async () => {
    const rule = badRule(
      'test/hoist-ok',
      ['python'],
      /import boto3\n/,
      'import boto3\nclient = boto3.client("s3")\n',
    );
    const dir = writeTree({ 'src/app.py': HANDLER });
    dirs.push(dir);
    const { files } = await checkFolder(dir, { rules: [rule] });
    const f = only(files, 'src/app.py');
    assert.ok(f.changed);
    assert.strictEqual(hasProblem(f), false);
  });

  it('flags Python that tree-sitter accepts but py_compile rejects', async () => {
    // `return` outside a function parses in tree-sitter; the compiler rejects it.
    const rule = badRule('test/break-py', ['python'], /import boto3\n/, 'import boto3\nreturn 1\n');
    const dir = writeTree({ 'src/app.py': HANDLER });
    dirs.push(dir);
    const f = only((await checkFolder(dir, { rules: [rule] })).files, 'src/app.py');
    assert.match(f.broken ?? '', /py_compile/);
  });

  it('flags JavaScript that tree-sitter accepts but node --check rejects', async () => {
    const js = 'const a = 1;\nexports.handler = async (event) => a;\n';
    const rule = badRule('test/break-js', ['javascript'], /const a = 1;\n/, 'const a = 1;\nconst a = 2;\n');
    const dir = writeTree({ 'index.js': js });
    dirs.push(dir);
    const f = only((await checkFolder(dir, { rules: [rule] })).files, 'index.js');
    assert.match(f.broken ?? '', /node --check/);
  });

  it('flags YAML that no longer parses and fixes a second run would apply again', async () => {
    const rule = badRule('test/break-yaml', ['yaml'], /Resources:\n/, 'Resources:\n  - [\n');
    const grow = badRule('test/grow', ['terraform'], /# end\n/, '# end\n# end\n', true);
    const dir = writeTree({
      'template.yaml':
        'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  B:\n    Type: AWS::S3::Bucket\n',
      'main.tf': 'locals {\n  a = 1\n}\n# end\n',
    });
    dirs.push(dir);
    const { files } = await checkFolder(dir, { rules: [rule, grow] });
    // The engine itself refuses the YAML fix (its own error counter): nothing changes, nothing breaks.
    assert.strictEqual(only(files, 'template.yaml').changed, false);
    assert.strictEqual(only(files, 'template.yaml').broken, undefined);
    assert.ok(only(files, 'main.tf').secondPass?.includes('test/grow'));
  });
});

describe('fix safety: every safe fix over examples/ and test/fixtures/', function () {
  this.timeout(240000);

  it('keeps every changed file parsing, makes no edit on a second run and moves no input-dependent code', async () => {
    const roots = [
      ...projectRoots(path.join(REPO, 'examples')),
      ...projectRoots(path.join(REPO, 'test', 'fixtures')),
    ];
    assert.ok(roots.length >= 2, `expected fixture projects, found ${roots.join(', ')}`);
    const report = await runFixCheck(roots);
    const s = report.summary;
    // The corpora are written with the guide's anti-patterns: fixes must actually have been applied.
    assert.ok(s.files >= 10, `only ${s.files} files checked`);
    assert.ok(s.fixed >= 3, `only ${s.fixed} files fixed`);
    const problems = report.files.filter(hasProblem).map((f) => ({
      file: path.relative(REPO, path.join(f.root, f.path)),
      broken: f.broken,
      secondPass: f.secondPass,
      moves: f.moves,
    }));
    assert.deepStrictEqual(problems, []);
    const crashes = report.files.flatMap((f) =>
      f.diagnostics.filter(
        (d) => d.kind === 'rule-error' && !/would break the file; skipped/.test(d.message),
      ),
    );
    assert.deepStrictEqual(crashes, []);
  });
});
