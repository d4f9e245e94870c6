import * as assert from 'assert';
import * as fs from 'fs';
import { corpusFiles, isTs } from '../corpus-files';
import { ParsedFile, setFastPythonRead } from '../../../src/core/engine/file';
import {
  cdkPythonResources,
  cdkPythonResourcesFromTree,
  importsOfText as pyImportsOfText,
  importsOfTree as pyImportsOfTree,
} from '../../../src/core/iac/cdk-python';
import { LazyNew, lexTs, scanTs } from '../../../src/core/iac/cdk-scan-ts';
import { NotFast, readStats, TextNode, treeNodeAt, type SNode } from '../../../src/core/iac/cdk-syntax';
import {
  cdkTypeScriptResources,
  cdkTypeScriptResourcesFromTree,
  importsOfText,
  importsOfTree,
} from '../../../src/core/iac/cdk-typescript';
import { siteOf } from '../../../src/core/iac/mapping';
import type { Resource } from '../../../src/core/iac/model';
import { loadGrammar, parseWith, type Node } from '../../../src/core/parse/treesitter';

/** Own keys, and `value` when a getter provides it (lazily evaluated entries). */
function keysOf(x: object): string[] {
  const keys = Object.keys(x);
  if (!keys.includes('value') && 'value' in x) keys.push('value');
  return keys.sort();
}

/** Everything a resource holds, write sites included, as plain data. */
function plain(x: unknown, seen = new Set<unknown>()): unknown {
  if (x === null || typeof x !== 'object') return x;
  if (seen.has(x)) return '[cycle]';
  seen.add(x);
  let out: unknown;
  if (x instanceof Map) out = [...x.entries()].map(([k, v]) => [k, plain(v, seen)]);
  else if (Array.isArray(x)) out = x.map((v) => plain(v, seen));
  else {
    const o: Record<string, unknown> = {};
    for (const k of keysOf(x)) o[k] = plain((x as Record<string, unknown>)[k], seen);
    const site = siteOf(x as never);
    if (site) o.__site = plain(site, seen);
    out = o;
  }
  seen.delete(x);
  return out;
}

type Lang = 'typescript' | 'python';

/**
 * A stack read as lint reads it and from tree-sitter's tree node by node; for Python also with the Python reader
 * off (`scan`: the text readers of cdk-scan-py.ts instead of the reader's tree).
 */
function both(
  lang: Lang,
  src: string,
): { text: Resource[]; tree: Resource[]; fromText: boolean; scan?: Resource[] } {
  const rel = lang === 'python' ? 'stacks/stack.py' : 'lib/stack.ts';
  const a = new ParsedFile(rel, rel, src, lang);
  const b = new ParsedFile(rel, rel, src, lang);
  const c = new ParsedFile(rel, rel, src, lang);
  const before = readStats.text;
  try {
    const text = lang === 'python' ? cdkPythonResources(a) : cdkTypeScriptResources(a);
    const fromText = readStats.text > before;
    const tree = lang === 'python' ? cdkPythonResourcesFromTree(b) : cdkTypeScriptResourcesFromTree(b);
    if (lang !== 'python') return { text, tree, fromText };
    setFastPythonRead(false);
    try {
      return { text, tree, fromText, scan: cdkPythonResources(c) };
    } finally {
      setFastPythonRead(true);
    }
  } finally {
    a.dispose();
    b.dispose();
    c.dispose();
  }
}

function same(lang: Lang, src: string, expectText = true): Resource[] {
  const r = both(lang, src);
  assert.deepStrictEqual(plain(r.text), plain(r.tree));
  if (r.scan) assert.deepStrictEqual(plain(r.scan), plain(r.tree), 'read by the text readers');
  if (expectText) assert.ok(r.fromText, 'read from the text');
  return r.text;
}

/**
 * A TypeScript stack's resources as lint reads them and whether that parsed the file with tree-sitter; the model
 * is asserted equal to the tree reading's.
 */
function readTs(src: string): { r: Resource[]; treeParsed: boolean } {
  const f = new ParsedFile('lib/stack.ts', 'lib/stack.ts', src, 'typescript');
  try {
    const r = cdkTypeScriptResources(f);
    const treeParsed = f.treeParsed;
    assert.deepStrictEqual(plain(r), plain(same('typescript', src)));
    return { r, treeParsed };
  } finally {
    f.dispose();
  }
}

