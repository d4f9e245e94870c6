/**
 * Template and CDK analysis speed (issue 6: "Same speed bar as Terraform: a 5,000-line template or stack under
 * 60 ms").
 *
 *   npx tsx bench/templates.ts [--lines 5000] [--runs 15] [--only sam,sam-json,serverless,cdk-ts,cdk-py] [--json]
 *                              [--real DIR]   (also cdk-ts-real, cdk-py-real: DIR's CDK stacks, concatenated)
 *                              [--source]     (time the TypeScript source under tsx instead of the bundle)
 *
 * The engine is timed as it ships: this script bundles itself with the options of dist/ (bench/bundle.ts) and
 * runs the bundle, unless `--source` is given (tsx's `keepNames` makes the source ~10–15 % slower).
 *
 * Generates a realistic SAM template (in YAML and in JSON), a serverless.yml, a CDK TypeScript stack and a CDK
 * Python stack (Lambda functions with log groups and event sources, API Gateway stages with method settings,
 * DynamoDB tables, Athena workgroups, CloudFront distributions, alarms) and reports CPU milliseconds
 * (process.cpuUsage, user + system) as the minimum and the median of warm runs for: the syntax lint reads
 * (the template tree for YAML and JSON, the CDK lexer for TypeScript, the Python reader for Python: its tree is
 * the stack's reading),
 * the front end's per-file model build from a fresh file (parse included), a whole first lint through
 * `createWorkspace(...).lint` (every rule of the language), and a re-lint after a one-character edit (these two
 * in wall-clock milliseconds too).
 *
 * `runTemplatesBench(opts)` returns the same numbers.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ParsedFile } from '../src/core/engine/file';
import { templateResources } from '../src/core/iac/cloudformation';
import { serverlessResources } from '../src/core/iac/serverless';
import { cdkTypeScriptResources } from '../src/core/iac/cdk-typescript';
import { cdkPythonResources } from '../src/core/iac/cdk-python';
import { templateTree, yamlTree, type TNode } from '../src/core/iac/template-tree';
import { lexTs } from '../src/core/iac/cdk-scan-ts';
import { readPython } from '../src/core/parse/python-read';
import { loadGrammar, parseWith, type GrammarId } from '../src/core/parse/treesitter';
import type { LanguageId } from '../src/core/model/types';
import { pick, rng, type Rand } from './gen';
import { argValue, fmtStat as fmt, ranAsShipped, sample, sampleLintAndRelint, type Stat } from './measure';

export type TemplateFormat =
  'sam' | 'sam-json' | 'serverless' | 'cdk-ts' | 'cdk-py' | 'cdk-ts-real' | 'cdk-py-real';
export const TEMPLATE_FORMATS: readonly TemplateFormat[] = [
  'sam',
  'sam-json',
  'serverless',
  'cdk-ts',
  'cdk-py',
];

export interface TemplatesBenchOptions {
  lines?: number;
  runs?: number;
  only?: readonly TemplateFormat[];
  /**
   * A folder of public code (never committed): its CDK stacks, concatenated to the line count, are measured too
   * (`cdk-ts-real`, `cdk-py-real`): real code at its own density of constructs.
   */
  realDir?: string;
}

export type { Stat } from './measure';

export interface FormatResult {
  format: TemplateFormat;
  path: string;
  lines: number;
  chars: number;
  resources: number;
  findings: number;
  /** Syntax only: the tree-sitter parse (TypeScript, Python), or the template tree (YAML, JSON). */
  parse: Stat;
  /** The front end on a fresh file: parse + per-file resources. */
  model: Stat;
  /** A first lint in a fresh workspace (grammars loaded). */
  lint: Stat;
  /** A re-lint after a one-character edit. */
  relint: Stat;
  /** The same two in wall-clock time. */
  lintWall: Stat;
  relintWall: Stat;
}

export interface TemplatesBenchResult {
  runs: number;
  formats: FormatResult[];
}

// ---- Generators --------------------------------------------------------------------------------------------

const RUNTIMES_PY = ['python3.12', 'python3.11'];
const MEM = [128, 256, 512, 1024, 1769, 3008];
const TIMEOUT = [3, 10, 29, 30, 60, 900];
const RETENTION = [1, 7, 14, 30, 365];

