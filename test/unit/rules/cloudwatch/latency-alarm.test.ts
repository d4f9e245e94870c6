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
  ],
});
