import { cloudwatchLatencyAlarm } from '../../../../src/core/rules/cloudwatch/latency-alarm';
import { ruleTester } from '../../rule-tester';

ruleTester(cloudwatchLatencyAlarm, {
  valid: [
    {
      name: 'SAM: a function with Errors and Throttles alarms',
      filename: 'template.yaml',
      code: `Transform: AWS::Serverless-2016-10-31
Resources:
  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
  OrdersErrors:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/Lambda
      MetricName: Errors
      Dimensions:
        - Name: FunctionName
          Value: !Ref OrdersFunction
      Statistic: Sum
      Period: 60
      EvaluationPeriods: 1
      Threshold: 1
      ComparisonOperator: GreaterThanOrEqualToThreshold
  OrdersThrottles:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/Lambda
      MetricName: Throttles
      Dimensions:
        - Name: FunctionName
          Value: !Ref OrdersFunction
      Statistic: Sum
      Period: 60
      EvaluationPeriods: 1
      Threshold: 1
      ComparisonOperator: GreaterThanOrEqualToThreshold
`,
    },
    {
      name: 'CloudFormation: a stage with an API Gateway Latency alarm',
      filename: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  RestApi:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: orders-api
  ProdStage:
    Type: AWS::ApiGateway::Stage
    Properties:
      StageName: prod
      RestApiId: !Ref RestApi
  LatencyAlarm:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/ApiGateway
      MetricName: Latency
      Dimensions:
        - Name: ApiName
          Value: orders-api
      ExtendedStatistic: p99
      Period: 60
      EvaluationPeriods: 5
      Threshold: 1000
      ComparisonOperator: GreaterThanThreshold
`,
    },
    {
      name: 'serverless.yml: a stage with an API Gateway Latency alarm, under resources.Resources',
      filename: 'serverless.yml',
      code: `service: platform
provider:
  name: aws
resources:
  Resources:
    RestApi:
      Type: AWS::ApiGateway::RestApi
      Properties:
        Name: orders-api
    ProdStage:
      Type: AWS::ApiGateway::Stage
      Properties:
        StageName: prod
        RestApiId: !Ref RestApi
    LatencyAlarm:
      Type: AWS::CloudWatch::Alarm
      Properties:
        Namespace: AWS/ApiGateway
        MetricName: Latency
        Dimensions:
          - Name: ApiName
            Value: orders-api
        ExtendedStatistic: p99
        Period: 60
        EvaluationPeriods: 5
        Threshold: 1000
        ComparisonOperator: GreaterThanThreshold
`,
    },
    {
      name: 'CDK TypeScript: metricErrors and metricThrottles alarms',
      filename: 'lib/monitoring-stack.ts',
      code: `import * as lambda from 'aws-cdk-lib/aws-lambda';

const fn = new lambda.Function(this, 'OrdersFn', {
  runtime: lambda.Runtime.NODEJS_20_X,
  handler: 'index.handler',
  code: lambda.Code.fromAsset('lambda'),
});
fn.metricErrors().createAlarm(this, 'OrdersErrors', { threshold: 1, evaluationPeriods: 1 });
fn.metricThrottles().createAlarm(this, 'OrdersThrottles', { threshold: 1, evaluationPeriods: 1 });
`,
    },
    {
      name: 'CDK Python: metric_errors and metric_throttles alarms',
      filename: 'stacks/monitoring_stack.py',
      code: `from aws_cdk import aws_lambda as _lambda

fn = _lambda.Function(
    self,
    "OrdersFn",
    runtime=_lambda.Runtime.PYTHON_3_12,
    handler="app.handler",
    code=_lambda.Code.from_asset("lambda"),
)
fn.metric_errors().create_alarm(self, "OrdersErrors", threshold=1, evaluation_periods=1)
fn.metric_throttles().create_alarm(self, "OrdersThrottles", threshold=1, evaluation_periods=1)
`,
    },
    {
      name: 'CDK TypeScript: a cloudwatch.Alarm on api.metricLatency()',
      filename: 'lib/api-stack.ts',
      code: `import { Duration } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';

const api = new apigw.RestApi(this, 'OrdersApi', { deployOptions: { stageName: 'prod' } });
new cloudwatch.Alarm(this, 'ApiLatency', {
  metric: api.metricLatency({ statistic: 'p99', period: Duration.minutes(1) }),
  threshold: 1000,
  evaluationPeriods: 5,
});
`,
    },
  ],
  invalid: [
    {
      name: 'SAM: a function without alarms',
      filename: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
`,
      errors: [
        {
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 17,
          message: 'no AWS::CloudWatch::Alarm on AWS/Lambda Errors or',
        },
      ],
      output: null,
    },
    {
      name: 'SAM: an Api without a Latency alarm',
      filename: 'template.yaml',
      code: `Transform: AWS::Serverless-2016-10-31
Resources:
  OrdersApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
`,
      errors: [
        {
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 12,
          message: 'no AWS::CloudWatch::Alarm on AWS/ApiGateway Latency',
        },
      ],
      output: null,
    },
    {
      name: 'CloudFormation: an Errors alarm for another function',
      filename: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  OrdersFunction:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: orders
      Handler: index.handler
      Runtime: nodejs20.x
      Role: !GetAtt Role.Arn
  PaymentsErrors:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/Lambda
      MetricName: Errors
      Dimensions:
        - Name: FunctionName
          Value: payments
      Statistic: Sum
      Period: 60
      EvaluationPeriods: 1
      Threshold: 1
      ComparisonOperator: GreaterThanOrEqualToThreshold
`,
      errors: [
        {
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 17,
          message: 'no AWS::CloudWatch::Alarm on AWS/Lambda Errors or',
        },
      ],
      output: null,
    },
    {
      name: 'CloudFormation JSON: an HTTP API stage without a Latency alarm',
      filename: 'template.json',
      code: `{
  "Resources": {
    "ProdStage": {
      "Type": "AWS::ApiGatewayV2::Stage",
      "Properties": { "ApiId": { "Ref": "HttpApi" }, "StageName": "prod", "AutoDeploy": true }
    }
  }
}
`,
      errors: [
        {
          line: 3,
          column: 5,
          endLine: 3,
          endColumn: 16,
          message: 'no AWS::CloudWatch::Alarm on AWS/ApiGateway Latency',
        },
      ],
      output: null,
    },
    {
      name: 'serverless.yml: a function without alarms',
      filename: 'serverless.yml',
      code: `service: orders
provider:
  name: aws
  runtime: nodejs20.x
functions:
  listOrders:
    handler: src/orders.list
`,
      errors: [
        {
          line: 6,
          column: 3,
          endLine: 6,
          endColumn: 13,
          message: 'no AWS::CloudWatch::Alarm on AWS/Lambda Errors or',
        },
      ],
      output: null,
    },
    {
      name: 'CDK TypeScript: an Errors alarm but no Throttles alarm',
      filename: 'lib/monitoring-stack.ts',
      code: `import { aws_lambda as lambda } from 'aws-cdk-lib';

const fn = new lambda.Function(this, 'OrdersFn', {
  runtime: lambda.Runtime.NODEJS_20_X,
  handler: 'index.handler',
  code: lambda.Code.fromAsset('lambda'),
});
fn.metricErrors().createAlarm(this, 'OrdersErrors', { threshold: 1, evaluationPeriods: 1 });
`,
      errors: [
        {
          line: 3,
          column: 12,
          endLine: 3,
          endColumn: 48,
          message: 'no cloudwatch.Alarm on AWS/Lambda Throttles for',
        },
      ],
      output: null,
    },
    {
      name: 'CDK TypeScript: a RestApi without a Latency alarm',
      filename: 'lib/api-stack.ts',
      code: `import * as apigw from 'aws-cdk-lib/aws-apigateway';

new apigw.RestApi(this, 'OrdersApi', { deployOptions: { stageName: 'prod' } });
`,
      errors: [
        {
          line: 3,
          column: 40,
          endLine: 3,
          endColumn: 53,
          message: 'no cloudwatch.Alarm on AWS/ApiGateway Latency',
        },
      ],
      output: null,
    },
    {
      name: 'CDK Python: a function without alarms',
      filename: 'stacks/monitoring_stack.py',
      code: `from aws_cdk import aws_lambda as _lambda

_lambda.Function(
    self,
    "OrdersFn",
    runtime=_lambda.Runtime.PYTHON_3_12,
    handler="app.handler",
    code=_lambda.Code.from_asset("lambda"),
)
`,
      errors: [
        {
          line: 3,
          column: 1,
          endLine: 5,
          endColumn: 15,
          message: 'no cloudwatch.Alarm on AWS/Lambda Errors or',
        },
      ],
      output: null,
    },
  ],
});
