import { lambdaProvisionedConcurrency } from '../../../../src/core/rules/lambda/provisioned-concurrency';
import * as assert from 'assert';
import { lintCase, ruleTester } from '../../rule-tester';

ruleTester(lambdaProvisionedConcurrency, {
  valid: [
    {
      name: 'SAM: the auth function with ProvisionedConcurrencyConfig',
      filename: 'template.yaml',
      code: `Transform: AWS::Serverless-2016-10-31
Resources:
  AuthFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: auth.handler
      Runtime: python3.12
      AutoPublishAlias: live
      ProvisionedConcurrencyConfig:
        ProvisionedConcurrentExecutions: 5
`,
    },
    {
      name: 'SAM: a function that is not hot',
      filename: 'template.yaml',
      code: `Transform: AWS::Serverless-2016-10-31
Resources:
  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: orders.handler
`,
    },
    {
      name: 'CloudFormation: a function that is not one of the hot functions',
      filename: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  OrdersFunction:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: orders-list
      Handler: index.handler
      Runtime: nodejs20.x
      Role: !GetAtt OrdersRole.Arn
`,
    },
    {
      name: 'serverless.yml: provisionedConcurrency on the analytics function',
      filename: 'serverless.yml',
      code: `service: platform
provider:
  name: aws
  runtime: python3.12
functions:
  analytics:
    handler: analytics.handler
    provisionedConcurrency: 3
`,
    },
    {
      name: 'CDK TypeScript: fn.addAlias with provisionedConcurrentExecutions',
      filename: 'lib/auth-stack.ts',
      code: `import * as lambda from 'aws-cdk-lib/aws-lambda';

const authFn = new lambda.Function(this, 'AuthFunction', {
  runtime: lambda.Runtime.NODEJS_20_X,
  handler: 'index.handler',
  code: lambda.Code.fromAsset('auth'),
});
authFn.addAlias('live', { provisionedConcurrentExecutions: 5 });
`,
    },
    {
      name: 'CDK TypeScript: a lambda.Alias on the current version',
      filename: 'lib/auth-stack.ts',
      code: `import { aws_lambda as lambda } from 'aws-cdk-lib';

const authFn = new lambda.Function(this, 'AuthFunction', {
  runtime: lambda.Runtime.NODEJS_20_X,
  handler: 'index.handler',
  code: lambda.Code.fromAsset('auth'),
});
new lambda.Alias(this, 'AuthLive', {
  aliasName: 'live',
  version: authFn.currentVersion,
  provisionedConcurrentExecutions: 5,
});
`,
    },
    {
      name: 'CDK Python: add_alias with provisioned_concurrent_executions',
      filename: 'stacks/auth_stack.py',
      code: `from aws_cdk import aws_lambda as _lambda

auth_fn = _lambda.Function(
    self,
    "AuthFunction",
    runtime=_lambda.Runtime.PYTHON_3_12,
    handler="auth.handler",
    code=_lambda.Code.from_asset("auth"),
)
auth_fn.add_alias("live", provisioned_concurrent_executions=5)
`,
    },
  ],
  invalid: [
    {
      name: 'SAM: the auth function without provisioned concurrency',
      filename: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  AuthFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: auth.handler
      Runtime: python3.12
      MemorySize: 1024
`,
      errors: [
        {
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 15,
          message: 'no aws_lambda_provisioned_concurrency_config for',
        },
      ],
      output: null,
    },
    {
      name: 'CloudFormation JSON: a hot function by FunctionName',
      filename: 'template.json',
      code: `{
  "Resources": {
    "Fn": {
      "Type": "AWS::Lambda::Function",
      "Properties": { "FunctionName": "market-intelligence-api", "Handler": "index.handler", "Runtime": "nodejs20.x" }
    }
  }
}
`,
      errors: [
        {
          line: 3,
          column: 5,
          endLine: 3,
          endColumn: 9,
          message: 'no aws_lambda_provisioned_concurrency_config for',
        },
      ],
      output: null,
    },
    {
      name: 'serverless.yml: the analytics function without provisionedConcurrency',
      filename: 'serverless.yml',
      code: `service: platform
provider:
  name: aws
  runtime: python3.12
functions:
  analytics:
    handler: analytics.handler
    memorySize: 1024
`,
      errors: [
        {
          line: 6,
          column: 3,
          endLine: 6,
          endColumn: 12,
          message: 'no aws_lambda_provisioned_concurrency_config for "analytics"',
        },
      ],
      output: null,
    },
    {
      name: 'CDK TypeScript: the auth function without an alias',
      filename: 'lib/auth-stack.ts',
      code: `import * as lambda from 'aws-cdk-lib/aws-lambda';

new lambda.Function(this, 'AuthFunction', {
  runtime: lambda.Runtime.NODEJS_20_X,
  handler: 'index.handler',
  code: lambda.Code.fromAsset('auth'),
});
`,
      errors: [
        {
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 41,
          message: 'no aws_lambda_provisioned_concurrency_config for',
        },
      ],
      output: null,
    },
    {
      name: 'CDK TypeScript: an alias without provisioned concurrency',
      filename: 'lib/auth-stack.ts',
      code: `import { PythonFunction } from '@aws-cdk/aws-lambda-python-alpha';
import * as lambda from 'aws-cdk-lib/aws-lambda';

const analytics = new PythonFunction(this, 'Analytics', {
  entry: 'analytics',
  runtime: lambda.Runtime.PYTHON_3_12,
});
analytics.addAlias('live');
`,
      errors: [
        {
          line: 4,
          column: 19,
          endLine: 4,
          endColumn: 55,
          message: 'no aws_lambda_provisioned_concurrency_config for "Analytics"',
        },
      ],
      output: null,
    },
    {
      name: 'CDK Python: the auth function by function_name',
      filename: 'stacks/auth_stack.py',
      code: `from aws_cdk import aws_lambda as _lambda

_lambda.Function(
    self,
    "Handler",
    function_name="auth-token-issuer",
    runtime=_lambda.Runtime.PYTHON_3_12,
    handler="auth.handler",
    code=_lambda.Code.from_asset("auth"),
)
`,
      errors: [
        {
          line: 3,
          column: 1,
          endLine: 5,
          endColumn: 14,
          message: 'no aws_lambda_provisioned_concurrency_config for',
        },
      ],
      output: null,
    },
  ],
});

