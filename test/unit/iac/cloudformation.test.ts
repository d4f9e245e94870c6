import * as assert from 'assert';
import { Workspace } from '../../../src/core/engine/workspace';
import { defaultOf, iacModel, toPlain, type Block, type Span } from '../../../src/core/iac';
import type { LanguageId } from '../../../src/core/model/types';

async function model(files: Record<string, string>, language: LanguageId = 'yaml') {
  const ws = new Workspace('/ws', []);
  for (const [p, t] of Object.entries(files)) ws.setFile(p, t);
  await ws.prepare(language);
  return iacModel(ws);
}

function value(r: Block | undefined, name: string): unknown {
  const a = r?.attributes.get(name);
  return a ? toPlain(a.value) : 'absent';
}

function text(source: string, s: Span | undefined): string | undefined {
  return s ? source.slice(s.startOffset, s.endOffset) : undefined;
}

describe('iac: CloudFormation / SAM front end', () => {
  describe('recognition by content', () => {
    it('reads a template with AWSTemplateFormatVersion, whatever the file name', async () => {
      const src =
        "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      MemorySize: 256\n";
      const m = await model({ 'infra/stack.yml': src });
      const fn = m.byAddress('infra/stack.yml#Fn')!;
      assert.strictEqual(fn.format, 'cloudformation');
      assert.strictEqual(fn.resourceType, 'aws_lambda_function');
      assert.strictEqual(fn.sourceType, 'AWS::Lambda::Function');
      assert.strictEqual(fn.name, 'Fn');
      assert.strictEqual(text(src, fn.headerSpan), 'Fn');
      assert.strictEqual(value(fn, 'memory_size'), 256);
      assert.strictEqual(text(src, fn.attributes.get('memory_size')!.span), 'MemorySize: 256');
      assert.strictEqual(text(src, fn.attributes.get('memory_size')!.valueSpan), '256');
    });

    it('reads the same template whether the fast YAML reader takes it or leaves it to the yaml package', async () => {
      // An anchor and alias make the fast reader decline; the rest of the text is the same.
      const tail =
        'Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      MemorySize: 256\n' +
        '      FunctionName: >-\n        two\n        lines\n      Timeout: !Ref T\n';
      const fast = "AWSTemplateFormatVersion: '2010-09-09'\nParameters:\n  T:\n    Default: 30\n" + tail;
      const slow =
        "AWSTemplateFormatVersion: '2010-09-09'\nParameters:\n  T:\n    Default: &d 30\n    X: *d\n" + tail;
      const shift = slow.length - fast.length;
      const a = (await model({ 'a.yaml': fast })).byAddress('a.yaml#Fn')!;
      const b = (await model({ 'a.yaml': slow })).byAddress('a.yaml#Fn')!;
      for (const name of ['memory_size', 'timeout', 'function_name']) {
        assert.deepStrictEqual(value(a, name), value(b, name), name);
        const [x, y] = [a.attributes.get(name)!, b.attributes.get(name)!];
        assert.deepStrictEqual(
          [x.span.startOffset + shift, x.span.endOffset + shift, x.valueSpan.startOffset + shift],
          [y.span.startOffset, y.span.endOffset, y.valueSpan.startOffset],
          name,
        );
      }
      assert.strictEqual(value(a, 'timeout'), 30);
      assert.strictEqual(value(a, 'function_name'), 'two lines');
      assert.strictEqual(text(fast, a.span), tail.slice(tail.indexOf('Fn:')));
    });

    it('reads a SAM template recognised by its Transform alone', async () => {
      const m = await model({
        'template.yaml':
          'Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: app.handler\n',
      });
      assert.deepStrictEqual(
        m.resources.map((r) => [r.address, r.resourceType]),
        [['template.yaml#Fn', 'aws_lambda_function']],
      );
    });

    it('reads a template recognised by Resources typed AWS::… and a JSON template', async () => {
      const m = await model({
        'a.yaml':
          'Resources:\n  Logs:\n    Type: AWS::Logs::LogGroup\n    Properties:\n      RetentionInDays: 7\n',
        'b.json':
          '{\n  "Resources": {\n    "Fn": { "Type": "AWS::Lambda::Function", "Properties": { "Timeout": 10 } }\n  }\n}\n',
      });
      assert.strictEqual(value(m.byAddress('a.yaml#Logs'), 'retention_in_days'), 7);
      assert.strictEqual(value(m.byAddress('b.json#Fn'), 'timeout'), 10);
    });

    it('ignores YAML and JSON that are not templates', async () => {
      const m = await model({
        'config.yaml': 'Resources:\n  Orders:\n    MemorySize: 128\n',
        'docker-compose.yml': 'services:\n  db:\n    image: postgres:16\n',
        'package.json': '{ "name": "orders", "version": "1.0.0" }\n',
        '.github/workflows/ci.yml': 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n',
      });
      assert.deepStrictEqual(m.resources, []);
    });

    it('skips resource types the model does not know', async () => {
      const m = await model({
        'template.yaml':
          'Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n  Fn:\n    Type: AWS::Lambda::Function\n',
      });
      assert.deepStrictEqual(
        m.resources.map((r) => r.name),
        ['Fn'],
      );
    });
  });

  describe('SAM Globals', () => {
    const src = `Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    MemorySize: 1024
    Timeout: 10
Resources:
  A:
    Type: AWS::Serverless::Function
    Properties:
      Handler: a.handler
  B:
    Type: AWS::Serverless::Function
    Properties:
      Handler: b.handler
      Timeout: 20
  Plain:
    Type: AWS::Lambda::Function
    Properties:
      Handler: c.handler
`;

    it('merges Globals.Function into each SAM function with provenance globals', async () => {
      const m = await model({ 'template.yaml': src });
      const a = m.byAddress('template.yaml#A')!;
      assert.strictEqual(value(a, 'memory_size'), 1024);
      const mem = a.attributes.get('memory_size')!;
      assert.strictEqual(mem.provenance.kind, 'globals');
      assert.strictEqual(text(src, mem.span), 'MemorySize: 1024');
      assert.ok(mem.provenance.kind === 'globals' && text(src, mem.provenance.span) === '1024');
      assert.strictEqual(value(a, 'timeout'), 10);
    });

    it('keeps a function’s own setting over Globals, as a literal', async () => {
      const m = await model({ 'template.yaml': src });
      const b = m.byAddress('template.yaml#B')!;
      assert.strictEqual(value(b, 'timeout'), 20);
      assert.strictEqual(b.attributes.get('timeout')!.provenance.kind, 'literal');
      assert.strictEqual(value(b, 'memory_size'), 1024);
    });

    it('does not merge Globals into AWS::Lambda::Function', async () => {
      const m = await model({ 'template.yaml': src });
      const plain = m.byAddress('template.yaml#Plain')!;
      assert.strictEqual(value(plain, 'memory_size'), 'absent');
      assert.strictEqual(value(plain, 'timeout'), 'absent');
    });

    it('merges Globals.Api into AWS::Serverless::Api and its stage', async () => {
      const m = await model({
        'template.yaml':
          'Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Api:\n    CacheClusterEnabled: true\n    MinimumCompressionSize: 512\nResources:\n  Api:\n    Type: AWS::Serverless::Api\n    Properties:\n      StageName: prod\n',
      });
      const api = m.byAddress('template.yaml#Api')!;
      assert.strictEqual(value(api, 'minimum_compression_size'), 512);
      assert.strictEqual(api.attributes.get('minimum_compression_size')!.provenance.kind, 'globals');
      const stage = m.byAddress('template.yaml#Api/Stage')!;
      assert.strictEqual(stage.resourceType, 'aws_api_gateway_stage');
      assert.strictEqual(value(stage, 'cache_cluster_enabled'), true);
      assert.strictEqual(value(stage, 'stage_name'), 'prod');
    });
  });

  describe('parameters', () => {
    it('resolves !Ref to a parameter default with provenance variable-default and origin', async () => {
      const src = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Memory:
    Type: Number
    Default: 512
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      MemorySize: !Ref Memory
`;
      const m = await model({ 'template.yaml': src });
      const mem = m.byAddress('template.yaml#Fn')!.attributes.get('memory_size')!;
      assert.strictEqual(toPlain(mem.value), 512);
      assert.strictEqual(mem.provenance.kind, 'variable-default');
      assert.ok(mem.provenance.kind === 'variable-default' && mem.provenance.name === 'Memory');
      assert.strictEqual(text(src, mem.origin), '512');
    });

    // Regression: the value span of a tagged scalar left the tag out (`Memory`, not `!Ref Memory`); a writer that
    // replaced valueSpan would produce `!Ref 512`.
    it('the value span of `!Ref Param` covers the tag', async () => {
      const src =
        'Parameters:\n  Memory:\n    Type: Number\n    Default: 512\nResources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      MemorySize: !Ref Memory\n';
      const m = await model({ 'template.yaml': src });
      const mem = m.byAddress('template.yaml#Fn')!.attributes.get('memory_size')!;
      assert.strictEqual(text(src, mem.valueSpan), '!Ref Memory');
    });

    it('resolves the long form { Ref: Param } in JSON', async () => {
      const src =
        '{\n  "Parameters": { "Timeout": { "Type": "Number", "Default": 15 } },\n  "Resources": {\n    "Fn": { "Type": "AWS::Lambda::Function", "Properties": { "Timeout": { "Ref": "Timeout" } } }\n  }\n}\n';
      const m = await model({ 'template.json': src }, 'json');
      const t = m.byAddress('template.json#Fn')!.attributes.get('timeout')!;
      assert.strictEqual(toPlain(t.value), 15);
      assert.strictEqual(t.provenance.kind, 'variable-default');
    });

    it('keeps a parameter without a default unknown', async () => {
      const m = await model({
        'template.yaml':
          'Parameters:\n  Memory:\n    Type: Number\nResources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      MemorySize: !Ref Memory\n',
      });
      const mem = m.byAddress('template.yaml#Fn')!.attributes.get('memory_size')!;
      assert.deepStrictEqual(mem.value, { kind: 'unknown' });
      assert.deepStrictEqual(mem.refs, []);
    });
  });

  describe('intrinsic functions', () => {
    const src = `AWSTemplateFormatVersion: '2010-09-09'
Conditions:
  IsProd: !Equals [!Ref 'AWS::StackName', prod]
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Handler: index.handler
      Role: !GetAtt FnRole.Arn
      FunctionName: !Sub '\${AWS::StackName}-orders'
      Runtime: !Sub nodejs20.x
      MemorySize: !If [IsProd, 1024, 256]
      Timeout: !ImportValue shared-timeout
  FnRole:
    Type: AWS::IAM::Role
  Method:
    Type: AWS::ApiGateway::Method
    Properties:
      HttpMethod: GET
      RestApiId: !Ref Api
      Integration:
        Type: AWS_PROXY
        Uri: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Fn.Arn}/invocations
  Api:
    Type: AWS::ApiGateway::RestApi
  Logs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: { 'Fn::Join': ['', ['/aws/lambda/', { Ref: Fn }]] }
      RetentionInDays: { 'Fn::GetAtt': [Fn, Timeout] }
`;

    it('makes !GetAtt, !Sub with variables, !If and !ImportValue unknown', async () => {
      const m = await model({ 'template.yaml': src });
      const fn = m.byAddress('template.yaml#Fn')!;
      for (const name of ['function_name', 'memory_size', 'timeout'])
        assert.deepStrictEqual(fn.attributes.get(name)!.value, { kind: 'unknown' }, name);
      assert.strictEqual(fn.attributes.get('memory_size')!.provenance.kind, 'unknown');
    });

    it('reads !Sub without variables as a string', async () => {
      const m = await model({ 'template.yaml': src });
      assert.strictEqual(value(m.byAddress('template.yaml#Fn'), 'runtime'), 'nodejs20.x');
    });

    it('turns the resources an intrinsic mentions into references', async () => {
      const m = await model({ 'template.yaml': src });
      const method = m.byAddress('template.yaml#Method')!;
      assert.strictEqual(method.resourceType, 'aws_api_gateway_integration');
      assert.strictEqual(value(method, 'type'), 'AWS_PROXY');
      assert.deepStrictEqual(method.attributes.get('uri')!.refs, [
        { type: 'aws_lambda_function', name: 'Fn', attribute: 'arn', address: 'template.yaml#Fn' },
      ]);
      assert.deepStrictEqual(method.attributes.get('rest_api_id')!.refs, [
        { type: 'aws_api_gateway_rest_api', name: 'Api', address: 'template.yaml#Api' },
      ]);
      const logs = m.byAddress('template.yaml#Logs')!;
      assert.deepStrictEqual(logs.attributes.get('name')!.refs, [
        { type: 'aws_lambda_function', name: 'Fn', address: 'template.yaml#Fn' },
      ]);
      assert.deepStrictEqual(logs.attributes.get('retention_in_days')!.value, { kind: 'unknown' });
      assert.deepStrictEqual(
        m.referrers(m.byAddress('template.yaml#Fn')!).map((r) => r.address),
        ['template.yaml#Method', 'template.yaml#Logs'],
      );
    });
  });

  describe('resources SAM implies', () => {
    it('makes Api and HttpApi events integrations that invoke the function', async () => {
      const src = `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Events:
        Get:
          Type: Api
          Properties:
            Path: /orders
            Method: get
        List:
          Type: HttpApi
          Properties:
            TimeoutInMillis: 5000
        Nightly:
          Type: Schedule
          Properties:
            Schedule: rate(1 day)
`;
      const m = await model({ 'template.yaml': src });
      const rest = m.byAddress('template.yaml#Fn/Events/Get')!;
      assert.strictEqual(rest.resourceType, 'aws_api_gateway_integration');
      assert.strictEqual(text(src, rest.headerSpan), 'Get');
      assert.deepStrictEqual(rest.attributes.get('uri')!.refs, [
        { type: 'aws_lambda_function', name: 'Fn', attribute: 'invoke_arn', address: 'template.yaml#Fn' },
      ]);
      const http = m.byAddress('template.yaml#Fn/Events/List')!;
      assert.strictEqual(http.resourceType, 'aws_apigatewayv2_integration');
      assert.strictEqual(value(http, 'timeout_milliseconds'), 5000);
      assert.strictEqual(m.byAddress('template.yaml#Fn/Events/Nightly'), undefined);
    });

    it('makes MethodSettings method settings of the stage, with method paths', async () => {
      const src = `Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      MethodSettings:
        - ResourcePath: /*
          HttpMethod: '*'
          ThrottlingBurstLimit: 5000
        - ResourcePath: /orders/{id}
          HttpMethod: GET
          CachingEnabled: true
`;
      const m = await model({ 'template.yaml': src });
      const ms = m.ofType('aws_api_gateway_method_settings');
      assert.deepStrictEqual(
        ms.map((r) => value(r, 'method_path')),
        ['*/*', 'orders/{id}/GET'],
      );
      assert.deepStrictEqual(ms[0]!.attributes.get('stage_name')!.refs, [
        { type: 'aws_api_gateway_stage', name: 'Api', address: 'template.yaml#Api/Stage' },
      ]);
      assert.strictEqual(value(ms[0]!.blocks[0], 'throttling_burst_limit'), 5000);
      assert.strictEqual(value(ms[1]!.blocks[0], 'caching_enabled'), true);
    });

    it('makes ProvisionedConcurrencyConfig a provisioned concurrency config for the function', async () => {
      const m = await model({
        'template.yaml':
          'Transform: AWS::Serverless-2016-10-31\nResources:\n  Auth:\n    Type: AWS::Serverless::Function\n    Properties:\n      AutoPublishAlias: live\n      ProvisionedConcurrencyConfig:\n        ProvisionedConcurrentExecutions: 5\n',
      });
      const pc = m.ofType('aws_lambda_provisioned_concurrency_config');
      assert.strictEqual(pc.length, 1);
      assert.deepStrictEqual(pc[0]!.attributes.get('function_name')!.refs, [
        {
          type: 'aws_lambda_function',
          name: 'Auth',
          attribute: 'function_name',
          address: 'template.yaml#Auth',
        },
      ]);
    });

    it('flattens nested configuration the way Terraform writes it', async () => {
      const m = await model({
        'template.yaml': `Resources:
  Dist:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        DefaultCacheBehavior:
          Compress: true
        CacheBehaviors:
          - PathPattern: /api/*
            Compress: false
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      LifecycleConfiguration:
        Rules:
          - Status: Enabled
            ExpirationInDays: 30
`,
      });
      const dist = m.byAddress('template.yaml#Dist')!;
      assert.strictEqual(value(dist, 'enabled'), true);
      assert.deepStrictEqual(
        dist.blocks.map((b) => [b.type, toPlain(b.attributes.get('compress')!.value)]),
        [
          ['default_cache_behavior', true],
          ['ordered_cache_behavior', false],
        ],
      );
      const rule = m.byAddress('template.yaml#Bucket')!.blocks[0]!;
      assert.strictEqual(rule.type, 'lifecycle_rule');
      assert.strictEqual(value(rule, 'status'), 'Enabled');
      assert.strictEqual(rule.blocks[0]!.type, 'expiration');
      assert.strictEqual(value(rule.blocks[0], 'days'), 30);
    });

    it('marks a resource with a Condition as conditional', async () => {
      const m = await model({
        'template.yaml':
          "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Condition: IsProd\n    Properties:\n      MemorySize: 128\n",
      });
      assert.strictEqual(m.byAddress('template.yaml#Fn')!.conditional, true);
    });
  });

  describe('defaults', () => {
    it('CloudFormation and SAM functions take the Lambda defaults (128 MB, 3 s): no format override', async () => {
      const m = await model({
        'template.yaml':
          'Transform: AWS::Serverless-2016-10-31\nResources:\n  A:\n    Type: AWS::Serverless::Function\n  B:\n    Type: AWS::Lambda::Function\n',
      });
      for (const fn of m.ofType('aws_lambda_function')) {
        assert.strictEqual(fn.attributes.has('memory_size'), false);
        assert.deepStrictEqual(defaultOf(fn, 'memory_size', { kind: 'number', value: 128 }), {
          kind: 'number',
          value: 128,
        });
        assert.deepStrictEqual(defaultOf(fn, 'timeout', { kind: 'number', value: 3 }), {
          kind: 'number',
          value: 3,
        });
      }
    });
  });
});
