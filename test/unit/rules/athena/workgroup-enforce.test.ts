import { athenaWorkgroupEnforce } from '../../../../src/core/rules/athena/workgroup-enforce';
import { ruleTester } from '../../rule-tester';

ruleTester(athenaWorkgroupEnforce, {
  valid: [
    {
      name: "the guide's settings",
      filename: 'athena.tf',
      code: 'resource "aws_athena_workgroup" "optimized" {\n  configuration {\n    enforce_workgroup_configuration    = true\n    publish_cloudwatch_metrics_enabled = true\n  }\n}\n',
    },
    {
      name: 'defaults are true',
      filename: 'athena.tf',
      code: 'resource "aws_athena_workgroup" "wg" {\n  configuration {}\n}\n',
    },
  ],
  invalid: [
    {
      filename: 'athena.tf',
      code: 'resource "aws_athena_workgroup" "wg" {\n  configuration {\n    enforce_workgroup_configuration    = false\n    publish_cloudwatch_metrics_enabled = false\n  }\n}\n',
      errors: [
        { line: 3, column: 5, endLine: 3, endColumn: 47, message: 'clients may override its settings' },
        { line: 4, column: 5, endLine: 4, endColumn: 47, message: 'publishes no CloudWatch metrics' },
      ],
      output:
        'resource "aws_athena_workgroup" "wg" {\n  configuration {\n    enforce_workgroup_configuration    = true\n    publish_cloudwatch_metrics_enabled = true\n  }\n}\n',
    },
  ],
});