const TS_STACK = `#!/usr/bin/env node
import * as cdk from 'aws-cdk-lib';
import { Duration, Size, aws_logs as logs } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Construct } from 'constructs';

const MEMORY = 256 * 4; // a constant
let mutable = 3;
const re = /new lambda\\.Function\\(/g;
const ratio = 10 / 2 / 5;

export class Stack extends cdk.Stack {
  private readonly table = new dynamodb.Table(this, 'Table', { billingMode: dynamodb.BillingMode.PROVISIONED });
  public fn!: lambda.Function;

  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    /* a comment with new lambda.Function(this, 'Nope', {}) */
    this.fn = new lambda.Function(this, 'Fn', {
      runtime: lambda.Runtime.PYTHON_3_12,
      handler: \`app.handler\`,
      functionName: \`\${id}-fn-\${this.table.tableName}\`,
      memorySize: MEMORY,
      timeout: Duration.minutes(ratio),
      code: lambda.Code.fromAsset(path.join(__dirname, '../src')),
      logRetention: logs.RetentionDays.ONE_MONTH,
      environment: { TABLE: this.table.tableName, 'quoted-key': "x", ...extra, MODE: flag ? 'a' : 'b' },
      onFailure: (e: unknown) => console.log(e),
      layers: [layer!, ...others],
      reservedConcurrentExecutions: -mutable,
      ephemeralStorageSize: Size.mebibytes(512) as any,
    });
    const api = new apigw.RestApi(this, "Api", {
      deployOptions: { stageName: 'v1', cachingEnabled: true, throttlingRateLimit: 100, cacheTtl: Duration.seconds(300) },
      minCompressionSize: Size.kibibytes(1),
    });
    api.root.addResource('items').addMethod('GET', new apigw.LambdaIntegration(this.fn, { proxy: false }));
    const integration = new HttpLambdaIntegration('Int', this.fn);
    this.table.autoScaleReadCapacity({ minCapacity: 1, maxCapacity: 10 });
    this.fn.metricErrors({ period: Duration.minutes(5) }).createAlarm(this, 'Errors', { threshold: 1, evaluationPeriods: 1 });
    new cloudwatch.Alarm(this, 'Latency', {
      metric: new cloudwatch.Metric({ namespace: 'AWS/ApiGateway', metricName: 'Latency', dimensionsMap: { ApiName: 'x' } }),
      threshold: 1000,
      evaluationPeriods: 3,
    });
    for (const name of ['a', 'b']) {
      new lambda.Function(this, \`Fn\${name}\`, { memorySize: 128 });
    }
    const alias = new lambda.Alias(this, 'Live', { aliasName: 'live', version: this.fn.currentVersion, provisionedConcurrentExecutions: 2 });
    if (alias) other = new lambda.Function(this, 'Other', { memorySize: 3008 });
    const fns = [1, 2].map((i) => new lambda.Function(this, 'Mapped' + i, { memorySize: i * 128 }));
    new cdk.aws_logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.INFINITE });
    new lambda.CfnFunction(this, 'L1', { role: 'r', code: {}, memorySize: 4096, timeout: 900 });
  }
}

const app = new cdk.App();
new Stack(app, 'Stack');
`;