describe('lambda/provisioned-concurrency: known bugs', () => {
  // Regression: an AWS::Lambda::Alias with ProvisionedConcurrencyConfig was modelled as aws_lambda_alias with a nested
  // block, not as an aws_lambda_provisioned_concurrency_config, so the hot function was still reported.
  it('CloudFormation: an AWS::Lambda::Alias with ProvisionedConcurrencyConfig', async () => {
    const { findings } = await lintCase(lambdaProvisionedConcurrency, {
      filename: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  AuthFunction:
    Type: AWS::Lambda::Function
    Properties:
      Handler: auth.handler
      Runtime: python3.12
  AuthAlias:
    Type: AWS::Lambda::Alias
    Properties:
      FunctionName: !Ref AuthFunction
      FunctionVersion: '1'
      Name: live
      ProvisionedConcurrencyConfig:
        ProvisionedConcurrentExecutions: 5
`,
    });
    assert.deepStrictEqual(findings, []);
  });
  it('CloudFormation: an AWS::Lambda::Alias without ProvisionedConcurrencyConfig does not count', async () => {
    const { findings } = await lintCase(lambdaProvisionedConcurrency, {
      filename: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  AuthFunction:
    Type: AWS::Lambda::Function
    Properties:
      Handler: auth.handler
      Runtime: python3.12
  AuthAlias:
    Type: AWS::Lambda::Alias
    Properties:
      FunctionName: !Ref AuthFunction
      FunctionVersion: '1'
      Name: live
`,
    });
    assert.strictEqual(findings.length, 1);
  });

  it('CDK TypeScript: a CfnAlias with provisionedConcurrencyConfig', async () => {
    const { findings } = await lintCase(lambdaProvisionedConcurrency, {
      filename: 'lib/auth-stack.ts',
      code: `import * as lambda from 'aws-cdk-lib/aws-lambda';

const authFn = new lambda.Function(this, 'AuthFunction', {
  runtime: lambda.Runtime.PYTHON_3_12,
  handler: 'auth.handler',
  code: lambda.Code.fromAsset('auth'),
});
new lambda.CfnAlias(this, 'AuthAlias', {
  functionName: authFn.functionName,
  functionVersion: '1',
  name: 'live',
  provisionedConcurrencyConfig: { provisionedConcurrentExecutions: 5 },
});
`,
    });
    assert.deepStrictEqual(findings, []);
  });
  it('CDK TypeScript: a CfnAlias without provisionedConcurrencyConfig does not count', async () => {
    const { findings } = await lintCase(lambdaProvisionedConcurrency, {
      filename: 'lib/auth-stack.ts',
      code: `import * as lambda from 'aws-cdk-lib/aws-lambda';

const authFn = new lambda.Function(this, 'AuthFunction', {
  runtime: lambda.Runtime.PYTHON_3_12,
  handler: 'auth.handler',
  code: lambda.Code.fromAsset('auth'),
});
new lambda.CfnAlias(this, 'AuthAlias', { functionName: authFn.functionName, functionVersion: '1', name: 'live' });
`,
    });
    assert.strictEqual(findings.length, 1);
  });
});
