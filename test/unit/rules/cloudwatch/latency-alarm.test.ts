import { cloudwatchLatencyAlarm } from '../../../../src/core/rules/cloudwatch/latency-alarm';
import { ruleTester } from '../../rule-tester';

const guideAlarm = `resource "aws_cloudwatch_metric_alarm" "api_high_latency" {
  alarm_name          = "\${var.project_name}-api-high-latency"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = "2"
  metric_name         = "Latency"
  namespace           = "AWS/ApiGateway"
  period              = "300"
  statistic           = "Average"
  threshold           = "1000"  # 1 second
  alarm_description   = "API Gateway latency is too high"
  alarm_actions       = [aws_sns_topic.alerts.arn]
}
`;
const lambdaAlarm = (metric: string) =>
  `resource "aws_cloudwatch_metric_alarm" "orders_${metric}" {\n  namespace   = "AWS/Lambda"\n  metric_name = "${metric}"\n  dimensions = {\n    FunctionName = aws_lambda_function.orders.function_name\n  }\n}\n`;

ruleTester(cloudwatchLatencyAlarm, {
  valid: [
    {
      name: "the guide's latency alarm covers the stage",
      filename: 'api.tf',
      files: { 'alarms.tf': guideAlarm },
      code: 'resource "aws_api_gateway_stage" "prod" {}\n',
    },
    {
      name: 'a function with both alarms',
      filename: 'lambda.tf',
      files: { 'alarms.tf': lambdaAlarm('Errors') + lambdaAlarm('Throttles') },
      code: 'resource "aws_lambda_function" "orders" {}\n',
    },
  ],
  invalid: [
    {
      filename: 'api.tf',
      code: 'resource "aws_api_gateway_stage" "prod" {\n  stage_name = "prod"\n}\n',
      errors: [
        {
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 40,
          message: 'no aws_cloudwatch_metric_alarm on AWS/ApiGateway Latency',
        },
      ],
      output: null,
    },
    {
      name: 'a function with only an Errors alarm',
      filename: 'lambda.tf',
      files: { 'alarms.tf': lambdaAlarm('Errors') },
      code: 'resource "aws_lambda_function" "orders" {\n  function_name = "orders"\n}\n',
      errors: [
        { line: 1, column: 1, endLine: 1, endColumn: 40, message: 'AWS/Lambda Throttles for "orders"' },
      ],
      output: null,
    },
    {
      name: 'SAM: the message names the CloudFormation alarm type',
      filename: 'template.yaml',
      code: 'Transform: AWS::Serverless-2016-10-31\nResources:\n  OrdersFunction:\n    Type: AWS::Serverless::Function\n    Properties:\n      FunctionName: orders\n      Handler: app.handler\n      Runtime: python3.12\n',
      errors: [
        {
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 17,
          message:
            'Lambda function without alarms: no AWS::CloudWatch::Alarm on AWS/Lambda Errors or Throttles for "orders"',
        },
      ],
      output: null,
    },
    {
      name: 'CDK TypeScript: the message names the CDK construct',
      filename: 'lib/stack.ts',
      code: "import * as lambda from 'aws-cdk-lib/aws-lambda';\n\nnew lambda.Function(this, 'Orders', { functionName: 'orders', runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromAsset('src') });\n",
      errors: [
        {
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 35,
          message: 'no cloudwatch.Alarm on AWS/Lambda Errors or Throttles for "orders"',
        },
      ],
      output: null,
    },
  ],
});