const PY_STACK = `import os
from aws_cdk import App, Duration, Stack, Size
from aws_cdk import aws_lambda as _lambda, aws_apigateway as apigw
import aws_cdk.aws_dynamodb as dynamodb
from aws_cdk import aws_logs as logs
from aws_cdk.aws_cloudwatch import Alarm, Metric
from aws_cdk.aws_athena import CfnWorkGroup

MEMORY = 256 * 4  # a constant
TIMEOUT: int = 2 ** 4
NAME = "svc"
NAME = "twice"
if os.environ.get("X"): LOCAL = 1


class Svc(Stack):
    def __init__(self, scope, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        self.table = dynamodb.Table(self, "Table", billing_mode=dynamodb.BillingMode.PROVISIONED)
        fn = _lambda.Function(
            self,
            'Fn',  # the id
            runtime=_lambda.Runtime.PYTHON_3_12,
            handler="app.handler",
            function_name=f"{construct_id}-fn",
            memory_size=MEMORY,
            timeout=Duration.seconds(TIMEOUT),
            code=_lambda.Code.from_asset(os.path.join(os.path.dirname(__file__), "../src")),
            log_retention=logs.RetentionDays.ONE_MONTH,
            environment={"TABLE": self.table.table_name, "MODE": "a" if NAME else "b", **extra},
            layers=[x for x in layers],
            reserved_concurrent_executions=-(3 // 2),
            description="""multi
line""",
            tracing=None, retry_attempts=0, allow_public_subnet=False,
        )
        api = apigw.RestApi(self, "Api",
            deploy_options=apigw.StageOptions(stage_name="v1", caching_enabled=True, throttling_rate_limit=100),
            min_compression_size=Size.kibibytes(1))
        api.root.add_resource("items").add_method("GET", apigw.LambdaIntegration(fn, proxy=False))
        self.table.auto_scale_read_capacity(min_capacity=1, max_capacity=10)
        fn.metric_errors(period=Duration.minutes(5)).create_alarm(self, "Errors", threshold=1, evaluation_periods=1)
        Alarm(self, "Latency", metric=Metric(namespace="AWS/ApiGateway", metric_name="Latency"), threshold=1000, evaluation_periods=3)
        for name in ["a", "b"]:
            _lambda.Function(self, f"Fn{name}", memory_size=128)
        fn.add_alias("live", provisioned_concurrent_executions=2)
        CfnWorkGroup(self, "Wg", name="wg", work_group_configuration=CfnWorkGroup.WorkGroupConfigurationProperty(
            enforce_work_group_configuration=True, bytes_scanned_cutoff_per_query=10_000_000))
        logs.LogGroup(self, 'Logs', retention=logs.RetentionDays.INFINITE)
        path = r"C:\\no\\escape" ; tbl = dynamodb.TableV2(self, "V2", table_name='t\\'s')


app = App()
Svc(app, "Svc")
app.synth()
`;

/** [name, source, whether the tokens are read (else the tree is)]. */
type ImportCase = [string, string, boolean];

/**
 * A table of import forms, then every file of a corpus, each read from the tokens and from the tree: where the
 * tokens are read, the bindings are the tree's.
 */
function importTests(
  rel: string,
  lang: Lang,
  fromText: (f: ParsedFile) => Map<string, unknown> | undefined,
  fromTree: (f: ParsedFile) => Map<string, unknown>,
  cases: readonly ImportCase[],
  corpus: () => string[],
): void {
  const both = (src: string) => {
    const f = new ParsedFile(rel, rel, src, lang);
    try {
      const text = fromText(f);
      return { text: text && [...text], tree: [...fromTree(f)] };
    } finally {
      f.dispose();
    }
  };
  for (const [name, src, tokens] of cases) {
    it(name, () => {
      const r = both(src);
      if (!tokens) return assert.strictEqual(r.text, undefined);
      assert.ok(r.text, 'read from the tokens');
      assert.deepStrictEqual(r.text, r.tree);
    });
  }
  it('on every file of this repository of the language (and the corpus folder of its PERFGUARD_… variable)', () => {
    const files = corpus();
    let text = 0;
    for (const f of files) {
      const r = both(fs.readFileSync(f, 'utf8'));
      if (!r.text) continue;
      text++;
      assert.deepStrictEqual(r.text, r.tree, f);
    }
    assert.ok(text > files.length / 2, `${text} of ${files.length} read from the tokens`);
  });
}