function samService(i: number, r: Rand): string {
  const n = `Svc${i}`;
  const mem = pick(r, MEM);
  const t = pick(r, TIMEOUT);
  return `  ${n}Function:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: !Sub "\${AWS::StackName}-svc${i}"
      Handler: app.handler
      Runtime: ${pick(r, RUNTIMES_PY)}
      CodeUri: src/svc${i}/
      MemorySize: ${mem}
      Timeout: ${t}
      Architectures: [arm64]
      Environment:
        Variables:
          TABLE_NAME: !Ref ${n}Table
          STAGE: 'prod'
          RATIO: 0.5
          ENABLED: true
      Policies:
        - DynamoDBCrudPolicy:
            TableName: !Ref ${n}Table
        - Statement:
            - Effect: Allow
              Action: ['s3:GetObject', "s3:PutObject"]
              Resource: !Sub 'arn:aws:s3:::bucket-${i}/*'
      Events:
        Api:
          Type: Api
          Properties:
            Path: /svc${i}/{id}
            Method: get
            RestApiId: !Ref Api
        Queue:
          Type: SQS
          Properties:
            Queue: !GetAtt ${n}Queue.Arn
            BatchSize: ${pick(r, [1, 10, 100])}
  ${n}LogGroup:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: !Sub /aws/lambda/\${${n}Function}
      RetentionInDays: ${pick(r, RETENTION)}
  ${n}Queue:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: ${t * 6}
  ${n}Table:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: ${pick(r, ['PAY_PER_REQUEST', 'PROVISIONED'])}
      AttributeDefinitions:
        - AttributeName: pk
          AttributeType: S
      KeySchema:
        - { AttributeName: pk, KeyType: HASH }
  ${n}Alarm:
    Type: AWS::CloudWatch::Alarm
    Properties:
      AlarmDescription: >-
        Errors of svc${i}
        over five minutes
      Namespace: AWS/Lambda
      MetricName: Errors
      Dimensions:
        - Name: FunctionName
          Value: !Ref ${n}Function
      Statistic: Sum
      Period: 300
      EvaluationPeriods: 1
      Threshold: 1
      ComparisonOperator: GreaterThanOrEqualToThreshold
  ${n}WorkGroup:
    Type: AWS::Athena::WorkGroup
    Properties:
      Name: wg-${i}
      WorkGroupConfiguration:
        EnforceWorkGroupConfiguration: ${pick(r, ['true', 'false'])}
        BytesScannedCutoffPerQuery: ${pick(r, [10000000, 1000000000])}
`;
}

