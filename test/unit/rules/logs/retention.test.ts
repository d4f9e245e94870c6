import { logsRetention } from '../../../../src/core/rules/logs/retention';
import { ruleTester } from '../../rule-tester';

ruleTester(logsRetention, {
  valid: [
    {
      filename: 'logs.tf',
      code: 'resource "aws_cloudwatch_log_group" "api" {\n  retention_in_days = 14\n}\n',
    },
    {
      name: 'unknown',
      filename: 'logs.tf',
      code: 'variable "d" {}\nresource "aws_cloudwatch_log_group" "api" {\n  retention_in_days = var.d\n}\n',
    },
  ],
  invalid: [
    {
      filename: 'logs.tf',
      code: 'resource "aws_cloudwatch_log_group" "api" {\n  name = "/aws/lambda/shop-api"\n}\n',
      errors: [{ line: 1, column: 1, endLine: 1, endColumn: 42, message: 'retention_in_days is not set' }],
      output:
        'resource "aws_cloudwatch_log_group" "api" {\n  name              = "/aws/lambda/shop-api"\n  retention_in_days = 30\n}\n',
    },
    {
      name: 'the configured retention and 0',
      filename: 'logs.tf',
      config: { targets: { logs: { retentionDays: 90 } } },
      code: 'resource "aws_cloudwatch_log_group" "api" {\n  retention_in_days = 0\n}\n',
      errors: [{ line: 2, column: 3, endLine: 2, endColumn: 24, message: 'retention_in_days is 0' }],
      output: 'resource "aws_cloudwatch_log_group" "api" {\n  retention_in_days = 90\n}\n',
    },
  ],
});
