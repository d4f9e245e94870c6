import * as assert from 'assert';
import { Workspace } from '../../../src/core/engine/workspace';
import { defaultOf, iacModel, toPlain, type Block, type Span } from '../../../src/core/iac';

async function model(files: Record<string, string>) {
  const ws = new Workspace('/ws', []);
  for (const [p, t] of Object.entries(files)) ws.setFile(p, t);
  await ws.prepare('python');
  return iacModel(ws);
}

function value(r: Block | undefined, name: string): unknown {
  const a = r?.attributes.get(name);
  return a ? toPlain(a.value) : 'absent';
}

function text(source: string, s: Span | undefined): string | undefined {
  return s ? source.slice(s.startOffset, s.endOffset) : undefined;
}

describe('iac: CDK Python front end', () => {
  describe('import styles', () => {
    const cases: [string, string][] = [
      [
        'from aws_cdk import aws_lambda as _lambda',
        'from aws_cdk import aws_lambda as _lambda\n\n_lambda.Function(self, "Fn", runtime=_lambda.Runtime.PYTHON_3_12, handler="app.handler", memory_size=512)\n',
      ],
      [
        'import aws_cdk.aws_lambda as lambda_',
        'import aws_cdk.aws_lambda as lambda_\n\nlambda_.Function(self, "Fn", runtime=lambda_.Runtime.PYTHON_3_12, handler="app.handler", memory_size=512)\n',
      ],
      [
        'from aws_cdk.aws_lambda import Function, Runtime',
        'from aws_cdk.aws_lambda import Function, Runtime\n\nFunction(self, "Fn", runtime=Runtime.PYTHON_3_12, handler="app.handler", memory_size=512)\n',
      ],
      [
        'a renamed class import',
        'from aws_cdk.aws_lambda import Function as LambdaFunction, Runtime\n\nLambdaFunction(self, "Fn", runtime=Runtime.PYTHON_3_12, handler="app.handler", memory_size=512)\n',
      ],
      [
        'import aws_cdk as cdk',
        'import aws_cdk as cdk\n\ncdk.aws_lambda.Function(self, "Fn", runtime=cdk.aws_lambda.Runtime.PYTHON_3_12, handler="app.handler", memory_size=512)\n',
      ],
      [
        'a v1 app (aws_cdk.core)',
        'from aws_cdk import core\nfrom aws_cdk import aws_lambda\n\n\nclass Stack(core.Stack):\n    def __init__(self, scope, id):\n        super().__init__(scope, id)\n        aws_lambda.Function(self, "Fn", runtime=aws_lambda.Runtime.PYTHON_3_12, handler="app.handler", memory_size=512)\n',
      ],
    ];
    for (const [name, src] of cases)
      it(`reads a construct through ${name}`, async () => {
        const m = await model({ 'stacks/stack.py': src });
        const fn = m.byAddress('stacks/stack.py#Fn')!;
        assert.ok(fn, 'the function is in the model');
        assert.strictEqual(fn.format, 'cdk-python');
        assert.strictEqual(fn.resourceType, 'aws_lambda_function');
        assert.strictEqual(value(fn, 'memory_size'), 512);
        assert.strictEqual(value(fn, 'runtime'), 'python3.12');
        assert.strictEqual(value(fn, 'handler'), 'app.handler');
      });

    it('ignores a class of the same name that is not from the CDK', async () => {
      const m = await model({
        'stacks/stack.py':
          'import aws_cdk as cdk\nfrom my_constructs import Function\n\nFunction(self, "Fn", memory_size=128)\n',
      });
      assert.deepStrictEqual(m.resources, []);
    });

    it('ignores files that do not import the CDK', async () => {
      const m = await model({
        'src/app.py': 'def Function(*a, **k):\n    pass\n\nFunction(None, "Fn", memory_size=128)\n',
      });
      assert.deepStrictEqual(m.resources, []);
    });
  });

  describe('spans and names', () => {
    it('puts the header on `X(self, id` and spans on the keyword arguments', async () => {
      const src = `from aws_cdk import aws_lambda as _lambda

fn = _lambda.Function(
    self,
    "OrdersFn",
    memory_size=256,
)
`;
      const m = await model({ 'stacks/stack.py': src });
      const fn = m.byAddress('stacks/stack.py#OrdersFn')!;
      assert.strictEqual(fn.name, 'OrdersFn');
      assert.strictEqual(text(src, fn.headerSpan), '_lambda.Function(\n    self,\n    "OrdersFn"');
      const mem = fn.attributes.get('memory_size')!;
      assert.strictEqual(text(src, mem.span), 'memory_size=256');
      assert.strictEqual(text(src, mem.valueSpan), '256');
      assert.deepStrictEqual(mem.provenance, { kind: 'literal' });
    });
  });

  describe('values', () => {
    it('resolves module constants with provenance local; parameters and attributes stay unknown', async () => {
      const src = `from aws_cdk import Duration, aws_lambda as _lambda

MEMORY_MB = 1024


class Stack:
    def __init__(self, props):
        _lambda.Function(
            self,
            "Fn",
            memory_size=MEMORY_MB,
            timeout=Duration.seconds(props.timeout),
            reserved_concurrent_executions=props.reserved,
        )
`;
      const m = await model({ 'stacks/stack.py': src });
      const fn = m.byAddress('stacks/stack.py#Fn')!;
      const mem = fn.attributes.get('memory_size')!;
      assert.strictEqual(toPlain(mem.value), 1024);
      assert.strictEqual(mem.provenance.kind, 'local');
      assert.ok(mem.provenance.kind === 'local' && mem.provenance.name === 'MEMORY_MB');
      assert.strictEqual(text(src, mem.origin), '1024');
      assert.deepStrictEqual(fn.attributes.get('timeout')!.value, { kind: 'unknown' });
      assert.deepStrictEqual(fn.attributes.get('reserved_concurrent_executions')!.value, { kind: 'unknown' });
    });

    it('converts Duration, Size and enum members to Terraform units and vocabulary', async () => {
      const src = `from aws_cdk import Duration, Size
from aws_cdk import aws_lambda as _lambda, aws_logs as logs, aws_apigateway as apigw, aws_dynamodb as dynamodb

_lambda.Function(self, "Fn", runtime=_lambda.Runtime.NODEJS_20_X, timeout=Duration.minutes(2))
logs.LogGroup(self, "Logs", retention=logs.RetentionDays.ONE_MONTH)
apigw.RestApi(self, "Api", min_compression_size=Size.bytes(512))
dynamodb.Table(self, "Table", billing_mode=dynamodb.BillingMode.PAY_PER_REQUEST)
`;
      const m = await model({ 'stacks/stack.py': src });
      assert.strictEqual(value(m.byAddress('stacks/stack.py#Fn'), 'runtime'), 'nodejs20.x');
      assert.strictEqual(value(m.byAddress('stacks/stack.py#Fn'), 'timeout'), 120);
      assert.strictEqual(value(m.byAddress('stacks/stack.py#Logs'), 'retention_in_days'), 30);
      assert.strictEqual(value(m.byAddress('stacks/stack.py#Api'), 'minimum_compression_size'), 512);
      assert.strictEqual(value(m.byAddress('stacks/stack.py#Table'), 'billing_mode'), 'PAY_PER_REQUEST');
    });

    it('maps L1 Cfn constructs and their Property classes through the CloudFormation schemas', async () => {
      const m = await model({
        'stacks/stack.py':
          'from aws_cdk import aws_athena as athena\n\nathena.CfnWorkGroup(\n    self,\n    "Wg",\n    name="analytics",\n    work_group_configuration=athena.CfnWorkGroup.WorkGroupConfigurationProperty(bytes_scanned_cutoff_per_query=1073741824),\n)\n',
      });
      const wg = m.byAddress('stacks/stack.py#Wg')!;
      assert.strictEqual(wg.resourceType, 'aws_athena_workgroup');
      assert.strictEqual(value(wg, 'name'), 'analytics');
      assert.strictEqual(value(wg.blocks[0], 'bytes_scanned_cutoff_per_query'), 1073741824);
    });
  });

  describe('format defaults', () => {
    it('a LogGroup keeps logs 731 days (CDK default), not forever', async () => {
      const m = await model({
        'stacks/stack.py': 'from aws_cdk import aws_logs as logs\n\nlogs.LogGroup(self, "Logs")\n',
      });
      const lg = m.byAddress('stacks/stack.py#Logs')!;
      assert.strictEqual(lg.attributes.has('retention_in_days'), false);
      assert.deepStrictEqual(defaultOf(lg, 'retention_in_days', { kind: 'number', value: 0 }), {
        kind: 'number',
        value: 731,
      });
    });

    it('an L2 Distribution compresses; an L1 CfnDistribution does not', async () => {
      const m = await model({
        'stacks/stack.py':
          'from aws_cdk import aws_cloudfront as cloudfront\n\ncloudfront.Distribution(self, "L2", default_behavior=cloudfront.BehaviorOptions(origin=origin))\ncloudfront.CfnDistribution(self, "L1", distribution_config=cloudfront.CfnDistribution.DistributionConfigProperty(enabled=True))\n',
      });
      const off = { kind: 'bool' as const, value: false };
      assert.deepStrictEqual(defaultOf(m.byAddress('stacks/stack.py#L2')!, 'compress', off), {
        kind: 'bool',
        value: true,
      });
      assert.deepStrictEqual(defaultOf(m.byAddress('stacks/stack.py#L1')!, 'compress', off), off);
    });
  });

  describe('resources a construct implies', () => {
    it('a LambdaRestApi makes a stage, method settings and an integration that invokes the handler', async () => {
      const src = `from aws_cdk import aws_apigateway as apigw, aws_lambda as _lambda

fn = _lambda.Function(self, "Fn", memory_size=512)
apigw.LambdaRestApi(self, "Api", handler=fn, deploy_options=apigw.StageOptions(stage_name="v1", throttling_rate_limit=100))
`;
      const m = await model({ 'stacks/stack.py': src });
      assert.deepStrictEqual(
        m.resources.map((r) => [r.address, r.resourceType]),
        [
          ['stacks/stack.py#Fn', 'aws_lambda_function'],
          ['stacks/stack.py#Api', 'aws_api_gateway_rest_api'],
          ['stacks/stack.py#Api/handler', 'aws_api_gateway_integration'],
          ['stacks/stack.py#Api/stage', 'aws_api_gateway_stage'],
          ['stacks/stack.py#Api/methodSettings', 'aws_api_gateway_method_settings'],
        ],
      );
      assert.deepStrictEqual(m.byAddress('stacks/stack.py#Api/handler')!.attributes.get('uri')!.refs, [
        { type: 'aws_lambda_function', name: 'Fn', attribute: 'invoke_arn', address: 'stacks/stack.py#Fn' },
      ]);
      assert.strictEqual(value(m.byAddress('stacks/stack.py#Api/stage'), 'stage_name'), 'v1');
      const ms = m.byAddress('stacks/stack.py#Api/methodSettings')!;
      assert.strictEqual(value(ms.blocks[0], 'throttling_rate_limit'), 100);
      assert.strictEqual(text(src, ms.headerSpan), 'deploy_options');
    });

    it('method calls: autoscaling targets, metric alarms and aliases refer to their construct', async () => {
      const src = `from aws_cdk import aws_dynamodb as dynamodb, aws_lambda as _lambda

table = dynamodb.Table(self, "Orders")
table.auto_scale_write_capacity(min_capacity=5, max_capacity=50)
fn = _lambda.Function(self, "Auth")
fn.metric_throttles().create_alarm(self, "AuthThrottles", threshold=1, evaluation_periods=1)
fn.add_alias("live", provisioned_concurrent_executions=2)
`;
      const m = await model({ 'stacks/stack.py': src });
      const [target] = m.ofType('aws_appautoscaling_target');
      assert.strictEqual(value(target, 'scalable_dimension'), 'dynamodb:table:WriteCapacityUnits');
      assert.deepStrictEqual(
        target!.attributes.get('resource_id')!.refs.map((r) => r.address),
        ['stacks/stack.py#Orders'],
      );
      const alarm = m.byAddress('stacks/stack.py#AuthThrottles')!;
      assert.strictEqual(value(alarm, 'namespace'), 'AWS/Lambda');
      assert.strictEqual(value(alarm, 'metric_name'), 'Throttles');
      const [pc] = m.ofType('aws_lambda_provisioned_concurrency_config');
      assert.deepStrictEqual(
        pc!.attributes.get('function_name')!.refs.map((r) => r.address),
        ['stacks/stack.py#Auth'],
      );
    });
  });
});
