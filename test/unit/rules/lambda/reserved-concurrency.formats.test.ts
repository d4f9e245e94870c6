import { lambdaReservedConcurrency } from '../../../../src/core/rules/lambda/reserved-concurrency';
import * as assert from 'assert';
import { lintCase, ruleTester } from '../../rule-tester';

ruleTester(lambdaReservedConcurrency, {
  valid: [
    {
      name: 'SAM: an API function with ReservedConcurrentExecutions',
      filename: 'template.yaml',
      code: `Transform: AWS::Serverless-2016-10-31
Resources:
  GetOrder:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.get_order
      ReservedConcurrentExecutions: 100
      Events:
        Get:
          Type: Api
          Properties:
            Path: /orders/{id}
            Method: get
`,
    },
    {
      name: 'SAM: Globals reserve concurrency for every function',
      filename: 'template.yaml',
      code: `Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    ReservedConcurrentExecutions: 50
Resources:
  GetOrder:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.get_order
      Events:
        Get:
          Type: HttpApi
`,
    },
    {
      name: 'SAM: a queue consumer that is neither API-facing nor hot',
      filename: 'template.yaml',
      code: `Transform: AWS::Serverless-2016-10-31
Resources:
  OrderWorker:
    Type: AWS::Serverless::Function
    Properties:
      Handler: worker.handler
      Events:
        Queue:
          Type: SQS
          Properties:
            Queue: !GetAtt OrdersQueue.Arn
`,
    },
    {
      name: 'CloudFormation: an API-facing function with ReservedConcurrentExecutions',
      filename: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  OrdersFunction:
    Type: AWS::Lambda::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      Role: !GetAtt OrdersRole.Arn
      ReservedConcurrentExecutions: 100
  OrdersMethod:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref RestApi
      ResourceId: !Ref OrdersResource
      HttpMethod: GET
      AuthorizationType: NONE
      Integration:
        Type: AWS_PROXY
        IntegrationHttpMethod: POST
        Uri: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${OrdersFunction.Arn}/invocations
`,
    },
    {
      name: 'serverless.yml: reservedConcurrency on an http function',
      filename: 'serverless.yml',
      code: `service: orders
provider:
  name: aws
functions:
  getOrder:
    handler: src/orders.get
    reservedConcurrency: 100
    events:
      - http:
          path: orders/{id}
          method: get
`,
    },
    {
      name: 'CDK TypeScript: reservedConcurrentExecutions on the API handler',
      filename: 'lib/api-stack.ts',
      code: `import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as apigw from 'aws-cdk-lib/aws-apigateway';

const fn = new lambda.Function(this, 'OrdersFn', {
  runtime: lambda.Runtime.NODEJS_20_X,
  handler: 'index.handler',
  code: lambda.Code.fromAsset('lambda'),
  reservedConcurrentExecutions: 100,
});
new apigw.LambdaRestApi(this, 'OrdersApi', { handler: fn });
`,
    },
    {
      name: 'CDK Python: reserved_concurrent_executions on the API handler',
      filename: 'stacks/api_stack.py',
      code: `from aws_cdk import aws_apigateway as apigw, aws_lambda as _lambda

fn = _lambda.Function(
    self,
    "OrdersFn",
    runtime=_lambda.Runtime.PYTHON_3_12,
    handler="app.handler",
    code=_lambda.Code.from_asset("lambda"),
    reserved_concurrent_executions=100,
)
apigw.LambdaRestApi(self, "OrdersApi", handler=fn)
`,
    },
  ],
  invalid: [
    {
      name: 'SAM: an Api event without reserved concurrency',
      filename: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  GetOrder:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.get_order
      Runtime: python3.12
      Events:
        Get:
          Type: Api
          Properties:
            Path: /orders/{id}
            Method: get
`,
      errors: [
        {
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 11,
          message: 'reserved_concurrent_executions is not set and an API',
        },
      ],
      output: null,
    },
    {
      name: 'SAM: a hot function (auth) without reserved concurrency',
      filename: 'template.yaml',
      code: `Transform: AWS::Serverless-2016-10-31
Resources:
  AuthFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: auth.handler
`,
      errors: [
        {
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 15,
          message: 'reserved_concurrent_executions is not set and it is one of',
        },
      ],
      output: null,
    },
    {
      name: 'CloudFormation: an API method integrating the function',
      filename: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  OrdersFunction:
    Type: AWS::Lambda::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      Role: !GetAtt OrdersRole.Arn
  OrdersMethod:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref RestApi
      ResourceId: !Ref OrdersResource
      HttpMethod: GET
      AuthorizationType: NONE
      Integration:
        Type: AWS_PROXY
        IntegrationHttpMethod: POST
        Uri: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${OrdersFunction.Arn}/invocations
`,
      errors: [
        {
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 17,
          message: 'reserved_concurrent_executions is not set and an API',
        },
      ],
      output: null,
    },
    {
      name: 'serverless.yml: an httpApi function without reservedConcurrency',
      filename: 'serverless.yml',
      code: `service: orders
provider:
  name: aws
  runtime: nodejs20.x
functions:
  listOrders:
    handler: src/orders.list
    events:
      - httpApi:
          path: /orders
          method: get
`,
      errors: [
        {
          line: 6,
          column: 3,
          endLine: 6,
          endColumn: 13,
          message: 'reserved_concurrent_executions is not set and an API',
        },
      ],
      output: null,
    },
    {
      name: 'CDK TypeScript: the LambdaRestApi handler without reserved concurrency',
      filename: 'lib/api-stack.ts',
      code: `import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as apigw from 'aws-cdk-lib/aws-apigateway';

const fn = new lambda.Function(this, 'OrdersFn', {
  runtime: lambda.Runtime.NODEJS_20_X,
  handler: 'index.handler',
  code: lambda.Code.fromAsset('lambda'),
});
new apigw.LambdaRestApi(this, 'OrdersApi', { handler: fn });
`,
      errors: [
        {
          line: 4,
          column: 12,
          endLine: 4,
          endColumn: 48,
          message: 'reserved_concurrent_executions is not set and an API',
        },
      ],
      output: null,
    },
    {
      name: 'CDK Python: the LambdaRestApi handler without reserved concurrency',
      filename: 'stacks/api_stack.py',
      code: `from aws_cdk import aws_apigateway as apigw, aws_lambda as _lambda

fn = _lambda.Function(
    self,
    "OrdersFn",
    runtime=_lambda.Runtime.PYTHON_3_12,
    handler="app.handler",
    code=_lambda.Code.from_asset("lambda"),
)
apigw.LambdaRestApi(self, "OrdersApi", handler=fn)
`,
      errors: [
        {
          line: 3,
          column: 6,
          endLine: 5,
          endColumn: 15,
          message: 'reserved_concurrent_executions is not set and an API',
        },
      ],
      output: null,
    },
  ],
});

describe('lambda/reserved-concurrency: known bugs', () => {
  // Regression: constructType() did not list aws-apigatewayv2-integrations:HttpLambdaIntegration, so the CDK front
  // ends skipped the construct and emitted no aws_apigatewayv2_integration: functions behind an HTTP API were not
  // API-facing.
  it('CDK TypeScript: an HttpLambdaIntegration makes its function API-facing', async () => {
    const { findings } = await lintCase(lambdaReservedConcurrency, {
      filename: 'lib/api-stack.ts',
      code: `import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';

const listOrders = new NodejsFunction(this, 'ListOrders', { entry: 'src/list-orders.ts' });
new HttpLambdaIntegration('ListOrdersIntegration', listOrders);
`,
    });
    assert.strictEqual(findings.length, 1);
  });
  it('CDK TypeScript: an alpha HttpLambdaIntegration inside addRoutes', async () => {
    const { findings } = await lintCase(lambdaReservedConcurrency, {
      filename: 'lib/api-stack.ts',
      code: `import * as apigwv2 from '@aws-cdk/aws-apigatewayv2-alpha';
import { HttpLambdaIntegration } from '@aws-cdk/aws-apigatewayv2-integrations-alpha';
import * as lambda from 'aws-cdk-lib/aws-lambda';

const listOrders = new lambda.Function(this, 'ListOrders', {
  runtime: lambda.Runtime.NODEJS_20_X,
  handler: 'index.handler',
  code: lambda.Code.fromAsset('src'),
});
const api = new apigwv2.HttpApi(this, 'Api');
api.addRoutes({ path: '/orders', integration: new HttpLambdaIntegration('ListOrdersIntegration', listOrders) });
`,
    });
    assert.strictEqual(findings.length, 1);
  });

  it('CDK Python: an HttpLambdaIntegration makes its function API-facing', async () => {
    const { findings } = await lintCase(lambdaReservedConcurrency, {
      filename: 'stacks/api_stack.py',
      code: `from aws_cdk import aws_apigatewayv2 as apigwv2, aws_apigatewayv2_integrations as integrations, aws_lambda as _lambda

list_orders = _lambda.Function(
    self,
    "ListOrders",
    runtime=_lambda.Runtime.PYTHON_3_12,
    handler="app.handler",
    code=_lambda.Code.from_asset("lambda"),
)
api = apigwv2.HttpApi(self, "Api")
api.add_routes(path="/orders", integration=integrations.HttpLambdaIntegration("ListOrdersIntegration", list_orders))
`,
    });
    assert.strictEqual(findings.length, 1);
  });
});
