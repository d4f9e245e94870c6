import * as assert from 'assert';
import { Workspace } from '../../../src/core/engine/workspace';
import { defaultOf, iacModel, toPlain, type Block, type Span } from '../../../src/core/iac';

async function model(files: Record<string, string>) {
  const ws = new Workspace('/ws', []);
  for (const [p, t] of Object.entries(files)) ws.setFile(p, t);
  await ws.prepare('yaml');
  return iacModel(ws);
}

function value(r: Block | undefined, name: string): unknown {
  const a = r?.attributes.get(name);
  return a ? toPlain(a.value) : 'absent';
}

function text(source: string, s: Span | undefined): string | undefined {
  return s ? source.slice(s.startOffset, s.endOffset) : undefined;
}

const NUM = (value: number) => ({ kind: 'number' as const, value });

describe('iac: serverless.yml front end', () => {
  describe('recognition by content', () => {
    it('reads a file with a service and an AWS provider, whatever its name', async () => {
      const src =
        'service: orders\nprovider:\n  name: aws\n  runtime: nodejs20.x\nfunctions:\n  list:\n    handler: src/list.handler\n';
      const m = await model({ 'services/orders/serverless.orders.yml': src });
      const fn = m.byAddress('services/orders/serverless.orders.yml#functions.list')!;
      assert.strictEqual(fn.format, 'serverless');
      assert.strictEqual(fn.resourceType, 'aws_lambda_function');
      assert.strictEqual(fn.name, 'list');
      assert.strictEqual(text(src, fn.headerSpan), 'list');
      assert.strictEqual(value(fn, 'handler'), 'src/list.handler');
      assert.strictEqual(value(fn, 'runtime'), 'nodejs20.x');
      assert.strictEqual(fn.attributes.get('runtime')!.provenance.kind, 'globals');
    });

    it('reads a file with Windows line breaks with the same values, spans on the same text', async () => {
      const lf =
        'service: orders\nprovider:\n  name: aws\n  memorySize: 512 # MB\n\nfunctions:\n  list:\n' +
        '    handler: "src/list.handler"\n    timeout: 10\n  export:\n    handler: >-\n      src/export\n      .handler\n';
      const crlf = lf.replace(/\n/g, '\r\n');
      const a = await model({ 'serverless.yml': lf });
      const b = await model({ 'serverless.yml': crlf });
      const show = (src: string, r: Block) =>
        [...r.attributes.values()].map((x) => [
          x.name,
          value(r, x.name),
          text(src, x.span),
          text(src, x.valueSpan),
        ]);
      assert.strictEqual(a.resources.length, 3);
      for (let i = 0; i < a.resources.length; i++) {
        const [x, y] = [a.resources[i]!, b.resources[i]!];
        assert.strictEqual(x.address, y.address);
        assert.deepStrictEqual(
          show(lf, x),
          show(crlf, y).map((row) => row.map((c) => (typeof c === 'string' ? c.replace(/\r\n/g, '\n') : c))),
        );
        assert.strictEqual(text(lf, x.headerSpan), text(crlf, y.headerSpan));
      }
      assert.strictEqual(
        value(b.byAddress('serverless.yml#functions.export'), 'handler'),
        'src/export .handler',
      );
    });

    it('ignores another provider, a file without a provider and ordinary YAML', async () => {
      const m = await model({
        'gcp/serverless.yml':
          'service: orders\nprovider:\n  name: google\nfunctions:\n  list:\n    handler: list\n',
        'no-provider/serverless.yml': 'service: orders\nfunctions:\n  list:\n    handler: list\n',
        'config.yml': 'functions:\n  list:\n    handler: list\n',
      });
      assert.deepStrictEqual(m.resources, []);
    });
  });

  describe('provider settings', () => {
    const src = `service: orders
provider:
  name: aws
  runtime: python3.12
  memorySize: 512
  timeout: 10
functions:
  list:
    handler: list.handler
  export:
    handler: export.handler
    memorySize: 2048
    timeout: \${self:custom.exportTimeout}
    reservedConcurrency: 5
    name: orders-export
`;

    it('applies provider memorySize and timeout to functions that do not set them, with provenance globals', async () => {
      const m = await model({ 'serverless.yml': src });
      const list = m.byAddress('serverless.yml#functions.list')!;
      assert.strictEqual(value(list, 'memory_size'), 512);
      const mem = list.attributes.get('memory_size')!;
      assert.strictEqual(mem.provenance.kind, 'globals');
      assert.ok(mem.provenance.kind === 'globals' && text(src, mem.provenance.span) === '512');
      assert.strictEqual(value(list, 'timeout'), 10);
    });

    it('keeps a function’s own settings; ${…} variables are unknown', async () => {
      const m = await model({ 'serverless.yml': src });
      const exp = m.byAddress('serverless.yml#functions.export')!;
      assert.strictEqual(value(exp, 'memory_size'), 2048);
      assert.strictEqual(exp.attributes.get('memory_size')!.provenance.kind, 'literal');
      assert.deepStrictEqual(exp.attributes.get('timeout')!.value, { kind: 'unknown' });
      assert.strictEqual(value(exp, 'reserved_concurrent_executions'), 5);
      assert.strictEqual(value(exp, 'function_name'), 'orders-export');
    });
  });

  describe('defaults', () => {
    it("functions carry the framework's defaults (1024 MB, 6 s) instead of Lambda's", async () => {
      const m = await model({
        'serverless.yml':
          'service: orders\nprovider:\n  name: aws\nfunctions:\n  list:\n    handler: list.handler\n',
      });
      const fn = m.byAddress('serverless.yml#functions.list')!;
      assert.strictEqual(fn.attributes.has('memory_size'), false);
      assert.deepStrictEqual(defaultOf(fn, 'memory_size', NUM(128)), NUM(1024));
      assert.deepStrictEqual(defaultOf(fn, 'timeout', NUM(3)), NUM(6));
    });
  });

  describe('resources the framework creates', () => {
    const src = `service: orders
provider:
  name: aws
  logRetentionInDays: 14
functions:
  get:
    handler: get.handler
    provisionedConcurrency: 2
    events:
      - http:
          path: orders/{id}
          method: get
      - httpApi:
          path: /orders
          method: get
      - sqs:
          arn: arn:aws:sqs:eu-west-1:123456789012:orders
`;

    it('makes http and httpApi events integrations that invoke the function', async () => {
      const m = await model({ 'serverless.yml': src });
      const fnAddress = 'serverless.yml#functions.get';
      const rest = m.byAddress(`${fnAddress}/events/0`)!;
      assert.strictEqual(rest.resourceType, 'aws_api_gateway_integration');
      assert.strictEqual(value(rest, 'type'), 'AWS_PROXY');
      assert.strictEqual(text(src, rest.headerSpan), 'http');
      assert.deepStrictEqual(rest.attributes.get('uri')!.refs, [
        { type: 'aws_lambda_function', name: 'get', attribute: 'invoke_arn', address: fnAddress },
      ]);
      const http = m.byAddress(`${fnAddress}/events/1`)!;
      assert.strictEqual(http.resourceType, 'aws_apigatewayv2_integration');
      assert.strictEqual(m.byAddress(`${fnAddress}/events/2`), undefined);
      assert.deepStrictEqual(
        m.referrers(m.byAddress(fnAddress)!).map((r) => r.resourceType),
        [
          'aws_api_gateway_integration',
          'aws_apigatewayv2_integration',
          'aws_lambda_provisioned_concurrency_config',
        ],
      );
    });

    it('makes provisionedConcurrency a provisioned concurrency config', async () => {
      const m = await model({ 'serverless.yml': src });
      const pc = m.ofType('aws_lambda_provisioned_concurrency_config');
      assert.strictEqual(pc.length, 1);
      assert.strictEqual(text(src, pc[0]!.headerSpan), 'provisionedConcurrency');
    });

    it("models the functions' log groups with provider.logRetentionInDays", async () => {
      const m = await model({ 'serverless.yml': src });
      const logs = m.byAddress('serverless.yml#provider.logs')!;
      assert.strictEqual(logs.resourceType, 'aws_cloudwatch_log_group');
      assert.strictEqual(value(logs, 'retention_in_days'), 14);
      assert.strictEqual(text(src, logs.headerSpan), 'provider');
    });

    it('reads resources.Resources as CloudFormation', async () => {
      const m = await model({
        'serverless.yml': `service: orders
provider:
  name: aws
resources:
  Resources:
    OrdersTable:
      Type: AWS::DynamoDB::Table
      Properties:
        TableName: orders
        BillingMode: PAY_PER_REQUEST
`,
      });
      const table = m.byAddress('serverless.yml#OrdersTable')!;
      assert.strictEqual(table.resourceType, 'aws_dynamodb_table');
      assert.strictEqual(value(table, 'billing_mode'), 'PAY_PER_REQUEST');
      assert.strictEqual(value(table, 'name'), 'orders');
    });
    // Regression: serverless.yml variables in resources.Resources were read as literal strings, not unknown.
    it('keeps ${…} variables in resources.Resources unknown', async () => {
      const m = await model({
        'serverless.yml':
          'service: orders\nprovider:\n  name: aws\nresources:\n  Resources:\n    Table:\n      Type: AWS::DynamoDB::Table\n      Properties:\n        TableName: ${self:custom.tableName}\n',
      });
      assert.deepStrictEqual(m.byAddress('serverless.yml#Table')!.attributes.get('name')!.value, {
        kind: 'unknown',
      });
    });
  });
});
