import { athenaWorkgroupEncryption } from '../../../../src/core/rules/athena/workgroup-encryption';
import { ruleTester } from '../../rule-tester';

ruleTester(athenaWorkgroupEncryption, {
  valid: [
    {
      name: "the guide's encrypted results",
      filename: 'athena.tf',
      code: 'resource "aws_athena_workgroup" "optimized" {\n  configuration {\n    result_configuration {\n      output_location = "s3://x/"\n\n      encryption_configuration {\n        encryption_option = "SSE_S3"\n      }\n    }\n  }\n}\n',
    },
  ],
  invalid: [
    {
      filename: 'athena.tf',
      code: 'resource "aws_athena_workgroup" "wg" {\n  configuration {\n    result_configuration {\n      output_location = "s3://x/"\n    }\n  }\n}\n',
      errors: [
        {
          line: 3,
          column: 5,
          endLine: 3,
          endColumn: 25,
          message: 'no result_configuration.encryption_configuration',
        },
      ],
      output:
        'resource "aws_athena_workgroup" "wg" {\n  configuration {\n    result_configuration {\n      output_location = "s3://x/"\n\n      encryption_configuration {\n        encryption_option = "SSE_S3"\n      }\n    }\n  }\n}\n',
    },
  ],
});