export function samOfLines(lines: number, seed = 1): string {
  const r = rng(seed);
  let out = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Description: |
  Generated SAM template for the perfguard benchmark.
  Two lines of description.
Parameters:
  Stage:
    Type: String
    Default: prod
Globals:
  Function:
    Timeout: 30
    MemorySize: 512
    Tracing: Active
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: !Ref Stage
      CacheClusterEnabled: false
      MethodSettings:
        - ResourcePath: '/*'
          HttpMethod: '*'
          CachingEnabled: false
          ThrottlingRateLimit: 100
`;
  let i = 0;
  while (out.split('\n').length < lines - 5) out += samService(i++, r);
  out += `Outputs:
  ApiUrl:
    Value: !Sub "https://\${Api}.execute-api.\${AWS::Region}.amazonaws.com/prod/"
`;
  return out;
}

/** A YAML template node as JSON: short tags become their long forms (`!Ref X` → `{ "Ref": "X" }`). */
function jsonOf(n: TNode): unknown {
  const v: unknown =
    n.k === 'map'
      ? Object.fromEntries((n.entries ?? []).map((e) => [e.key, jsonOf(e.value)]))
      : n.k === 'seq'
        ? (n.items ?? []).map(jsonOf)
        : n.value;
  if (!n.tag) return v;
  return { [n.tag === '!Ref' || n.tag === '!Condition' ? n.tag.slice(1) : `Fn::${n.tag.slice(1)}`]: v };
}

/** The SAM template of `samOfLines` written as JSON (2-space indented), about `lines` lines long. */
export function samJsonOfLines(lines: number, seed = 1): string {
  const json = (yamlLines: number): string =>
    JSON.stringify(jsonOf(yamlTree(samOfLines(yamlLines, seed))!), null, 2) + '\n';
  // JSON takes more lines than YAML for the same template: scale the YAML size by the measured ratio.
  const ratio = json(400).split('\n').length / 400;
  return json(Math.round(lines / ratio));
}

function slsFunction(i: number, r: Rand): string {
  return `  fn${i}:
    handler: src/fn${i}/handler.main
    memorySize: ${pick(r, MEM)}
    timeout: ${pick(r, TIMEOUT)}
    reservedConcurrency: ${pick(r, [1, 5, 50])}
    environment:
      TABLE: \${self:service}-table-${i}
      MODE: "fast"
    events:
      - http:
          path: fn${i}/{id}
          method: get
          cors: true
      - sqs:
          arn:
            Fn::GetAtt: [Queue${i}, Arn]
          batchSize: ${pick(r, [1, 10])}
      - schedule: rate(${pick(r, [1, 5, 10])} minutes)
`;
}

export function serverlessOfLines(lines: number, seed = 2): string {
  const r = rng(seed);
  let fns = '';
  let res = '';
  let i = 0;
  const head = `service: bench-service
frameworkVersion: '3'
provider:
  name: aws
  runtime: python3.12
  memorySize: 1024
  timeout: 29
  logRetentionInDays: 14
  apiGateway:
    shouldStartNameWithService: true
functions:
`;
  const size = (): number => (head + fns + res).split('\n').length;
  while (size() < lines - 3) {
    fns += slsFunction(i, r);
    res += `    Queue${i}:
      Type: AWS::SQS::Queue
      Properties:
        VisibilityTimeout: ${pick(r, [30, 180, 900])}
    Table${i}:
      Type: AWS::DynamoDB::Table
      Properties:
        BillingMode: PAY_PER_REQUEST
        KeySchema: [{ AttributeName: pk, KeyType: HASH }]
`;
    i++;
  }
  return `${head}${fns}resources:\n  Resources:\n${res}`;
}

function cdkTsService(i: number, r: Rand): string {
  return `    const table${i} = new dynamodb.Table(this, 'Table${i}', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.${pick(r, ['PAY_PER_REQUEST', 'PROVISIONED'])},
    });
    const fn${i} = new lambda.Function(this, 'Fn${i}', {
      runtime: lambda.Runtime.PYTHON_3_12,
      handler: 'app.handler',
      code: lambda.Code.fromAsset(path.join(__dirname, '../src/svc${i}')),
      memorySize: ${pick(r, MEM)},
      timeout: Duration.seconds(${pick(r, TIMEOUT)}),
      logRetention: logs.RetentionDays.${pick(r, ['ONE_WEEK', 'ONE_MONTH', 'INFINITE'])},
      environment: { TABLE_NAME: table${i}.tableName, STAGE: STAGE },
      architecture: lambda.Architecture.ARM_64,
    });
    table${i}.grantReadWriteData(fn${i});
    const queue${i} = new sqs.Queue(this, 'Queue${i}', { visibilityTimeout: Duration.seconds(${pick(r, [30, 180, 900])}) });
    fn${i}.addEventSource(new SqsEventSource(queue${i}, { batchSize: ${pick(r, [1, 10])} }));
    new cloudwatch.Alarm(this, 'Alarm${i}', {
      metric: fn${i}.metricErrors({ period: Duration.minutes(5) }),
      threshold: 1,
      evaluationPeriods: 1,
    });
    const api${i} = new apigw.RestApi(this, 'Api${i}', {
      deployOptions: {
        stageName: 'prod',
        cachingEnabled: ${pick(r, ['true', 'false'])},
        throttlingRateLimit: 100,
      },
    });
    api${i}.root.addResource('items').addMethod('GET', new apigw.LambdaIntegration(fn${i}));
    new athena.CfnWorkGroup(this, 'Wg${i}', {
      name: 'wg-${i}',
      workGroupConfiguration: { enforceWorkGroupConfiguration: true, bytesScannedCutoffPerQuery: ${pick(r, [10000000, 1000000000])} },
    });

`;
}

export function cdkTsOfLines(lines: number, seed = 3): string {
  const r = rng(seed);
  let body = '';
  let i = 0;
  const head = `import * as path from 'path';
import { App, Duration, Stack, StackProps } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as athena from 'aws-cdk-lib/aws-athena';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Construct } from 'constructs';

const STAGE = 'prod';

export class BenchStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
`;
  const tail = `  }
}