describe('iac: CDK front ends read the text as they read the tree', () => {
  before(async () => {
    await loadGrammar('typescript');
    await loadGrammar('python');
  });

  it('TypeScript: a stack with every construct kind and syntax around them', () => {
    const r = same('typescript', TS_STACK);
    assert.ok(r.length >= 15, `${r.length} resources`);
    const fn = r.find((x) => x.address === 'lib/stack.ts#Fn')!;
    assert.ok(fn.attributes.get('memory_size'), 'memory_size read');
  });

  it('Python: a stack with every construct kind and syntax around them', () => {
    const before = readStats.reader;
    const r = same('python', PY_STACK);
    assert.ok(r.length >= 12, `${r.length} resources`);
    assert.strictEqual(
      readStats.reader,
      before + 1,
      "read from the Python reader's tree (the reader off: not)",
    );
  });

  for (const [lang, src] of [
    ['typescript', TS_STACK],
    ['python', PY_STACK],
  ] as const)
    it(`${lang}: one-character deletions (every 19th) read the same both ways`, () => {
      // Broken variants go to the tree (syntax errors); the others must match exactly.
      let fromText = 0;
      let n = 0;
      for (let at = 0; at < src.length; at += 19, n++) {
        const r = both(lang, src.slice(0, at) + src.slice(at + 1));
        assert.deepStrictEqual(plain(r.text), plain(r.tree), `deletion at ${at}`);
        if (r.scan) assert.deepStrictEqual(plain(r.scan), plain(r.tree), `deletion at ${at}, text readers`);
        if (r.fromText) fromText++;
      }
      assert.ok(fromText > n / 4, `${fromText} of ${n} variants read from the text`);
    }).timeout(120_000);

  for (const [lang, pattern, env, keep, cdk] of [
    ['typescript', '*.ts', 'PERFGUARD_CDK_TS_CORPUS', isTs, /aws-cdk-lib|@aws-cdk\//],
    ['python', '*.py', 'PERFGUARD_CDK_PY_CORPUS', (n: string) => n.endsWith('.py'), /\baws_cdk\b/],
  ] as const)
    it(`${lang}: every CDK stack of this repository (and the folder of ${env}) reads the same model both ways`, function () {
      let stacks = 0;
      for (const f of corpusFiles([pattern], env, keep)) {
        const src = fs.readFileSync(f, 'utf8');
        if (!cdk.test(src)) continue;
        const r = both(lang, src);
        assert.deepStrictEqual(plain(r.text), plain(r.tree), f);
        if (r.scan) assert.deepStrictEqual(plain(r.scan), plain(r.tree), `${f} (text readers)`);
        stacks++;
      }
      // (No Python stack is tracked here: the check then runs only on a corpus folder.)
      if (stacks === 0) this.skip();
    }).timeout(600_000);

  it('CRLF line ends and tabs read the same both ways', () => {
    same('typescript', TS_STACK.replace(/\n/g, '\r\n').replace(/ {4}/g, '\t'));
    same('python', PY_STACK.replace(/\n/g, '\r\n'));
  });

  it('a file the reader cannot follow is read from the tree as a whole', () => {
    // A constructor type: \`new\` followed by a parameter list.
    const src =
      "import * as lambda from 'aws-cdk-lib/aws-lambda';\ntype C = new () => object;\nnew lambda.Function(this, 'Fn', { memorySize: 512 });\n";
    const r = both('typescript', src);
    assert.strictEqual(r.fromText, false);
    assert.deepStrictEqual(plain(r.text), plain(r.tree));
    assert.strictEqual(r.text.length, 1);
  });

  it('string escapes are decoded as JavaScript does (an escaped quote no longer loses the file)', () => {
    const src =
      "import * as lambda from 'aws-cdk-lib/aws-lambda';\n" +
      "new lambda.Function(this, 'Fn', { handler: \"a\\\"b\\\\c\\x41\\u0042\\u{43}\\n'\", functionName: 'don\\'t' });\n";
    const [fn] = same('typescript', src);
    assert.deepStrictEqual(fn?.attributes.get('handler')?.value, { kind: 'string', value: 'a"b\\cABC\n\'' });
    assert.deepStrictEqual(fn?.attributes.get('function_name')?.value, { kind: 'string', value: "don't" });
  });

  it('class fields bind after a class header with braces in its type arguments', () => {
    const src = `import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as cw from 'aws-cdk-lib/aws-cloudwatch';
class A extends B<{ x: 1 }> implements C<Map<string, Array<number>>> {
  fn = new lambda.Function(this, 'Fn', { memorySize: 512 });
  constructor() { super(); new cw.Alarm(this, 'A', { metric: this.fn.metricErrors(), threshold: 1 }); }
}
`;
    const r = same('typescript', src);
    const alarm = r.find((x) => x.address === 'lib/stack.ts#A')!;
    assert.deepStrictEqual(
      alarm.attributes.get('dimensions')?.refs.map((x) => x.address),
      ['lib/stack.ts#Fn'],
    );
  });

  it('files with a syntax error are read from the tree', () => {
    const r = both(
      'typescript',
      "import * as lambda from 'aws-cdk-lib/aws-lambda';\nnew lambda.Function(this, 'Fn', { memorySize: 512, });\n}}\n",
    );
    assert.strictEqual(r.fromText, false);
    assert.deepStrictEqual(plain(r.text), plain(r.tree));
  });

  it('the TypeScript lexer tells regexes from divisions and follows nested templates', () => {
    const src = 'const a = b / c / d; const r = /[/]x/g.test(s); const t = `x${`y${z}`}w`; // c\n';
    const toks = lexTs(src);
    const kinds = Array.from({ length: toks.length }, (_, i) => src.slice(toks.s[i], toks.e[i]));
    assert.ok(kinds.includes('/[/]x/g'));
    assert.strictEqual(kinds.filter((k) => k === '/').length, 2);
    assert.ok(kinds.includes('`x${'));
    assert.ok(kinds.includes('}w`'));
  });

  it('construct method calls are read from the text: no tree-sitter parse of the stack', () => {
    const src = `import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
const table = new dynamodb.Table(this, 'T', { billingMode: dynamodb.BillingMode.PROVISIONED });
table.autoScaleReadCapacity({ minCapacity: 1, maxCapacity: 10 }).scaleOnUtilization({ targetUtilizationPercent: 70 });
const fn = new lambda.Function(this, 'Fn', { memorySize: 512, timeout: cdk.Duration.seconds(3) });
fn.addAlias('live', { provisionedConcurrentExecutions: 2 });
fn.metricErrors({ period: cdk.Duration.minutes(5) }).createAlarm(this, 'Errors', { threshold: 1, evaluationPeriods: 1 });
`;
    const { r, treeParsed } = readTs(src);
    assert.strictEqual(treeParsed, false, 'no tree');
    const types = r.map((x) => x.resourceType);
    for (const t of [
      'aws_appautoscaling_target',
      'aws_lambda_provisioned_concurrency_config',
      'aws_cloudwatch_metric_alarm',
    ])
      assert.ok(types.includes(t), `${t} in ${types.join(', ')}`);
  });

  it('arrow functions, conditionals and other unmodelled elements are parsed alone, not the whole file', () => {
    const src = `import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
const prod = process.env.STAGE === 'prod';
const q = new sqs.Queue(this, 'Q', { visibilityTimeout: prod ? cdk.Duration.seconds(60) : undefined });
const fn = new lambda.Function(this, 'Fn', {
  memorySize: prod ? 1024 : 512, // a conditional
  environment: Object.fromEntries([['Q', q.queueUrl]].map(([k, v]) => [k, v])),
  onFailure: (e: unknown) => console.log(e, q.queueArn),
  layers: [...(prod ? [layer] : [])],
});
`;
    const { r, treeParsed } = readTs(src);
    assert.strictEqual(treeParsed, false, 'no tree of the file');
    assert.ok(r.some((x) => x.resourceType === 'aws_lambda_function'));
  });

  it('`import x = require(…)` and `const x = require(…)` bind CDK modules, read from the tokens', () => {
    const src = `import lambda = require('aws-cdk-lib/aws-lambda');
const logs = require('aws-cdk-lib/aws-logs');
new lambda.Function(this, 'Fn', { memorySize: 128 });
new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.ONE_DAY });
`;
    const { r, treeParsed } = readTs(src);
    assert.strictEqual(treeParsed, false, 'no tree');
    assert.deepStrictEqual(
      r.map((x) => x.resourceType),
      ['aws_lambda_function', 'aws_cloudwatch_log_group'],
    );
  });

  it('values parsed with their statement again and again: the file is parsed once instead', () => {
    // Each `as` value is read with its whole statement: three times per statement, more text than the file.
    const lines = Array.from(
      { length: 200 },
      (_, i) =>
        `const a${i} = props.a as A, b${i} = props.b as B, c${i} = props.c as C;\n` +
        `new lambda.Function(this, 'F${i}', { memorySize: a${i} });`,
    );
    const src = `import * as lambda from 'aws-cdk-lib/aws-lambda';\n${lines.join('\n')}\n`;
    const { r, treeParsed } = readTs(src);
    assert.strictEqual(r.length, 200);
    assert.strictEqual(treeParsed, true, 'the tree, once the snippets would cost more');
  });

  it('a handler module without CDK imports costs no reading at all', () => {
    const before = readStats.text + readStats.tree;
    const f = new ParsedFile(
      'src/app.ts',
      'src/app.ts',
      'export const handler = async () => ({ statusCode: 200 });\n',
      'typescript',
    );
    assert.deepStrictEqual(cdkTypeScriptResources(f), []);
    f.dispose();
    assert.strictEqual(readStats.text + readStats.tree, before);
  });

  describe('TypeScript imports read from the tokens bind what the tree binds', () => {
    const cases: ImportCase[] = [
      ['namespace', "import * as lambda from 'aws-cdk-lib/aws-lambda';", true],
      [
        'named, aliased, root namespaces',
        "import { Duration, aws_logs as logs, Stack as S } from 'aws-cdk-lib';",
        true,
      ],
      ['default and named', "import cdk, { App } from 'aws-cdk-lib';", true],
      ['default and namespace', "import cdk, * as all from '@aws-cdk/core';", true],
      [
        'type-only',
        "import type { Construct } from 'constructs';\nimport type * as t from 'aws-cdk-lib/aws-s3';",
        true,
      ],
      ['type modifiers on names', "import { type IFunction, Function } from 'aws-cdk-lib/aws-lambda';", true],
      [
        'trailing comma, line breaks',
        "import {\n  Duration,\n  RemovalPolicy,\n} from 'aws-cdk-lib'\nconst x = 1",
        true,
      ],
      [
        'side effect, dynamic, meta',
        "import 'source-map-support/register';\nconst m = import('x');\nconst u = import.meta.url;",
        true,
      ],
      ['escaped module name', "import * as l from 'aws-cdk-lib\\u002Faws-lambda';", true],
      [
        'v1 and alpha',
        "import * as lambda from '@aws-cdk/aws-lambda';\nimport * as py from '@aws-cdk/aws-lambda-python-alpha';",
        true,
      ],
      ['not at top level', "declare module 'x' {\n  import * as y from 'aws-cdk-lib/aws-s3';\n}", true],
      [
        'later binding wins',
        "import { Function } from 'aws-cdk-lib/aws-lambda';\nimport { Function } from 'aws-cdk-lib/aws-s3';",
        true,
      ],
      [
        'require',
        "const lambda = require('aws-cdk-lib/aws-lambda');\nconst cdk = require('aws-cdk-lib')",
        true,
      ],
      [
        'require elsewhere binds nothing',
        "function f() { const x = require('aws-cdk-lib/aws-s3'); }\nconst p = require.resolve('x');",
        true,
      ],
      ['require of another shape: read from the tree', "const { Stack } = require('aws-cdk-lib');", false],
      [
        'require in an expression: read from the tree',
        "const l = require('aws-cdk-lib/aws-lambda').x;",
        false,
      ],
      [
        'import = require',
        "import lambda = require('aws-cdk-lib/aws-lambda');\nimport type s3 = require('aws-cdk-lib/aws-s3');",
        true,
      ],
      ['import = of a name: read from the tree', 'import L = cdk.aws_lambda;', false],
      ['string export names: read from the tree', "import { 'a-b' as ab } from 'aws-cdk-lib';", false],
    ];
    importTests('lib/s.ts', 'typescript', importsOfText, importsOfTree, cases, () =>
      corpusFiles(['*.ts'], 'PERFGUARD_CDK_TS_CORPUS', isTs),
    );
  });

  describe('TypeScript: every `new` expression and construct method call read from the text is the tree node', () => {
    /** Type, range and named children (comments aside), recursively; a part read from the tree is that node. */
    const shape = (n: SNode, depth = 0): unknown => {
      const kids =
        n instanceof TextNode || n instanceof LazyNew
          ? n.namedChildren
          : n.namedChildren.filter((c) => c !== null && c.type !== 'comment');
      return [n.type, n.startIndex, n.endIndex, depth > 60 ? [] : kids.map((c) => shape(c!, depth + 1))];
    };
    const check = (src: string, label: string): number => {
      let toks;
      try {
        toks = lexTs(src);
      } catch (e) {
        if (e instanceof NotFast) return 0;
        throw e;
      }
      const tree = parseWith('typescript', src);
      try {
        const root = tree.rootNode;
        let sites;
        try {
          sites = scanTs(
            src,
            toks,
            () => root,
            new Set(['autoScaleReadCapacity', 'createAlarm', 'addAlias']),
          );
        } catch (e) {
          if (e instanceof NotFast) return 0;
          throw e;
        }
        let n = 0;
        for (const site of [...sites.news, ...sites.methods]) {
          if (!(site instanceof TextNode || site instanceof LazyNew)) continue;
          // The node of that range and type (a statement without `;` has the same range as its expression).
          let t: Node | null = treeNodeAt(root, site.startIndex, site.endIndex);
          while (t && t.type !== site.type && t.namedChildren[0]?.endIndex === site.endIndex)
            t = t.namedChildren[0] ?? null;
          assert.ok(t, `${label} @${site.startIndex}`);
          assert.deepStrictEqual(shape(site), shape(t), `${label} @${site.startIndex}`);
          n++;
        }
        return n;
      } finally {
        tree.delete();
      }
    };

    it('strings and templates with escapes, substitutions and empty parts', () => {
      const src = [
        "new lambda.Function(this, 'F\\u0041\\x41\\101\\0b\\'s', { handler: \"index.h\\nx\", description: '' });",
        'new s3.Bucket(this, `B${stage}-x\\n${"y"}`, { bucketName: `plain`, x: ``, y: `${a}${b}` });',
        "new X(this, 'a\\\nb');",
      ].join('\n');
      assert.strictEqual(check(src, 'table'), 3);
    });

    it('construct method calls on names, calls, subscripts, `new` and `!` receivers', () => {
      const src = [
        'table.autoScaleReadCapacity({ minCapacity: 1, maxCapacity: 10 }).scaleOnUtilization({ targetUtilizationPercent: 70 });',
        "this.fn.metricErrors({ period: Duration.minutes(5) }).createAlarm(this, 'Errors', { threshold: 1 });",
        "const alias = this.fns[0]!.addAlias('live', { provisionedConcurrentExecutions: 2 });",
        "new lambda.Function(this, 'F', {}).addAlias('x');",
        "fns.get('a')!.currentVersion.addAlias('y').createAlarm(this, 'A', {});",
        "if (x) fn\n  .addAlias('z');",
        'foo\n(bar).addAlias(1);',
      ].join('\n');
      // 7 calls read from the text, 1 `new`; `(bar).addAlias` and `… .createAlarm` after `addAlias('y')` too.
      assert.strictEqual(check(src, 'table'), 9);
    });

    it('on every TypeScript file of this repository (and PERFGUARD_CDK_TS_CORPUS=DIR)', () => {
      const files = corpusFiles(['*.ts'], 'PERFGUARD_CDK_TS_CORPUS', isTs);
      let n = 0;
      for (const f of files) if (fs.existsSync(f)) n += check(fs.readFileSync(f, 'utf8'), f);
      assert.ok(n > 20, `${n} new expressions compared`);
    });
  });

  describe('Python imports read from the tokens bind what the tree binds', () => {
    const cases: ImportCase[] = [
      ['import with aliases', 'import aws_cdk as cdk\nimport aws_cdk.aws_lambda as lambda_, os', true],
      ['bare aws_cdk', 'import aws_cdk\nimport aws_cdk.aws_s3', true],
      ['from with aliases', 'from aws_cdk import Duration, aws_lambda as _lambda, core', true],
      [
        'parenthesized with comments',
        'from aws_cdk import (\n    Stack,  # the base\n    aws_sqs as sqs,\n)\n',
        true,
      ],
      ['submodule from', 'from aws_cdk.aws_lambda import Function, Runtime as R', true],
      [
        'alpha modules',
        'from aws_cdk import aws_lambda_python_alpha as py\nimport aws_cdk.aws_apigatewayv2_alpha as gw',
        true,
      ],
      ['wildcard', 'from aws_cdk.aws_s3 import *', true],
      [
        'relative and future',
        'from . import x\nfrom .lib import y\nfrom __future__ import annotations',
        false,
      ],
      [
        'not at module level',
        'if True:\n    import aws_cdk as cdk\ntry:\n    from aws_cdk import Stack\nexcept ImportError:\n    pass',
        true,
      ],
      ['byte-order mark', '\ufeffimport aws_cdk as cdk', true],
      ['spaces in a dotted name', 'import aws_cdk . aws_lambda as l', true],
      ['after ;: read from the tree', 'import os; import aws_cdk as cdk', false],
    ];
    importTests('app/s.py', 'python', pyImportsOfText, pyImportsOfTree, cases, () =>
      corpusFiles(['*.py'], 'PERFGUARD_CDK_PY_CORPUS', (n) => n.endsWith('.py')),
    );
  });
});
