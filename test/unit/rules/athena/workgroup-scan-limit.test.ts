import { athenaWorkgroupScanLimit } from '../../../../src/core/rules/athena/workgroup-scan-limit';
import { ruleTester } from '../../rule-tester';

const guide = `resource "aws_athena_workgroup" "optimized" {
  name = "\${var.project_name}-optimized"

  configuration {
    enforce_workgroup_configuration    = true
    publish_cloudwatch_metrics_enabled = true

    result_configuration {
      output_location = "s3://\${var.project_name}-athena-results/"

      encryption_configuration {
        encryption_option = "SSE_S3"
      }
    }

    # Set query limits
    bytes_scanned_cutoff_per_query = 1073741824  # 1 GB
  }
}
`;

ruleTester(athenaWorkgroupScanLimit, {
  valid: [
    { name: "the guide's optimized workgroup", filename: 'athena.tf', code: guide },
    {
      name: 'an unknown cutoff',
      filename: 'athena.tf',
      code: 'variable "cutoff" {}\nresource "aws_athena_workgroup" "wg" {\n  configuration {\n    bytes_scanned_cutoff_per_query = var.cutoff\n  }\n}\n',
    },
  ],
  invalid: [
    {
      name: 'no configuration block: it is added',
      filename: 'athena.tf',
      code: 'resource "aws_athena_workgroup" "wg" {\n  name = "analytics"\n}\n',
      errors: [
        {
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 37,
          message: 'bytes_scanned_cutoff_per_query is not set',
        },
      ],
      output:
        'resource "aws_athena_workgroup" "wg" {\n  name = "analytics"\n\n  configuration {\n    bytes_scanned_cutoff_per_query = 1073741824\n  }\n}\n',
    },
    {
      name: 'a configuration block without a cutoff',
      filename: 'athena.tf',
      code: 'resource "aws_athena_workgroup" "wg" {\n  configuration {\n    enforce_workgroup_configuration = true\n  }\n}\n',
      errors: [{ line: 2, column: 3, endLine: 2, endColumn: 16 }],
      output:
        'resource "aws_athena_workgroup" "wg" {\n  configuration {\n    enforce_workgroup_configuration = true\n    bytes_scanned_cutoff_per_query  = 1073741824\n  }\n}\n',
    },
    {
      name: '10 GB from a local',
      filename: 'athena.tf',
      code: 'locals {\n  gb = 1073741824\n}\nresource "aws_athena_workgroup" "wg" {\n  configuration {\n    bytes_scanned_cutoff_per_query = 10 * local.gb\n  }\n}\n',
      errors: [{ line: 6, column: 5, endLine: 6, endColumn: 51, message: '(10.0 GB) (local "gb")' }],
      output: null,
    },
  ],
});