const app = new App();
new BenchStack(app, 'BenchStack');
`;
  while ((head + body + tail).split('\n').length < lines - 35) body += cdkTsService(i++, r);
  return head + body + tail;
}

function cdkPyService(i: number, r: Rand): string {
  return `        table${i} = dynamodb.Table(
            self,
            "Table${i}",
            partition_key=dynamodb.Attribute(name="pk", type=dynamodb.AttributeType.STRING),
            billing_mode=dynamodb.BillingMode.${pick(r, ['PAY_PER_REQUEST', 'PROVISIONED'])},
        )
        fn${i} = _lambda.Function(
            self,
            "Fn${i}",
            runtime=_lambda.Runtime.PYTHON_3_12,
            handler="app.handler",
            code=_lambda.Code.from_asset(os.path.join(os.path.dirname(__file__), "../src/svc${i}")),
            memory_size=${pick(r, MEM)},
            timeout=Duration.seconds(${pick(r, TIMEOUT)}),
            log_retention=logs.RetentionDays.${pick(r, ['ONE_WEEK', 'ONE_MONTH', 'INFINITE'])},
            environment={"TABLE_NAME": table${i}.table_name, "STAGE": STAGE},
        )
        table${i}.grant_read_write_data(fn${i})
        queue${i} = sqs.Queue(self, "Queue${i}", visibility_timeout=Duration.seconds(${pick(r, [30, 180, 900])}))
        fn${i}.add_event_source(SqsEventSource(queue${i}, batch_size=${pick(r, [1, 10])}))
        cloudwatch.Alarm(
            self,
            "Alarm${i}",
            metric=fn${i}.metric_errors(period=Duration.minutes(5)),
            threshold=1,
            evaluation_periods=1,
        )
        api${i} = apigw.RestApi(
            self,
            "Api${i}",
            deploy_options=apigw.StageOptions(stage_name="prod", caching_enabled=${pick(r, ['True', 'False'])}, throttling_rate_limit=100),
        )
        api${i}.root.add_resource("items").add_method("GET", apigw.LambdaIntegration(fn${i}))
        athena.CfnWorkGroup(
            self,
            "Wg${i}",
            name="wg-${i}",
            work_group_configuration={"enforceWorkGroupConfiguration": True, "bytesScannedCutoffPerQuery": ${pick(r, [10000000, 1000000000])}},
        )

`;
}

export function cdkPyOfLines(lines: number, seed = 4): string {
  const r = rng(seed);
  let body = '';
  let i = 0;
  const head = `import os

from aws_cdk import App, Duration, Stack
from aws_cdk import aws_lambda as _lambda
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_sqs as sqs
from aws_cdk import aws_logs as logs
from aws_cdk import aws_apigateway as apigw
from aws_cdk import aws_athena as athena
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk.aws_lambda_event_sources import SqsEventSource
from constructs import Construct

STAGE = "prod"


class BenchStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
`;
  const tail = `

app = App()
BenchStack(app, "BenchStack")
app.synth()
`;
  while ((head + body + tail).split('\n').length < lines - 45) body += cdkPyService(i++, r);
  return head + body + tail;
}

interface FormatSpec {
  path: string;
  language: LanguageId;
  /** The tree-sitter grammar of the syntax parse (none for YAML and JSON, read into the template tree). */
  grammar?: GrammarId;
  text: (lines: number) => string;
  resources: (f: ParsedFile) => number;
  /** Where the one-character edit goes (a digit after this marker, toggled). */
  marker: RegExp;
}

const SPECS: Record<Exclude<TemplateFormat, 'cdk-ts-real' | 'cdk-py-real'>, FormatSpec> = {
  sam: {
    path: 'template.yaml',
    language: 'yaml',
    text: samOfLines,
    resources: (f) => templateResources(f).length,
    marker: /MemorySize: \d/,
  },
  'sam-json': {
    path: 'template.json',
    language: 'json',
    text: samJsonOfLines,
    resources: (f) => templateResources(f).length,
    marker: /"MemorySize": \d/,
  },
  serverless: {
    path: 'serverless.yml',
    language: 'yaml',
    text: serverlessOfLines,
    resources: (f) => serverlessResources(f).length,
    marker: /memorySize: \d/,
  },
  'cdk-ts': {
    path: 'lib/bench-stack.ts',
    language: 'typescript',
    grammar: 'typescript',
    text: cdkTsOfLines,
    resources: (f) => cdkTypeScriptResources(f).length,
    marker: /memorySize: \d/,
  },
  'cdk-py': {
    path: 'stacks/bench_stack.py',
    language: 'python',
    grammar: 'python',
    text: cdkPyOfLines,
    resources: (f) => cdkPythonResources(f).length,
    marker: /memory_size=\d/,
  },
};

// ---- Measuring ---------------------------------------------------------------------------------------------

/**
 * CDK stacks of a folder of public code (files importing CDK, `cdk.out` and `node_modules` aside), whole files
 * concatenated in path order until there are `lines` lines: a stack at real code's density of constructs.
 */
export function realCdkStack(dir: string, lang: 'ts' | 'py', lines: number): string {
  const files: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(d, e.name);
      if (e.isDirectory() && !['node_modules', 'cdk.out', '.git'].includes(e.name)) walk(p);
      else if (e.isFile() && (lang === 'ts' ? /(?<!\.d)\.ts$/.test(e.name) : e.name.endsWith('.py')))
        files.push(p);
    }
  };
  walk(dir);
  const cdk = lang === 'ts' ? /from 'aws-cdk-lib(\/[a-z0-9-]+)?'/ : /^from aws_cdk import|^import aws_cdk/m;
  let out = '';
  let n = 0;
  for (const f of files) {
    if (n >= lines) break;
    // (A `#!` line is code only at the start of a file.)
    const text = fs.readFileSync(f, 'utf8').replace(/^#!.*\n/, '');
    if (!cdk.test(text) || text.length > 200_000) continue;
    out += text.endsWith('\n') ? text : `${text}\n`;
    n = out.split('\n').length - 1;
  }
  if (n < lines) throw new Error(`only ${n} lines of CDK ${lang} stacks under ${dir}`);
  return out;
}

