import { s3Lifecycle } from '../../../../src/core/rules/s3/lifecycle';
import { ruleTester } from '../../rule-tester';

ruleTester(s3Lifecycle, {
  valid: [
    {
      name: 'a raw-data bucket moving to Glacier',
      filename: 's3.tf',
      code: 'resource "aws_s3_bucket" "raw" {\n  bucket = "shop-raw"\n}\nresource "aws_s3_bucket_lifecycle_configuration" "raw" {\n  bucket = aws_s3_bucket.raw.id\n  rule {\n    id     = "archive"\n    status = "Enabled"\n    transition {\n      days          = 90\n      storage_class = "GLACIER"\n    }\n  }\n}\n',
    },
    {
      name: 'a log bucket that expires objects',
      filename: 's3.tf',
      code: 'resource "aws_s3_bucket" "logs" {\n  bucket = "shop-access-logs"\n  lifecycle_rule {\n    enabled = true\n    expiration {\n      days = 30\n    }\n  }\n}\n',
    },
    {
      name: 'a website bucket',
      filename: 's3.tf',
      code: 'resource "aws_s3_bucket" "frontend" {\n  bucket = "shop-frontend"\n}\n',
    },
  ],
  invalid: [
    {
      filename: 's3.tf',
      code: 'resource "aws_s3_bucket" "curated" {\n  bucket = "shop-curated"\n}\n',
      errors: [
        {
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 35,
          message: '"shop-curated" has no rule that moves objects to Glacier',
        },
      ],
      output: null,
    },
    {
      name: 'a lifecycle that only moves to Standard-IA',
      filename: 's3.tf',
      code: 'resource "aws_s3_bucket" "lake" {\n  bucket = "shop-data-lake"\n}\nresource "aws_s3_bucket_lifecycle_configuration" "lake" {\n  bucket = aws_s3_bucket.lake.id\n  rule {\n    status = "Enabled"\n    transition {\n      storage_class = "STANDARD_IA"\n    }\n  }\n}\n',
      errors: [{ line: 1, column: 1, endLine: 1, endColumn: 32 }],
      output: null,
    },
  ],
});
