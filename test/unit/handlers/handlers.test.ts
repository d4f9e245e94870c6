import * as assert from 'assert';
import { Workspace } from '../../../src/core/engine/workspace';
import { getHandlerIndex, handlerRefsFromFile } from '../../../src/core/handlers/index';
import { handlerRules } from '../../../src/core/rules/handler-rules';

/** A workspace with the given files, grammars loaded. */
async function workspace(files: Record<string, string>): Promise<Workspace> {
  const ws = new Workspace('/ws', handlerRules);
  for (const [p, t] of Object.entries(files)) ws.setFile(p, t);
  await ws.prepare();
  return ws;
}

function refsOf(ws: Workspace, p: string) {
  return handlerRefsFromFile(ws.getFile(p)!).map((r) => ({
    logicalName: r.logicalName,
    handler: r.handler,
    functionName: r.functionName,
    runtime: r.runtime,
    first: r.candidates[0],
  }));
}

describe('handler detection', () => {
  describe('infrastructure', () => {
    it('Terraform aws_lambda_function with an archive_file source_dir', async () => {
      const tf =
        'data "archive_file" "orders" {\n  type        = "zip"\n  source_dir  = "${path.module}/../src/orders"\n  output_path = "${path.module}/orders.zip"\n}\n\n' +
        'resource "aws_lambda_function" "orders" {\n  function_name = "orders-api"\n  handler       = "app.lambda_handler"\n  runtime       = "python3.12"\n  filename      = data.archive_file.orders.output_path\n}\n';
      const ws = await workspace({
        'infra/main.tf': tf,
        'src/orders/app.py': 'def lambda_handler(e, c):\n    pass\n',
      });
      const refs = handlerRefsFromFile(ws.getFile('infra/main.tf')!);
      assert.strictEqual(refs.length, 1);
      const r = refs[0]!;
      assert.deepStrictEqual(
        [r.logicalName, r.deployedName, r.runtime, r.functionName, r.candidates[0]],
        ['aws_lambda_function.orders', 'orders-api', 'python3.12', 'lambda_handler', 'src/orders/app.py'],
      );
      // the range is the handler value, 1-based line 9
      assert.strictEqual(r.range.start.line, 8);
      assert.strictEqual(tf.slice(r.range.startOffset, r.range.endOffset), '"app.lambda_handler"');
      const index = getHandlerIndex(ws);
      assert.ok(index.isHandler('src/orders/app.py', 'lambda_handler'));
      assert.deepStrictEqual(
        index.handlersForFile('src/orders/app.py').map((h) => [h.name, h.refs.length]),
        [['lambda_handler', 1]],
      );
    });

    it('Terraform module with source_path (terraform-aws-modules/lambda)', async () => {
      const ws = await workspace({
        'main.tf':
          'module "ingest" {\n  source      = "terraform-aws-modules/lambda/aws"\n  handler     = "handlers/ingest.main"\n  runtime     = "nodejs20.x"\n  source_path = "${path.module}/functions"\n}\n',
      });
      assert.deepStrictEqual(refsOf(ws, 'main.tf'), [
        {
          logicalName: 'module.ingest',
          handler: 'handlers/ingest.main',
          functionName: 'main',
          runtime: 'nodejs20.x',
          first: 'functions/handlers/ingest.js',
        },
      ]);
    });

    it('SAM with Globals and an esbuild entry point', async () => {
      const yaml =
        'Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    Runtime: nodejs20.x\n    CodeUri: src/\nResources:\n' +
        '  Api:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: app.lambdaHandler\n      Events:\n        Get:\n          Type: Api\n          Properties: { Path: /, Method: get }\n' +
        '    Metadata:\n      BuildMethod: esbuild\n      BuildProperties:\n        EntryPoints:\n          - app.ts\n' +
        '  Table:\n    Type: AWS::DynamoDB::Table\n';
      const ws = await workspace({
        'template.yaml': yaml,
        'src/app.ts': 'export const lambdaHandler = async () => 1;\n',
      });
      assert.deepStrictEqual(refsOf(ws, 'template.yaml'), [
        {
          logicalName: 'Api',
          handler: 'app.lambdaHandler',
          functionName: 'lambdaHandler',
          runtime: 'nodejs20.x',
          first: 'src/app.ts',
        },
      ]);
      assert.strictEqual(getHandlerIndex(ws).refsForFile('src/app.ts').length, 1);
    });

    it('CloudFormation JSON with a packaged Code folder', async () => {
      const json = JSON.stringify({
        Resources: {
          Fn: {
            Type: 'AWS::Lambda::Function',
            Properties: { Handler: 'index.handler', Runtime: 'python3.11', Code: 'lambda/' },
          },
        },
      });
      const ws = await workspace({ 'stack.json': json });
      assert.deepStrictEqual(refsOf(ws, 'stack.json'), [
        {
          logicalName: 'Fn',
          handler: 'index.handler',
          functionName: 'handler',
          runtime: 'python3.11',
          first: 'lambda/index.py',
        },
      ]);
    });

    it('serverless.yml handler paths relative to the service', async () => {
      const ws = await workspace({
        'services/users/serverless.yml':
          'service: users\nprovider:\n  name: aws\n  runtime: python3.12\nfunctions:\n  get:\n    handler: src/handlers/get_user.handle\n',
      });
      assert.deepStrictEqual(refsOf(ws, 'services/users/serverless.yml'), [
        {
          logicalName: 'get',
          handler: 'src/handlers/get_user.handle',
          functionName: 'handle',
          runtime: 'python3.12',
          first: 'services/users/src/handlers/get_user.py',
        },
      ]);
    });

    it('CDK TypeScript: Function + Code.fromAsset(path.join(__dirname, …)), NodejsFunction default entry', async () => {
      const stack =
        "import * as path from 'path';\nimport * as lambda from 'aws-cdk-lib/aws-lambda';\nimport { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';\n" +
        "new lambda.Function(this, 'Reports', {\n  runtime: lambda.Runtime.PYTHON_3_12,\n  handler: 'reports.build',\n  code: lambda.Code.fromAsset(path.join(__dirname, '..', 'lambda')),\n});\n" +
        "new NodejsFunction(this, 'resize');\n";
      const ws = await workspace({ 'infra/lib/media-stack.ts': stack });
      assert.deepStrictEqual(refsOf(ws, 'infra/lib/media-stack.ts'), [
        {
          logicalName: 'Reports',
          handler: 'reports.build',
          functionName: 'build',
          runtime: 'python3.12',
          first: 'infra/lambda/reports.py',
        },
        {
          logicalName: 'resize',
          handler: 'handler',
          functionName: 'handler',
          runtime: 'nodejs',
          first: 'infra/lib/media-stack.resize.ts',
        },
      ]);
    });

    it('CDK Python: PythonFunction entry + index + handler', async () => {
      const ws = await workspace({
        'cdk/stack.py':
          'from aws_cdk import aws_lambda as _lambda\nfrom aws_cdk.aws_lambda_python_alpha import PythonFunction\n\n' +
          'PythonFunction(self, "Ingest", entry="functions/ingest", index="main.py", handler="run")\n',
      });
      assert.deepStrictEqual(refsOf(ws, 'cdk/stack.py'), [
        {
          logicalName: 'Ingest',
          handler: 'main.run',
          functionName: 'run',
          runtime: 'python',
          first: 'cdk/functions/ingest/main.py',
        },
      ]);
    });

    it('CDK: only calls of the construct names count, not the names in comments, strings, types or other positions', async () => {
      const ts =
        "import * as lambda from 'aws-cdk-lib/aws-lambda';\n" +
        "// new lambda.Function(this, 'InComment', { handler: 'a.b', code: lambda.Code.fromAsset('x') })\n" +
        'const s = "new lambda.Function(this, \'InString\')";\n' +
        'let f: lambda.Function;\n' +
        'const make = lambda.Function;\n' +
        "f = new lambda.Function<unknown>(this, 'Outer', {\n  handler: 'outer.run',\n  runtime: lambda.Runtime.PYTHON_3_12,\n" +
        "  code: lambda.Code.fromAsset('fns'),\n  environment: { X: String(new lambda.Function(this, 'Inner', { handler: 'inner.go', code: lambda.Code.fromAsset('fns'), runtime: lambda.Runtime.PYTHON_3_12 })) },\n});\n" +
        "new lambda.Function.Extra(this, 'NotACallee', { handler: 'x.y', code: lambda.Code.fromAsset('fns') });\n";
      const py =
        'from aws_cdk import aws_lambda as _lambda\n' +
        '# _lambda.Function(self, "InComment", handler="a.b", code=_lambda.Code.from_asset("x"))\n' +
        'ref = _lambda.Function\n' +
        '_lambda.Function(self, "Py", handler="app.main", runtime=_lambda.Runtime.PYTHON_3_12,\n' +
        '    code=_lambda.Code.from_asset("src"))\n';
      const ws = await workspace({ 'cdk/stack.ts': ts, 'cdk/stack.py': py });
      assert.deepStrictEqual(
        refsOf(ws, 'cdk/stack.ts').map((r) => [r.logicalName, r.handler, r.first]),
        [
          ['Outer', 'outer.run', 'cdk/fns/outer.py'],
          ['Inner', 'inner.go', 'cdk/fns/inner.py'],
        ],
      );
      assert.deepStrictEqual(
        refsOf(ws, 'cdk/stack.py').map((r) => [r.logicalName, r.handler, r.first]),
        [['Py', 'app.main', 'cdk/src/app.py']],
      );
    });

    it('infrastructure under excluded folders (cdk.out, .aws-sam) names nothing', async () => {
      const ws = await workspace({
        '.aws-sam/build/template.yaml':
          'Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: app.handler\n      CodeUri: F\n',
      });
      assert.strictEqual(getHandlerIndex(ws).refs.length, 0);
    });

    it('a broken template names nothing and does not throw', async () => {
      const ws = await workspace({ 'template.yaml': 'Resources:\n  F: [\n    Handler: {\n' });
      assert.deepStrictEqual(getHandlerIndex(ws).refs, []);
    });
  });

  describe('conventions', () => {
    const cases: [string, string, string, string[]][] = [
      [
        'python (event, context)',
        'a.py',
        'def lambda_handler(event, context):\n    pass\n',
        ['lambda_handler'],
      ],
      [
        'python variations',
        'a.py',
        'def h(_event, _context):\n    pass\ndef g(evt, ctx=None):\n    pass\n',
        ['h', 'g'],
      ],
      [
        'python lambda_context',
        'a.py',
        'def main(event: dict, lambda_context) -> dict:\n    pass\n',
        ['main'],
      ],
      [
        'python helper with a third required parameter',
        'a.py',
        'def send(event, context, status):\n    pass\n',
        [],
      ],
      [
        'python nested function is not a handler',
        'a.py',
        'def outer():\n    def handler(event, context):\n        pass\n',
        [],
      ],
      [
        'crhelper decorated create/update/delete',
        'a.py',
        'from crhelper import CfnResource\nhelper = CfnResource()\n\n@helper.create\ndef create(event, context):\n    pass\n\ndef handler(event, context):\n    helper(event, context)\n',
        ['create', 'handler'],
      ],
      ['exports.handler', 'a.js', 'exports.handler = async (event) => 1;\n', ['handler']],
      [
        'module.exports = { handler }',
        'a.js',
        'async function handler(e) {}\nmodule.exports = { handler };\n',
        ['handler'],
      ],
      ['export async function handler', 'a.ts', 'export async function handler() {}\n', ['handler']],
      [
        'export { main as handler }',
        'a.ts',
        'const main = async () => 1;\nexport { main as handler };\n',
        ['handler'],
      ],
      [
        'export default with an event parameter',
        'a.mjs',
        'export default async (event) => 1;\n',
        ['default'],
      ],
      [
        'exports.send in a helper module is not a handler',
        'a.js',
        'exports.send = function (event, context, status) {};\n',
        [],
      ],
    ];
    for (const [name, file, code, expected] of cases) {
      it(name, async () => {
        const ws = await workspace({ [file]: code });
        const names = getHandlerIndex(ws)
          .handlersForFile(file)
          .filter((h) => h.convention)
          .map((h) => h.name);
        assert.deepStrictEqual(names.sort(), [...expected].sort());
      });
    }
  });

  describe('engine behaviour', () => {
    it('vendored and test folders are not linted by default', async () => {
      const code = 'def lambda_handler(event, context):\n    import json\n';
      const ws = new Workspace('/ws', handlerRules);
      for (const p of [
        'node_modules/x/a.py',
        'layer/python/lib/a.py',
        'python/requests/a.py',
        '.aws-sam/build/F/app.py',
        'tests/test_app.py',
        'dependencies/a.py',
      ]) {
        assert.deepStrictEqual((await ws.lint(p, code)).findings, [], p);
      }
      assert.strictEqual((await ws.lint('src/app.py', code)).findings.length, 1);
    });

    it('never throws and reports nothing in half-typed code', async () => {
      const ws = new Workspace('/ws', handlerRules);
      const code =
        'import boto3\n\ndef lambda_handler(event, context:\n    s3 = boto3.client("s3"\n    import json\n';
      for (let i = 0; i <= code.length; i++) {
        const r = await ws.lint('src/app.py', code.slice(0, i));
        assert.deepStrictEqual(r.diagnostics, [], `at ${i}`);
      }
      const js = "exports.handler = async (event) => {\n  const s3 = new (require('aws-sdk').S3)(;\n";
      for (let i = 0; i <= js.length; i++)
        assert.deepStrictEqual((await ws.lint('src/a.js', js.slice(0, i))).diagnostics, []);
    });
  });
});