async function benchFormat(
  format: TemplateFormat,
  lines: number,
  runs: number,
  realDir?: string,
): Promise<FormatResult> {
  const real = format === 'cdk-ts-real' ? 'ts' : format === 'cdk-py-real' ? 'py' : undefined;
  const spec = real ? { ...SPECS[real === 'ts' ? 'cdk-ts' : 'cdk-py'] } : SPECS[format as keyof typeof SPECS];
  if (real) {
    if (!realDir) throw new Error(`${format} needs a folder of public code`);
    spec.text = (n) => realCdkStack(realDir, real, n);
    // (The edit toggles a digit after `memorySize: ` / `memory_size=`, else appends a space.)
  }
  const grammar = spec.grammar;
  if (grammar) await loadGrammar(grammar).catch(() => undefined);
  const text = spec.text(lines);
  const parse = sample(runs, () => {
    if (spec.language === 'yaml' || spec.language === 'json') {
      const f = new ParsedFile(spec.path, spec.path, text, spec.language);
      templateTree(f);
      f.dispose();
    } else if (format === 'cdk-ts') lexTs(text);
    else if (format === 'cdk-py' || format === 'cdk-py-real') readPython(text)?.tree.release();
    else if (format === 'cdk-ts-real') lexTs(text);
    else if (grammar) parseWith(grammar, text).delete();
  });
  let resources = 0;
  const model = sample(runs, () => {
    const f = new ParsedFile(spec.path, spec.path, text, spec.language);
    resources = spec.resources(f);
    f.dispose();
  });
  const { lint, relint, lintWall, relintWall, findings } = await sampleLintAndRelint(
    spec.path,
    text,
    spec.marker,
    runs,
  );
  return {
    format,
    path: spec.path,
    lines: text.split('\n').length - 1,
    chars: text.length,
    resources,
    findings,
    parse,
    model,
    lint,
    relint,
    lintWall,
    relintWall,
  };
}

export async function runTemplatesBench(opts: TemplatesBenchOptions = {}): Promise<TemplatesBenchResult> {
  const lines = opts.lines ?? 5000;
  const runs = opts.runs ?? 15;
  const formats: FormatResult[] = [];
  const all: TemplateFormat[] = [
    ...TEMPLATE_FORMATS,
    ...(opts.realDir ? (['cdk-ts-real', 'cdk-py-real'] as const) : []),
  ];
  for (const f of opts.only ?? all) formats.push(await benchFormat(f, lines, runs, opts.realDir));
  return { runs, formats };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (ranAsShipped('bench/templates.ts', argv)) return;
  const arg = (name: string): string | undefined => argValue(argv, name);
  const only = arg('--only')?.split(',') as TemplateFormat[] | undefined;
  const r = await runTemplatesBench({
    lines: Number(arg('--lines') ?? 5000),
    runs: Number(arg('--runs') ?? 15),
    ...(only ? { only } : {}),
    ...(arg('--real') ? { realDir: arg('--real') } : {}),
  });
  if (argv.includes('--json')) {
    console.log(JSON.stringify(r, null, 2));
    return;
  }
  console.log(`CPU ms (min, median) over ${r.runs} warm runs; lint and relint also in wall-clock ms`);
  console.log(
    `${'format'.padEnd(11)} ${'lines'.padStart(5)} ${'res'.padStart(4)} ${'find'.padStart(4)}` +
      `   parse (min med)    model (min med)     lint (min med)   relint (min med)  lint wall (min med)`,
  );
  for (const f of r.formats) {
    console.log(
      `${f.format.padEnd(11)} ${String(f.lines).padStart(5)} ${String(f.resources).padStart(4)} ${String(f.findings).padStart(4)}` +
        `   ${fmt(f.parse)}   ${fmt(f.model)}   ${fmt(f.lint)}   ${fmt(f.relint)}   ${fmt(f.lintWall)}`,
    );
  }
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
