import { lambdaTimeoutApi } from '../../../../src/core/rules/lambda/timeout-api';
import { ruleTester } from '../../rule-tester';

ruleTester(lambdaTimeoutApi, {
  valid: [
    {
      name: 'SAM: an Api event and a 29-second timeout',
      filename: 'template.yaml',
      code: `Transform: AWS::Serverless-2016-10-31
Resources:
  GetOrder:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.get_order
      Runtime: python3.12
      Timeout: 29
      Events:
        Get:
          Type: Api
          Properties:
            Path: /orders/{id}
            Method: get
`,
    },
    {
      name: 'SAM: a long timeout without an API event',
      filename: 'template.yaml',
      code: `Transform: AWS::Serverless-2016-10-31
Resources:
  NightlyExport:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.export
      Timeout: 900
      Events:
        Nightly:
          Type: Schedule
          Properties:
            Schedule: cron(0 2 * * ? *)
`,
    },
    {
      name: 'CloudFormation: a 20-second function behind an API method',
      filename: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  OrdersFunction:
    Type: AWS::Lambda::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      Role: !GetAtt OrdersRole.Arn
      Timeout: 20
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
      name: 'serverless.yml: the framework default (6 s) behind http',
      filename: 'serverless.yml',
      code: `service: orders
provider:
  name: aws
  runtime: nodejs20.x
functions:
  getOrder:
    handler: src/orders.get
    events:
      - http:
          path: orders/{id}
          method: get
`,
    },
    {
      name: 'CDK TypeScript: a 10-second function behind LambdaRestApi',
      filename: 'lib/api-stack.ts',
      code: `import { Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as apigw from 'aws-cdk-lib/aws-apigateway';

const fn = new lambda.Function(this, 'OrdersFn', {
  runtime: lambda.Runtime.NODEJS_20_X,
  handler: 'index.handler',
  code: lambda.Code.fromAsset('lambda'),
  timeout: Duration.seconds(10),
});
new apigw.LambdaRestApi(this, 'OrdersApi', { handler: fn });
`,
    },
    {
      name: 'CDK Python: a 20-second function behind LambdaRestApi',
      filename: 'stacks/api_stack.py',
      code: `from aws_cdk import Duration, aws_apigateway as apigw, aws_lambda as _lambda

fn = _lambda.Function(
    self,
    "OrdersFn",
    runtime=_lambda.Runtime.PYTHON_3_12,
    handler="app.handler",
    code=_lambda.Code.from_asset("lambda"),
    timeout=Duration.seconds(20),
)
apigw.LambdaRestApi(self, "OrdersApi", handler=fn)
`,
    },
  ],
  invalid: [
    {
      name: 'SAM: a 60-second function behind an Api event',
      filename: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  GetOrder:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.get_order
      Runtime: python3.12
      Timeout: 60
      Events:
        Get:
          Type: Api
          Properties:
            Path: /orders/{id}
            Method: get
`,
      errors: [
        {
          line: 9,
          column: 7,
          endLine: 9,
          endColumn: 18,
          message: 'timeout is 60 s but',
          suggestions: [
            {
              title: 'Set timeout to 29 seconds',
              output: `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  GetOrder:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.get_order
      Runtime: python3.12
      Timeout: 29
      Events:
        Get:
          Type: Api
          Properties:
            Path: /orders/{id}
            Method: get
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'SAM: an HttpApi event waits 30 s',
      filename: 'template.yaml',
      code: `Transform: AWS::Serverless-2016-10-31
Resources:
  ListOrders:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.list_orders
      Timeout: 45
      Events:
        List:
          Type: HttpApi
          Properties:
            Path: /orders
            Method: get
`,
      errors: [
        {
          line: 7,
          column: 7,
          endLine: 7,
          endColumn: 18,
          message: 'timeout is 45 s but',
          suggestions: [
            {
              title: 'Set timeout to 30 seconds',
              output: `Transform: AWS::Serverless-2016-10-31
Resources:
  ListOrders:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.list_orders
      Timeout: 30
      Events:
        List:
          Type: HttpApi
          Properties:
            Path: /orders
            Method: get
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'SAM: a Globals timeout (reported at Globals, no suggestion)',
      filename: 'template.yaml',
      code: `Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Timeout: 120
Resources:
  GetOrder:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.get_order
      Events:
        Get:
          Type: Api
          Properties:
            Path: /orders/{id}
            Method: get
`,
      errors: [
        { line: 4, column: 5, endLine: 4, endColumn: 17, message: 'timeout is 120 s (from Globals) but' },
      ],
      output: null,
    },
    {
      name: 'CloudFormation: an API method integrating the function through !Sub',
      filename: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  OrdersFunction:
    Type: AWS::Lambda::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      Role: !GetAtt OrdersRole.Arn
      Timeout: 120
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
          line: 9,
          column: 7,
          endLine: 9,
          endColumn: 19,
          message: 'timeout is 120 s but',
          suggestions: [
            {
              title: 'Set timeout to 29 seconds',
              output: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  OrdersFunction:
    Type: AWS::Lambda::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      Role: !GetAtt OrdersRole.Arn
      Timeout: 29
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
          ],
        },
      ],
      output: null,
    },
    {
      name: 'serverless.yml: a 60-second function behind http',
      filename: 'serverless.yml',
      code: `service: orders
provider:
  name: aws
  runtime: nodejs20.x
functions:
  getOrder:
    handler: src/orders.get
    timeout: 60
    events:
      - http:
          path: orders/{id}
          method: get
`,
      errors: [
        {
          line: 8,
          column: 5,
          endLine: 8,
          endColumn: 16,
          message: 'timeout is 60 s but',
          suggestions: [
            {
              title: 'Set timeout to 29 seconds',
              output: `service: orders
provider:
  name: aws
  runtime: nodejs20.x
functions:
  getOrder:
    handler: src/orders.get
    timeout: 29
    events:
      - http:
          path: orders/{id}
          method: get
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'CDK TypeScript: a 1-minute function behind LambdaRestApi',
      filename: 'lib/api-stack.ts',
      code: `import { Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as apigw from 'aws-cdk-lib/aws-apigateway';

const fn = new lambda.Function(this, 'OrdersFn', {
  runtime: lambda.Runtime.NODEJS_20_X,
  handler: 'index.handler',
  code: lambda.Code.fromAsset('lambda'),
  timeout: Duration.minutes(1),
});
new apigw.LambdaRestApi(this, 'OrdersApi', { handler: fn });
`,
      errors: [
        {
          line: 9,
          column: 3,
          endLine: 9,
          endColumn: 31,
          message: 'timeout is 60 s but',
          suggestions: [
            {
              title: 'Set timeout to 29 seconds',
              output: `import { Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as apigw from 'aws-cdk-lib/aws-apigateway';

const fn = new lambda.Function(this, 'OrdersFn', {
  runtime: lambda.Runtime.NODEJS_20_X,
  handler: 'index.handler',
  code: lambda.Code.fromAsset('lambda'),
  timeout: Duration.seconds(29),
});
new apigw.LambdaRestApi(this, 'OrdersApi', { handler: fn });
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'CDK TypeScript: a NodejsFunction behind a LambdaIntegration',
      filename: 'lib/api-stack.ts',
      code: `import { Duration } from 'aws-cdk-lib';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LambdaIntegration, RestApi } from 'aws-cdk-lib/aws-apigateway';

const getOrder = new NodejsFunction(this, 'GetOrder', {
  entry: 'src/get-order.ts',
  timeout: Duration.seconds(45),
});
const api = new RestApi(this, 'OrdersApi');
api.root.addResource('orders').addMethod('GET', new LambdaIntegration(getOrder));
`,
      errors: [
        {
          line: 7,
          column: 3,
          endLine: 7,
          endColumn: 32,
          message: 'timeout is 45 s but',
          suggestions: [
            {
              title: 'Set timeout to 29 seconds',
              output: `import { Duration } from 'aws-cdk-lib';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LambdaIntegration, RestApi } from 'aws-cdk-lib/aws-apigateway';

const getOrder = new NodejsFunction(this, 'GetOrder', {
  entry: 'src/get-order.ts',
  timeout: Duration.seconds(29),
});
const api = new RestApi(this, 'OrdersApi');
api.root.addResource('orders').addMethod('GET', new LambdaIntegration(getOrder));
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'CDK Python: a 5-minute function behind LambdaRestApi',
      filename: 'stacks/api_stack.py',
      code: `from aws_cdk import Duration, aws_apigateway as apigw, aws_lambda as _lambda

fn = _lambda.Function(
    self,
    "OrdersFn",
    runtime=_lambda.Runtime.PYTHON_3_12,
    handler="app.handler",
    code=_lambda.Code.from_asset("lambda"),
    timeout=Duration.minutes(5),
)
apigw.LambdaRestApi(self, "OrdersApi", handler=fn)
`,
      errors: [
        {
          line: 9,
          column: 5,
          endLine: 9,
          endColumn: 32,
          message: 'timeout is 300 s but',
          suggestions: [
            {
              title: 'Set timeout to 29 seconds',
              output: `from aws_cdk import Duration, aws_apigateway as apigw, aws_lambda as _lambda

fn = _lambda.Function(
    self,
    "OrdersFn",
    runtime=_lambda.Runtime.PYTHON_3_12,
    handler="app.handler",
    code=_lambda.Code.from_asset("lambda"),
    timeout=Duration.seconds(29),
)
apigw.LambdaRestApi(self, "OrdersApi", handler=fn)
`,
            },
          ],
        },
      ],
      output: null,
    },
  ],
});
