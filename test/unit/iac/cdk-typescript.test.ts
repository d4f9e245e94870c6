import * as assert from 'assert';
import { Workspace } from '../../../src/core/engine/workspace';
import { defaultOf, iacModel, toPlain, type Block, type Span } from '../../../src/core/iac';

async function model(files: Record<string, string>) {
  const ws = new Workspace('/ws', []);
  for (const [p, t] of Object.entries(files)) ws.setFile(p, t);
  await ws.prepare('typescript');
  return iacModel(ws);
}

function value(r: Block | undefined, name: string): unknown {
  const a = r?.attributes.get(name);
  return a ? toPlain(a.value) : 'absent';
}

function text(source: string, s: Span | undefined): string | undefined {
  return s ? source.slice(s.startOffset, s.endOffset) : undefined;
}

const FN_PROPS = "{ runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', memorySize: 512 }";

describe('iac: CDK TypeScript front end', () => {
  describe('import styles', () => {
    const cases: [string, string][] = [
      [
        'a namespace import of the v2 submodule',
        `import * as lambda from 'aws-cdk-lib/aws-lambda';\nnew lambda.Function(this, 'Fn', ${FN_PROPS});\n`,
      ],
      [
        'a named alias from aws-cdk-lib',
        `import { aws_lambda as lambda } from 'aws-cdk-lib';\nnew lambda.Function(this, 'Fn', ${FN_PROPS});\n`,
      ],
      [
        'a named class import',
        `import { Function, Runtime } from 'aws-cdk-lib/aws-lambda';\nnew Function(this, 'Fn', { runtime: Runtime.NODEJS_20_X, handler: 'index.handler', memorySize: 512 });\n`,
      ],
      [
        'a renamed class import',
        `import { Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';\nnew LambdaFunction(this, 'Fn', { runtime: Runtime.NODEJS_20_X, handler: 'index.handler', memorySize: 512 });\n`,
      ],
      [
        'the aws-cdk-lib root namespace',
        `import * as cdk from 'aws-cdk-lib';\nnew cdk.aws_lambda.Function(this, 'Fn', { runtime: cdk.aws_lambda.Runtime.NODEJS_20_X, handler: 'index.handler', memorySize: 512 });\n`,
      ],
      [
        'a v1 @aws-cdk/aws-lambda import',
        `import * as lambda from '@aws-cdk/aws-lambda';\nnew lambda.Function(this, 'Fn', ${FN_PROPS});\n`,
      ],
    ];
    for (const [name, src] of cases)
      it(`reads a construct through ${name}`, async () => {
        const m = await model({ 'lib/stack.ts': src });
        const fn = m.byAddress('lib/stack.ts#Fn')!;
        assert.ok(fn, 'the function is in the model');
        assert.strictEqual(fn.format, 'cdk-typescript');
        assert.strictEqual(fn.resourceType, 'aws_lambda_function');
        assert.strictEqual(value(fn, 'memory_size'), 512);
        assert.strictEqual(value(fn, 'runtime'), 'nodejs20.x');
        assert.strictEqual(value(fn, 'handler'), 'index.handler');
      });

    it('ignores a class of the same name that is not from the CDK', async () => {
      const m = await model({
        'lib/stack.ts':
          "import * as cdk from 'aws-cdk-lib';\nimport { Function } from './my-constructs';\nnew Function(this, 'Fn', { memorySize: 128 });\n",
      });
      assert.deepStrictEqual(m.resources, []);
    });

    it('ignores files that do not import the CDK', async () => {
      const m = await model({
        'src/handler.ts': "class Function {}\nnew Function(this, 'Fn', { memorySize: 128 });\n",
      });
      assert.deepStrictEqual(m.resources, []);
    });
  });

  describe('spans and names', () => {
    it('puts the header on `new X(this, id` and spans on the properties', async () => {
      const src = `import * as lambda from 'aws-cdk-lib/aws-lambda';

const fn = new lambda.Function(this, 'OrdersFn', {
  memorySize: 256,
});
`;
      const m = await model({ 'lib/stack.ts': src });
      const fn = m.byAddress('lib/stack.ts#OrdersFn')!;
      assert.strictEqual(fn.name, 'OrdersFn');
      assert.strictEqual(fn.sourceType, 'Function');
      assert.strictEqual(text(src, fn.headerSpan), "new lambda.Function(this, 'OrdersFn'");
      const mem = fn.attributes.get('memory_size')!;
      assert.strictEqual(text(src, mem.span), 'memorySize: 256');
      assert.strictEqual(text(src, mem.valueSpan), '256');
      assert.deepStrictEqual(mem.provenance, { kind: 'literal' });
    });

    it('gives two constructs with the same id distinct addresses', async () => {
      const m = await model({
        'lib/a.ts':
          "import * as logs from 'aws-cdk-lib/aws-logs';\nnew logs.LogGroup(this, 'Logs');\nnew logs.LogGroup(other, 'Logs');\n",
      });
      assert.deepStrictEqual(
        m.resources.map((r) => r.address),
        ['lib/a.ts#Logs', 'lib/a.ts#Logs@2'],
      );
    });
  });

  describe('values', () => {
    it('resolves file constants with provenance local, and leaves `let` and props unknown', async () => {
      const src = `import { Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';

const MEMORY_MB = 1024;
let timeoutSeconds = 10;

new lambda.Function(this, 'Fn', {
  memorySize: MEMORY_MB,
  timeout: Duration.seconds(timeoutSeconds),
  reservedConcurrentExecutions: props.reserved,
});
`;
      const m = await model({ 'lib/stack.ts': src });
      const fn = m.byAddress('lib/stack.ts#Fn')!;
      const mem = fn.attributes.get('memory_size')!;
      assert.strictEqual(toPlain(mem.value), 1024);
      assert.strictEqual(mem.provenance.kind, 'local');
      assert.ok(mem.provenance.kind === 'local' && mem.provenance.name === 'MEMORY_MB');
      assert.strictEqual(text(src, mem.origin), '1024');
      assert.deepStrictEqual(fn.attributes.get('timeout')!.value, { kind: 'unknown' });
      assert.deepStrictEqual(fn.attributes.get('reserved_concurrent_executions')!.value, { kind: 'unknown' });
    });

    it('converts Duration, Size and enum members to Terraform units and vocabulary', async () => {
      const src = `import { Duration, Size } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';

new lambda.Function(this, 'Fn', { runtime: lambda.Runtime.PYTHON_3_12, timeout: Duration.minutes(2) });
new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.ONE_WEEK });
new apigw.RestApi(this, 'Api', { minCompressionSize: Size.kibibytes(2) });
new dynamodb.Table(this, 'Table', { billingMode: dynamodb.BillingMode.PAY_PER_REQUEST });
`;
      const m = await model({ 'lib/stack.ts': src });
      assert.strictEqual(value(m.byAddress('lib/stack.ts#Fn'), 'runtime'), 'python3.12');
      assert.strictEqual(value(m.byAddress('lib/stack.ts#Fn'), 'timeout'), 120);
      assert.strictEqual(value(m.byAddress('lib/stack.ts#Logs'), 'retention_in_days'), 7);
      assert.strictEqual(value(m.byAddress('lib/stack.ts#Api'), 'minimum_compression_size'), 2048);
      assert.strictEqual(value(m.byAddress('lib/stack.ts#Table'), 'billing_mode'), 'PAY_PER_REQUEST');
    });

    it('maps L1 Cfn constructs through the CloudFormation schemas', async () => {
      const m = await model({
        'lib/stack.ts':
          "import * as athena from 'aws-cdk-lib/aws-athena';\nnew athena.CfnWorkGroup(this, 'Wg', { name: 'analytics', workGroupConfiguration: { bytesScannedCutoffPerQuery: 1073741824 } });\n",
      });
      const wg = m.byAddress('lib/stack.ts#Wg')!;
      assert.strictEqual(wg.resourceType, 'aws_athena_workgroup');
      assert.strictEqual(wg.sourceType, 'CfnWorkGroup');
      assert.strictEqual(value(wg.blocks[0], 'bytes_scanned_cutoff_per_query'), 1073741824);
    });
  });

  describe('format defaults', () => {
    it('a LogGroup keeps logs 731 days (CDK default), not forever', async () => {
      const m = await model({
        'lib/stack.ts': "import * as logs from 'aws-cdk-lib/aws-logs';\nnew logs.LogGroup(this, 'Logs');\n",
      });
      const lg = m.byAddress('lib/stack.ts#Logs')!;
      assert.strictEqual(lg.attributes.has('retention_in_days'), false);
      assert.deepStrictEqual(defaultOf(lg, 'retention_in_days', { kind: 'number', value: 0 }), {
        kind: 'number',
        value: 731,
      });
    });

    it('an L2 Distribution compresses; an L1 CfnDistribution does not', async () => {
      const m = await model({
        'lib/stack.ts':
          "import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';\nnew cloudfront.Distribution(this, 'L2', { defaultBehavior: { origin } });\nnew cloudfront.CfnDistribution(this, 'L1', { distributionConfig: { enabled: true, defaultCacheBehavior: {} } });\n",
      });
      const off = { kind: 'bool' as const, value: false };
      assert.deepStrictEqual(defaultOf(m.byAddress('lib/stack.ts#L2')!, 'compress', off), {
        kind: 'bool',
        value: true,
      });
      assert.deepStrictEqual(defaultOf(m.byAddress('lib/stack.ts#L1')!, 'compress', off), off);
    });

    it('a TableV2 is on-demand; a Table is provisioned (no override)', async () => {
      const m = await model({
        'lib/stack.ts':
          "import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';\nnew dynamodb.TableV2(this, 'V2', {});\nnew dynamodb.Table(this, 'V1', {});\n",
      });
      const prov = { kind: 'string' as const, value: 'PROVISIONED' };
      assert.deepStrictEqual(defaultOf(m.byAddress('lib/stack.ts#V2')!, 'billing_mode', prov), {
        kind: 'string',
        value: 'PAY_PER_REQUEST',
      });
      assert.deepStrictEqual(defaultOf(m.byAddress('lib/stack.ts#V1')!, 'billing_mode', prov), prov);
    });
  });

  describe('resources a construct implies', () => {
    it('a LambdaRestApi makes a stage, method settings and an integration that invokes the handler', async () => {
      const src = `import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as apigw from 'aws-cdk-lib/aws-apigateway';

const fn = new lambda.Function(this, 'Fn', { memorySize: 512 });
new apigw.LambdaRestApi(this, 'Api', { handler: fn, deployOptions: { stageName: 'v1', throttlingRateLimit: 100 } });
`;
      const m = await model({ 'lib/stack.ts': src });
      assert.deepStrictEqual(
        m.resources.map((r) => [r.address, r.resourceType]),
        [
          ['lib/stack.ts#Fn', 'aws_lambda_function'],
          ['lib/stack.ts#Api', 'aws_api_gateway_rest_api'],
          ['lib/stack.ts#Api/handler', 'aws_api_gateway_integration'],
          ['lib/stack.ts#Api/stage', 'aws_api_gateway_stage'],
          ['lib/stack.ts#Api/methodSettings', 'aws_api_gateway_method_settings'],
        ],
      );
      const integ = m.byAddress('lib/stack.ts#Api/handler')!;
      assert.deepStrictEqual(integ.attributes.get('uri')!.refs, [
        { type: 'aws_lambda_function', name: 'Fn', attribute: 'invoke_arn', address: 'lib/stack.ts#Fn' },
      ]);
      assert.strictEqual(value(m.byAddress('lib/stack.ts#Api/stage'), 'stage_name'), 'v1');
      const ms = m.byAddress('lib/stack.ts#Api/methodSettings')!;
      assert.strictEqual(value(ms, 'method_path'), '*/*');
      assert.strictEqual(value(ms.blocks[0], 'throttling_rate_limit'), 100);
      assert.strictEqual(text(src, ms.headerSpan), 'deployOptions');
    });

    it('a Function with logRetention makes its log group', async () => {
      const src =
        "import * as lambda from 'aws-cdk-lib/aws-lambda';\nimport * as logs from 'aws-cdk-lib/aws-logs';\nnew lambda.Function(this, 'Fn', { logRetention: logs.RetentionDays.TWO_WEEKS });\n";
      const m = await model({ 'lib/stack.ts': src });
      const lg = m.byAddress('lib/stack.ts#Fn/logRetention')!;
      assert.strictEqual(lg.resourceType, 'aws_cloudwatch_log_group');
      assert.strictEqual(value(lg, 'retention_in_days'), 14);
      assert.strictEqual(text(src, lg.headerSpan), 'logRetention');
    });

    it('method calls: autoscaling targets, metric alarms and aliases refer to their construct', async () => {
      const src = `import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';

const table = new dynamodb.Table(this, 'Orders', {});
table.autoScaleReadCapacity({ minCapacity: 5, maxCapacity: 50 });
const fn = new lambda.Function(this, 'Auth', {});
fn.metricErrors().createAlarm(this, 'AuthErrors', { threshold: 1, evaluationPeriods: 1 });
fn.addAlias('live', { provisionedConcurrentExecutions: 2 });
`;
      const m = await model({ 'lib/stack.ts': src });
      const [target] = m.ofType('aws_appautoscaling_target');
      assert.strictEqual(value(target, 'scalable_dimension'), 'dynamodb:table:ReadCapacityUnits');
      assert.deepStrictEqual(
        target!.attributes.get('resource_id')!.refs.map((r) => r.address),
        ['lib/stack.ts#Orders'],
      );
      const alarm = m.byAddress('lib/stack.ts#AuthErrors')!;
      assert.strictEqual(alarm.resourceType, 'aws_cloudwatch_metric_alarm');
      assert.strictEqual(value(alarm, 'namespace'), 'AWS/Lambda');
      assert.strictEqual(value(alarm, 'metric_name'), 'Errors');
      assert.strictEqual(value(alarm, 'threshold'), 1);
      const [pc] = m.ofType('aws_lambda_provisioned_concurrency_config');
      assert.deepStrictEqual(
        pc!.attributes.get('function_name')!.refs.map((r) => r.address),
        ['lib/stack.ts#Auth'],
      );
    });

    it('deploy: false makes no stage', async () => {
      const m = await model({
        'lib/stack.ts':
          "import * as apigw from 'aws-cdk-lib/aws-apigateway';\nnew apigw.RestApi(this, 'Api', { deploy: false });\n",
      });
      assert.deepStrictEqual(m.ofType('aws_api_gateway_stage'), []);
    });
  });
});
